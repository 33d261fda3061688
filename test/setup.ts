// Tests import core modules directly from source; load the full YAML reader as the main entry does.
import '../packages/core/src/yaml.js';
// …and the schema-error wording, which the main entry registers at once.
import '../packages/core/src/schema-report.js';
