/**
 * @plankit/core: the plan format and everything that understands it. The front ends (CLI,
 * language server, web components) call this and add no rules of their own.
 * This entry imports nothing from Node, so browsers can bundle it; file-system helpers are in
 * `@plankit/core/node`.
 */
export * from './agencies.js';
export * from './ast.js';
export * from './checks.js';
export * from './dates.js';
export * from './diagnostics.js';
export * from './due.js';
export * from './files.js';
export * from './model.js';
export * from './parse.js';
export * from './positions.js';
export * from './queries.js';
export * from './schema-docs.js';
export * from './similarity.js';
export * from './status.js';
export { schemaDiagnostics } from './validate.js';
export { parseYamlFast } from './yaml-fast.js';
