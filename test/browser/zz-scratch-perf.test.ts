import { it } from 'vitest';
import { css } from 'lit';
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
const proto = PlanActionTable.prototype as any;
const times: any = { update: 0, layout: 0, n: 0, maxUpdate: 0, maxLayout: 0, u: [], l: [] };
const origUpdate = proto.update; proto.update = function (...a: any[]) { const t = performance.now(); const r = origUpdate.apply(this, a); const d = performance.now() - t; times.update += d; times.u.push(Math.round(d)); times.maxUpdate = Math.max(times.maxUpdate, d); times.n++; const t2 = performance.now(); this.shadowRoot.querySelector('table')?.getBoundingClientRect(); document.body.offsetHeight; const l = performance.now() - t2; times.layout += l; times.l.push(Math.round(l)); times.maxLayout = Math.max(times.maxLayout, l); return r; };
for (const variant of ['auto']) it('perf ' + variant, async () => {
  const n = 10000;
  const holder = document.createElement('div');
  holder.innerHTML = '<plan-action-table></plan-action-table>';
  const table = holder.firstElementChild as PlanActionTable;
  if (variant === 'fixed') {
    const sheet = new CSSStyleSheet(); sheet.replaceSync('table { table-layout: fixed } .col-id{width:5rem} .col-lead{width:20%} .col-due{width:15%} .col-status{width:10rem} .col-update{width:25%}');
    (table as any).constructor.elementStyles; // ensure
    const orig = (table as any).createRenderRoot.bind(table);
    (table as any).createRenderRoot = () => { const r = orig(); r.adoptedStyleSheets = [...r.adoptedStyleSheets, sheet]; return r; };
  }
  Object.assign(times, { update: 0, layout: 0, n: 0, maxUpdate: 0, maxLayout: 0, u: [], l: [] });
  const t0 = performance.now();
  table.plan = bigPlan(n);
  document.body.append(holder);
  await whenShown(table);
  while (table.shadowRoot!.querySelectorAll('tr.action-row').length < n) await new Promise((r) => requestAnimationFrame(r));
  console.log(variant, n, 'all rows', Math.round(performance.now() - t0), Math.round(times.update), Math.round(times.layout), times.l.join(","));
  holder.remove();
}, 120000);
