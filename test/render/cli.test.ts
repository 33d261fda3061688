import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES, examplePath, root } from './helpers.js';

// `plankit render` as a real process, from the built package, as a user runs it.
const bin = join(root, 'packages', 'cli', 'bin', 'plankit.js');

function plankit(args: string[], cwd = root) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

let dir: string;
const goodPlan = `title: Test plan
period: 2017/18
asOf: 2018-01-31
themes:
  - title: Anti-social behaviour
    actions:
      - id: "1.1"
        title: Run a campaign
        due: March 2018
        status: green
        milestones:
          - title: Leaflet printed
            due: June 2017
            status: amber
`;
const badPlan = goodPlan.replace('title: Run a campaign', 'titel: Run a campaign');

beforeAll(() => {
  expect(existsSync(join(root, 'packages', 'cli', 'dist', 'render', 'command.js')), 'build first: npx tsc -b packages/cli').toBe(true);
  dir = mkdtempSync(join(tmpdir(), 'plankit-render-cli-'));
  writeFileSync(join(dir, 'good.plan.yaml'), goodPlan);
  writeFileSync(join(dir, 'bad.plan.yaml'), badPlan);
  writeFileSync(join(dir, 'broken.plan.yaml'), 'title: [unclosed\nthemes: {');
  writeFileSync(join(dir, 'binary.plan.yaml'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('plankit render', () => {
  it.each(EXAMPLES)('writes the report of %s to a file with -o (exit 0), and nothing else beside it', (name) => {
    const out = mkdtempSync(join(dir, 'out-'));
    const target = join(out, 'r.html');
    const result = plankit(['render', `examples/${name}.plan.yaml`, '-o', target, '--as-of', '2026-11-23']);
    expect(result.stderr).toMatch(/^plankit render: wrote .*r\.html \(as at 2026-11-23\)\.\n$/);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    const html = readFileSync(target, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect(html).toContain('As at 23 November 2026');
    expect(readdirSync(out)).toEqual(['r.html']);
  });

  it('writes to standard output without -o, or with -o -', () => {
    const plain = plankit(['render', examplePath(EXAMPLES[0]), '--as-of', '2026-11-23']);
    expect(plain.code).toBe(0);
    expect(plain.stderr).toBe('');
    expect(plain.stdout.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    const dash = plankit(['render', examplePath(EXAMPLES[0]), '--as-of', '2026-11-23', '-o', '-']);
    expect(dash.code).toBe(0);
    expect(dash.stdout.replace(/Report produced [^<]*/, '')).toBe(plain.stdout.replace(/Report produced [^<]*/, ''));
  });

  it('renders in Welsh with --lang cy', () => {
    const result = plankit(['render', join(dir, 'good.plan.yaml'), '--lang', 'cy']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('<html lang="cy">');
    expect(result.stdout).toContain('Fel ar 31 Ionawr 2018');
    expect(result.stdout).toContain('Hwyr: roedd i fod erbyn 30 Mehefin 2017');
    expect(result.stdout).toContain('Run a campaign');
  });

  it('uses the plan’s asOf by default and --as-of when given', () => {
    expect(plankit(['render', join(dir, 'good.plan.yaml')]).stdout).toContain('As at 31 January 2018: the date of the plan’s latest published update.');
    expect(plankit(['render', join(dir, 'good.plan.yaml'), '--as-of', '2017-05-01']).stdout).toContain('As at 1 May 2017: the reporting date chosen for this report.');
  });

  it('prints a plan’s errors as validate does, writes no report and exits 1', () => {
    const target = join(dir, 'from-bad.html');
    const result = plankit(['render', join(dir, 'bad.plan.yaml'), '-o', target]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const line = badPlan.split('\n').findIndex((text) => text.includes('titel:')) + 1;
    expect(result.stderr).toMatch(new RegExp(`bad\\.plan\\.yaml:${line}:9: error schema-unknown-field "titel" is not a field of this action`));
    expect(result.stderr).toMatch(/has \d+ errors?: no report was written/);
    expect(existsSync(target)).toBe(false);
    expect(plankit(['render', join(dir, 'broken.plan.yaml')]).code).toBe(1);
  });

  it('leaves an existing output file untouched when rendering fails', () => {
    const target = join(dir, 'existing.html');
    writeFileSync(target, 'the committee’s copy');
    const before = statSync(target).mtimeMs;
    for (const args of [
      ['render', join(dir, 'bad.plan.yaml'), '-o', target],
      ['render', join(dir, 'missing.plan.yaml'), '-o', target],
      ['render', join(dir, 'good.plan.yaml'), '-o', target, '--as-of', '31/03/2018'],
      ['render', join(dir, 'good.plan.yaml'), '-o', target, '--lang', 'fr'],
    ]) {
      expect(plankit(args).code).not.toBe(0);
      expect(readFileSync(target, 'utf8')).toBe('the committee’s copy');
      expect(statSync(target).mtimeMs).toBe(before);
    }
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('replaces an existing output file when rendering succeeds', () => {
    const target = join(dir, 'replaced.html');
    writeFileSync(target, 'old');
    expect(plankit(['render', join(dir, 'good.plan.yaml'), '-o', target]).code).toBe(0);
    expect(readFileSync(target, 'utf8')).toContain('Run a campaign');
  });

  it('exits 2 with a clear message for usage errors and unreadable files', () => {
    const cases: [string[], RegExp][] = [
      [['render'], /name the plan file to render/],
      [['render', 'a.plan.yaml', 'b.plan.yaml'], /one plan file, not 2/],
      [['render', join(dir, 'good.plan.yaml'), '--as-of', '2018-02-30'], /--as-of needs a real date written YYYY-MM-DD/],
      [['render', join(dir, 'good.plan.yaml'), '--lang', 'fr'], /--lang must be en \(English\) or cy \(Welsh\)/],
      [['render', join(dir, 'good.plan.yaml'), '--colour'], /there is no option --colour\. The options are listed below\./],
      [['render', join(dir, 'good.plan.yaml'), '--ouput', 'r.html'], /there is no option --ouput: did you mean --output\?/],
      [['render', join(dir, 'good.plan.yaml'), '-o'], /--output needs a value after it\./],
      [['render', join(dir, 'missing.plan.yaml')], /cannot read .*missing\.plan\.yaml: no such file/],
      [['render', dir], /cannot read .*: it is a folder, not a file/],
      [['render', join(dir, 'binary.plan.yaml')], /binary data, not text/],
      [['render', join(root, 'examples', 'kent.agencies.yaml')], /is an agency register, not a plan/],
      [['render', join(dir, 'good.plan.yaml'), '-o', dir], /is a folder: name a file/],
      [['render', join(dir, 'good.plan.yaml'), '-o', join(dir, 'no', 'such', 'r.html')], /the folder .* does not exist/],
      [['render', join(dir, 'good.plan.yaml'), '-o', join(dir, 'good.plan.yaml')], /the output is the plan itself/],
    ];
    for (const [args, message] of cases) {
      const result = plankit(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toMatch(message);
      expect(result.stdout).toBe('');
    }
    expect(readFileSync(join(dir, 'good.plan.yaml'), 'utf8')).toBe(goodPlan);
  });

  it('exits 2 and leaves no temporary file when the folder cannot be written', () => {
    if (process.getuid?.() === 0) {
      // root can write anywhere: use a path whose parent is a file instead.
      writeFileSync(join(dir, 'a-file'), 'x');
      const result = plankit(['render', join(dir, 'good.plan.yaml'), '-o', join(dir, 'a-file', 'r.html')]);
      expect(result.code).toBe(2);
      return;
    }
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o500);
    const result = plankit(['render', join(dir, 'good.plan.yaml'), '-o', join(locked, 'r.html')]);
    chmodSync(locked, 0o700);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cannot write .*permission denied/);
    expect(readdirSync(locked)).toEqual([]);
  });

  it('prints its help with --help (exit 0)', () => {
    const result = plankit(['render', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: plankit render PLAN \[options\]/);
    expect(result.stdout).toContain('--as-of YYYY-MM-DD');
    expect(result.stdout).toContain('--lang en|cy');
  });
});

describe('writeAtomically', () => {
  it('never leaves a part-written file: a rename that fails removes the temporary file and keeps the destination', async () => {
    const { writeAtomically } = await import('../../packages/cli/src/write-file.js');
    const folder = mkdtempSync(join(dir, 'atomic-'));
    // A destination the rename cannot replace: a folder with a file in it.
    const destination = join(folder, 'report.html');
    mkdirSync(destination);
    writeFileSync(join(destination, 'keep.txt'), 'kept');
    await expect(writeAtomically(destination, '<!doctype html>')).rejects.toThrow();
    expect(readdirSync(folder)).toEqual(['report.html']);
    expect(readFileSync(join(destination, 'keep.txt'), 'utf8')).toBe('kept');
    // And a normal write leaves only the file.
    await writeAtomically(join(folder, 'ok.html'), 'done');
    expect(readdirSync(folder).sort()).toEqual(['ok.html', 'report.html']);
    expect(readFileSync(join(folder, 'ok.html'), 'utf8')).toBe('done');
  });
});
