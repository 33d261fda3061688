import type { AstNode, MapNode, PairNode, ScalarNode, SeqNode } from './ast.js';

/**
 * A fast reader for the block-style YAML that plan files are written in.
 *
 * The `yaml` package reads any YAML 1.2, but builds a full document model on the way (about a
 * second for a 2,000-action plan on our machines). Plans use a small part of YAML: block mappings
 * and sequences, plain, quoted and block scalars, one-line flow sequences and comments. This reader
 * handles exactly that part in one pass over the lines and gives up (returns undefined) on anything
 * else: anchors, aliases, tags, multi-line quoted or flow scalars, complex keys, tabs, several
 * documents, duplicate keys and anything it finds odd. The caller then uses the `yaml` package,
 * which also reports syntax errors. So this reader never has to be right about an error, only
 * about documents it accepts; the tests compare it with the `yaml` package on many documents.
 */
export function parseYamlFast(text: string): MapNode | undefined {
  if (SUSPICIOUS.test(text)) return undefined;
  try {
    return new FastYamlReader(text).readDocument();
  } catch (error) {
    if (error === GIVE_UP) return undefined;
    throw error;
  }
}

/** Characters the fast path leaves to the full parser: tabs, control characters, a BOM or non-characters. */
const SUSPICIOUS = /[\t\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFEFF\uFFFE\uFFFF]/;

const GIVE_UP = new Error('not fast-path YAML');

const SPACE = 32;
const HASH = 35;
const COLON = 58;
const DASH = 45;

const INT = /^[-+]?[0-9]+$/;
const OCTAL = /^0o[0-7]+$/;
const HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const INFINITY = /^[-+]?\.(?:inf|Inf|INF)$/;
const NOT_A_NUMBER = /^\.(?:nan|NaN|NAN)$/;

/** The value of a plain scalar under the YAML 1.2 core schema. */
export function resolvePlainScalar(text: string): string | number | boolean | null {
  if (text.length === 0) return null;
  const first = text.charCodeAt(0);
  // Only these first characters can start a null, boolean or number.
  if (!((first >= 48 && first <= 57) || '+-.~nNtTfF'.includes(text[0]))) return text;
  switch (text) {
    case '~': case 'null': case 'Null': case 'NULL': return null;
    case 'true': case 'True': case 'TRUE': return true;
    case 'false': case 'False': case 'FALSE': return false;
  }
  // Every number form below starts with a digit, a sign or a dot.
  if (first > 57) return text;
  if (INT.test(text)) return Number(text);
  if (OCTAL.test(text)) return parseInt(text.slice(2), 8);
  if (HEX.test(text)) return parseInt(text.slice(2), 16);
  if (FLOAT.test(text)) return Number(text);
  if (INFINITY.test(text)) return text[0] === '-' ? -Infinity : Infinity;
  if (NOT_A_NUMBER.test(text)) return NaN;
  return text;
}

/** Plain values up to this long are shared between their occurrences (longer ones are mostly unique text). */
const SHARED_VALUE_LENGTH = 32;

/** Characters that may not start a plain scalar in block context. */
const PLAIN_START_FORBIDDEN = new Set(['[', ']', '{', '}', ',', '#', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`']);

class FastYamlReader {
  private readonly lineStart: Int32Array;
  /** End of each line's text, before any `\r\n` or `\n`. */
  private readonly lineEnd: Int32Array;
  /** Column of the first non-space character, or -1 for a line of spaces only. */
  private readonly lineIndent: Int32Array;
  /** The line after the last one a read consumed. */
  private next = 0;
  /** Where the text after the colon of the key `readKey` last returned begins. */
  private keyAfter = 0;
  /**
   * Each plain key's text, and each short plain value's, once: a plan repeats a few dozen keys and
   * a few hundred short values (statuses, agency ids, dates) thousands of times, and a tree kept
   * by an editor holds one string for each rather than one per occurrence.
   */
  private readonly shared = new Map<string, string>();
  /** What each shared plain value reads as under the core schema. */
  private readonly resolved = new Map<string, string | number | boolean | null>();

  constructor(private readonly text: string) {
    const length = text.length;
    let count = 1;
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
    this.lineStart = new Int32Array(count);
    this.lineEnd = new Int32Array(count);
    this.lineIndent = new Int32Array(count);
    let start = 0;
    for (let line = 0; line < count; line++) {
      let end = text.indexOf('\n', start);
      if (end === -1) end = length;
      const lineEnd = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
      let column = start;
      while (column < lineEnd && text.charCodeAt(column) === SPACE) column++;
      this.lineStart[line] = start;
      this.lineEnd[line] = lineEnd;
      this.lineIndent[line] = column === lineEnd ? -1 : column - start;
      start = end + 1;
    }
  }

  readDocument(): MapNode | undefined {
    let line = this.nextContentLine(0);
    if (line === -1) return undefined;
    const first = this.text.slice(this.lineStart[line] + this.lineIndent[line], this.lineEnd[line]);
    if (first.startsWith('%')) throw GIVE_UP;
    if (first === '---' || first.startsWith('--- #')) line = this.nextContentLine(line + 1);
    if (line === -1 || this.lineIndent[line] !== 0) throw GIVE_UP;
    const key = this.readKey(line, this.lineStart[line]);
    if (!key) throw GIVE_UP;
    const root = this.readMapping(line, 0, key, this.keyAfter);
    if (this.nextContentLine(this.next) !== -1) throw GIVE_UP;
    return root;
  }

  /** The first line at or after `from` that is neither blank nor only a comment, or -1. */
  private nextContentLine(from: number): number {
    for (let line = from; line < this.lineStart.length; line++) {
      const indent = this.lineIndent[line];
      if (indent === -1) continue;
      if (this.text.charCodeAt(this.lineStart[line] + indent) === HASH) continue;
      return line;
    }
    return -1;
  }

  private isDashItem(line: number, column: number): boolean {
    const at = this.lineStart[line] + column;
    if (this.text.charCodeAt(at) !== DASH) return false;
    return at + 1 === this.lineEnd[line] || this.text.charCodeAt(at + 1) === SPACE;
  }

  /** A block node whose first character is at `column` of `line`, inside a parent indented `parentIndent`. */
  private readBlockNode(line: number, column: number, parentIndent: number): AstNode {
    if (this.isDashItem(line, column)) return this.readSequence(line, column);
    const key = this.readKey(line, this.lineStart[line] + column);
    if (key) return this.readMapping(line, column, key, this.keyAfter);
    return this.readInlineValue(line, this.lineStart[line] + column, parentIndent);
  }

  /**
   * A block mapping whose keys sit at `column`; its first key (already read) is on `line`, and its
   * value starts after `after`.
   */
  private readMapping(line: number, column: number, firstKey: ScalarNode, firstAfter: number): MapNode {
    const pairs: PairNode[] = [];
    /** The keys so far, once there are too many to compare one by one. */
    let seen: Set<string> | undefined;
    let key: ScalarNode | undefined = firstKey;
    let after = firstAfter;
    let keyLine = line;
    for (;;) {
      const name = key.value as string;
      if (seen) {
        if (seen.has(name)) throw GIVE_UP;
        seen.add(name);
      } else {
        // Plan mappings have a dozen keys or so: comparing is cheaper than a set per mapping.
        for (let i = 0; i < pairs.length; i++) if (pairs[i].key.value === name) throw GIVE_UP;
        if (pairs.length >= 16) seen = new Set([...pairs.map((pair) => pair.key.value as string), name]);
      }
      const value = this.readValueAfterIndicator(keyLine, after, column, true);
      pairs.push({ key, value });
      const nextLine = this.nextContentLine(this.next);
      if (nextLine === -1 || this.lineIndent[nextLine] < column) break;
      if (this.lineIndent[nextLine] > column) throw GIVE_UP;
      key = this.readKey(nextLine, this.lineStart[nextLine] + column);
      if (!key) throw GIVE_UP;
      after = this.keyAfter;
      keyLine = nextLine;
    }
    const last = pairs[pairs.length - 1];
    // A copy of exactly this length: an array filled by push keeps room for 17 entries or more, and
    // the tree is kept for as long as its text is open (1.1 MB of the 2,000-action plan's tree,
    // with the flow collections below).
    return { kind: 'map', start: pairs[0].key.start, end: Math.max(last.value.end, last.key.end), pairs: pairs.slice() };
  }

  /** A block sequence whose dashes sit at `column`, starting on `line`. */
  private readSequence(line: number, column: number): SeqNode {
    const items: AstNode[] = [];
    let itemLine = line;
    for (;;) {
      const dash = this.lineStart[itemLine] + column;
      items.push(this.readValueAfterIndicator(itemLine, dash + 1, column, false));
      const nextLine = this.nextContentLine(this.next);
      if (nextLine === -1 || this.lineIndent[nextLine] < column) break;
      if (this.lineIndent[nextLine] > column) throw GIVE_UP;
      if (!this.isDashItem(nextLine, column)) break;
      itemLine = nextLine;
    }
    // Exactly this length, as a mapping's pairs.
    return { kind: 'seq', start: this.lineStart[line] + column, end: items[items.length - 1].end, items: items.slice() };
  }

  /**
   * The value after a mapping key's colon or a sequence item's dash at offset `at` on `line`,
   * in a collection indented `indent`.
   */
  private readValueAfterIndicator(line: number, at: number, indent: number, inMapping: boolean): AstNode {
    const end = this.lineEnd[line];
    let position = at;
    while (position < end && this.text.charCodeAt(position) === SPACE) position++;
    if (position === end || (this.text.charCodeAt(position) === HASH && position > at)) {
      // Nothing more on this line: the value is the block below, or empty.
      const nextLine = this.nextContentLine(line + 1);
      if (nextLine !== -1) {
        const nextIndent = this.lineIndent[nextLine];
        if (nextIndent > indent) return this.readBlockNode(nextLine, nextIndent, indent);
        if (inMapping && nextIndent === indent && this.isDashItem(nextLine, nextIndent)) {
          return this.readSequence(nextLine, nextIndent);
        }
      }
      this.next = line + 1;
      return emptyScalar(position);
    }
    if (position === at) throw GIVE_UP; // `key:value` or `-value` would be other YAML
    if (!inMapping) {
      const char = this.text[position];
      if (char === '-' && (position + 1 === end || this.text.charCodeAt(position + 1) === SPACE)) throw GIVE_UP;
      const key = this.readKey(line, position);
      if (key) return this.readMapping(line, position - this.lineStart[line], key, this.keyAfter);
    }
    return this.readInlineValue(line, position, indent);
  }

  /** A scalar or flow collection starting at `at` on `line`, inside a parent indented `parentIndent`. */
  private readInlineValue(line: number, at: number, parentIndent: number): AstNode {
    const char = this.text[at];
    switch (char) {
      case '"':
      case "'": {
        const scalar = char === '"' ? this.readDoubleQuoted(line, at) : this.readSingleQuoted(line, at);
        this.expectLineRestEmpty(line, scalar.end);
        this.next = line + 1;
        return scalar;
      }
      case '|':
      case '>':
        return this.readBlockScalar(line, at, parentIndent);
      case '[':
      case '{': {
        const collection = this.readFlowCollection(line, at);
        this.expectLineRestEmpty(line, collection.end);
        this.next = line + 1;
        return collection;
      }
      default:
        if (PLAIN_START_FORBIDDEN.has(char)) throw GIVE_UP;
        if ((char === '?' || char === ':' || char === '-') && (at + 1 === this.lineEnd[line] || this.text.charCodeAt(at + 1) === SPACE)) {
          throw GIVE_UP;
        }
        return this.readPlainScalar(line, at, parentIndent);
    }
  }

  private expectLineRestEmpty(line: number, from: number): void {
    const end = this.lineEnd[line];
    let position = from;
    while (position < end && this.text.charCodeAt(position) === SPACE) position++;
    if (position === end) return;
    if (this.text.charCodeAt(position) === HASH && position > from) return;
    throw GIVE_UP;
  }

  /**
   * A mapping key at offset `at` of `line` (`key:` followed by a space or the line end), or
   * undefined when the text there is not a key. Quoted keys must close on the line. Where the
   * value starts (after the colon) is left in `keyAfter`.
   */
  private readKey(line: number, at: number): ScalarNode | undefined {
    const end = this.lineEnd[line];
    const char = this.text[at];
    if (char === '"' || char === "'") {
      let key: ScalarNode;
      try {
        key = char === '"' ? this.readDoubleQuoted(line, at) : this.readSingleQuoted(line, at);
      } catch {
        return undefined;
      }
      let position = key.end;
      while (position < end && this.text.charCodeAt(position) === SPACE) position++;
      if (this.text.charCodeAt(position) !== COLON) return undefined;
      if (position + 1 < end && this.text.charCodeAt(position + 1) !== SPACE) return undefined;
      this.keyAfter = position + 1;
      return key;
    }
    if (PLAIN_START_FORBIDDEN.has(char) || char === '?' || char === ':') return undefined;
    if (char === '-' && (at + 1 === end || this.text.charCodeAt(at + 1) === SPACE)) return undefined;
    for (let position = at; position < end; position++) {
      const code = this.text.charCodeAt(position);
      if (code === COLON && (position + 1 === end || this.text.charCodeAt(position + 1) === SPACE)) {
        let keyEnd = position;
        while (keyEnd > at && this.text.charCodeAt(keyEnd - 1) === SPACE) keyEnd--;
        let source = this.text.slice(at, keyEnd);
        const known = this.shared.get(source);
        // A key read before was accepted before (the same text reads the same way).
        if (known !== undefined) source = known;
        else {
          if (source.length === 0 || /[[\]{},#]/.test(source)) throw GIVE_UP;
          if (resolvePlainScalar(source) !== source || source === '<<') throw GIVE_UP;
          this.shared.set(source, source);
        }
        const value = source;
        this.keyAfter = position + 1;
        return { kind: 'scalar', start: at, end: keyEnd, value, source, style: 'plain' };
      }
      if (code === HASH && this.text.charCodeAt(position - 1) === SPACE) return undefined;
    }
    return undefined;
  }

  private readDoubleQuoted(line: number, at: number): ScalarNode {
    const end = this.lineEnd[line];
    let value = '';
    let runStart = at + 1;
    let position = at + 1;
    for (;;) {
      if (position >= end) throw GIVE_UP; // continues on the next line: leave it to the full parser
      const char = this.text[position];
      if (char === '"') break;
      if (char === '\\') {
        value += this.text.slice(runStart, position);
        const escape = this.text[position + 1];
        const simple = DOUBLE_QUOTE_ESCAPES[escape];
        if (simple !== undefined) {
          value += simple;
          position += 2;
        } else {
          const digits = escape === 'x' ? 2 : escape === 'u' ? 4 : escape === 'U' ? 8 : 0;
          if (digits === 0) throw GIVE_UP;
          const hex = this.text.slice(position + 2, position + 2 + digits);
          if (hex.length !== digits || !/^[0-9a-fA-F]+$/.test(hex)) throw GIVE_UP;
          const codePoint = parseInt(hex, 16);
          if (codePoint > 0x10ffff) throw GIVE_UP;
          value += String.fromCodePoint(codePoint);
          position += 2 + digits;
        }
        runStart = position;
        continue;
      }
      position++;
    }
    value += this.text.slice(runStart, position);
    return { kind: 'scalar', start: at, end: position + 1, value, source: this.text.slice(at, position + 1), style: 'double' };
  }

  private readSingleQuoted(line: number, at: number): ScalarNode {
    const end = this.lineEnd[line];
    let value = '';
    let runStart = at + 1;
    let position = at + 1;
    for (;;) {
      const close = this.text.indexOf("'", position);
      if (close === -1 || close >= end) throw GIVE_UP;
      if (this.text[close + 1] === "'") {
        value += this.text.slice(runStart, close + 1);
        position = close + 2;
        runStart = position;
        continue;
      }
      value += this.text.slice(runStart, close);
      return { kind: 'scalar', start: at, end: close + 1, value, source: this.text.slice(at, close + 1), style: 'single' };
    }
  }

  /** A plain scalar, possibly continued on more-indented lines (folded with spaces). */
  private readPlainScalar(line: number, at: number, parentIndent: number): ScalarNode {
    const firstEnd = this.plainSegmentEnd(line, at);
    let value = this.text.slice(at, firstEnd);
    let end = firstEnd;
    let lastLine = line;
    const commentFollows = this.hasCommentAfter(line, firstEnd);
    if (!commentFollows) {
      let blankLines = 0;
      for (let candidate = line + 1; candidate < this.lineStart.length; candidate++) {
        const indent = this.lineIndent[candidate];
        if (indent === -1) {
          blankLines++;
          continue;
        }
        if (indent <= parentIndent) break;
        const start = this.lineStart[candidate] + indent;
        if (this.text.charCodeAt(start) === HASH) break;
        if (this.isDashItem(candidate, indent)) throw GIVE_UP;
        const segmentEnd = this.plainSegmentEnd(candidate, start);
        if (segmentEnd === start) throw GIVE_UP;
        value += blankLines === 0 ? ' ' : '\n'.repeat(blankLines);
        value += this.text.slice(start, segmentEnd);
        end = segmentEnd;
        lastLine = candidate;
        blankLines = 0;
        if (this.hasCommentAfter(candidate, segmentEnd)) break;
      }
    }
    this.next = lastLine + 1;
    if (lastLine === line && value.length <= SHARED_VALUE_LENGTH) {
      const known = this.shared.get(value);
      if (known !== undefined) value = known;
      else this.shared.set(value, value);
      // A short value seen before is read the same way again.
      let resolved = this.resolved.get(value);
      if (resolved === undefined) this.resolved.set(value, (resolved = resolvePlainScalar(value)));
      return { kind: 'scalar', start: at, end, value: resolved, source: value, style: 'plain' };
    }
    return { kind: 'scalar', start: at, end, value: resolvePlainScalar(value), source: value, style: 'plain' };
  }

  /** Where a plain scalar's text on this line ends: before ` #` or trailing spaces. Gives up on `: `. */
  private plainSegmentEnd(line: number, at: number): number {
    const end = this.lineEnd[line];
    let position = at;
    let textEnd = at;
    while (position < end) {
      const code = this.text.charCodeAt(position);
      if (code === HASH && position > at && this.text.charCodeAt(position - 1) === SPACE) break;
      if (code === COLON && (position + 1 === end || this.text.charCodeAt(position + 1) === SPACE)) throw GIVE_UP;
      position++;
      if (code !== SPACE) textEnd = position;
    }
    return textEnd;
  }

  private hasCommentAfter(line: number, from: number): boolean {
    const end = this.lineEnd[line];
    let position = from;
    while (position < end && this.text.charCodeAt(position) === SPACE) position++;
    return position < end && this.text.charCodeAt(position) === HASH;
  }

  /** A literal (`|`) or folded (`>`) block scalar whose header is at `at`. */
  private readBlockScalar(line: number, at: number, parentIndent: number): ScalarNode {
    const end = this.lineEnd[line];
    const literal = this.text[at] === '|';
    let position = at + 1;
    let chomping: 'clip' | 'strip' | 'keep' = 'clip';
    const indicator = this.text[position];
    if (indicator === '-' || indicator === '+') {
      chomping = indicator === '-' ? 'strip' : 'keep';
      position++;
    }
    if (position < end && this.text.charCodeAt(position) !== SPACE) throw GIVE_UP; // explicit indentation and the like
    this.expectLineRestEmpty(line, position);

    // Find the content indentation from the first non-blank line.
    let contentIndent = -1;
    let firstContent = -1;
    for (let candidate = line + 1; candidate < this.lineStart.length; candidate++) {
      const indent = this.lineIndent[candidate];
      if (indent === -1) continue;
      firstContent = candidate;
      contentIndent = indent;
      break;
    }
    const lines: string[] = [];
    let lastContentLine = line;
    let lastContentEnd = position;
    if (firstContent !== -1 && contentIndent > parentIndent) {
      for (let candidate = line + 1; candidate < this.lineStart.length; candidate++) {
        const indent = this.lineIndent[candidate];
        const lineLength = this.lineEnd[candidate] - this.lineStart[candidate];
        if (indent === -1) {
          if (lineLength > contentIndent) {
            if (candidate < firstContent || !literal) throw GIVE_UP;
            lines.push(this.text.slice(this.lineStart[candidate] + contentIndent, this.lineEnd[candidate]));
          } else {
            lines.push('');
          }
          continue;
        }
        if (indent < contentIndent) break;
        const content = this.text.slice(this.lineStart[candidate] + contentIndent, this.lineEnd[candidate]);
        if (!literal && indent > contentIndent) throw GIVE_UP; // more-indented lines fold differently
        lines.push(content);
        lastContentLine = candidate;
        lastContentEnd = this.lineEnd[candidate];
      }
    }
    // Separate the trailing empty lines, which only chomping decides about.
    let bodyLength = lines.length;
    while (bodyLength > 0 && lines[bodyLength - 1] === '') bodyLength--;
    const body = lines.slice(0, bodyLength);
    const trailing = lines.length - bodyLength;
    let value: string;
    if (literal) {
      value = body.join('\n');
    } else {
      // Folding: a single line break becomes a space; each empty line between two lines is a newline.
      value = '';
      let emptyRun = 0;
      let started = false;
      for (const text of body) {
        if (text === '') {
          emptyRun++;
          continue;
        }
        if (!started) value = '\n'.repeat(emptyRun) + text;
        else value += (emptyRun === 0 ? ' ' : '\n'.repeat(emptyRun)) + text;
        started = true;
        emptyRun = 0;
      }
    }
    if (body.length === 0) {
      if (chomping === 'keep' && trailing > 0) throw GIVE_UP;
      value = '';
    } else if (chomping === 'clip') {
      value += '\n';
    } else if (chomping === 'keep') {
      value += '\n' + '\n'.repeat(trailing);
      if (trailing > 0 && lastContentLine + trailing + 1 >= this.lineStart.length) throw GIVE_UP; // file-end subtleties
    }
    this.next = Math.max(line + 1, lastContentLine + 1);
    return {
      kind: 'scalar',
      start: at,
      end: body.length === 0 ? position : lastContentEnd,
      value,
      source: value,
      style: literal ? 'literal' : 'folded',
    };
  }

  /**
   * A flow collection that closes on the same line: `[KCC, "Kent Police"]`,
   * `{agency: KDAAT, officer: DIP Manager}`, or one nested in the other.
   */
  private readFlowCollection(line: number, at: number, depth = 0): SeqNode | MapNode {
    if (depth > 16) throw GIVE_UP;
    const end = this.lineEnd[line];
    const isMap = this.text[at] === '{';
    const close = isMap ? '}' : ']';
    const items: AstNode[] = [];
    const pairs: PairNode[] = [];
    const keys = new Set<string>();
    let position = at + 1;
    for (;;) {
      position = this.skipSpaces(position, end);
      if (position >= end) throw GIVE_UP;
      if (this.text[position] === close) {
        if (items.length > 0 || pairs.length > 0) throw GIVE_UP; // a trailing comma: rare, leave it to the full parser
        break;
      }
      if (isMap) {
        const key = this.readFlowScalar(line, position, true);
        if (typeof key.value !== 'string' || keys.has(key.value)) throw GIVE_UP;
        keys.add(key.value);
        position = this.skipSpaces(key.end, end);
        if (this.text[position] !== ':') throw GIVE_UP;
        position = this.skipSpaces(position + 1, end);
        const value = this.readFlowItem(line, position, depth);
        pairs.push({ key, value });
        position = value.end;
      } else {
        const item = this.readFlowItem(line, position, depth);
        items.push(item);
        position = item.end;
      }
      position = this.skipSpaces(position, end);
      const separator = this.text[position];
      if (separator === close) break;
      if (separator !== ',') throw GIVE_UP;
      position = this.skipSpaces(position + 1, end);
      if (this.text[position] === close || this.text[position] === ',') throw GIVE_UP;
    }
    // Exactly this length, as in block collections.
    return isMap ? { kind: 'map', start: at, end: position + 1, pairs: pairs.slice() } : { kind: 'seq', start: at, end: position + 1, items: items.slice() };
  }

  private readFlowItem(line: number, at: number, depth: number): AstNode {
    const char = this.text[at];
    if (char === '[' || char === '{') return this.readFlowCollection(line, at, depth + 1);
    return this.readFlowScalar(line, at, false);
  }

  /** A quoted or plain scalar inside a flow collection; a plain one ends at `,` `]` `}` (or `:` for a key). */
  private readFlowScalar(line: number, at: number, isKey: boolean): ScalarNode {
    const char = this.text[at];
    if (char === '"') return this.readDoubleQuoted(line, at);
    if (char === "'") return this.readSingleQuoted(line, at);
    const end = this.lineEnd[line];
    if (PLAIN_START_FORBIDDEN.has(char) || char === '?' || char === ':' || (char === '-' && this.text.charCodeAt(at + 1) === SPACE)) {
      throw GIVE_UP;
    }
    let stop = at;
    let textEnd = at;
    while (stop < end) {
      const code = this.text[stop];
      if (code === ',' || code === ']' || code === '}') break;
      if (code === ':') {
        if (isKey && (stop + 1 === end || this.text.charCodeAt(stop + 1) === SPACE)) break;
        throw GIVE_UP;
      }
      if (code === '[' || code === '{' || code === '#') throw GIVE_UP;
      stop++;
      if (code !== ' ') textEnd = stop;
    }
    if (textEnd === at) throw GIVE_UP;
    const source = this.text.slice(at, textEnd);
    const value = resolvePlainScalar(source);
    if (isKey && typeof value !== 'string') throw GIVE_UP;
    return { kind: 'scalar', start: at, end: textEnd, value, source, style: 'plain' };
  }

  private skipSpaces(position: number, end: number): number {
    while (position < end && this.text.charCodeAt(position) === SPACE) position++;
    return position;
  }
}

const DOUBLE_QUOTE_ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b',
  ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029',
};

function emptyScalar(at: number): ScalarNode {
  return { kind: 'scalar', start: at, end: at, value: null, source: '', style: 'plain' };
}
