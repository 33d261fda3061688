import { getHeapSpaceStatistics } from 'node:v8';
import { measureMemory } from 'node:vm';

/** How long the server must have been quiet before it gives memory back. */
export const QUIET_MS = 1_000;
/** How much the old generation must have grown since the last full collection for one to be worth its pause. */
export const QUIET_GROWTH_BYTES = 16 * 1024 * 1024;

export interface IdleCollectorOptions {
  quietMs?: number;
  growthBytes?: number;
  /** The old generation's size in use, in bytes (V8's figure by default). */
  heapUsed?: () => number;
  /** A full garbage collection (V8's, through an eager memory measurement, by default). */
  collect?: () => Promise<unknown>;
  /** Told the old generation's size before and after each collection. */
  collected?: (before: number, after: number) => void;
}

/** V8's spaces that only a full collection frees (the young generation is emptied often anyway). */
const OLD_SPACES = new Set(['old_space', 'large_object_space', 'code_space', 'code_large_object_space']);

/** The old generation's size in use, in bytes. */
export function oldGenerationUsed(): number {
  let used = 0;
  for (const space of getHeapSpaceStatistics()) if (OLD_SPACES.has(space.space_name)) used += space.space_used_size;
  return used;
}

/**
 * Gives memory back when the server goes quiet.
 *
 * Each keystroke on a large plan makes a new copy of its text (2.2 MB for the 2,000-action plan);
 * the copy outlives a young-generation collection, so V8 moves it to the old generation, where only
 * a full collection frees it. V8 starts one when the old generation reaches a limit set from its
 * size at the last one, so after some typing the server holds tens of megabytes of dead texts and
 * trees (160–175 MB RSS on that plan) for as long as the officer then reads: V8's idle-time memory
 * reducer does not run in Node (no change in 15 s of quiet, measured). So, a second after the last
 * check or edit (`touch`), if the old generation has grown by 16 MB since the last full collection,
 * the server asks for one. The pause (about 10 ms on that plan here: V8 marks concurrently and
 * stops the server only to finish) falls in the officer's pause, never between a keystroke and its
 * diagnostics. (Collecting also during long typing, right after a check's diagnostics once the old
 * generation had grown by 24 MB, was tried: the RSS read during and right after typing in the
 * benchmark did not move, 147 and 164.5 MB against 148–149 and 165–167, so it was not kept.)
 * Node has no plain "collect now" without `--expose-gc`; an eager `vm.measureMemory` is the
 * documented way to get a full collection (its result is not used). Where it is missing or fails,
 * the collector stops asking.
 */
export class IdleCollector {
  private readonly quietMs: number;
  private readonly growthBytes: number;
  private readonly heapUsed: () => number;
  private readonly collect: () => Promise<unknown>;
  private readonly collected?: (before: number, after: number) => void;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The old generation after the last full collection (ours or V8's): growth is counted from here. */
  private baseline: number;
  private running = false;
  private disabled = false;

  constructor(options: IdleCollectorOptions = {}) {
    this.quietMs = options.quietMs ?? QUIET_MS;
    this.growthBytes = options.growthBytes ?? QUIET_GROWTH_BYTES;
    this.heapUsed = options.heapUsed ?? oldGenerationUsed;
    this.collect = options.collect ?? fullCollection;
    this.collected = options.collected;
    this.baseline = this.heapUsed();
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

  /** Collects if the old generation has grown enough since the last full collection; whether it did. */
  async collectIfGrown(): Promise<boolean> {
    if (this.running || this.disabled) return false;
    const before = this.heapUsed();
    // V8 collected by itself since: count from what it left.
    if (before < this.baseline) this.baseline = before;
    if (before - this.baseline < this.growthBytes) return false;
    this.running = true;
    try {
      await this.collect();
    } catch {
      this.disabled = true;
      return false;
    } finally {
      this.running = false;
    }
    const after = this.heapUsed();
    this.baseline = after;
    this.collected?.(before, after);
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
