/**
 * A small LSP client for the tests: starts the real built server (`node language-server/dist/server.js
 * --stdio`) as a child process and talks to it with vscode-languageserver-protocol, as an editor does.
 * It answers the server's own requests (workspace/configuration, client/registerCapability) and
 * records every publishDiagnostics and every trace line ($/logTrace, once the test turns tracing on).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  ConfigurationRequest,
  createProtocolConnection,
  DiagnosticSeverity,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogTraceNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgressCreateRequest,
  type ClientCapabilities,
  type Diagnostic,
  type InitializeResult,
  type Position,
  type ProtocolConnection,
  type Range,
  type Registration,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const serverPath = path.join(repoRoot, 'language-server', 'dist', 'server.js');
export const examplesDir = path.join(repoRoot, 'examples');
export const fixturesDir = path.join(repoRoot, 'test', 'fixtures', 'lsp');

/** A finding as the core gives it and `plankit validate --format json` prints it: its severity is a word. */
export interface CliDiagnostic {
  severity: string;
  code: string;
  message: string;
  range: Range;
  data?: unknown;
}

const SEVERITY: Record<string, DiagnosticSeverity> = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint };

/**
 * The parts of a finding the server and the core (or the CLI) must agree on: code, severity (the
 * core's words as LSP's numbers), range, message and the quick fixes' data.
 */
export function comparable(list: readonly { code?: unknown; severity?: string | number; range: Range; message: string; data?: unknown }[]) {
  return list.map((d) => ({ code: d.code, severity: typeof d.severity === 'string' ? SEVERITY[d.severity] : d.severity, range: d.range, message: d.message, data: d.data }));
}

/** How long to wait for the server (generous: the machine is shared). */
export const WAIT_MS = 30_000;

/** A temporary workspace: a copy of examples/ and test/fixtures/lsp/ side by side. */
export function makeWorkspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plankit-lsp-'));
  for (const source of [examplesDir, fixturesDir]) {
    for (const name of fs.readdirSync(source)) {
      if (fs.statSync(path.join(source, name)).isFile()) fs.copyFileSync(path.join(source, name), path.join(dir, name));
    }
  }
  return dir;
}

export function uriOf(file: string): string {
  return pathToFileURL(file).toString();
}

/** The full capabilities a modern editor sends (dynamic registration, configuration, snippets...). */
export const FULL_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeWatchedFiles: { dynamicRegistration: true },
    didChangeConfiguration: { dynamicRegistration: true },
    workspaceEdit: { documentChanges: true },
    diagnostics: { refreshSupport: true },
  },
  textDocument: {
    synchronization: { dynamicRegistration: false },
    completion: { completionItem: { snippetSupport: true } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor.rewrite'] } }, dataSupport: true },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    rename: { prepareSupport: true },
    inlayHint: {},
    foldingRange: {},
  },
};

export class LspClient {
  readonly child: ChildProcess;
  readonly connection: ProtocolConnection;
  /** Every publishDiagnostics received, per URI, in order. */
  readonly published = new Map<string, { version?: number; diagnostics: Diagnostic[] }[]>();
  readonly registrations: Registration[] = [];
  readonly configurationRequests: unknown[] = [];
  readonly log: string[] = [];
  /** Every $/logTrace message, in order. */
  readonly traces: string[] = [];
  /** What workspace/configuration answers for section `plankit`. */
  settings: Record<string, unknown>;
  private listeners = new Set<() => void>();
  readonly versions = new Map<string, number>();
  readonly texts = new Map<string, string>();
  exited = false;

  /**
   * @param settings the `plankit` section the client answers with
   * @param folderSettings per folder URI, settings over those for a request scoped to that folder
   *        (as VS Code merges a folder's own settings over the user's and the workspace's)
   * @param server the server script to start (the built one, unless a test has its own copy)
   * @param nodeOptions options for the server's Node process (V8's tracing flags, say), before its script
   */
  constructor(
    settings: Record<string, unknown> = {},
    readonly folderSettings: Record<string, Record<string, unknown>> = {},
    server = serverPath,
    nodeOptions: readonly string[] = [],
  ) {
    this.settings = settings;
    this.child = spawn(process.execPath, [...nodeOptions, server, '--stdio'], { cwd: server === serverPath ? repoRoot : path.dirname(server), stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.on('exit', () => {
      this.exited = true;
      this.notify();
    });
    this.child.stderr!.setEncoding('utf8');
    this.child.stderr!.on('data', (chunk: string) => this.log.push(`[stderr] ${chunk.trimEnd()}`));
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      const list = this.published.get(params.uri) ?? [];
      list.push({ version: params.version, diagnostics: params.diagnostics });
      this.published.set(params.uri, list);
      this.notify();
    });
    this.connection.onNotification('window/logMessage', (params: { message: string }) => this.log.push(params.message));
    this.connection.onNotification(LogTraceNotification.type, (params) => {
      this.traces.push(params.message);
      this.notify();
    });
    this.connection.onRequest(ConfigurationRequest.type, (params) => {
      this.configurationRequests.push(params);
      return params.items.map((item) => (item.section === 'plankit' ? { ...this.settings, ...(item.scopeUri ? this.folderSettings[item.scopeUri] : undefined) } : null));
    });
    this.connection.onRequest(RegistrationRequest.type, (params) => {
      this.registrations.push(...params.registrations);
      return null;
    });
    this.connection.onRequest(WorkDoneProgressCreateRequest.type, () => null);
    this.connection.onRequest('workspace/diagnostic/refresh', () => {
      this.refreshes++;
      this.notify();
      return null;
    });
    this.connection.onRequest('workspace/codeLens/refresh', () => null);
    this.connection.onRequest('workspace/inlayHint/refresh', () => null);
    this.connection.listen();
  }

  refreshes = 0;

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  async initialize(folders: string[], capabilities: ClientCapabilities = FULL_CAPABILITIES, initializationOptions?: unknown): Promise<InitializeResult> {
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: folders[0] ? uriOf(folders[0]) : null,
      capabilities,
      workspaceFolders: folders.map((folder) => ({ uri: uriOf(folder), name: path.basename(folder) })),
      initializationOptions,
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  /** Waits until a condition on the received messages holds. */
  waitFor<T>(what: string, test: () => T | undefined, timeout = WAIT_MS): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        let value: T | undefined;
        try {
          value = test();
        } catch (error) {
          finish();
          reject(error);
          return;
        }
        if (value !== undefined && value !== false) {
          finish();
          resolve(value);
        } else if (this.exited) {
          finish();
          reject(new Error(`server exited while waiting for ${what}\n${this.log.join('\n')}`));
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`timed out waiting for ${what}\n${this.log.slice(-20).join('\n')}`));
      }, timeout);
      const finish = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      check();
    });
  }

  /** The latest diagnostics published for a URI, once there are any (with the version, if given). */
  diagnostics(uri: string, version?: number): Promise<Diagnostic[]> {
    return this.waitFor(`diagnostics for ${uri}${version === undefined ? '' : ` v${version}`}`, () => {
      const list = this.published.get(uri);
      const last = list?.[list.length - 1];
      if (!last) return undefined;
      if (version !== undefined && last.version !== version) return undefined;
      return last.diagnostics;
    });
  }

  /** Waits for a publish for a URI after `count` publishes had been seen. */
  nextDiagnostics(uri: string, count: number): Promise<Diagnostic[]> {
    return this.waitFor(`publish #${count + 1} for ${uri}`, () => {
      const list = this.published.get(uri) ?? [];
      return list.length > count ? list[list.length - 1].diagnostics : undefined;
    });
  }

  publishCount(uri: string): number {
    return this.published.get(uri)?.length ?? 0;
  }

  async open(uri: string, text: string, languageId = 'yaml'): Promise<number> {
    this.versions.set(uri, 1);
    this.texts.set(uri, text);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    return 1;
  }

  /** Replaces the whole text (a full-content change). */
  async change(uri: string, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    this.texts.set(uri, text);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  /** Sends edits as incremental changes (one per edit, last first so earlier ranges stay valid). */
  async edit(uri: string, edits: TextEdit[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    const sorted = sortEditsLastFirst(edits);
    this.texts.set(uri, applyEdits(this.texts.get(uri) ?? '', edits));
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: sorted.map((e) => ({ range: e.range, text: e.newText })),
    });
    return version;
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    try {
      await Promise.race([this.connection.sendRequest(ShutdownRequest.type), new Promise((resolve) => setTimeout(resolve, 5_000))]);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // already gone
    }
    await new Promise<void>((resolve) => {
      if (this.exited) return resolve();
      const timer = setTimeout(() => {
        this.child.kill();
        resolve();
      }, 5_000);
      this.child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    this.connection.dispose();
  }
}

// ---------------------------------------------------------------------------------------------
// Text helpers

export function offsetAt(text: string, position: Position): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const next = text.indexOf('\n', offset);
    if (next === -1) return text.length;
    offset = next + 1;
  }
  return Math.min(offset + position.character, text.length);
}

export function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

function sortEditsLastFirst(edits: TextEdit[]): TextEdit[] {
  return [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
}

/** Applies LSP text edits to a text (all ranges refer to the original text). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const withOffsets = edits.map((edit) => ({ start: offsetAt(text, edit.range.start), end: offsetAt(text, edit.range.end), newText: edit.newText }));
  withOffsets.sort((a, b) => b.start - a.start || b.end - a.end);
  let result = text;
  for (const edit of withOffsets) result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  return result;
}

/** The edits of a workspace edit for one URI. */
export function editsFor(edit: WorkspaceEdit | undefined | null, uri: string): TextEdit[] {
  if (edit?.documentChanges) return edit.documentChanges.flatMap((change) => ('textDocument' in change && change.textDocument.uri === uri ? change.edits : []));
  return edit?.changes?.[uri] ?? [];
}

/** The version a workspace edit's changes to a document were made for (`documentChanges` only). */
export function editVersionFor(edit: WorkspaceEdit | undefined | null, uri: string): number | null | undefined {
  for (const change of edit?.documentChanges ?? []) if ('textDocument' in change && change.textDocument.uri === uri) return change.textDocument.version;
  return undefined;
}

/** A text with a cursor marker `⟨|⟩`: the text without it, and the marker's position. */
export function withCursor(marked: string, marker = '⟨|⟩'): { text: string; position: Position; offset: number } {
  const offset = marked.indexOf(marker);
  if (offset === -1 || marked.indexOf(marker, offset + 1) !== -1) throw new Error(`the text needs exactly one ${marker}`);
  const text = marked.slice(0, offset) + marked.slice(offset + marker.length);
  return { text, position: positionAt(text, offset), offset };
}

/** The range of the n-th (0-based) occurrence of a string in a text. */
export function rangeOf(text: string, needle: string, occurrence = 0): { start: Position; end: Position } {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at === -1) throw new Error(`"${needle}" (#${occurrence}) is not in the text`);
  }
  return { start: positionAt(text, at), end: positionAt(text, at + needle.length) };
}

/** The range of `needle` inside the first occurrence of `context` (to point at a value after its key). */
export function rangeWithin(text: string, context: string, needle: string): { start: Position; end: Position } {
  const at = text.indexOf(context);
  const inner = context.indexOf(needle);
  if (at === -1 || inner === -1) throw new Error(`"${needle}" in "${context}" is not in the text`);
  return { start: positionAt(text, at + inner), end: positionAt(text, at + inner + needle.length) };
}
