import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The CLI is run as a real process, from the built package, exactly as a user runs it.
const root = join(__dirname, '..');
const bin = join(root, 'packages', 'cli', 'dist', 'bin.js');

function plankit(args: string[], cwd = root) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, signal: result.signal };
}

let dir: string;
const goodPlan = `title: Test plan
period: 2017/18
asOf: 2018-01-31
agencies:
  - id: KCC
    name: Kent County Council
  - id: Kent Police
    name: Kent Police
themes:
  - id: ASB
    title: Anti-social behaviour
    actions:
      - id: "1.1"
        title: Run a campaign
        lead: KCC
        due: March 2018
        status: green
        milestones:
          - title: Leaflet printed
            due: June 2017
            status: amber
`;

beforeAll(() => {
  expect(existsSync(bin), 'build first: npm run build').toBe(true);
  dir = mkdtempSync(join(tmpdir(), 'plankit-cli-'));
  writeFileSync(join(dir, 'good.plan.yaml'), goodPlan);
  writeFileSync(join(dir, 'bad.plan.yaml'), goodPlan.replace('title: Run a campaign', 'titel: Run a campaign'));
  mkdirSync(join(dir, 'folder', 'nested'), { recursive: true });
  writeFileSync(join(dir, 'folder', 'nested', 'deep.plan.yaml'), goodPlan);
  writeFileSync(join(dir, 'folder', 'notes.txt'), 'not a plan');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('plankit validate', () => {
  it('checks the examples cleanly (exit 0) and prints a summary', () => {
    const result = plankit(['validate', 'examples']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Checked 5 files \(3 plans, 2 registers\): 0 errors, \d+ warnings?, \d+ notes?\.$/m);
  });

  it('prints a precise overdue warning for a milestone in the past with --as-of', () => {
    const result = plankit(['validate', join(dir, 'good.plan.yaml'), '--as-of', '2026-11-23']);
    expect(result.code).toBe(0); // warnings do not fail the run
    const line = goodPlan.split('\n').findIndex((text) => text.includes('due: June 2017')) + 1;
    const column = goodPlan.split('\n')[line - 1].indexOf('June') + 1;
    expect(result.stdout).toContain(
      `good.plan.yaml:${line}:${column}: warning overdue Milestone “Leaflet printed” was due 30 June 2017 (“June 2017”) and is 9 years 4 months overdue at 23 November 2026: it is not marked complete.`,
    );
    expect(result.stdout).toContain('as at 2026-11-23');
  });

  it("uses the plan's own asOf when no --as-of is given", () => {
    const result = plankit(['validate', join(dir, 'good.plan.yaml')]);
    expect(result.stdout).toContain('warning overdue Milestone “Leaflet printed” was due 30 June 2017');
    expect(result.stdout).toContain('overdue at 31 January 2018');
    expect(result.stdout).toContain('as at 2018-01-31');
  });

  it('exits 1 with compiler-style lines when a file has errors', () => {
    const result = plankit(['validate', join(dir, 'bad.plan.yaml')]);
    expect(result.code).toBe(1);
    const line = goodPlan.split('\n').findIndex((text) => text.includes('title: Run a campaign')) + 1;
    expect(result.stdout).toMatch(new RegExp(`bad\\.plan\\.yaml:${line}:9: error schema-unknown-field "titel" is not a field of this action\\. Did you mean "title"\\?`));
    expect(result.stdout).toMatch(/bad\.plan\.yaml:\d+:\d+: error schema-required This action has no "title"/);
    expect(result.stdout).toMatch(/: [1-9]\d* errors?,/);
  });

  it('finds plan files in folders, recursively, and ignores other files', () => {
    const result = plankit(['validate', 'folder'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Checked 1 file \(1 plan, 0 registers\)/);
  });

  it('expands globs', () => {
    const result = plankit(['validate', '*.plan.yaml'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/Checked 2 files/);
  });

  it('checks the current folder when no file is named', () => {
    const result = plankit(['validate'], join(dir, 'folder'));
    expect(result.stdout).toMatch(/Checked 1 file/);
  });

  it('reports JSON with --format json', () => {
    const result = plankit(['validate', join(dir, 'bad.plan.yaml'), '--format', 'json', '--as-of', '2026-11-23']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.files).toHaveLength(1);
    expect(report.files[0].asOf).toBe('2026-11-23');
    expect(report.files[0].asOfBasis).toBe('option');
    const codes = report.files[0].diagnostics.map((d: { code: string }) => d.code);
    expect(codes).toContain('schema-unknown-field');
    expect(codes).toContain('overdue');
    const unknown = report.files[0].diagnostics.find((d: { code: string }) => d.code === 'schema-unknown-field');
    expect(unknown.data.suggestion).toBe('title');
    expect(unknown.line).toBe(unknown.range.start.line + 1);
    expect(report.summary.errors).toBeGreaterThan(0);
  });

  it.each([
    [['validate', '--as-of', '2025-02-30', 'x.plan.yaml'], /--as-of needs a real date/],
    [['validate', '--as-of', 'yesterday'], /--as-of needs a real date/],
    [['validate', '--format', 'xml'], /--format must be text or json/],
    [['validate', '--due-soon-days=-3'], /--due-soon-days needs a whole number/],
    [['validate', '--colour'], /^plankit validate: there is no option --colour\. The options are listed below\.\nUsage: plankit/],
    [['validate', '--asof', '2026-03-31'], /there is no option --asof: did you mean --as-of\?/],
    [['validate', '--as-of'], /--as-of needs a value after it\. The options/],
    [['validate', '--due-soon-days', '-3'], /--due-soon-days needs a value after it; to give one that starts with a dash, write --due-soon-days=VALUE\./],
    [['validate', '--help=yes'], /--help takes no value: write just --help\./],
    [['validate', "--it's"], /there is no option --it's\. The options/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [[], /Usage: plankit/],
  ])('exits 2 on a usage error: %j', (args, message) => {
    const result = plankit(args as string[]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('exits 2 with a clear message for a missing file, and still checks the others', () => {
    const result = plankit(['validate', join(dir, 'missing.plan.yaml'), join(dir, 'good.plan.yaml')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cannot read .*missing\.plan\.yaml: no such file/);
    expect(result.stdout).toMatch(/Checked 1 file/);
  });

  it('exits 2 when a glob matches nothing', () => {
    const result = plankit(['validate', 'nothing-*.plan.yaml'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no files match nothing-\*\.plan\.yaml/);
  });

  it('prints help and the version', () => {
    expect(plankit(['--help']).stdout).toMatch(/Exit codes: 0 no errors/);
    expect(plankit(['--version']).stdout.trim()).toBe(JSON.parse(readFileSync(join(root, 'packages', 'cli', 'package.json'), 'utf8')).version);
  });

  it('is the bin of @plankit/cli, so `npx plankit` works from the repository root', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'packages', 'cli', 'package.json'), 'utf8'));
    expect(pkg.bin.plankit).toBe('./bin/plankit.js');
    const linked = join(root, 'node_modules', '.bin', 'plankit');
    expect(existsSync(linked)).toBe(true);
    const result = spawnSync(linked, ['validate', 'examples'], { cwd: root, encoding: 'utf8' });
    expect(result.status).toBe(0);
  });
});
