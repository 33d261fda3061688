/**
 * @plankit/core: the plan format and everything that understands it. The front ends (CLI,
 * language server, web components) call this and add no rules of their own.
 * This entry imports nothing from Node, so browsers can bundle it; it includes the full YAML
 * reader. Browser bundles that want YAML support loaded lazily use `@plankit/core/lite` and
 * `@plankit/core/yaml`; file-system helpers are in `@plankit/core/node`.
 */
import './yaml.js';
import './schema-report.js';

export * from './lite.js';
export { readYamlFully } from './yaml.js';
export { jsonCompletionContextAt } from './json-editing.js';
