/**
 * The preview page's script (runs in the webview, bundled to dist/media/preview.js). It gives the plan
 * the extension host read to the <plan-source> through its `.plan` property, keeps the last good plan
 * on screen while the text has errors, follows VS Code's light, dark and high-contrast themes, and
 * tells the host when the reader selects an action or a milestone so that the editor can show it.
 * It writes no HTML from strings and sets no style attribute (the page's CSP allows neither).
 */
import type { HostMessage, SelectMessage, WebviewMessage } from '../protocol.js';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const source = document.getElementById('plankit-plan') as (HTMLElement & { plan?: unknown; asOf?: string }) | null;
const message = document.getElementById('plankit-message');
const summary = document.querySelector('plan-summary') as (HTMLElement & { dueWithin?: number }) | null;
const elements = () => document.querySelectorAll('plan-summary, plan-action-table, plan-milestone-timeline, plan-rag-badge');
let shown = false;

/** The elements' colour scheme from VS Code's theme class on <body>. */
function applyTheme(): void {
  const classes = document.body.classList;
  const dark = classes.contains('vscode-dark') || (classes.contains('vscode-high-contrast') && !classes.contains('vscode-high-contrast-light'));
  for (const element of elements()) element.setAttribute('theme', dark ? 'dark' : 'light');
}

function showMessage(text: string | undefined): void {
  if (!message) return;
  message.textContent = text ?? '';
  message.hidden = !text;
}

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const data = event.data;
  if (!source || typeof data !== 'object' || data === null) return;
  if (data.type === 'plan') {
    document.documentElement.lang = data.lang;
    document.title = `Preview: ${data.fileName}`;
    if (summary) summary.dueWithin = data.dueSoonDays;
    source.asOf = data.asOf;
    source.plan = data.value;
    source.hidden = false;
    shown = true;
    showMessage(undefined);
  } else if (data.type === 'problems') {
    showMessage(shown ? `${data.message} The preview shows the last version that could be read.` : data.message);
    source.hidden = !shown;
  }
});

/** The table's and the timeline's `plan-action-select` events: `detail.action` (table) or `detail.item` (timeline). */
document.addEventListener('plan-action-select', (event) => {
  const detail = (event as CustomEvent).detail as { key?: unknown; id?: unknown; action?: { kind?: unknown; path?: unknown }; item?: { kind?: unknown; path?: unknown } } | undefined;
  if (!detail) return;
  const item = detail.action ?? detail.item;
  const selection: SelectMessage = { type: 'select' };
  if (typeof detail.key === 'string') selection.key = detail.key;
  if (typeof detail.id === 'string') selection.id = detail.id;
  if (item?.kind === 'action' || item?.kind === 'milestone') selection.kind = item.kind;
  if (Array.isArray(item?.path)) selection.path = item.path.filter((segment): segment is string | number => typeof segment === 'string' || typeof segment === 'number');
  vscode.postMessage(selection);
});

new MutationObserver(applyTheme).observe(document.body, { attributes: true, attributeFilter: ['class'] });
customElements.whenDefined('plan-action-table').then(applyTheme, () => undefined);
applyTheme();
vscode.postMessage({ type: 'ready' });
