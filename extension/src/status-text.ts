/**
 * The status bar item's words for the open plan: "Plan: 2 overdue · 5 green · 3 amber", and a tooltip
 * that says what was counted. Plain module, tested in Node.
 */
import { formatLongDate, type PlanCounts } from '@plankit/core/lite';

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
 * The words for a plan's counts (the language server works them out from its latest check):
 * overdue items (actions and milestones, as the Problems panel counts them), then how many actions
 * have each status of the legend, in legend order (statuses no action has are not in the counts).
 */
export function planStatusText(counts: PlanCounts): StatusText {
  const overdue = counts.overdueActions + counts.overdueMilestones;
  const parts: string[] = [];
  if (overdue > 0) parts.push(`${overdue} overdue`);
  const tooltipStatus: string[] = [];
  for (const status of counts.statuses) {
    parts.push(`${status.count} ${countWord(status.label)}`);
    tooltipStatus.push(`${status.count} ${status.label}`);
  }
  if (counts.noStatus > 0) {
    parts.push(`${counts.noStatus} no status`);
    tooltipStatus.push(`${counts.noStatus} with no status`);
  }
  if (counts.otherStatus > 0) {
    parts.push(`${counts.otherStatus} other`);
    tooltipStatus.push(`${counts.otherStatus} with a status not in the plan's legend`);
  }
  if (parts.length === 0) parts.push(counts.actions === 0 ? 'no actions' : plural(counts.actions, 'action', 'actions'));
  // Updates started (a quarter's round) and not yet written: counted down as the officer writes them.
  if (counts.updatesToWrite > 0) parts.push(`${plural(counts.updatesToWrite, 'update', 'updates')} to write`);
  const asAt = formatLongDate(counts.asOf, counts.lang);
  const overdueLine =
    overdue === 0
      ? `Nothing overdue at ${asAt}.`
      : `Overdue at ${asAt}: ${[counts.overdueActions > 0 ? plural(counts.overdueActions, 'action', 'actions') : '', counts.overdueMilestones > 0 ? plural(counts.overdueMilestones, 'milestone', 'milestones') : ''].filter(Boolean).join(' and ')}.`;
  const statusLine = counts.actions === 0 ? 'The plan has no actions yet.' : `${plural(counts.actions, 'action', 'actions')}: ${tooltipStatus.join(', ')}.`;
  return {
    text: `Plan: ${parts.join(' · ')}`,
    tooltip: `${counts.title || 'Untitled plan'}\n${overdueLine}\n${statusLine}\n${toWriteLine(counts.updatesToWrite)}Click to open the preview.`,
  };
}

/** The tooltip's line for updates whose progress text is still to be written, with its line break; none when there are none. */
function toWriteLine(count: number): string {
  if (count === 0) return '';
  return `${count === 1 ? '1 update has' : `${count} updates have`} no progress text yet (see the Problems panel).\n`;
}

/** The status bar for a plan that cannot be read: how many errors, and the first one's line. */
export function planErrorText(errorCount: number, firstLine: number | undefined): StatusText {
  return {
    text: `Plan: ${plural(errorCount, 'error', 'errors')}`,
    tooltip: `The plan cannot be read as a plan until ${errorCount === 1 ? 'this error is' : 'these errors are'} put right${firstLine === undefined ? '' : ` (the first is on line ${firstLine + 1})`}. See the Problems panel.`,
  };
}
