/**
 * The plan preview: a webview beside the editor that shows the plan with the Plankit web components,
 * redrawn as the officer types, and that moves the editor to an action or milestone selected in it.
 * The page itself (CSP, nonce, markup) is made by preview-html.ts; what it is sent, by
 * preview-message.ts; the selection's place in the text, by ranges.ts.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { baseName, previewMessage } from './preview-message.js';
import { makeNonce, previewHtml } from './preview-html.js';
import { isWebviewMessage, type HostMessage } from './protocol.js';
import { rangeOfSelection } from './ranges.js';
import type { PlanReading } from './plan-document.js';

/** How long after the last keystroke the preview is redrawn. */
const TYPING_DELAY_MS = 250;
/**
 * How long a selection waits for VS Code to make the clicked preview the active editor. VS Code learns
 * that a webview has focus by polling it every 250 ms; moving the editor before that lands would let
 * the late focus take the keyboard back to the preview, away from the text the officer asked for.
 */
const FOCUS_SETTLE_MS = 1000;

type ReadDocument = (document: vscode.TextDocument) => PlanReading;
type Settings = (scope?: vscode.Uri) => { dueSoonDays?: number };

/** One preview panel, showing one plan document. */
class Preview implements vscode.Disposable {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly uri: vscode.Uri,
    private readonly mediaRoot: vscode.Uri,
    private readonly read: ReadDocument,
    private readonly settings: Settings,
    private readonly onDispose: () => void,
  ) {
    const webview = panel.webview;
    const media = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(mediaRoot, name)).toString();
    webview.html = previewHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce((size) => randomBytes(size)),
      elementsScript: media('plankit.js'),
      previewScript: media('preview.js'),
      stylesheet: media('preview.css'),
    });
    this.disposables.push(
      webview.onDidReceiveMessage((message: unknown) => this.receive(message)),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  private document(): vscode.TextDocument | undefined {
    return vscode.workspace.textDocuments.find((document) => document.uri.toString() === this.uri.toString());
  }

  /** Sends the plan as it is now (if the page is ready for it). */
  update(): void {
    clearTimeout(this.timer);
    const document = this.document();
    if (!document || !this.ready) return;
    this.panel.title = `Preview ${baseName(document.fileName)}`;
    const message: HostMessage = previewMessage(this.read(document), document.fileName, this.settings(document.uri));
    void this.panel.webview.postMessage(message);
  }

  /** Redraws a moment after the officer stops typing. */
  updateSoon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.update(), TYPING_DELAY_MS);
  }

  private async receive(message: unknown): Promise<void> {
    if (!isWebviewMessage(message)) return;
    if (message.type === 'ready') {
      this.ready = true;
      this.update();
      return;
    }
    const document = this.document() ?? (await vscode.workspace.openTextDocument(this.uri));
    const plan = this.read(document).planFile.plan;
    const range = plan ? rangeOfSelection(plan, message) : undefined;
    if (!range) {
      void vscode.window.showInformationMessage(`${message.kind === 'milestone' ? 'That milestone' : 'That action'} is no longer in the plan's text.`);
      return;
    }
    await this.previewActive(FOCUS_SETTLE_MS);
    const start = new vscode.Position(range.start.line, range.start.character);
    const end = new vscode.Position(range.end.line, range.end.character);
    const visible = vscode.window.visibleTextEditors.find((editor) => editor.document === document);
    const editor = await vscode.window.showTextDocument(document, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: false });
    editor.selection = new vscode.Selection(start, start);
    editor.revealRange(new vscode.Range(start, end), vscode.TextEditorRevealType.AtTop);
  }

  /** Resolves once the panel is the active editor (it is after a click in it), or after `timeout` ms. */
  private previewActive(timeout: number): Promise<void> {
    if (this.panel.active) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        listener.dispose();
        resolve();
      };
      const timer = setTimeout(done, timeout);
      const listener = this.panel.onDidChangeViewState((event) => {
        if (event.webviewPanel.active) done();
      });
    });
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
    this.panel.dispose();
    this.onDispose();
  }
}

/** The open previews, one per document, kept up to date with edits and settings. */
export class PreviewManager implements vscode.Disposable {
  private readonly previews = new Map<string, Preview>();
  private readonly disposables: vscode.Disposable[];
  private readonly mediaRoot: vscode.Uri;

  constructor(
    extensionUri: vscode.Uri,
    private readonly read: ReadDocument,
    private readonly settings: Settings,
  ) {
    this.mediaRoot = vscode.Uri.joinPath(extensionUri, 'dist', 'media');
    this.disposables = [
      vscode.workspace.onDidChangeTextDocument((event) => this.previews.get(event.document.uri.toString())?.updateSoon()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('plankit')) for (const preview of this.previews.values()) preview.update();
      }),
    ];
  }

  /** Opens (or shows) the preview of a plan document beside its editor. */
  open(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const existing = this.previews.get(key);
    if (existing) {
      existing.panel.reveal(vscode.ViewColumn.Beside, true);
      existing.update();
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      'plankit.preview',
      `Preview ${baseName(document.fileName)}`,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, localResourceRoots: [this.mediaRoot], enableFindWidget: true },
    );
    panel.iconPath = vscode.Uri.joinPath(this.mediaRoot, 'preview-icon.svg');
    this.previews.set(key, new Preview(panel, document.uri, this.mediaRoot, this.read, this.settings, () => this.previews.delete(key)));
  }

  dispose(): void {
    for (const preview of [...this.previews.values()]) preview.dispose();
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }
}
