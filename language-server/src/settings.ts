import { isValidIsoDate, type DiagnosticCode, type IsoDate } from '@plankit/core';
import { DiagnosticSeverity } from 'vscode-languageserver';

/** Where docs/checks.md lives on the web; each code is an anchor in it (`#overdue`). */
export const DEFAULT_DOCS_BASE_URL = 'https://github.com/plankit/plankit/blob/main/docs/checks.md';

/** A severity a user may give a code, or 'off' to hide it. */
export type SeveritySetting = 'error' | 'warning' | 'information' | 'hint' | 'off';

/** The server's settings (section `plankit` of the editor's configuration). */
export interface Settings {
  /** Per-code severity overrides: `{ "overdue": "error", "due-tbc": "off" }`. */
  severity: Partial<Record<DiagnosticCode | string, SeveritySetting>>;
  /** Report as at this date instead of the plan's asOf or today. */
  asOf?: IsoDate;
  /** Days before a deadline that an item counts as due soon. */
  dueSoonDays?: number;
  /** Check every plan and register in the workspace, not only open files. */
  checkWorkspace: boolean;
  /** The address of docs/checks.md; each diagnostic links to `${docsBaseUrl}#${code}`. */
  docsBaseUrl: string;
  /** Show the interpreted date after fuzzy "by when" texts. */
  inlayHints: boolean;
  /** Show counts above each theme. */
  codeLens: boolean;
}

export const DEFAULT_SETTINGS: Settings = Object.freeze({
  severity: {},
  checkWorkspace: true,
  docsBaseUrl: DEFAULT_DOCS_BASE_URL,
  inlayHints: true,
  codeLens: true,
}) as Settings;

const SEVERITY_WORDS: Record<string, SeveritySetting> = {
  error: 'error',
  warning: 'warning',
  warn: 'warning',
  information: 'information',
  info: 'information',
  hint: 'hint',
  off: 'off',
  none: 'off',
  ignore: 'off',
};

/** Reads settings from whatever the client sent, keeping the defaults for anything missing or wrong. */
export function normaliseSettings(raw: unknown): Settings {
  const input = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const settings: Settings = { ...DEFAULT_SETTINGS, severity: {} };
  if (input.severity && typeof input.severity === 'object') {
    for (const [code, value] of Object.entries(input.severity as Record<string, unknown>)) {
      const word = typeof value === 'string' ? SEVERITY_WORDS[value.toLowerCase()] : undefined;
      if (word) settings.severity[code] = word;
    }
  }
  if (typeof input.asOf === 'string' && isValidIsoDate(input.asOf.trim())) settings.asOf = input.asOf.trim();
  if (typeof input.dueSoonDays === 'number' && Number.isInteger(input.dueSoonDays) && input.dueSoonDays >= 0 && input.dueSoonDays <= 3660) {
    settings.dueSoonDays = input.dueSoonDays;
  }
  if (typeof input.checkWorkspace === 'boolean') settings.checkWorkspace = input.checkWorkspace;
  if (typeof input.docsBaseUrl === 'string' && /^https?:\/\/|^file:/.test(input.docsBaseUrl)) settings.docsBaseUrl = input.docsBaseUrl.replace(/#.*$/, '');
  if (typeof input.inlayHints === 'boolean') settings.inlayHints = input.inlayHints;
  if (typeof input.codeLens === 'boolean') settings.codeLens = input.codeLens;
  return settings;
}

/** A key that changes whenever a setting that affects the checks changes. */
export function checkSettingsKey(settings: Settings): string {
  return `${settings.asOf ?? ''}|${settings.dueSoonDays ?? ''}`;
}

/** The LSP severity for a setting word. */
export function lspSeverity(setting: Exclude<SeveritySetting, 'off'>): DiagnosticSeverity {
  switch (setting) {
    case 'error':
      return DiagnosticSeverity.Error;
    case 'warning':
      return DiagnosticSeverity.Warning;
    case 'information':
      return DiagnosticSeverity.Information;
    default:
      return DiagnosticSeverity.Hint;
  }
}
