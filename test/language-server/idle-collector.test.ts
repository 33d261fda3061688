/**
 * The server's idle collector (language-server/src/idle-collector.ts): when it collects (only after
 * a quiet second, only when the heap has grown), and that its default collection really is a full
 * garbage collection of this process. The policy tests give it a heap figure and a collection of
 * their own and run on vitest's fake clock, so they decide exactly what the heap "is" and when time
 * passes; the last two use V8's real heap and collection, in this process and in the server
 * started over stdio.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HoverRequest, SetTraceNotification } from 'vscode-languageserver-protocol/node.js';
import { IdleCollector, oldGenerationUsed } from '../../language-server/src/idle-collector.js';
import { LspClient, repoRoot, uriOf } from './lsp-client.js';

const MB = 1024 * 1024;

function collectorOn(heap: { used: number }, options: { collect?: () => Promise<unknown>; quietMs?: number } = {}) {
  const collections: [number, number][] = [];
  let calls = 0;
  const collector = new IdleCollector({
    quietMs: options.quietMs ?? 1_000,
    growthBytes: 16 * MB,
    heapUsed: () => heap.used,
    collect:
      options.collect ??
      (async () => {
        calls++;
        heap.used = 30 * MB; // what a full collection leaves of this pretend heap
      }),
    collected: (before, after) => collections.push([before, after]),
  });
  return { collector, collections, calls: () => calls };
}

describe('the idle collector', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('collects a second after the last touch, once the old generation has grown by 16 MB', async () => {
    vi.useFakeTimers();
    const heap = { used: 30 * MB };
    const { collector, collections } = collectorOn(heap);
    heap.used = 80 * MB;
    collector.touch();
    await vi.advanceTimersByTimeAsync(600);
    // More work within the second: the wait starts again.
    collector.touch();
    await vi.advanceTimersByTimeAsync(600);
    expect(collections).toEqual([]);
    await vi.advanceTimersByTimeAsync(500);
    expect(collections).toEqual([[80 * MB, 30 * MB]]);
    collector.dispose();
  });

  it('leaves an old generation that has grown less than 16 MB alone', async () => {
    vi.useFakeTimers();
    const heap = { used: 30 * MB };
    const { collector, calls } = collectorOn(heap);
    heap.used = 45 * MB;
    collector.touch();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(calls()).toBe(0);
    // Growth is counted from the last collection: after one, the same heap again is no growth.
    heap.used = 80 * MB;
    collector.touch();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls()).toBe(1);
    heap.used = 40 * MB;
    collector.touch();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls()).toBe(1);
    collector.dispose();
  });

  it('counts growth from what V8’s own collections left', async () => {
    const heap = { used: 60 * MB };
    const { collector, calls } = collectorOn(heap);
    // V8 collected by itself (the heap is smaller than when the collector started).
    heap.used = 20 * MB;
    expect(await collector.collectIfGrown()).toBe(false);
    heap.used = 35 * MB; // 15 MB more than V8 left: not yet
    expect(await collector.collectIfGrown()).toBe(false);
    heap.used = 37 * MB;
    expect(await collector.collectIfGrown()).toBe(true);
    expect(calls()).toBe(1);
  });

  it('stops asking when the collection is not available', async () => {
    const heap = { used: 10 * MB };
    let attempts = 0;
    const { collector } = collectorOn(heap, {
      collect: async () => {
        attempts++;
        throw new Error('measureMemory is not supported');
      },
    });
    heap.used = 100 * MB;
    expect(await collector.collectIfGrown()).toBe(false);
    expect(await collector.collectIfGrown()).toBe(false);
    expect(attempts).toBe(1);
  });

  it('never keeps the process alive while it waits', () => {
    const collector = new IdleCollector({ heapUsed: () => 0, collect: async () => undefined });
    const spy = vi.spyOn(globalThis, 'setTimeout');
    collector.touch();
    const timer = spy.mock.results[0]?.value as NodeJS.Timeout;
    spy.mockRestore();
    expect(timer.hasRef()).toBe(false);
    collector.dispose();
  });

  it('by default runs a full collection of this process: garbage in the old generation is freed', async () => {
    // About 40 MB of objects that outlive several young-generation collections (so V8 moves them to
    // the old generation, which only a full collection frees), then dropped.
    let kept: { id: number; text: string }[][] | undefined = [];
    for (let round = 0; round < 8; round++) {
      const chunk: { id: number; text: string }[] = [];
      for (let i = 0; i < 50_000; i++) chunk.push({ id: i, text: `item ${round} ${i}` });
      kept.push(chunk);
    }
    const heldBefore = oldGenerationUsed();
    kept = undefined;
    const sizes: [number, number][] = [];
    const collector = new IdleCollector({ growthBytes: 0, collected: (before, after) => sizes.push([before, after]) });
    expect(await collector.collectIfGrown()).toBe(true);
    expect(kept).toBeUndefined();
    const [[before, after]] = sizes;
    expect(before).toBeGreaterThan(0);
    // At least half of what the dropped objects held is given back.
    expect(after).toBeLessThan(Math.min(before, heldBefore) - 10 * MB);
  });
});

describe('the server, quiet after typing in a large plan', () => {
  it('collects garbage once it is quiet, says so in the trace, logs no warning and still answers', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plankit-idle-'));
    const client = new LspClient({});
    try {
      const text = execFileSync(process.execPath, [path.join(repoRoot, 'bench', 'generate-plan.mjs'), '--actions', '2000', '--seed', '11'], { encoding: 'utf8', maxBuffer: 64 * MB });
      const file = path.join(dir, 'large.plan.yaml');
      fs.writeFileSync(file, text);
      await client.initialize([dir]);
      await client.connection.sendNotification(SetTraceNotification.type, { value: 'verbose' });
      const uri = uriOf(file);
      await client.open(uri, text);
      expect((await client.diagnostics(uri, 1)).length).toBeGreaterThan(100);
      // Typing: forty characters at the end of an action's title, each one waiting for its diagnostics
      // (every keystroke makes a new 2.2 MB text, which V8 moves to the old generation).
      const lines = text.split('\n');
      const line = lines.findIndex((content) => content.startsWith('        title: '));
      let character = lines[line].length;
      for (let key = 0; key < 40; key++) {
        const version = await client.edit(uri, [{ range: { start: { line, character }, end: { line, character } }, newText: 'x' }]);
        character++;
        await client.diagnostics(uri, version);
      }
      const typed = client.traces.length;
      const collected = await client.waitFor('the idle collection in the trace', () => client.traces.slice(typed).find((message) => message.startsWith('Quiet for a second')));
      const [before, after] = [...collected.matchAll(/([0-9.]+) MB/g)].map((match) => Number(match[1]));
      expect(before).toBeGreaterThan(after);
      // Still answering: a hover on the edited title, which has all forty characters.
      const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character: 10 } });
      expect(hover).not.toBeNull();
      expect((await client.diagnostics(uri, 41)).length).toBeGreaterThan(100);
      // Nothing in the client's log (the server's console goes there) and nothing on stderr: in
      // particular not Node's warning that vm.measureMemory is experimental.
      expect(client.log).toEqual([]);
    } finally {
      await client.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
