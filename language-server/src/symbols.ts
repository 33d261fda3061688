import type { AstNode, Range } from '@plankit/core';
import { FoldingRangeKind, SymbolKind, type DocumentSymbol, type FoldingRange } from 'vscode-languageserver';
import { linesOf, rangeAtPath } from './plan-index.js';
import type { DocumentCheck } from './workspace.js';

function contains(outer: Range, inner: Range): boolean {
  const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

function label(id: string | undefined, title: string, fallback: string): string {
  const single = title.replace(/\s+/g, ' ').trim();
  const short = single.length > 80 ? `${single.slice(0, 79)}…` : single;
  const name = id ? `${id} ${short}` : short;
  return name.trim() === '' ? fallback : name;
}

/** The outline: theme > action > milestone, each with its status (and due text) as detail; a register's agencies. */
export function documentSymbols(entry: DocumentCheck): DocumentSymbol[] {
  const analysis = entry.check.analysis;
  const symbol = (name: string, detail: string | undefined, kind: SymbolKind, range: Range, selection: Range | undefined, children?: DocumentSymbol[]): DocumentSymbol => ({
    name,
    detail,
    kind,
    range,
    selectionRange: selection && contains(range, selection) ? selection : range,
    children,
  });
  if (analysis) {
    return analysis.plan.themes.map((theme) =>
      symbol(
        label(theme.id, theme.title, 'Theme'),
        undefined,
        SymbolKind.Namespace,
        theme.range,
        rangeAtPath(entry, [...theme.path, 'title']) ?? rangeAtPath(entry, [...theme.path, 'id']),
        theme.actions.map((action) => {
          const state = analysis.state(action);
          return symbol(
            label(action.id, action.title, 'Action'),
            detailOf(state.status?.label ?? state.statusText, action.due?.text),
            SymbolKind.Method,
            action.range,
            rangeAtPath(entry, [...action.path, 'title']) ?? rangeAtPath(entry, [...action.path, 'id']),
            action.milestones.map((milestone) => {
              const milestoneState = analysis.state(milestone);
              return symbol(
                label(milestone.id, milestone.title, 'Milestone'),
                detailOf(milestoneState.status?.label ?? milestoneState.statusText, milestone.due?.text),
                SymbolKind.Event,
                milestone.range,
                rangeAtPath(entry, [...milestone.path, 'title']) ?? rangeAtPath(entry, [...milestone.path, 'id']),
              );
            }),
          );
        }),
      ),
    );
  }
  const register = entry.check.registerFile?.register;
  if (register) {
    return register.agencies.map((agency) =>
      symbol(agency.id, agency.name === agency.id ? undefined : agency.name, SymbolKind.Constant, agency.range, rangeAtPath(entry, [...agency.path, 'id'])),
    );
  }
  return [];
}

function detailOf(status: string | undefined, due: string | undefined): string | undefined {
  const parts = [status, due ? `due ${due.replace(/\s+/g, ' ').trim()}` : undefined].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

/** Folding: every mapping entry and list item that spans lines, and runs of comment lines. */
export function foldingRanges(entry: DocumentCheck, limit = 50_000): FoldingRange[] {
  const lines = linesOf(entry);
  const ranges: FoldingRange[] = [];
  const lastLine = (end: number) => {
    const position = lines.positionAt(end);
    return position.character === 0 && position.line > 0 ? position.line - 1 : position.line;
  };
  const add = (start: number, end: number) => {
    const startLine = lines.positionAt(start).line;
    const endLine = lastLine(end);
    if (endLine > startLine && ranges.length < limit) ranges.push({ startLine, endLine });
  };
  const walk = (node: AstNode, depth: number) => {
    if (depth > 200 || ranges.length >= limit) return;
    if (node.kind === 'map') {
      for (const pair of node.pairs) {
        if (pair.value.kind !== 'scalar' || pair.value.style === 'literal' || pair.value.style === 'folded') add(pair.key.start, pair.value.end);
        walk(pair.value, depth + 1);
      }
    } else if (node.kind === 'seq') {
      for (const item of node.items) {
        if (item.kind !== 'scalar') add(item.start, item.end);
        walk(item, depth + 1);
      }
    }
  };
  if (entry.root) walk(entry.root, 0);
  // Runs of two or more comment lines.
  let runStart = -1;
  for (let line = 0; line <= lines.lineCount; line++) {
    const isComment = line < lines.lineCount && /^\s*#/.test(lines.lineText(line));
    if (isComment && runStart === -1) runStart = line;
    if (!isComment && runStart !== -1) {
      if (line - 1 > runStart && ranges.length < limit) ranges.push({ startLine: runStart, endLine: line - 1, kind: FoldingRangeKind.Comment });
      runStart = -1;
    }
  }
  return ranges.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}
