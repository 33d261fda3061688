import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError as JsonParseError } from 'jsonc-parser';
import type { AstNode, MapNode, ScalarNode } from './ast.js';
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

/** Reads YAML the fast reader declined, filling in the tree and diagnostics of `result`. */
export type FullYamlReader = (text: string, lines: LineIndex, result: ParsedSource) => void;

let fullYamlReader: FullYamlReader | undefined;

/**
 * Sets the reader for YAML beyond the fast path (anchors, tags, syntax errors). The main entry
 * sets the `yaml` package's; browser bundles load it only when they meet a YAML file.
 */
export function setFullYamlReader(reader: FullYamlReader): void {
  fullYamlReader = reader;
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
      } else if (fullYamlReader) {
        result.reader = 'yaml';
        fullYamlReader(text, lines, result);
      } else {
        result.diagnostics.push({
          range: whole(),
          severity: 'error',
          code: 'yaml-syntax',
          message: 'This YAML needs the full YAML reader, which is not loaded here (load @plankit/core/yaml).',
          data: { needsFullReader: true },
        });
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
  // Line by line, stopping at the first line with content (a plan's first line, usually).
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const trimmed = text.slice(start, end).trim();
    if (trimmed !== '' && !trimmed.startsWith('#') && trimmed !== '---' && trimmed !== '...') return false;
    start = end + 1;
  }
  return true;
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
