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
};

export default config;
