/**
 * The plan preview: a webview beside the editor that shows the plan with the Plankit web components,
 * redrawn as the officer types, and that moves the editor to an action or milestone selected in it.
 * The plan comes from the language server's latest check (the extension host does not read it);
 * the page itself (CSP, nonce, markup) is made by preview-html.ts; what it is sent, by
 * preview-message.ts.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { PlanItemSelection, Range } from '@plankit/core';
import { baseName, previewMessage, serverProblemMessage, type PlanPreviewAnswer } from './preview-message.js';
import { makeNonce, previewHtml } from './preview-html.js';
import { isWebviewMessage } from './protocol.js';

/** How long after the last keystroke the preview is redrawn. */
const TYPING_DELAY_MS = 250;
/**
 * How long a selection waits for VS Code to make the clicked preview the active editor. VS Code learns
 * that a webview has focus by polling it every 250 ms; moving the editor before that lands would let
 * the late focus take the keyboard back to the preview, away from the text the officer asked for.
 */
const FOCUS_SETTLE_MS = 1000;

/** What the preview asks the language server (its plankit/planPreview and plankit/planItem requests). */
export interface PlanServer {
  /** The plan to show for the document's current text. */
  preview(uri: vscode.Uri): Promise<PlanPreviewAnswer>;
  /** Where the selected action or milestone is in the document's current text, or null when it is not there. */
  itemRange(uri: vscode.Uri, selection: PlanItemSelection): Promise<Range | null>;
}

/** One preview panel, showing one plan document. */
class Preview implements vscode.Disposable {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;
  /** Counts the requests for the plan, so that an answer overtaken by a later one is dropped. */
  private asked = 0;
  private disposed = false;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly uri: vscode.Uri,
    private readonly mediaRoot: vscode.Uri,
    private readonly server: PlanServer,
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
  async update(): Promise<void> {
    clearTimeout(this.timer);
    const document = this.document();
    if (!document || !this.ready) return;
    this.panel.title = `Preview ${baseName(document.fileName)}`;
    const ask = ++this.asked;
    let message;
    try {
      message = previewMessage(await this.server.preview(document.uri), document.fileName);
    } catch (error) {
      message = serverProblemMessage(error);
    }
    if (ask !== this.asked || this.disposed) return;
    void this.panel.webview.postMessage(message);
  }

  /** Redraws a moment after the officer stops typing. */
  updateSoon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), TYPING_DELAY_MS);
  }

  private async receive(message: unknown): Promise<void> {
    if (!isWebviewMessage(message)) return;
    if (message.type === 'ready') {
      this.ready = true;
      await this.update();
      return;
    }
    const document = this.document() ?? (await vscode.workspace.openTextDocument(this.uri));
    let range: Range | null;
    try {
      range = await this.server.itemRange(document.uri, { path: message.path, key: message.key, kind: message.kind });
    } catch (error) {
      void vscode.window.showWarningMessage(`Plankit cannot find that item now: the language server is not answering${error instanceof Error && error.message ? ` (${error.message})` : ''}.`);
      return;
    }
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
    if (this.disposed) return;
    this.disposed = true;
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
    private readonly server: PlanServer,
  ) {
    this.mediaRoot = vscode.Uri.joinPath(extensionUri, 'dist', 'media');
    this.disposables = [
      vscode.workspace.onDidChangeTextDocument((event) => this.previews.get(event.document.uri.toString())?.updateSoon()),
      // The server publishes a plan's diagnostics after each check, also after a settings change or
      // an edit to a register it names: then its answer for the plan is new too.
      vscode.languages.onDidChangeDiagnostics((event) => {
        for (const uri of event.uris) this.previews.get(uri.toString())?.updateSoon();
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('plankit')) for (const preview of this.previews.values()) preview.updateSoon();
      }),
    ];
  }

  /** Opens (or shows) the preview of a plan document beside its editor. */
  open(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const existing = this.previews.get(key);
    if (existing) {
      existing.panel.reveal(vscode.ViewColumn.Beside, true);
      void existing.update();
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      'plankit.preview',
      `Preview ${baseName(document.fileName)}`,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, localResourceRoots: [this.mediaRoot], enableFindWidget: true },
    );
    panel.iconPath = vscode.Uri.joinPath(this.mediaRoot, 'preview-icon.svg');
    this.previews.set(key, new Preview(panel, document.uri, this.mediaRoot, this.server, () => this.previews.delete(key)));
  }

  dispose(): void {
    for (const preview of [...this.previews.values()]) preview.dispose();
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }
}
