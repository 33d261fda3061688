import axe from 'axe-core';
import { planElementStories } from './plan-element-stories.js';
import { settle } from './support.js';
const s = planElementStories('plan-action-table');
export default { title: 'Tmp', component: 'plan-action-table' };
export const Big = {
  ...s.ThousandActions,
  parameters: { a11y: { test: 'off' } },
  play: async ({ canvasElement }: any) => {
    await settle(canvasElement);
    const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
    const rules = axe.getRules(tags).map((r) => r.ruleId);
    const times: Array<[string, number]> = [];
    for (const rule of rules) {
      const t = performance.now();
      await axe.run(document.body, { runOnly: { type: 'rule', values: [rule] }, resultTypes: ['violations'] });
      times.push([rule, Math.round(performance.now() - t)]);
      if (times[times.length - 1][1] > 300) console.log('RULE', rule, times[times.length - 1][1]);
    }
    times.sort((a, b) => b[1] - a[1]);
    console.log('RULES', JSON.stringify(times.slice(0, 12)), 'total', times.reduce((n, [, t]) => n + t, 0));
  },
};
