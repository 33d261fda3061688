import { Alias, isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, Scalar, type Node as YamlNode } from 'yaml';
import type { AstNode, MapNode, PairNode, ScalarNode, SeqNode } from './ast.js';
import type { ParsedSource } from './parse.js';
import type { LineIndex } from './positions.js';

/**
 * The full YAML reader: the `yaml` package, for documents the fast reader declines. It reports
 * syntax errors in officers' words at the right place and refuses alias bombs. Kept in its own
 * module so browser bundles load the `yaml` package only when they meet such a file.
 */
export const readYamlFully = (text: string, lines: LineIndex, result: ParsedSource): void => readYaml(text, lines, result);

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

