/**
 * Settings (answered through workspace/configuration or given at start-up), pull diagnostics, and
 * robustness: binary, huge and malformed text never crash the server, and every request answers.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CodeActionRequest,
  CodeLensRequest,
  CompletionRequest,
  DefinitionRequest,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DocumentDiagnosticRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  InlayHintRequest,
  ReferencesRequest,
  WorkspaceDiagnosticRequest,
  type CodeAction,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type WorkspaceFullDocumentDiagnosticReport,
} from 'vscode-languageserver-protocol/node.js';
import { FULL_CAPABILITIES, LspClient, makeWorkspace, rangeOf, rangeWithin, uriOf } from './lsp-client.js';

const workspaces: string[] = [];
const clients: LspClient[] = [];
afterAll(async () => {
  for (const client of clients) await client.stop();
  for (const dir of workspaces) fs.rmSync(dir, { recursive: true, force: true });
});
function start(settings: Record<string, unknown>): { client: LspClient; dir: string } {
  const dir = makeWorkspace();
  workspaces.push(dir);
  const client = new LspClient(settings);
  clients.push(client);
  return { client, dir };
}
const codes = (diagnostics: Diagnostic[], code: string) => diagnostics.filter((d) => d.code === code);

describe('settings from workspace/configuration', () => {
  let client: LspClient;
  let dir: string;
  beforeAll(async () => {
    ({ client, dir } = start({ asOf: '2018-07-20', dueSoonDays: 20, severity: { overdue: 'error', 'unknown-agency': 'off', 'due-unresolved': 'hint' }, docsBaseUrl: 'https://intranet.example/plankit/checks.html' }));
    await client.initialize([dir]);
  });

  it('overrides the as-of date, the due-soon window and severities per code', async () => {
    const uri = uriOf(path.join(dir, 'county-agreement.plan.yaml'));
    const text = fs.readFileSync(path.join(dir, 'county-agreement.plan.yaml'), 'utf8');
    const diagnostics = await client.diagnostics(uri);
    const overdue = codes(diagnostics, 'overdue');
    expect(overdue.every((d) => d.severity === DiagnosticSeverity.Error)).toBe(true);
    expect(overdue[0].message).toContain('overdue at 20 July 2018');
    expect(codes(diagnostics, 'unknown-agency')).toEqual([]);
    expect(codes(diagnostics, 'due-unresolved')[0].severity).toBe(DiagnosticSeverity.Hint);
    // 31/07/2018 and July 2018 are 11 days after 20 July 2018: inside a 20-day window.
    const dueSoon = codes(diagnostics, 'due-soon');
    expect(dueSoon.map((d) => d.range)).toEqual([rangeOf(text, '31/07/2018'), rangeWithin(text, 'due: July 2018', 'July 2018')]);
    expect(dueSoon[0].message).toContain('is due in 11 days: 31 July 2018');
    expect(dueSoon[0].codeDescription?.href).toBe('https://intranet.example/plankit/checks.html#due-soon');
  });

  it('dates a new update as at the plan’s own reporting date, not the setting’s date for the checks', async () => {
    const uri = uriOf(path.join(dir, 'county-agreement.plan.yaml'));
    const text = fs.readFileSync(path.join(dir, 'county-agreement.plan.yaml'), 'utf8');
    await client.diagnostics(uri);
    const asOf = rangeOf(text, 'asOf: 2018-06-30');
    const actions = ((await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: asOf, context: { diagnostics: [] } })) ?? []) as CodeAction[];
    const titles = actions.map((action) => action.title);
    expect(titles.find((title) => title.startsWith('Add an update'))).toMatch(/^Add an update as at 30 June 2018 to each of the \d+ actions without one$/);
    expect(titles).toContain("Move the reporting date to 30 September 2018, the next quarter's end");
  });

  it('re-checks everything when the settings change', async () => {
    const uri = uriOf(path.join(dir, 'county-agreement.plan.yaml'));
    const before = client.publishCount(uri);
    client.settings = { severity: { overdue: 'information' } };
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    const diagnostics = await client.waitFor('re-published with new settings', () => {
      const list = client.published.get(uri) ?? [];
      if (list.length <= before) return undefined;
      const last = list[list.length - 1].diagnostics;
      return codes(last, 'overdue').length > 0 && codes(last, 'overdue').every((d) => d.severity === DiagnosticSeverity.Information) ? last : undefined;
    });
    // Back to the plan's own asOf (30 June 2018) and the default window: nothing due soon, agencies checked again.
    expect(codes(diagnostics, 'due-soon')).toEqual([]);
    expect(codes(diagnostics, 'unknown-agency')).toHaveLength(2);
    expect(codes(diagnostics, 'overdue')[0].message).toContain('overdue at 30 June 2018');
  });
});

describe('settings of each workspace folder', () => {
  it('checks each folder’s plans with that folder’s settings (VS Code’s folder settings), and follows a change to them', async () => {
    const first = makeWorkspace();
    const second = makeWorkspace();
    workspaces.push(first, second);
    // The window reports at 23 November 2026; the second folder at 1 December 2026, with overdue an error.
    const client = new LspClient({ asOf: '2026-11-23' }, { [uriOf(second)]: { asOf: '2026-12-01', severity: { overdue: 'error' } } });
    clients.push(client);
    await client.initialize([first, second]);
    const plan = 'sevenoaks-alcohol-drug-strategy-2011.plan.yaml';
    const inFirst = uriOf(path.join(first, plan));
    const inSecond = uriOf(path.join(second, plan));
    const text = fs.readFileSync(path.join(first, plan), 'utf8');
    const firstOverdue = codes(await client.diagnostics(inFirst, await client.open(inFirst, text)), 'overdue');
    const secondOverdue = codes(await client.diagnostics(inSecond, await client.open(inSecond, text)), 'overdue');
    // The same text, the same overdue milestones (all due in 2011), each folder's severity and date.
    expect(firstOverdue.length).toBeGreaterThan(0);
    expect(secondOverdue.map((d) => d.range)).toEqual(firstOverdue.map((d) => d.range));
    expect(firstOverdue.every((d) => d.severity === DiagnosticSeverity.Warning && d.message.includes('at 23 November 2026'))).toBe(true);
    expect(secondOverdue.every((d) => d.severity === DiagnosticSeverity.Error && d.message.includes('at 1 December 2026'))).toBe(true);
    expect(await client.connection.sendRequest('plankit/planStatus', { textDocument: { uri: inFirst } })).toMatchObject({ counts: { asOf: '2026-11-23' } });
    expect(await client.connection.sendRequest('plankit/planStatus', { textDocument: { uri: inSecond } })).toMatchObject({ counts: { asOf: '2026-12-01' } });
    // The second folder's settings change (its own date goes): its plan is checked again with them.
    const before = client.publishCount(inSecond);
    client.folderSettings[uriOf(second)] = { severity: { overdue: 'information' } };
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    const changed = await client.waitFor('the second folder’s plan checked with its new settings', () => {
      const list = client.published.get(inSecond) ?? [];
      if (list.length <= before) return undefined;
      const overdue = codes(list[list.length - 1].diagnostics, 'overdue');
      return overdue.length > 0 && overdue.every((d) => d.severity === DiagnosticSeverity.Information) ? overdue : undefined;
    });
    expect(changed.every((d) => d.message.includes('at 23 November 2026'))).toBe(true);
    expect(await client.connection.sendRequest('plankit/planStatus', { textDocument: { uri: inSecond } })).toMatchObject({ counts: { asOf: '2026-11-23' } });
    // The first folder's findings are as they were.
    expect(codes((client.published.get(inFirst) ?? []).at(-1)!.diagnostics, 'overdue')).toEqual(firstOverdue);
  });
});

describe('a client without workspace/configuration, pull diagnostics and checkWorkspace off', () => {
  it('takes settings from initializationOptions and answers textDocument/diagnostic and workspace/diagnostic', async () => {
    const { client, dir } = start({});
    const capabilities = { ...FULL_CAPABILITIES, workspace: { ...FULL_CAPABILITIES.workspace, configuration: false }, textDocument: { ...FULL_CAPABILITIES.textDocument, diagnostic: { dynamicRegistration: false } } };
    const result = await client.initialize([dir], capabilities, { diagnosticMode: 'pull', settings: { severity: { 'green-while-overdue': 'off' } } });
    expect(result.capabilities.diagnosticProvider).toMatchObject({ interFileDependencies: true, workspaceDiagnostics: true });
    const uri = uriOf(path.join(dir, 'county-agreement.plan.yaml'));
    const report = (await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } })) as DocumentDiagnosticReport & { items: Diagnostic[]; resultId: string };
    expect(report.kind).toBe('full');
    expect(codes(report.items, 'green-while-overdue')).toEqual([]);
    expect(codes(report.items, 'overdue')).toHaveLength(3);
    const again = await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri }, previousResultId: report.resultId });
    expect(again.kind).toBe('unchanged');
    const workspace = await client.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: [{ uri, value: report.resultId }] });
    const byUri = new Map(workspace.items.map((item) => [item.uri, item]));
    expect(byUri.get(uri)?.kind).toBe('unchanged');
    const sevenoaks = byUri.get(uriOf(path.join(dir, 'sevenoaks-alcohol-drug-strategy-2011.plan.yaml'))) as WorkspaceFullDocumentDiagnosticReport;
    expect(sevenoaks.kind).toBe('full');
    expect(sevenoaks.items.length).toBeGreaterThan(0);
    // Nothing is pushed in pull mode.
    expect(client.published.size).toBe(0);
  });

  it('checks only open files when checkWorkspace is off, and clears them on close', async () => {
    const { client, dir } = start({ checkWorkspace: false });
    await client.initialize([dir]);
    const uri = uriOf(path.join(dir, 'sevenoaks-alcohol-drug-strategy-2011.plan.yaml'));
    await client.open(uri, fs.readFileSync(path.join(dir, 'sevenoaks-alcohol-drug-strategy-2011.plan.yaml'), 'utf8'));
    expect((await client.diagnostics(uri, 1)).length).toBeGreaterThan(0);
    expect([...client.published.keys()]).toEqual([uri]);
    await client.close(uri);
    await client.waitFor('cleared', () => (client.published.get(uri)!.at(-1)!.diagnostics.length === 0 ? true : undefined));
  });
});

describe('robustness', () => {
  let client: LspClient;
  let dir: string;
  beforeAll(async () => {
    ({ client, dir } = start({}));
    await client.initialize([dir]);
  });

  const hostile: [string, string][] = [
    ['binary.plan.yaml', 'PK\u0003\u0004\u0000\u0000binary'],
    ['empty.plan.yaml', ''],
    ['broken.plan.yaml', 'title: [unclosed\nthemes:\n  - title: x\n   bad: indent\n\t- tab'],
    ['list.plan.yaml', '- just\n- a list\n'],
    ['deep.plan.yaml', `${'['.repeat(5000)}${']'.repeat(5000)}`],
    ['bomb.plan.yaml', 'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n'],
    ['bad.plan.json', '{"title": "x", "themes": [1, 2,]}'],
    ['huge.plan.yaml', `title: x\nthemes:\n${'  - title: t\n'.repeat(1_500_000)}`],
  ];

  for (const [name, text] of hostile) {
    it(`answers every request for ${name}`, async () => {
      const uri = uriOf(path.join(dir, name));
      await client.open(uri, text, name.endsWith('.json') ? 'json' : 'yaml');
      const diagnostics = await client.diagnostics(uri, 1);
      expect(Array.isArray(diagnostics)).toBe(true);
      const position = { line: 0, character: 3 };
      const textDocument = { uri };
      const range = { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } };
      const answers = await Promise.all([
        client.connection.sendRequest(CompletionRequest.type, { textDocument, position }),
        client.connection.sendRequest(HoverRequest.type, { textDocument, position }),
        client.connection.sendRequest(CodeActionRequest.type, { textDocument, range, context: { diagnostics } }),
        client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument }),
        client.connection.sendRequest(FoldingRangeRequest.type, { textDocument }),
        client.connection.sendRequest(DefinitionRequest.type, { textDocument, position }),
        client.connection.sendRequest(ReferencesRequest.type, { textDocument, position, context: { includeDeclaration: true } }),
        client.connection.sendRequest(InlayHintRequest.type, { textDocument, range }),
        client.connection.sendRequest(CodeLensRequest.type, { textDocument }),
      ]);
      expect(answers).toHaveLength(9);
      await client.close(uri);
    });
  }

  it('reports what is wrong with each hostile file, as the core does', async () => {
    const published = (name: string) => client.published.get(uriOf(path.join(dir, name)))!.find((entry) => entry.version === 1)!.diagnostics.map((d) => d.code);
    expect(published('binary.plan.yaml')).toEqual(['file-not-text']);
    expect(published('empty.plan.yaml')).toEqual(['file-empty']);
    expect(published('list.plan.yaml')).toEqual(['not-a-plan']);
    expect(published('bad.plan.json')).toEqual(['json-syntax']);
    expect(published('huge.plan.yaml')).toEqual(['file-too-large']);
    expect(client.exited).toBe(false);
  });
});
