import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/web-components-vite';

/**
 * Plankit's Storybook: every element in every state (the catalogue of examples in ../*.stories.ts),
 * docs generated from the custom-elements manifest, and an axe check on every story, in the browser
 * and as vitest tests (the `stories` project in vitest.config.ts).
 *
 * It runs offline: no telemetry, no "what's new" or version checks, nothing fetched from a CDN.
 */
const config: StorybookConfig = {
  stories: ['../*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true, enableCrashReports: false },
  viteFinal: (config) => {
    // Pre-bundle every dependency the elements may import up front. Otherwise Vite finds one (a new
    // lit directive, say) only when a story first loads it, re-optimises and reloads the page, which
    // in the test run aborts that file's tests ("Vite unexpectedly reloaded a test") and can load
    // two copies of Lit. The elements' only dependencies are Lit, @lit/context and @plankit/core
    // (a workspace package, served as source).
    config.optimizeDeps = {
      ...config.optimizeDeps,
      entries: [...toArray(config.optimizeDeps?.entries), fileURLToPath(new URL('../../packages/elements/src/**/*.ts', import.meta.url))],
      include: [...(config.optimizeDeps?.include ?? []), ...LIT_ENTRY_POINTS, '@lit/context', 'axe-core'],
    };
    return config;
  },
};

/** Every public entry point of the lit package. */
const LIT_ENTRY_POINTS = ['lit', 'lit/directive.js', 'lit/async-directive.js', 'lit/directive-helpers.js', 'lit/static-html.js', 'lit/html.js', 'lit/decorators.js', 'lit/decorators/*.js', 'lit/directives/*.js'];

function toArray<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

export default config;
