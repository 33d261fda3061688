/**
 * The V8 settings the language server and the CLI make at start-up (packages/core/src/v8-settings.ts,
 * exported from `@plankit/core/node`). Each is made in a running process, as they make it, so each
 * test starts a new Node process and reads V8's own account of what happened there: the young
 * generation's size, and the functions it marked for optimisation (`--trace-opt`, written to a file
 * with `--redirect-code-traces-to` so that the server's stdout stays the protocol's). Each compares
 * with the same work done without the setting, so a setting that stopped taking effect, or a front
 * end that stopped making it, fails.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LspClient, uriOf } from './language-server/lsp-client.js';

const repoRoot = path.resolve(import.meta.dirname, '..');
const settings = pathToFileURL(path.join(repoRoot, 'packages', 'core', 'dist', 'node.js')).href;
const core = pathToFileURL(path.join(repoRoot, 'packages', 'core', 'dist', 'index.js')).href;

/** Runs an ES module script in a new Node process with these Node options, and gives back its output. */
function runScript(script: string, nodeOptions: string[] = []): string {
  return execFileSync(process.execPath, [...nodeOptions, '--input-type=module', '-e', script], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

describe("V8's young generation in a Plankit process", () => {
  /** A new Node process that keeps 400,000 objects alive, with or without the setting first: its young generation's size before and after. */
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

  it('does not grow once the process has asked for it, while everything allocated survives', () => {
    // V8's figure counts both halves of the young generation once the first collection has used the
    // second: twice the size at the start, and no more.
    const kept = youngGeneration(true);
    expect(kept.after).toBeLessThanOrEqual(2 * kept.before);
    // Left to V8, the same allocations make it grow (to 32 MB here): the setting is what keeps it small.
    const grown = youngGeneration(false);
    expect(grown.after).toBeGreaterThan(4 * kept.after);
  });
});

describe("V8's optimising compiler in a Plankit process", () => {
  let dir: string;
  /** A generated plan of 200 actions, and one of 2,000. */
  let plan: string;
  let largePlan: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plankit-v8-'));
    const generate = (actions: number, name: string) => {
      const file = path.join(dir, name);
      const text = execFileSync(process.execPath, [path.join(repoRoot, 'bench', 'generate-plan.mjs'), '--actions', String(actions), '--seed', '5'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      fs.writeFileSync(file, text);
      return file;
    };
    plan = generate(200, 'generated.plan.yaml');
    largePlan = generate(2000, 'large.plan.yaml');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** The functions V8 marked for optimisation, from a `--trace-opt` file. */
  function marked(traceFile: string): string[] {
    return fs.readFileSync(traceFile, 'utf8').split('\n').filter((line) => line.startsWith('[marking '));
  }

  /** Node options that trace V8's optimisation decisions to this file. */
  const tracingTo = (traceFile: string) => ['--trace-opt', '--redirect-code-traces', `--redirect-code-traces-to=${traceFile}`];

  /** What a new process marks while it reads and checks a plan `times` times through the core, with or without the setting first. */
  function markedByCore(optimiseOnlyHot: boolean, times: number, planFile = plan): { marked: string[]; findings: number } {
    const traceFile = path.join(dir, `core-${optimiseOnlyHot}-${times}-${path.basename(planFile)}.txt`);
    const script = `
      import { readFileSync } from 'node:fs';
      const { optimiseOnlyHotCode } = await import(${JSON.stringify(settings)});
      if (${optimiseOnlyHot}) optimiseOnlyHotCode();
      const { checkPlanFile, readPlanFile } = await import(${JSON.stringify(core)});
      const text = readFileSync(${JSON.stringify(planFile)}, 'utf8');
      let findings = 0;
      for (let i = 0; i < ${times}; i++) findings = checkPlanFile(readPlanFile(text), { asOf: '2017-12-31' }).diagnostics.length;
      process.stdout.write(String(findings));
    `;
    const findings = Number(runScript(script, tracingTo(traceFile)));
    return { marked: marked(traceFile), findings };
  }

  it('optimises fewer of the functions that read and check a plan once the process has asked for it', () => {
    const withBudget = markedByCore(true, 3);
    const withDefault = markedByCore(false, 3);
    // The same findings either way.
    expect(withBudget.findings).toBeGreaterThan(10);
    expect(withBudget.findings).toBe(withDefault.findings);
    // V8's trace names what it marks; the YAML reader's functions are among them with V8's default.
    expect(withDefault.marked.some((line) => /readPlainScalar|readMapping|readKey/.test(line))).toBe(true);
    // The code that runs most is still optimised; much less of the rest is (here: 40 functions with
    // V8's default, 13 with the larger budget).
    expect(withBudget.marked.length).toBeGreaterThan(0);
    expect(withBudget.marked.length * 2).toBeLessThan(withDefault.marked.length);
  });

  /** What the core alone marks in one read and check of the 2,000-action plan, with and without the setting: measured once, for both front ends. */
  let coreCounts: { withSetting: number; without: number } | undefined;

  /** Whether a front end's count is nearer the core's with the setting than without it. */
  function nearerTheSetting(count: number): { count: number; withSetting: number; without: number; nearer: boolean } {
    coreCounts ??= { withSetting: markedByCore(true, 1, largePlan).marked.length, without: markedByCore(false, 1, largePlan).marked.length };
    const { withSetting, without } = coreCounts;
    return { count, withSetting, without, nearer: Math.abs(count - withSetting) < Math.abs(count - without) };
  }

  it('is what `plankit validate` does before it reads a plan', () => {
    const traceFile = path.join(dir, 'cli.txt');
    const output = execFileSync(process.execPath, [...tracingTo(traceFile), path.join(repoRoot, 'packages', 'cli', 'bin', 'plankit.js'), 'validate', '--as-of', '2017-12-31', largePlan], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(output).toContain('large.plan.yaml');
    // The command reads and checks the plan once, and does a little more around it. Here the core
    // alone marks 72 functions without the setting and 29 with it; the command marks 28.
    const result = nearerTheSetting(marked(traceFile).length);
    expect(result, JSON.stringify(result)).toMatchObject({ nearer: true });
  });

  it('is what the language server does before it reads a plan', async () => {
    const traceFile = path.join(dir, 'server.txt');
    const empty = fs.mkdtempSync(path.join(dir, 'folder-'));
    const client = new LspClient({ asOf: '2017-12-31' }, {}, undefined, tracingTo(traceFile));
    try {
      await client.initialize([empty]);
      const uri = uriOf(largePlan);
      await client.open(uri, fs.readFileSync(largePlan, 'utf8'));
      expect((await client.diagnostics(uri, 1)).length).toBeGreaterThan(10);
    } finally {
      await client.stop();
    }
    // Here the server marks 22 functions in all; a copy of it without the settings marked 62 (and
    // the core alone 72 and 29, as above).
    const result = nearerTheSetting(marked(traceFile).length);
    expect(result, JSON.stringify(result)).toMatchObject({ nearer: true });
  });
});
