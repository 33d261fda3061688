import {
  LineIndex,
  nodeAt,
  type AgencyMention,
  type AstNode,
  type PathSegment,
  type PlanItem,
  type Range,
  type Theme,
} from '@plankit/core';
import type { DocumentCheck } from './workspace.js';

/** A path as a map key. */
export function pathKey(path: readonly PathSegment[]): string {
  return path.map((segment) => (typeof segment === 'number' ? `[${segment}]` : `.${segment}`)).join('');
}

/** What a check's plan holds, indexed by path once per check. */
export interface PlanIndex {
  items: Map<string, PlanItem>;
  themes: Map<string, Theme>;
  /** Every agency mention (leads, partners, risk owners) by the path of its text. */
  mentions: Map<string, AgencyMention>;
  allMentions: AgencyMention[];
}

const indexes = new WeakMap<DocumentCheck, PlanIndex>();

/** The plan index of a check (empty for registers and unreadable plans). */
export function planIndex(entry: DocumentCheck): PlanIndex {
  let index = indexes.get(entry);
  if (index) return index;
  index = { items: new Map(), themes: new Map(), mentions: new Map(), allMentions: [] };
  const analysis = entry.check.analysis;
  if (analysis) {
    const addMentions = (mentions: readonly AgencyMention[]) => {
      for (const mention of mentions) {
        index!.mentions.set(pathKey(mention.path), mention);
        index!.allMentions.push(mention);
      }
    };
    for (const theme of analysis.plan.themes) {
      index.themes.set(pathKey(theme.path), theme);
      addMentions(theme.lead);
      addMentions(theme.partners);
    }
    for (const item of analysis.items()) {
      index.items.set(pathKey(item.path), item);
      addMentions(item.lead);
      addMentions(item.partners);
    }
    for (const risk of analysis.plan.risks) addMentions(risk.owner);
  }
  indexes.set(entry, index);
  return index;
}

/** The line index of a check's text (the parser's, or one made for text that could not be read). */
export function linesOf(entry: DocumentCheck): LineIndex {
  if (entry.lines && entry.lines.text === entry.text) return entry.lines;
  let lines = fallbackLines.get(entry);
  if (!lines) {
    lines = new LineIndex(entry.text);
    fallbackLines.set(entry, lines);
  }
  return lines;
}
const fallbackLines = new WeakMap<DocumentCheck, LineIndex>();

/** The range of the node at a path, if the tree has it. */
export function rangeAtPath(entry: DocumentCheck, path: readonly PathSegment[]): Range | undefined {
  const node = nodeAt(entry.root, path);
  return node ? linesOf(entry).rangeOf(node.start, node.end) : undefined;
}

/** The node at a path. */
export function nodeAtPath(entry: DocumentCheck, path: readonly PathSegment[]): AstNode | undefined {
  return nodeAt(entry.root, path);
}

/** The last string segment of a path (the field a value belongs to). */
export function fieldOf(path: readonly PathSegment[]): string | undefined {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return path[i] as string;
  return undefined;
}

/** Whether a value path is where an agency is named: lead, partners, owner (or the agency of a lead with an officer), or a register's parent. */
export function isAgencyPath(path: readonly PathSegment[], kind: 'plan' | 'register'): boolean {
  const field = fieldOf(path);
  if (kind === 'register') return field === 'parent';
  if (field === 'lead' || field === 'partners' || field === 'owner') return true;
  if (field === 'agency') {
    const before = path.slice(0, path.lastIndexOf('agency'));
    const outer = fieldOf(before);
    return outer === 'lead' || outer === 'partners' || outer === 'owner';
  }
  return false;
}

/** The plan item (action or milestone) that holds a path, if any. */
export function itemHolding(entry: DocumentCheck, path: readonly PathSegment[]): PlanItem | undefined {
  const index = planIndex(entry);
  for (let length = path.length; length > 0; length--) {
    const item = index.items.get(pathKey(path.slice(0, length)));
    if (item) return item;
  }
  return undefined;
}

/** The file's name without its folder. */
export function baseName(fileName: string): string {
  return fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
}
