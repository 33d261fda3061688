/**
 * @plankit/elements: the element classes and helpers, without registering any tag. Import
 * `@plankit/elements/define` (or load dist/plankit.js) to register them.
 */
export { PlanElement, type PlanErrorDetail } from './base.js';
export { planContext } from './context.js';
export { loadPlanState } from './state.js';
export type { PlanInput, PlanState } from './plan-state.js';
export { catalogue, langOf, type Lang } from './strings.js';
export { PlanSource } from './elements/plan-source.js';
export { PlanRagBadge } from './elements/plan-rag-badge.js';
export { PlanSummary } from './elements/plan-summary.js';
export { PlanMilestoneTimeline, type PlanActionSelectDetail, type TimelineZoom } from './elements/plan-milestone-timeline.js';
export { PlanActionTable, TABLE_COLUMNS, DEFAULT_TABLE_COLUMNS } from './elements/plan-action-table.js';
