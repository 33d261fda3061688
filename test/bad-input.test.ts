import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFile, readPlanFile } from '../packages/core/src/files.js';
import { nodeFileHost } from '../packages/core/src/node.js';

// Every bad input gets a clear message in bounded time, and no file is ever changed. The CLI is run
// as a real process with a hard time limit (the limit is a hang detector, not a speed assertion).
const root = join(__dirname, '..');
const bin = join(root, 'packages', 'cli', 'dist', 'bin.js');
const HANG_LIMIT_MS = 60_000;

let dir: string;
function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
function digest(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}
function validate(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, 'validate', ...args], { encoding: 'utf8', timeout: HANG_LIMIT_MS, maxBuffer: 64 * 1024 * 1024 });
  expect(result.signal, 'the CLI was killed: it hung or crashed').toBeNull();
  expect(result.stderr).not.toMatch(/unexpected failure|at \w+ \(/); // no stack traces for bad input
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'plankit-bad-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bad input', () => {
  it('malformed YAML: a syntax error at its line, exit 1, file unchanged', () => {
    const path = file('malformed.plan.yaml', 'title: Plan\nthemes:\n  - title: "unclosed\n    actions: [\n');
    const before = digest(path);
    const result = validate(path);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/malformed\.plan\.yaml:\d+:\d+: error yaml-syntax YAML: /);
    expect(digest(path)).toBe(before);
  });

  it('bad indentation is reported at the offending line', () => {
    const text = 'title: Plan\nthemes:\n  - title: One\n     actions: []\n';
    const diagnostics = readPlanFile(text, { fileName: 'x.plan.yaml' }).diagnostics;
    expect(diagnostics[0].code).toBe('yaml-syntax');
    // The yaml reader points at the end of the line whose mapping the bad indentation breaks.
    expect([2, 3]).toContain(diagnostics[0].range.start.line);
  });

  it('wrong types: a schema error per wrong value, exit 1', () => {
    const path = file('types.plan.yaml', 'title: [not, text]\nthemes: 5\nasOf: 31/03/2014\n');
    const result = validate(path);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/types\.plan\.yaml:1:8: error schema-type "title" \(Plan title\) should be text, not a list\./);
    expect(result.stdout).toMatch(/types\.plan\.yaml:2:9: error schema-type "themes" \(Themes\) should be a list, not the number 5\./);
    expect(result.stdout).toMatch(/types\.plan\.yaml:3:7: error schema-format "31\/03\/2014" is not a real date/);
  });

  it('a missing file: exit 2 with a clear message', () => {
    const result = validate(join(dir, 'nowhere.plan.yaml'));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cannot read .*nowhere\.plan\.yaml: no such file/);
  });

  it('an empty file, and one with only comments: file-empty', () => {
    for (const [name, content] of [['empty.plan.yaml', ''], ['comments.plan.yaml', '# just a comment\n\n---\n']]) {
      const result = validate(file(name, content));
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(new RegExp(`${name.replace('.', '\\.')}:1:1: error file-empty This file is empty`));
    }
    expect(validate(file('empty.plan.json', '   \n')).stdout).toMatch(/error file-empty/);
  });

  it('binary bytes: exit 2 naming the problem, never a crash', () => {
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0xff, 0xfe, 0x00, 0x41]);
    const result = validate(file('word.plan.yaml', zip));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/word\.plan\.yaml: it holds binary data, not text/);
    const latin1 = validate(file('latin1.plan.yaml', Buffer.from('title: Caf\xe9\nthemes: []\n', 'latin1')));
    expect(latin1.code).toBe(2);
    expect(latin1.stderr).toMatch(/not UTF-8 text/);
  });

  it('binary bytes given to the core directly (a browser): file-not-text', () => {
    const diagnostics = readPlanFile('title: x\u0000\u0001\u0002', { fileName: 'x.plan.yaml' }).diagnostics;
    expect(diagnostics.map((d) => d.code)).toEqual(['file-not-text']);
  });

  it('a 50 MB file: refused with a clear message without reading it, file unchanged', () => {
    const big = 'title: Big\nthemes:\n' + '  - title: a theme with a long name to fill the file quickly\n'.repeat(900_000);
    expect(big.length).toBeGreaterThan(50 * 1024 * 1024);
    const path = file('huge.plan.yaml', big);
    const before = digest(path);
    const result = validate(path);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/huge\.plan\.yaml: it is 5\d\.\d MB; Plankit reads files of up to 16 MB/);
    expect(digest(path)).toBe(before);
  });

  it('text over the limit given to the core directly: file-too-large, not parsed', () => {
    const text = 'title: x\n' + '#'.repeat(200);
    const result = readPlanFile(text, { fileName: 'x.plan.yaml', maxLength: 100 });
    expect(result.diagnostics.map((d) => d.code)).toEqual(['file-too-large']);
    expect(result.plan).toBeUndefined();
  });

  it('a YAML alias bomb: refused with yaml-alias-limit', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const previous = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
    }
    const path = file('bomb.plan.yaml', `title: Bomb\nthemes: []\nx-bomb:\n${levels.map((l) => `  ${l}`).join('\n')}\n`);
    const result = validate(path);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/error yaml-alias-limit This file repeats YAML aliases/);
  });

  it('a register that refers to itself: a warning, no hang', async () => {
    const register = file('self.agencies.yaml', 'registers: [self.agencies.yaml]\nagencies:\n  - id: KCC\n    name: Kent County Council\n');
    const plan = file('uses-self.plan.yaml', 'title: P\nregisters: [self.agencies.yaml]\nthemes:\n  - title: T\n    actions:\n      - title: A\n        lead: KCC\n');
    const registerResult = validate(register);
    expect(registerResult.code).toBe(0);
    expect(registerResult.stdout).toMatch(/self\.agencies\.yaml:1:13: warning register-cycle This file names itself as a register/);
    const planResult = validate(plan);
    expect(planResult.code).toBe(0);
    expect(planResult.stdout).toMatch(/uses-self\.plan\.yaml:2:13: warning register-cycle Registers include each other in a circle \(self\.agencies\.yaml → self\.agencies\.yaml\)/);
    expect(planResult.stdout).not.toMatch(/unknown-agency/); // the register was still read once
  });

  it('registers that include each other: reported once per entry, both read', async () => {
    file('a.agencies.yaml', 'registers: [b.agencies.yaml]\nagencies:\n  - id: A\n    name: Agency A\n');
    file('b.agencies.yaml', 'registers: [a.agencies.yaml]\nagencies:\n  - id: B\n    name: Agency B\n');
    const plan = file('ab.plan.yaml', 'title: P\nregisters: [a.agencies.yaml]\nthemes:\n  - title: T\n    actions:\n      - title: X\n        lead: [A, B]\n');
    const result = await checkFile(plan, readFileSync(plan, 'utf8'), nodeFileHost, { today: '2026-11-23' });
    expect(result.diagnostics.map((d) => d.code)).toEqual(['register-cycle']);
    expect(result.registers.map((r) => r.register?.agencies[0].id).sort()).toEqual(['A', 'B']);
  });

  it('a missing register: register-not-found on the entry', () => {
    const plan = file('lost.plan.yaml', 'title: P\nregisters: [gone.agencies.yaml]\nthemes: []\n');
    const result = validate(plan);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/lost\.plan\.yaml:2:13: error register-not-found The register "gone\.agencies\.yaml" cannot be read: no such file\./);
  });

  it('hostile text: very deep nesting, a 1 MB line, control characters, HTML', () => {
    const cases = [
      'title: x\nthemes: ' + '['.repeat(50_000) + ']'.repeat(50_000) + '\n',
      'title: ' + 'x'.repeat(1_000_000) + '\nthemes: []\n',
      'title: "\\u0007\\u001b[31m red"\nthemes: []\n',
      'title: <script>alert(1)</script>\nthemes:\n  - title: <img src=x onerror=alert(1)>\n',
      '{"title": ' + '['.repeat(100_000),
      ': : : -\n- - - :\n? ? ?\n',
    ];
    for (const [index, text] of cases.entries()) {
      const format = text.startsWith('{') ? 'json' : 'yaml';
      const path = file(`hostile-${index}.plan.${format}`, text);
      const result = validate(path);
      expect([0, 1]).toContain(result.code);
      expect(result.stdout).toMatch(/Checked 1 file/);
    }
  });

  it('HTML in plan text stays text in the model', () => {
    const plan = readPlanFile('title: <b>bold</b>\nthemes: []\n', { fileName: 'x.plan.yaml' }).plan!;
    expect(plan.title).toBe('<b>bold</b>');
  });
});
