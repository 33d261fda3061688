/**
 * The positioned syntax tree shared by YAML and JSON plan files.
 * Offsets are UTF-16 code-unit offsets into the source text; `end` is exclusive.
 */
import { ITEMS_PER_STEP, type Stage } from './steps.js';

export type AstNode = MapNode | SeqNode | ScalarNode;

/** How a scalar was written. */
export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal' | 'folded' | 'json';

/** A string, number, boolean or null, with the text exactly as written. */
export interface ScalarNode {
  kind: 'scalar';
  start: number;
  end: number;
  /** The value under the YAML 1.2 core schema (or JSON). */
  value: string | number | boolean | null;
  /** The characters as typed, for plain scalars and JSON numbers (so `1.10` stays `1.10`). */
  source: string;
  style: ScalarStyle;
}

/** One `key: value` entry of a mapping. */
export interface PairNode {
  key: ScalarNode;
  value: AstNode;
}

/** A mapping (YAML) or object (JSON). */
export interface MapNode {
  kind: 'map';
  start: number;
  end: number;
  pairs: PairNode[];
}

/** A sequence (YAML) or array (JSON). */
export interface SeqNode {
  kind: 'seq';
  start: number;
  end: number;
  items: AstNode[];
}

/** A step in a path from the root: a mapping key or a sequence index. */
export type PathSegment = string | number;

/** The pair with this key in a mapping, if any (the last one wins, as when the value is read). */
export function pairOf(map: MapNode, key: string): PairNode | undefined {
  for (let i = map.pairs.length - 1; i >= 0; i--) {
    if (keyText(map.pairs[i].key) === key) return map.pairs[i];
  }
  return undefined;
}

/** The key of a pair as the string it becomes in the plain value. */
export function keyText(key: ScalarNode): string {
  return typeof key.value === 'string' ? key.value : key.value === null ? '' : String(key.value);
}

/** The node at a path, or undefined when the path leaves the tree. */
export function nodeAt(root: AstNode | undefined, path: readonly PathSegment[]): AstNode | undefined {
  let node = root;
  for (const segment of path) {
    if (!node) return undefined;
    if (node.kind === 'map' && typeof segment === 'string') node = pairOf(node, segment)?.value;
    else if (node.kind === 'seq' && typeof segment === 'number') node = node.items[segment];
    else return undefined;
  }
  return node;
}

/** The plain JavaScript value of a node (objects have no inherited keys to collide with). */
export function toValue(node: AstNode): unknown {
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(toValue);
  const object: Record<string, unknown> = {};
  const pairs = node.pairs;
  // Indexed: a for-of allocates per step until V8 optimises this function (a first read is cold).
  for (let i = 0; i < pairs.length; i++) {
    const pair = pairs[i];
    const key = keyText(pair.key);
    if (key === '__proto__') {
      Object.defineProperty(object, key, { value: toValue(pair.value), enumerable: true, writable: true, configurable: true });
    } else {
      object[key] = toValue(pair.value);
    }
  }
  return object;
}

/** The text of a scalar as the officer wrote it: numbers keep their digits (`1.10`, `2014`). */
export function scalarText(node: AstNode | undefined): string | undefined {
  if (!node || node.kind !== 'scalar' || node.value === null) return undefined;
  if (typeof node.value === 'string') return node.value;
  return node.source || String(node.value);
}

/** A tree for a value that has no source text (a plan given as an object): every node at offset 0. */
export function astFromValue(value: unknown, depth = 0): AstNode {
  if (depth > 200) return { kind: 'scalar', start: 0, end: 0, value: null, source: '', style: 'json' };
  if (Array.isArray(value)) return { kind: 'seq', start: 0, end: 0, items: value.map((item) => astFromValue(item, depth + 1)) };
  if (value !== null && typeof value === 'object') {
    return {
      kind: 'map',
      start: 0,
      end: 0,
      pairs: Object.entries(value).map(([key, item]) => ({ key: keyNode(key), value: astFromValue(item, depth + 1) })),
    };
  }
  const scalar = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
  return { kind: 'scalar', start: 0, end: 0, value: scalar, source: typeof scalar === 'number' ? String(scalar) : typeof scalar === 'string' ? scalar : '', style: 'json' };
}

function keyNode(key: string): ScalarNode {
  return { kind: 'scalar', start: 0, end: 0, value: key, source: key, style: 'json' };
}

/**
 * `astFromValue` for a plan given as a value, pausing after every thousand or so actions of its
 * `themes` (see `steps.ts`); the tree is the same.
 */
export function* astFromValueInSteps(value: unknown): Generator<Stage, AstNode, void> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return astFromValue(value);
  const pairs: PairNode[] = [];
  for (const [key, item] of Object.entries(value)) {
    if (key !== 'themes' || !Array.isArray(item)) {
      pairs.push({ key: keyNode(key), value: astFromValue(item, 1) });
      continue;
    }
    const items: AstNode[] = [];
    let sincePause = 0;
    for (let i = 0; i < item.length; i++) {
      const theme: unknown = item[i];
      items.push(astFromValue(theme, 2));
      const actions = theme !== null && typeof theme === 'object' ? (theme as { actions?: unknown }).actions : undefined;
      sincePause += Array.isArray(actions) ? actions.length : 1;
      if (sincePause >= ITEMS_PER_STEP) {
        sincePause = 0;
        yield 'reading';
      }
    }
    pairs.push({ key: keyNode(key), value: { kind: 'seq', start: 0, end: 0, items } });
  }
  return { kind: 'map', start: 0, end: 0, pairs };
}
