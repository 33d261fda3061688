/**
 * @plankit/core/lite: everything in @plankit/core except the full YAML reader, for browser
 * bundles. Plans in JSON, and YAML that the fast reader handles, read the same; other YAML needs
 * `@plankit/core/yaml` loaded first (it registers the full reader). Schema errors are worded once
 * `loadSchemaReporter()` has run (or `@plankit/core/schema-report` is imported); until then an
 * invalid plan gets one `schema-invalid` finding marked `data.unexplained`.
 */
export * from './agencies.js';
export * from './ast.js';
export * from './checks.js';
export * from './dates.js';
export * from './diagnostics.js';
export * from './due.js';
export * from './files.js';
export type { Stage } from './steps.js';
export * from './model.js';
export * from './parse.js';
export * from './positions.js';
export * from './queries.js';
export * from './schema-docs.js';
export * from './similarity.js';
export * from './status.js';
export { schemaDiagnostics } from './validate.js';
export { checkSchema, loadSchemaReporter, schemaReporterLoaded, setSchemaReporter, type SchemaReporter } from './schema-check.js';
export { parseYamlFast } from './yaml-fast.js';
export * from './editing.js';
export { rereadPlanFile } from './incremental.js';
