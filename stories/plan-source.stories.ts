/**
 * <plan-source>: loads one plan and provides it to the plan elements inside it. Its stories show the
 * whole page (summary, action table, milestone timeline) in every state, through context.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect } from 'storybook/test';
import type { PlanSource } from '../packages/elements/src/index.js';
import { samplePlan } from './fixtures.js';
import { planArgTypes, planElementStories, type PlanArgs } from './plan-element-stories.js';
import { MISSING_PLAN_URL, settle } from './support.js';

const stories = planElementStories('plan-source');

export default {
  title: 'Elements/plan-source',
  component: 'plan-source',
  argTypes: planArgTypes,
} satisfies Meta<PlanArgs>;

const sourceIn = (canvas: HTMLElement) => canvas.querySelector('plan-source') as PlanSource;

export const Default: StoryObj<PlanArgs> = {
  ...stories.Default,
  play: async ({ canvasElement }) => {
    await settle(canvasElement);
    const source = sourceIn(canvasElement);
    await expect(source.state.status).toBe('ready');
    await expect(source.state.plan?.title).toBe('Community Safety Partnership Action Plan 2017/18');
  },
};

/** The plan written into the page as `<script type="application/json">`: no request at all. */
export const InlineJson: StoryObj<PlanArgs> = {
  render: () => {
    const source = document.createElement('plan-source');
    const script = document.createElement('script');
    script.type = 'application/json';
    script.textContent = JSON.stringify(samplePlan({ title: 'Inline plan' }));
    source.append(script, document.createElement('plan-summary'), document.createElement('plan-action-table'));
    return source;
  },
  parameters: { docs: { description: { story: 'The plan as an inline `<script type="application/json">` child: what an intranet page can paste in.' } } },
  play: async ({ canvasElement }) => {
    await settle(canvasElement);
    await expect(sourceIn(canvasElement).state.plan?.title).toBe('Inline plan');
  },
};

export const FromYamlFile = stories.FromYamlFile;
export const Loading = stories.Loading;
export const ErrorMissingFile: StoryObj<PlanArgs> = {
  ...stories.ErrorMissingFile,
  play: async (context) => {
    await stories.ErrorMissingFile.play(context);
    const { error } = sourceIn(context.canvasElement).state;
    await expect(error?.kind).toBe('http');
    await expect(error?.message).toContain(MISSING_PLAN_URL);
  },
};
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
