import { it } from 'vitest';
import '../../packages/elements/src/define.js';
import { PlanActionTable } from '../../packages/elements/src/elements/plan-action-table.js';
import { defineElement, samplePlan, whenShown } from './helpers.js';
defineElement('plan-action-table', PlanActionTable);
it('count', async () => {
  const holder = document.createElement('div');
  holder.innerHTML = '<plan-action-table></plan-action-table>';
  const table = holder.firstElementChild as PlanActionTable;
  table.plan = samplePlan();
  document.body.append(holder);
  await whenShown(table);
  const row = table.shadowRoot!.querySelector('[id="action-1.2"]')!;
  const walker = document.createTreeWalker(row, NodeFilter.SHOW_ALL);
  const counts: Record<string, number> = {};
  let n: Node | null = walker.currentNode;
  while (n) { const k = n.nodeType === 1 ? 'el' : n.nodeType === 3 ? 'text' : n.nodeType === 8 ? 'comment' : 'other'; counts[k] = (counts[k] ?? 0) + 1; n = walker.nextNode(); }
  console.log(JSON.stringify(counts));
  console.log(row.outerHTML);
});
