/**
 * <plan-rag-badge status>: one status, in words (never by colour alone). It shows the status it is
 * given rather than loading a plan, so its states are the statuses themselves; loading, error and
 * 1,000-action states belong to the plan elements and are not repeated here.
 */
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect } from 'storybook/test';
import {
  expectNoSidewaysScroll,
  expectWelsh,
  inForcedColours,
  inNarrowContainer,
  inWelsh,
  mediaIsEmulated,
  narrowWrapper,
  onDarkPage,
  settle,
  shownText,
} from './support.js';

interface BadgeArgs {
  /** `status`: a key, label or other spelling from the legend (blue, green, amber, red, not-started), or any other word. */
  status?: string;
  /** `theme`: light or dark colours (unset: follow the reader's system setting). */
  theme?: 'light' | 'dark';
  /** `print`: apply the element's print styles on screen. */
  print?: boolean;
}

/** The default legend's keys, then one word that is not in it. */
const STATUSES = ['blue', 'green', 'amber', 'red', 'not-started', 'Delayed by funding'];
const LONG_STATUS = 'Delayed pending the outcome of the funding bid to the Police and Crime Commissioner for Kent';

const badge = (status: string | undefined, args: BadgeArgs) =>
  html`<plan-rag-badge status=${ifDefined(status)} theme=${ifDefined(args.theme)} ?print=${!!args.print}></plan-rag-badge>`;

/** Every status side by side (a list, as a host page would show several). */
const allStatuses = (args: BadgeArgs, extra: string[] = []) =>
  html`<ul style="list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.5rem">
    ${[...STATUSES, ...extra].map((status) => html`<li>${badge(status, args)}</li>`)}
  </ul>`;

type Story = StoryObj<BadgeArgs>;

const describe = (text: string) => ({ docs: { description: { story: text } } });

/** Checks that each badge shows a word (the status is never colour alone). */
async function expectWords(canvasElement: HTMLElement): Promise<void> {
  await settle(canvasElement);
  for (const element of canvasElement.querySelectorAll('plan-rag-badge')) {
    await expect(shownText(element), `<plan-rag-badge status="${element.getAttribute('status')}"> shows its status in words`).not.toBe('');
  }
}

export default {
  title: 'Elements/plan-rag-badge',
  component: 'plan-rag-badge',
  argTypes: {
    status: { control: 'text', description: '`status` attribute: a legend key, label or other spelling, or any other word.' },
    theme: { control: 'inline-radio', options: [undefined, 'light', 'dark'], description: '`theme` attribute.' },
    print: { control: 'boolean', description: '`print` attribute: apply print styles on screen.' },
  },
  args: { status: 'green' },
  render: (args) => badge(args.status, args),
  play: async ({ canvasElement }) => expectWords(canvasElement),
} satisfies Meta<BadgeArgs>;

export const Blue: Story = { args: { status: 'blue' }, parameters: describe('Complete (BRAG’s blue).') };
export const Green: Story = { args: { status: 'green' }, parameters: describe('On track.') };
export const Amber: Story = { args: { status: 'amber' }, parameters: describe('Some slippage, recoverable.') };
export const Red: Story = { args: { status: 'red' }, parameters: describe('Off track.') };
export const NotStarted: Story = { args: { status: 'not-started' }, parameters: describe('Not started, or not yet due.') };
export const UnknownWord: Story = {
  args: { status: 'Delayed by funding' },
  parameters: describe('A word that is not in the legend: shown as written, marked as not in the legend.'),
  play: async ({ canvasElement }) => {
    await expectWords(canvasElement);
    await expect(shownText(canvasElement.querySelector('plan-rag-badge')!)).toContain('Delayed by funding');
  },
};
export const NoStatus: Story = { args: { status: undefined }, parameters: describe('No `status` attribute: the badge says there is no status.') };

export const EveryStatus: Story = { render: (args) => allStatuses(args), parameters: describe('Every status of the default legend and an unknown word, side by side.') };
export const LongText: Story = {
  render: (args) => allStatuses(args, [LONG_STATUS]),
  parameters: describe('A very long written status, which must wrap.'),
};
export const Welsh: Story = {
  decorators: [inWelsh],
  render: (args) => allStatuses(args),
  parameters: describe('Inside `lang="cy"`: the words are Welsh.'),
  play: async ({ canvasElement }) => {
    await expectWords(canvasElement);
    // Taken together, the badges show at least one of the catalogue's Welsh words.
    expectWelsh(canvasElement, [...canvasElement.querySelectorAll('plan-rag-badge')]);
  },
};
export const Dark: Story = { args: { theme: 'dark' }, decorators: [onDarkPage], render: (args) => allStatuses(args), parameters: describe('`theme="dark"` on a dark page.') };
export const ForcedColours: Story = {
  decorators: [inForcedColours],
  render: (args) => allStatuses(args),
  parameters: {
    plankit: { media: { forcedColors: 'active' } },
    ...describe('Windows contrast themes (`forced-colors: active`): Storybook cannot switch the system setting, so this looks like Every status here; the test run emulates it and axe checks the result. The word carries the status when colours are forced.'),
  },
  play: async ({ canvasElement }) => {
    await expectWords(canvasElement);
    if (mediaIsEmulated()) await expect(window.matchMedia('(forced-colors: active)').matches, 'forced colours are emulated').toBe(true);
  },
};
export const NarrowContainer: Story = {
  decorators: [inNarrowContainer],
  render: (args) => allStatuses(args, [LONG_STATUS]),
  parameters: describe('In a 320px-wide container: badges wrap, the long one included.'),
  play: async ({ canvasElement }) => {
    await expectWords(canvasElement);
    expectNoSidewaysScroll(narrowWrapper(canvasElement));
  },
};
export const Print: Story = {
  args: { print: true },
  render: (args) => allStatuses(args),
  parameters: { plankit: { media: { media: 'print' } }, ...describe('The `print` attribute applies the print styles (true black, the word does the work). The test run also emulates print media.') },
};
