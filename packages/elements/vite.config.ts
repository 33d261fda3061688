import { fileURLToPath } from 'node:url';
import { RolldownMagicString } from 'rolldown';
import { defineConfig, parseAst, type Plugin } from 'vite';

/** Where the core's modules are, as the bundle resolves them (packages/core/dist). */
const CORE_DIST = /[\\/]core[\\/]dist[\\/][\w-]+\.js$/;
const SHIM = { json: '\0plankit-reader:json', yaml: '\0plankit-reader:yaml' } as const;
/** Only the parts of jsonc-parser the core uses (its whole namespace would keep all of it). */
const JSON_PARTS = '\0plankit-reader:json-parts';

/**
 * Each of the core's two text readers, jsonc-parser for JSON and the fast reader for the block YAML
 * plans use (core/dist/yaml-fast.js), becomes a chunk of its own, loaded when a file of its format
 * is about to be read. Inside the bundle the core imports a stand-in for each, which passes every
 * call to the real reader once `src/format-readers.ts` (replaced here by `loadFormatReader` below)
 * has loaded it; `state.ts` calls that before every reading. The core's code and results are the
 * same; only when it arrives differs. A reader asked for before it is loaded (a bug) fails the
 * reading with a message that says so; it never reads differently.
 */
function lazyFormatReaders(): Plugin {
  return {
    name: 'plankit-lazy-format-readers',
    apply: 'build',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === 'plankit-reader:json') return SHIM.json;
      if (source === 'plankit-reader:yaml') return SHIM.yaml;
      if (source === 'plankit-reader:json-parts') return JSON_PARTS;
      if (!importer || importer.startsWith('\0plankit-reader')) return null;
      if (source === 'jsonc-parser' && CORE_DIST.test(importer)) return SHIM.json;
      if (source === './yaml-fast.js' && CORE_DIST.test(importer)) return SHIM.yaml;
      return null;
    },
    async load(id) {
      const coreDist = fileURLToPath(new URL('../core/dist/', import.meta.url));
      if (id === JSON_PARTS) {
        // jsonc-parser, resolved as the core itself resolves it.
        const jsonc = (await this.resolve('jsonc-parser', `${coreDist}parse.js`, { skipSelf: true }))!.id;
        return `export { parseTree, printParseErrorCode } from ${JSON.stringify(jsonc)};`;
      }
      if (id === SHIM.json || id === SHIM.yaml) {
        const json = id === SHIM.json;
        const real = json ? 'plankit-reader:json-parts' : `${coreDist}yaml-fast.js`;
        const names = json ? ['parseTree', 'printParseErrorCode'] : ['parseYamlFast'];
        return [
          'let reader;',
          `const missing = () => { throw new Error(${JSON.stringify(`the ${json ? 'JSON' : 'YAML'} reader is not loaded`)}); };`,
          ...names.map((name) => `export function ${name}(...args) { return (reader ?? missing())[${JSON.stringify(name)}](...args); }`),
          `export function load() { return (reader ? Promise.resolve() : import(${JSON.stringify(real)}).then((module) => { reader = module; })); }`,
        ].join('\n');
      }
      if (/[\\/]elements[\\/]src[\\/]format-readers\.ts$/.test(id)) {
        return [
          "import { load as json } from 'plankit-reader:json';",
          "import { load as yaml } from 'plankit-reader:yaml';",
          'export function loadFormatReader(format) { return format === "json" ? json() : yaml(); }',
        ].join('\n');
      }
      return null;
    },
  };
}

/**
 * The CSS in the elements' `css` templates without its comments and spare white space (Lit sends it
 * to the browser as written, and the minifier leaves template text alone). Strings and escapes are
 * kept as they are; white space next to a `${…}` part is kept (one space), since it may separate
 * the part from a word.
 */
export function minifyCss(text: string, first: boolean, last: boolean): string {
  // Strings and escapes are kept as they are; the rest is squeezed piece by piece.
  const squeeze = (raw: string) =>
    raw
      .replace(/\/\*[\s\S]*?(\*\/|$)/g, ' ')
      .replace(/\s+/g, ' ')
      // Around { } ; and after : a space never matters (before : it may: `a :hover`; after a comma
      // it stays in a custom property's value: `var(--a, red)`).
      .replace(/ ?([{};]) ?/g, '$1')
      .replace(/: /g, ':');
  let out = '';
  let raw = '';
  for (let i = 0; i < text.length; ) {
    const c = text[i];
    let kept: string | undefined;
    if (c === '/' && text[i + 1] === '*') {
      // A whole comment is raw text (quotes inside it are not strings).
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? text.length : end + 2;
      raw += text.slice(i, stop);
      i = stop;
      continue;
    }
    if (c === '\\') kept = text.slice(i, i + 2);
    else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
      kept = text.slice(i, j + 1);
    }
    if (kept === undefined) {
      raw += c;
      i++;
    } else {
      out += squeeze(raw) + kept;
      raw = '';
      i += kept.length;
    }
  }
  out += squeeze(raw);
  if (first) out = out.replace(/^ /, '');
  if (last) out = out.replace(/ $/, '');
  return out;
}

/**
 * Where each `css` tagged template's text parts are in a module (TypeScript or JavaScript): [start,
 * end) pairs, one list per template, found by parsing it (so a "css`" in a comment or a string is
 * not taken for one).
 */
export function cssTemplates(code: string): [number, number][][] {
  const templates: [number, number][][] = [];
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const n = node as { type?: string; tag?: { type: string; name?: string }; quasi?: { quasis: { start: number; end: number; tail: boolean }[] } };
    if (n.type === 'TaggedTemplateExpression' && n.tag?.type === 'Identifier' && n.tag.name === 'css' && n.quasi) {
      // Each quasi's span includes what delimits it: ` or } before, ${ or ` after.
      templates.push(n.quasi.quasis.map((quasi) => [quasi.start + 1, quasi.end - (quasi.tail ? 1 : 2)]));
    }
    for (const [key, value] of Object.entries(node)) if (key !== 'parent' && value && typeof value === 'object') visit(value);
  };
  visit(parseAst(code, { lang: 'ts' }));
  return templates;
}

function minifyLitCss(): Plugin {
  return {
    name: 'plankit-minify-lit-css',
    apply: 'build',
    transform(code, id) {
      if (!/[\\/]elements[\\/]src[\\/].*\.ts$/.test(id) || !code.includes('css`')) return null;
      const s = new RolldownMagicString(code);
      for (const parts of cssTemplates(code)) {
        parts.forEach(([start, end], index) => {
          const text = code.slice(start, end);
          const min = minifyCss(text, index === 0, index === parts.length - 1);
          if (min !== text) {
            if (min === '') s.remove(start, end);
            else s.overwrite(start, end, min);
          }
        });
      }
      return { code: s.toString(), map: s.generateMap({ hires: true, source: id, includeContent: true }).toString() };
    },
  };
}

/** The readers' chunks get names that say what they read (not `main` and `yaml-fast`, which the
 * demo's checks for the full YAML reader's `plankit-yaml-*` chunk would also match). */
function chunkFileName(chunk: { name: string; facadeModuleId?: string | null }): string {
  const id = chunk.facadeModuleId ?? '';
  if (id === JSON_PARTS) return 'plankit-json-reader-[hash].js';
  if (/[\\/]core[\\/]dist[\\/]yaml-fast\.js$/.test(id)) return 'plankit-block-yaml-reader-[hash].js';
  return 'plankit-[name]-[hash].js';
}

// The one-script bundle: dist/plankit.js loads the shared code at once and each element's chunk when
// its tag is on the page; the format readers, the full YAML reader and the wording of schema errors
// are chunks loaded only when a plan needs them. Minified, no eval, no inline workers.
export default defineConfig({
  plugins: [lazyFormatReaders(), minifyLitCss()],
  build: {
    outDir: 'dist/bundle',
    emptyOutDir: true,
    target: 'es2022',
    minify: 'oxc',
    sourcemap: true,
    lib: {
      entry: 'src/plankit.ts',
      formats: ['es'],
      fileName: () => 'plankit.js',
    },
    rollupOptions: {
      // Library mode leaves ES output unminified; this bundle is for pages, not for other bundlers.
      // No comments: pure annotations only help a later bundler, and pages run this code as it is.
      output: { chunkFileNames: chunkFileName, minify: true, comments: false },
    },
  },
});
