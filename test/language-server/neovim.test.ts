/**
 * Neovim as an independent LSP client of the Plankit language server (not our own test client):
 * headless Neovim (0.7+, `vim.lsp.start_client`) starts `node language-server/dist/server.js
 * --stdio`, opens an example plan copied to a temporary workspace, waits for its diagnostics,
 * asks for completion and hover on a lead agency, types over the value (Neovim's own incremental
 * didChange), and stops the server. The Lua script (neovim/plankit-client.lua) writes what it saw
 * as JSON; this file checks it against `plankit validate --format json` run as a process.
 *
 * The as-of date reaches the server as the `plankit.asOf` setting, two ways:
 * - `configuration`: the client advertises workspace.configuration and Neovim's own handler
 *   answers the server's workspace/configuration request from `settings`;
 * - `didChangeConfiguration`: Neovim 0.7's default capabilities (no workspace.configuration), the
 *   settings sent with workspace/didChangeConfiguration in on_init.
 *
 * Needs `nvim` on PATH (Debian: `apt-get install -y --no-install-recommends neovim`). Without it
 * every test here is skipped, and the reason is printed.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol/node.js';
import { readRegisterFile } from '../../packages/core/dist/index.js';
import { AS_OF, LEAD, PLAN, REGISTER, runEditorScript, TYPED, validateWithCli, type LspDiagnostic } from './editor-client.js';
import { comparable, examplesDir, rangeOf, repoRoot, serverPath, uriOf } from './lsp-client.js';

const SCRIPT = path.join(repoRoot, 'test', 'language-server', 'neovim', 'plankit-client.lua');
const MODES = ['configuration', 'didChangeConfiguration'] as const;
type Mode = (typeof MODES)[number];

/** The nvim on PATH, if any, and its version line. */
function findNvim(): { ok: boolean; version?: string; why?: string } {
  const probe = spawnSync('nvim', ['--version'], { encoding: 'utf8', timeout: 20_000 });
  if (probe.error) return { ok: false, why: `nvim is not installed (${(probe.error as NodeJS.ErrnoException).code ?? probe.error.message})` };
  const version = probe.stdout.split('\n')[0];
  const match = /^NVIM v(\d+)\.(\d+)/.exec(version);
  if (probe.status !== 0 || !match) return { ok: false, why: `nvim --version did not answer as Neovim: ${probe.stdout || probe.stderr}` };
  if (Number(match[1]) === 0 && Number(match[2]) < 7) return { ok: false, why: `${version} is older than 0.7` };
  return { ok: true, version };
}

const nvim = findNvim();
const hasNvim = nvim.ok;
if (!hasNvim) {
  console.warn(
    `neovim.test.ts: SKIPPED, ${nvim.why}. Install Debian's neovim package (apt-get install -y --no-install-recommends neovim) to run the Neovim client tests.`,
  );
}

interface Item {
  label: string;
  detail?: string;
  filterText?: string;
  newText?: string;
}
interface NvimResult {
  error?: string;
  nvimVersion: string;
  mode: Mode;
  advertisedConfiguration: boolean;
  /** Whether Neovim said it shows a code's link (publishDiagnostics.codeDescriptionSupport). */
  advertisedCodeDescription: boolean;
  uri: string;
  configurationRequests: { items: { section?: string; scopeUri?: string }[] }[];
  opened: {
    version: number;
    bufferVersion: number;
    diagnostics: LspDiagnostic[];
    vimDiagnostics: { lnum: number; col: number; end_lnum: number; end_col: number; severity: number; code: string; message: string }[];
  };
  lead: { line: number; character: number; text: string };
  completionAtValue: { err?: unknown; items: Item[] };
  hover: { err?: unknown; contents: { kind: string; value: string } | string };
  edited: { version: number; bufferVersion: number; diagnostics: LspDiagnostic[]; text: string };
  completionAfterTyping: { err?: unknown; items: Item[] };
  exit: { code: number; signal: number } | null;
  published: number;
}
let workspace: string;
const results = new Map<Mode, NvimResult>();
const runTimes = new Map<Mode, number>();

/** Runs the Lua client in headless Neovim for one settings mode; resolves with what it wrote. */
function runNvim(mode: Mode): Promise<NvimResult> {
  const out = path.join(workspace, `.nvim-${mode}.json`);
  const home = path.join(workspace, `.nvim-home-${mode}`);
  fs.mkdirSync(home);
  return runEditorScript<NvimResult>({
    label: `nvim (${mode})`,
    command: 'nvim',
    args: ['--headless', '--clean', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${SCRIPT}`],
    cwd: workspace,
    out,
    env: {
      // Keep Neovim's log, state and data out of the user's home.
      XDG_CONFIG_HOME: home,
      XDG_CACHE_HOME: home,
      XDG_STATE_HOME: home,
      XDG_DATA_HOME: home,
      PLANKIT_NODE: process.execPath,
      PLANKIT_SERVER: serverPath,
      PLANKIT_WORKSPACE: workspace,
      PLANKIT_PLAN: path.join(workspace, PLAN),
      PLANKIT_AS_OF: AS_OF,
      PLANKIT_MODE: mode,
      PLANKIT_LEAD: LEAD,
      PLANKIT_TYPED: TYPED,
      PLANKIT_OUT: out,
    },
  });
}

/** The byte column of a UTF-16 position on a line (what vim.diagnostic keeps). */
const byteColumn = (line: string, character: number) => Buffer.byteLength(line.slice(0, character), 'utf8');

beforeAll(async () => {
  if (!hasNvim) return;
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'plankit-nvim-'));
  for (const name of [PLAN, REGISTER]) fs.copyFileSync(path.join(examplesDir, name), path.join(workspace, name));
  for (const mode of MODES) {
    const started = Date.now();
    results.set(mode, await runNvim(mode));
    runTimes.set(mode, Date.now() - started);
  }
  console.log(`neovim.test.ts: ${nvim.version}; ${MODES.map((mode) => `${mode} run ${runTimes.get(mode)} ms`).join(', ')}`);
}, 200_000);

afterAll(() => {
  if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
});

describe('Neovim as the LSP client', () => {
  it.skipIf(!hasNvim)('talks to the server, which asks for the plankit settings only when the client says it can answer', () => {
    const withConfiguration = results.get('configuration')!;
    expect(withConfiguration.advertisedConfiguration).toBe(true);
    expect(withConfiguration.configurationRequests.length).toBeGreaterThan(0);
    // The window's settings, and the workspace folder's (Neovim answers both from its settings table).
    expect(withConfiguration.configurationRequests[0].items).toEqual([{ section: 'plankit' }, { section: 'plankit', scopeUri: uriOf(workspace) }]);
    const without = results.get('didChangeConfiguration')!;
    expect(without.advertisedConfiguration).toBe(false);
    expect(without.configurationRequests).toEqual([]);
    for (const result of results.values()) expect(result.uri).toBe(uriOf(path.join(workspace, PLAN)));
  });

  for (const mode of MODES) {
    describe(`settings by ${mode}`, () => {
      it.skipIf(!hasNvim)('publishes, for the version Neovim opened, exactly what plankit validate reports at the same as-of date', () => {
        const result = results.get(mode)!;
        expect(result.opened.version).toBe(result.opened.bufferVersion);
        const expected = validateWithCli(path.join(workspace, PLAN), AS_OF);
        expect(expected.filter((d) => d.code === 'overdue').length).toBeGreaterThanOrEqual(5);
        expect(comparable(result.opened.diagnostics)).toEqual(comparable(expected));
        // Neovim 0.7 does not show a code's link (no codeDescriptionSupport), so it is not sent one.
        expect(result.advertisedCodeDescription).toBe(false);
        for (const diagnostic of result.opened.diagnostics) {
          expect(diagnostic.source).toBe('plankit');
          expect(diagnostic).not.toHaveProperty('codeDescription');
        }
      });

      it.skipIf(!hasNvim)('reports the first overdue milestone as a warning on its due text, as at the setting date', () => {
        const result = results.get(mode)!;
        const text = fs.readFileSync(path.join(workspace, PLAN), 'utf8');
        const overdue = result.opened.diagnostics.filter((d) => d.code === 'overdue');
        expect(overdue[0].range).toEqual(rangeOf(text, 'Yearly plans until March 2011'));
        expect(overdue[0].severity).toBe(DiagnosticSeverity.Warning);
        expect(overdue[0].message).toBe(
          'Milestone “Regular police operations” was to run until 31 March 2011 (“Yearly plans until March 2011”) and is 3 months overdue at 30 June 2011: it is not marked complete.',
        );
        // The plan's own asOf (2011-03-31) would give no overdue items at all: the setting reached the server.
        expect(overdue.every((d) => (d.data as { asOf?: string }).asOf === AS_OF)).toBe(true);
      });

      it.skipIf(!hasNvim)('is understood by Neovim itself: vim.diagnostic holds every finding at the same place', () => {
        const result = results.get(mode)!;
        const lines = fs.readFileSync(path.join(workspace, PLAN), 'utf8').split('\n');
        const expected = result.opened.diagnostics.map((d) => ({
          lnum: d.range.start.line,
          col: byteColumn(lines[d.range.start.line], d.range.start.character),
          end_lnum: d.range.end.line,
          end_col: byteColumn(lines[d.range.end.line], d.range.end.character),
          severity: d.severity,
          code: d.code,
          message: d.message,
        }));
        const sort = (list: typeof expected) => [...list].sort((a, b) => a.lnum - b.lnum || a.col - b.col || a.code.localeCompare(b.code));
        expect(sort(result.opened.vimDiagnostics)).toEqual(sort(expected));
      });

      it.skipIf(!hasNvim)("completes a lead agency with the register's agencies: ids inserted, full names shown", () => {
        const result = results.get(mode)!;
        expect(result.lead.text.trim()).toBe(`lead: ${LEAD}`);
        expect(result.completionAtValue.err ?? null).toBeNull();
        const register = readRegisterFile(fs.readFileSync(path.join(workspace, REGISTER), 'utf8'), { fileName: path.join(workspace, REGISTER) });
        const agencies = register.register!.agencies;
        expect(agencies.length).toBeGreaterThan(20);
        const byLabel = new Map(result.completionAtValue.items.map((item) => [item.label, item]));
        for (const agency of agencies) {
          const item = byLabel.get(agency.id);
          expect(item, `completion for ${agency.id}`).toBeDefined();
          expect(item!.newText).toBe(agency.id);
          expect(item!.detail).toContain(agency.name);
        }
        expect(byLabel.get('KCC')).toMatchObject({ label: 'KCC', detail: 'Kent County Council', newText: 'KCC' });
      });

      it.skipIf(!hasNvim)("hovers a lead agency with its register entry", () => {
        const result = results.get(mode)!;
        const contents = result.hover.contents;
        const value = typeof contents === 'string' ? contents : contents.value;
        expect(value).toContain(LEAD);
        expect(value).toContain(REGISTER);
      });

      it.skipIf(!hasNvim)("re-checks Neovim's incremental edit: the server's text is the buffer's text", () => {
        const result = results.get(mode)!;
        const original = fs.readFileSync(path.join(workspace, PLAN), 'utf8');
        const leadAt = original.indexOf(`lead: ${LEAD}`) + 'lead: '.length;
        expect(result.edited.text).toBe(original.slice(0, leadAt) + TYPED + original.slice(leadAt + LEAD.length));
        expect(result.edited.version).toBe(result.edited.bufferVersion);
        expect(result.edited.version).toBeGreaterThan(result.opened.version);
        const edited = path.join(workspace, `edited-${mode}.plan.yaml`);
        fs.writeFileSync(edited, result.edited.text);
        expect(comparable(result.edited.diagnostics)).toEqual(comparable(validateWithCli(edited, AS_OF)));
        const unknown = result.edited.diagnostics.filter((d) => d.code === 'unknown-agency');
        expect(unknown.map((d) => d.range)).toEqual([
          { start: { line: result.lead.line, character: result.lead.character }, end: { line: result.lead.line, character: result.lead.character + TYPED.length } },
        ]);
      });

      it.skipIf(!hasNvim)('completes what was typed, nearest agency first', () => {
        const result = results.get(mode)!;
        expect(result.completionAfterTyping.err ?? null).toBeNull();
        const labels = result.completionAfterTyping.items.map((item) => item.label);
        expect(labels[0]).toBe('Kent Police');
        expect(labels).toContain('West Kent Police');
        expect(labels).not.toContain('KCC');
      });

      it.skipIf(!hasNvim)('shuts down cleanly when Neovim stops the client', () => {
        expect(results.get(mode)!.exit).toEqual({ code: 0, signal: 0 });
      });
    });
  }
});
