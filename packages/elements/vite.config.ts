import { defineConfig } from 'vite';

// The one-script bundle: dist/plankit.js registers every element; the YAML reader is a separate
// chunk that plankit.js imports only when a plan is YAML. Minified, no eval, no inline workers.
export default defineConfig({
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
      output: { chunkFileNames: 'plankit-[name]-[hash].js', minify: true },
    },
  },
});
