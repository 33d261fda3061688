import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError as JsonParseError } from 'jsonc-parser';
import { Alias, isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, Scalar, type Node as YamlNode } from 'yaml';
import type { AstNode, MapNode, PairNode, ScalarNode, SeqNode } from './ast.js';
import type { Diagnostic } from './diagnostics.js';
import { LineIndex } from './positions.js';
import { parseYamlFast } from './yaml-fast.js';

/** The syntax of a plan or register file. */
export type SourceFormat = 'yaml' | 'json';

/** Options for reading a file's text. */
export interface ParseOptions {
  /** yaml or json; by default from the file name (`.json` is JSON), else YAML. */
  format?: SourceFormat;
  /** The file name, used only to pick the format. */
  fileName?: string;
  /** The largest text read, in UTF-16 code units (16 MiB by default). */
  maxLength?: number;
  /** Use the fast reader for plain block YAML (default true); false always uses the `yaml` package. */
  fastPath?: boolean;
}

/** A file's text read into a positioned tree. */
export interface ParsedSource {
  text: string;
  format: SourceFormat;
  lines: LineIndex;
  /** The tree, absent when the text could not be read. */
  root?: AstNode;
  /** Problems reading the text (syntax, size, binary data). */
  diagnostics: Diagnostic[];
  /** Which reader produced the tree: the fast path, the full `yaml` parser, or the JSON parser. */
  reader: 'fast' | 'yaml' | 'json' | 'none';
}

/** The default limit on the text Plankit reads: 16 MiB, about 30,000 actions. */
export const DEFAULT_MAX_LENGTH = 16 * 1024 * 1024;

/** The format a file name implies: `.json` files are JSON, everything else YAML. */
export function formatOf(fileName: string | undefined): SourceFormat {
  return fileName && /\.json$/i.test(fileName) ? 'json' : 'yaml';
}

/** Reads YAML (1.2, core schema) or JSON text into a positioned tree, never throwing. */
export function parseSource(text: string, options: ParseOptions = {}): ParsedSource {
  const format = options.format ?? formatOf(options.fileName);
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  const lines = new LineIndex(text.length > maxLength ? '' : text);
  const result: ParsedSource = { text, format, lines, diagnostics: [], reader: 'none' };
  const whole = () => lines.rangeOf(0, Math.min(text.length, 1));

  if (text.length > maxLength) {
    const megabytes = (text.length / (1024 * 1024)).toFixed(1);
    const limit = (maxLength / (1024 * 1024)).toFixed(0);
    result.diagnostics.push({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: 'error',
      code: 'file-too-large',
      message: `This file is ${megabytes} MB; Plankit reads plan files of up to ${limit} MB. Split the plan into several files (one per theme, say).`,
      data: { length: text.length, maxLength },
    });
    return result;
  }
  const nul = text.indexOf('\0');
  if (nul !== -1) {
    const at = nul;
    result.diagnostics.push({
      range: lines.rangeOf(at, at + 1),
      severity: 'error',
      code: 'file-not-text',
      message: 'This file holds binary data, not text: it is not a plan file (was it saved from Word or Excel rather than as YAML?).',
    });
    return result;
  }
  if (isBlank(text, format)) {
    result.diagnostics.push({
      range: whole(),
      severity: 'error',
      code: 'file-empty',
      message: 'This file is empty. A plan needs at least a title and a list of themes.',
    });
    return result;
  }

  try {
    if (format === 'json') {
      result.reader = 'json';
      readJson(text, lines, result);
    } else {
      const fast = options.fastPath === false ? undefined : parseYamlFast(text);
      if (fast) {
        result.reader = 'fast';
        result.root = fast;
      } else {
        result.reader = 'yaml';
        readYaml(text, lines, result);
      }
    }
  } catch (error) {
    // A reader that fails on hostile input (very deep nesting, say) must not take the caller down.
    result.root = undefined;
    result.diagnostics.push({
      range: whole(),
      severity: 'error',
      code: format === 'json' ? 'json-syntax' : 'yaml-syntax',
      message: `This file cannot be read: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
  return result;
}

function isBlank(text: string, format: SourceFormat): boolean {
  if (format === 'json') return text.trim() === '';
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed !== '' && !trimmed.startsWith('#') && trimmed !== '---' && trimmed !== '...') return false;
  }
  return true;
}

/** The largest number of alias expansions accepted (the `yaml` package's own default). */
const MAX_ALIAS_COUNT = 100;

function readYaml(text: string, lines: LineIndex, result: ParsedSource): void {
  const document = parseDocument(text, {
    version: '1.2',
    schema: 'core',
    uniqueKeys: true,
    prettyErrors: false,
    lineCounter: new LineCounter(),
    strict: true,
  });
  const reported = new Set<number>();
  for (const error of document.errors) {
    let [start, end] = error.pos;
    let message = YAML_ERROR_WORDS[error.code] ?? yamlMessage(error.message);
    if (error.code === 'MISSING_CHAR' && /quote/i.test(error.message)) {
      // The reader notices a missing closing quote at the end of the file: point at the opening one.
      const opening = unclosedQuoteBefore(text, start);
      if (opening !== undefined) {
        [start, end] = [opening, opening + 1];
        message = 'YAML: this quoted text is never closed: add the matching closing quote at the end of the text.';
      }
    }
    // One mistake often makes several errors on the same line: the first says it best.
    const line = lines.positionAt(start).line;
    if (reported.has(line)) continue;
    reported.add(line);
    const duplicate = error.code === 'DUPLICATE_KEY';
    result.diagnostics.push({
      range: lines.rangeOf(start, Math.max(end, start + 1)),
      severity: 'error',
      code: duplicate ? 'duplicate-key' : 'yaml-syntax',
      message: duplicate ? 'This key appears twice in the same mapping: remove or rename one of them.' : message,
      data: { yamlCode: error.code, yamlMessage: error.message.split('\n')[0] },
    });
  }
  for (const warning of document.warnings) {
    const [start, end] = warning.pos;
    result.diagnostics.push({
      range: lines.rangeOf(start, Math.max(end, start + 1)),
      severity: 'warning',
      code: 'yaml-warning',
      message: yamlMessage(warning.message),
      data: { yamlCode: warning.code },
    });
  }
  if (document.errors.length > 0) return;
  if (text.includes('*')) {
    // Aliases can expand exponentially (a "billion laughs" file): let the yaml package count them
    // before anything walks the tree.
    try {
      document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      result.diagnostics.push({
        range: lines.rangeOf(0, 1),
        severity: 'error',
        code: 'yaml-alias-limit',
        message: `This file repeats YAML aliases (*name) more than Plankit allows (${MAX_ALIAS_COUNT} expansions), which could make reading it take forever. Write the repeated parts out instead.`,
      });
      return;
    }
  }
  if (document.contents) {
    result.root = convertYamlNode(document.contents as YamlNode, document, new Map(), lines, result);
  }
}

/** Officer words for the YAML reader's commonest errors (its own message is kept in the data). */
const YAML_ERROR_WORDS: Record<string, string> = {
  BAD_INDENT: 'YAML: this line is indented differently from the lines around it. Lines of the same item must line up.',
  BLOCK_AS_IMPLICIT_KEY: 'YAML: a colon is missing, or the next line is indented too far. Each field is written "name: value", and fields of the same item line up.',
  MULTILINE_IMPLICIT_KEY: 'YAML: a colon is missing, or a line is indented too far. Each field is written "name: value", and fields of the same item line up.',
  TAB_AS_INDENT: 'YAML: a tab is used for indentation; YAML needs spaces.',
  BAD_SCALAR_START: 'YAML: text cannot start with this character unless it is in quotes.',
};

/**
 * The opening quote of a quoted value that is never closed before `limit`: a quote at the start
 * of a value (after "key:", "- ", "[" or ","), whose closing quote does not come before `limit`.
 */
function unclosedQuoteBefore(text: string, limit: number): number | undefined {
  const valueStart = /(?:^|:[ \t]+|-[ \t]+|[[,{][ \t]*)(["'])/gm;
  for (const match of text.slice(0, limit).matchAll(valueStart)) {
    const quote = match[1];
    const open = (match.index ?? 0) + match[0].length - 1;
    let position = open + 1;
    let closed = false;
    while (position < limit) {
      const char = text[position];
      if (quote === '"' && char === '\\') position += 2;
      else if (char === quote) {
        if (quote === "'" && text[position + 1] === "'") position += 2;
        else {
          closed = true;
          break;
        }
      } else position++;
    }
    if (!closed) return open;
  }
  return undefined;
}

/** The yaml package's message without its trailing position excerpt, for an officer. */
function yamlMessage(message: string): string {
  const firstLine = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return `YAML: ${firstLine.replace(/\.?$/, '.')}`;
}

function convertYamlNode(
  node: YamlNode | Alias,
  document: ReturnType<typeof parseDocument>,
  seen: Map<YamlNode, AstNode>,
  lines: LineIndex,
  result: ParsedSource,
): AstNode {
  if (isAlias(node)) {
    const target = node.resolve(document);
    if (!target) return scalarFromYaml(new Scalar(null), node.range);
    return convertYamlNode(target as YamlNode, document, seen, lines, result);
  }
  const known = seen.get(node);
  if (known) return known;
  const [start, valueEnd] = node.range ?? [0, 0, 0];
  let converted: AstNode;
  if (isMap(node)) {
    const map: MapNode = { kind: 'map', start, end: valueEnd, pairs: [] };
    seen.set(node, map);
    for (const item of node.items) {
      const key = item.key as YamlNode | null;
      if (!key || !isScalar(key)) {
        const range = (key && key.range) ?? [start, start + 1];
        result.diagnostics.push({
          range: lines.rangeOf(range[0], range[1]),
          severity: 'error',
          code: 'yaml-syntax',
          message: 'YAML: a key here is not plain text. Plan keys are words such as "title" or "due".',
        });
        continue;
      }
      const keyNode = scalarFromYaml(key, key.range);
      const valueNode = item.value
        ? convertYamlNode(item.value as YamlNode, document, seen, lines, result)
        : scalarFromYaml(new Scalar(null), [keyNode.end + 1, keyNode.end + 1, keyNode.end + 1]);
      map.pairs.push({ key: keyNode, value: valueNode } satisfies PairNode);
    }
    converted = map;
  } else if (isSeq(node)) {
    const seq: SeqNode = { kind: 'seq', start, end: valueEnd, items: [] };
    seen.set(node, seq);
    for (const item of node.items) {
      seq.items.push(
        item === null || item === undefined
          ? scalarFromYaml(new Scalar(null), [start, start, start])
          : convertYamlNode(item as YamlNode, document, seen, lines, result),
      );
    }
    converted = seq;
  } else {
    converted = scalarFromYaml(node as Scalar, node.range);
  }
  seen.set(node, converted);
  return converted;
}

function scalarFromYaml(node: Scalar, range: readonly [number, number, number] | null | undefined): ScalarNode {
  const [start, end] = range ?? [0, 0];
  const raw = node.value;
  let value: ScalarNode['value'];
  if (raw === null || raw === undefined) value = null;
  else if (typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean') value = raw;
  else if (typeof raw === 'bigint') value = Number(raw);
  else value = String(raw);
  const style: ScalarNode['style'] =
    node.type === 'QUOTE_DOUBLE' ? 'double' : node.type === 'QUOTE_SINGLE' ? 'single' : node.type === 'BLOCK_LITERAL' ? 'literal' : node.type === 'BLOCK_FOLDED' ? 'folded' : 'plain';
  const source = style === 'plain' && typeof node.source === 'string' ? node.source : typeof value === 'string' ? value : '';
  return { kind: 'scalar', start, end, value, source, style };
}

function readJson(text: string, lines: LineIndex, result: ParsedSource): void {
  const errors: JsonParseError[] = [];
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  // Later errors are usually knock-on effects of the first: report the first only.
  const error = errors[0];
  if (error) {
    // A trailing comma shows up as "property name expected" at the closing bracket: point at the comma.
    let at = error.offset;
    let back = at - 1;
    while (back >= 0 && /\s/.test(text[back])) back--;
    const code = printParseErrorCode(error.error);
    const trailingComma = text[back] === ',' && (code === 'PropertyNameExpected' || code === 'ValueExpected');
    if (trailingComma) at = back;
    result.diagnostics.push({
      range: lines.rangeOf(at, at + (trailingComma ? 1 : Math.max(1, error.length))),
      severity: 'error',
      code: 'json-syntax',
      message: trailingComma ? 'JSON: a comma before a closing bracket is not allowed: remove it.' : `JSON: ${describeJsonError(code)}.`,
      data: { jsonCode: code },
    });
  }
  if (errors.length > 0 || !tree) return;
  result.root = convertJsonNode(tree, text, lines, result);
}

function describeJsonError(code: string): string {
  const words: Record<string, string> = {
    InvalidSymbol: 'a character that does not belong here',
    InvalidNumberFormat: 'a number written in a form JSON does not allow',
    PropertyNameExpected: 'a property name (in double quotes) is expected',
    ValueExpected: 'a value is expected',
    ColonExpected: 'a colon is expected after the property name',
    CommaExpected: 'a comma is expected between items',
    CloseBraceExpected: 'a closing } is missing',
    CloseBracketExpected: 'a closing ] is missing',
    EndOfFileExpected: 'text after the end of the JSON value',
    InvalidCommentToken: 'comments are not allowed in JSON plan files',
    UnexpectedEndOfComment: 'a comment is not closed',
    UnexpectedEndOfString: 'a string is not closed',
    UnexpectedEndOfNumber: 'a number is cut short',
    InvalidUnicode: 'a \\u escape is not valid',
    InvalidEscapeCharacter: 'a backslash escape is not valid',
    InvalidCharacter: 'a control character inside a string',
  };
  return words[code] ?? code;
}

function convertJsonNode(node: JsonNode, text: string, lines: LineIndex, result: ParsedSource): AstNode {
  const start = node.offset;
  const end = node.offset + node.length;
  switch (node.type) {
    case 'object': {
      const map: MapNode = { kind: 'map', start, end, pairs: [] };
      const seen = new Set<string>();
      for (const property of node.children ?? []) {
        const [keyJson, valueJson] = property.children ?? [];
        if (!keyJson) continue;
        const key: ScalarNode = { kind: 'scalar', start: keyJson.offset, end: keyJson.offset + keyJson.length, value: String(keyJson.value), source: String(keyJson.value), style: 'json' };
        if (seen.has(key.value as string)) {
          result.diagnostics.push({
            range: lines.rangeOf(key.start, key.end),
            severity: 'error',
            code: 'duplicate-key',
            message: `"${key.value}" appears twice in the same object: remove or rename one of them.`,
          });
        }
        seen.add(key.value as string);
        const value = valueJson ? convertJsonNode(valueJson, text, lines, result) : { kind: 'scalar' as const, start: key.end, end: key.end, value: null, source: '', style: 'json' as const };
        map.pairs.push({ key, value });
      }
      return map;
    }
    case 'array':
      return { kind: 'seq', start, end, items: (node.children ?? []).map((child) => convertJsonNode(child, text, lines, result)) };
    default: {
      const value = node.type === 'null' ? null : (node.value as string | number | boolean);
      return { kind: 'scalar', start, end, value, source: node.type === 'number' ? text.slice(start, end) : typeof value === 'string' ? value : '', style: 'json' };
    }
  }
}
