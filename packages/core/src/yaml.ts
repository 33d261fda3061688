/**
 * @plankit/core/yaml: loads the full YAML reader (the `yaml` package) into the core. Importing this
 * module is enough; browser bundles import it dynamically when a plan is YAML.
 */
import { setFullYamlReader } from './parse.js';
import { readYamlFully } from './yaml-full.js';

setFullYamlReader(readYamlFully);

export { readYamlFully };
