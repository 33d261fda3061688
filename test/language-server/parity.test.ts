/**
 * The core owns every rule: for every file in examples/, the diagnostics the language server
 * publishes (for files never opened) equal what `plankit validate --format json` prints for the
 * same as-of date: same codes, severities, ranges and messages. Both run as real processes.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { comparable, examplesDir, LspClient, repoRoot, uriOf, type CliDiagnostic } from './lsp-client.js';

const AS_OF = '2026-11-23';

let client: LspClient;
let cli: { files: { file: string; diagnostics: CliDiagnostic[] }[] };

beforeAll(async () => {
  let output: string;
  try {
    output = execFileSync(process.execPath, [path.join(repoRoot, 'packages', 'cli', 'bin', 'plankit.js'), 'validate', 'examples', '--as-of', AS_OF, '--format', 'json'], { cwd: repoRoot, encoding: 'utf8' });
  } catch (error) {
    // Exit code 1 (errors found) still prints the report.
    output = (error as { stdout: string }).stdout;
  }
  cli = JSON.parse(output);
  client = new LspClient({ asOf: AS_OF });
  await client.initialize([examplesDir]);
});

afterAll(async () => {
  await client?.stop();
});

describe('the server and the CLI report the same findings', () => {
  const names = fs.readdirSync(examplesDir).filter((name) => /\.(plan|agencies)\.(ya?ml|json)$/.test(name)).sort();

  it('checks the same files, and finds something to compare', () => {
    expect(cli.files.map((file) => path.basename(file.file)).sort()).toEqual(names);
    expect(cli.files.reduce((sum, file) => sum + file.diagnostics.length, 0)).toBeGreaterThan(20);
  });

  for (const name of names) {
    it(name, async () => {
      const expected = cli.files.find((file) => path.basename(file.file) === name)!.diagnostics;
      const published = await client.diagnostics(uriOf(path.join(examplesDir, name)));
      expect(comparable(published)).toEqual(comparable(expected));
    });
  }
});
