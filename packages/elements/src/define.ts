import { PlanActionTable } from './elements/plan-action-table.js';
import { PlanMilestoneTimeline } from './elements/plan-milestone-timeline.js';
import { PlanRagBadge } from './elements/plan-rag-badge.js';
import { PlanSource } from './elements/plan-source.js';
import { PlanSummary } from './elements/plan-summary.js';
import { defineElement } from './define-one.js';

export { defineElement };

/** Every element and its tag. The per-element classes have no side effects; this module registers them. */
export const ELEMENTS: ReadonlyArray<readonly [string, CustomElementConstructor]> = [
  ['plan-source', PlanSource],
  ['plan-rag-badge', PlanRagBadge],
  ['plan-summary', PlanSummary],
  ['plan-milestone-timeline', PlanMilestoneTimeline],
  ['plan-action-table', PlanActionTable],
];

/** Registers every Plankit element (each once). */
export function defineAll(): void {
  for (const [tag, element] of ELEMENTS) defineElement(tag, element);
}

defineAll();
