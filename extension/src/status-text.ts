/**
 * The status bar item's words for the open plan: "Plan: 2 overdue · 5 green · 3 amber", and a tooltip
 * that says what was counted. Plain module, tested in Node.
 */
import { formatLongDate, type PlanAnalysis } from '@plankit/core';

/** What the status bar shows. */
export interface StatusText {
  text: string;
  tooltip: string;
}

/** A status label as a word in a count: "Green" becomes "green", an acronym such as "BRAG" stays. */
function countWord(label: string): string {
  return /^\p{Lu}[\p{Ll}\s'’-]*$/u.test(label) ? label.toLowerCase() : label;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * The counts for a plan's analysis: overdue items (actions and milestones, as the Problems panel
 * counts them), then how many actions have each status of the legend, in legend order, leaving out
 * statuses no action has.
 */
export function planStatusText(analysis: PlanAnalysis): StatusText {
  const overdue = analysis.overdue();
  const overdueActions = overdue.filter((item) => item.kind === 'action').length;
  const overdueMilestones = overdue.length - overdueActions;
  const counts = analysis.statusCounts('action');
  const parts: string[] = [];
  if (overdue.length > 0) parts.push(`${overdue.length} overdue`);
  const statusParts: string[] = [];
  const tooltipStatus: string[] = [];
  for (const definition of analysis.plan.statusScheme) {
    const count = counts.get(definition.key) ?? 0;
    if (count === 0) continue;
    statusParts.push(`${count} ${countWord(definition.label)}`);
    tooltipStatus.push(`${count} ${definition.label}`);
  }
  const none = counts.get('none') ?? 0;
  const unknown = counts.get('unknown') ?? 0;
  if (none > 0) {
    statusParts.push(`${none} no status`);
    tooltipStatus.push(`${none} with no status`);
  }
  if (unknown > 0) {
    statusParts.push(`${unknown} other`);
    tooltipStatus.push(`${unknown} with a status not in the plan's legend`);
  }
  parts.push(...statusParts);
  const actions = analysis.actions().length;
  if (parts.length === 0) parts.push(actions === 0 ? 'no actions' : plural(actions, 'action', 'actions'));
  const asAt = formatLongDate(analysis.asOf, analysis.plan.lang);
  const overdueLine =
    overdue.length === 0
      ? `Nothing overdue at ${asAt}.`
      : `Overdue at ${asAt}: ${[overdueActions > 0 ? plural(overdueActions, 'action', 'actions') : '', overdueMilestones > 0 ? plural(overdueMilestones, 'milestone', 'milestones') : ''].filter(Boolean).join(' and ')}.`;
  const statusLine = actions === 0 ? 'The plan has no actions yet.' : `${plural(actions, 'action', 'actions')}: ${tooltipStatus.join(', ')}.`;
  return {
    text: `Plan: ${parts.join(' · ')}`,
    tooltip: `${analysis.plan.title || 'Untitled plan'}\n${overdueLine}\n${statusLine}\nClick to open the preview.`,
  };
}

/** The status bar for a plan that cannot be read: how many errors, and the first one's line. */
export function planErrorText(errorCount: number, firstLine: number | undefined): StatusText {
  return {
    text: `Plan: ${plural(errorCount, 'error', 'errors')}`,
    tooltip: `The plan cannot be read as a plan until ${errorCount === 1 ? 'this error is' : 'these errors are'} put right${firstLine === undefined ? '' : ` (the first is on line ${firstLine + 1})`}. See the Problems panel.`,
  };
}
