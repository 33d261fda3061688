/**
 * Pure helpers for editors (the language server's front end): what is at an offset of a plan
 * file, what a completion is being typed into, the smallest text edits that add or change a field
 * without disturbing the officer's comments and layout, and the words hovers and lenses show.
 * No I/O and no clock: the as-of date and today's date are always passed in.
 */
import { jointParts, type JointPart } from './agencies.js';
import { keyText, pairOf, scalarText, type AstNode, type MapNode, type PairNode, type PathSegment, type ScalarNode } from './ast.js';
import { describeInterval, formatLongDate, type IsoDate } from './dates.js';
import { deadlineOf, describeDue, type DueInterpretation } from './due.js';
import type { Theme } from './model.js';
import type { SourceFormat } from './parse.js';
import type { ItemState, PlanAnalysis, StatusCount } from './queries.js';

// ---------------------------------------------------------------------------------------------
// What is at an offset

/** The innermost node of a tree at an offset, and how it was reached. */
export interface NodeLocation {
  /** The path of the node (for a key: the path of its value). */
  path: PathSegment[];
  /** The innermost node: a key scalar when `onKey`, else a value. */
  node: AstNode;
  /** Whether the offset is on a mapping key rather than a value. */
  onKey: boolean;
  /** The pair whose key or value holds the offset, when the node is in a mapping. */
  pair?: PairNode;
}

/**
 * The innermost node at an offset (a cursor just after a scalar still counts as on it). Scalars
 * win over the collections around them; undefined when the offset is outside the tree.
 */
export function locateAt(root: AstNode | undefined, offset: number): NodeLocation | undefined {
  if (!root || offset < root.start || offset > root.end) return undefined;
  const path: PathSegment[] = [];
  let node: AstNode = root;
  let pair: PairNode | undefined;
  for (let depth = 0; depth < 1000; depth++) {
    if (node.kind === 'map') {
      let next: PairNode | undefined;
      for (const candidate of node.pairs) {
        if (offset >= candidate.key.start && offset <= candidate.key.end) {
          return { path: [...path, keyText(candidate.key)], node: candidate.key, onKey: true, pair: candidate };
        }
        if (offset >= candidate.value.start && offset <= candidate.value.end && !(candidate.value.kind === 'scalar' && candidate.value.value === null && candidate.value.start === candidate.value.end && offset !== candidate.value.start)) {
          next = candidate;
        }
      }
      if (!next) break;
      path.push(keyText(next.key));
      pair = next;
      node = next.value;
    } else if (node.kind === 'seq') {
      const index = node.items.findIndex((item) => offset >= item.start && offset <= item.end);
      if (index === -1) break;
      path.push(index);
      pair = undefined;
      node = node.items[index];
    } else {
      break;
    }
  }
  return { path, node, onKey: false, pair };
}

/** The innermost scalar exactly covering a range [start, end), if any (the node a diagnostic points at). */
export function scalarAtRange(root: AstNode | undefined, start: number, end: number): { node: ScalarNode; path: PathSegment[] } | undefined {
  const found = locateAt(root, start);
  if (!found || found.node.kind !== 'scalar') return undefined;
  if (found.node.start !== start || found.node.end !== end) return undefined;
  return { node: found.node, path: found.path };
}

// ---------------------------------------------------------------------------------------------
// What is being typed (read from the lines, so it works while the YAML is half written)

/** Where a completion is being typed: a key of a mapping, or a value at a path. */
export interface CompletionContext {
  kind: 'key' | 'value';
  /**
   * For 'key': the path of the mapping the key goes in. For 'value': the path of the value
   * (a key's value, or an item of a list, with its index).
   */
  path: PathSegment[];
  /** What has been typed of the key or value so far. */
  prefix: string;
  /** The offset where the typed text starts (a completion replaces from here to the cursor). */
  prefixStart: number;
  /** For 'key' on a list item line (`- |`): the path the item itself has, so scalar items can be completed too. */
  itemPath?: PathSegment[];
  /** The keys already in the mapping (for 'key'). */
  siblingKeys: string[];
  /** The quote the value was opened with, if any. */
  quote?: "'" | '"';
  /** Whether the value is inside a one-line flow list (`[A, B]`). */
  inFlow: boolean;
  /** A JSON file's value (inserted as a JSON string, quoted unless the quote is already open). */
  json?: boolean;
}

interface LineShape {
  /** Columns of `- ` markers at the start of the line. */
  dashes: number[];
  /** Column where the content after indentation and markers starts (-1 for a blank or comment line). */
  content: number;
  /** The key, when the content is `key:` or `key: value`. */
  key?: string;
  /** The value text after `key:`, trimmed, without a trailing comment. */
  rest?: string;
}

const KEY_LINE = /^(?:'((?:[^']|'')*)'|"((?:[^"\\]|\\.)*)"|([^\s#'"[\]{},&*!|>%@`-][^#]*?|-[^\s#][^#]*?))[ ]*:(?:[ ]+(.*)|$)/;

function shapeOf(line: string): LineShape {
  const dashes: number[] = [];
  let at = 0;
  for (;;) {
    while (at < line.length && line.charCodeAt(at) === 32) at++;
    if (line[at] === '-' && (at + 1 === line.length || line[at + 1] === ' ')) {
      dashes.push(at);
      at++;
      continue;
    }
    break;
  }
  if (at >= line.length || line[at] === '#') return { dashes, content: dashes.length > 0 ? at : -1 };
  const content = line.charCodeAt(line.length - 1) === 13 ? line.slice(at, line.length - 1) : line.slice(at);
  const match = KEY_LINE.exec(content);
  if (!match) return { dashes, content: at };
  const key = match[1] !== undefined ? match[1].replace(/''/g, "'") : match[2] !== undefined ? match[2] : match[3];
  const value = match[4] ?? '';
  const rest = (value.includes('#') ? value.replace(/(^|\s)#.*$/, '') : value).trim();
  return { dashes, content: at, key, rest };
}

/** One open collection while the lines are read top down. */
interface OpenCollection {
  kind: 'map' | 'seq';
  /** The column of its keys, or of its `- ` markers. */
  indent: number;
  /**
   * The collection it is in (none at the top) and its place there, a key or an index: its path is
   * made from these only when asked for (`pathOf`), not copied for every collection read.
   */
  parent?: OpenCollection;
  segment?: PathSegment;
  /** For lists: the index of the current item. */
  index: number;
  /** For mappings: the keys seen so far, the last one last. */
  keys: string[];
}

/** The path of an open collection. */
function pathOf(collection: OpenCollection): PathSegment[] {
  const path: PathSegment[] = [];
  for (let at: OpenCollection | undefined = collection; at?.parent; at = at.parent) path.push(at.segment!);
  return path.reverse();
}

/** Where a collection opened inside `parent` (as it is now) sits in it. */
function segmentIn(parent: OpenCollection): PathSegment {
  return parent.kind === 'map' ? (parent.keys[parent.keys.length - 1] ?? '') : parent.index;
}

/**
 * What is being typed at an offset of a YAML plan or register: the key of a mapping (with the
 * mapping's path) or a value (with its path). Read from the indentation of the lines, so it works
 * on half-written YAML the parser cannot read. Undefined inside comments, block text and
 * multi-line values, where nothing should be offered.
 */
export function completionContextAt(text: string, offset: number): CompletionContext | undefined {
  if (offset < 0 || offset > text.length) return undefined;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  if (/(^|\s)#/.test(before.replace(/'[^']*'|"[^"]*"/g, "''"))) return undefined;
  if (/^\s*(---|\.\.\.)/.test(before) || text.startsWith('{') || text.startsWith('[')) return undefined;

  const stack: OpenCollection[] = [];
  /** Lines indented more than this column belong to a scalar (block text or a continued value) and are skipped. */
  let scalarOwner = -1;
  const top = () => stack[stack.length - 1];
  const popTo = (column: number, keyLine: boolean) => {
    while (stack.length > 0 && (top().indent > column || (keyLine && top().kind === 'seq' && top().indent === column))) stack.pop();
  };
  const openDash = (dash: number) => {
    popTo(dash, false);
    const current = top();
    if (current && current.kind === 'seq' && current.indent === dash) {
      current.index++;
      return;
    }
    stack.push({ kind: 'seq', indent: dash, parent: current, segment: current ? segmentIn(current) : undefined, index: 0, keys: [] });
  };
  /** The mapping holding a key at `column` (after the dashes of its line have been opened). */
  const mapFor = (column: number, afterDash: boolean): OpenCollection => {
    if (!afterDash) popTo(column, true);
    const current = top();
    if (current && current.kind === 'map' && current.indent === column) return current;
    const map: OpenCollection = { kind: 'map', indent: column, parent: current, segment: current ? segmentIn(current) : undefined, index: 0, keys: [] };
    stack.push(map);
    return map;
  };

  let at = 0;
  while (at < lineStart) {
    let next = text.indexOf('\n', at);
    if (next === -1 || next >= lineStart) next = lineStart - 1;
    // Blank lines, comments and lines inside a scalar are passed over before any closer look: a
    // completion in a long plan reads every line above it.
    let first = at;
    while (first < next && text.charCodeAt(first) === 32) first++;
    if (first === next || text.charCodeAt(first) === 35 || (scalarOwner !== -1 && first - at > scalarOwner)) {
      at = next + 1;
      continue;
    }
    const line = text.slice(at, next);
    at = next + 1;
    const shape = shapeOf(line);
    if (shape.content === -1 && shape.dashes.length === 0) continue;
    const start = shape.dashes[0] ?? shape.content;
    if (scalarOwner !== -1) {
      if (start > scalarOwner) continue;
      scalarOwner = -1;
    }
    for (const dash of shape.dashes) openDash(dash);
    const lastDash = shape.dashes[shape.dashes.length - 1];
    const afterDash = lastDash !== undefined && shape.content === lastDash + 2;
    if (shape.key !== undefined) {
      const map = mapFor(shape.content, afterDash);
      map.keys.push(shape.key);
      if (shape.rest !== undefined && shape.rest !== '') scalarOwner = shape.content;
    } else if (shape.content !== -1 && afterDash) {
      // A scalar list item: lines indented under it continue it.
      scalarOwner = lastDash;
    }
  }

  // The line being typed.
  const shape = shapeOf(before);
  const column = shape.content === -1 ? before.length : shape.content;
  const start = shape.dashes[0] ?? column;
  if (scalarOwner !== -1 && start > scalarOwner) return undefined;
  for (const dash of shape.dashes) openDash(dash);
  const lastDash = shape.dashes[shape.dashes.length - 1];
  const afterDash = lastDash !== undefined && column === lastDash + 2;
  const typed = shape.content === -1 ? '' : before.slice(column);
  const itemPath = afterDash ? [...pathOf(top()), top().index] : undefined;

  if (shape.key !== undefined && typed.includes(':')) {
    const colon = keyColonEnd(typed);
    if (colon === -1) return undefined;
    const map = mapFor(column, afterDash);
    if (typed.length > colon || /\s$/.test(typed)) return valueContext(typed.slice(colon), lineStart + column + colon, [...pathOf(map), shape.key]);
    return { kind: 'value', path: [...pathOf(map), shape.key], prefix: '', prefixStart: offset, siblingKeys: [], inFlow: false };
  }
  if (/[:[\]{}]/.test(typed)) return undefined;
  if (/^['"]/.test(typed)) {
    if (!itemPath) return undefined;
    return { kind: 'value', path: itemPath, prefix: typed.slice(1), prefixStart: lineStart + column + 1, quote: typed[0] as "'" | '"', siblingKeys: [], inFlow: false };
  }
  const map = mapFor(column, afterDash);
  const keys = afterDash ? [] : [...map.keys, ...followingKeys(text, offset, column)];
  return { kind: 'key', path: pathOf(map), itemPath, prefix: typed, prefixStart: lineStart + column, siblingKeys: keys, inFlow: false };
}

/** Keys at `column` after the cursor's line that belong to the same mapping. */
function followingKeys(text: string, offset: number, column: number): string[] {
  const keys: string[] = [];
  let at = text.indexOf('\n', offset);
  let owner = -1;
  while (at !== -1 && at < text.length) {
    const next = text.indexOf('\n', at + 1);
    const line = text.slice(at + 1, next === -1 ? text.length : next);
    at = next;
    const shape = shapeOf(line);
    if (shape.content === -1 && shape.dashes.length === 0) continue;
    const start = shape.dashes[0] ?? shape.content;
    if (owner !== -1 && start > owner) continue;
    owner = -1;
    if (start < column || (start === column && shape.dashes.length > 0)) break;
    if (start > column) continue;
    if (shape.key !== undefined) {
      keys.push(shape.key);
      if (shape.rest) owner = column;
    }
  }
  return keys;
}

/** Where the value starts after `key:` in the typed text (after the colon and any spaces), or -1. */
function keyColonEnd(typed: string): number {
  const match = /^(?:'(?:[^']|'')*'|"(?:[^"\\]|\\.)*"|[^:#]*?)[ ]*:/.exec(typed);
  if (!match) return -1;
  let at = match[0].length;
  while (typed[at] === ' ') at++;
  return at;
}

function valueContext(valueText: string, valueStart: number, keyPath: PathSegment[]): CompletionContext | undefined {
  if (/^[|>]/.test(valueText) || /(^|\s)#/.test(valueText)) return undefined;
  if (valueText.startsWith('[')) {
    if (valueText.includes(']')) return undefined;
    const inner = valueText.slice(1);
    const lastComma = inner.lastIndexOf(',');
    let item = inner.slice(lastComma + 1);
    let start = valueStart + 1 + lastComma + 1;
    const spaces = /^\s*/.exec(item)![0].length;
    item = item.slice(spaces);
    start += spaces;
    const index = lastComma === -1 ? 0 : inner.split(',').length - 1;
    const quote = item[0] === "'" || item[0] === '"' ? (item[0] as "'" | '"') : undefined;
    return { kind: 'value', path: [...keyPath, index], prefix: quote ? item.slice(1) : item, prefixStart: quote ? start + 1 : start, quote, siblingKeys: [], inFlow: true };
  }
  if (valueText.startsWith('{')) return undefined;
  const quote = valueText[0] === "'" || valueText[0] === '"' ? (valueText[0] as "'" | '"') : undefined;
  if (quote && valueText.length > 1 && valueText.endsWith(quote)) return undefined;
  return { kind: 'value', path: keyPath, prefix: quote ? valueText.slice(1) : valueText, prefixStart: quote ? valueStart + 1 : valueStart, quote, siblingKeys: [], inFlow: false };
}

// ---------------------------------------------------------------------------------------------
// Writing values and fields

/** Values plain YAML would read as something other than the text (numbers, booleans, null). */
const NOT_PLAIN_TEXT = /^(?:[-+]?(?:\d[\d_]*)?\.?\d+(?:[eE][-+]?\d+)?|0x[0-9a-fA-F]+|0o[0-7]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|~|null|Null|NULL|true|True|TRUE|false|False|FALSE|)$/;

/**
 * A value written for a YAML or JSON file: plain where YAML reads it back as the same text, else
 * quoted in the style given (or single quotes). JSON always gets a JSON string.
 */
export function formatScalar(value: string, format: SourceFormat = 'yaml', style?: ScalarNode['style']): string {
  if (format === 'json' || style === 'json') return JSON.stringify(value);
  if (style === 'double') return JSON.stringify(value);
  const plainSafe =
    !NOT_PLAIN_TEXT.test(value) &&
    /^[^\s\-?:,[\]{}#&*!|>'"%@`]/.test(value) &&
    !/:(\s|$)|\s#|\s$|[\n\r\t]/.test(value) &&
    !/^(?:[-?:])(\s|$)/.test(value);
  if (style === 'single' || !plainSafe) return `'${value.replace(/'/g, "''")}'`;
  return value;
}

/** A change to a text: replace [start, end) with `text`. */
export interface TextChange {
  start: number;
  end: number;
  text: string;
}

/** The column of a node's start in its text. */
function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** The offset just after the line break of the line holding `offset` (or the text's end). */
function endOfLine(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] === '\n') return offset;
  const next = text.indexOf('\n', offset);
  return next === -1 ? text.length : next + 1;
}

/**
 * The change that puts whole `lines` (each ending in a line break) under the line holding `offset`,
 * after a line break of its own when the text ends without one. A block scalar's node ends on the
 * line after its text, so lines after one go there, not a line later.
 */
function linesAfter(text: string, offset: number, lines: string): TextChange {
  const at = endOfLine(text, offset);
  const needsBreak = at === text.length && text.length > 0 && !text.endsWith('\n');
  return { start: at, end: at, text: `${needsBreak ? '\n' : ''}${lines}` };
}

/** The pair a new field goes after: the first of `after` that the mapping has (its last such pair), else its last pair. */
function anchorPair(map: MapNode, after?: readonly string[]): PairNode {
  return (after ?? []).map((name) => [...map.pairs].reverse().find((pair) => keyText(pair.key) === name)).find((pair) => pair !== undefined) ?? map.pairs[map.pairs.length - 1];
}

/**
 * The smallest insertion that adds `key: value` (value already formatted) to a mapping: a new
 * line at the mapping's indentation, after the pair `after` if it is there, else after the last
 * pair. JSON objects get `"key": value` after the last property. Nothing else moves: comments and
 * layout stay as they are. Undefined for a mapping written on one line (`{a: 1}`) in YAML.
 */
export function insertFieldChange(text: string, map: MapNode, key: string, value: string, format: SourceFormat = 'yaml', after?: readonly string[]): TextChange | undefined {
  if (map.pairs.length === 0) return undefined;
  const anchor = anchorPair(map, after);
  const column = columnOf(text, map.pairs[0].key.start);
  if (format === 'json') {
    const last = map.pairs[map.pairs.length - 1];
    const useAnchor = anchor !== last;
    const at = useAnchor ? anchor.value.end : last.value.end;
    const sameLine = text.slice(map.pairs[0].key.start - column, map.pairs[0].key.start).trim() !== '';
    const pad = sameLine ? ' ' : `\n${' '.repeat(column)}`;
    return { start: at, end: at, text: `,${pad}${JSON.stringify(key)}: ${value}` };
  }
  // A mapping on one line (flow style) is left alone: a new line would not belong to it.
  if (text[map.start] === '{') return undefined;
  return linesAfter(text, Math.max(anchor.value.end, anchor.key.end), `${' '.repeat(column)}${key}: ${value}\n`);
}

/**
 * The change that adds an entry at the end of an item's `updates:` list (and the list, when the
 * item has none, after the first of `after` that it has), with `fields` in the order given, their
 * values already written for the file (`formatScalar`, or JSON). YAML entries are indented like the
 * list's last entry; nothing else moves. Undefined for a list written on one line in YAML, or
 * when `updates` holds something other than a list.
 */
export function updateEntryChange(text: string, item: MapNode, fields: readonly (readonly [string, string])[], format: SourceFormat = 'yaml', after?: readonly string[]): TextChange | undefined {
  if (fields.length === 0) return undefined;
  const pair = pairOf(item, 'updates');
  if (format === 'json') {
    const entry = `{ ${fields.map(([key, value]) => `${JSON.stringify(key)}: ${value}`).join(', ')} }`;
    if (!pair) return insertFieldChange(text, item, 'updates', `[${entry}]`, format, after);
    if (pair.value.kind !== 'seq' || text[pair.value.start] !== '[') return undefined;
    const items = pair.value.items;
    if (items.length === 0) return { start: pair.value.start + 1, end: pair.value.start + 1, text: entry };
    const last = items[items.length - 1];
    const sameLine = text.slice(pair.value.start, last.start).indexOf('\n') === -1;
    return { start: last.end, end: last.end, text: `,${sameLine ? ' ' : `\n${' '.repeat(columnOf(text, last.start))}`}${entry}` };
  }
  const lines = (dashColumn: number, keyColumn: number) =>
    fields.map(([key, value], index) => `${index === 0 ? `${' '.repeat(dashColumn)}- ` : ' '.repeat(keyColumn)}${key}: ${value}\n`).join('');
  if (!pair) {
    if (item.pairs.length === 0 || text[item.start] === '{') return undefined;
    const column = columnOf(text, item.pairs[0].key.start);
    const anchor = anchorPair(item, after);
    return linesAfter(text, Math.max(anchor.value.end, anchor.key.end), `${' '.repeat(column)}updates:\n${lines(column + 2, column + 4)}`);
  }
  const list = pair.value;
  if (list.kind !== 'seq' || text[list.start] !== '-' || list.items.length === 0) return undefined;
  const dashColumn = columnOf(text, list.start);
  const last = list.items[list.items.length - 1];
  const keyColumn = last.kind === 'map' && last.pairs.length > 0 ? columnOf(text, last.pairs[0].key.start) : dashColumn + 2;
  return linesAfter(text, list.end, lines(dashColumn, keyColumn));
}

/**
 * The smallest change that adds the text `value` to the list under `key` of a mapping (a plan's
 * `registers:`), written as the list is: `[a.yaml]` becomes `[a.yaml, b.yaml]`, a block list gets
 * a new `- b.yaml` line under its last item, an empty `key:` gets `[b.yaml]`, and a mapping without
 * the key gets `key: [b.yaml]` after the first of `after` that it has (else after its last pair).
 * Nothing else moves. Undefined when the key holds something other than a list, or when the list
 * is laid out in a way this cannot follow.
 */
export function addListEntryChange(text: string, map: MapNode, key: string, value: string, format: SourceFormat = 'yaml', after?: readonly string[]): TextChange | undefined {
  const written = formatScalar(value, format);
  const pair = pairOf(map, key);
  if (!pair) return insertFieldChange(text, map, key, `[${written}]`, format, after);
  const list = pair.value;
  if (list.kind === 'scalar') {
    // `registers:` with nothing after it (YAML reads null): the list goes where the nothing is.
    if (format === 'json' || list.value !== null || list.start !== list.end) return undefined;
    return { start: list.start, end: list.end, text: `${text[list.start - 1] === ':' ? ' ' : ''}[${written}]` };
  }
  if (list.kind !== 'seq') return undefined;
  if (format === 'json' || text[list.start] === '[') {
    if (text[list.start] !== '[') return undefined;
    if (list.items.length === 0) return { start: list.start + 1, end: list.start + 1, text: written };
    const last = list.items[list.items.length - 1];
    return { start: last.end, end: last.end, text: `, ${written}` };
  }
  if (text[list.start] !== '-' || list.items.length === 0) return undefined;
  return linesAfter(text, list.end, `${' '.repeat(columnOf(text, list.start))}- ${written}\n`);
}

/** The replacement for a scalar that keeps the way it was written (its quotes). */
export function replaceScalarChange(node: ScalarNode, value: string, format: SourceFormat = 'yaml'): TextChange {
  const style = node.style === 'plain' ? undefined : node.style === 'literal' || node.style === 'folded' ? 'single' : node.style;
  return { start: node.start, end: node.end, text: formatScalar(value, format, style) };
}

/**
 * The change that puts `replacement` (one line) in place of the text from `start` to `end` inside
 * a scalar, such as one agency of the joint lead "KCC RS/KFRS": just that part, escaped as the
 * scalar's quotes need; or, where a plain scalar would read differently with it ("KCC RS/Fire:
 * Rescue" would be a mapping), the whole scalar written again, quoted. Undefined when that cannot
 * be done without changing what the rest says (a plain scalar over several lines).
 */
export function replaceWithinScalarChange(text: string, node: ScalarNode, start: number, end: number, replacement: string, format: SourceFormat = 'yaml'): TextChange | undefined {
  if (start === node.start && end === node.end) return replaceScalarChange(node, replacement, format);
  if (/[\r\n]/.test(replacement)) return undefined;
  switch (node.style) {
    case 'double':
    case 'json':
      return { start, end, text: JSON.stringify(replacement).slice(1, -1) };
    case 'single':
      return { start, end, text: replacement.replace(/'/g, "''") };
    case 'literal':
    case 'folded':
      return { start, end, text: replacement };
    case 'plain': {
      if (formatScalar(replacement, format) === replacement) return { start, end, text: replacement };
      const before = text.slice(node.start, start);
      const after = text.slice(end, node.end);
      if (/[\r\n]/.test(before + after)) return undefined;
      return { start: node.start, end: node.end, text: formatScalar(before + replacement + after, format) };
    }
  }
}

/**
 * Where a scalar's value starts in the file when the value is written there character for
 * character (plain on one line, or quoted with no escapes), so that an offset in the value is that
 * many characters on in the file; undefined when it is not (escapes, folded lines, a number).
 */
export function verbatimValueStart(text: string, node: ScalarNode): number | undefined {
  const value = scalarText(node);
  if (value === undefined || typeof node.value !== 'string') return undefined;
  const inner = node.style === 'single' || node.style === 'double' || node.style === 'json' ? 1 : node.style === 'plain' ? 0 : -1;
  if (inner < 0) return undefined;
  const start = node.start + inner;
  return node.end - inner - start === value.length && text.slice(start, node.end - inner) === value ? start : undefined;
}

/**
 * The agencies of a joint lead written in a scalar ("KCC/Kent Police"), with their offsets in the
 * file; none when the value is not written character for character (see `verbatimValueStart`).
 */
export function jointPartsInFile(text: string, node: ScalarNode): JointPart[] {
  const start = verbatimValueStart(text, node);
  if (start === undefined) return [];
  return jointParts(scalarText(node)!).map((part) => ({ text: part.text, start: start + part.start, end: start + part.end }));
}

/**
 * The lines of a new agency entry for a register's `agencies:` list (YAML), indented like the
 * entries already there.
 */
export function agencyEntryChange(text: string, agencies: AstNode | undefined, id: string, name: string, format: SourceFormat = 'yaml'): TextChange | undefined {
  if (!agencies || agencies.kind !== 'seq' || agencies.items.length === 0) return undefined;
  const last = agencies.items[agencies.items.length - 1];
  if (format === 'json') {
    const column = columnOf(text, last.start);
    return { start: last.end, end: last.end, text: `,\n${' '.repeat(column)}${JSON.stringify({ id, name })}` };
  }
  if (text[agencies.start] === '[' || last.kind !== 'map' || last.pairs.length === 0) return undefined;
  const keyColumn = columnOf(text, last.pairs[0].key.start);
  const dashColumn = Math.max(0, keyColumn - 2);
  const lines = [`${' '.repeat(dashColumn)}- id: ${formatScalar(id)}`, `${' '.repeat(keyColumn)}name: ${formatScalar(name)}`];
  return linesAfter(text, Math.max(last.end, last.pairs[last.pairs.length - 1].key.end), `${lines.join('\n')}\n`);
}

// ---------------------------------------------------------------------------------------------
// Words for hovers, hints and lenses

/**
 * A "by when" text with what it means at the as-of date, for a hover: “March 2018 — due by
 * 31 March 2018, 2 years 8 months overdue at 23 November 2026”.
 */
export function describeDueAt(due: DueInterpretation, state: Pick<ItemState, 'complete' | 'overdue' | 'dueSoon' | 'deadline' | 'daysToDeadline'> | undefined, asOf: IsoDate, lang: 'en' | 'cy' = 'en'): string {
  const meaning = describeDue(due, lang);
  const head = `${due.text.trim()} — ${meaning}`;
  const deadline = state?.deadline ?? deadlineOf(due);
  if (!deadline) return head;
  const at = formatLongDate(asOf);
  if (state?.complete) return `${head}; complete`;
  if (deadline < asOf) return `${head}, ${describeInterval(deadline, asOf)} overdue at ${at}`;
  if (deadline === asOf) return `${head}, due today (${at})`;
  return `${head}, ${describeInterval(asOf, deadline)} to go at ${at}`;
}

/** How many items of a theme are overdue and due soon, and how many of its actions have each status. */
export interface ThemeCounts {
  actions: number;
  /** Actions and milestones overdue at the as-of date. */
  overdue: number;
  /** Actions and milestones due soon. */
  dueSoon: number;
  /** Actions by status label, in legend order (only statuses that occur). */
  statuses: StatusCount[];
}

/** The counts a theme's code lens shows. */
export function themeCounts(analysis: PlanAnalysis, theme: Theme): ThemeCounts {
  let overdue = 0;
  let dueSoon = 0;
  const byKey = new Map<string, number>();
  for (const action of theme.actions) {
    for (const item of [action, ...action.milestones]) {
      const state = analysis.state(item);
      if (state.overdue) overdue++;
      else if (state.dueSoon) dueSoon++;
    }
    const status = analysis.state(action).status;
    if (status) byKey.set(status.key, (byKey.get(status.key) ?? 0) + 1);
  }
  const statuses = analysis.plan.statusScheme.filter((definition) => byKey.has(definition.key)).map((definition) => ({ key: definition.key, label: definition.label, count: byKey.get(definition.key)! }));
  return { actions: theme.actions.length, overdue, dueSoon, statuses };
}

/** A theme's counts in words: “4 actions · 2 overdue · 3 amber · 1 complete”. */
export function describeThemeCounts(counts: ThemeCounts): string {
  const parts = [`${counts.actions} action${counts.actions === 1 ? '' : 's'}`];
  if (counts.overdue > 0) parts.push(`${counts.overdue} overdue`);
  if (counts.dueSoon > 0) parts.push(`${counts.dueSoon} due soon`);
  for (const status of counts.statuses) parts.push(`${status.count} ${status.label.toLowerCase()}`);
  return parts.join(' · ');
}
