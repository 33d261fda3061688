import type { PathSegment } from './ast.js';
import { planSchema, registerSchema } from './generated/schemas.js';

/** A JSON Schema node, as far as the documentation needs it. */
export interface SchemaNode {
  $ref?: string;
  title?: string;
  description?: string;
  type?: string | string[];
  enum?: readonly unknown[];
  examples?: readonly unknown[];
  properties?: Record<string, SchemaNode>;
  patternProperties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  items?: SchemaNode;
  anyOf?: readonly SchemaNode[];
  required?: readonly string[];
  [keyword: string]: unknown;
}

/** Which schema: plan files or agency register files. */
export type SchemaKind = 'plan' | 'register';

/** The schema object of a kind of file. */
export function schemaOf(kind: SchemaKind): SchemaNode {
  return (kind === 'plan' ? planSchema : registerSchema) as unknown as SchemaNode;
}

/** Follows local `$ref`s (`#/$defs/x`), keeping the nearest title and description on the way. */
export function resolveSchema(kind: SchemaKind, node: SchemaNode): SchemaNode {
  let current = node;
  let title = node.title;
  let description = node.description;
  let examples = node.examples;
  for (let hops = 0; current.$ref && hops < 32; hops++) {
    const target = pointer(schemaOf(kind), current.$ref);
    if (!target) break;
    current = target;
    title ??= current.title;
    description ??= current.description;
    examples ??= current.examples;
  }
  return { ...current, $ref: undefined, title, description, examples };
}

/** The schema node a JSON pointer such as `#/$defs/lead` names. */
export function pointer(root: SchemaNode, ref: string): SchemaNode | undefined {
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(1).split('/').filter(Boolean)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node as SchemaNode | undefined;
}

/**
 * The schema that describes the value at a path in a file, following `$ref`s and choosing the
 * anyOf branch that can hold the next step. Undefined where the schema allows nothing there.
 */
export function schemaAtPath(kind: SchemaKind, path: readonly PathSegment[]): SchemaNode | undefined {
  let node: SchemaNode | undefined = resolveSchema(kind, schemaOf(kind));
  for (const segment of path) {
    if (!node) return undefined;
    node = childSchema(kind, node, segment);
  }
  return node;
}

function childSchema(kind: SchemaKind, node: SchemaNode, segment: PathSegment): SchemaNode | undefined {
  if (node.anyOf) {
    for (const branch of node.anyOf) {
      const child = childSchema(kind, resolveSchema(kind, branch), segment);
      if (child) return child;
    }
    return undefined;
  }
  if (typeof segment === 'number') return node.items ? resolveSchema(kind, node.items) : undefined;
  if (node.properties && Object.prototype.hasOwnProperty.call(node.properties, segment)) {
    return resolveSchema(kind, node.properties[segment]);
  }
  for (const [pattern, child] of Object.entries(node.patternProperties ?? {})) {
    if (new RegExp(pattern, 'u').test(segment)) return resolveSchema(kind, child);
  }
  if (node.additionalProperties && typeof node.additionalProperties === 'object') {
    return resolveSchema(kind, node.additionalProperties);
  }
  return undefined;
}

/** The field names a mapping at this path may hold, with their schemas (for completion and suggestions). */
export function fieldsAtPath(kind: SchemaKind, path: readonly PathSegment[]): Record<string, SchemaNode> {
  const node = schemaAtPath(kind, path);
  const fields: Record<string, SchemaNode> = {};
  const collect = (schema: SchemaNode) => {
    if (schema.anyOf) schema.anyOf.forEach((branch) => collect(resolveSchema(kind, branch)));
    for (const [name, child] of Object.entries(schema.properties ?? {})) fields[name] = resolveSchema(kind, child);
  };
  if (node) collect(node);
  return fields;
}
