/**
 * Setup for the `stories` vitest project (browser mode): lets stories ask for emulated media features
 * (forced colours, print) through the `plankitEmulateMedia` command in vitest.config.ts, resets them
 * before each story, and checks after each story that axe really ran on it.
 */
import { afterEach, beforeEach } from 'vitest';
import { commands } from 'vitest/browser';
import type { EmulatedMedia } from '../support.js';

declare module 'vitest/browser' {
  interface BrowserCommands {
    plankitEmulateMedia: (media: EmulatedMedia | null) => Promise<void>;
  }
}

(globalThis as { __plankitEmulateMedia?: (media: EmulatedMedia | null) => Promise<void> }).__plankitEmulateMedia = (media) => commands.plankitEmulateMedia(media);

beforeEach(async () => {
  await commands.plankitEmulateMedia(null);
});

interface Report {
  type: string;
  status: string;
}

afterEach(({ task }) => {
  if (task.result?.state === 'fail' || (task.result?.errors?.length ?? 0) > 0) return;
  const reports = (task.meta as { reports?: Report[] }).reports ?? [];
  const a11y = reports.find((report) => report.type === 'a11y');
  if (!a11y) throw new Error('axe did not run on this story: the a11y addon made no report.');
  if (a11y.status !== 'passed') throw new Error(`axe reported "${a11y.status}" for this story.`);
});
