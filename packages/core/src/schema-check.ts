import type { AstNode } from './ast.js';
import type { Diagnostic } from './diagnostics.js';
// The validity check only (generated/validity.ts); validate.ts brings the validator that says why.
import { validateAction, validatePlan, validateRegister } from './generated/validity.js';
import type { LineIndex } from './positions.js';
import type { SchemaKind } from './schema-docs.js';

/** Turns a value that fails its schema into diagnostics at exact places (`validate.ts`). */
export type SchemaReporter = (kind: SchemaKind, value: unknown, root: AstNode, lines: LineIndex) => Diagnostic[];

let reporter: SchemaReporter | undefined;

/**
 * Registers the reporter that words schema errors. The full entry (`@plankit/core`) registers it at
 * once; browser bundles using `@plankit/core/lite` load it only when a plan fails the schema
 * (`loadSchemaReporter`), since valid plans, the usual case, never need it.
 */
export function setSchemaReporter(next: SchemaReporter): void {
  reporter = next;
}

/** Whether schema errors can be worded now (else `loadSchemaReporter` first). */
export function schemaReporterLoaded(): boolean {
  return reporter !== undefined;
}

let loading: Promise<void> | undefined;

/** Loads and registers the schema-error reporter (a separate chunk in browser bundles). */
export function loadSchemaReporter(): Promise<void> {
  loading ??= import('./schema-report.js').then(() => undefined);
  return loading;
}

/**
 * Checks a value against the plan or register schema with the precompiled validator. Valid values
 * cost one validator call. Invalid ones are worded by the registered reporter; with none loaded,
 * one `schema-invalid` diagnostic marked `data.unexplained` says so, so that a caller can load the
 * reporter and read again.
 */
export function checkSchema(kind: SchemaKind, value: unknown, root: AstNode, lines: LineIndex): Diagnostic[] {
  const valid = kind === 'plan' ? validatePlan(value) : validateRegister(value);
  if (valid) return [];
  if (reporter) return reporter(kind, value, root, lines);
  return [
    {
      range: lines.rangeOf(root.start, root.start),
      severity: 'error',
      code: 'schema-invalid',
      message: `The ${kind === 'plan' ? 'plan' : 'register'} does not fit the ${kind === 'plan' ? 'plan' : 'register'} format (the details are still loading).`,
      data: { unexplained: true },
    },
  ];
}

/**
 * Whether one action's value fits the schema's action definition. In a plan that fitted the schema
 * before an edit inside one action, the plan fits after it exactly when this action does.
 */
export function actionFitsSchema(value: unknown): boolean {
  return validateAction(value) as boolean;
}
