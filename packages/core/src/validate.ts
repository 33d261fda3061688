import { nodeAt, pairOf, type AstNode, type PathSegment } from './ast.js';
import type { Diagnostic, DiagnosticCode } from './diagnostics.js';
import { anyOfBranches, validatePlan, validateRegister } from './generated/validators.js';
import type { LineIndex, Range } from './positions.js';
import { fieldsAtPath, pointer, resolveSchema, schemaAtPath, schemaOf, type SchemaKind, type SchemaNode } from './schema-docs.js';
import { nearest } from './similarity.js';

/** One error as the precompiled validator reports it. */
interface SchemaError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

type Validator = ((data: unknown) => boolean) & { errors?: SchemaError[] | null };

/**
 * Checks a file's value against its JSON Schema with the precompiled validator and turns every
 * error into a diagnostic at the exact place in the source, worded for an officer. A value that
 * fits none of the forms a field allows is reported against the form it came closest to.
 */
export function schemaDiagnostics(kind: SchemaKind, value: unknown, root: AstNode, lines: LineIndex): Diagnostic[] {
  const validator = (kind === 'plan' ? validatePlan : validateRegister) as Validator;
  if (validator(value)) return [];
  const errors = chooseBranches(kind, validator.errors ?? [], value);
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    const diagnostic = describeError(kind, error, value, root, lines);
    const key = `${diagnostic.range.start.line}:${diagnostic.range.start.character}:${diagnostic.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    diagnostics.push(diagnostic);
  }
  return diagnostics;
}

/** Splits a JSON pointer (`/themes/0/title`) into path segments, numbers for array indexes. */
export function pathOfPointer(pointerText: string, value: unknown): PathSegment[] {
  const path: PathSegment[] = [];
  let current = value;
  for (const raw of pointerText.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current)) {
      const index = Number(key);
      path.push(index);
      current = current[index];
    } else {
      path.push(key);
      current = current && typeof current === 'object' ? (current as Record<string, unknown>)[key] : undefined;
    }
  }
  return path;
}

function valueAt(value: unknown, path: readonly PathSegment[]): unknown {
  let current = value;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/**
 * Replaces each failed anyOf (and the errors of all its branches) by the errors of its best
 * branch: the one whose type fits the value, then the one with the fewest errors.
 */
function chooseBranches(kind: SchemaKind, errors: SchemaError[], rootValue: unknown): SchemaError[] {
  const failures = errors.filter((error) => error.keyword === 'anyOf' || error.keyword === 'oneOf');
  // Only the outermost failed anyOf at each place: inner ones are settled recursively.
  const outer = failures.filter(
    (failure) => !failures.some((other) => other !== failure && within(failure.instancePath, other.instancePath) && other.instancePath !== failure.instancePath),
  );
  if (outer.length === 0) return errors;
  const result = errors.filter((error) => !outer.some((failure) => within(error.instancePath, failure.instancePath)));
  for (const failure of outer) {
    const value = valueAt(rootValue, pathOfPointer(failure.instancePath, rootValue));
    const schemaKey = `${kind}:${failure.schemaPath.slice(1)}`;
    const candidates: { index: number; errors: SchemaError[]; typeMismatch: boolean }[] = [];
    for (let index = 0; ; index++) {
      const branch = (anyOfBranches as Record<string, Validator | undefined>)[`${schemaKey}/${index}`];
      if (!branch) break;
      if (branch(value)) {
        candidates.length = 0;
        break;
      }
      const branchErrors = (branch.errors ?? []).map((error) => ({ ...error, instancePath: failure.instancePath + error.instancePath }));
      const typeMismatch = branchErrors.some(
        (error) => error.instancePath === failure.instancePath && (error.keyword === 'type' || error.keyword === 'anyOf'),
      );
      candidates.push({ index, errors: branchErrors, typeMismatch });
    }
    if (candidates.length === 0) continue;
    const fitting = candidates.filter((candidate) => !candidate.typeMismatch);
    if (fitting.length === 0) {
      // The value's type fits no branch: one error naming every form allowed.
      result.push({ ...failure, keyword: 'type', params: { anyOfSchemaPath: failure.schemaPath } });
      continue;
    }
    fitting.sort((a, b) => a.errors.length - b.errors.length || a.index - b.index);
    // The chosen branch may hold failed anyOfs of its own (a list of leads, each lead an anyOf).
    result.push(...chooseBranches(kind, fitting[0].errors, rootValue));
  }
  return result;
}

function within(path: string, parent: string): boolean {
  return path === parent || path.startsWith(parent + '/');
}

const NOUNS: Record<string, string> = {
  themes: 'theme',
  actions: 'action',
  milestones: 'milestone',
  updates: 'update',
  agencies: 'agency',
  statusScheme: 'status in the legend',
  footnotes: 'footnote',
  risks: 'risk',
  links: 'link',
  lead: 'lead',
  partners: 'partner',
  owner: 'owner',
};

/** What the thing at a path is, for a message: 'this action', 'the plan'. */
function describeThing(kind: SchemaKind, path: readonly PathSegment[]): string {
  for (let i = path.length - 1; i >= 0; i--) {
    if (typeof path[i] === 'number' && typeof path[i - 1] === 'string' && i === path.length - 1) {
      const noun = NOUNS[path[i - 1] as string];
      if (noun) return `this ${noun}`;
    }
  }
  if (path.length === 0) return kind === 'plan' ? 'the plan' : 'the register';
  const last = path[path.length - 1];
  if (typeof last === 'string') return `"${last}"`;
  return 'this item';
}

function titleOf(kind: SchemaKind, path: readonly PathSegment[]): string | undefined {
  return schemaAtPath(kind, path)?.title;
}

/** The words for a JSON Schema type, as an officer would say them. */
function typeWords(types: readonly string[]): string {
  const words = new Set<string>();
  for (const type of types) {
    if (type === 'string') words.add('text');
    else if (type === 'number' || type === 'integer') words.add(types.includes('string') ? 'text' : 'a number');
    else if (type === 'array') words.add('a list');
    else if (type === 'object') words.add('a set of fields');
    else if (type === 'boolean') words.add('true or false');
    else if (type === 'null') words.add('nothing');
  }
  return [...words].join(' or ');
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a set of fields';
  if (typeof value === 'boolean') return `${value} (a yes/no value: put it in quotes to mean the word)`;
  if (typeof value === 'number') return `the number ${value}`;
  return `"${truncate(String(value))}"`;
}

function truncate(text: string, length = 60): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

/** The words for each form an anyOf allows. */
function formsOf(kind: SchemaKind, anyOf: SchemaNode): string {
  const forms = (anyOf.anyOf ?? []).map((branch) => {
    const resolved = resolveSchema(kind, branch);
    if (resolved.anyOf) return formsOf(kind, resolved);
    const types = resolved.type === undefined ? [] : Array.isArray(resolved.type) ? resolved.type : [resolved.type];
    return typeWords(types);
  });
  return [...new Set(forms.join(' or ').split(' or '))].join(' or ');
}

function rangeForKey(root: AstNode, path: readonly PathSegment[], lines: LineIndex): Range | undefined {
  const parent = nodeAt(root, path.slice(0, -1));
  const last = path[path.length - 1];
  if (parent?.kind === 'map' && typeof last === 'string') {
    const pair = pairOf(parent, last);
    if (pair) return lines.rangeOf(pair.key.start, pair.key.end);
  }
  return undefined;
}

function rangeForValue(root: AstNode, path: readonly PathSegment[], lines: LineIndex): Range {
  const node = nodeAt(root, path);
  if (node) {
    if (node.kind === 'scalar') {
      if (node.end > node.start) return lines.rangeOf(node.start, node.end);
      return rangeForKey(root, path, lines) ?? lines.rangeOf(node.start, node.start);
    }
    return firstLineOf(node.start, node.end, lines);
  }
  return rangeForKey(root, path, lines) ?? lines.rangeOf(0, 0);
}

/** A collection's range cut to its first line, so an editor does not underline a whole theme. */
function firstLineOf(start: number, end: number, lines: LineIndex): Range {
  const range = lines.rangeOf(start, end);
  if (range.end.line === range.start.line) return range;
  return { start: range.start, end: { line: range.start.line, character: lines.lineText(range.start.line).length } };
}

const CODES: Record<string, DiagnosticCode> = {
  required: 'schema-required',
  type: 'schema-type',
  enum: 'schema-enum',
  const: 'schema-enum',
  additionalProperties: 'schema-unknown-field',
  format: 'schema-format',
  pattern: 'schema-pattern',
  minimum: 'schema-range',
  maximum: 'schema-range',
  exclusiveMinimum: 'schema-range',
  exclusiveMaximum: 'schema-range',
  minLength: 'schema-length',
  minItems: 'schema-length',
  minProperties: 'schema-length',
};

function describeError(kind: SchemaKind, error: SchemaError, rootValue: unknown, root: AstNode, lines: LineIndex): Diagnostic {
  const path = pathOfPointer(error.instancePath, rootValue);
  const value = valueAt(rootValue, path);
  const code = CODES[error.keyword] ?? 'schema-invalid';
  const title = titleOf(kind, path);
  const field = typeof path[path.length - 1] === 'string' ? (path[path.length - 1] as string) : undefined;
  const named = title && field ? `"${field}" (${title})` : field ? `"${field}"` : title ? title : 'This value';
  const data: Record<string, unknown> = { path, keyword: error.keyword };
  let range = rangeForValue(root, path, lines);
  let message: string;

  switch (error.keyword) {
    case 'required': {
      const missing = String(error.params.missingProperty);
      const missingTitle = titleOf(kind, [...path, missing]);
      message = `${capitalise(describeThing(kind, path))} has no "${missing}"${missingTitle ? ` (${missingTitle})` : ''}, which is required.`;
      data.missingProperty = missing;
      const node = nodeAt(root, path);
      if (node) range = firstLineOf(node.start, node.end, lines);
      break;
    }
    case 'additionalProperties': {
      const extra = String(error.params.additionalProperty);
      const allowed = Object.keys(fieldsAtPath(kind, path));
      const suggestion = nearest(extra, allowed, (name) => name);
      message = `"${extra}" is not a field of ${describeThing(kind, path)}.${suggestion ? ` Did you mean "${suggestion}"?` : ''} Fields starting with "x-" are allowed for anything else.`;
      data.field = extra;
      if (suggestion) data.suggestion = suggestion;
      range = rangeForKey(root, [...path, extra], lines) ?? range;
      break;
    }
    case 'type': {
      const anyOfPath = error.params.anyOfSchemaPath as string | undefined;
      let expected: string;
      if (anyOfPath) {
        const anyOf = pointer(schemaOf(kind), anyOfPath.replace(/\/anyOf$/, ''));
        expected = anyOf ? formsOf(kind, resolveSchema(kind, anyOf)) : 'another form';
      } else {
        const types = String(error.params.type).split(',');
        expected = typeWords(types);
      }
      message = value === null ? `${named} is empty: it should be ${expected}.` : `${named} should be ${expected}, not ${describeValue(value)}.`;
      data.expected = expected;
      break;
    }
    case 'enum': {
      const allowed = (error.params.allowedValues as unknown[] | undefined) ?? [];
      message = `${named} cannot be ${describeValue(value)}: write one of ${allowed.map((v) => `"${v}"`).join(', ')}.`;
      const suggestion = typeof value === 'string' ? nearest(value, allowed.map(String), (v) => v) : undefined;
      data.allowed = allowed;
      if (suggestion) data.suggestion = suggestion;
      break;
    }
    case 'format':
      message = `${describeValue(value)} is not a real date: write dates as YYYY-MM-DD, for example 2014-03-31.`;
      data.format = error.params.format;
      break;
    case 'pattern':
      message = /https/.test(String(error.params.pattern))
        ? `${named} must be a web address starting with http:// or https://.`
        : `${named} does not have the required form.`;
      break;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const schema = schemaAtPath(kind, path);
      message = `${named} must be between ${schema?.minimum ?? '…'} and ${schema?.maximum ?? '…'}, not ${value}.`;
      break;
    }
    case 'minLength':
      message = `${named} is empty: write some text, or remove the line.`;
      break;
    case 'minItems':
      message = `${named} needs at least ${error.params.limit} item${error.params.limit === 1 ? '' : 's'}.`;
      break;
    case 'minProperties':
      message = `${capitalise(describeThing(kind, path))} needs at least one field.`;
      break;
    default:
      message = `${named} ${error.message ?? 'does not fit the plan format'}.`;
  }
  return { range, severity: 'error', code, message, data };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
