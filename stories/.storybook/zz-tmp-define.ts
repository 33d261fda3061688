// TEMPORARY (not to keep): registers the two elements not yet in define.ts, to try their stories.
import { PlanActionTable } from '../../packages/elements/src/elements/plan-action-table.js';
import { PlanMilestoneTimeline } from '../../packages/elements/src/elements/plan-milestone-timeline.js';
customElements.get('plan-action-table') || customElements.define('plan-action-table', PlanActionTable);
customElements.get('plan-milestone-timeline') || customElements.define('plan-milestone-timeline', PlanMilestoneTimeline);
