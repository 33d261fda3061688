import { DIAGNOSTIC_CODES, type Diagnostic as CoreDiagnostic, type Severity } from '@plankit/core';
import { DiagnosticSeverity, type ClientCapabilities, type Diagnostic } from 'vscode-languageserver';
import { lspSeverity, type Settings } from './settings.js';
import type { DocumentCheck } from './workspace.js';

/** The name shown beside each finding. */
export const DIAGNOSTIC_SOURCE = 'plankit';

const DEFAULT_SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The link to a code's documentation: docs/checks.md has one heading (anchor) per code. */
export function docsLink(settings: Settings, code: string): string {
  return `${settings.docsBaseUrl}#${code}`;
}

/**
 * The optional diagnostic fields a client says it shows (LSP 3.16's `codeDescriptionSupport` under
 * `textDocument.publishDiagnostics`). A client that does not show the link to a code's explanation
 * is not sent it: on a 2,000-action plan that is 83 of the 395 KB each check publishes. `data` is
 * sent to every client (Neovim 0.7 returns it without saying so), and quick fixes do not depend on
 * it coming back (see `coreDiagnosticFor`).
 */
export interface DiagnosticSupport {
  codeDescription: boolean;
}

export const FULL_DIAGNOSTIC_SUPPORT: DiagnosticSupport = Object.freeze({ codeDescription: true });

/** What a client's capabilities say it shows. */
export function diagnosticSupportOf(capabilities: ClientCapabilities): DiagnosticSupport {
  return { codeDescription: capabilities.textDocument?.publishDiagnostics?.codeDescriptionSupport === true };
}

/**
 * A core finding as an LSP diagnostic: the same range, code and message; the severity the user
 * set for the code (else the core's); a link to the code's documentation, when the client shows
 * one; the core's data for quick fixes. Undefined when the user turned the code off.
 */
export function toLspDiagnostic(diagnostic: CoreDiagnostic, settings: Settings, support: DiagnosticSupport = FULL_DIAGNOSTIC_SUPPORT): Diagnostic | undefined {
  const override = settings.severity[diagnostic.code];
  if (override === 'off') return undefined;
  return {
    range: diagnostic.range,
    severity: override ? lspSeverity(override) : DEFAULT_SEVERITY[diagnostic.severity],
    code: diagnostic.code,
    // Left undefined, it is not in the JSON the client gets.
    codeDescription: support.codeDescription ? { href: docsLink(settings, diagnostic.code) } : undefined,
    source: DIAGNOSTIC_SOURCE,
    message: diagnostic.message,
    data: diagnostic.data,
  };
}

/**
 * Each core finding's LSP diagnostic under one set of settings. A finding the core kept from the last
 * check (an item the edit did not touch) gets the same diagnostic object as then, which the stdio
 * writer has already encoded (transport.ts): diagnostics are not changed once made.
 */
const converted = new WeakMap<Settings, WeakMap<CoreDiagnostic, Diagnostic | null>>();

/** Every finding of a check, as the editor shows them (`support` is fixed for a session). */
export function diagnosticsOf(entry: DocumentCheck, settings: Settings, support: DiagnosticSupport = FULL_DIAGNOSTIC_SUPPORT): Diagnostic[] {
  let made = converted.get(settings);
  if (!made) {
    made = new WeakMap();
    converted.set(settings, made);
  }
  const result: Diagnostic[] = [];
  const diagnostics = entry.check.diagnostics;
  for (let i = 0; i < diagnostics.length; i++) {
    let lsp = made.get(diagnostics[i]);
    if (lsp === undefined) {
      lsp = toLspDiagnostic(diagnostics[i], settings, support) ?? null;
      made.set(diagnostics[i], lsp);
    }
    if (lsp) result.push(lsp);
  }
  return result;
}

/**
 * The core finding of the entry's check that an editor's diagnostic stands for: the same code and
 * range (and message, when one matches). Quick fixes read their data from it when the diagnostic
 * came back without `data`: every client is sent it, but not every client returns it.
 */
export function coreDiagnosticFor(entry: DocumentCheck, diagnostic: Diagnostic): CoreDiagnostic | undefined {
  const { start, end } = diagnostic.range;
  let found: CoreDiagnostic | undefined;
  for (const candidate of entry.check.diagnostics) {
    if (candidate.code !== diagnostic.code) continue;
    const range = candidate.range;
    if (range.start.line !== start.line || range.start.character !== start.character || range.end.line !== end.line || range.end.character !== end.character) continue;
    if (candidate.message === diagnostic.message) return candidate;
    found ??= candidate;
  }
  return found;
}

/** Whether a code is one the core reports (codes from other tools are ignored by the quick fixes). */
export function isPlankitCode(code: unknown): code is keyof typeof DIAGNOSTIC_CODES {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(DIAGNOSTIC_CODES, code);
}

/** A result id for pull diagnostics: changes whenever the findings could. */
export function resultIdOf(entry: DocumentCheck, settings: Settings): string {
  const deps = [...entry.deps.entries()].map(([file, stamp]) => `${file}=${stamp}`).join(',');
  return `${entry.stamp}|${entry.key}|${JSON.stringify(settings.severity)}|${settings.docsBaseUrl}|${deps}`;
}
