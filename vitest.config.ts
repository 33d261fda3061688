import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import type { BrowserCommand } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/**
 * Finds a Chromium on this machine: CHROME_PATH, then Debian's /usr/bin/chromium (.ci/run installs
 * it when missing). Playwright's own browser download is not possible here.
 */
function chromiumPath(): string | undefined {
  for (const candidate of [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  return undefined;
}

const executablePath = chromiumPath();

/**
 * Emulates media features for a story (forced colours, print, colour scheme) in the test's own page;
 * `null` turns emulation off. Storybook cannot force them, so the `stories` project does it here.
 */
const plankitEmulateMedia: BrowserCommand<[media: { forcedColors?: 'active' | 'none'; media?: 'print' | 'screen'; colorScheme?: 'light' | 'dark' } | null]> = async (context, media) => {
  if (context.provider.name !== 'playwright') return;
  const page = (context as unknown as { page: import('playwright').Page }).page;
  await page.emulateMedia({ forcedColors: media?.forcedColors ?? null, media: media?.media ?? null, colorScheme: media?.colorScheme ?? null });
};

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The console summary for people; a JSON report that .ci/run counts from.
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/browser/**', '**/node_modules/**'],
          setupFiles: ['test/setup.ts'],
        },
      },
      {
        extends: true,
        // Pre-bundle Lit's directives up front, so the first run does not reload mid-test.
        optimizeDeps: { include: ['lit', 'lit/directives/repeat.js', 'lit/directives/guard.js', 'lit/directives/style-map.js', 'lit/directives/live.js', '@lit/context', 'axe-core'] },
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({
              launchOptions: {
                executablePath,
                args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
              },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
      {
        // Every story in stories/ as a test: rendered in Chromium, its play function run, then axe
        // (WCAG 2.2 AA) on the result. See stories/.storybook.
        extends: true,
        plugins: [storybookTest({ configDir: fileURLToPath(new URL('./stories/.storybook', import.meta.url)) })],
        test: {
          name: 'stories',
          // axe on the 1,000-action stories takes 10-40 s on two cores when other files run beside them.
          testTimeout: 180_000,
          setupFiles: [fileURLToPath(new URL('./stories/.storybook/vitest.setup.ts', import.meta.url))],
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({
              launchOptions: {
                executablePath,
                args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
              },
            }),
            instances: [{ browser: 'chromium' }],
            commands: { plankitEmulateMedia },
          },
        },
      },
    ],
  },
});
