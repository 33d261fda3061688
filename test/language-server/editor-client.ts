/**
 * What the tests that drive a real editor as the LSP client share (neovim.test.ts, emacs.test.ts):
 * running the editor's script headless, which writes what the editor saw as JSON, and the CLI's
 * findings for the same file to compare with.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot, type CliDiagnostic } from './lsp-client.js';

const CLI = path.join(repoRoot, 'packages', 'cli', 'bin', 'plankit.js');

/**
 * The scenario both editor tests play: open the Sevenoaks plan, its register beside it, with the
 * reporting date AS_OF; then, on the line `lead: LEAD`, put TYPED in place of the value and ask for
 * completion there, which should offer LEAD.
 */
export const PLAN = 'sevenoaks-alcohol-drug-strategy-2011.plan.yaml';
export const REGISTER = 'kent.agencies.yaml';
/** After the plan's own asOf (2011-03-31), so milestones due by March and April 2011 are overdue. */
export const AS_OF = '2011-06-30';
export const LEAD = 'West Kent Police';
export const TYPED = 'Kent Po';

export interface LspRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** A diagnostic as the server published it and the editor's script recorded it. */
export interface LspDiagnostic {
  range: LspRange;
  severity: number;
  code: string;
  message: string;
  source?: string;
  codeDescription?: { href: string };
  data?: unknown;
}

/** `plankit validate --format json --as-of <asOf> <file>`, run as a process: the file's diagnostics. */
export function validateWithCli(file: string, asOf: string): CliDiagnostic[] {
  let output: string;
  try {
    output = execFileSync(process.execPath, [CLI, 'validate', file, '--as-of', asOf, '--format', 'json'], { cwd: path.dirname(file), encoding: 'utf8' });
  } catch (error) {
    // Exit code 1 (errors found) still prints the report.
    output = (error as { stdout: string }).stdout;
  }
  const report = JSON.parse(output) as { files: { file: string; diagnostics: CliDiagnostic[] }[] };
  if (report.files.length !== 1) throw new Error(`plankit validate reported ${report.files.length} files for ${file}`);
  return report.files[0].diagnostics;
}

/**
 * Runs an editor headless (`command args…` in `cwd`, with `env` added) and resolves with the JSON its
 * script wrote to `out`; rejects when the editor fails, writes nothing, writes `{ error }`, or takes
 * longer than `timeoutMs`, with the editor's own output in the message.
 */
export function runEditorScript<T extends { error?: string }>(options: {
  label: string;
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  out: string;
  timeoutMs?: number;
}): Promise<T> {
  const { label, command, args, cwd, env, out, timeoutMs = 90_000 } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${label} did not finish in ${Math.round(timeoutMs / 1000)} s\n${output}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      let result: T;
      try {
        result = JSON.parse(fs.readFileSync(out, 'utf8')) as T;
      } catch (error) {
        return reject(new Error(`${label} exited with ${code} and wrote no result: ${String(error)}\n${output}`));
      }
      if (code !== 0 || result.error) return reject(new Error(`${label} failed (exit ${code}): ${result.error ?? ''}\n${output}`));
      resolve(result);
    });
  });
}
