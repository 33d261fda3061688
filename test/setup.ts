// Tests import core modules directly from source; load the full YAML reader as the main entry does.
import '../packages/core/src/yaml.js';
