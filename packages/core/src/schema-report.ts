/**
 * Registers the schema-error reporter (`validate.ts`): the wording and exact places of schema
 * errors, with the schemas' titles. Importing this module is enough.
 */
import { setSchemaReporter } from './schema-check.js';
import { schemaDiagnostics } from './validate.js';

setSchemaReporter(schemaDiagnostics);

export { schemaDiagnostics };
