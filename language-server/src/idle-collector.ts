import { getHeapSpaceStatistics } from 'node:v8';
import { measureMemory } from 'node:vm';

/** How long the server must have been quiet before it gives memory back. */
export const QUIET_MS = 1_000;
/** How much the old generation must have grown since the last full collection for one to be worth its pause. */
export const QUIET_GROWTH_BYTES = 16 * 1024 * 1024;
/** How much V8's large-object spaces (where each version of a large plan's text lives) may grow between checks before a collection. */
export const TEXT_GROWTH_BYTES = 12 * 1024 * 1024;

/** Why a collection was made: the server went quiet, or texts piled up while the officer typed. */
export type CollectionReason = 'quiet' | 'texts';

export interface IdleCollectorOptions {
  quietMs?: number;
  growthBytes?: number;
  textGrowthBytes?: number;
  /** The old generation's size in use, in bytes (V8's figure by default). */
  heapUsed?: () => number;
  /** The large-object spaces' size in use, young and old, in bytes (V8's figure by default). */
  largeObjectsUsed?: () => number;
  /** Runs a collection after a check, once the check's answer is on its way (`setImmediate` by default). */
  soon?: (run: () => void) => void;
  /** A full garbage collection (V8's, through an eager memory measurement, by default). */
  collect?: () => Promise<unknown>;
  /** Told why, and before and after each collection the size its rule counts (old generation when quiet, large objects for texts). */
  collected?: (reason: CollectionReason, before: number, after: number) => void;
  /** Told, when a quiet second passes without a collection, how much the old generation has grown since the last full collection (in bytes). */
  passed?: (growth: number) => void;
}

/** V8's spaces that only a full collection frees (the young generation is emptied often anyway). */
const OLD_SPACES = new Set(['old_space', 'large_object_space', 'code_space', 'code_large_object_space']);

/** V8's spaces for objects too large for a normal page (strings over 128 KB, among them a large plan's text). */
const LARGE_OBJECT_SPACES = new Set(['large_object_space', 'new_large_object_space']);

/** The bytes in use in these of V8's heap spaces. */
function usedIn(spaces: ReadonlySet<string>): number {
  let used = 0;
  for (const space of getHeapSpaceStatistics()) if (spaces.has(space.space_name)) used += space.space_used_size;
  return used;
}

/** The old generation's size in use, in bytes. */
export function oldGenerationUsed(): number {
  return usedIn(OLD_SPACES);
}

/** The large-object spaces' size in use, young and old, in bytes. */
export function largeObjectsUsed(): number {
  return usedIn(LARGE_OBJECT_SPACES);
}

/**
 * Gives memory back between checks.
 *
 * Each keystroke on a large plan makes a new copy of its text (2.2 MB for the 2,000-action plan,
 * which V8 keeps in its large-object spaces). The copies alive at a young-generation collection
 * move to the old generation, where only a full collection frees them, and V8 starts one only when
 * the old generation reaches a limit set from its size at the last one. Left to V8, typing in that
 * plan took the server from 125 to 170–227 MB RSS, and V8's idle-time memory reducer does not run
 * in Node, so it stayed there while the officer read (no change in 15 s of quiet, measured). Two
 * rules ask V8 for a full collection instead:
 *
 * - **Texts piling up** (`checked`, right after a check's diagnostics are sent, which also counts
 *   as work for the quiet rule): when the
 *   large-object spaces hold 12 MB more than after the last full collection, one runs at once, in
 *   the gap before the next keystroke. Measured in sessions of 210 keystrokes, three of each,
 *   alternated: peak RSS 141–146 MB against 170–227 MB without the rule, at a cost of 3–5 ms on the
 *   keystroke p95 (38–42 ms against 33–42 ms). At 8 MB the peak was no lower (139–142 MB) and the
 *   p95 higher (45–52 ms); counting only the old generation's growth (8 or 12 MB) peaked at
 *   149–156 MB.
 * - **Quiet** (`touch`, on every check and edit): a second after the last one, if the old
 *   generation has grown by 16 MB since the last full collection (opening a large plan, say).
 *   Whether it has is up to V8 as well: opening the 2,000-action plan grows it by about 20 MB when
 *   V8 has not run a full collection of its own meanwhile, and by about 15 MB (what the check keeps)
 *   when it has, in which case there is little to give back and none is made.
 *
 * The pause is about 2–14 ms here (V8 marks concurrently and stops the server only to finish).
 * Node has no plain "collect now" without `--expose-gc`; an eager `vm.measureMemory` is the
 * documented way to get a full collection (its result is not used). Where it is missing or fails,
 * the collector stops asking.
 */
export class IdleCollector {
  private readonly quietMs: number;
  private readonly growthBytes: number;
  private readonly textGrowthBytes: number;
  private readonly heapUsed: () => number;
  private readonly largeObjectsUsed: () => number;
  private readonly soon: (run: () => void) => void;
  private readonly collect: () => Promise<unknown>;
  private readonly collected?: (reason: CollectionReason, before: number, after: number) => void;
  private readonly passed?: (growth: number) => void;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The old generation after the last full collection (ours or V8's): growth is counted from here. */
  private baseline: number;
  /** The large-object spaces after the last collection that emptied them (ours or V8's). */
  private largeBaseline: number;
  private running = false;
  private disabled = false;

  constructor(options: IdleCollectorOptions = {}) {
    this.quietMs = options.quietMs ?? QUIET_MS;
    this.growthBytes = options.growthBytes ?? QUIET_GROWTH_BYTES;
    this.textGrowthBytes = options.textGrowthBytes ?? TEXT_GROWTH_BYTES;
    this.heapUsed = options.heapUsed ?? oldGenerationUsed;
    this.largeObjectsUsed = options.largeObjectsUsed ?? largeObjectsUsed;
    this.soon = options.soon ?? ((run) => setImmediate(run));
    this.collect = options.collect ?? fullCollection;
    this.collected = options.collected;
    this.passed = options.passed;
    this.baseline = this.heapUsed();
    this.largeBaseline = this.largeObjectsUsed();
  }

  /** The server did some work (a check, an edit): wait for quiet again. */
  touch(): void {
    if (this.disabled) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.collectIfGrown();
    }, this.quietMs);
    // A pending collection never keeps the process alive.
    this.timer.unref?.();
  }

  /** A check's diagnostics were sent: wait for quiet again, and if texts have piled up, collect now, before the next keystroke comes. */
  checked(): void {
    this.touch();
    if (this.running || this.disabled) return;
    const used = this.largeObjectsUsed();
    // V8 freed some by itself (a young-generation collection frees the texts already dead).
    if (used < this.largeBaseline) this.largeBaseline = used;
    if (used - this.largeBaseline < this.textGrowthBytes) return;
    this.soon(() => void this.run('texts'));
  }

  /** Collects if the old generation has grown enough since the last full collection; whether it did. */
  async collectIfGrown(): Promise<boolean> {
    if (this.running || this.disabled) return false;
    const before = this.heapUsed();
    // V8 collected by itself since: count from what it left.
    if (before < this.baseline) this.baseline = before;
    if (before - this.baseline < this.growthBytes) {
      this.passed?.(before - this.baseline);
      return false;
    }
    return this.run('quiet');
  }

  /** One full collection; whether it was made. */
  private async run(reason: CollectionReason): Promise<boolean> {
    if (this.running || this.disabled) return false;
    const counted = reason === 'quiet' ? this.heapUsed : this.largeObjectsUsed;
    const before = counted();
    this.running = true;
    try {
      await this.collect();
    } catch {
      this.disabled = true;
      return false;
    } finally {
      this.running = false;
    }
    this.baseline = this.heapUsed();
    this.largeBaseline = this.largeObjectsUsed();
    this.collected?.(reason, before, counted());
    return true;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.disabled = true;
  }
}

/**
 * A full garbage collection, through an eager memory measurement. Node warns once, on the first
 * call, that `vm.measureMemory` is experimental; that line would land in every editor's server log
 * (the server's console goes to the client, and Neovim files stderr as errors), so the warning of
 * that one call is not passed on. Other warnings are, and the function is put back before the call
 * returns.
 */
function fullCollection(): Promise<unknown> {
  const emitWarning = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    if (String(warning instanceof Error ? warning.message : warning).startsWith('vm.measureMemory')) return;
    return (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    return measureMemory({ mode: 'summary', execution: 'eager' });
  } finally {
    process.emitWarning = emitWarning;
  }
}
