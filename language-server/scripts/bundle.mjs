#!/usr/bin/env node
/**
 * Writes dist/server.js, the language server that editors start (`node dist/server.js --stdio`), as
 * one self-contained ES module: the server (compiled by `tsc -b` into dist/lib/) with @plankit/core,
 * vscode-languageserver and everything else it imports, bundled with Vite (Rolldown). Only Node's
 * own modules are loaded from outside it.
 *
 * Why one file: Node loads one module far sooner than the 190 files (the server's, the core's and
 * their libraries') the compiled server imports. A fresh server answered `initialize` in 212 ms as
 * tsc's output and in 146 ms bundled, and published the first findings for an example plan 255 ms
 * after it was started, against 181 ms (medians of 8 starts each, interleaved, on the 2-core
 * machine CI runs on). Every editor starts the server when the first plan is opened, so that is
 * time an officer waits.
 *
 * It is left unminified, so that a stack trace in the server's log can be read.
 *
 *   node scripts/bundle.mjs    after `tsc -b` (the package's `npm run build` runs both)
 *
 * `bundleNodeEntry` is also how the VS Code extension bundles its own two entries.
 */
import { existsSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Bundles one Node entry (TypeScript or JavaScript) into `outDir/fileName` with its dependencies.
 * Node's own modules, and any module named in `external`, stay imports.
 *
 * @param {typeof import('vite').build} build
 * @param {{ entry: string, outDir: string, fileName: string, format: 'es' | 'cjs', minify: boolean, external?: string[], root?: string }} options
 */
export async function bundleNodeEntry(build, { entry, outDir, fileName, format, minify, external = [], root = dirname(entry) }) {
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    publicDir: false,
    build: {
      ssr: entry,
      outDir,
      emptyOutDir: false,
      target: 'node20',
      minify,
      sourcemap: false,
      copyPublicDir: false,
      rollupOptions: {
        external: [...external, ...builtinModules, ...builtinModules.map((module) => `node:${module}`)],
        output: { format, entryFileNames: fileName, codeSplitting: false },
      },
    },
    ssr: { noExternal: true, target: 'node' },
  });
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
  const entry = join(packageDir, 'dist', 'lib', 'server.js');
  if (!existsSync(entry)) {
    console.error(`language server bundle: ${relative(process.cwd(), entry)} is missing: run tsc -b first (npm run build)`);
    process.exit(1);
  }
  const started = Date.now();
  const { build } = await import('vite');
  await bundleNodeEntry(build, { entry, outDir: join(packageDir, 'dist'), fileName: 'server.js', format: 'es', minify: false, root: packageDir });
  console.log(`language server bundle: dist/server.js in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
