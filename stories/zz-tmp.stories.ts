import axe from 'axe-core';
import { planElementStories } from './plan-element-stories.js';
import { settle } from './support.js';
const s = planElementStories('plan-action-table');
export default { title: 'Tmp', component: 'plan-action-table', parameters: {} };
export const Big = {
  ...s.ThousandActions,
  parameters: { a11y: { test: 'off' } },
  timeout: 1,
  play: async ({ canvasElement }: any) => {
    await settle(canvasElement);
    const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
    let t = performance.now();
    await axe.run(document.body, { runOnly: { type: 'tag', values: tags }, rules: { 'color-contrast': { enabled: false } }, resultTypes: ['violations'] });
    console.log('RULE all-but-contrast', Math.round(performance.now() - t));
    t = performance.now();
    await axe.run(document.body, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    console.log('RULE all', Math.round(performance.now() - t));
  },
};
(Big as any).tags = ['!x'];
