#!/usr/bin/env node
/**
 * The Plankit language server: `node dist/server.js --stdio` (or --node-ipc, --socket=N).
 * A thin front end over @plankit/core: every finding comes from the core's checkFile, exactly as
 * the command line reports it; the server adds only editor plumbing. Today's date (Europe/London)
 * is worked out here and passed to the core, which never reads the clock.
 */
import path from 'node:path';
import {
  civilDateInLondon,
  findPlanItem,
  kindOfFile,
  planPreviewOf,
  planStatusOf,
  type Agency,
  type IsoDate,
  type PathSegment,
  type PlanItemSelection,
  type PlanPreview,
  type PlanStatus,
  type Range,
} from '@plankit/core';
import { tuneV8ForChecks } from '@plankit/core/node';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  FileChangeType,
  TextDocuments,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceDocumentDiagnosticReport,
  type WorkspaceEdit,
} from 'vscode-languageserver/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { codeActions } from './code-actions.js';
import { versionedEdit } from './edits.js';
import { complete } from './completion.js';
import { diagnosticSupportOf, diagnosticsOf, FULL_DIAGNOSTIC_SUPPORT, resultIdOf, type DiagnosticSupport } from './diagnostics.js';
import { hover } from './hover.js';
import { IdleCollector, QUIET_GROWTH_BYTES } from './idle-collector.js';
import { codeLenses, inlayHints } from './lenses.js';
import { definition, prepareRename, references, rename } from './navigation.js';
import { DEFAULT_SETTINGS, normaliseSettings, type Settings } from './settings.js';
import { documentSymbols, foldingRanges } from './symbols.js';
import { PLAN_ITEM_METHOD, PLAN_PREVIEW_METHOD, PLAN_REPORT_METHOD, PLAN_STATUS_METHOD } from './methods.js';
import { planReportOf, type PlanReport } from './report.js';
import { connectionFromCommandLine } from './transport.js';
import { Workspace, type DocumentCheck } from './workspace.js';

/**
 * How long to wait after a keystroke before checking a file whose last check took long enough to
 * be worth skipping for a keystroke that follows at once (later keystrokes restart the wait). A
 * file that checks in less than QUICK_CHECK_MS is checked at once.
 */
const DEBOUNCE_MS = 15;
const QUICK_CHECK_MS = 60;

/** Starts a server on a connection (the process's stdio, IPC or socket by default). */
export function startServer(connection: Connection = connectionFromCommandLine()): void {
  const documents = new TextDocuments(TextDocument);
  /** The window's settings (asked for without a scope), for files outside every workspace folder. */
  let settings: Settings = DEFAULT_SETTINGS;
  /** Each workspace folder's settings (VS Code's folder settings over the window's), by folder. */
  let folderSettings = new Map<string, Settings>();
  let capabilities: ClientCapabilities = {};
  /** Which optional diagnostic fields the client takes (from initialize). */
  let diagnosticSupport: DiagnosticSupport = FULL_DIAGNOSTIC_SUPPORT;
  let pullMode = false;
  let configurationSupport = false;
  let initializationSettings: unknown;
  const today = (): IsoDate => civilDateInLondon(new Date());
  const log = (message: string) => connection.console.log(message);
  /** The settings a file is checked with: its workspace folder's. */
  const settingsFor = (fileName: string): Settings => {
    const folder = workspace.folderOf(fileName);
    return (folder !== undefined ? folderSettings.get(folder) : undefined) ?? settings;
  };
  /** Whether any folder (or the window) asks for the whole workspace to be checked. */
  const checkingWorkspace = () => settings.checkWorkspace || [...folderSettings.values()].some((folder) => folder.checkWorkspace);
  const workspace = new Workspace(documents, (fileName) => settingsFor(fileName), today, log);
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** How long each file's last check took, in milliseconds (for the pause after a keystroke). */
  const checkTimes = new Map<string, number>();
  /** Files whose diagnostics were published (so they can be cleared). */
  const published = new Set<string>();
  let ready = false;
  /** Gives back the memory checks and edits left behind (see idle-collector.ts; traced when the client traces). */
  const megabytes = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
  const idle = new IdleCollector({
    collected: (reason, before, after) =>
      connection.tracer.log(`${reason === 'quiet' ? 'Quiet for a second: collected garbage, old generation' : 'Texts piled up while typing: collected garbage, large objects'} ${megabytes(before)} MB → ${megabytes(after)} MB`),
    passed: (growth) =>
      connection.tracer.log(`Quiet for a second: the old generation has grown ${megabytes(growth)} MB since the last full collection, under ${megabytes(QUIET_GROWTH_BYTES)} MB: no collection`),
  });

  /** Runs a handler; whatever goes wrong, the client gets an answer and the server stays up. */
  const safe = <P extends unknown[], R>(name: string, fallback: R, handler: (...args: P) => R | Promise<R>) =>
    async (...args: P): Promise<R> => {
      try {
        return await handler(...args);
      } catch (error) {
        if (error && typeof error === 'object' && 'code' in error && 'message' in error && (error as { code: unknown }).code === 0) throw error;
        log(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        return fallback;
      }
    };

  const shouldPublish = (fileName: string) => (workspace.isOpen(fileName) && workspace.isPlankitName(fileName)) || (settingsFor(fileName).checkWorkspace && workspace.workspaceFiles.has(fileName));

  /** Checks a file (after a short pause) and publishes its findings; then its dependents. */
  const schedule = (fileName: string, delay = 0) => {
    if (pullMode) return;
    const pending = timers.get(fileName);
    if (pending) clearTimeout(pending);
    timers.set(
      fileName,
      setTimeout(() => {
        timers.delete(fileName);
        void publish(fileName);
      }, delay),
    );
  };

  const publish = safe('publish', undefined, async (fileName: string) => {
    if (!shouldPublish(fileName)) {
      if (published.delete(fileName)) await connection.sendDiagnostics({ uri: workspace.uriOf(fileName), diagnostics: [] });
      return;
    }
    const stamp = workspace.stampOf(fileName);
    const started = performance.now();
    const entry = await workspace.check(fileName);
    const checked = performance.now();
    checkTimes.set(fileName, checked - started);
    // A newer version came in while this one was checked: its own run will publish.
    if (entry.stamp !== workspace.stampOf(fileName) || stamp !== entry.stamp) return;
    published.add(fileName);
    const diagnostics = diagnosticsOf(entry, settingsFor(fileName), diagnosticSupport);
    await connection.sendDiagnostics({ uri: entry.uri, version: workspace.isOpen(fileName) ? entry.version : undefined, diagnostics });
    // Where the time of a slow file goes, when the client traces: checking, or turning the findings
    // into the message and writing it. Written after the diagnostics, so it never delays them.
    connection.tracer.log(
      `Checked ${path.basename(fileName)}${entry.version !== undefined ? ` (version ${entry.version})` : ''}, ${entry.text.length.toLocaleString('en-GB')} characters: ` +
        `${diagnostics.length} ${diagnostics.length === 1 ? 'finding' : 'findings'} in ${(checked - started).toFixed(1)} ms, published ${(performance.now() - checked).toFixed(1)} ms later`,
    );
    idle.checked();
  });

  /** A file changed: re-check it and every file that read it. */
  const changed = (fileName: string, delay = 0) => {
    if (pullMode) {
      refreshPull();
      return;
    }
    schedule(fileName, delay);
    for (const dependent of workspace.dependentsOf(fileName)) schedule(dependent, delay);
  };

  const refreshPull = () => {
    if (capabilities.workspace?.diagnostics?.refreshSupport) connection.languages.diagnostics.refresh();
  };

  const recheckAll = () => {
    if (pullMode) return refreshPull();
    for (const fileName of new Set([...workspace.allFiles(), ...published])) schedule(fileName);
  };

  /**
   * Asks for the settings: the window's, and each workspace folder's in the same request (a folder's
   * own `.vscode/settings.json` can set another reporting date). Without workspace/configuration,
   * the ones given at start-up or in the last didChangeConfiguration apply everywhere.
   */
  const loadSettings = async () => {
    if (configurationSupport) {
      try {
        const folders = [...workspace.folders];
        const sections = await connection.workspace.getConfiguration([{ section: 'plankit' }, ...folders.map((folder) => ({ section: 'plankit', scopeUri: workspace.uriOf(folder) }))]);
        settings = normaliseSettings(sections[0] ?? initializationSettings);
        folderSettings = new Map(folders.map((folder, index) => [folder, sections[index + 1] == null ? settings : normaliseSettings(sections[index + 1])]));
        return;
      } catch (error) {
        log(`Could not read the settings: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    settings = normaliseSettings(initializationSettings);
    folderSettings = new Map();
  };

  /**
   * The entry for a request's document: its check at the current version. None for a file that is
   * not a plan or register (by its name, or by its language when opened): an editor may start the
   * server for every YAML file, and a docker-compose.yml must not be offered a plan's keys.
   */
  const entryOf = async (uri: string): Promise<DocumentCheck | undefined> => {
    const fileName = workspace.fileNameOf(uri);
    if (!workspace.isPlankitName(fileName)) return undefined;
    return workspace.check(fileName);
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    capabilities = params.capabilities;
    diagnosticSupport = diagnosticSupportOf(capabilities);
    configurationSupport = capabilities.workspace?.configuration === true;
    const options = (params.initializationOptions ?? {}) as { settings?: unknown; diagnosticMode?: string; plankit?: unknown };
    initializationSettings = options.settings ?? options.plankit;
    settings = normaliseSettings(initializationSettings);
    // Pull diagnostics only when the client supports them and asks for them; otherwise push.
    pullMode = options.diagnosticMode === 'pull' && capabilities.textDocument?.diagnostic !== undefined;
    const folders = params.workspaceFolders?.map((folder) => workspace.fileNameOf(folder.uri)) ?? (params.rootUri ? [workspace.fileNameOf(params.rootUri)] : params.rootPath ? [params.rootPath] : []);
    workspace.folders = folders.filter((folder) => folder.startsWith('/') || /^[A-Za-z]:[\\/]/.test(folder));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        completionProvider: { triggerCharacters: [':', ' ', '[', ',', '-', '"'], resolveProvider: false },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.Refactor, CodeActionKind.RefactorRewrite] },
        documentSymbolProvider: { label: 'Plankit' },
        foldingRangeProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        inlayHintProvider: { resolveProvider: false },
        codeLensProvider: { resolveProvider: false },
        diagnosticProvider: pullMode ? { identifier: 'plankit', interFileDependencies: true, workspaceDiagnostics: true } : undefined,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'plankit-language-server', version: '0.1.0' },
    };
  });

  connection.onInitialized(
    safe('initialized', undefined, async () => {
      // The first date worked out in Europe/London loads the time-zone data (tens of milliseconds):
      // done here, while the client answers the requests below, not when the first file is checked.
      today();
      if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
        await connection.client.register(DidChangeWatchedFilesNotification.type, {
          watchers: [{ globPattern: '**/*.{plan,agencies}.{yaml,yml,json}' }],
        });
        workspace.watching = true;
      }
      if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
        await connection.client.register(DidChangeConfigurationNotification.type, { section: 'plankit' });
      }
      if (capabilities.workspace?.workspaceFolders) {
        connection.workspace.onDidChangeWorkspaceFolders(
          safe('workspace folders', undefined, async (event) => {
            const removed = new Set(event.removed.map((folder) => workspace.fileNameOf(folder.uri)));
            workspace.folders = [...workspace.folders.filter((folder) => !removed.has(folder)), ...event.added.map((folder) => workspace.fileNameOf(folder.uri))];
            await loadSettings();
            await scanAndCheck();
          }),
        );
      }
      await loadSettings();
      ready = true;
      await scanAndCheck();
    }),
  );

  const scanAndCheck = async () => {
    const before = new Set(workspace.workspaceFiles);
    await workspace.scan();
    for (const fileName of before) if (!workspace.workspaceFiles.has(fileName)) schedule(fileName);
    for (const fileName of workspace.openFiles()) schedule(fileName);
    if (!checkingWorkspace() || pullMode) return refreshPull();
    for (const fileName of workspace.allFiles()) {
      if (workspace.isOpen(fileName)) continue;
      await publish(fileName);
      // Let requests and keystrokes in between files.
      await new Promise((resolve) => setImmediate(resolve));
    }
  };

  connection.onDidChangeConfiguration(
    safe('configuration', undefined, async (change) => {
      if (!configurationSupport) initializationSettings = (change.settings as { plankit?: unknown } | undefined)?.plankit ?? initializationSettings;
      const before = checkingWorkspace();
      await loadSettings();
      if (checkingWorkspace() && !before) await scanAndCheck();
      else recheckAll();
    }),
  );

  /** The event of the document just opened: TextDocuments fires it as a change too, right after. */
  let openEvent: unknown;
  documents.onDidOpen((event) => {
    openEvent = event;
    const fileName = workspace.opened(event.document.uri, event.document.languageId);
    if (ready || !configurationSupport) changed(fileName);
  });
  documents.onDidChangeContent((event) => {
    // Opening is not typing: the check onDidOpen asked for goes ahead without the keystroke pause.
    if (event === openEvent) {
      openEvent = undefined;
      return;
    }
    const fileName = workspace.fileNameOf(event.document.uri);
    idle.touch();
    changed(fileName, (checkTimes.get(fileName) ?? Infinity) < QUICK_CHECK_MS ? 0 : DEBOUNCE_MS);
  });
  documents.onDidClose((event) => {
    const fileName = workspace.closed(event.document.uri);
    if (!shouldPublish(fileName)) workspace.forget(fileName);
    changed(fileName);
  });

  connection.onDidChangeWatchedFiles(
    safe('watched files', undefined, (params) => {
      for (const change of params.changes) {
        const fileName = workspace.fileNameOf(change.uri);
        workspace.diskChanged(fileName);
        if (change.type === FileChangeType.Created && workspace.inWorkspace(fileName)) workspace.workspaceFiles.add(fileName);
        if (change.type === FileChangeType.Deleted) {
          workspace.workspaceFiles.delete(fileName);
          if (!workspace.isOpen(fileName)) workspace.forget(fileName);
        }
        if (!workspace.isOpen(fileName)) changed(fileName);
        else for (const dependent of workspace.dependentsOf(fileName)) schedule(dependent);
      }
    }),
  );

  // Pull diagnostics, for clients that ask for them.
  connection.languages.diagnostics.on(
    safe('diagnostics', { kind: DocumentDiagnosticReportKind.Full, items: [] }, async (params) => {
      const entry = await entryOf(params.textDocument.uri);
      // The answer is sent before a collection this asks for runs (that waits for setImmediate).
      idle.checked();
      if (!entry) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      const fileSettings = settingsFor(entry.fileName);
      const resultId = hashOf(resultIdOf(entry, fileSettings));
      if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
      return { kind: DocumentDiagnosticReportKind.Full, resultId, items: diagnosticsOf(entry, fileSettings, diagnosticSupport) };
    }),
  );
  connection.languages.diagnostics.onWorkspace(
    safe('workspace diagnostics', { items: [] }, async (params) => {
      const previous = new Map(params.previousResultIds.map((entry) => [entry.uri, entry.value]));
      const items: WorkspaceDocumentDiagnosticReport[] = [];
      for (const fileName of workspace.allFiles()) {
        const fileSettings = settingsFor(fileName);
        if (!fileSettings.checkWorkspace) continue;
        const entry = await workspace.check(fileName);
        const resultId = hashOf(resultIdOf(entry, fileSettings));
        const version = workspace.isOpen(fileName) ? (entry.version ?? null) : null;
        if (previous.get(entry.uri) === resultId) items.push({ kind: DocumentDiagnosticReportKind.Unchanged, uri: entry.uri, version, resultId });
        else items.push({ kind: DocumentDiagnosticReportKind.Full, uri: entry.uri, version, resultId, items: diagnosticsOf(entry, fileSettings, diagnosticSupport) });
      }
      idle.checked();
      return { items };
    }),
  );

  const workspaceAgencies = async (): Promise<Agency[]> => {
    const agencies: Agency[] = [];
    for (const fileName of workspace.allFiles()) {
      if (kindOfFile(fileName) !== 'register') continue;
      const entry = await workspace.check(fileName);
      agencies.push(...(entry.check.registerFile?.register?.agencies ?? []));
    }
    return agencies;
  };

  connection.onCompletion(
    safe('completion', null, async (params) => {
      const entry = await entryOf(params.textDocument.uri);
      if (!entry) return null;
      return complete(
        {
          entry,
          lastGood: workspace.lastGood(entry.fileName),
          workspaceAgencies: await workspaceAgencies(),
          workspaceFiles: workspace.allFiles(),
          today: today(),
          snippets: capabilities.textDocument?.completion?.completionItem?.snippetSupport === true,
        },
        params.position,
      );
    }),
  );
  connection.onHover(
    safe('hover', null, async (params) => {
      const entry = await entryOf(params.textDocument.uri);
      return entry ? hover(entry, params.position) : null;
    }),
  );
  /** An edit computed from `entry` (and other files at their current versions), versioned for clients that take that. */
  const versioned = (edit: WorkspaceEdit, entry: DocumentCheck): WorkspaceEdit =>
    versionedEdit(edit, capabilities.workspace?.workspaceEdit?.documentChanges === true, (uri) =>
      uri === entry.uri ? (entry.version ?? null) : (documents.get(uri)?.version ?? null),
    );

  connection.onCodeAction(
    safe('code actions', [], async (params) => {
      const entry = await entryOf(params.textDocument.uri);
      if (!entry) return [];
      const actions = await codeActions({ entry, workspace, today: today() }, params);
      for (const action of actions) if (action.edit) action.edit = versioned(action.edit, entry);
      return actions;
    }),
  );
  connection.onDocumentSymbol(
    safe('symbols', [], async (params) => {
      const entry = await entryOf(params.textDocument.uri);
      return entry ? documentSymbols(entry) : [];
    }),
  );
  connection.onFoldingRanges(
    safe('folding', [], async (params) => {
      const entry = await entryOf(params.textDocument.uri);
      return entry ? foldingRanges(entry, capabilities.textDocument?.foldingRange?.rangeLimit ?? 50_000) : [];
    }),
  );
  connection.onDefinition(
    safe('definition', [], async (params) => {
      const entry = await entryOf(params.textDocument.uri);
      return entry ? definition(workspace, entry, params.position) : [];
    }),
  );
  connection.onReferences(
    safe('references', [], async (params) => {
      const entry = await entryOf(params.textDocument.uri);
      return entry ? references(workspace, entry, params.position, params.context.includeDeclaration) : [];
    }),
  );
  connection.onPrepareRename(
    safe('prepare rename', null, async (params) => {
      const entry = await entryOf(params.textDocument.uri);
      return entry ? prepareRename(entry, params.position) : null;
    }),
  );
  connection.onRenameRequest(
    safe('rename', null, async (params) => {
      const entry = await entryOf(params.textDocument.uri);
      const edit = entry ? await rename(workspace, entry, params.position, params.newName) : null;
      return edit && entry ? versioned(edit, entry) : edit;
    }),
  );
  connection.languages.inlayHint.on(
    safe('inlay hints', [], async (params) => {
      const entry = await entryOf(params.textDocument.uri);
      return entry && settingsFor(entry.fileName).inlayHints ? inlayHints(entry, params.range) : [];
    }),
  );
  connection.onCodeLens(
    safe('code lens', [], async (params) => {
      const entry = await entryOf(params.textDocument.uri);
      return entry && settingsFor(entry.fileName).codeLens ? codeLenses(entry) : [];
    }),
  );

  /**
   * One of Plankit's own requests (the VS Code extension's), `{ textDocument: { uri }, … }` in,
   * answered from the document's check at its current version with the version added: so the
   * editor does not read the plan again, and what it shows agrees with the diagnostics (the same
   * as-of date and due-soon window). `answer` gives undefined when the request does not apply.
   */
  const onPlanRequest = <T extends object>(method: string, name: string, answer: (entry: DocumentCheck, params: Record<string, unknown>) => T | undefined) =>
    connection.onRequest(
      method,
      safe(name, null, async (params: ({ textDocument?: { uri?: unknown } } & Record<string, unknown>) | undefined): Promise<(T & { version: number | null }) | null> => {
        const uri = params?.textDocument?.uri;
        if (typeof uri !== 'string') return null;
        const entry = await entryOf(uri);
        const result = entry && answer(entry, params ?? {});
        return result ? { ...result, version: entry.version ?? null } : null;
      }),
    );
  // The status bar's counts.
  onPlanRequest<PlanStatus>(PLAN_STATUS_METHOD, 'plan status', (entry) => planStatusOf(entry.check));
  // The preview's plan, and where an action or milestone clicked in it is in the text.
  onPlanRequest<PlanPreview>(PLAN_PREVIEW_METHOD, 'plan preview', (entry) => planPreviewOf(entry.check));
  // The plan as a report for committee papers, for the extension to save.
  onPlanRequest<PlanReport>(PLAN_REPORT_METHOD, 'plan report', (entry) => planReportOf(entry.check, today()));
  onPlanRequest<{ range: Range }>(PLAN_ITEM_METHOD, 'plan item', (entry, params) => {
    const selection = itemSelectionOf(params);
    const plan = entry.check.planFile?.plan;
    const item = selection && plan && findPlanItem(plan, selection);
    return item ? { range: item.range } : undefined;
  });

  documents.listen(connection);
  connection.listen();
}

/** The action or milestone a plan-item request names, if its fields are of the right types. */
function itemSelectionOf(params: Record<string, unknown>): PlanItemSelection | undefined {
  const { path, key, kind } = params;
  if (key !== undefined && typeof key !== 'string') return undefined;
  if (kind !== undefined && kind !== 'action' && kind !== 'milestone') return undefined;
  if (path !== undefined && !(Array.isArray(path) && path.every((segment) => typeof segment === 'string' || (typeof segment === 'number' && Number.isInteger(segment))))) return undefined;
  if (key === undefined && path === undefined) return undefined;
  return { path: path as PathSegment[] | undefined, key, kind };
}

/** A short, stable id for a long key (FNV-1a). */
function hashOf(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36) + text.length.toString(36);
}

// Bad input must never take the server down.
process.on('uncaughtException', (error) => {
  process.stderr.write(`plankit-language-server: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
});
process.on('unhandledRejection', (error) => {
  process.stderr.write(`plankit-language-server: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
});

// Before the first plan is read (see v8-settings.ts).
tuneV8ForChecks();
startServer();
