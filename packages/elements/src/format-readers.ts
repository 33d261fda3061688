/**
 * Makes sure the core can read a format before it is asked to: `state.ts` calls this before every
 * reading of JSON or YAML text (a plan, a register, or a value, which the core reads as JSON).
 *
 * Here (the package as built by tsc, and the tests that run the source) the core's JSON reader
 * (jsonc-parser) and its fast YAML reader come with the core, and this does nothing. The one-script
 * bundle replaces this module (see `lazyFormatReaders` in vite.config.ts): each reader is a chunk of
 * its own there, so a page with a YAML plan does not download the JSON reader, nor a JSON page the
 * YAML one.
 */
export async function loadFormatReader(_format: 'json' | 'yaml'): Promise<void> {}
