import type { Range } from './positions.js';

/** How serious a finding is. Warnings stay warnings: only the user's settings may change a severity. */
export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** One finding about a file: the shape every front end (CLI, language server, elements) uses. */
export interface Diagnostic {
  range: Range;
  severity: Severity;
  /** A stable code, documented in docs/checks.md (for example `overdue`). */
  code: DiagnosticCode;
  /** A sentence for an officer: what is wrong and, where possible, what to do. */
  message: string;
  /** Facts the quick fixes and front ends use (suggested agency, dates, path in the plan). */
  data?: Record<string, unknown>;
}

/** What each code means; the text is the documentation shown in editors and docs/checks.md. */
export const DIAGNOSTIC_CODES = {
  // Reading the file
  'file-empty': { severity: 'error', summary: 'The file is empty, or holds only comments.' },
  'file-too-large': { severity: 'error', summary: 'The file is larger than Plankit reads (16 MB by default); it is left untouched.' },
  'file-not-text': { severity: 'error', summary: 'The file holds binary data (a NUL byte or bytes that are not UTF-8), so it is not a plan file.' },
  'yaml-syntax': { severity: 'error', summary: 'The YAML cannot be read: indentation, quotes or a colon are out of place.' },
  'yaml-warning': { severity: 'warning', summary: 'The YAML can be read, but something in it is probably not what was meant.' },
  'yaml-alias-limit': { severity: 'error', summary: 'The file uses YAML aliases so heavily that reading it would take unbounded time (an "alias bomb"); it is refused.' },
  'json-syntax': { severity: 'error', summary: 'The JSON cannot be read.' },
  'duplicate-key': { severity: 'error', summary: 'The same key appears twice in one mapping; only one can be kept.' },
  'not-a-plan': { severity: 'error', summary: 'The file does not hold a mapping of plan fields at the top level.' },
  // Schema
  'schema-required': { severity: 'error', summary: 'A field the plan format requires is missing.' },
  'schema-type': { severity: 'error', summary: 'A value has the wrong type: text where a list is needed, a list where text is needed, and so on.' },
  'schema-enum': { severity: 'error', summary: 'A value must be one of a fixed set of words.' },
  'schema-unknown-field': { severity: 'error', summary: 'A field name the plan format does not know: usually a misspelling. Fields starting with "x-" are always allowed.' },
  'schema-format': { severity: 'error', summary: 'A date is not a real calendar date written YYYY-MM-DD (2025-02-30 is not a date).' },
  'schema-pattern': { severity: 'error', summary: 'A value does not have the required form, for example a web address that does not start with http:// or https://.' },
  'schema-range': { severity: 'error', summary: 'A number is outside the allowed range, for example a percentage over 100.' },
  'schema-length': { severity: 'error', summary: 'A value is empty where text is needed, or a list has too few items.' },
  'schema-invalid': { severity: 'error', summary: 'A value does not fit the plan format in another way.' },
  // Registers
  'register-not-found': { severity: 'error', summary: 'A register file named under "registers" cannot be found or read.' },
  'register-invalid': { severity: 'error', summary: 'A register file named under "registers" has errors of its own.' },
  'register-cycle': { severity: 'warning', summary: 'Register files include each other in a circle; each file is read once and the circle is ignored.' },
  'duplicate-agency': { severity: 'warning', summary: 'Two registers (or a register and the plan) define the same agency id with different names.' },
  // Plan checks
  'duplicate-id': { severity: 'error', summary: 'Two themes, actions or milestones share an id, so references to it are ambiguous.' },
  'unknown-agency': { severity: 'warning', summary: 'A lead or partner that is not in the agency register (matched on id, name and other spellings); the nearest known agency is suggested.' },
  'unknown-status': { severity: 'error', summary: "A status that is not in the plan's status legend (by default: blue, green, amber, red, not-started)." },
  'unknown-reference': { severity: 'error', summary: 'A link to a theme or action id that does not exist in this plan (or in the plan it names).' },
  'unknown-footnote': { severity: 'warning', summary: 'An action number carries a mark (such as the * in 2.2*) that no footnote explains.' },
  'due-unreadable': { severity: 'warning', summary: 'A "by when" text that Plankit cannot read as a date, so it cannot say whether the item is overdue.' },
  'due-tbc': { severity: 'info', summary: 'A "by when" date is still to be confirmed (TBC), so it cannot be checked.' },
  'due-unresolved': { severity: 'info', summary: 'A "by when" text that has no single deadline: two dates in one cell, a season, a date relative to an event, or a bare quarter or month with no plan period to take the year from.' },
  overdue: { severity: 'warning', summary: 'An action or milestone whose deadline is before the as-of date and that is not complete.' },
  'due-soon': { severity: 'info', summary: 'An action or milestone due within the warning window (14 days by default) and not complete.' },
  'complete-without-date': { severity: 'warning', summary: 'An item marked complete has no "completed" date.' },
  'completed-but-open': { severity: 'warning', summary: 'An item has a "completed" date but its status is not a complete one.' },
  'green-while-overdue': { severity: 'warning', summary: 'An item is reported green (on track) although its deadline has passed and it is not complete.' },
  'completed-after-as-of': { severity: 'warning', summary: 'A "completed" date is later than the as-of date of the report.' },
  'updates-out-of-order': { severity: 'warning', summary: 'Updates are not in date order (oldest first), so the direction of travel would be wrong.' },
  'update-after-as-of': { severity: 'warning', summary: 'An update is dated after the as-of date of the report.' },
  'update-without-text': { severity: 'warning', summary: 'An update whose progress text is empty: it says nothing about what has happened.' },
} as const satisfies Record<string, { severity: Severity; summary: string }>;

/** Every stable diagnostic code. */
export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

/** Where each code's documentation lives, relative to the repository root. */
export const CHECKS_DOC_PATH = 'docs/checks.md';

/** Sorts diagnostics by position, then severity, then code: the order every front end prints. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };
  return diagnostics.sort(
    (a, b) =>
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      rank[a.severity] - rank[b.severity] ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
}
