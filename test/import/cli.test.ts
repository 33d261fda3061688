// `plankit import` as a real process (the built CLI), and every bad input: a clear message, exit
// code 2, and nothing written over anything.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { examples, fixtures, root, runImport, tempDir } from './helpers.js';

const bin = join(root, 'packages', 'cli', 'bin', 'plankit.js');

function plankit(args: string[], cwd = root) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, signal: result.signal };
}

describe('plankit import as a process', () => {
  it('imports each seed format, and the plan (with its new register) passes plankit validate', () => {
    const dir = tempDir();
    const cases: [string, string][] = [
      ['sevenoaks-alcohol-drug-strategy-2011.docx', 'kent.agencies.yaml'],
      ['tonbridge-malling-csp-action-plan-2013-14.xlsx', 'kent.agencies.yaml'],
      ['safer-kingston-partnership-plan-2011-14.html', 'kingston.agencies.yaml'],
      ['tonbridge-malling-csp-action-plan-2013-14.tsv', 'kent.agencies.yaml'],
    ];
    for (const [file, register] of cases) {
      const out = join(dir, file.replace(/\.(\w+)$/, '-$1.plan.yaml'));
      const result = plankit(['import', join(fixtures, 'seeds', file), '--register', join(examples, register), '-o', out, '--as-of', '2011-03-31']);
      expect(result.stderr).toMatch(/plankit import: .* -> .*: \d+ themes?, \d+ actions?/);
      expect(result.code, result.stderr).toBe(0);
      const check = plankit(['validate', out]);
      expect(check.code, check.stdout + check.stderr).toBe(0);
      expect(check.stdout).toMatch(/0 errors/);
    }
    // Kingston names bodies that are not in its register: they are in a register beside the plan, flagged.
    const newRegister = join(dir, 'safer-kingston-partnership-plan-2011-14-html.new-agencies.agencies.yaml');
    expect(existsSync(newRegister)).toBe(true);
    expect(readFileSync(newRegister, 'utf8')).toMatch(/TO CONFIRM/);
    expect(plankit(['validate', dir]).code).toBe(0);
  });

  it('writes to standard output with -o -, and a summary of guesses to standard error', () => {
    const result = plankit(['import', join(fixtures, 'seeds', 'sevenoaks-alcohol-drug-strategy-2011.csv'), '--register', join(examples, 'kent.agencies.yaml'), '-o', '-']);
    expect(result.code).toBe(0);
    expect(parse(result.stdout).themes).toHaveLength(4);
    expect(result.stdout).toMatch(/# guessed: /);
    expect(result.stderr).toMatch(/guesses \(also "# guessed:" comments in the plan\)/);
    expect(result.stderr).toMatch(/repeated header rows \(page breaks\) skipped/);
  });

  it('writes FILE.plan.yaml beside the input by default, and will not replace it without --force', () => {
    const dir = tempDir();
    const input = join(dir, 'plan.csv');
    writeFileSync(input, 'Action,Lead\nRun a campaign,KCC\n');
    expect(plankit(['import', 'plan.csv'], dir).code).toBe(0);
    const first = readFileSync(join(dir, 'plan.plan.yaml'), 'utf8');
    writeFileSync(input, 'Action,Lead\nRun two campaigns,KCC\n');
    const again = plankit(['import', 'plan.csv'], dir);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists: nothing written\. Use --force/);
    expect(readFileSync(join(dir, 'plan.plan.yaml'), 'utf8')).toBe(first);
    expect(plankit(['import', 'plan.csv', '--force'], dir).code).toBe(0);
    expect(readFileSync(join(dir, 'plan.plan.yaml'), 'utf8')).toMatch(/Run two campaigns/);
    // No temporary files are left behind; with no register given, the agencies named are listed for the officer to confirm.
    expect(readdirSync(dir).sort()).toEqual(['plan.csv', 'plan.new-agencies.agencies.yaml', 'plan.plan.yaml']);
  });

  it('--help and usage errors', () => {
    const help = plankit(['import', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: plankit import FILE/);
    expect(plankit(['import']).code).toBe(2);
    expect(plankit(['import', 'a.csv', 'b.csv']).code).toBe(2);
    const unknown = plankit(['import', 'a.csv', '--bogus']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^plankit import: there is no option --bogus\. The options are listed below\.\n\nUsage: plankit import FILE/);
    // A near miss is named, and a flag given a value is told it takes none.
    expect(plankit(['import', 'a.csv', '--forse']).stderr).toMatch(/there is no option --forse: did you mean --force\?/);
    expect(plankit(['import', 'a.csv', '--force=yes']).stderr).toMatch(/--force takes no value: write just --force\./);
    expect(plankit(['import', 'a.csv', '--register']).stderr).toMatch(/--register needs a value after it\./);
    const badDate = plankit(['import', join(fixtures, 'shapes', 'two-updates.csv'), '--as-of', '31/03/2014', '-o', '-']);
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toMatch(/--as-of must be a date written YYYY-MM-DD/);
  });
});

describe('bad input: a clear message, exit code 2, nothing written', () => {
  const cases: [string, string, RegExp][] = [
    ['a missing file', 'nothing-here.csv', /there is no such file/],
    ['an empty file', 'bad/empty.csv', /is empty/],
    ['a .docx that is really text', 'bad/text-named.docx', /is not a Word \(\.docx\) file: it holds plain text/],
    ['a zip that is not a Word document', 'bad/not-word.docx', /could not be read as a Word \(\.docx\) file/],
    ['an .xlsx with no tables', 'bad/no-tables.xlsx', /no table with the column names action plans use/],
    ['a CSV with no recognisable header', 'bad/no-header.csv', /no table with the column names action plans use.*--map/s],
    ['binary junk named .csv', 'bad/junk.csv', /holds binary data, not text/],
    ['binary junk named .xlsx', 'bad/junk.xlsx', /is not a Excel \(\.xlsx\) file|is not an Excel/],
    ['a file type it does not read', 'bad/plan.pdf', /not a file type plankit import reads/],
  ];
  it.each(cases)('%s', async (_name, file, message) => {
    const dir = tempDir();
    const out = join(dir, 'out.plan.yaml');
    // An existing plan at the output path must stay untouched when the import fails.
    writeFileSync(out, 'title: keep me\nthemes: []\n');
    const result = await runImport([join(fixtures, file), '-o', out, '--force']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.split('\n').filter(Boolean).length).toBeLessThanOrEqual(2);
    expect(readFileSync(out, 'utf8')).toBe('title: keep me\nthemes: []\n');
    expect(readdirSync(dir)).toEqual(['out.plan.yaml']);
  });

  it('a folder instead of a file', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'plans.csv'));
    const result = await runImport([join(dir, 'plans.csv'), '-o', join(dir, 'x.plan.yaml')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/is a folder/);
  });

  it('-o into a missing folder', async () => {
    const dir = tempDir();
    const result = await runImport([join(fixtures, 'shapes', 'two-updates.csv'), '-o', join(dir, 'no', 'such', 'folder', 'x.plan.yaml')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/the output folder ".*folder" does not exist/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('-o not named *.plan.yaml', async () => {
    const dir = tempDir();
    const result = await runImport([join(fixtures, 'shapes', 'two-updates.csv'), '-o', join(dir, 'x.yaml')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/must be named \*\.plan\.yaml/);
  });

  it('a register that is not a register', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.agencies.yaml'), 'agencies: 12\n');
    const result = await runImport([join(fixtures, 'shapes', 'two-updates.csv'), '--register', join(dir, 'bad.agencies.yaml'), '-o', join(dir, 'x.plan.yaml')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/is not a valid agency register/);
    expect(existsSync(join(dir, 'x.plan.yaml'))).toBe(false);
  });

  it('a huge CSV (50,000 rows) is imported without hanging', async () => {
    const dir = tempDir();
    const lines = ['Action,Lead Agency,By When,Status'];
    for (let i = 0; i < 50_000; i++) lines.push(`Action number ${i} with some text,KCC,March 2015,Green`);
    writeFileSync(join(dir, 'huge.csv'), `${lines.join('\n')}\n`);
    const result = plankit(['import', join(dir, 'huge.csv'), '-o', join(dir, 'huge.plan.yaml')]);
    expect(result.signal).toBeNull();
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/50000 actions/);
    expect(readFileSync(join(dir, 'huge.plan.yaml'), 'utf8')).toMatch(/Action number 49999 with some text/);
  });
});
