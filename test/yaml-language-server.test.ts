/**
 * Requirement: "The schema alone must work in other tools: a plan with a
 * `# yaml-language-server: $schema=...` modeline gets validation in the widely used YAML
 * language server."
 *
 * This test starts the real yaml-language-server (a devDependency) as a child process and talks
 * to it over stdio with a real LSP client connection, the way an editor does. The network is
 * closed, so the schema store is switched off and every schema is referenced by file path (or a
 * file:// URL) next to the plan: nothing may be fetched.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CompletionRequest,
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgressCreateRequest,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type Hover,
  type MarkupContent,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const serverBin = path.join(repoRoot, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');
const planSchemaPath = path.join(repoRoot, 'schemas', 'plan.schema.json');
const agenciesSchemaPath = path.join(repoRoot, 'schemas', 'agencies.schema.json');
const planSchema = JSON.parse(fs.readFileSync(planSchemaPath, 'utf8'));

/** How long to wait for the server to answer or publish (it can take a few seconds on a busy machine). */
const WAIT_MS = 40_000;
/** After a publish, how long the diagnostics for a document must stay unchanged to count as settled. */
const SETTLE_MS = 1_500;
const TEST_TIMEOUT = 90_000;

const MISSING = Symbol('missing');

// ---------------------------------------------------------------------------------------------
// A small LSP client around the child process

class YamlLanguageServerClient {
  readonly child: ChildProcess;
  readonly connection: ProtocolConnection;
  /** Every publishDiagnostics received, per URI, in order. */
  readonly published = new Map<string, Diagnostic[][]>();
  /** The server's stderr and window/logMessage output, shown when something goes wrong. */
  readonly log: string[] = [];
  /** Sections the server asked for through workspace/configuration. */
  readonly configurationRequests: string[] = [];
  private listeners = new Set<() => void>();
  private version = 0;
  exited = false;

  constructor() {
    this.child = spawn(process.execPath, [serverBin, '--stdio'], { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.on('exit', () => {
      this.exited = true;
      this.notify();
    });
    this.child.stderr!.setEncoding('utf8');
    this.child.stderr!.on('data', (chunk: string) => this.log.push(`[stderr] ${chunk.trimEnd()}`));
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));

    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      const list = this.published.get(params.uri) ?? [];
      list.push(params.diagnostics);
      this.published.set(params.uri, list);
      this.notify();
    });
    this.connection.onNotification('window/logMessage', (params: { message: string }) => this.log.push(`[log] ${params.message}`));
    this.connection.onUnhandledNotification(() => {
      /* telemetry/event and yaml/* notifications: not needed */
    });
    this.connection.onError(([error]) => this.log.push(`[connection error] ${error.message}`));

    // The server's own requests: settings and capability registration.
    this.connection.onRequest(ConfigurationRequest.type, (params) => {
      const answer = params.items.map((item) => {
        this.configurationRequests.push(item.section ?? '');
        switch (item.section) {
          case 'yaml':
            return {
              validate: true,
              completion: true,
              hover: true,
              format: { enable: false },
              // The network is closed: no schema store, no Kubernetes CRD store.
              schemaStore: { enable: false },
              kubernetesCRDStore: { enable: false },
            };
          case 'http':
            return { proxy: '', proxyStrictSSL: false };
          case '[yaml]':
            return { 'editor.tabSize': 2, 'editor.insertSpaces': true };
          case 'editor':
            return { tabSize: 2, insertSpaces: true, detectIndentation: false };
          default:
            return null;
        }
      });
      this.notify();
      return answer;
    });
    this.connection.onRequest(RegistrationRequest.type, () => null);
    this.connection.onRequest(WorkDoneProgressCreateRequest.type, () => null);
    // Any other request from the server gets the protocol's MethodNotFound error, as from a plain client.
    this.connection.listen();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  /** Resolves when check() returns something other than MISSING; rejects after WAIT_MS. */
  waitFor<T>(what: string, check: () => T | typeof MISSING, timeoutMs = WAIT_MS): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const done = (fn: () => void) => {
        clearTimeout(timer);
        this.listeners.delete(listener);
        fn();
      };
      const listener = () => {
        const value = check();
        if (value !== MISSING) done(() => resolve(value));
        else if (this.exited) done(() => reject(new Error(`server exited while waiting for ${what}\n${this.log.join('\n')}`)));
      };
      const timer = setTimeout(
        () => done(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}\nserver output:\n${this.log.join('\n')}`))),
        timeoutMs,
      );
      this.listeners.add(listener);
      listener();
    });
  }

  publishCount(uri: string): number {
    return this.published.get(uri)?.length ?? 0;
  }

  /**
   * The diagnostics for uri once they have settled: the first set published after publish number
   * `since` that satisfies accept, followed by SETTLE_MS with no newer set. (The server may publish
   * an empty or stale set before the schema has loaded, and validates again when its settings change.)
   */
  async settledDiagnostics(uri: string, since: number, accept: (d: Diagnostic[]) => boolean, what: string): Promise<Diagnostic[]> {
    await this.waitFor(what, () => {
      const list = this.published.get(uri) ?? [];
      return list.slice(since).some(accept) ? true : MISSING;
    });
    for (;;) {
      const count = this.publishCount(uri);
      await new Promise((r) => setTimeout(r, SETTLE_MS));
      if (this.publishCount(uri) === count) break;
    }
    const list = this.published.get(uri)!;
    return list[list.length - 1];
  }

  open(uri: string, text: string): number {
    const since = this.publishCount(uri);
    this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'yaml', version: ++this.version, text },
    });
    return since;
  }

  change(uri: string, text: string): number {
    const since = this.publishCount(uri);
    this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: ++this.version },
      contentChanges: [{ text }],
    });
    return since;
  }

  async shutdown(): Promise<void> {
    if (!this.exited) {
      try {
        await Promise.race([this.connection.sendRequest(ShutdownRequest.type), new Promise((r) => setTimeout(r, 5_000))]);
        await this.connection.sendNotification(ExitNotification.type);
      } catch {
        /* the server may already be gone */
      }
      await this.waitFor('the server to exit', () => (this.exited ? true : MISSING), 5_000).catch(() => undefined);
    }
    if (!this.exited) this.child.kill('SIGKILL');
    this.connection.dispose();
  }
}

// ---------------------------------------------------------------------------------------------
// Fixtures

const VALID_PLAN = `# yaml-language-server: $schema=./plan.schema.json
title: Community Safety Partnership Action Plan 2017/18
partnership: Tonbridge and Malling Community Safety Partnership
period: 2017/18
asOf: 2017-12-31
agencies:
  - id: KCC
    name: Kent County Council
  - id: Kent Police
    name: Kent Police
    aliases: [West Kent Police]
themes:
  - id: '1'
    title: Anti-social behaviour
    lead: KCC
    aim: Reduce anti-social behaviour and the harm it causes
    actions:
      - id: '1.1'
        title: Develop Project Themis to case manage ASB cases
        lead: KCC
        partners: [Kent Police]
        due: March 2018
        status: green
        updates:
          - asOf: 2017-12-31
            status: green
            text: >-
              Police are now using the system to case manage ASB incidents. The
              Community Wardens have been trained but are yet to use the system.
        milestones:
          - title: Community Wardens trained
            due: 2018-02-28
            status: amber
`;

/** Zero-based line of the first line containing needle (fails the test if there is none). */
function lineOf(text: string, needle: string, from = 0): number {
  const lines = text.split('\n');
  for (let i = from; i < lines.length; i++) if (lines[i].includes(needle)) return i;
  throw new Error(`fixture has no line containing ${JSON.stringify(needle)}`);
}

function summary(diagnostics: Diagnostic[]): string {
  return diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.message} [${d.source}]`).join('\n');
}

function hoverText(hover: Hover | null): string {
  if (!hover) return '';
  const c = hover.contents;
  if (typeof c === 'string') return c;
  if (Array.isArray(c)) return c.map((x) => (typeof x === 'string' ? x : x.value)).join('\n');
  return (c as MarkupContent).value;
}

// ---------------------------------------------------------------------------------------------

describe('yaml-language-server with the Plankit schemas', () => {
  let client: YamlLanguageServerClient;
  let dir: string;
  const uriOf = (name: string) => pathToFileURL(path.join(dir, name)).href;
  const opened = new Set<string>();
  /** Writes the file to disk too (as an editor would have it) and opens it. */
  const openFile = (name: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
    opened.add(name);
    return client.open(uriOf(name), text);
  };
  /** For hover and completion: the document's URI, opening it first if no earlier test did. */
  const ensureOpen = (name: string, text: string) => {
    if (!opened.has(name)) openFile(name, text);
    return uriOf(name);
  };

  beforeAll(async () => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'plankit-yls-')));
    fs.copyFileSync(planSchemaPath, path.join(dir, 'plan.schema.json'));
    fs.copyFileSync(agenciesSchemaPath, path.join(dir, 'agencies.schema.json'));

    client = new YamlLanguageServerClient();
    const init = await client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      clientInfo: { name: 'plankit-test' },
      rootUri: pathToFileURL(dir).href,
      workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'plans' }],
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true },
        textDocument: {
          synchronization: { dynamicRegistration: false, didSave: true },
          publishDiagnostics: { relatedInformation: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
        },
      },
      initializationOptions: {},
    });
    expect(init.capabilities.hoverProvider).toBeTruthy();
    expect(init.capabilities.completionProvider).toBeTruthy();

    client.connection.sendNotification(InitializedNotification.type, {});
    client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: {} });
    // Open documents only once the server has pulled our settings (schema store off).
    await client.waitFor('the server to ask for the yaml settings', () => (client.configurationRequests.includes('yaml') ? true : MISSING));
  }, TEST_TIMEOUT);

  afterAll(async () => {
    await client?.shutdown();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }, TEST_TIMEOUT);

  it('(a) a small valid plan gets no diagnostics', async () => {
    const uri = uriOf('valid.plan.yaml');
    const since = openFile('valid.plan.yaml', VALID_PLAN);
    const diagnostics = await client.settledDiagnostics(uri, since, () => true, 'diagnostics for valid.plan.yaml');
    expect(summary(diagnostics)).toBe('');

    // Make sure the empty set is real validation against our schema, not a set published before the
    // schema was loaded: a typo must be reported, and the fix must clear it again.
    const broken = VALID_PLAN.replace('        status: green\n        updates:', '        statuss: green\n        updates:');
    const sinceBroken = client.change(uri, broken);
    const withTypo = await client.settledDiagnostics(uri, sinceBroken, (d) => d.length > 0, 'diagnostics after a typo');
    expect(withTypo.map((d) => d.message)).toEqual(['Property statuss is not allowed.']);
    expect(withTypo[0].range.start.line).toBe(lineOf(broken, 'statuss:'));

    const sinceFixed = client.change(uri, VALID_PLAN);
    const fixed = await client.settledDiagnostics(uri, sinceFixed, (d) => d.length === 0, 'diagnostics to clear after the fix');
    expect(fixed).toEqual([]);
  }, TEST_TIMEOUT);

  it('(b1) `themes: 5` is reported on the themes line', async () => {
    const text = VALID_PLAN.slice(0, VALID_PLAN.indexOf('themes:')) + 'themes: 5\n';
    const uri = uriOf('themes-number.plan.yaml');
    const since = openFile('themes-number.plan.yaml', text);
    const diagnostics = await client.settledDiagnostics(uri, since, (d) => d.length > 0, 'diagnostics for themes: 5');
    expect(diagnostics).toHaveLength(1);
    const [d] = diagnostics;
    expect(d.message).toBe('Incorrect type. Expected "array".');
    expect(d.source).toContain('Themes'); // the schema's title for the property
    const line = lineOf(text, 'themes: 5');
    expect(d.range).toEqual({ start: { line, character: 8 }, end: { line, character: 9 } }); // the `5`
  }, TEST_TIMEOUT);

  it('(b2) an action without a title and with a misspelt key is reported on the right lines', async () => {
    const text = VALID_PLAN.replace(
      `      - id: '1.1'
        title: Develop Project Themis to case manage ASB cases
        lead: KCC
`,
      `      - id: '1.1'
        lead_agency: KCC
`,
    );
    expect(text).not.toBe(VALID_PLAN);
    const uri = uriOf('bad-action.plan.yaml');
    const since = openFile('bad-action.plan.yaml', text);
    const diagnostics = await client.settledDiagnostics(uri, since, (d) => d.length > 0, 'diagnostics for the bad action');

    const actionLine = lineOf(text, "- id: '1.1'");
    const leadAgencyLine = lineOf(text, 'lead_agency:');
    const byMessage = Object.fromEntries(diagnostics.map((d) => [d.message, d]));
    expect(Object.keys(byMessage).sort(), summary(diagnostics)).toEqual(['Missing property "title".', 'Property lead_agency is not allowed.']);

    // The missing title is reported where the action's mapping starts (the `id` after the dash).
    expect(byMessage['Missing property "title".'].range.start).toEqual({ line: actionLine, character: 8 });
    // The unknown key is underlined exactly.
    expect(byMessage['Property lead_agency is not allowed.'].range).toEqual({
      start: { line: leadAgencyLine, character: 8 },
      end: { line: leadAgencyLine, character: 8 + 'lead_agency'.length },
    });
    for (const d of diagnostics) expect(d.source).toContain('Action');
  }, TEST_TIMEOUT);

  it('(c) an agency register with an agency missing its name is reported on that agency', async () => {
    const text = `# yaml-language-server: $schema=./agencies.schema.json
title: Kent community safety agencies
agencies:
  - id: KCC
    name: Kent County Council
  - id: TMBC
    aliases: [Tonbridge & Malling BC]
  - id: Kent Police
    name: Kent Police
`;
    const uri = uriOf('kent.agencies.yaml');
    const since = openFile('kent.agencies.yaml', text);
    const diagnostics = await client.settledDiagnostics(uri, since, (d) => d.length > 0, 'diagnostics for the register');
    expect(diagnostics.map((d) => d.message), summary(diagnostics)).toEqual(['Missing property "name".']);
    expect(diagnostics[0].range.start).toEqual({ line: lineOf(text, '- id: TMBC'), character: 4 });
    expect(diagnostics[0].source).toContain('Agency');
  }, TEST_TIMEOUT);

  it('(d) format: date is checked by shape only: 2025-02-30 passes, 2025-13-01 and 31/03/2018 do not', async () => {
    // What yaml-language-server 1.25.0 actually does: its `format: "date"` check is a regular
    // expression on the shape (^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$), not a calendar
    // check. So an impossible day such as 30 February is NOT reported in the editor; a month 13 or a
    // day/month/year date is. Plankit's own validator has to catch 2025-02-30.
    const feb30 = VALID_PLAN.replace('asOf: 2017-12-31\nagencies', 'asOf: 2025-02-30\nagencies');
    const month13 = VALID_PLAN.replace('asOf: 2017-12-31\nagencies', 'asOf: 2025-13-01\nagencies');
    const slashes = VALID_PLAN.replace('          - asOf: 2017-12-31', '          - asOf: 31/03/2018');
    expect(new Set([feb30, month13, slashes, VALID_PLAN]).size).toBe(4);

    const sinceFeb30 = openFile('feb30.plan.yaml', feb30);
    const sinceMonth13 = openFile('month13.plan.yaml', month13);
    const sinceSlashes = openFile('slashes.plan.yaml', slashes);

    const d13 = await client.settledDiagnostics(uriOf('month13.plan.yaml'), sinceMonth13, (d) => d.length > 0, 'diagnostics for month 13');
    const asOfLine = lineOf(month13, 'asOf: 2025-13-01');
    expect(d13.map((d) => d.message)).toEqual(['String is not a RFC3339 date.']);
    expect(d13[0].range).toEqual({ start: { line: asOfLine, character: 6 }, end: { line: asOfLine, character: 16 } });
    expect(d13[0].source).toContain('As at');

    const dSlash = await client.settledDiagnostics(uriOf('slashes.plan.yaml'), sinceSlashes, (d) => d.length > 0, 'diagnostics for 31/03/2018');
    expect(dSlash.map((d) => d.message)).toEqual(['String is not a RFC3339 date.']);
    expect(dSlash[0].range.start.line).toBe(lineOf(slashes, 'asOf: 31/03/2018'));

    const d30 = await client.settledDiagnostics(uriOf('feb30.plan.yaml'), sinceFeb30, () => true, 'diagnostics for 30 February');
    expect(summary(d30)).toBe(''); // not caught by the language server (see above)
  }, TEST_TIMEOUT);

  it('a modeline with an absolute file:// URL works as well as a relative path', async () => {
    const schemaUrl = pathToFileURL(path.join(dir, 'plan.schema.json')).href;
    const text = `# yaml-language-server: $schema=${schemaUrl}\ntitle: Plan\nthemes: 5\n`;
    const uri = uriOf('nested/absolute.plan.yaml');
    const since = openFile('nested/absolute.plan.yaml', text);
    const diagnostics = await client.settledDiagnostics(uri, since, (d) => d.length > 0, 'diagnostics with a file:// modeline');
    expect(diagnostics.map((d) => [d.range.start.line, d.message])).toEqual([[2, 'Incorrect type. Expected "array".']]);
  }, TEST_TIMEOUT);

  it("a plan from bench/generate-plan.mjs, with its '../schemas/' modeline, gets no diagnostics", async () => {
    const generated = spawnSync(process.execPath, [path.join(repoRoot, 'bench', 'generate-plan.mjs'), '--actions', '60', '--seed', '3'], {
      encoding: 'utf8',
    });
    expect(generated.status, generated.stderr).toBe(0);
    expect(generated.stdout.split('\n')[0]).toBe('# yaml-language-server: $schema=../schemas/plan.schema.json');
    fs.mkdirSync(path.join(dir, 'schemas'), { recursive: true });
    fs.copyFileSync(planSchemaPath, path.join(dir, 'schemas', 'plan.schema.json'));
    const uri = uriOf('plans/generated.plan.yaml');
    const since = openFile('plans/generated.plan.yaml', generated.stdout);
    const diagnostics = await client.settledDiagnostics(uri, since, () => true, 'diagnostics for the generated plan');
    expect(summary(diagnostics)).toBe('');
    // ...and the schema really is applied to it: hovering a key shows the schema's text.
    const hover = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: { line: lineOf(generated.stdout, 'partnership:'), character: 2 },
    });
    expect(hoverText(hover)).toContain(planSchema.properties.partnership.description);
  }, TEST_TIMEOUT);

  it('hover on `partnership` shows the title and description from plan.schema.json', async () => {
    const uri = ensureOpen('valid.plan.yaml', VALID_PLAN);
    const line = lineOf(VALID_PLAN, 'partnership:');
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character: 3 } });
    const text = hoverText(hover);
    expect(text).toContain(planSchema.properties.partnership.title); // 'Partnership'
    expect(text).toContain(planSchema.properties.partnership.description);
    // The schema came from the file beside the plan, not from the network.
    expect(text).toContain(pathToFileURL(path.join(dir, 'plan.schema.json')).href);
    expect(hover!.range?.start.line).toBe(line);
  }, TEST_TIMEOUT);

  it('hover inside an action follows $ref into $defs (draft 2020-12)', async () => {
    const uri = ensureOpen('valid.plan.yaml', VALID_PLAN);
    const hoverAt = async (needle: string, from = 0) =>
      hoverText(
        await client.connection.sendRequest(HoverRequest.type, {
          textDocument: { uri },
          position: { line: lineOf(VALID_PLAN, needle, from), character: needle.length - needle.trimStart().length + 1 },
        }),
      );
    // `due` is { "$ref": "#/$defs/due" }, itself a $ref to $defs/text with its own title and description.
    expect(await hoverAt('        due: March 2018')).toContain(planSchema.$defs.due.description);
    // `status` is { "$ref": "#/$defs/status" } with no siblings.
    expect(await hoverAt('        status: green')).toContain(planSchema.$defs.status.description);
    // An update's `text`: a title and description beside a $ref to $defs/text.
    expect(await hoverAt('            text: >-')).toContain(planSchema.$defs.update.properties.text.description);
  }, TEST_TIMEOUT);

  // KNOWN PROBLEM with the schema as it stands (see the report that came with this test):
  // when a key's value is checked through an `anyOf` (lead and partners -> $defs/leads -> $defs/lead;
  // measures -> $defs/textList), yaml-language-server 1.25.0 shows the title and description of the
  // innermost *matching branch*, which is the shared $defs/text ("Text: Text as written in the
  // plan..."), instead of the key's own title and description. Removing `title`/`description` from the
  // shared building blocks ($defs/text, id, textList, lead, leads) makes the key's own text show.
  it('hover on a key whose value goes through anyOf (lead, measures) shows that key\'s description', async () => {
    const text = `# yaml-language-server: $schema=./plan.schema.json
title: Plan
themes:
  - id: '1'
    title: Road safety
    lead: KFRS
    actions:
      - id: '2.1'
        title: Hold a one-day data workshop
        lead: KFRS
        measures: Number of partners attending
`;
    const uri = ensureOpen('anyof-hover.plan.yaml', text);
    const hoverOn = async (line: number) =>
      hoverText(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character: text.split('\n')[line].search(/\S/) + 1 } }));
    const themeLead = await hoverOn(lineOf(text, '    lead: KFRS'));
    const actionLead = await hoverOn(lineOf(text, '        lead: KFRS'));
    const measures = await hoverOn(lineOf(text, 'measures:'));
    expect.soft(actionLead, 'hover on an action\'s lead').toContain(planSchema.$defs.action.properties.lead.description);
    expect.soft(themeLead, 'hover on a theme\'s lead').toContain(planSchema.$defs.theme.properties.lead.description);
    expect.soft(measures, 'hover on an action\'s measures').toContain(planSchema.$defs.action.properties.measures.description);
  }, TEST_TIMEOUT);

  it('completion inside an action offers the action keys from the schema', async () => {
    const text = `# yaml-language-server: $schema=./plan.schema.json
title: Plan
themes:
  - id: '1'
    title: Road safety
    actions:
      - id: '2.1'
        title: Hold a one-day data workshop
        
`;
    const uri = ensureOpen('completion.plan.yaml', text);
    const line = lineOf(text, 'title: Hold a one-day data workshop') + 1;
    const result = (await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: { line, character: 8 },
    })) as CompletionList | CompletionItem[] | null;
    const items = Array.isArray(result) ? result : (result?.items ?? []);
    const labels = items.map((i) => i.label);
    for (const key of ['lead', 'due', 'status', 'partners', 'measures', 'updates', 'milestones']) expect(labels, labels.join(', ')).toContain(key);
    // Keys already present in this action are not offered again, and theme-level keys are not offered here.
    expect(labels).not.toContain('title');
    expect(labels).not.toContain('aim');
  }, TEST_TIMEOUT);
});
