/** <plan-action-table>: every state, from the shared catalogue of examples (plan-element-stories.ts). */
import type { Meta } from '@storybook/web-components-vite';
import { planArgTypes, planElementStories, type PlanArgs } from './plan-element-stories.js';

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
