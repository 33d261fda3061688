/**
 * The server's collector (language-server/src/idle-collector.ts): when it collects (after a quiet
 * second once the old generation has grown; right after a check once texts have piled up in the
 * large-object spaces), and that its default collection really is a full garbage collection of this
 * process. The policy tests give it heap figures and a collection of their own and run on vitest's
 * fake clock, so they decide exactly what the heap "is" and when time passes; the last ones use
 * V8's real heap and collection, in this process and in the server started over stdio.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HoverRequest, SetTraceNotification } from 'vscode-languageserver-protocol/node.js';
import { IdleCollector, largeObjectsUsed, oldGenerationUsed } from '../../language-server/src/idle-collector.js';
import { LspClient, repoRoot, uriOf } from './lsp-client.js';

const MB = 1024 * 1024;

function collectorOn(heap: { used: number; large?: number }, options: { collect?: () => Promise<unknown>; quietMs?: number } = {}) {
  const collections: [number, number][] = [];
  const reasons: string[] = [];
  const passed: number[] = [];
  const soon: (() => void)[] = [];
  let calls = 0;
  const collector = new IdleCollector({
    quietMs: options.quietMs ?? 1_000,
    growthBytes: 16 * MB,
    textGrowthBytes: 12 * MB,
    heapUsed: () => heap.used,
    largeObjectsUsed: () => heap.large ?? 0,
    soon: (run) => soon.push(run),
    collect:
      options.collect ??
      (async () => {
        calls++;
        heap.used = 30 * MB; // what a full collection leaves of this pretend heap
        heap.large = 3 * MB; // and of its large objects: the current text
      }),
    collected: (reason, before, after) => {
      reasons.push(reason);
      collections.push([before, after]);
    },
    passed: (growth) => passed.push(growth),
  });
  /** Runs what `checked` put off until after the check's answer. */
  const runSoon = async () => {
    for (const run of soon.splice(0)) run();
    await Promise.resolve();
    await Promise.resolve();
  };
  return { collector, collections, reasons, passed, calls: () => calls, runSoon, pending: () => soon.length };
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

  it('leaves an old generation that has grown less than 16 MB alone, and says by how much it has grown', async () => {
    vi.useFakeTimers();
    const heap = { used: 30 * MB };
    const { collector, calls, passed } = collectorOn(heap);
    heap.used = 45 * MB;
    collector.touch();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(calls()).toBe(0);
    expect(passed).toEqual([15 * MB]);
    // Growth is counted from the last collection: after one, the same heap again is no growth.
    heap.used = 80 * MB;
    collector.touch();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls()).toBe(1);
    heap.used = 40 * MB;
    collector.touch();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls()).toBe(1);
    expect(passed).toEqual([15 * MB, 10 * MB]);
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

  it('collects right after a check once the large-object spaces hold 12 MB more than after the last collection', async () => {
    const heap = { used: 40 * MB, large: 3 * MB };
    const { collector, reasons, calls, runSoon, pending } = collectorOn(heap);
    // Typing: each keystroke's text adds 2.2 MB.
    for (let key = 1; key <= 5; key++) {
      heap.large = 3 * MB + key * 2.2 * MB;
      collector.checked();
    }
    expect(pending()).toBe(0); // 11 MB more: not yet
    heap.large = 3 * MB + 6 * 2.2 * MB;
    collector.checked();
    // Not during the check's own turn: after it, once its answer is sent.
    expect(calls()).toBe(0);
    expect(pending()).toBe(1);
    await runSoon();
    expect(calls()).toBe(1);
    expect(reasons).toEqual(['texts']);
    // Counted again from what the collection left (3 MB): 14 MB is 11 more, not enough.
    heap.large = 14 * MB;
    collector.checked();
    expect(pending()).toBe(0);
    heap.large = 15.5 * MB;
    collector.checked();
    await runSoon();
    expect(calls()).toBe(2);
    collector.dispose();
  });

  it('counts texts from what V8’s own young-generation collections left, and collects once at a time', async () => {
    const heap = { used: 40 * MB, large: 20 * MB };
    let finish: () => void = () => {};
    let calls = 0;
    const { collector, runSoon } = collectorOn(heap, {
      collect: () => {
        calls++;
        return new Promise<void>((resolve) => {
          finish = resolve;
        });
      },
    });
    // V8 freed the dead texts by itself: 4 MB left, so growth is counted from 4 MB.
    heap.large = 4 * MB;
    collector.checked();
    heap.large = 15 * MB;
    collector.checked();
    await runSoon();
    expect(calls).toBe(0);
    heap.large = 17 * MB;
    collector.checked();
    await runSoon();
    expect(calls).toBe(1);
    // While that collection runs, neither rule starts another.
    heap.large = 60 * MB;
    heap.used = 200 * MB;
    collector.checked();
    await runSoon();
    expect(await collector.collectIfGrown()).toBe(false);
    expect(calls).toBe(1);
    finish();
    collector.dispose();
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

  it('counts a large text in the large-object spaces', () => {
    const before = largeObjectsUsed();
    // 1.5 million UTF-16 code units: 3 MB, far past V8's largest normal object.
    const text = `${'ŵ'.repeat(750_000)}${'y'.repeat(750_000)}`;
    expect(text.charCodeAt(1_000_000)).toBe(121);
    expect(largeObjectsUsed() - before).toBeGreaterThanOrEqual(2.8 * MB);
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
    const collector = new IdleCollector({ growthBytes: 0, collected: (_reason, before, after) => sizes.push([before, after]) });
    expect(await collector.collectIfGrown()).toBe(true);
    expect(kept).toBeUndefined();
    const [[before, after]] = sizes;
    expect(before).toBeGreaterThan(0);
    // At least half of what the dropped objects held is given back.
    expect(after).toBeLessThan(Math.min(before, heldBefore) - 10 * MB);
  });
});

describe('the server, opening and typing in a large plan', () => {
  it('applies the quiet rule after the open and collects while texts pile up during typing, says so in the trace, logs no warning and still answers', async () => {
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
      // A second after the check, the quiet rule looks at how much the old generation has grown
      // since the last full collection. Reading the plan grows it by about 20 MB when V8 has not
      // collected in full by itself meanwhile (usual here), and the server collects; by about 15 MB
      // (what the check keeps) when V8 has (about one run in ten), and it does not. The trace says
      // which, with the figures; either way they must agree with the 16 MB rule.
      const quiet = await client.waitFor('the quiet rule in the trace', () => client.traces.find((message) => message.startsWith('Quiet for a second')));
      const collectedWhenQuiet = /^Quiet for a second: collected garbage, old generation ([0-9.]+) MB → ([0-9.]+) MB$/.exec(quiet);
      const passedWhenQuiet = /^Quiet for a second: the old generation has grown ([0-9.]+) MB since the last full collection, under 16\.0 MB: no collection$/.exec(quiet);
      expect(collectedWhenQuiet ?? passedWhenQuiet, quiet).not.toBeNull();
      // The plan's tree and model are in the old generation either way.
      if (collectedWhenQuiet) expect(Number(collectedWhenQuiet[1])).toBeGreaterThan(16);
      if (passedWhenQuiet) expect(Number(passedWhenQuiet[1])).toBeGreaterThan(8);
      // Typing: forty characters at the end of an action's title, each one waiting for its
      // diagnostics; every keystroke makes a new 2.2 MB text (88 MB in all), so texts pile up.
      const lines = text.split('\n');
      const line = lines.findIndex((content) => content.startsWith('        title: '));
      let character = lines[line].length;
      const opened = client.traces.length;
      for (let key = 0; key < 40; key++) {
        const version = await client.edit(uri, [{ range: { start: { line, character }, end: { line, character } }, newText: 'x' }]);
        character++;
        await client.diagnostics(uri, version);
      }
      await client.waitFor('a collection while typing in the trace', () => client.traces.slice(opened).find((message) => message.startsWith('Texts piled up while typing')));
      // The old texts are garbage: the collections while typing free them (the trace gives V8's
      // large-object spaces before and after).
      const whileTyping = client.traces.slice(opened).filter((message) => message.startsWith('Texts piled up while typing'));
      const freed = whileTyping.map((message) => [...message.matchAll(/([0-9.]+) MB/g)].map((match) => Number(match[1]))).map(([before, after]) => before - after);
      expect(Math.max(...freed)).toBeGreaterThan(8);
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
