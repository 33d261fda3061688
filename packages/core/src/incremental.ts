import { keyText, toValue, type AstNode, type MapNode, type PairNode, type PathSegment, type ScalarNode } from './ast.js';
import { readPlanModel, rereadActionModel } from './model.js';
import type { ParsedSource } from './parse.js';
import { actionFitsSchema, checkSchema } from './schema-check.js';
import { parseYamlFast } from './yaml-fast.js';
import type { PlanFile } from './files.js';

/** Readings whose tree has been moved on to a newer text: they can be the basis of no other. */
const consumed = new WeakSet<PlanFile>();

/** Where an edit falls: the scalar it changes and the path to it. */
interface Target {
  scalar: ScalarNode;
  path: PathSegment[];
  /** The key of the pair whose value it is, or undefined for a sequence item. */
  key?: ScalarNode;
}

/** The deepest scalar whose span holds [from, to] (inclusive ends), with its path. */
function scalarAround(root: AstNode, from: number, to: number): Target | undefined {
  let node: AstNode = root;
  const path: PathSegment[] = [];
  let key: ScalarNode | undefined;
  for (;;) {
    if (node.kind === 'scalar') return node.start <= from && to <= node.end ? { scalar: node, path, key } : undefined;
    if (node.kind === 'map') {
      const pair: PairNode | undefined = node.pairs.find((entry) => entry.value.start <= from && to <= entry.value.end && entry.key.end <= from);
      if (!pair || pair.key.kind !== 'scalar') return undefined;
      path.push(keyText(pair.key));
      key = pair.key;
      node = pair.value;
    } else {
      const index = node.items.findIndex((item) => item.start <= from && to <= item.end);
      if (index === -1) return undefined;
      path.push(index);
      key = undefined;
      node = node.items[index];
    }
  }
}

/**
 * Moves, in place, every offset from `after` on by `delta`, and puts `replacement` where `target`
 * was. In place because copying a large tree per keystroke costs more than reading it: the
 * previous reading's tree becomes the new one's (see rereadPlanFile).
 */
function shiftInPlace(node: AstNode, target: ScalarNode, replacement: ScalarNode, after: number, delta: number): void {
  if (node.end < after) return;
  if (node.start >= after) node.start += delta;
  node.end += delta;
  if (node.kind === 'seq') {
    const items = node.items;
    for (let i = 0; i < items.length; i++) {
      if (items[i] === target) items[i] = replacement;
      else shiftInPlace(items[i], target, replacement, after, delta);
    }
  } else if (node.kind === 'map') {
    const pairs = node.pairs;
    for (let i = 0; i < pairs.length; i++) {
      const pair = pairs[i];
      shiftInPlace(pair.key, target, replacement, after, delta);
      if (pair.value === target) pair.value = replacement;
      else shiftInPlace(pair.value, target, replacement, after, delta);
    }
  }
}

/** The value with the one at `path` replaced, sharing everything else. */
function withValueAt(value: unknown, path: readonly PathSegment[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const copy = [...value];
    copy[head as number] = withValueAt(copy[head as number], rest, replacement);
    return copy;
  }
  const object = value as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(object)) copy[key] = object[key];
  Object.defineProperty(copy, head as string, { value: withValueAt(object[head as string], rest, replacement), enumerable: true, writable: true, configurable: true });
  return copy;
}

/**
 * How a value reads on its own, after a `k: ` that stands for its key or its `- ` (a value over
 * several lines keeps its continuation lines' indentation, which is more than the `k`'s).
 */
function readLineValue(rest: string): ScalarNode | undefined {
  const root: MapNode | undefined = parseYamlFast(`k: ${rest}\n`);
  const pair = root?.pairs.length === 1 ? root.pairs[0] : undefined;
  const value = pair?.value;
  if (!value || value.kind !== 'scalar' || value.value === null) return undefined;
  if (value.style === 'json') return undefined;
  return value;
}

/**
 * Reads a plan file's new text by reusing the last reading of the same file, when the edit between
 * them changed one value and no line break (typing in a title, an update or a due date): the tree, the value and the model are the old ones with that value read again, and only
 * the action holding it is modelled again. Anything else (line breaks, several values, YAML only
 * the full reader reads, errors in the last reading) returns undefined and the caller reads the
 * whole text. What it returns equals what `readPlanFile(text)` returns, finding for finding.
 *
 * The previous reading is used up: its tree is moved to the new text (in place), so only the new
 * reading may be used afterwards.
 */
export function rereadPlanFile(previous: PlanFile, text: string): PlanFile | undefined {
  const source = previous.source;
  const old = source.text;
  if (consumed.has(previous)) return undefined;
  if (source.reader !== 'fast' || source.format !== 'yaml' || !source.root || !previous.plan || previous.diagnostics.length > 0) return undefined;
  if (text === old) return previous;
  // The changed span: what is between the common start and the common end.
  const shorter = Math.min(old.length, text.length);
  // Whole blocks first (a string comparison is much faster than a loop over characters), then
  // character by character inside the block that differs.
  const BLOCK = 4096;
  let prefix = 0;
  while (prefix + BLOCK <= shorter && old.slice(prefix, prefix + BLOCK) === text.slice(prefix, prefix + BLOCK)) prefix += BLOCK;
  while (prefix < shorter && old.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  const room = shorter - prefix;
  while (suffix + BLOCK <= room && old.slice(old.length - suffix - BLOCK, old.length - suffix) === text.slice(text.length - suffix - BLOCK, text.length - suffix)) suffix += BLOCK;
  while (suffix < room && old.charCodeAt(old.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
  const oldEnd = old.length - suffix;
  const newEnd = text.length - suffix;
  const removed = old.slice(prefix, oldEnd);
  const inserted = text.slice(prefix, newEnd);
  if (/[\r\n]/.test(removed) || /[\r\n]/.test(inserted) || inserted.includes('\0')) return undefined;

  // The value the edit is in, or just after (typing on after a space at the end of a value).
  let anchor = prefix;
  while (anchor > 0 && (old.charCodeAt(anchor - 1) === 32 || old.charCodeAt(anchor - 1) === 9)) anchor--;
  const target = scalarAround(source.root, anchor, anchor);
  if (!target) return undefined;
  const { scalar, path } = target;
  if (prefix < scalar.start) return undefined;
  const lines = source.lines;
  // A value may run over several lines (a long update text, plain or a `>` / `|` block): it is
  // read again whole, from its first line to the end of its last.
  const line = lines.positionAt(scalar.start).line;
  const lastLine = lines.positionAt(scalar.end).line;
  if (lastLine !== line && scalar.style !== 'plain' && scalar.style !== 'literal' && scalar.style !== 'folded') return undefined;
  // Only the value's own line may change, and nothing may follow the value on it but a comment.
  const lineStart = lines.offsetAt({ line, character: 0 });
  const oldLineEnd = lines.offsetAt({ line: lastLine, character: 0 }) + lines.lineText(lastLine).length;
  if (oldEnd > oldLineEnd) return undefined;
  const newLineEnd = oldLineEnd + (text.length - old.length);
  const lead = old.slice(lineStart, scalar.start);
  // The value follows its key (`key: `) or a sequence dash (`- `) on its line.
  if (target.key ? !(target.key.start >= lineStart && /^:[ ]+$/.test(old.slice(target.key.end, scalar.start))) : !/-[ ]+$/.test(lead)) return undefined;
  // The old value must read on its own exactly as it did in the file, so the new one can be trusted to.
  const before = readLineValue(old.slice(scalar.start, oldLineEnd));
  if (!before || before.value !== scalar.value || before.style !== scalar.style || before.source !== scalar.source || before.end - 3 !== scalar.end - scalar.start) return undefined;
  const after = readLineValue(text.slice(scalar.start, newLineEnd));
  if (!after) return undefined;
  const replacement: ScalarNode = { ...after, start: scalar.start, end: scalar.start + (after.end - 3) };
  if (replacement.end > newLineEnd) return undefined;

  const delta = text.length - old.length;
  const root = source.root;
  consumed.add(previous);
  shiftInPlace(root, scalar, replacement, scalar.end, delta);
  // No line break came or went: the lines after the edited one just move by `delta`.
  const newLines = lines.edited(text, lines.positionAt(prefix).line, delta);
  const parsed: ParsedSource = { text, format: 'yaml', lines: newLines, diagnostics: [], reader: 'fast', root };
  const value = withValueAt(previous.value, path, toValue(replacement));
  // An edit inside an action checks and models that action again; any other, the whole plan.
  const inAction = path[0] === 'themes' && typeof path[1] === 'number' && path[2] === 'actions' && typeof path[3] === 'number' && path.length > 4;
  const actionValue = inAction ? ((value as { themes: { actions: unknown[] }[] }).themes[path[1] as number]?.actions?.[path[3] as number]) : undefined;
  const diagnostics = inAction && actionFitsSchema(actionValue) ? [] : checkSchema('plan', value, root, newLines);
  const plan = (inAction ? rereadActionModel(previous.plan, root, newLines, path[1] as number, path[3] as number) : undefined) ?? readPlanModel(root, newLines);
  return { fileName: previous.fileName, source: parsed, value, plan, diagnostics };
}
