/**
 * The Plankit language server, driven over stdio by a real LSP client: diagnostics (open files and
 * files never opened), completion, hover, quick fixes applied and re-checked, symbols, folding,
 * definition, references, rename, inlay hints, code lens, and re-checks when a register changes.
 * Run after `npx tsc -b language-server`. Expected positions are found in the fixture text.
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
  DidChangeWatchedFilesNotification,
  DocumentSymbolRequest,
  FileChangeType,
  FoldingRangeRequest,
  HoverRequest,
  InsertTextFormat,
  InsertTextMode,
  InlayHintRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  SetTraceNotification,
  type CodeAction,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type DocumentSymbol,
  type Location,
  type MarkupContent,
  type Position,
} from 'vscode-languageserver-protocol/node.js';
import { DEFAULT_DUE_SOON_DAYS, readPlanFile } from '@plankit/core';
import { civilDateInLondon } from '../../packages/core/src/dates.js';
import { applyEdits, editsFor, editVersionFor, FULL_CAPABILITIES, LspClient, makeWorkspace, positionAt, rangeOf, repoRoot, uriOf, withCursor } from './lsp-client.js';

let workspace: string;
let client: LspClient;
const file = (name: string) => path.join(workspace, name);
const read = (name: string) => fs.readFileSync(file(name), 'utf8');
const county = () => uriOf(file('county-agreement.plan.yaml'));
const sevenoaks = () => uriOf(file('sevenoaks-alcohol-drug-strategy-2011.plan.yaml'));
const countyRegister = () => uriOf(file('county.agencies.yaml'));
const kentRegister = () => uriOf(file('kent.agencies.yaml'));

beforeAll(async () => {
  workspace = makeWorkspace();
  client = new LspClient({});
  await client.initialize([workspace]);
});

afterAll(async () => {
  await client?.stop();
  if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
});

function byCode(diagnostics: Diagnostic[], code: string): Diagnostic[] {
  return diagnostics.filter((diagnostic) => diagnostic.code === code);
}

async function codeActionsFor(uri: string, diagnostic: Diagnostic): Promise<CodeAction[]> {
  const result = await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
  return (result ?? []) as CodeAction[];
}

describe('start-up', () => {
  it('asks for the plankit settings and registers file watching', async () => {
    await client.waitFor('configuration request', () => client.configurationRequests.length > 0 || undefined);
    expect(JSON.stringify(client.configurationRequests[0])).toContain('"section":"plankit"');
    await client.waitFor('watcher registration', () => client.registrations.find((registration) => registration.method === 'workspace/didChangeWatchedFiles'));
    const watchers = client.registrations.find((registration) => registration.method === 'workspace/didChangeWatchedFiles')!.registerOptions as { watchers: { globPattern: string }[] };
    expect(watchers.watchers[0].globPattern).toBe('**/*.{plan,agencies}.{yaml,yml,json}');
  });

  it('publishes diagnostics for workspace files that were never opened', async () => {
    const diagnostics = await client.diagnostics(county());
    const text = read('county-agreement.plan.yaml');
    const unknown = byCode(diagnostics, 'unknown-agency');
    expect(unknown.map((d) => d.range)).toEqual([rangeOf(text, 'Kent Polce'), rangeOf(text, 'Kent Fire and Rescue')]);
    expect(unknown[0].message).toBe('"Kent Polce" is not in the agency register. Did you mean Kent Police?');
    expect(unknown[0].severity).toBe(DiagnosticSeverity.Warning);
    expect(unknown[0].codeDescription?.href).toBe('https://github.com/plankit/plankit/blob/main/docs/checks.md#unknown-agency');
    expect(unknown[0].source).toBe('plankit');
    expect(unknown[0].data).toMatchObject({ agency: 'Kent Polce', suggestion: 'Kent Police', role: 'lead' });
    const overdue = byCode(diagnostics, 'overdue');
    // Against the plan's own asOf (30 June 2018): June 2017, Q3 (of 2017/18) and the later of two dates are overdue.
    expect(overdue.map((d) => d.range)).toEqual([rangeOf(text, 'June 2017'), rangeOf(text, 'Q3'), rangeOf(text, 'November 2017 / March 2018')]);
    expect(overdue[0].message).toContain('was due 30 June 2017 (“June 2017”) and is 1 year overdue at 30 June 2018');
    expect(overdue[1].message).toContain('was due 31 December 2017 (“Q3”) and is 6 months overdue at 30 June 2018');
    expect(byCode(diagnostics, 'duplicate-id')[0]).toMatchObject({ range: rangeOf(text, "'2.1'", 2), severity: DiagnosticSeverity.Error, data: { suggestion: '2.3' } });
    expect(byCode(diagnostics, 'schema-required')[0].message).toBe('This milestone has no "title" (Milestone), which is required.');
    // Registers are checked too (and this one is clean).
    expect(await client.diagnostics(countyRegister())).toEqual([]);
    expect(await client.diagnostics(sevenoaks())).not.toHaveLength(0);
  });
});

describe('an open plan', () => {
  let text: string;
  beforeAll(async () => {
    text = read('county-agreement.plan.yaml');
    await client.open(county(), text);
    await client.diagnostics(county(), 1);
  });

  it('re-checks on each change, with the version, and drops findings that are fixed', async () => {
    const fixed = text.replace('lead: Kent Polce', 'lead: Kent Police');
    const version = await client.change(county(), fixed);
    const diagnostics = await client.diagnostics(county(), version);
    expect(byCode(diagnostics, 'unknown-agency').map((d) => d.data)).toEqual([expect.objectContaining({ agency: 'Kent Fire and Rescue' })]);
    const back = await client.change(county(), text);
    expect(byCode(await client.diagnostics(county(), back), 'unknown-agency')).toHaveLength(2);
  });

  it('hovers an agency with its full name and register file', async () => {
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: county() }, position: rangeOf(text, 'RCRP', 0).start });
    expect((hover!.contents as MarkupContent).value).toBe('**Road Casualty Reduction Partnership** — RCRP (group), registered in county.agencies.yaml');
    expect(hover!.range).toEqual(rangeOf(text, 'RCRP', 0));
    // A joint lead names both agencies.
    const joint = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: county() }, position: rangeOf(text, 'KCC RS/KFRS').start });
    expect((joint!.contents as MarkupContent).value).toContain('**KCC Road Safety** — KCC RS (service), registered in county.agencies.yaml');
    expect((joint!.contents as MarkupContent).value).toContain('**Kent Fire and Rescue Service** — KFRS (agency)');
  });

  it('puts plan and register text into hovers and completion as text: no links, images, markup or headings from it', async () => {
    const name = 'Safer [Official guidance](https://evil.example) ![x](https://track.example/p.png) <img src=x> `code` *bold*';
    fs.writeFileSync(file('hostile.agencies.yaml'), `agencies:\n  - id: HX\n    name: ${JSON.stringify(name)}\n    aliases: ["<b>Hostile</b>"]\n`);
    const uri = uriOf(file('hostile.plan.yaml'));
    const planText = `title: T\nregisters: [hostile.agencies.yaml]\nstatusScheme:\n  - key: ok\n    label: "[OK](https://evil.example)"\n    colour: green\n    definition: "# Heading\\n<script>x</script>"\nthemes:\n  - title: A\n    actions:\n      - id: '1'\n        title: Do it\n        lead: HX\n        status: ok\n        due: March 2030\n`;
    await client.diagnostics(uri, await client.open(uri, planText));
    const hoverOn = async (marker: string) => ((await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: rangeOf(planText, marker).end }))!.contents as MarkupContent).value;
    /** What the reader sees: the escapes taken out again. */
    const rendered = (markdown: string) => markdown.replace(/\\([\\`*_[\]<>#])/g, '$1');
    const agency = await hoverOn('lead: H');
    expect(agency).toContain('\\[Official guidance\\](https://evil.example) !\\[x\\](https://track.example/p.png) \\<img src=x\\> \\`code\\` \\*bold\\*');
    expect(rendered(agency)).toContain(name);
    const status = await hoverOn('status: o');
    expect(status).toContain('**\\[OK\\](https://evil.example)**');
    expect(status).toContain('\\# Heading\n\\<script\\>x\\</script\\>');
    // Completion of the lead: the same escapes in its documentation.
    const list = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: rangeOf(planText, 'lead: ').end })) as CompletionList;
    const item = list.items.find((candidate) => candidate.label === 'HX')!;
    const documentation = (item.documentation as MarkupContent).value;
    expect(documentation).toContain('\\[Official guidance\\]');
    expect(documentation).toContain('“\\<b\\>Hostile\\</b\\>”');
    expect(rendered(documentation)).toContain(name);
    await client.close(uri);
    fs.rmSync(file('hostile.agencies.yaml'));
  });

  it('hovers a due text with its deadline and how overdue it is', async () => {
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: county() }, position: rangeOf(text, 'June 2017').start });
    const value = (hover!.contents as MarkupContent).value;
    expect(value.split('\n\n')[0]).toBe('June 2017 — due by 30 June 2017, 1 year overdue at 30 June 2018');
    expect(value).toContain("_As of 2018-06-30 (the plan's asOf)._");
    const bare = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: county() }, position: rangeOf(text, 'due: Q3').end });
    expect((bare!.contents as MarkupContent).value.split('\n\n')[0]).toBe('Q3 — due by 31 December 2017, 6 months overdue at 30 June 2018');
  });

  it("hovers a status with the plan's own definition, and a key with the schema's words", async () => {
    const status = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: county() }, position: rangeOf(text, 'status: slipping').end });
    expect((status!.contents as MarkupContent).value).toBe("**Slipping** (amber) — plan's legend\n\nBehind the date, but the group expects to recover.");
    const key = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: county() }, position: rangeOf(text, 'due:').start });
    const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, 'schemas', 'plan.schema.json'), 'utf8'));
    expect((key!.contents as MarkupContent).value).toContain(`**${schema.$defs.due.title}**`);
    expect((key!.contents as MarkupContent).value).toContain(schema.$defs.due.description);
  });

  it('lists themes, actions and milestones with their status', async () => {
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: county() } })) as DocumentSymbol[];
    expect(symbols.map((symbol) => symbol.name)).toEqual(['RS Road Safety', 'DA Domestic abuse']);
    const actions = symbols[0].children!;
    expect(actions.map((symbol) => [symbol.name, symbol.detail])).toEqual([
      ['2.1 Hold a one-day data workshop', 'On track · due June 2017'],
      ['2.2 Deliver workshops to 8,000 pupils', 'Slipping · due November 2017 / March 2018'],
      ['2.1 Review the programme', 'Done · due 2018/19'],
    ]);
    expect(actions[0].children!.map((symbol) => [symbol.name, symbol.detail])).toEqual([['2.1a Book the venue', 'Slipping · due Q3']]);
    expect(actions[0].selectionRange).toEqual(rangeOf(text, 'Hold a one-day data workshop'));
    expect(symbols[1].children![0].children![0].name).toBe('Milestone');
  });

  it('folds mappings, list items and comment runs', async () => {
    const ranges = await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri: county() } });
    const lines = text.split('\n');
    const themesLine = lines.indexOf('themes:');
    expect(ranges).toContainEqual({ startLine: themesLine, endLine: lines.length - 2 });
    expect(ranges).toContainEqual({ startLine: 0, endLine: 1, kind: 'comment' });
    const statusScheme = lines.indexOf('statusScheme:');
    expect(ranges).toContainEqual({ startLine: statusScheme, endLine: themesLine - 1 });
  });

  it('shows the interpreted date after fuzzy due texts only', async () => {
    const hints = await client.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri: county() }, range: { start: { line: 0, character: 0 }, end: { line: 200, character: 0 } } });
    const labelled = hints!.map((hint) => [hint.position, hint.label]);
    expect(labelled).toContainEqual([rangeOf(text, 'June 2017').end, '→ due by 30 June 2017']);
    expect(labelled).toContainEqual([rangeOf(text, 'due: Q3').end, '→ due by 31 December 2017']);
    expect(labelled).toContainEqual([rangeOf(text, '31/07/2018').end, '→ due 31 July 2018']);
    expect(labelled).toContainEqual([rangeOf(text, 'November 2017 / March 2018').end, '→ two dates: 30 November 2017 or 31 March 2018']);
    // One hint per due text that is not already a date (all of them in this plan).
    expect(hints).toHaveLength(text.match(/ due: /g)!.length);
  });

  it('puts counts on each theme', async () => {
    const lenses = await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: county() } });
    expect(lenses!.map((lens) => [lens.range.start.line, lens.command?.title])).toEqual([
      [rangeOf(text, '- id: RS').start.line, '3 actions · 3 overdue · 1 on track · 1 slipping · 1 done'],
      [rangeOf(text, '- id: DA').start.line, '1 action · 1 on track'],
    ]);
  });

  it('says in the trace, when the client traces, how long each check took and what it published', async () => {
    // Tracing is off until the client turns it on: the open above left no line.
    expect(client.traces.filter((message) => message.startsWith('Checked '))).toEqual([]);
    await client.connection.sendNotification(SetTraceNotification.type, { value: 'verbose' });
    try {
      const edited = `${text}\n# a comment at the end\n`;
      const version = await client.change(county(), edited);
      const diagnostics = await client.diagnostics(county(), version);
      const line = await client.waitFor('the check in the trace', () => client.traces.find((message) => message.includes(`(version ${version})`)));
      const characters = edited.length.toLocaleString('en-GB');
      const traced = new RegExp(`^Checked county-agreement\\.plan\\.yaml \\(version ${version}\\), ${characters} characters: (\\d+) findings in ([0-9.]+) ms, published ([0-9.]+) ms later$`).exec(line);
      expect(traced, line).not.toBeNull();
      expect(Number(traced![1])).toBe(diagnostics.length);
      expect(diagnostics.length).toBeGreaterThan(1);
      expect(Number(traced![2])).toBeGreaterThan(0);
    } finally {
      await client.connection.sendNotification(SetTraceNotification.type, { value: 'off' });
      await client.diagnostics(county(), await client.change(county(), text));
    }
  });

  it("answers Plankit's plan-status request from its latest check: the counts, or the errors while the plan cannot be read", async () => {
    type Status = { version: number | null; errors: number; firstErrorLine?: number; counts?: Record<string, unknown> } | null;
    const status = () => client.connection.sendRequest<Status>('plankit/planStatus', { textDocument: { uri: county() } });
    // The plan as it is has a milestone without a title (for the quick fix that adds one): an error,
    // so the plan is not counted.
    const original = await client.change(county(), text);
    const findings = await client.diagnostics(county(), original);
    // (Its other error, a duplicate id, is a finding of the checks: the plan can still be read.)
    const missing = byCode(findings, 'schema-required');
    expect(missing).toHaveLength(1);
    expect(await status()).toEqual({ version: original, errors: 1, firstErrorLine: missing[0].range.start.line });
    // With the title, it is counted.
    const titled = text.replace('          - due: July 2018', '          - title: Sign off\n            due: July 2018');
    expect(titled).not.toBe(text);
    const version = await client.change(county(), titled);
    expect(byCode(await client.diagnostics(county(), version), 'schema-required')).toEqual([]);
    const counts = await status();
    // The same figures as the code lens on the two themes ("3 actions · 3 overdue · 1 on track ·
    // 1 slipping · 1 done" and "1 action · 1 on track"), at the plan's own asOf.
    expect(counts).toEqual({
      version,
      errors: 0,
      counts: {
        title: expect.any(String),
        lang: 'en',
        asOf: '2018-06-30',
        actions: 4,
        overdueActions: expect.any(Number),
        overdueMilestones: expect.any(Number),
        statuses: [
          { key: 'on-track', label: 'On track', count: 2 },
          { key: 'slipping', label: 'Slipping', count: 1 },
          { key: 'done', label: 'Done', count: 1 },
        ],
        noStatus: 0,
        otherStatus: 0,
        updatesToWrite: 0,
      },
    });
    expect((counts!.counts!.overdueActions as number) + (counts!.counts!.overdueMilestones as number)).toBe(3);
    // A text that cannot be read as a plan: how many errors, and the first one's line.
    const broken = titled.replace('themes:', 'themes: [');
    const brokenVersion = await client.change(county(), broken);
    const brokenFindings = await client.diagnostics(county(), brokenVersion);
    const errors = brokenFindings.filter((diagnostic) => diagnostic.severity === DiagnosticSeverity.Error);
    expect(errors.length).toBeGreaterThan(0);
    expect(await status()).toEqual({ version: brokenVersion, errors: errors.length, firstErrorLine: Math.min(...errors.map((error) => error.range.start.line)) });
    const back = await client.change(county(), titled);
    await client.diagnostics(county(), back);
    expect((await status())!.counts).toEqual(counts!.counts);
    await client.diagnostics(county(), await client.change(county(), text));
    // Not a plan: a register, or a request without a document.
    expect(await client.connection.sendRequest('plankit/planStatus', { textDocument: { uri: countyRegister() } })).toBeNull();
    expect(await client.connection.sendRequest('plankit/planStatus', {})).toBeNull();
  });

  it("answers the preview's requests from its latest check: the plan as a plain value, or the first error; and where a selected item is", async () => {
    type Preview = { version: number | null; errors: number; firstError?: { line: number; message: string }; plan?: { value: unknown; asOf: string; lang: string; dueSoonDays: number } } | null;
    const preview = () => client.connection.sendRequest<Preview>('plankit/planPreview', { textDocument: { uri: county() } });
    type Item = { range: { start: { line: number; character: number } }; version: number | null } | null;
    const item = (selection: Record<string, unknown>) => client.connection.sendRequest<Item>('plankit/planItem', { textDocument: { uri: county() }, ...selection });
    // As it is, the plan has a milestone without a title: the first error, with its line and words.
    const original = await client.change(county(), text);
    const missing = byCode(await client.diagnostics(county(), original), 'schema-required')[0];
    expect(await preview()).toEqual({ version: original, errors: 1, firstError: { line: missing.range.start.line, message: missing.message } });
    // With the title: the plan the CLI reads from the same text, at its own asOf, with the window the checks used.
    const titled = text.replace('          - due: July 2018', '          - title: Sign off\n            due: July 2018');
    const version = await client.change(county(), titled);
    await client.diagnostics(county(), version);
    expect(await preview()).toEqual({ version, errors: 0, plan: { value: readPlanFile(titled, { fileName: 'county-agreement.plan.yaml' }).value, asOf: '2018-06-30', lang: 'en', dueSoonDays: DEFAULT_DUE_SOON_DAYS } });
    // An action and a milestone, named as the preview names them (path and key), at their place in the text.
    const lines = titled.split('\n');
    const action = (await item({ path: ['themes', 0, 'actions', 1], key: '2.2', kind: 'action' }))!;
    expect(action.version).toBe(version);
    expect(lines[action.range.start.line].slice(action.range.start.character)).toBe("id: '2.2'");
    // A milestone with no id has a key from its place.
    const signOff = (await item({ path: ['themes', 1, 'actions', 0, 'milestones', 0], key: '3.1-m1', kind: 'milestone' }))!;
    expect(lines[signOff.range.start.line]).toContain('title: Sign off');
    // By key when the path has moved since the preview was drawn; nothing when the item is gone.
    expect((await item({ path: ['themes', 1, 'actions', 0], key: '2.2' }))!.range).toEqual(action.range);
    expect(await item({ key: '9.9' })).toBeNull();
    // Requests the server does not take: wrong types, nothing named, a register, no document.
    expect(await item({ key: 3 })).toBeNull();
    expect(await item({ path: 'themes', key: '2.2' })).toBeNull();
    expect(await item({ kind: 'theme', key: '2.2' })).toBeNull();
    expect(await item({})).toBeNull();
    expect(await client.connection.sendRequest('plankit/planItem', { textDocument: { uri: countyRegister() }, key: 'KFRS' })).toBeNull();
    expect(await client.connection.sendRequest('plankit/planPreview', { textDocument: { uri: countyRegister() } })).toBeNull();
    expect(await client.connection.sendRequest('plankit/planPreview', {})).toBeNull();
    await client.diagnostics(county(), await client.change(county(), text));
  });

  it('answers the report request with what plankit render writes for the text in the editor, or the first error', async () => {
    type Report = { version: number | null; errors: number; firstError?: { line: number; message: string }; html?: string } | null;
    const report = () => client.connection.sendRequest<Report>('plankit/planReport', { textDocument: { uri: county() } });
    const original = await client.change(county(), text);
    const missing = byCode(await client.diagnostics(county(), original), 'schema-required')[0];
    expect(await report()).toEqual({ version: original, errors: 1, firstError: { line: missing.range.start.line, message: missing.message } });
    // Unsaved text, with the missing title written: the report is of it, at the plan's own asOf.
    const titled = text.replace('          - due: July 2018', '          - title: Sign off the unsaved milestone\n            due: July 2018');
    const version = await client.change(county(), titled);
    await client.diagnostics(county(), version);
    const answer = (await report())!;
    expect(answer.version).toBe(version);
    expect(answer.errors).toBe(0);
    const html = answer.html!;
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('Sign off the unsaved milestone');
    expect(html).toContain('30 June 2018');
    // No script at all, and a policy in the file that forbids one.
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;');
    // Not a plan: a register, or no document.
    expect(await client.connection.sendRequest('plankit/planReport', { textDocument: { uri: countyRegister() } })).toBeNull();
    expect(await client.connection.sendRequest('plankit/planReport', {})).toBeNull();
    await client.diagnostics(county(), await client.change(county(), text));
  });

  it('checks an untitled document by its language (a plan from Plankit: New Plan), and clears its findings when it closes', async () => {
    const uri = 'untitled:Untitled-1';
    const version = await client.open(uri, 'title: A new plan\nthemes:\n  - title: Safer streets\n    actions:\n      - id: "1.1"\n        lead: Kent Police\n        due: March 2017\n', 'plankit-plan');
    const findings = await client.diagnostics(uri, version);
    // Read as a plan in YAML: the action has no title (schema), and is overdue (a check).
    expect(findings.map((finding) => finding.code).sort()).toEqual(['overdue', 'schema-required']);
    expect(await client.connection.sendRequest('plankit/planStatus', { textDocument: { uri } })).toMatchObject({ version, errors: 1 });
    await client.close(uri);
    // Cleared under the document's own URI.
    await client.waitFor('the untitled plan’s findings cleared', () => client.published.get(uri)?.at(-1)?.diagnostics.length === 0 || undefined);
    expect([...client.published.keys()].filter((key) => key.startsWith(uri))).toEqual([uri]);
    // JSON by its language: a JSON syntax error, not a YAML one; a register by its language.
    const json = 'untitled:Untitled-2';
    expect((await client.diagnostics(json, await client.open(json, '{ "title": "A plan", "themes": [ }', 'plankit-plan-json'))).map((finding) => finding.code)).toContain('json-syntax');
    const register = 'untitled:Untitled-3';
    const registerFindings = await client.diagnostics(register, await client.open(register, 'agencies:\n  - id: KP\n', 'plankit-agencies'));
    expect(registerFindings.map((finding) => finding.message).join('\n')).toMatch(/name/);
    expect(await client.connection.sendRequest('plankit/planStatus', { textDocument: { uri: register } })).toBeNull();
    // An untitled document in another language is not Plankit's.
    const other = 'untitled:Untitled-4';
    await client.open(other, 'title: [', 'yaml');
    expect(await client.connection.sendRequest('plankit/planStatus', { textDocument: { uri: other } })).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(client.publishCount(other)).toBe(0);
    for (const name of [json, register, other]) await client.close(name);
  });

  it('leaves other YAML files alone (an editor may start it for every YAML file): no findings, completion, hover or outline', async () => {
    const uri = uriOf(file('docker-compose.yml'));
    await client.open(uri, 'services:\n  web:\n    image: nginx\n\n', 'yaml');
    const completion = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 3, character: 0 } })) as CompletionList | CompletionItem[] | null;
    expect(Array.isArray(completion) ? completion : (completion?.items ?? [])).toEqual([]);
    expect(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 2 } })).toBeNull();
    expect((await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) ?? []).toEqual([]);
    expect((await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } })) ?? []).toEqual([]);
    expect((await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) ?? []).toEqual([]);
    expect(await client.connection.sendRequest('plankit/planPreview', { textDocument: { uri } })).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(client.publishCount(uri)).toBe(0);
    await client.close(uri);
  });

  it('goes from an agency to its register entry, and from a link to the action', async () => {
    const toRegister = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: county() }, position: rangeOf(text, 'RCRP').start })) as Location[];
    const register = read('county.agencies.yaml');
    expect(toRegister).toEqual([{ uri: countyRegister(), range: rangeOf(register, 'RCRP') }]);
    const kcc = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: county() }, position: rangeOf(text, 'KCC\n').start })) as Location[];
    expect(kcc).toEqual([{ uri: kentRegister(), range: rangeOf(read('kent.agencies.yaml'), 'KCC', 0) }]);
    const link = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: county() }, position: rangeOf(text, "action: '2.1'").end })) as Location[];
    expect(link).toEqual([{ uri: county(), range: rangeOf(text, "'2.1'", 0) }]);
    const other = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: county() }, position: rangeOf(text, "action: '1.2'").end })) as Location[];
    expect(other).toEqual([{ uri: sevenoaks(), range: rangeOf(read('sevenoaks-alcohol-drug-strategy-2011.plan.yaml'), "'1.2'") }]);
    const registerFile = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: county() }, position: rangeOf(text, 'county.agencies.yaml').start })) as Location[];
    expect(registerFile[0].uri).toBe(countyRegister());
  });

  it('goes from a link to "2.1" to the action numbered "2.1*" (the mark is a footnote, as the core reads it)', async () => {
    const before = client.texts.get(county())!;
    // Both actions numbered 2.1 (the plan has the number twice) get the mark.
    const marked = before.replaceAll("- id: '2.1'\n", "- id: '2.1*'\n");
    expect(marked).not.toBe(before);
    await client.diagnostics(county(), await client.change(county(), marked));
    const link = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: county() }, position: rangeOf(marked, "action: '2.1'").end })) as Location[];
    expect(link).toEqual([{ uri: county(), range: rangeOf(marked, "'2.1*'") }]);
    await client.diagnostics(county(), await client.change(county(), before));
  });

  it('finds every use of an agency across the workspace', async () => {
    const locations = (await client.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri: county() }, position: rangeOf(text, 'lead: KFRS').end, context: { includeDeclaration: true } })) as Location[];
    const register = read('county.agencies.yaml');
    expect(locations).toContainEqual({ uri: countyRegister(), range: rangeOf(register, 'KFRS') });
    expect(locations).toContainEqual({ uri: county(), range: rangeOf(text, 'KFRS', 0) });
    // The part of the joint lead "KCC RS/KFRS".
    expect(locations).toContainEqual({ uri: county(), range: rangeOf(text, 'KFRS', 1) });
    expect(locations).toHaveLength(3);
    const links = (await client.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri: county() }, position: rangeOf(text, "'2.2'").start, context: { includeDeclaration: false } })) as Location[];
    expect(links).toEqual([]);
    const toOne = (await client.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri: sevenoaks() }, position: rangeOf(read('sevenoaks-alcohol-drug-strategy-2011.plan.yaml'), "'1.2'").start, context: { includeDeclaration: false } })) as Location[];
    expect(toOne).toEqual([{ uri: county(), range: rangeOf(text, "'1.2'") }]);
  });

  it('offers agencies from the plan, its registers and the workspace, matched on id, name and other spellings', async () => {
    const cases: { marked: string; first: string; includes?: string[]; excludes?: string[] }[] = [
      { marked: 'lead: Kent Polce', first: 'Kent Police' },
      { marked: 'lead: Kent Fire and', first: 'KFRS' },
      { marked: 'lead: RC', first: 'RCRP', excludes: ['KCC'] },
    ];
    for (const testCase of cases) {
      const at = rangeOf(text, testCase.marked).end;
      const list = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: county() }, position: at })) as CompletionList;
      expect(list.items.length, testCase.marked).toBeGreaterThan(0);
      const sorted = [...list.items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
      expect(sorted[0].label, testCase.marked).toBe(testCase.first);
      for (const label of testCase.excludes ?? []) expect(list.items.map((item) => item.label)).not.toContain(label);
    }
    const kfrs = ((await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: county() }, position: rangeOf(text, 'lead: Kent Fire and').end })) as CompletionList).items.find((item) => item.label === 'KFRS')!;
    expect(kfrs.detail).toBe('Kent Fire and Rescue Service');
    expect(kfrs.textEdit).toEqual({ range: { start: rangeOf(text, 'Kent Fire and').start, end: rangeOf(text, 'lead: Kent Fire and').end }, newText: 'KFRS' });
  });
});

describe('completion while typing (cursor cases)', () => {
  const uri = () => uriOf(file('typing.plan.yaml'));
  const base = `title: Typing
registers: [county.agencies.yaml]
statusScheme:
  - key: on-track
    label: On track
    colour: green
  - key: late
    label: Late
    colour: red
themes:
  - id: '1'
    title: One
    actions:
      - id: '1.1'
        title: First
`;
  const cases: { name: string; tail: string; labels: string[]; absent?: string[]; detail?: [string, string] }[] = [
    { name: 'action keys, without those already there', tail: '        ⟨|⟩', labels: ['lead', 'due', 'status', 'milestones'], absent: ['id', 'title', 'asOf'], detail: ['due', 'By when'] },
    { name: "status keys from the plan's legend", tail: '        status: ⟨|⟩', labels: ['on-track', 'late'], absent: ['green'], detail: ['late', 'Late (red)'] },
    { name: 'agencies from a register a partner list', tail: '        partners: [RCRP, ⟨|⟩', labels: ['KFRS', 'KCC RS', 'KCC'] },
    { name: 'agencies in a block list', tail: '        partners:\n          - Road⟨|⟩', labels: ['RCRP'], absent: ['KFRS'] },
    { name: 'due forms', tail: '        due: ⟨|⟩', labels: ['Ongoing', 'TBC'] },
    { name: 'enum values with the schema', tail: '        polarity: ⟨|⟩', labels: ['higher', 'lower'] },
    { name: 'milestone keys in a new list item', tail: '        milestones:\n          - ⟨|⟩', labels: ['title', 'due', 'lead'] },
    { name: 'top-level keys', tail: '⟨|⟩', labels: ['partnership', 'asOf', 'period'], absent: ['themes', 'title'] },
  ];
  for (const testCase of cases) {
    it(testCase.name, async () => {
      const { text, position } = withCursor(base + testCase.tail);
      if (client.texts.has(uri())) await client.change(uri(), text);
      else await client.open(uri(), text);
      const list = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: uri() }, position })) as CompletionList | CompletionItem[];
      const items = Array.isArray(list) ? list : list.items;
      const labels = items.map((item) => item.label);
      for (const label of testCase.labels) expect(labels, `${testCase.name}: ${label}`).toContain(label);
      for (const label of testCase.absent ?? []) expect(labels, `${testCase.name}: not ${label}`).not.toContain(label);
      if (testCase.detail) expect(items.find((item) => item.label === testCase.detail![0])?.detail).toBe(testCase.detail[1]);
    });
  }

  it('offers a new action or milestone with its fields to fill in, on a new list item', async () => {
    const planned = base.replace('title: Typing\n', 'title: Typing\nasOf: 2026-12-31\n');
    const itemsAt = async (tail: string) => {
      const { text, position } = withCursor(planned + tail);
      await client.change(uri(), text);
      const list = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: uri() }, position })) as CompletionList;
      return list.items;
    };
    const action = (await itemsAt('      - ⟨|⟩')).find((item) => item.label === 'New action');
    expect(action?.insertTextFormat).toBe(InsertTextFormat.Snippet);
    // Its lines carry their indentation: the editor is asked not to add the line's again.
    expect(action?.insertTextMode).toBe(InsertTextMode.asIs);
    // Indented as the item's first key; the status a choice of the legend's open statuses; by the end of the financial year.
    expect((action?.textEdit as { newText: string }).newText).toBe(
      'title: ${1:What will be done}\n        lead: ${2:lead agency}\n        due: ${3:March 2027}\n        status: ${4|on-track,late|}$0',
    );
    const milestone = (await itemsAt('        milestones:\n          - ⟨|⟩')).find((item) => item.label === 'New milestone');
    expect((milestone?.textEdit as { newText: string }).newText).toBe('title: ${1:What will have happened}\n            due: ${3:March 2027}\n            status: ${4|on-track,late|}$0');
    // Not on an item that has fields already, nor in other lists.
    expect((await itemsAt('      - title: Second\n        ⟨|⟩')).map((item) => item.label)).not.toContain('New action');
    expect((await itemsAt('        updates:\n          - ⟨|⟩')).map((item) => item.label).filter((label) => label.startsWith('New'))).toEqual([]);
  });

  it('completes the agency being typed after the separator of a joint lead, replacing only it', async () => {
    const complete = async (tail: string) => {
      const { text, position } = withCursor(base + tail);
      if (client.texts.has(uri())) await client.change(uri(), text);
      else await client.open(uri(), text);
      const list = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: uri() }, position })) as CompletionList;
      return { text, position, items: list.items };
    };
    const editOf = (item: CompletionItem | undefined) => item?.textEdit as { range: { start: Position; end: Position }; newText: string } | undefined;
    // "KCC RS/Road|": Road Casualty Reduction Partnership, put in for "Road" only.
    const typed = await complete('        lead: KCC RS/Road⟨|⟩');
    const rcrp = editOf(typed.items.find((item) => item.label === 'RCRP'));
    expect(rcrp).toEqual({ range: { start: { ...typed.position, character: typed.position.character - 4 }, end: typed.position }, newText: 'RCRP' });
    expect(typed.items.map((item) => item.label)).not.toContain('KFRS');
    const done = applyEdits(typed.text, [rcrp!]);
    expect(done).toContain('        lead: KCC RS/RCRP');
    const version = await client.change(uri(), done);
    expect(byCode(await client.diagnostics(uri(), version), 'unknown-agency')).toEqual([]);
    // Just after the separator: every agency, inserted at the cursor.
    const fresh = await complete("        lead: 'KCC RS & ⟨|⟩'");
    expect(fresh.items.map((item) => item.label)).toEqual(expect.arrayContaining(['KFRS', 'RCRP', 'KCC']));
    expect(editOf(fresh.items.find((item) => item.label === 'KFRS'))).toEqual({ range: { start: fresh.position, end: fresh.position }, newText: 'KFRS' });
    // A name with "and" in it, typed as it is registered, is still completed whole.
    const named = await complete('        lead: Kent Fire and Res⟨|⟩');
    const kfrs = editOf(named.items.find((item) => item.label === 'KFRS'));
    expect(kfrs?.range.start.character).toBe('        lead: '.length);
  });

  it('offers the due forms with what each means', async () => {
    const { text, position } = withCursor(`${base}        due: ⟨|⟩`);
    await client.change(uri(), text);
    const list = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: uri() }, position })) as CompletionList;
    const today = civilDateInLondon(new Date());
    const year = Number(today.slice(0, 4));
    const month = Number(today.slice(5, 7));
    const fy = month >= 4 ? year : year - 1;
    const label = `${fy}/${String((fy + 1) % 100).padStart(2, '0')}`;
    const fyItem = list.items.find((item) => item.label === label)!;
    expect(fyItem.detail).toBe('A financial year (1 April to 31 March)');
    expect((fyItem.documentation as MarkupContent).value).toBe(`“${label}”: due by 31 March ${fy + 1}.`);
    const quarter = month >= 4 ? Math.floor((month - 4) / 3) + 1 : 4;
    expect(list.items.map((item) => item.label)).toContain(`Q${quarter} ${label}`);
    const iso = list.items.find((item) => item.label === today)!;
    expect(iso.insertTextFormat).toBe(2);
    expect(iso.textEdit).toMatchObject({ newText: `\${1:${today}}` });
    await client.close(uri());
  });
});

describe('completion of an agency from a register the plan does not list', () => {
  const kingston = () => uriOf(file('safer-kingston-partnership-plan-2011-14.plan.yaml'));
  let original: string;
  beforeAll(async () => {
    original = read('safer-kingston-partnership-plan-2011-14.plan.yaml');
    await client.open(kingston(), original);
    await client.diagnostics(kingston(), 1);
  });
  afterAll(async () => {
    await client.change(kingston(), original);
  });

  /** The Kingston plan with its partner "Businesses" being typed over as `typed`, and the items offered there. */
  async function completeInPartners(typed: string): Promise<{ text: string; items: CompletionItem[] }> {
    const line = '      - Businesses\n';
    const at = original.indexOf(line);
    expect(at).toBeGreaterThan(0);
    const text = `${original.slice(0, at)}      - ${typed}\n${original.slice(at + line.length)}`;
    await client.diagnostics(kingston(), await client.change(kingston(), text));
    const position = positionAt(text, at + '      - '.length + typed.length);
    const list = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: kingston() }, position })) as CompletionList;
    return { text, items: [...list.items].sort((a, b) => a.sortText!.localeCompare(b.sortText!)) };
  }

  it('offers the plan’s own register first, then the rest of the workspace’s, saying which register each is in', async () => {
    const { items } = await completeInPartners('Pol');
    const labels = items.map((item) => item.label);
    // Kingston's register has the Metropolitan Police Service; Kent's register, in the same folder, Kent Police.
    expect(labels).toContain('MPS');
    expect(labels).toContain('Kent Police');
    expect(labels.indexOf('MPS')).toBeLessThan(labels.indexOf('Kent Police'));
    const mps = items.find((item) => item.label === 'MPS')!;
    expect(mps.additionalTextEdits).toBeUndefined();
    expect(mps.labelDetails?.description).toBe('Metropolitan Police Service');
    const kent = items.find((item) => item.label === 'Kent Police')!;
    // Its name is its id: the description is only where it is registered.
    expect(kent.labelDetails?.description).toBe('kent.agencies.yaml');
    const tmbc = (await completeInPartners('Tonbridge')).items.find((item) => item.label === 'TMBC');
    expect(tmbc?.labelDetails?.description).toBe('Tonbridge and Malling Borough Council · kent.agencies.yaml');
    expect((kent.documentation as MarkupContent).value).toContain("Registered in kent.agencies.yaml, which this plan does not list yet: choosing it adds kent.agencies.yaml to the plan's `registers`.");
  });

  it('adds the register to the plan’s registers: list when one of its agencies is chosen, so that the agency is known', async () => {
    const { text, items } = await completeInPartners('Kent Pol');
    const kent = items.find((item) => item.label === 'Kent Police')!;
    expect(kent.additionalTextEdits).toHaveLength(1);
    const edits = [kent.textEdit as { range: { start: Position; end: Position }; newText: string }, ...kent.additionalTextEdits!];
    const after = applyEdits(text, edits);
    // The block list gets a line like its other entry; nothing else in the plan moves.
    expect(after).toBe(text.replace('registers:\n  - kingston.agencies.yaml\n', 'registers:\n  - kingston.agencies.yaml\n  - kent.agencies.yaml\n').replace('      - Kent Pol\n', '      - Kent Police\n'));
    const diagnostics = await client.diagnostics(kingston(), await client.change(kingston(), after));
    expect(byCode(diagnostics, 'unknown-agency').map((diagnostic) => (diagnostic.data as { agency: string }).agency)).not.toContain('Kent Police');
    expect(byCode(diagnostics, 'register-not-found')).toEqual([]);
    // Now the plan lists it, Kent's agencies are its own: no second entry is offered.
    const again = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: kingston() }, position: rangeOf(after, '- Kent Police').end })) as CompletionList;
    expect(again.items.find((item) => item.label === 'Kent Police')?.additionalTextEdits).toBeUndefined();
  });

  it('offers, for an agency written as a register the plan does not list has it, to list that register', async () => {
    const { text } = await completeInPartners('Kent Probation');
    const diagnostics = await client.diagnostics(kingston());
    const unknown = byCode(diagnostics, 'unknown-agency').find((diagnostic) => (diagnostic.data as { agency: string }).agency === 'Kent Probation');
    expect(unknown, 'the finding for "Kent Probation"').toBeDefined();
    const actions = await codeActionsFor(kingston(), unknown!);
    const list = actions.find((action) => action.title.startsWith('Add kent.agencies.yaml'));
    expect(list?.title).toBe("Add kent.agencies.yaml to the plan's registers: it has “Kent Probation”");
    expect(list?.isPreferred).toBe(true);
    // Only one fix is the preferred one.
    expect(actions.filter((action) => action.isPreferred)).toHaveLength(1);
    const after = applyEdits(text, editsFor(list!.edit, kingston()));
    expect(after).toBe(text.replace('registers:\n  - kingston.agencies.yaml\n', 'registers:\n  - kingston.agencies.yaml\n  - kent.agencies.yaml\n'));
    const fixed = await client.diagnostics(kingston(), await client.change(kingston(), after));
    expect(byCode(fixed, 'unknown-agency').map((diagnostic) => (diagnostic.data as { agency: string }).agency)).not.toContain('Kent Probation');
    // A name no register of the workspace has gets no such fix.
    const { text: other } = await completeInPartners('Kent Probatoin');
    const typo = byCode(await client.diagnostics(kingston()), 'unknown-agency').find((diagnostic) => (diagnostic.data as { agency: string }).agency === 'Kent Probatoin');
    expect(other).toContain('Kent Probatoin');
    expect((await codeActionsFor(kingston(), typo!)).map((action) => action.title).filter((title) => title.includes('registers'))).toEqual([]);
  });
});

describe('adding a quarterly update', () => {
  const uri = () => uriOf(file('quarter.plan.yaml'));
  const text = `title: Quarter
asOf: 2026-12-31
themes:
  - id: '1'
    title: One
    actions:
      - id: '1.1'
        title: Patrols
        lead: Council
        due: March 2027
        status: amber
        updates:
          - asOf: 2026-09-30
            status: green
            text: Started.
        milestones:
          - title: Routes agreed
            due: June 2027
      - id: '1.2'
        title: Leaflets
        due: March 2027
        updates:
          - asOf: 2026-12-31
            status: green
            text: Delivered.
agencies:
  - id: Council
    name: The Council
`;
  const refactorsAt = async (source: string, needle: string) =>
    ((await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: uri() }, range: rangeOf(source, needle), context: { diagnostics: [], only: ['refactor'] } })) ?? []) as CodeAction[];

  it('adds an update as at the plan’s as-of date to the action at the cursor, with its status as it stands, for the officer to write', async () => {
    await client.open(uri(), text);
    const before = await client.diagnostics(uri(), 1);
    const actions = await refactorsAt(text, 'Patrols');
    expect(actions.map((action) => action.title)).toEqual(['Add an update as at 31 December 2026 to action 1.1']);
    const after = applyEdits(text, editsFor(actions[0].edit, uri()));
    expect(after).toBe(text.replace('            text: Started.\n', "            text: Started.\n          - asOf: 2026-12-31\n            status: amber\n            text: ''\n"));
    // The plan reads the same way; the one new finding asks for the progress text to be written.
    const diagnostics = await client.diagnostics(uri(), await client.change(uri(), after));
    const added = diagnostics.filter((diagnostic) => !before.some((old) => old.code === diagnostic.code && old.message === diagnostic.message));
    expect(added.map((diagnostic) => [diagnostic.code, diagnostic.range])).toEqual([['update-without-text', rangeOf(after, "''")]]);
    // Once the action has an update of that date, and for an action that already had one, it is not offered.
    expect(await refactorsAt(after, 'Patrols')).toEqual([]);
    expect(await refactorsAt(after, 'Leaflets')).toEqual([]);
  });

  it('starts a quarter: on the plan’s asOf, adds an update to every action without one of that date, each listed as still to write', async () => {
    const tonbridge = uriOf(file('tonbridge-malling-csp-action-plan-2013-14.plan.yaml'));
    const original = read('tonbridge-malling-csp-action-plan-2013-14.plan.yaml');
    await client.open(tonbridge, original);
    await client.diagnostics(tonbridge, 1);
    // The officer moves the reporting date on a quarter, from the light bulb on it. Every action
    // has its update of 31 December 2013, so that is all that is offered there.
    const onAsOf = ((await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: tonbridge }, range: rangeOf(original, '2013-12-31'), context: { diagnostics: [] } })) ?? []) as CodeAction[];
    expect(onAsOf.map((action) => action.title)).toEqual(["Move the reporting date to 31 March 2014, the next quarter's end"]);
    const moved = applyEdits(original, editsFor(onAsOf[0].edit, tonbridge));
    expect(moved).toBe(original.replace('asOf: 2013-12-31\n', 'asOf: 2014-03-31\n'));
    const before = await client.diagnostics(tonbridge, await client.change(tonbridge, moved));
    const plan = readPlanFile(moved).plan!;
    const actions = plan.themes.flatMap((theme) => theme.actions);
    const found = ((await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: tonbridge }, range: rangeOf(moved, 'asOf: 2014-03-31'), context: { diagnostics: [] } })) ?? []) as CodeAction[];
    expect(found.map((action) => action.title)).toEqual(["Move the reporting date to 30 June 2014, the next quarter's end", `Add an update as at 31 March 2014 to each of the ${actions.length} actions without one`]);
    const after = applyEdits(moved, editsFor(found[1].edit, tonbridge));
    const read2 = readPlanFile(after);
    expect(read2.diagnostics).toEqual([]);
    // Every action's last update is the new one; the earlier updates are as they were.
    const afterActions = read2.plan!.themes.flatMap((theme) => theme.actions);
    expect(afterActions.map((action) => action.updates.at(-1)?.asOf)).toEqual(actions.map(() => '2014-03-31'));
    expect(afterActions.map((action) => action.updates.slice(0, -1).map((update) => update.text))).toEqual(actions.map((action) => action.updates.map((update) => update.text)));
    // The Problems panel now lists one update to write per action, and nothing else new.
    const diagnostics = await client.diagnostics(tonbridge, await client.change(tonbridge, after));
    expect(byCode(diagnostics, 'update-without-text')).toHaveLength(actions.length);
    expect(diagnostics.filter((diagnostic) => diagnostic.code !== 'update-without-text')).toHaveLength(before.length);
    // The status bar's counts say how many are left to write.
    const status = await client.connection.sendRequest<{ counts?: { updatesToWrite: number } } | null>('plankit/planStatus', { textDocument: { uri: tonbridge } });
    expect(status?.counts?.updatesToWrite).toBe(actions.length);
    // Done once, it is not offered again.
    const again = ((await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: tonbridge }, range: rangeOf(after, 'asOf: 2014-03-31'), context: { diagnostics: [] } })) ?? []) as CodeAction[];
    expect(again.map((action) => action.title)).toEqual(["Move the reporting date to 30 June 2014, the next quarter's end"]);
    await client.change(tonbridge, original);
  });

  it('is offered unasked (an editor’s light bulb) only on an item’s id, title or updates, not on every line of it', async () => {
    const source = client.texts.get(uri())!;
    const unasked = async (needle: string) =>
      (((await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: uri() }, range: rangeOf(source, needle), context: { diagnostics: [] } })) ?? []) as CodeAction[]).map((action) => action.title);
    const title = 'Add an update as at 31 December 2026 to this milestone';
    expect(await unasked('Routes agreed')).toEqual([title]);
    expect(await unasked('June 2027')).not.toContain(title);
    expect(await unasked('lead: Council')).toEqual([]);
  });

  it('adds an update to an action of a JSON plan, as JSON', async () => {
    const jsonUri = uriOf(file('quarter.plan.json'));
    const plan = {
      title: 'Quarter',
      asOf: '2026-12-31',
      themes: [{ id: '1', title: 'One', actions: [{ id: '1.1', title: 'Patrols', due: 'March 2027', status: 'amber', updates: [{ asOf: '2026-09-30', text: 'Started.' }] }] }],
    };
    const source = `${JSON.stringify(plan, null, 2)}\n`;
    await client.open(jsonUri, source, 'plankit-plan-json');
    await client.diagnostics(jsonUri, 1);
    const actions = ((await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: jsonUri }, range: rangeOf(source, '"Patrols"'), context: { diagnostics: [] } })) ?? []) as CodeAction[];
    expect(actions.map((action) => action.title)).toEqual(['Add an update as at 31 December 2026 to action 1.1']);
    const after = JSON.parse(applyEdits(source, editsFor(actions[0].edit, jsonUri)));
    expect(after.themes[0].actions[0].updates).toEqual([{ asOf: '2026-09-30', text: 'Started.' }, { asOf: '2026-12-31', status: 'amber', text: '' }]);
  });

  it('words the date in English in a Welsh plan, as the rest of the title is', async () => {
    const welsh = text.replace('title: Quarter\n', 'title: Quarter\nlang: cy\n');
    await client.change(uri(), welsh);
    await client.diagnostics(uri());
    const titles = (await refactorsAt(welsh, 'Patrols')).map((action) => action.title);
    expect(titles).toEqual(['Add an update as at 31 December 2026 to action 1.1']);
    await client.diagnostics(uri(), await client.change(uri(), text));
  });

  it('adds the list to a milestone that has no updates yet, inside the milestone', async () => {
    const source = client.texts.get(uri())!;
    const actions = await refactorsAt(source, 'Routes agreed');
    expect(actions.map((action) => action.title)).toEqual(['Add an update as at 31 December 2026 to this milestone']);
    const after = applyEdits(source, editsFor(actions[0].edit, uri()));
    expect(after).toBe(source.replace('            due: June 2027\n', "            due: June 2027\n            updates:\n              - asOf: 2026-12-31\n                text: ''\n"));
    const check = readPlanFile(after);
    // Syntax and schema: nothing.
    expect(check.diagnostics).toEqual([]);
    expect(check.plan!.themes[0].actions[0].milestones[0].updates.map((update) => update.asOf)).toEqual(['2026-12-31']);
  });
});

describe('completion in a JSON plan', () => {
  const uri = () => uriOf(file('typing.plan.json'));
  const plan = (action: string) => `{
  "title": "Typing",
  "registers": ["county.agencies.yaml"],
  "statusScheme": [{ "key": "on-track", "label": "On track", "colour": "green" }, { "key": "late", "label": "Late", "colour": "red" }],
  "themes": [{ "id": "1", "title": "One", "actions": [{ "id": "1.1", "title": "First", ${action} }] }]
}
`;
  async function completeAt(action: string): Promise<{ text: string; items: CompletionItem[] }> {
    const { text, position } = withCursor(plan(action));
    if (client.texts.has(uri())) await client.change(uri(), text);
    else await client.open(uri(), text);
    const list = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: uri() }, position })) as CompletionList | null;
    return { text, items: list?.items ?? [] };
  }

  it('offers the register’s agencies inside a lead string, replacing what is typed within the quotes', async () => {
    const { text, items } = await completeAt('"lead": "Road⟨|⟩"');
    expect(items.map((item) => item.label)).toContain('RCRP');
    const item = items.find((entry) => entry.label === 'RCRP')!;
    expect(applyEdits(text, [item.textEdit as { range: Diagnostic['range']; newText: string }])).toContain('"lead": "RCRP"');
  });

  it('offers agencies in a partners list, quoted when no quote is open', async () => {
    const { text, items } = await completeAt('"partners": ["RCRP", ⟨|⟩]');
    expect(items.map((item) => item.label)).toEqual(expect.arrayContaining(['KFRS', 'KCC']));
    const item = items.find((entry) => entry.label === 'KFRS')!;
    expect(applyEdits(text, [item.textEdit as { range: Diagnostic['range']; newText: string }])).toContain('"partners": ["RCRP", "KFRS"]');
  });

  it('lists, as JSON, a workspace register the plan does not list when one of its agencies is chosen', async () => {
    const { text, items } = await completeAt('"lead": "Metropolitan⟨|⟩"');
    const item = items.find((entry) => entry.additionalTextEdits !== undefined && entry.label === 'MPS');
    expect(item, 'the Metropolitan Police Service, from kingston.agencies.yaml').toBeDefined();
    const after = JSON.parse(applyEdits(text, [item!.textEdit as { range: Diagnostic['range']; newText: string }, ...item!.additionalTextEdits!]));
    expect(after.registers).toEqual(['county.agencies.yaml', 'kingston.agencies.yaml']);
    expect(after.themes[0].actions[0].lead).toBe('MPS');
  });

  it('offers the plan’s own status keys', async () => {
    const { items } = await completeAt('"status": "⟨|⟩"');
    expect(items.map((item) => item.label)).toEqual(['on-track', 'late']);
  });

  it('leaves keys and the schema’s own values to the JSON editor', async () => {
    expect((await completeAt('"⟨|⟩"')).items).toEqual([]);
    expect((await completeAt('"title2": "x", "polarity": "⟨|⟩"')).items).toEqual([]);
    await client.close(uri());
  });
});

describe('quick fixes', () => {
  let text: string;
  beforeAll(() => {
    text = read('county-agreement.plan.yaml');
  });

  async function diagnosticsNow(): Promise<Diagnostic[]> {
    return client.diagnostics(county(), undefined);
  }

  async function applyAndCheck(action: CodeAction): Promise<{ text: string; diagnostics: Diagnostic[] }> {
    const edits = editsFor(action.edit, county());
    const updated = applyEdits(client.texts.get(county())!, edits);
    const version = await client.edit(county(), edits);
    expect(client.texts.get(county())).toBe(updated);
    return { text: updated, diagnostics: await client.diagnostics(county(), version) };
  }

  it('offers the same fixes when a diagnostic comes back without its data (from the server’s own check)', async () => {
    await client.change(county(), text);
    const diagnostics = (await diagnosticsNow()).filter((d) => d.data !== undefined);
    const codes = new Set(diagnostics.map((d) => d.code));
    expect(codes).toContain('unknown-agency');
    expect(codes).toContain('overdue');
    let compared = 0;
    for (const diagnostic of diagnostics) {
      const withData = await codeActionsFor(county(), diagnostic);
      const { data: _dropped, ...bare } = diagnostic;
      const without = await codeActionsFor(county(), bare);
      const shape = (actions: CodeAction[]) => actions.map((action) => ({ title: action.title, edit: action.edit }));
      expect(shape(without), `${diagnostic.code}: ${diagnostic.message}`).toEqual(shape(withData));
      if (withData.length > 0) compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(3);
    // A diagnostic the check does not hold (another range) gets no data-driven fix.
    const unknown = byCode(diagnostics, 'unknown-agency')[0];
    const moved = { ...unknown, data: undefined, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } };
    expect((await codeActionsFor(county(), moved)).filter((action) => action.title.startsWith('Replace with'))).toEqual([]);
  });

  it('sends a code’s link only to a client that shows it, and its quick fixes work all the same', async () => {
    const { codeDescriptionSupport: _shown, ...publishDiagnostics } = FULL_CAPABILITIES.textDocument!.publishDiagnostics!;
    const plain = new LspClient({});
    try {
      await plain.initialize([workspace], { ...FULL_CAPABILITIES, textDocument: { ...FULL_CAPABILITIES.textDocument, publishDiagnostics } });
      await plain.open(county(), text);
      const diagnostics = await plain.diagnostics(county());
      expect(diagnostics.length).toBeGreaterThan(3);
      for (const diagnostic of diagnostics) expect(diagnostic).not.toHaveProperty('codeDescription');
      const linked = await client.diagnostics(county());
      expect(linked.every((d) => d.codeDescription?.href.endsWith(`#${d.code}`))).toBe(true);
      const diagnostic = byCode(diagnostics, 'unknown-agency').find((d) => (d.data as { agency: string }).agency === 'Kent Polce')!;
      const actions = (await plain.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: county() }, range: diagnostic.range, context: { diagnostics: [{ ...diagnostic, data: undefined }] } })) as CodeAction[];
      expect(actions.map((action) => action.title)).toContain('Replace with “Kent Police”');
    } finally {
      await plain.stop();
    }
  });

  it('replaces an unknown agency with the suggestion, keeping the rest of the line', async () => {
    await client.change(county(), text);
    const diagnostic = byCode(await diagnosticsNow(), 'unknown-agency').find((d) => (d.data as { agency: string }).agency === 'Kent Polce')!;
    const actions = await codeActionsFor(county(), diagnostic);
    const replace = actions.find((action) => action.title === 'Replace with “Kent Police”')!;
    expect(replace.isPreferred).toBe(true);
    expect(editsFor(replace.edit, county())).toEqual([{ range: rangeOf(text, 'Kent Polce'), newText: 'Kent Police' }]);
    // Versioned (the client takes documentChanges): an editor refuses it once the text has moved on.
    expect(replace.edit!.changes).toBeUndefined();
    expect(editVersionFor(replace.edit, county())).toBe(client.versions.get(county()));
    const after = await applyAndCheck(replace);
    expect(after.text).toBe(text.replace('lead: Kent Polce', 'lead: Kent Police'));
    expect(byCode(after.diagnostics, 'unknown-agency').map((d) => (d.data as { agency: string }).agency)).toEqual(['Kent Fire and Rescue']);
  });

  it('replaces only the unknown agency of a joint lead, and only where the lead then names its agencies', async () => {
    // The tests after this one go on from the text as the last one left it.
    const before = client.texts.get(county())!;
    const joint = text.replace('lead: KCC RS/KFRS', 'lead: KCC RS/Kent Polce');
    const version = await client.change(county(), joint);
    const part = rangeOf(joint, 'Kent Polce', 1);
    const diagnostic = byCode(await client.diagnostics(county(), version), 'unknown-agency').find((d) => (d.data as { within?: string }).within === 'KCC RS/Kent Polce')!;
    expect(diagnostic.range).toEqual(part);
    expect(diagnostic.message).toContain('"Kent Polce" (in "KCC RS/Kent Polce") is not in the agency register');
    // The hover says the same: the registered agency, and the one that is not.
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: county() }, position: part.start });
    expect((hover!.contents as MarkupContent).value).toBe(
      '**KCC Road Safety** — KCC RS (service), registered in county.agencies.yaml\n\n“Kent Polce” is not in the agency register. Did you mean **Kent Police** (Kent Police)?',
    );
    const actions = await codeActionsFor(county(), diagnostic);
    expect(actions.map((action) => action.title)).toContain('Add “Kent Polce” to the register county.agencies.yaml');
    const replace = actions.find((action) => action.title === 'Replace with “Kent Police”')!;
    expect(editsFor(replace.edit, county())).toEqual([{ range: part, newText: 'Kent Police' }]);
    // A suggestion that would split the lead differently is not offered, nor one for a text that has changed since.
    const splits = await codeActionsFor(county(), { ...diagnostic, data: { ...(diagnostic.data as object), suggestion: 'Kent Police & Fire' } });
    expect(splits.filter((action) => action.title.startsWith('Replace with'))).toEqual([]);
    const stale = await codeActionsFor(county(), { ...diagnostic, data: { ...(diagnostic.data as object), within: 'KCC/Kent Polce' } });
    expect(stale.filter((action) => action.title.startsWith('Replace with'))).toEqual([]);
    const after = await applyAndCheck(replace);
    expect(after.text).toBe(joint.replace('lead: KCC RS/Kent Polce', 'lead: KCC RS/Kent Police'));
    expect(byCode(after.diagnostics, 'unknown-agency').filter((d) => (d.data as { within?: string }).within !== undefined)).toEqual([]);

    // Written with an escape, the part's words are not in the file as they read: the whole value is written again.
    const escaped = text.replace('lead: KCC RS/KFRS', 'lead: "KCC RS\\u002FKent Polce"');
    const escapedVersion = await client.change(county(), escaped);
    const whole = byCode(await client.diagnostics(county(), escapedVersion), 'unknown-agency').find((d) => (d.data as { within?: string }).within === 'KCC RS/Kent Polce')!;
    expect(whole.range).toEqual(rangeOf(escaped, '"KCC RS\\u002FKent Polce"'));
    const rewrite = (await codeActionsFor(county(), whole)).find((action) => action.title === 'Replace with “Kent Police”')!;
    expect(editsFor(rewrite.edit, county())).toEqual([{ range: whole.range, newText: '"KCC RS/Kent Police"' }]);
    await client.diagnostics(county(), await client.change(county(), before));
  });

  it('reads a lead “and partners” as its agency, and offers no register entry for “All partners”', async () => {
    const before = client.texts.get(county())!;
    const grouped = text.replace('lead: KCC RS/KFRS', 'lead: Kent Polce and partners');
    const version = await client.change(county(), grouped);
    const part = rangeOf(grouped, 'Kent Polce', 1);
    const misspelt = byCode(await client.diagnostics(county(), version), 'unknown-agency').find((d) => (d.data as { within?: string }).within === 'Kent Polce and partners')!;
    expect(misspelt.range).toEqual(part);
    const replace = (await codeActionsFor(county(), misspelt)).find((action) => action.title === 'Replace with “Kent Police”')!;
    expect(editsFor(replace.edit, county())).toEqual([{ range: part, newText: 'Kent Police' }]);
    const after = await applyAndCheck(replace);
    expect(after.text).toBe(grouped.replace('lead: Kent Polce and partners', 'lead: Kent Police and partners'));
    expect(byCode(after.diagnostics, 'unknown-agency').filter((d) => /partners/.test((d.data as { within?: string; agency: string }).within ?? (d.data as { agency: string }).agency))).toEqual([]);
    // The hover names the agency.
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: county() }, position: rangeOf(after.text, 'Kent Police and partners').start });
    expect((hover!.contents as MarkupContent).value).toMatch(/^\*\*Kent Police\*\* \(agency\), registered in kent\.agencies\.yaml$/);

    // "All partners" as the lead: a warning, with no "Add to the register" (nor a replacement).
    const nobody = text.replace('lead: KCC RS/KFRS', 'lead: All partners');
    const nobodyVersion = await client.change(county(), nobody);
    const group = byCode(await client.diagnostics(county(), nobodyVersion), 'unknown-agency').find((d) => (d.data as { agency: string }).agency === 'All partners')!;
    expect(group.message).toContain('"All partners" names no one agency');
    expect(group.range).toEqual(rangeOf(nobody, 'All partners'));
    expect((await codeActionsFor(county(), group)).map((action) => action.title)).toEqual([]);
    const groupHover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: county() }, position: group.range.start });
    expect((groupHover!.contents as MarkupContent).value).toBe('“All partners” names a group, not one agency.');
    await client.diagnostics(county(), await client.change(county(), before));
  });

  it('adds an unknown agency to the register file, keeping its comments', async () => {
    const diagnostic = byCode(await diagnosticsNow(), 'unknown-agency')[0];
    const actions = await codeActionsFor(county(), diagnostic);
    const add = actions.find((action) => action.title === 'Add “Kent Fire and Rescue” to the register county.agencies.yaml')!;
    expect(add).toBeDefined();
    const register = read('county.agencies.yaml');
    const edits = editsFor(add.edit, countyRegister());
    expect(edits).toHaveLength(1);
    // The register is not open: its edit is for the file as it is on disk (version null).
    expect(editVersionFor(add.edit, countyRegister())).toBeNull();
    const updated = applyEdits(register, edits);
    expect(updated).toBe(`${register}  - id: Kent Fire and Rescue\n    name: Kent Fire and Rescue\n`);
    // Open the register with the edit (as an editor applying the workspace edit does): the plan is re-checked.
    const before = client.publishCount(county());
    await client.open(countyRegister(), register);
    await client.edit(countyRegister(), edits);
    const diagnostics = await client.waitFor('plan re-checked without the unknown agency', () => {
      const list = client.published.get(county()) ?? [];
      if (list.length <= before) return undefined;
      const last = list[list.length - 1].diagnostics;
      return byCode(last, 'unknown-agency').length === 0 ? last : undefined;
    });
    expect(byCode(diagnostics, 'unknown-agency')).toEqual([]);
    expect(await client.diagnostics(countyRegister())).toEqual([]);
    await client.change(countyRegister(), register);
    await client.close(countyRegister());
  });

  it('renames a duplicate id to a free one', async () => {
    const diagnostic = byCode(await diagnosticsNow(), 'duplicate-id')[0];
    const [action] = await codeActionsFor(county(), diagnostic);
    expect(action.title).toBe('Change the id to “2.3”');
    const after = await applyAndCheck(action);
    expect(after.text).toContain("      - id: '2.3'\n        title: Review the programme");
    expect(byCode(after.diagnostics, 'duplicate-id')).toEqual([]);
  });

  it('adds a missing required field under the others', async () => {
    const diagnostic = byCode(await diagnosticsNow(), 'schema-required')[0];
    const [action] = await codeActionsFor(county(), diagnostic);
    expect(action.title).toBe('Add the missing “title”');
    const after = await applyAndCheck(action);
    expect(after.text).toContain("          - due: July 2018\n            status: on-track\n            title: To be written\n");
    expect(byCode(after.diagnostics, 'schema-required')).toEqual([]);
  });

  it('rewrites a due text as an ISO date, and marks an overdue milestone complete today', async () => {
    const current = client.texts.get(county())!;
    const overdue = byCode(await diagnosticsNow(), 'overdue').find((d) => d.range.start.line === rangeOf(current, 'due: Q3').start.line)!;
    const actions = await codeActionsFor(county(), overdue);
    const titles = actions.map((action) => action.title);
    const today = civilDateInLondon(new Date());
    expect(titles).toEqual(['Write the date as 2017-12-31 (from “Q3”)', `Mark milestone 2.1a complete (Done, completed ${today})`]);
    const complete = await applyAndCheck(actions[1]);
    expect(complete.text).toContain(`            lead: Kent Police\n            status: done\n            completed: ${today}\n`);
    // Completed after the plan's asOf (2018-06-30): the core says so; no longer overdue.
    expect(byCode(complete.diagnostics, 'overdue').map((d) => d.range.start.line)).not.toContain(rangeOf(complete.text, 'due: Q3').start.line);
    expect(byCode(complete.diagnostics, 'completed-after-as-of')).toHaveLength(1);
    const rewrite = await applyAndCheck(actions[0]);
    expect(rewrite.text).toContain('due: 2017-12-31\n            lead: Kent Police');
  });

  it('offers the ISO rewrite on a due text without a finding (refactor)', async () => {
    const current = client.texts.get(county())!;
    const at = rangeOf(current, '31/07/2018');
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: county() }, range: { start: at.start, end: at.start }, context: { diagnostics: [] } })) as CodeAction[];
    expect(actions.map((action) => [action.title, action.kind])).toEqual([['Write the date as 2018-07-31 (from “31/07/2018”)', 'refactor.rewrite']]);
  });

  it('adds a completed date to an item marked complete without one', async () => {
    const diagnostic = byCode(await diagnosticsNow(), 'complete-without-date')[0];
    const [action] = await codeActionsFor(county(), diagnostic);
    const today = civilDateInLondon(new Date());
    expect(action.title).toBe(`Add the completed date (today, ${today})`);
    const after = await applyAndCheck(action);
    expect(after.text).toContain(`        status: done\n        completed: ${today}\n`);
    expect(byCode(after.diagnostics, 'complete-without-date')).toEqual([]);
    // Comments survive every fix.
    expect(after.text).toContain('title: Hold a one-day data workshop # as written in the agreement');
    expect(after.text.split('\n').slice(0, 3)).toEqual(text.split('\n').slice(0, 3));
    await client.change(county(), text);
  });
});

describe('rename', () => {
  it('renames an agency id in its register and every plan that writes it', async () => {
    const text = client.texts.get(county())!;
    const at = rangeOf(text, 'lead: KFRS').end;
    const prepared = await client.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri: county() }, position: at });
    expect(prepared).toEqual({ range: rangeOf(text, 'KFRS', 0), placeholder: 'KFRS' });
    const edit = await client.connection.sendRequest(RenameRequest.type, { textDocument: { uri: county() }, position: at, newName: 'KFRS-X' });
    const register = read('county.agencies.yaml');
    expect(applyEdits(register, editsFor(edit, countyRegister()))).toBe(register.replace('id: KFRS', 'id: KFRS-X'));
    // The id and the part of the joint lead; "Kent Fire and Rescue" (an unknown spelling) and names stay.
    expect(applyEdits(text, editsFor(edit, county()))).toBe(text.replace('lead: KFRS', 'lead: KFRS-X').replace('KCC RS/KFRS', 'KCC RS/KFRS-X'));
    const touched = edit!.documentChanges!.map((change) => ('textDocument' in change ? change.textDocument.uri : ''));
    expect(touched.sort()).toEqual([county(), countyRegister()].sort());
    expect(editVersionFor(edit, county())).toBe(client.versions.get(county()));
  });

  it('gives a client that does not take documentChanges a plain changes map', async () => {
    const plain = new LspClient({});
    try {
      await plain.initialize([workspace], { ...FULL_CAPABILITIES, workspace: { ...FULL_CAPABILITIES.workspace, workspaceEdit: {} } });
      const text = read('county-agreement.plan.yaml');
      await plain.open(county(), text);
      // The workspace scanned (the register's findings are published), as a rename across it needs.
      await plain.diagnostics(county());
      await plain.diagnostics(countyRegister());
      const edit = await plain.connection.sendRequest(RenameRequest.type, { textDocument: { uri: county() }, position: rangeOf(text, 'lead: KFRS').end, newName: 'KFRS-X' });
      expect(edit!.documentChanges).toBeUndefined();
      expect(Object.keys(edit!.changes!).sort()).toEqual([county(), countyRegister()].sort());
      expect(applyEdits(text, edit!.changes![county()])).toContain('lead: KFRS-X');
    } finally {
      await plain.stop();
    }
  });

  it('renames a register id used by several plans, and its parent fields', async () => {
    const kent = read('kent.agencies.yaml');
    const edit = await client.connection.sendRequest(RenameRequest.type, { textDocument: { uri: kentRegister() }, position: rangeOf(kent, 'KCC\n').start, newName: 'Kent CC' });
    const changed = applyEdits(kent, editsFor(edit, kentRegister()));
    expect(changed).toContain('  - id: Kent CC\n    name: Kent County Council');
    expect(changed).not.toContain('parent: KCC\n');
    expect(changed.match(/parent: Kent CC/g)!.length).toBe(kent.match(/parent: KCC\n/g)!.length);
    const county = client.texts.get(uriOf(file('county-agreement.plan.yaml')))!;
    expect(applyEdits(county, editsFor(edit, uriOf(file('county-agreement.plan.yaml'))))).toContain('lead: Kent CC\n');
  });

  it('quotes a new id that cannot be written plain, also inside a joint lead, so the plan reads the same', async () => {
    const text = client.texts.get(county())!;
    const edit = await client.connection.sendRequest(RenameRequest.type, { textDocument: { uri: county() }, position: rangeOf(text, 'lead: KFRS').end, newName: 'Fire: KFRS #2' });
    const changed = applyEdits(text, editsFor(edit, county()));
    const before = readPlanFile(text, { fileName: 'county-agreement.plan.yaml' });
    const after = readPlanFile(changed, { fileName: 'county-agreement.plan.yaml' });
    // No new syntax error, and every lead reads as before with the id replaced.
    expect(after.diagnostics.filter((d) => d.code === 'yaml-syntax')).toEqual([]);
    const leads = (file: typeof before) => file.plan!.themes.flatMap((theme) => theme.actions.flatMap((action) => action.lead.map((mention) => mention.text)));
    expect(leads(after)).toEqual(leads(before).map((lead) => (lead === 'KFRS' ? 'Fire: KFRS #2' : lead === 'KCC RS/KFRS' ? 'KCC RS/Fire: KFRS #2' : lead)));
    expect(changed).toContain(`lead: 'KCC RS/Fire: KFRS #2'`);
    // An id is one line.
    await expect(client.connection.sendRequest(RenameRequest.type, { textDocument: { uri: county() }, position: rangeOf(text, 'lead: KFRS').end, newName: 'KFRS\nstatus: done' })).rejects.toThrow(/one line/);
  });

  it('refuses to rename what is not an agency id', async () => {
    const text = client.texts.get(county())!;
    await expect(client.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri: county() }, position: rangeOf(text, 'Road Safety').start })).rejects.toThrow(/Only agency ids can be renamed/);
  });
});

describe('files on disk', () => {
  it('opens a plan the workspace scan checked with the scan’s findings, and checks it again once a register it reads changes', async () => {
    const planName = 'scanned.plan.yaml';
    const registerName = 'scanned.agencies.yaml';
    const planText = 'title: Scanned\nregisters: [scanned.agencies.yaml]\nthemes:\n  - title: T\n    actions:\n      - title: A\n        lead: XYZ\n        due: March 2018\n';
    fs.writeFileSync(file(registerName), 'agencies:\n  - id: ABC\n    name: Alpha Beta Council\n');
    fs.writeFileSync(file(planName), planText);
    const uri = uriOf(file(planName));
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(file(registerName)), type: FileChangeType.Created }, { uri, type: FileChangeType.Created }] });
    const scanned = await client.waitFor('the scan’s findings', () => {
      const last = client.published.get(uri)?.at(-1);
      return last && last.version == null && last.diagnostics.some((d) => d.code === 'unknown-agency') ? last.diagnostics : undefined;
    });
    expect(scanned.map((d) => d.code).sort()).toEqual(['overdue', 'unknown-agency']);
    // Opened with the same text: the same findings, now for the editor's version.
    await client.open(uri, planText);
    expect(await client.diagnostics(uri, 1)).toEqual(scanned);
    // The register changes on disk while the plan is open: the plan is checked again.
    fs.writeFileSync(file(registerName), 'agencies:\n  - id: ABC\n    name: Alpha Beta Council\n  - id: XYZ\n    name: Xylophone Council\n');
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(file(registerName)), type: FileChangeType.Changed }] });
    const after = await client.waitFor('XYZ known in the open plan', () => {
      const last = client.published.get(uri)?.at(-1);
      return last && last.version === 1 && !last.diagnostics.some((d) => d.code === 'unknown-agency') ? last.diagnostics : undefined;
    });
    expect(after.map((d) => d.code)).toEqual(['overdue']);
    await client.close(uri);
    fs.rmSync(file(planName));
    fs.rmSync(file(registerName));
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri, type: FileChangeType.Deleted }, { uri: uriOf(file(registerName)), type: FileChangeType.Deleted }] });
  });

  it('re-checks a plan when a register it uses changes on disk', async () => {
    const planName = 'disk.plan.yaml';
    const registerName = 'disk.agencies.yaml';
    fs.writeFileSync(file(registerName), 'agencies:\n  - id: ABC\n    name: Alpha Beta Council\n');
    fs.writeFileSync(file(planName), 'title: Disk\nregisters: [disk.agencies.yaml]\nthemes:\n  - title: T\n    actions:\n      - title: A\n        lead: XYZ\n');
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(file(registerName)), type: FileChangeType.Created }, { uri: uriOf(file(planName)), type: FileChangeType.Created }] });
    const first = await client.waitFor('unknown XYZ', () => {
      const list = client.published.get(uriOf(file(planName)));
      return list?.[list.length - 1]?.diagnostics.find((d) => d.code === 'unknown-agency');
    });
    expect(first.message).toBe('"XYZ" is not in the agency register: add it to the register, or use the id of a registered agency.');
    fs.writeFileSync(file(registerName), 'agencies:\n  - id: ABC\n    name: Alpha Beta Council\n  - id: XYZ\n    name: Xylophone Council\n');
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(file(registerName)), type: FileChangeType.Changed }] });
    await client.waitFor('XYZ known', () => {
      const list = client.published.get(uriOf(file(planName)));
      const last = list?.[list.length - 1]?.diagnostics;
      return last && !last.some((d) => d.code === 'unknown-agency') ? true : undefined;
    });
    fs.rmSync(file(planName));
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(file(planName)), type: FileChangeType.Deleted }] });
    await client.waitFor('cleared after delete', () => {
      const list = client.published.get(uriOf(file(planName)));
      return list?.[list.length - 1]?.diagnostics.length === 0 ? true : undefined;
    });
  });
});
