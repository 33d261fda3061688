/**
 * The V8 settings the server makes at start-up (language-server/src/v8-settings.ts). Each is made
 * in a running process, as the server makes it, so each test starts a new Node process, makes the
 * setting there and reads V8's own account of what happened: the young generation's size, and the
 * functions it marked for optimisation (`--trace-opt`). Each also runs the same work without the
 * setting, so a setting that stopped taking effect fails.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './lsp-client.js';

const settings = pathToFileURL(path.join(repoRoot, 'language-server', 'dist', 'lib', 'v8-settings.js')).href;
const core = pathToFileURL(path.join(repoRoot, 'packages', 'core', 'dist', 'index.js')).href;

/** Runs an ES module script in a new Node process with these Node options, and gives back its output. */
function runScript(script: string, nodeOptions: string[] = []): string {
  return execFileSync(process.execPath, [...nodeOptions, '--input-type=module', '-e', script], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

describe("V8's young generation in the server's process", () => {
  /** A new Node process that keeps 400,000 objects alive, with or without the server's setting first: its young generation's size before and after. */
  function youngGeneration(keepSmall: boolean): { before: number; after: number } {
    const script = `
      import { getHeapSpaceStatistics } from 'node:v8';
      const { keepYoungGenerationSmall } = await import(${JSON.stringify(settings)});
      if (${keepSmall}) keepYoungGenerationSmall();
      const size = () => getHeapSpaceStatistics().find((space) => space.space_name === 'new_space').space_size;
      const before = size();
      const kept = [];
      for (let i = 0; i < 400000; i++) kept.push({ i, text: 'item ' + i });
      process.stdout.write(JSON.stringify({ before, after: size(), kept: kept.length }));
    `;
    const result = JSON.parse(runScript(script));
    expect(result.kept).toBe(400_000);
    return result;
  }

  it('does not grow once the server has asked for it, while everything allocated survives', () => {
    // V8's figure counts both halves of the young generation once the first collection has used the
    // second: twice the size at the start, and no more.
    const kept = youngGeneration(true);
    expect(kept.after).toBeLessThanOrEqual(2 * kept.before);
    // Left to V8, the same allocations make it grow (to 32 MB here): the setting is what keeps it small.
    const grown = youngGeneration(false);
    expect(grown.after).toBeGreaterThan(4 * kept.after);
  });
});

describe("V8's optimising compiler in the server's process", () => {
  let dir: string;
  let plan: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plankit-v8-'));
    plan = path.join(dir, 'generated.plan.yaml');
    fs.writeFileSync(plan, execFileSync(process.execPath, [path.join(repoRoot, 'bench', 'generate-plan.mjs'), '--actions', '200', '--seed', '5'], { encoding: 'utf8' }));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** The functions V8 marks for optimisation while a new process reads a 200-action plan three times, with or without the server's setting first. */
  function markedForOptimisation(optimiseOnlyHot: boolean): { marked: string[]; actions: number } {
    const script = `
      import { readFileSync } from 'node:fs';
      const { optimiseOnlyHotCode } = await import(${JSON.stringify(settings)});
      if (${optimiseOnlyHot}) optimiseOnlyHotCode();
      const { readPlanFile } = await import(${JSON.stringify(core)});
      const text = readFileSync(${JSON.stringify(plan)}, 'utf8');
      let actions = 0;
      for (let i = 0; i < 3; i++) actions = readPlanFile(text).plan.themes.reduce((sum, theme) => sum + theme.actions.length, 0);
      console.log('actions ' + actions);
    `;
    const lines = runScript(script, ['--trace-opt']).split('\n');
    const actions = Number(lines.find((line) => line.startsWith('actions '))?.slice('actions '.length));
    return { marked: lines.filter((line) => line.startsWith('[marking ')), actions };
  }

  it('optimises fewer of the functions that read a plan once the server has asked for it', () => {
    const withBudget = markedForOptimisation(true);
    const withDefault = markedForOptimisation(false);
    // The same plan was read either way.
    expect(withBudget.actions).toBe(200);
    expect(withDefault.actions).toBe(200);
    // V8's trace names what it marks; the reader's functions are among them with V8's default.
    expect(withDefault.marked.some((line) => /readPlainScalar|readMapping|readKey/.test(line))).toBe(true);
    // Here: 34 functions with V8's default, 11 with the server's budget. The code that runs most is
    // still optimised; less of the rest is.
    expect(withBudget.marked.length).toBeGreaterThan(0);
    expect(withBudget.marked.length * 2).toBeLessThan(withDefault.marked.length);
  });
});
