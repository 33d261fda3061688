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
  const chosen = chooseBranches(kind, validator.errors ?? [], value);
  // A value of the wrong type also fails its enum: one finding is enough.
  const typed = new Set(chosen.filter((error) => error.keyword === 'type').map((error) => error.instancePath));
  const errors = chosen.filter((error) => error.keyword !== 'enum' || !typed.has(error.instancePath));
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

/** Where in the schema an error's branch search starts: the schema node, at an instance path. */
interface SchemaContext {
  /** JSON pointer of a schema node (without '#'); '' is the root. */
  pointer: string;
  /** The instance path (a JSON pointer) that node describes. */
  instancePath: string;
}

const BRANCH_TABLE_NAMES: Record<SchemaKind, string> = { plan: 'plan', register: 'agencies' };

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * The pointer of the anyOf that describes the value `segments` below a schema node: the
 * validator's own schemaPath for an anyOf inside a shared definition is relative to that
 * definition, so the anyOf is found again by walking the schema along the instance path.
 */
function anyOfAt(kind: SchemaKind, startPointer: string, segments: readonly PathSegment[]): string | undefined {
  const root = schemaOf(kind);
  const find = (at: string, index: number, depth: number): string | undefined => {
    if (depth > 64) return undefined;
    let current = at;
    let node = pointer(root, `#${current}`);
    for (let hops = 0; node?.$ref && hops < 32; hops++) {
      current = node.$ref.slice(1);
      node = pointer(root, node.$ref);
    }
    if (!node) return undefined;
    if (index === segments.length) return node.anyOf ? current : undefined;
    if (node.anyOf) {
      for (let branch = 0; branch < node.anyOf.length; branch++) {
        const found = find(`${current}/anyOf/${branch}`, index, depth + 1);
        if (found) return found;
      }
      return undefined;
    }
    const segment = segments[index];
    if (typeof segment === 'number') return node.items ? find(`${current}/items`, index + 1, depth + 1) : undefined;
    if (node.properties && Object.prototype.hasOwnProperty.call(node.properties, segment)) {
      return find(`${current}/properties/${escapePointer(segment)}`, index + 1, depth + 1);
    }
    for (const pattern of Object.keys(node.patternProperties ?? {})) {
      if (new RegExp(pattern, 'u').test(segment)) return find(`${current}/patternProperties/${escapePointer(pattern)}`, index + 1, depth + 1);
    }
    if (node.additionalProperties && typeof node.additionalProperties === 'object') return find(`${current}/additionalProperties`, index + 1, depth + 1);
    return undefined;
  };
  return find(startPointer, 0, 0);
}

/**
 * Replaces each failed anyOf (and the errors of all its branches) by the errors of its best
 * branch: one whose type fits the value, then the one with the fewest errors. A value whose type
 * fits no branch gets one error naming every form allowed. Never "must match a schema in anyOf".
 */
function chooseBranches(kind: SchemaKind, errors: SchemaError[], rootValue: unknown, context: SchemaContext = { pointer: '', instancePath: '' }): SchemaError[] {
  const failures = errors.filter((error) => error.keyword === 'anyOf' || error.keyword === 'oneOf');
  // The outermost failed anyOfs: inner ones are settled when their branch is chosen.
  const outer = failures.filter((failure) => !failures.some((other) => other !== failure && within(failure.instancePath, other.instancePath) && other.instancePath !== failure.instancePath));
  const seenPaths = new Set<string>();
  const firstAtPath = outer.filter((failure) => (seenPaths.has(failure.instancePath) ? false : (seenPaths.add(failure.instancePath), true)));
  if (firstAtPath.length === 0) return errors;
  const result = errors.filter((error) => !firstAtPath.some((failure) => within(error.instancePath, failure.instancePath)));
  for (const failure of firstAtPath) {
    const fullPath = pathOfPointer(failure.instancePath, rootValue);
    const base = pathOfPointer(context.instancePath, rootValue).length;
    const anyOfPointer = anyOfAt(kind, context.pointer, fullPath.slice(base));
    const value = valueAt(rootValue, fullPath);
    const candidates: { index: number; errors: SchemaError[]; typeMismatch: boolean }[] = [];
    let anyBranchValid = false;
    for (let index = 0; anyOfPointer !== undefined; index++) {
      const branch = (anyOfBranches as Record<string, Validator | undefined>)[`${BRANCH_TABLE_NAMES[kind]}:${anyOfPointer}/anyOf/${index}`];
      if (!branch) break;
      if (branch(value)) {
        anyBranchValid = true;
        break;
      }
      const branchErrors = (branch.errors ?? []).map((error) => ({ ...error, instancePath: failure.instancePath + error.instancePath }));
      // Settle anyOfs inside the branch first, so that "the branch's own anyOf failed" is not taken for a type mismatch.
      const resolved = chooseBranches(kind, branchErrors, rootValue, { pointer: `${anyOfPointer}/anyOf/${index}`, instancePath: failure.instancePath });
      const typeMismatch = resolved.some((error) => error.instancePath === failure.instancePath && error.keyword === 'type');
      candidates.push({ index, errors: resolved, typeMismatch });
    }
    if (anyBranchValid) continue;
    if (candidates.length === 0) {
      // Should not happen; keep the finding rather than lose it.
      result.push({ ...failure, keyword: 'schema-invalid' });
      continue;
    }
    const fitting = candidates.filter((candidate) => !candidate.typeMismatch);
    if (fitting.length === 0) {
      result.push({ ...failure, keyword: 'type', params: { anyOfPointer } });
      continue;
    }
    fitting.sort((a, b) => a.errors.length - b.errors.length || a.index - b.index);
    result.push(...fitting[0].errors);
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
      // A misspelling ("stauts"), or a longer name that contains a field ("lead_agency" for "lead").
      const folded = extra.toLowerCase().replace(/[^a-z]/g, '');
      const contained = allowed.filter((name) => name.length >= 3 && folded.includes(name.toLowerCase())).sort((a, b) => b.length - a.length)[0];
      const suggestion = nearest(extra, allowed, (name) => name) ?? contained;
      message = `"${extra}" is not a field of ${describeThing(kind, path)}.${suggestion ? ` Did you mean "${suggestion}"?` : ''} Fields starting with "x-" are allowed for anything else.`;
      data.field = extra;
      if (suggestion) data.suggestion = suggestion;
      range = rangeForKey(root, [...path, extra], lines) ?? range;
      break;
    }
    case 'type': {
      const anyOfPath = error.params.anyOfPointer as string | undefined;
      let expected: string;
      if (anyOfPath !== undefined) {
        const anyOf = pointer(schemaOf(kind), `#${anyOfPath}`);
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
