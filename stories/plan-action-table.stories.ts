/** <plan-action-table>: every state, from the shared catalogue of examples (plan-element-stories.ts). */
import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect } from 'storybook/test';
import { largePlan } from './fixtures.js';
import { planArgTypes, planElementStories, type PlanArgs } from './plan-element-stories.js';
import { settle } from './support.js';

const stories = planElementStories('plan-action-table');

export default {
  title: 'Elements/plan-action-table',
  component: 'plan-action-table',
  argTypes: { ...planArgTypes, columns: { control: 'text', description: '`columns` attribute: which columns to show (see the element’s own documentation below).' } },
} satisfies Meta<PlanArgs>;

export const Default = stories.Default;
export const InPlanSource = stories.InPlanSource;
export const FromYamlFile = stories.FromYamlFile;
export const Loading = stories.Loading;
export const ErrorMissingFile = stories.ErrorMissingFile;
export const ErrorInvalidPlan = stories.ErrorInvalidPlan;
export const Empty = stories.Empty;
export const EveryStatus = stories.EveryStatus;
export const Overdue = stories.Overdue;
export const LongText = stories.LongText;
export const ThousandActions = stories.ThousandActions;
export const Welsh = stories.Welsh;
export const Dark = stories.Dark;
export const ForcedColours = stories.ForcedColours;
export const NarrowContainer = stories.NarrowContainer;
export const Print = stories.Print;

/**
 * A plan of 120 actions shown 25 at a time (`page-size="25"`): Previous, Next and page numbers under
 * the table; sorting and filtering work on every action and go back to the first page.
 */
export const Paged: StoryObj<PlanArgs> = {
  render: () => html`<plan-action-table page-size="25" .plan=${largePlan(120)}></plan-action-table>`,
  parameters: { docs: { description: { story: 'A plan of 120 actions shown 25 at a time (`page-size="25"`).' } } },
  play: async ({ canvasElement }) => {
    await settle(canvasElement);
    const table = canvasElement.querySelector('plan-action-table') as HTMLElement & { updateComplete: Promise<boolean> };
    const root = table.shadowRoot!;
    await expect(root.querySelectorAll('tr.action-row')).toHaveLength(25);
    const next = root.querySelector<HTMLButtonElement>('.page-step--next button')!;
    next.click();
    await table.updateComplete;
    await expect(root.querySelector('[aria-current="page"]')?.textContent?.trim()).toBe('2');
    await expect(root.querySelector('#count')?.textContent).toContain('showing 26 to 50');
  },
};
