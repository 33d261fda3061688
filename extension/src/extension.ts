/**
 * The Plankit extension: starts the bundled language server (checks, completion, hover, quick fixes)
 * over stdio for plan and agency-register files, and adds the plan preview, the New Plan command and a
 * status bar item with the open plan's counts. What can be tested without VS Code lives in plain
 * modules beside this one; this file only wires them to the vscode API.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { civilDateInLondon, type PlanStatus, type Range } from '@plankit/core/lite';
import { PLAN_ITEM_METHOD, PLAN_PREVIEW_METHOD, PLAN_REPORT_METHOD, PLAN_STATUS_METHOD } from '@plankit/language-server/methods';
import { ALL_LANGUAGES, isPlanLanguage } from './languages.js';
import type { PlanPreviewAnswer } from './preview-message.js';
import { PreviewManager, type PlanServer } from './preview.js';
import { reportFileName, reportRefusal, type PlanReportAnswer } from './report-file.js';
import { planErrorText, planStatusText } from './status-text.js';
import { newPlanTemplate } from './template.js';

let client: LanguageClient | undefined;

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

  const languageClient = client;
  const server: PlanServer = {
    preview: (uri) => languageClient.sendRequest<PlanPreviewAnswer>(PLAN_PREVIEW_METHOD, { textDocument: { uri: uri.toString() } }),
    itemRange: async (uri, selection) => {
      const answer = await languageClient.sendRequest<{ range: Range } | null>(PLAN_ITEM_METHOD, { textDocument: { uri: uri.toString() }, ...selection });
      return answer?.range ?? null;
    },
  };
  const previews = new PreviewManager(context.extensionUri, server);
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
    vscode.commands.registerCommand('plankit.saveReport', async (uri?: vscode.Uri) => {
      const document = uri instanceof vscode.Uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
      if (!document || !isPlanLanguage(document.languageId)) {
        void vscode.window.showInformationMessage('Open a plan (a .plan.yaml or .plan.json file) to save its report.');
        return;
      }
      // The report of the text as it is in the editor, at the date the Problems panel's findings use
      // (a second or so for a plan of 10,000 actions: the window says it is being made).
      const answer = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Making the plan’s report…' }, () =>
        languageClient.sendRequest<PlanReportAnswer>(PLAN_REPORT_METHOD, { textDocument: { uri: document.uri.toString() } }),
      );
      if (!answer) return;
      if (answer.html === undefined) {
        void vscode.window.showWarningMessage(reportRefusal(answer));
        return;
      }
      const name = reportFileName(document.uri.path);
      const folder = document.uri.scheme === 'untitled' ? vscode.workspace.workspaceFolders?.[0]?.uri : vscode.Uri.joinPath(document.uri, '..');
      const target = await vscode.window.showSaveDialog({
        title: 'Save the plan as a report for committee papers',
        saveLabel: 'Save Report',
        defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
        filters: { 'HTML report': ['html'] },
      });
      if (!target) return;
      // Written next to the target, then renamed over it: a report already there is replaced whole or not at all.
      const partial = target.with({ path: `${target.path}.${Date.now().toString(36)}.partial` });
      try {
        await vscode.workspace.fs.writeFile(partial, new TextEncoder().encode(answer.html));
        await vscode.workspace.fs.rename(partial, target, { overwrite: true });
      } catch (error) {
        await vscode.workspace.fs.delete(partial).then(undefined, () => undefined);
        void vscode.window.showErrorMessage(`The report could not be saved: ${error instanceof Error ? error.message : String(error)}`);
        return;
      }
      const saved = target.path.slice(target.path.lastIndexOf('/') + 1);
      const open = await vscode.window.showInformationMessage(`Saved the report as ${saved}. Open it in a browser to print it or save it as a PDF.`, 'Open in Browser');
      if (open) await vscode.env.openExternal(target);
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
