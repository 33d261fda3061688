import { it } from 'vitest';
import { cdp, commands } from 'vitest/browser';
import '../../packages/elements/src/define.js';
import { PlanActionTable } from '../../packages/elements/src/elements/plan-action-table.js';
import { defineElement, samplePlan, whenShown } from './helpers.js';
defineElement('plan-action-table', PlanActionTable);
function bigPlan(count: number) {
  const statuses = ['green', 'amber', 'red', 'blue', 'not-started'];
  const themes = Array.from({ length: 10 }, (_, t) => ({ id: `T${t + 1}`, title: `Theme ${t + 1}`,
    actions: Array.from({ length: count / 10 }, (_, a) => ({ id: `${t + 1}.${a + 1}`, title: `Action ${t + 1}.${a + 1}`, lead: a % 2 === 0 ? 'KCC' : 'TMBC', due: `28/${String((a % 12) + 1).padStart(2, '0')}/2018`, status: statuses[a % statuses.length] })) }));
  return samplePlan({ themes });
}
it('prof', async () => {
  const session = cdp();
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 200 });
  const holder = document.createElement('div');
  holder.innerHTML = '<plan-action-table></plan-action-table>';
  const table = holder.firstElementChild as PlanActionTable;
  table.plan = bigPlan(2000);
  await session.send('Profiler.start');
  document.body.append(holder);
  await whenShown(table);
  while (table.shadowRoot!.querySelectorAll('tr.action-row').length < 2000) await new Promise((r) => requestAnimationFrame(r));
  const { profile } = await session.send('Profiler.stop') as any;
  const self = new Map<string, number>();
  const byId = new Map<number, any>(profile.nodes.map((n: any) => [n.id, n]));
  const counts = new Map<number, number>();
  for (const s of profile.samples) counts.set(s, (counts.get(s) ?? 0) + 1);
  for (const [id, c] of counts) { const n = byId.get(id); const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`; self.set(k, (self.get(k) ?? 0) + c); }
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 25);
  console.log(top.map(([k, v]) => `${v}\t${k}`).join('\n'));
}, 120000);
