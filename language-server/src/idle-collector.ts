import { getHeapStatistics } from 'node:v8';
import { measureMemory } from 'node:vm';

/** How long the server must have been quiet before it gives memory back. */
export const IDLE_COLLECT_MS = 1_000;
/** How much the heap must have grown since the last collection for one to be worth its pause. */
export const IDLE_COLLECT_GROWTH_BYTES = 16 * 1024 * 1024;

export interface IdleCollectorOptions {
  idleMs?: number;
  growthBytes?: number;
  /** The heap in use, in bytes (V8's figure by default). */
  heapUsed?: () => number;
  /** A full garbage collection (V8's, through an eager memory measurement, by default). */
  collect?: () => Promise<unknown>;
  /** Told the heap in use before and after each collection. */
  collected?: (before: number, after: number) => void;
}

/**
 * Gives memory back when the server goes quiet.
 *
 * Each keystroke on a large plan makes a new copy of its text (2.2 MB for the 2,000-action plan);
 * the copy outlives a young-generation collection, so V8 moves it to the old generation, where only
 * a full collection frees it. V8 starts one when the old generation reaches a limit set from the
 * heap's size at the last one, so after an open and some typing the server holds tens of megabytes
 * of old texts and trees for as long as the officer reads. V8's own idle-time memory reducer does
 * not run in Node (measured: no change in 15 s of quiet). So, a second after the last check or edit
 * (`touch`), if the heap has grown by `growthBytes` since the last collection, the server asks for
 * one. The pause (15–40 ms for the 2,000-action plan here) falls in the officer's pause, never
 * between a keystroke and its diagnostics. Node has no plain "collect now" without `--expose-gc`;
 * an eager `vm.measureMemory` is the documented way to get a full collection (its result is not
 * used). Where it is missing or fails, the collector stops asking.
 */
export class IdleCollector {
  private readonly idleMs: number;
  private readonly growthBytes: number;
  private readonly heapUsed: () => number;
  private readonly collect: () => Promise<unknown>;
  private readonly collected?: (before: number, after: number) => void;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The heap in use after the last collection (ours or V8's): growth is counted from here. */
  private baseline: number;
  private running = false;
  private disabled = false;

  constructor(options: IdleCollectorOptions = {}) {
    this.idleMs = options.idleMs ?? IDLE_COLLECT_MS;
    this.growthBytes = options.growthBytes ?? IDLE_COLLECT_GROWTH_BYTES;
    this.heapUsed = options.heapUsed ?? (() => getHeapStatistics().used_heap_size);
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
    }, this.idleMs);
    // A pending collection never keeps the process alive.
    this.timer.unref?.();
  }

  /** Collects if the heap has grown enough since the last collection; whether it did. */
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
 * (Neovim files stderr as errors), so the warning of that one call is not passed on. Other warnings
 * are, and the function is put back before the call returns.
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
