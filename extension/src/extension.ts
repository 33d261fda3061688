/**
 * The Plankit extension: starts the bundled language server (checks, completion, hover, quick fixes)
 * over stdio for plan and agency-register files, and adds the plan preview, the New Plan command and a
 * status bar item with the open plan's counts. What can be tested without VS Code lives in plain
 * modules beside this one; this file only wires them to the vscode API.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { civilDateInLondon, type PlanStatus } from '@plankit/core';
import { ALL_LANGUAGES, fileNameForReading, isPlanLanguage } from './languages.js';
import { readPlanText, type PlanReading } from './plan-document.js';
import { PreviewManager } from './preview.js';
import { planErrorText, planStatusText } from './status-text.js';
import { newPlanTemplate } from './template.js';

let client: LanguageClient | undefined;

/** The `plankit.*` settings for a document (they may differ by folder). */
export function planSettings(scope?: vscode.Uri): { asOf?: string; dueSoonDays?: number } {
  const config = vscode.workspace.getConfiguration('plankit', scope);
  return { asOf: config.get<string>('asOf'), dueSoonDays: config.get<number>('dueSoonDays') };
}

/** The last reading of each document, so that the preview reads each version once. */
const readings = new Map<string, { key: string; reading: PlanReading }>();

/** Reads a plan document's current text with the core. */
export function readPlanDocument(document: vscode.TextDocument): PlanReading {
  const settings = planSettings(document.uri);
  const today = civilDateInLondon(new Date());
  const key = `${document.version}|${document.languageId}|${settings.asOf ?? ''}|${settings.dueSoonDays ?? ''}|${today}`;
  const cached = readings.get(document.uri.toString());
  if (cached?.key === key) return cached.reading;
  const reading = readPlanText(document.getText(), fileNameForReading(document.fileName, document.languageId), settings, today);
  readings.set(document.uri.toString(), { key, reading });
  return reading;
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath('dist/server.js');
  // Over stdio rather than IPC: there the server encodes each published diagnostic once and reuses
  // the bytes while it is unchanged (language-server/src/transport.ts); over IPC Node serialises the
  // whole list of findings again on every keystroke.
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.stdio },
    debug: { module: serverModule, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: ALL_LANGUAGES.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    synchronize: {
      configurationSection: 'plankit',
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{plan,agencies}.{yaml,yml,json}'),
    },
    // The settings at start; the server asks for them again (workspace/configuration) when they change.
    initializationOptions: { settings: JSON.parse(JSON.stringify(vscode.workspace.getConfiguration('plankit'))) as unknown },
    outputChannelName: 'Plankit',
  };
  // The id 'plankit' makes the client follow the `plankit.trace.server` setting.
  client = new LanguageClient('plankit', 'Plankit', serverOptions, clientOptions);
  context.subscriptions.push({ dispose: () => void client?.stop() });

  context.subscriptions.push(vscode.workspace.onDidCloseTextDocument((document) => readings.delete(document.uri.toString())));

  const previews = new PreviewManager(context.extensionUri, readPlanDocument, planSettings);
  context.subscriptions.push(previews);

  context.subscriptions.push(
    vscode.commands.registerCommand('plankit.openPreview', async (uri?: vscode.Uri) => {
      const document = uri instanceof vscode.Uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
      if (!document || !isPlanLanguage(document.languageId)) {
        void vscode.window.showInformationMessage('Open a plan (a .plan.yaml or .plan.json file) to preview it.');
        return;
      }
      previews.open(document);
    }),
    vscode.commands.registerCommand('plankit.newPlan', async () => {
      const title = await vscode.window.showInputBox({
        title: 'New Plankit plan',
        prompt: 'The plan’s title, as it will appear on the plan',
        value: 'Community Safety Partnership action plan',
      });
      if (title === undefined) return;
      const content = newPlanTemplate({ today: civilDateInLondon(new Date()), title });
      const document = await vscode.workspace.openTextDocument({ language: 'plankit-plan', content });
      await vscode.window.showTextDocument(document);
    }),
  );

  // VS Code's JSON support checks JSON plans and registers against the contributed schemas (and
  // completes and explains their fields), but it starts only for its own languages: start it when
  // one of ours is opened.
  const startJsonSupport = (document: vscode.TextDocument) => {
    if (document.languageId.startsWith('plankit-') && document.languageId.endsWith('-json')) {
      void vscode.extensions.getExtension('vscode.json-language-features')?.activate();
    }
  };
  vscode.workspace.textDocuments.forEach(startJsonSupport);
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(startJsonSupport));

  await client.start();
  context.subscriptions.push(registerStatusBar(client));
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

/** Plankit's own request to the language server (language-server/src/server.ts): a plan's counts from its latest check. */
const PLAN_STATUS_METHOD = 'plankit/planStatus';

/** The server's answer: null for a document that is not a plan. */
type PlanStatusAnswer = (PlanStatus & { version: number | null }) | null;

/**
 * The status bar item: the active plan's overdue and status counts, refreshed as it changes. The
 * language server works the counts out from the check it has just made (asked once the document's
 * diagnostics change), so the extension host does not read the plan again for them.
 */
function registerStatusBar(languageClient: LanguageClient): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('plankit.planStatus', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Plankit plan status';
  item.command = 'plankit.openPreview';
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** Counts each refresh, so that an answer overtaken by a later refresh is dropped. */
  let asked = 0;

  const refresh = async () => {
    clearTimeout(timer);
    const document = vscode.window.activeTextEditor?.document;
    if (!document || !isPlanLanguage(document.languageId)) {
      item.hide();
      return;
    }
    const ask = ++asked;
    let status: PlanStatusAnswer;
    try {
      status = await languageClient.sendRequest<PlanStatusAnswer>(PLAN_STATUS_METHOD, { textDocument: { uri: document.uri.toString() } });
    } catch {
      // The server is restarting or stopped: what is shown stays until it answers again.
      return;
    }
    if (ask !== asked) return;
    const words = status?.counts ? planStatusText(status.counts) : status && status.errors > 0 ? planErrorText(status.errors, status.firstErrorLine) : undefined;
    if (!words) {
      item.hide();
      return;
    }
    item.text = `$(checklist) ${words.text}`;
    item.tooltip = words.tooltip;
    item.accessibilityInformation = { label: words.text.replace(/·/g, ',') };
    item.show();
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void refresh(), 300);
  };
  void refresh();
  return vscode.Disposable.from(
    item,
    vscode.window.onDidChangeActiveTextEditor(() => void refresh()),
    // Each check of the active plan publishes its diagnostics (also after a settings change or an
    // edit to its register): then the server has the counts of that version.
    vscode.languages.onDidChangeDiagnostics((event) => {
      const active = vscode.window.activeTextEditor?.document.uri.toString();
      if (active && event.uris.some((uri) => uri.toString() === active)) later();
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('plankit')) later();
    }),
    { dispose: () => clearTimeout(timer) },
  );
}
