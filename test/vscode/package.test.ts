/**
 * The packaged extension (extension/plankit-<version>.vsix, written by the root `npm run build`):
 * exactly the expected files, everything bundled (no node_modules, no source maps, no sources or
 * tests), and every file the manifest names present in it.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ZipFile } from './zip.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const manifest = JSON.parse(readFileSync(`${root}extension/package.json`, 'utf8'));
const vsixPath = `${root}extension/plankit-${manifest.version}.vsix`;

let zip: ZipFile;

beforeAll(() => {
  try {
    zip = new ZipFile(vsixPath);
  } catch (error) {
    throw new Error(`${vsixPath} cannot be read (${(error as Error).message}): build it with \`npm run build\` at the root, or \`npm run build --workspace plankit-vscode\`.`);
  }
});

/** The chunks of the elements' bundle: plankit.js and the plankit-*.js files it loads. */
function elementsBundleFiles(): string[] {
  return readdirSync(`${root}packages/elements/dist/bundle`).filter((file) => /^plankit(-[\w-]+)?\.js$/.test(file));
}

describe('the .vsix', () => {
  it('holds exactly the expected files', () => {
    const expected = [
      '[Content_Types].xml',
      'extension.vsixmanifest',
      'extension/package.json',
      'extension/readme.md',
      'extension/changelog.md',
      'extension/LICENSE.txt',
      'extension/language-configuration-json.json',
      'extension/language-configuration-yaml.json',
      'extension/syntaxes/plankit-json.tmLanguage.json',
      'extension/syntaxes/plankit-yaml.tmLanguage.json',
      'extension/media/icon.png',
      'extension/media/file-icon.svg',
      'extension/dist/extension.js',
      'extension/dist/server.js',
      'extension/dist/media/preview.js',
      'extension/dist/media/preview.css',
      'extension/dist/media/preview-icon.svg',
      ...elementsBundleFiles().map((file) => `extension/dist/media/${file}`),
      'extension/dist/schemas/plan.schema.json',
      'extension/dist/schemas/agencies.schema.json',
    ];
    expect(zip.names().sort()).toEqual(expected.sort());
  });

  it('has no dependencies, source maps, sources or tests in it', () => {
    for (const name of zip.names()) {
      expect(name).not.toMatch(/node_modules|\.map$|\.ts$|\.tsx$|\.mjs$|(^|\/)(src|test|tests|scripts)\//);
    }
  });

  it('is small: everything is bundled and minified', () => {
    const size = readFileSync(vsixPath).length;
    expect(size).toBeGreaterThan(100_000);
    expect(size).toBeLessThan(2_000_000);
  });

  it('has bundles that need nothing at run time but VS Code and Node', () => {
    const allowed = new Set(['vscode', ...builtinModules, ...builtinModules.map((module) => `node:${module}`)]);
    for (const bundle of ['extension/dist/extension.js', 'extension/dist/server.js']) {
      const code = zip.text(bundle);
      const required = [...code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((match) => match[1]);
      expect(required.length, bundle).toBeGreaterThan(0);
      expect(required.filter((name) => !allowed.has(name)), bundle).toEqual([]);
      // CommonJS for VS Code's extension host and for the server process.
      expect(code, bundle).not.toMatch(/^\s*import\s|^\s*export\s/m);
      expect(code, bundle).not.toMatch(/sourceMappingURL/);
    }
    expect(zip.text('extension/dist/extension.js')).toContain('plankit.openPreview');
    // The server is the Plankit language server, not some other bundle.
    expect(zip.text('extension/dist/server.js')).toContain('plankit-language-server');
  });

  it('has every chunk that the elements bundle and the preview script import', () => {
    const names = new Set(zip.names());
    let imports = 0;
    for (const name of zip.names().filter((entry) => entry.startsWith('extension/dist/media/') && entry.endsWith('.js'))) {
      const code = zip.text(name);
      for (const match of code.matchAll(/(?:from\s*|import\s*\(\s*|import\s*)["'`](\.\/[^"'`]+)["'`]/g)) {
        imports += 1;
        expect(names.has(`extension/dist/media/${match[1].slice(2)}`), `${name} imports ${match[1]}`).toBe(true);
      }
      // Nothing in the preview loads from anywhere but its own folder (the page's CSP would refuse it).
      expect(code, name).not.toMatch(/(?:from\s*|import\s*\(\s*)["'`](?:https?:|\/\/)/);
    }
    expect(imports).toBeGreaterThan(0);
  });

  it('has the repository’s schemas, unchanged, for JSON validation', () => {
    for (const file of ['plan.schema.json', 'agencies.schema.json']) {
      expect(zip.text(`extension/dist/schemas/${file}`)).toBe(readFileSync(`${root}schemas/${file}`, 'utf8'));
    }
  });

  it('has every file its manifest names', () => {
    const packed = JSON.parse(zip.text('extension/package.json'));
    expect(packed.name).toBe('plankit-vscode');
    const names = new Set(zip.names());
    const has = (path: string) => names.has(`extension/${path.replace(/^\.\//, '')}`);
    const named: string[] = [packed.main, packed.icon];
    for (const language of packed.contributes.languages) {
      named.push(language.configuration);
      if (language.icon) named.push(language.icon.light, language.icon.dark);
    }
    for (const grammar of packed.contributes.grammars) named.push(grammar.path);
    for (const validation of packed.contributes.jsonValidation) named.push(validation.url);
    for (const path of named) expect(has(path), path).toBe(true);
    expect(named.length).toBeGreaterThan(10);
  });

  it('has a manifest that says the extension has no dependencies to install', () => {
    const vsixManifest = zip.text('extension.vsixmanifest');
    expect(vsixManifest).toContain('Id="plankit-vscode"');
    expect(vsixManifest).toContain('Publisher="plankit"');
    expect(vsixManifest).toContain(`Version="${manifest.version}"`);
  });
});
