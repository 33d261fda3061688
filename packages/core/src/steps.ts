/**
 * Long work in steps. Reading and checking a plan of thousands of actions takes hundreds of
 * milliseconds; the core does it as generators that pause between stages, so that a web page can
 * give the browser a turn in between. Editors and the CLI run the same generators straight through.
 */

/** Where a stepwise reading or check paused. */
export type Stage = 'reading' | 'parsed' | 'schema-checked' | 'modelling' | 'checking';

/** How many items the date checks get through between pauses. */
export const ITEMS_PER_STEP = 1_000;

/** Runs stepwise work to its end without pausing. */
export function finish<T>(steps: Generator<Stage, T, void>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
