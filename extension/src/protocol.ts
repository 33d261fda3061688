/** The messages between the extension host and the preview webview (both sides import these types). */

/** Host to webview: the plan to show, as a plain value (the core read it from the editor's text). */
export interface ShowPlanMessage {
  type: 'plan';
  /** The plan as a plain JSON value: what the elements' `.plan` property takes. */
  value: unknown;
  /** The as-of date to report at (the setting's, the plan's own, or today). */
  asOf: string;
  /** The document's file name, for the page title. */
  fileName: string;
  /** The plan's language: 'cy' shows the elements' words in Welsh. */
  lang: 'en' | 'cy';
  /** The due-soon window in days. */
  dueSoonDays: number;
}

/** Host to webview: the text cannot be shown as a plan now (the last good version stays on screen). */
export interface ShowProblemsMessage {
  type: 'problems';
  /** Words for the reader, e.g. "The plan has 2 errors (the first on line 4): …". */
  message: string;
}

export type HostMessage = ShowPlanMessage | ShowProblemsMessage;

/** Webview to host: the page has loaded and can take a plan. */
export interface ReadyMessage {
  type: 'ready';
}

/** Webview to host: the reader selected an action (table row) or milestone (timeline item). */
export interface SelectMessage {
  type: 'select';
  key?: string;
  id?: string;
  kind?: 'action' | 'milestone';
  path?: (string | number)[];
}

export type WebviewMessage = ReadyMessage | SelectMessage;

/** Whether a value from the webview is a message the host understands (the webview is not trusted blindly). */
export function isWebviewMessage(value: unknown): value is WebviewMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  if (message.type === 'ready') return true;
  if (message.type !== 'select') return false;
  if (message.key !== undefined && typeof message.key !== 'string') return false;
  if (message.id !== undefined && typeof message.id !== 'string') return false;
  if (message.kind !== undefined && message.kind !== 'action' && message.kind !== 'milestone') return false;
  if (message.path !== undefined) {
    if (!Array.isArray(message.path) || message.path.length > 16) return false;
    if (!message.path.every((segment) => typeof segment === 'string' || (typeof segment === 'number' && Number.isInteger(segment) && segment >= 0))) return false;
  }
  return message.key !== undefined || message.path !== undefined;
}
