#!/usr/bin/env node
/**
 * Builds the extension into dist/ and packages it as plankit-<version>.vsix.
 *
 *   dist/extension.js   the extension (src/extension.ts and everything it imports), CommonJS for Node
 *   dist/server.js      the language server (language-server/src/server.ts and its dependencies)
 *   dist/media/         the preview page's files: the @plankit/elements bundle (plankit.js and the
 *                       chunks it loads), preview.js (src/webview/preview.ts), preview.css, icons
 *   dist/schemas/       plan.schema.json and agencies.schema.json, for jsonValidation
 *
 * Everything is bundled with Vite (Rolldown), so the .vsix holds no node_modules and is made with
 * `vsce package --no-dependencies`. Run after the core, the elements and the language server's
 * dependencies are built (the root `npm run build` does this last).
 *
 *   node scripts/build.mjs                 build and package
 *   node scripts/build.mjs --no-package    build only
 *   node scripts/build.mjs --package-only  package what is in dist/
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { bundleNodeEntry } from '../../language-server/scripts/bundle.mjs';

const extensionDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const repoDir = join(extensionDir, '..');
const dist = join(extensionDir, 'dist');
const args = new Set(process.argv.slice(2));
const manifest = JSON.parse(readFileSync(join(extensionDir, 'package.json'), 'utf8'));
const vsixName = `plankit-${manifest.version}.vsix`;

function fail(message) {
  console.error(`extension build: ${message}`);
  process.exit(1);
}

function need(path, what) {
  if (!existsSync(path)) fail(`${relative(repoDir, path)} is missing: ${what}`);
}

/** Bundles one Node entry into dist/<name> as minified CommonJS; vscode and Node's own modules stay external. */
function bundleNode(build, entry, name) {
  return bundleNodeEntry(build, { entry, outDir: dist, fileName: name, format: 'cjs', minify: true, external: ['vscode'], root: extensionDir });
}

/** Bundles the preview page's script into dist/media/preview.js for the webview (a browser). */
async function bundleWebview(build) {
  await build({
    configFile: false,
    root: extensionDir,
    logLevel: 'warn',
    publicDir: false,
    build: {
      outDir: join(dist, 'media'),
      emptyOutDir: false,
      target: 'es2022',
      minify: true,
      sourcemap: false,
      copyPublicDir: false,
      lib: { entry: join(extensionDir, 'src/webview/preview.ts'), formats: ['es'], fileName: () => 'preview.js' },
    },
  });
}

/** Copies the elements' bundle (plankit.js and the plankit-*.js chunks it imports, no source maps). */
function copyElements() {
  const bundle = join(repoDir, 'packages/elements/dist/bundle');
  need(join(bundle, 'plankit.js'), 'build @plankit/elements first (npm run build at the root)');
  for (const file of readdirSync(bundle)) {
    if (/^plankit(-[\w-]+)?\.js$/.test(file)) cpSync(join(bundle, file), join(dist, 'media', file));
  }
}

/** Type-checks the extension's sources (Vite only strips the types). */
function typeCheck() {
  const require = createRequire(import.meta.url);
  const tsc = require.resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', join(extensionDir, 'tsconfig.json')], { stdio: 'inherit' });
  if (result.status !== 0) fail('the extension\'s TypeScript has errors');
}

async function buildAll() {
  need(join(repoDir, 'packages/core/dist/index.js'), 'build @plankit/core first (npm run build at the root)');
  need(join(repoDir, 'language-server/src/server.ts'), 'the language server\'s entry');
  typeCheck();
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(join(dist, 'media'), { recursive: true });
  const { build } = await import('vite');
  await bundleNode(build, join(extensionDir, 'src/extension.ts'), 'extension.js');
  await bundleNode(build, join(repoDir, 'language-server/src/server.ts'), 'server.js');
  await bundleWebview(build);
  copyElements();
  for (const file of ['preview.css', 'preview-icon.svg']) cpSync(join(extensionDir, 'media', file), join(dist, 'media', file));
  mkdirSync(join(dist, 'schemas'), { recursive: true });
  for (const file of ['plan.schema.json', 'agencies.schema.json']) cpSync(join(repoDir, 'schemas', file), join(dist, 'schemas', file));
}

function packageVsix() {
  need(join(dist, 'extension.js'), 'build the extension first (node scripts/build.mjs --no-package)');
  const require = createRequire(import.meta.url);
  const vsce = join(dirname(require.resolve('@vscode/vsce/package.json')), 'vsce');
  rmSync(join(extensionDir, vsixName), { force: true });
  const result = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', vsixName], {
    cwd: extensionDir,
    stdio: 'inherit',
  });
  if (result.status !== 0) fail(`vsce package failed (exit ${result.status})`);
  need(join(extensionDir, vsixName), 'vsce did not write it');
}

const started = Date.now();
if (!args.has('--package-only')) await buildAll();
if (!args.has('--no-package')) packageVsix();
console.log(`extension build: ${args.has('--package-only') ? '' : 'dist/ '}${args.has('--no-package') ? '' : vsixName} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
