/**
 * V8 settings for a Node process that reads plans: the language server and the `plankit` command
 * make them once, at start-up, before they read a plan (from `@plankit/core/node`; nothing sets
 * them on being imported). Both are about the first check of a large plan in a new process, which
 * is V8's worst case: nearly everything it allocates survives (the plan's tree and model live while
 * the file is open or the command runs), and nearly all the code it runs runs for the first time.
 * Neither changes what a check finds. `bench/lsp.mjs` measures the server with them, and
 * `test/v8-settings.test.ts` checks that each takes effect when set in a running process, as the
 * front ends set it.
 */
import { setFlagsFromString } from 'node:v8';

/** Both settings, as the language server and the CLI make them. */
export function tuneV8ForChecks(): void {
  keepYoungGenerationSmall();
  optimiseOnlyHotCode();
}

/**
 * Keeps V8's young generation at the size it has when the process starts (4 MB), where V8 would
 * grow it to 32 MB.
 *
 * V8 doubles the young generation while most of what it allocates survives, and reading a plan is
 * just that: its tree and model live as long as the file is open. Every page the young generation
 * grows into is memory the process touches for the first time, which costs a page fault (about
 * 11 µs a page on the machine the bench runs on, where freed memory goes back to the host), and the
 * surviving objects are copied there before they move to the old generation anyway. Left small, the
 * young generation hands them on sooner and the process touches less memory. Measured on opening the
 * 2,000-action plan in a fresh server (the bench's figures, and 9 fresh opens each way interleaved):
 *
 * - didOpen to first diagnostics, median of 9: 381 ms against 422 ms;
 * - pages first touched in the open: 9,372 against 13,244 and 13,177 (the runs either side);
 * - RSS after the keystrokes: 100.7 MB against 117.5 and 126.6 MB; peak 111.5 against 130.8 MB;
 * - keystroke p95 unchanged: 38.0 ms against 39.8 and 40.4 ms (200 actions: 9.3 against 11.5 ms).
 *
 * The growth factor is read each time V8 considers growing the young generation, so setting it once
 * the process runs takes effect from then on; 1 means "no bigger" (0 would crash V8, and is not used).
 */
export function keepYoungGenerationSmall(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
}

/**
 * V8's budget of work (its "interrupt budget", counted in bytecode) that a function must use up
 * before V8 considers optimising it: about 4.4 times V8's default of 67,584.
 */
export const OPTIMISATION_BUDGET = 300_000;

/**
 * Makes V8 wait for more work from a function before it optimises it, so that code which runs
 * only while a file is read for the first time is left to the interpreter and the baseline
 * compiler, and the optimising compiler works on what keeps running.
 *
 * With V8's default, the first check of the 2,000-action plan had TurboFan compile 64 functions on
 * a background thread (the YAML reader's, the model's, the schema validator's), for about 690 ms of
 * compiling as `--trace-opt` counts it; the process used about 590 ms of processor time for a
 * 357 ms check. With two cores, that compiling competes with the check itself and with V8's own
 * parallel collector. Measured on fresh opens of the server (didOpen to first diagnostics, medians
 * of runs interleaved with V8's default):
 *
 * - 2,000 actions, 9 runs each: 300.9 ms against 374.1 ms (a budget of 150,000: 329.0 ms; of
 *   600,000: 316.9 ms); keystroke p95 48.0 against 50.4 ms;
 * - 200 actions, 5 runs each: 72.3 against 88.9 ms;
 * - 10,000 actions, 5 runs each: 1,091.8 against 1,144.9 ms, keystroke p95 207.2 ms both ways.
 *
 * The `plankit` command gains too: `plankit validate` of the 2,000-action plan took 532 ms with this
 * setting against 587 ms without, and 478 ms with both settings (medians of 7, interleaved);
 * importing the Kingston .xlsx seed, 588 against 665 ms with both.
 *
 * Like the growth factor, the budget is read when it is used (each time a function's budget is
 * reset), so setting it once the process runs takes effect for every function that runs after.
 */
export function optimiseOnlyHotCode(): void {
  setFlagsFromString(`--interrupt-budget=${OPTIMISATION_BUDGET}`);
}
