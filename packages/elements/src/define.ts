import { PlanActionTable } from './elements/plan-action-table.js';
import { PlanMilestoneTimeline } from './elements/plan-milestone-timeline.js';
import { PlanRagBadge } from './elements/plan-rag-badge.js';
import { PlanSource } from './elements/plan-source.js';
import { PlanSummary } from './elements/plan-summary.js';

/** Every element and its tag. The per-element classes have no side effects; this module registers them. */
export const ELEMENTS: ReadonlyArray<readonly [string, CustomElementConstructor]> = [
  ['plan-source', PlanSource],
  ['plan-rag-badge', PlanRagBadge],
  ['plan-summary', PlanSummary],
  ['plan-milestone-timeline', PlanMilestoneTimeline],
  ['plan-action-table', PlanActionTable],
];

/**
 * Registers a custom element unless the tag is taken. A second copy of the bundle on the same page
 * (two SharePoint web parts, say) warns instead of throwing.
 */
export function defineElement(tag: string, element: CustomElementConstructor): boolean {
  if (typeof customElements === 'undefined') return false;
  const existing = customElements.get(tag);
  if (existing) {
    if (existing !== element) console.warn(`plankit: <${tag}> is already defined on this page (another copy of Plankit?); the first definition is kept.`);
    return false;
  }
  customElements.define(tag, element);
  return true;
}

/** Registers every Plankit element (each once). */
export function defineAll(): void {
  for (const [tag, element] of ELEMENTS) defineElement(tag, element);
}

defineAll();
