import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importCommand } from '../../packages/cli/src/import/command.js';

export const root = join(__dirname, '..', '..');
export const fixtures = join(root, 'test', 'fixtures', 'import');
export const examples = join(root, 'examples');

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'plankit-import-'));
}

/** Runs `plankit import` in this process; resolves to its exit code and what it wrote. */
export async function runImport(args: string[], cwd = root): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await importCommand(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    cwd,
    now: new Date('2026-11-23T12:00:00Z'),
  });
  return { code, stdout, stderr };
}
