import { describeDue, describeThemeCounts, isValidIsoDate, themeCounts } from '@plankit/core';
import { InlayHintKind, type CodeLens, type InlayHint, type Range } from 'vscode-languageserver';
import type { DocumentCheck } from './workspace.js';

function overlaps(a: Range, b: Range): boolean {
  return !(a.end.line < b.start.line || a.start.line > b.end.line);
}

/** After each "by when" text that is not already a date, what it was read as: “→ due by 31 March 2018”. */
export function inlayHints(entry: DocumentCheck, range: Range): InlayHint[] {
  const analysis = entry.check.analysis;
  if (!analysis) return [];
  const hints: InlayHint[] = [];
  for (const item of analysis.items()) {
    const due = item.due;
    if (!due || !overlaps(due.range, range) || isValidIsoDate(due.text.trim())) continue;
    // A value over several lines (folded text) gets no hint: there is no line end that is clearly its own.
    if (due.range.start.line !== due.range.end.line) continue;
    const words = describeDue(due.interpretation, analysis.plan.lang);
    hints.push({
      position: due.range.end,
      label: `→ ${words}`,
      kind: InlayHintKind.Type,
      paddingLeft: true,
      tooltip: due.interpretation.assumption,
    });
  }
  return hints;
}

/** Above each theme: how many of its items are overdue and due soon, and its actions' statuses. */
export function codeLenses(entry: DocumentCheck): CodeLens[] {
  const analysis = entry.check.analysis;
  if (!analysis) return [];
  return analysis.plan.themes.map((theme) => {
    const line = theme.range.start.line;
    return {
      range: { start: { line, character: theme.range.start.character }, end: { line, character: theme.range.start.character } },
      command: { title: describeThemeCounts(themeCounts(analysis, theme)), command: '' },
    };
  });
}
