import { AgencyIndex } from './agencies.js';
import type { PathSegment } from './ast.js';
import { addDays, compareIsoDates, daysBetween, type IsoDate } from './dates.js';
import { deadlineOf, nextOccurrence, type DueInterpretation } from './due.js';
import type { Action, Agency, AgencyMention, Milestone, Plan, Theme, Update } from './model.js';
import { COLOUR_RANK, StatusLegend, type StatusDefinition } from './status.js';

/** An action or a milestone: the things that have dates and statuses. */
export type PlanItem = Action | Milestone;

/** The default due-soon window, in days (as org-mode's deadline warning). */
export const DEFAULT_DUE_SOON_DAYS = 14;

/** What the queries need besides the plan: the reporting date, the due-soon window and the agencies. */
export interface AnalysisOptions {
  /** The as-of (reporting) date: never read from the clock here. */
  asOf: IsoDate;
  /** Days before a deadline that an item counts as due soon (default 14). */
  dueSoonDays?: number;
  /** Agencies from register files, added to the plan's own. */
  registerAgencies?: Iterable<Agency>;
}

/** Where an item stands at the as-of date. */
export interface ItemState {
  /** The status as written (the item's own, else its latest update's). */
  statusText?: string;
  /** That status in the plan's legend, if it is there. */
  status?: StatusDefinition;
  /**
   * Where the status came from: the item's own `status`, its latest update, or (for an action
   * that has neither) rolled up from its milestones: the least good status of those not complete,
   * or a complete status when all are. Plans such as Sevenoaks keep RAG on milestone rows only.
   */
  statusBasis?: 'own' | 'update' | 'milestones';
  complete: boolean;
  /** The date after which the item is overdue, if the due text gives one. */
  deadline?: IsoDate;
  overdue: boolean;
  dueSoon: boolean;
  /** Days from the as-of date to the deadline (negative when overdue). */
  daysToDeadline?: number;
}

/** Improving, no change or worsening, from the latest two comparable updates. */
export type DirectionOfTravel = 'improving' | 'no-change' | 'worsening';

/** A direction of travel and what it was worked out from. */
export interface Direction {
  direction: DirectionOfTravel;
  /** 'value' when measured values and polarity were compared, 'status' when statuses were. */
  basis: 'value' | 'status';
  from: Update;
  to: Update;
}

/** How an item can be placed on a time axis. */
export type TimelinePlacement = 'dated' | 'ongoing' | 'recurring' | 'unresolved' | 'undated';

/** One item on the plan's timeline. */
export interface TimelineEntry {
  item: PlanItem;
  theme: Theme;
  placement: TimelinePlacement;
  /** Earliest date the due text allows, when known. */
  start?: IsoDate;
  /** The deadline, when known. */
  end?: IsoDate;
  /** The next occurrence of a recurring item on or after the as-of date. */
  next?: IsoDate;
  state: ItemState;
}

/**
 * A plan together with an as-of date: everything the front ends ask of it, each worked out once.
 * All answers are functions of the plan and the options; nothing reads the clock.
 */
export class PlanAnalysis {
  readonly asOf: IsoDate;
  readonly dueSoonDays: number;
  readonly legend: StatusLegend;
  readonly agencies: AgencyIndex;
  private readonly states = new Map<PlanItem, ItemState>();
  private itemList?: PlanItem[];

  constructor(readonly plan: Plan, options: AnalysisOptions) {
    this.asOf = options.asOf;
    this.dueSoonDays = options.dueSoonDays ?? DEFAULT_DUE_SOON_DAYS;
    this.legend = new StatusLegend(plan.statusScheme);
    this.agencies = new AgencyIndex([...plan.agencies, ...(options.registerAgencies ?? [])]);
  }

  /** Every action and milestone in plan order (each action before its milestones). */
  items(): PlanItem[] {
    if (!this.itemList) {
      const list: PlanItem[] = [];
      for (const theme of this.plan.themes) {
        const actions = theme.actions;
        for (let i = 0; i < actions.length; i++) {
          list.push(actions[i]);
          const milestones = actions[i].milestones;
          for (let m = 0; m < milestones.length; m++) list.push(milestones[m]);
        }
      }
      this.itemList = list;
    }
    return this.itemList;
  }

  private actionList?: Action[];

  /** Every action in plan order. */
  actions(): Action[] {
    this.actionList ??= this.plan.themes.flatMap((theme) => theme.actions);
    return this.actionList;
  }

  /** The status as written for an item: its own, else that of its latest update. */
  statusTextOf(item: PlanItem | Update): string | undefined {
    if (item.status !== undefined) return item.status;
    if ('updates' in item) return latestUpdate(item.updates)?.status;
    return undefined;
  }

  /** Where an item stands at the as-of date. */
  state(item: PlanItem): ItemState {
    let state = this.states.get(item);
    if (state) return state;
    let statusText = this.statusTextOf(item);
    let statusBasis: ItemState['statusBasis'] = item.status !== undefined ? 'own' : statusText !== undefined ? 'update' : undefined;
    let status = this.legend.resolve(statusText);
    if (statusText === undefined && item.kind === 'action' && item.milestones.length > 0) {
      const rolled = this.rollUp(item);
      if (rolled) {
        status = rolled;
        statusText = rolled.key;
        statusBasis = 'milestones';
      }
    }
    const complete =
      status?.complete === true ||
      item.completed !== undefined ||
      (item.kind === 'action' && (item.percentComplete === 100 || (item.milestones.length > 0 && item.milestones.every((m) => this.state(m).complete))));
    const deadline = item.due ? deadlineOf(item.due.interpretation) : undefined;
    const daysToDeadline = deadline ? daysBetween(this.asOf, deadline) : undefined;
    const overdue = !complete && daysToDeadline !== undefined && daysToDeadline < 0;
    const dueSoon = !complete && daysToDeadline !== undefined && daysToDeadline >= 0 && daysToDeadline <= this.dueSoonDays;
    state = { statusText, status, statusBasis, complete, deadline, overdue, dueSoon, daysToDeadline };
    this.states.set(item, state);
    return state;
  }

  /** An action's status from its milestones: the least good of those not complete, else a complete one. */
  private rollUp(action: Action): StatusDefinition | undefined {
    let worst: StatusDefinition | undefined;
    let completeStatus: StatusDefinition | undefined;
    let allComplete = true;
    for (const milestone of action.milestones) {
      const state = this.state(milestone);
      if (state.complete) {
        completeStatus ??= state.status?.complete ? state.status : undefined;
        continue;
      }
      allComplete = false;
      const rank = state.status ? COLOUR_RANK[state.status.colour] : undefined;
      if (rank === undefined) continue;
      const worstRank = worst ? COLOUR_RANK[worst.colour] : undefined;
      if (worstRank === undefined || rank < worstRank) worst = state.status;
    }
    if (allComplete) return completeStatus ?? this.plan.statusScheme.find((definition) => definition.complete);
    return worst;
  }

  /** Items whose status (by key, label or alias) is the given one; `undefined` for items with no status. */
  byStatus(status: string | undefined, kind?: PlanItem['kind']): PlanItem[] {
    const wanted = status === undefined ? undefined : this.legend.resolve(status);
    return this.items().filter((item) => {
      if (kind && item.kind !== kind) return false;
      const state = this.state(item);
      return status === undefined ? state.statusText === undefined : state.status !== undefined && state.status === wanted;
    });
  }

  /** The agencies an agency mention names (several for a joint lead), or none if unknown. */
  agenciesOf(mention: AgencyMention): Agency[] {
    return this.agencies.match(mention.text)?.agencies ?? [];
  }

  /** Items an agency leads or partners in (a milestone without its own lead is led by its action's lead). */
  byAgency(agencyId: string, role: 'lead' | 'partner' | 'any' = 'any', kind?: PlanItem['kind']): PlanItem[] {
    const agency = this.agencies.byId(agencyId);
    const names = (mentions: readonly AgencyMention[]) => mentions.some((mention) => (agency ? this.agenciesOf(mention).includes(agency) : mention.text === agencyId));
    return this.items().filter((item) => {
      if (kind && item.kind !== kind) return false;
      const lead = item.kind === 'milestone' && item.lead.length === 0 ? item.action.lead : item.lead;
      return (role !== 'partner' && names(lead)) || (role !== 'lead' && names(item.partners));
    });
  }

  /** Items past their deadline at the as-of date and not complete. */
  overdue(kind?: PlanItem['kind']): PlanItem[] {
    return this.items().filter((item) => (!kind || item.kind === kind) && this.state(item).overdue);
  }

  /** Items not complete whose deadline falls within `days` after the as-of date (inclusive). */
  dueWithin(days: number, kind?: PlanItem['kind']): PlanItem[] {
    const until = addDays(this.asOf, days);
    return this.items().filter((item) => {
      if (kind && item.kind !== kind) return false;
      const state = this.state(item);
      return !state.complete && state.deadline !== undefined && compareIsoDates(state.deadline, this.asOf) >= 0 && compareIsoDates(state.deadline, until) <= 0;
    });
  }

  /** How many items have each status key (in legend order), plus 'none' for items with none and 'unknown' for words not in the legend. */
  statusCounts(kind: PlanItem['kind'] | 'all' = 'action'): Map<string, number> {
    const counts = new Map<string, number>();
    for (const definition of this.plan.statusScheme) counts.set(definition.key, 0);
    counts.set('none', 0);
    counts.set('unknown', 0);
    for (const item of this.items()) {
      if (kind !== 'all' && item.kind !== kind) continue;
      const state = this.state(item);
      const key = state.status ? state.status.key : state.statusText === undefined ? 'none' : 'unknown';
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
  }

  /**
   * How far through an action is, 0-100: its own percentComplete, else the share of its
   * milestones complete, else 100 if complete and 0 if not.
   */
  percentComplete(action: Action): number {
    if (action.percentComplete !== undefined) return action.percentComplete;
    if (action.milestones.length > 0) {
      const done = action.milestones.filter((milestone) => this.state(milestone).complete).length;
      return Math.round((done / action.milestones.length) * 100);
    }
    return this.state(action).complete ? 100 : 0;
  }

  /** The plan's percent complete: the mean of its actions' (0 for a plan without actions). */
  planPercentComplete(): number {
    const actions = this.actions();
    if (actions.length === 0) return 0;
    const total = actions.reduce((sum, action) => sum + this.percentComplete(action), 0);
    return Math.round(total / actions.length);
  }

  /**
   * Direction of travel from the latest two updates that can be compared: by measured value when
   * both have a number and the action says which way is better (polarity), else by status rank
   * (red < amber < green < blue). Undefined when there is nothing to compare.
   */
  directionOfTravel(item: PlanItem): Direction | undefined {
    const dated = item.updates.filter((update) => update.asOf !== undefined);
    const ordered = [...dated].sort((a, b) => compareIsoDates(a.asOf!, b.asOf!));
    const polarity = item.kind === 'action' ? item.polarity : item.action.polarity;
    if (polarity) {
      const valued = ordered.filter((update) => numberIn(update.value) !== undefined);
      if (valued.length >= 2) {
        const from = valued[valued.length - 2];
        const to = valued[valued.length - 1];
        const change = numberIn(to.value)! - numberIn(from.value)!;
        const better = polarity === 'higher' ? change > 0 : change < 0;
        return { direction: change === 0 ? 'no-change' : better ? 'improving' : 'worsening', basis: 'value', from, to };
      }
    }
    const ranked = ordered.filter((update) => this.rankOf(update.status) !== undefined);
    if (ranked.length < 2) return undefined;
    const from = ranked[ranked.length - 2];
    const to = ranked[ranked.length - 1];
    const change = this.rankOf(to.status)! - this.rankOf(from.status)!;
    return { direction: change === 0 ? 'no-change' : change > 0 ? 'improving' : 'worsening', basis: 'status', from, to };
  }

  private rankOf(status: string | undefined): number | undefined {
    const definition = this.legend.resolve(status);
    return definition ? COLOUR_RANK[definition.colour] : undefined;
  }

  /**
   * Every action and milestone for a time axis: dated ones with their start and deadline;
   * ongoing, recurring, unresolved (TBC, relative, season, two dates) and undated ones apart,
   * never guessed onto the axis.
   */
  timeline(): TimelineEntry[] {
    return this.items().map((item) => {
      const theme = item.kind === 'action' ? item.theme : item.action.theme;
      const state = this.state(item);
      const interpretation = item.due?.interpretation;
      return { item, theme, state, ...placementOf(interpretation, this.asOf) };
    });
  }
}

function placementOf(due: DueInterpretation | undefined, asOf: IsoDate): Pick<TimelineEntry, 'placement' | 'start' | 'end' | 'next'> {
  if (!due || due.kind === 'not-applicable') return { placement: 'undated' };
  const end = deadlineOf(due);
  switch (due.kind) {
    case 'ongoing':
      return { placement: 'ongoing', start: due.earliest, end };
    case 'recurring':
      return { placement: 'recurring', end, next: nextOccurrence(due, asOf) };
    case 'tbc':
    case 'relative':
    case 'season':
    case 'unknown':
    case 'alternatives':
      return { placement: 'unresolved' };
    default:
      if (!end) return { placement: due.earliest ? 'ongoing' : 'unresolved', start: due.earliest };
      return { placement: 'dated', start: due.earliest ?? end, end };
  }
}

/** The latest update by date (the last written wins among equal dates; undated ones only if none is dated). */
export function latestUpdate(updates: readonly Update[]): Update | undefined {
  let latest: Update | undefined;
  for (const update of updates) {
    if (!latest) latest = update;
    else if (update.asOf === undefined) {
      if (latest.asOf === undefined) latest = update;
    } else if (latest.asOf === undefined || compareIsoDates(update.asOf, latest.asOf) >= 0) latest = update;
  }
  return latest;
}

/**
 * Updates for display, newest first: dated ones by date, undated ones last, and among equal dates
 * the one written later first (the order of the table element and the printed report).
 */
export function updatesNewestFirst(updates: readonly Update[]): Update[] {
  return updates
    .map((update, index) => ({ update, index }))
    .sort((a, b) => {
      const x = a.update.asOf;
      const y = b.update.asOf;
      if (x !== y) {
        if (x === undefined) return 1;
        if (y === undefined) return -1;
        return compareIsoDates(y, x);
      }
      return b.index - a.index;
    })
    .map(({ update }) => update);
}

/** The first number in a measured value such as '82%' or '39 referrals'. */
function numberIn(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = /-?\d+(?:[.,]\d+)?/.exec(value.replace(/,(?=\d{3}\b)/g, ''));
  return match ? Number(match[0].replace(',', '.')) : undefined;
}

/** How many actions have one status of the plan's legend. */
export interface StatusCount {
  key: string;
  label: string;
  count: number;
}

/** A plan's headline counts: what a status line shows. A plain value (it goes over the wire as JSON). */
export interface PlanCounts {
  title: string;
  lang: 'en' | 'cy';
  asOf: IsoDate;
  /** How many actions the plan has. */
  actions: number;
  /** Actions and milestones overdue at the as-of date (as the overdue findings count them). */
  overdueActions: number;
  overdueMilestones: number;
  /** Actions by status of the plan's legend, in legend order (only statuses that occur, as on a theme's code lens). */
  statuses: StatusCount[];
  /** Actions with no status, and with a status word not in the legend. */
  noStatus: number;
  otherStatus: number;
  /** Updates of actions and milestones whose progress text is still empty (the `update-without-text` findings). */
  updatesToWrite: number;
}

/** Whether an update's progress text is written but empty (or only spaces): the `update-without-text` finding. */
export function hasNoProgressText(update: Update): boolean {
  return update.text !== undefined && update.text.trim() === '';
}

/** The headline counts of an analysed plan. */
export function planCounts(analysis: PlanAnalysis): PlanCounts {
  const overdue = analysis.overdue();
  const overdueActions = overdue.filter((item) => item.kind === 'action').length;
  const counts = analysis.statusCounts('action');
  return {
    title: analysis.plan.title,
    lang: analysis.plan.lang,
    asOf: analysis.asOf,
    actions: analysis.actions().length,
    overdueActions,
    overdueMilestones: overdue.length - overdueActions,
    statuses: analysis.plan.statusScheme.flatMap((definition) => {
      const count = counts.get(definition.key) ?? 0;
      return count > 0 ? [{ key: definition.key, label: definition.label, count }] : [];
    }),
    noStatus: counts.get('none') ?? 0,
    otherStatus: counts.get('unknown') ?? 0,
    updatesToWrite: analysis.items().reduce((sum, item) => sum + item.updates.filter(hasNoProgressText).length, 0),
  };
}

/** An action or milestone as another view of the same plan names it (a preview built from the plain value). */
export interface PlanItemSelection {
  /** The item's path in the plan, e.g. ['themes', 0, 'actions', 2]. */
  path?: readonly PathSegment[];
  /** Its stable key (the id as written, else made from its place). */
  key?: string;
  kind?: 'action' | 'milestone';
}

/**
 * The item a selection names in this version of the plan: by its path when the item there has the
 * same key (the text may have changed since the other view was drawn), else the first item with
 * that key (and kind, when given).
 */
export function findPlanItem(plan: Plan, selection: PlanItemSelection): PlanItem | undefined {
  const items = plan.themes.flatMap((theme) => theme.actions.flatMap((action): PlanItem[] => [action, ...action.milestones]));
  const path = selection.path;
  if (path) {
    const byPath = items.find((item) => item.path.length === path.length && item.path.every((segment, index) => segment === path[index]));
    if (byPath && (selection.key === undefined || byPath.key === selection.key)) return byPath;
  }
  if (selection.key === undefined) return undefined;
  return items.find((item) => item.key === selection.key && (selection.kind === undefined || item.kind === selection.kind));
}
