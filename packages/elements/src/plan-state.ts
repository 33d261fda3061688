/**
 * What plan elements hold and show, without the code that loads plans: the elements import this at
 * once, and `state.ts` (the core: readers, validator, due dates, checks) only when there is a plan to
 * load, so a page of badges with their own status words never downloads the core.
 */
import type { AsOfBasis, Diagnostic, IsoDate, Plan, PlanAnalysis } from '@plankit/core/lite';

/** Why a plan could not be shown. */
export type PlanErrorKind = 'network' | 'http' | 'syntax' | 'invalid' | 'empty';

/** What every plan element shows: a plan being loaded, a plan ready, or why there is none. */
export interface PlanState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  plan?: Plan;
  /** The plan's analysis at the as-of date: statuses, deadlines, overdue, counts. */
  analysis?: PlanAnalysis;
  /** Every finding of the core's checks (elements show overdue and due-soon from the analysis). */
  diagnostics: Diagnostic[];
  asOf?: IsoDate;
  asOfBasis?: AsOfBasis;
  error?: { kind: PlanErrorKind; message: string; status?: number };
  /** Where the plan came from (a URL), for messages. */
  source?: string;
}

/** Where a plan comes from: a URL, text, or an already-parsed value. */
export interface PlanInput {
  src?: string;
  text?: string;
  value?: unknown;
  format?: 'json' | 'yaml';
}

export const IDLE: PlanState = Object.freeze({ status: 'idle', diagnostics: [] }) as PlanState;

/**
 * Loads a plan with the core, fetching the core's chunk the first time (in the one-script bundle;
 * npm users' bundlers split it the same way or not at all). A chunk that cannot be fetched is an
 * error state like any other failed load, never an exception in the page.
 */
export async function loadPlan(input: PlanInput, options: { asOf?: string; signal?: AbortSignal } = {}): Promise<PlanState> {
  let loader: typeof import('./state.js');
  try {
    loader = await import('./state.js');
  } catch {
    const message = 'The code that reads plans could not be loaded: check the connection, then reload the page.';
    return { status: 'error', diagnostics: [], source: input.src, error: { kind: 'network', message } };
  }
  return loader.loadPlanState(input, options);
}
