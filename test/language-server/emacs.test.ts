/**
 * Emacs with eglot as a second independent LSP client of the Plankit language server: the set-up
 * docs/language-server.md gives for Debian 12 (Emacs 28, the elpa-eglot and elpa-yaml-mode
 * packages), run headless (`emacs --batch`). The Emacs Lisp script (emacs/plankit-eglot.el) opens an
 * example plan in a copied workspace, waits for the findings and for Flymake to show them, completes
 * a lead agency as M-x completion-at-point would (eglot's completion function and its own
 * completion styles), types over the value, takes the first completion (eglot applies the
 * server's edit), hovers, and shuts the server down. It writes what it saw as JSON; this file checks
 * that against `plankit validate --format json` run as a process.
 *
 * Needs `emacs` with eglot and yaml-mode on its load path (Debian: `apt-get install -y
 * --no-install-recommends emacs-nox elpa-eglot elpa-yaml-mode`). Without them every test here is
 * skipped, and the reason is printed.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AS_OF, LEAD, PLAN, REGISTER, runEditorScript, TYPED, validateWithCli, type LspDiagnostic } from './editor-client.js';
import { comparable, examplesDir, offsetAt, repoRoot, serverPath, uriOf } from './lsp-client.js';

const SCRIPT = path.join(repoRoot, 'test', 'language-server', 'emacs', 'plankit-eglot.el');

/** The emacs on PATH, and whether eglot and yaml-mode load in it. */
function findEmacs(): { ok: boolean; version?: string; why?: string } {
  const probe = spawnSync('emacs', ['--batch', '--eval', "(progn (require 'eglot) (require 'yaml-mode) (princ emacs-version))"], { encoding: 'utf8', timeout: 30_000 });
  if (probe.error) return { ok: false, why: `emacs is not installed (${(probe.error as NodeJS.ErrnoException).code ?? probe.error.message})` };
  if (probe.status !== 0) return { ok: false, why: `emacs cannot load eglot and yaml-mode: ${(probe.stderr || probe.stdout).trim().split('\n').pop()}` };
  return { ok: true, version: `Emacs ${probe.stdout.trim()}` };
}

const emacs = findEmacs();
const hasEmacs = emacs.ok;
if (!hasEmacs) {
  console.warn(
    `emacs.test.ts: SKIPPED, ${emacs.why}. Install Debian's packages (apt-get install -y --no-install-recommends emacs-nox elpa-eglot elpa-yaml-mode) to run the Emacs client tests.`,
  );
}

/** A Flymake diagnostic: buffer positions (characters from 1), eglot's type, the text shown. */
interface FlymakeDiagnostic {
  beg: number;
  end: number;
  type: string;
  text: string;
}
interface Completion {
  typed: string;
  items: { label: string; annotation: string }[];
}
interface Seen {
  version: number;
  diagnostics: LspDiagnostic[];
  flymake: FlymakeDiagnostic[];
}
interface EmacsResult {
  error?: string;
  eglotVersion: string;
  majorMode: string;
  uri: string;
  configurationRequests: number;
  opened: Seen;
  lead: { line: number; column: number };
  completionAtValue: Completion;
  edited: Seen & { text: string };
  completionAfterTyping: Completion;
  accepted: Seen & { chosen: string; line: string };
  hover: string;
  shutdown: null;
  exit: { status: string; code: number };
}
/** How eglot 1.9 names each LSP severity for Flymake. */
const FLYMAKE_TYPE: Record<number, string> = { 1: 'eglot-error', 2: 'eglot-warning', 3: 'eglot-note', 4: 'eglot-note' };

let workspace: string;
let result: EmacsResult;
let runTime = 0;

function runEmacs(): Promise<EmacsResult> {
  const out = path.join(workspace, '.emacs-result.json');
  const home = path.join(workspace, '.emacs-home');
  fs.mkdirSync(home);
  return runEditorScript<EmacsResult>({
    label: 'emacs',
    command: 'emacs',
    args: ['--batch', '-l', SCRIPT],
    cwd: workspace,
    out,
    env: {
      // Keep Emacs's own files out of the user's home.
      HOME: home,
      PLANKIT_NODE: process.execPath,
      PLANKIT_SERVER: serverPath,
      PLANKIT_WORKSPACE: workspace,
      PLANKIT_PLAN: path.join(workspace, PLAN),
      PLANKIT_AS_OF: AS_OF,
      PLANKIT_LEAD: LEAD,
      PLANKIT_TYPED: TYPED,
      PLANKIT_OUT: out,
    },
  });
}

/** An Emacs buffer position (characters, not UTF-16 units, counted from 1) of an LSP position. */
function bufferPosition(text: string, position: { line: number; character: number }): number {
  return [...text.slice(0, offsetAt(text, position))].length + 1;
}

const sortFlymake = (list: FlymakeDiagnostic[]) => [...list].sort((a, b) => a.beg - b.beg || a.text.localeCompare(b.text));

/** What Flymake should hold for these findings of this text: eglot's wording is "source [code]: message". */
function expectedFlymake(text: string, diagnostics: LspDiagnostic[]): FlymakeDiagnostic[] {
  return sortFlymake(
    diagnostics.map((d) => ({ beg: bufferPosition(text, d.range.start), end: bufferPosition(text, d.range.end), type: FLYMAKE_TYPE[d.severity], text: `${d.source} [${d.code}]: ${d.message}` })),
  );
}

beforeAll(async () => {
  if (!hasEmacs) return;
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'plankit-emacs-'));
  for (const name of [PLAN, REGISTER]) fs.copyFileSync(path.join(examplesDir, name), path.join(workspace, name));
  const started = Date.now();
  result = await runEmacs();
  runTime = Date.now() - started;
  console.log(`emacs.test.ts: ${emacs.version}, eglot ${result.eglotVersion}; run ${runTime} ms`);
}, 120_000);

afterAll(() => {
  if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
});

describe('Emacs (eglot) as the LSP client', () => {
  it.skipIf(!hasEmacs)('opens the plan in the documented plankit-mode, and eglot answers the server’s settings request', () => {
    expect(result.majorMode).toBe('plankit-mode');
    expect(result.uri).toBe(uriOf(path.join(workspace, PLAN)));
    expect(result.configurationRequests).toBeGreaterThan(0);
  });

  it.skipIf(!hasEmacs)('publishes, for the version eglot opened, exactly what plankit validate reports at the same as-of date', () => {
    const expected = validateWithCli(path.join(workspace, PLAN), AS_OF);
    expect(expected.filter((d) => d.code === 'overdue').length).toBeGreaterThanOrEqual(5);
    expect(comparable(result.opened.diagnostics)).toEqual(comparable(expected));
    // The plan's own asOf (2011-03-31) would give no overdue items: the setting reached the server.
    const overdue = result.opened.diagnostics.filter((d) => d.code === 'overdue');
    expect(overdue.every((d) => (d.data as { asOf?: string }).asOf === AS_OF)).toBe(true);
  });

  it.skipIf(!hasEmacs)('is shown by Flymake at the same characters, with the same severity and words', () => {
    const text = fs.readFileSync(path.join(workspace, PLAN), 'utf8');
    expect(sortFlymake(result.opened.flymake)).toEqual(expectedFlymake(text, result.opened.diagnostics));
    const first = result.opened.flymake.find((d) => d.text.includes('[overdue]'))!;
    expect(text.slice(first.beg - 1, first.end - 1)).toBe('Yearly plans until March 2011');
    expect(first.type).toBe('eglot-warning');
  });

  it.skipIf(!hasEmacs)('completes at a lead value with the register’s agencies, each with its full name', () => {
    expect(result.lead.column).toBe('            lead: '.length);
    // eglot 1.9 completes the word at point, matched anywhere in a candidate (its flex style).
    expect(result.completionAtValue.typed).toBe('Police');
    const labels = result.completionAtValue.items.map((item) => item.label);
    expect(labels).toContain(LEAD);
    for (const item of result.completionAtValue.items) expect(item.label).toContain('Police');
  });

  it.skipIf(!hasEmacs)('sends its own incremental edit, and the findings are those of a fresh check of the buffer', () => {
    const original = fs.readFileSync(path.join(workspace, PLAN), 'utf8');
    const leadAt = original.indexOf(`lead: ${LEAD}`) + 'lead: '.length;
    expect(result.edited.text).toBe(original.slice(0, leadAt) + TYPED + original.slice(leadAt + LEAD.length));
    expect(result.edited.version).toBeGreaterThan(result.opened.version);
    const edited = path.join(workspace, 'edited.plan.yaml');
    fs.writeFileSync(edited, result.edited.text);
    expect(comparable(result.edited.diagnostics)).toEqual(comparable(validateWithCli(edited, AS_OF)));
    const unknown = result.edited.diagnostics.filter((d) => d.code === 'unknown-agency');
    expect(unknown.map((d) => d.range)).toEqual([
      { start: { line: result.lead.line, character: result.lead.column }, end: { line: result.lead.line, character: result.lead.column + TYPED.length } },
    ]);
    expect(sortFlymake(result.edited.flymake)).toEqual(expectedFlymake(result.edited.text, result.edited.diagnostics));
  });

  it.skipIf(!hasEmacs)('completes what was typed, nearest agency first, and taking it replaces the whole value', () => {
    expect(result.completionAfterTyping.items[0]).toEqual({ label: 'Kent Police', annotation: 'Kent Police' });
    expect(result.completionAfterTyping.items.map((item) => item.label)).toContain('West Kent Police');
    expect(result.accepted.chosen).toBe('Kent Police');
    // The server's edit covers "Kent Po": not "Kent Kent Police".
    expect(result.accepted.line).toBe(`${' '.repeat(result.lead.column - 'lead: '.length)}lead: Kent Police`);
    expect(result.accepted.version).toBeGreaterThan(result.edited.version);
    expect(result.accepted.diagnostics.filter((d) => d.code === 'unknown-agency')).toEqual([]);
    expect(comparable(result.accepted.diagnostics)).toEqual(comparable(result.opened.diagnostics.filter((d) => d.code !== 'unknown-agency')));
  });

  it.skipIf(!hasEmacs)('hovers the typed lead with what the register says about it', () => {
    expect(result.hover).toContain('Kent Police');
  });

  it.skipIf(!hasEmacs)('answers shutdown and exits by itself on exit, with status 0', () => {
    expect(result.shutdown).toBeNull();
    expect(result.exit).toEqual({ status: 'exit', code: 0 });
  });
});
