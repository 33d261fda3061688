/**
 * From what the preview says was selected (an action or milestone's path and key) to where it is in
 * the text. The core's model carries a source range for every object. Plain module, tested in Node.
 */
import type { Action, Milestone, Plan, Range } from '@plankit/core';

/** What the preview sends when the reader selects an action or a milestone. */
export interface ItemSelection {
  /** The item's path in the plan, e.g. ['themes', 0, 'actions', 2] (from the model the webview built). */
  path?: readonly (string | number)[];
  /** Its stable key (the id as written, else made from its place). */
  key?: string;
  kind?: 'action' | 'milestone';
}

/** Whether two paths are the same. */
function samePath(a: readonly (string | number)[], b: readonly (string | number)[]): boolean {
  return a.length === b.length && a.every((segment, index) => segment === b[index]);
}

/** Every action and milestone of a plan, in plan order. */
function itemsOf(plan: Plan): (Action | Milestone)[] {
  return plan.themes.flatMap((theme) => theme.actions.flatMap((action) => [action, ...action.milestones]));
}

/**
 * The item a selection names in this version of the plan: by its path when the item there has the
 * same key (the text may have changed since the preview was drawn), else the first item with that key
 * (and kind, when given).
 */
export function findItem(plan: Plan, selection: ItemSelection): Action | Milestone | undefined {
  const items = itemsOf(plan);
  if (selection.path) {
    const byPath = items.find((item) => samePath(item.path, selection.path ?? []));
    if (byPath && (selection.key === undefined || byPath.key === selection.key)) return byPath;
  }
  if (selection.key === undefined) return undefined;
  return items.find((item) => item.key === selection.key && (selection.kind === undefined || item.kind === selection.kind));
}

/** Where to put the cursor for a selected item: its range in the text, or undefined if it is no longer there. */
export function rangeOfSelection(plan: Plan, selection: ItemSelection): Range | undefined {
  return findItem(plan, selection)?.range;
}
