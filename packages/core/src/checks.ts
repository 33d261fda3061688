import { nodeAt, type AstNode, type PathSegment } from './ast.js';
import type { AgencyFinding, AgencySuggestion, JointPart } from './agencies.js';
import { compareIsoDates, describeInterval, formatLongDate } from './dates.js';
import type { Diagnostic, DiagnosticCode, Severity } from './diagnostics.js';
import { DIAGNOSTIC_CODES } from './diagnostics.js';
import { verbatimValueStart } from './editing.js';
import type { AgencyMention, Link, Plan } from './model.js';
import type { LineIndex, Range } from './positions.js';
import { hasNoProgressText, latestUpdate, type PlanAnalysis, type PlanItem } from './queries.js';
import { foldName } from './similarity.js';
import type { DueKind } from './due.js';
import { finish, ITEMS_PER_STEP, type Stage } from './steps.js';

/** What the checks need besides the analysis: the file's tree for exact ranges, and other plans for cross-plan links. */
export interface CheckContext {
  root: AstNode;
  lines: LineIndex;
  /** Plans named by `links[].plan`, by the path as written in the link, when the front end could load them. */
  linkedPlans?: ReadonlyMap<string, Plan>;
  /**
   * Findings of earlier checks of the same file, reused for model objects that are the same objects
   * as then (an editor re-reads only what an edit touched: see `rereadPlanFile`).
   */
  cache?: CheckCache;
}

/**
 * What one check leaves for the next check of the same file: each action's and milestone's date
 * findings, and each agency name's match, under the settings they were made with. Reused only for
 * identical model objects and settings, so a check with a cache reports exactly what one without
 * does.
 */
export class CheckCache {
  /** The settings the entries below were made under; a change empties them. */
  private key = '';
  private agencyKey = '';
  private items = new WeakMap<object, Diagnostic[]>();
  private agencyFindings = new Map<string, AgencyFinding>();

  /** Starts a check: entries made under other settings are dropped. */
  begin(analysis: PlanAnalysis): void {
    const key = JSON.stringify([analysis.asOf, analysis.dueSoonDays, analysis.plan.statusScheme, analysis.plan.period ?? null]);
    if (key !== this.key) {
      this.key = key;
      this.items = new WeakMap();
    }
    const agencyKey = JSON.stringify(analysis.agencies.fingerprint());
    if (agencyKey !== this.agencyKey) {
      this.agencyKey = agencyKey;
      this.agencyFindings = new Map();
    }
  }

  itemFindings(item: object): Diagnostic[] | undefined {
    return this.items.get(item);
  }

  setItemFindings(item: object, findings: Diagnostic[]): void {
    this.items.set(item, findings);
  }

  agency(analysis: PlanAnalysis, text: string): AgencyFinding {
    let found = this.agencyFindings.get(text);
    if (!found) {
      found = analysis.agencies.findingFor(text);
      if (this.agencyFindings.size > 50_000) this.agencyFindings.clear();
      this.agencyFindings.set(text, found);
    }
    return found;
  }
}

/** Marks that may follow an action number to point at a footnote (`2.2*`). */
const FOOTNOTE_MARK = /[*†‡§¶#^]+$|[¹²³⁴⁵⁶⁷⁸⁹⁰]+$/u;
/** The characters FOOTNOTE_MARK is made of (all single UTF-16 units). */
const MARK_CHARACTERS = new Set([...'*†‡§¶#^¹²³⁴⁵⁶⁷⁸⁹⁰'].map((character) => character.charCodeAt(0)));

/** Whether an id ends with a character FOOTNOTE_MARK could take off (a quick test before the regular expression). */
function mayEndWithMark(id: string): boolean {
  return id.length > 0 && MARK_CHARACTERS.has(id.charCodeAt(id.length - 1));
}

/** An action number without the footnote mark after it ("2.2*" → "2.2"): a reference to "2.2" means that action. */
export function withoutFootnoteMark(id: string): string {
  return mayEndWithMark(id) ? id.replace(FOOTNOTE_MARK, '') : id;
}

/**
 * Every check beyond the schema, on a plan and its as-of date. Each finding has a stable code
 * (documented in docs/checks.md) and data for quick fixes. Pure: no clock, no I/O.
 */
export function checkPlan(analysis: PlanAnalysis, context: CheckContext): Diagnostic[] {
  return finish(checkPlanInSteps(analysis, context));
}

/** `checkPlan` as a generator that pauses between its checks and every thousand items of the date checks. */
export function* checkPlanInSteps(analysis: PlanAnalysis, context: CheckContext): Generator<Stage, Diagnostic[], void> {
  const diagnostics: Diagnostic[] = [];
  context.cache?.begin(analysis);
  const { plan } = analysis;
  const report = reporterInto(diagnostics);
  const rangeAt = (path: readonly PathSegment[], fallback: Range): Range => {
    const node = nodeAt(context.root, path);
    return node ? context.lines.rangeOf(node.start, node.end) : fallback;
  };
  const asOfWords = formatLongDate(analysis.asOf);
  const items = analysis.items();
  const actions = analysis.actions();

  // Loops over every item are indexed, not for-of: until V8 optimises a function, a for-of
  // allocates a result object per step, and a plan's first check runs mostly unoptimised.

  // Duplicate ids: themes among themes, actions among actions, milestones among milestones.
  const checkIds = (kind: string, entries: { id?: string; path: PathSegment[]; range: Range }[]) => {
    const first = new Map<string, PathSegment[]>();
    const taken = new Set<string>();
    let written = 0;
    for (let i = 0; i < entries.length; i++) {
      const id = entries[i].id;
      if (id === undefined) continue;
      taken.add(id);
      written++;
    }
    // No id is written twice (the usual case): nothing to report.
    if (taken.size === written) return;
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i];
      if (entry.id === undefined) continue;
      const earlier = first.get(entry.id);
      if (!earlier) {
        first.set(entry.id, entry.path);
        continue;
      }
      const suggestion = freeId(entry.id, taken);
      taken.add(suggestion);
      report('duplicate-id', rangeAt([...entry.path, 'id'], entry.range), `Another ${kind} already has the id "${entry.id}": ids must be unique so that links and references are clear. "${suggestion}" is free.`, {
        id: entry.id,
        kind,
        firstPath: earlier,
        suggestion,
      });
    }
  };
  checkIds('theme', plan.themes);
  checkIds('action', actions);
  const milestones: PlanItem[] = [];
  for (let i = 0; i < items.length; i++) if (items[i].kind === 'milestone') milestones.push(items[i]);
  checkIds('milestone', milestones);
  checkIds('agency', plan.agencies);
  yield 'checking';

  // Agencies named as leads, partners and risk owners must be in a register (when there is one).
  if (!analysis.agencies.isEmpty) {
    /**
     * Reports one unknown agency of a mention: `written` is the whole lead or partner, or one
     * agency of a joint lead (`part`, with the whole as `within`); `group` when it names only a
     * group ("All partners").
     */
    const reportUnknown = (
      mention: AgencyMention,
      { written, range, suggestion, part, group = false }: { written: string; range: Range; suggestion?: AgencySuggestion; part?: JointPart; group?: boolean },
    ) => {
      const data: Record<string, unknown> = { agency: written, role: mention.role, path: mention.path };
      if (part) Object.assign(data, { within: mention.text, partStart: part.start, partEnd: part.end });
      const quoted = part ? `"${written}" (in "${mention.text}")` : `"${written}"`;
      if (group) {
        // "All partners" as the lead (partners are not reported): no one agency answers for the work.
        data.group = true;
        report('unknown-agency', range, `${quoted} names no one agency: name the registered agency that leads (the others can be partners).`, data);
      } else if (suggestion) {
        data.suggestion = suggestion.agency.id;
        data.suggestionName = suggestion.agency.name;
        const { id, name } = suggestion.agency;
        const named = name === id ? id : `${id}, ${name}`;
        const via = suggestion.matched === id || suggestion.matched === name ? '' : ` (“${suggestion.matched}”)`;
        report('unknown-agency', range, `${quoted} is not in the agency register. Did you mean ${named}${via}?`, data);
      } else if (mention.role === 'lead') {
        report('unknown-agency', range, `${quoted} is not in the agency register: add it to the register, or use the id of a registered agency.`, data);
      } else {
        // A partner cell often names a resource or a loose group ("Adult Pooled Treatment Budget"): a note, not a warning.
        report('unknown-agency', range, `${quoted} is not in the agency register. If it is an agency or group, add it to the register.`, data, 'info');
      }
    };
    const checkMention = (mention: AgencyMention) => {
      const found = context.cache ? context.cache.agency(analysis, mention.text) : analysis.agencies.findingFor(mention.text);
      if (found.match) return;
      // A partner cell of "All partners" names everyone: nothing to register.
      if (found.group && mention.role === 'partner') return;
      if (!found.unknownParts) {
        reportUnknown(mention, { written: mention.text, range: mention.range, suggestion: found.suggestion, group: found.group });
        return;
      }
      // The unknown agencies of a joint lead, each at its own words when the value is written as it reads.
      const node = nodeAt(context.root, mention.path);
      const start = node?.kind === 'scalar' ? verbatimValueStart(context.lines.text, node) : undefined;
      for (const { part, suggestion } of found.unknownParts) {
        const range = start === undefined ? mention.range : context.lines.rangeOf(start + part.start, start + part.end);
        reportUnknown(mention, { written: part.text, range, suggestion, part });
      }
    };
    for (const theme of plan.themes) {
      theme.lead.forEach(checkMention);
      theme.partners.forEach(checkMention);
    }
    for (let i = 0; i < items.length; i++) {
      items[i].lead.forEach(checkMention);
      items[i].partners.forEach(checkMention);
    }
    for (const risk of plan.risks) for (const mention of risk.owner) checkMention(mention);
    yield 'checking';
  }

  // Statuses must be in the plan's legend.
  const known = plan.statusScheme.map((definition) => definition.key).join(', ');
  const checkStatus = (status: string | undefined, path: PathSegment[], fallback: Range) => {
    if (status === undefined || analysis.legend.resolve(status)) return;
    report(
      'unknown-status',
      rangeAt([...path, 'status'], fallback),
      `"${status}" is not a status in ${plan.usesDefaultStatusScheme ? 'the default legend' : "this plan's legend"}: use one of ${known}${plan.usesDefaultStatusScheme ? ', or add a statusScheme to the plan' : ''}.`,
      { status, known: plan.statusScheme.map((definition) => definition.key) },
    );
  };
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    checkStatus(item.status, item.path, item.range);
    for (let u = 0; u < item.updates.length; u++) checkStatus(item.updates[u].status, item.updates[u].path, item.updates[u].range);
  }
  for (const risk of plan.risks) checkStatus(risk.status, risk.path, risk.range);

  // Footnote marks on action numbers.
  const marks = new Set(plan.footnotes.map((footnote) => footnote.mark));
  for (let i = 0; i < actions.length; i++) {
    const action = actions[i];
    const mark = action.id === undefined || !mayEndWithMark(action.id) ? undefined : FOOTNOTE_MARK.exec(action.id)?.[0];
    if (mark && !marks.has(mark) && action.id !== mark) {
      report('unknown-footnote', rangeAt([...action.path, 'id'], action.range), `The mark "${mark}" after ${action.id} is not explained: add a footnote with mark "${mark}" to the plan.`, { mark });
    }
  }

  // Dates, overdue and due soon, status contradictions, updates: each item's own, so an unchanged
  // item (the same model object, under the same settings) keeps its findings from the last check.
  const cache = context.cache;
  if (cache) {
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      let findings = cache.itemFindings(item);
      if (!findings) {
        const own: Diagnostic[] = [];
        checkItemDates(analysis, item, reporterInto(own), rangeAt, asOfWords);
        cache.setItemFindings(item, own);
        findings = own;
      }
      for (let f = 0; f < findings.length; f++) diagnostics.push(findings[f]);
      if (i % ITEMS_PER_STEP === ITEMS_PER_STEP - 1) yield 'checking';
    }
  } else {
    for (let i = 0; i < items.length; i++) {
      checkItemDates(analysis, items[i], report, rangeAt, asOfWords);
      if (i % ITEMS_PER_STEP === ITEMS_PER_STEP - 1) yield 'checking';
    }
  }
  yield 'checking';

  // References to themes and actions, here or in another plan.
  const themeIds = new Set(plan.themes.map((theme) => theme.id).filter((id) => id !== undefined));
  // A reference to "2.2" finds the action numbered "2.2*": the mark is a footnote, not part of the number.
  const withoutMarks = (ids: (string | undefined)[]) => {
    const set = new Set<string>();
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      if (id === undefined) continue;
      set.add(id);
      set.add(withoutFootnoteMark(id));
    }
    return set;
  };
  const allLinks: Link[] = [];
  for (const theme of plan.themes) for (const link of theme.links) allLinks.push(link);
  for (let i = 0; i < items.length; i++) for (const link of items[i].links) allLinks.push(link);
  // Most plans link to nothing: then the action numbers are not needed.
  const actionIds = allLinks.length === 0 ? new Set<string>() : withoutMarks(actions.map((action) => action.id));
  for (let i = 0; i < allLinks.length; i++) {
    const link = allLinks[i];
    let knownThemes = themeIds;
    let knownActions = actionIds;
    let where = 'this plan';
    if (link.plan !== undefined) {
      const other = context.linkedPlans?.get(link.plan);
      if (!other) continue; // The front end could not load it: nothing to check against.
      knownThemes = new Set(other.themes.map((theme) => theme.id).filter((id) => id !== undefined));
      knownActions = withoutMarks(other.themes.flatMap((theme) => theme.actions).map((action) => action.id));
      where = link.plan;
    }
    if (link.theme !== undefined && !knownThemes.has(link.theme)) {
      report('unknown-reference', rangeAt([...link.path, 'theme'], link.range), `There is no theme "${link.theme}" in ${where}.`, { theme: link.theme, plan: link.plan });
    }
    if (link.action !== undefined && !knownActions.has(link.action)) {
      report('unknown-reference', rangeAt([...link.path, 'action'], link.range), `There is no action "${link.action}" in ${where}.`, { action: link.action, plan: link.plan });
    }
  }
  return diagnostics;
}

type Reporter = (code: DiagnosticCode, range: Range, message: string, data?: Record<string, unknown>, severity?: Severity) => void;

/** A reporter that adds each finding to a list, at the code's default severity unless given one. */
function reporterInto(into: Diagnostic[]): Reporter {
  return (code, range, message, data, severity) => {
    into.push({ range, severity: severity ?? DIAGNOSTIC_CODES[code].severity, code, message, data });
  };
}

function checkItemDates(
  analysis: PlanAnalysis,
  item: PlanItem,
  report: Reporter,
  rangeAt: (path: readonly PathSegment[], fallback: Range) => Range,
  asOfWords: string,
): void {
  // Most items are fine: the words and data for a message are only made when one is reported.
  const state = analysis.state(item);
  const due = item.due;
  const nameOf = () => `${item.kind === 'action' ? 'Action' : 'Milestone'}${item.id ? ` ${item.id}` : ''} “${truncate(item.title)}”`;
  const dataOf = () => ({ kind: item.kind, key: item.key, path: item.path });
  // The status that counts may be the item's own or its latest update's: point at whichever it is.
  const statusRange = () => {
    const update = item.status === undefined ? latestUpdate(item.updates) : undefined;
    return update ? rangeAt([...update.path, 'status'], update.range) : rangeAt([...item.path, 'status'], item.range);
  };

  if (due) {
    const interpretation = due.interpretation;
    if (interpretation.kind === 'unknown') {
      report('due-unreadable', due.range, interpretation.reason ?? `Plankit cannot read "${due.text}" as a date.`, { ...dataOf(), due: due.text });
    } else if (interpretation.kind === 'tbc') {
      if (!state.complete) report('due-tbc', due.range, `${nameOf()} has no date yet (“${due.text}”): date to be confirmed.`, { ...dataOf(), due: due.text });
    } else if ((!state.deadline || interpretation.kind === 'alternatives') && interpretation.reason && !state.complete) {
      // Two dates in one cell keep a deadline (the later) for overdue, but are still worth asking about.
      const reason = interpretation.reason.includes(due.text.trim()) ? interpretation.reason : `“${due.text}”: ${interpretation.reason}`;
      report('due-unresolved', due.range, reason, { ...dataOf(), due: due.text, dueKind: interpretation.kind });
    }
  }

  if (state.deadline && due && (state.overdue || state.dueSoon)) {
    const deadlineWords = formatLongDate(state.deadline);
    const written = due.text === state.deadline ? '' : ` (“${due.text}”)`;
    const dueData = () => ({ ...dataOf(), due: due.text, deadline: state.deadline, asOf: analysis.asOf, days: state.daysToDeadline });
    if (state.overdue) {
      report(
        'overdue',
        due.range,
        `${nameOf()} ${interpretationRuns(due.interpretation.kind) ? 'was to run until' : 'was due'} ${deadlineWords}${written} and is ${describeInterval(state.deadline, analysis.asOf)} overdue at ${asOfWords}: it is not marked complete.`,
        dueData(),
      );
      if (written && state.status?.colour === 'green') {
        report('green-while-overdue', statusRange(), `${nameOf()} is reported ${state.status.label}${foldName(state.status.label) === 'on track' ? '' : ' (on track)'} but its deadline, ${deadlineWords}, has passed.`, dueData());
      }
    } else if (state.dueSoon) {
      const days = state.daysToDeadline ?? 0;
      const when = days === 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days`;
      report('due-soon', due.range, `${nameOf()} is due ${when}: ${deadlineWords}${written}.`, dueData());
    }
  }

  // Status contradictions.
  // A status rolled up from milestones was not written for the action: nothing to contradict.
  const written = state.statusBasis !== 'milestones';
  const completeByStatus = written && state.status?.complete === true;
  if (completeByStatus && item.completed === undefined) {
    report('complete-without-date', statusRange(), `${nameOf()} is marked ${state.status!.label} but has no "completed" date: add the date it was completed.`, dataOf());
  }
  if (written && item.completed !== undefined && state.status && !state.status.complete) {
    report('completed-but-open', rangeAt([...item.path, 'completed'], item.range), `${nameOf()} has a completed date but its status is ${state.status.label}: mark it complete, or remove the date.`, { ...dataOf(), status: state.status.key });
  }
  if (item.completed !== undefined && compareIsoDates(item.completed, analysis.asOf) > 0) {
    report('completed-after-as-of', rangeAt([...item.path, 'completed'], item.range), `${nameOf()} is recorded as completed on ${formatLongDate(item.completed)}, after the as-of date ${asOfWords}.`, { ...dataOf(), completed: item.completed });
  }

  // Updates: oldest first, none after the as-of date, each saying something.
  let previous: string | undefined;
  for (const update of item.updates) {
    if (hasNoProgressText(update)) {
      const dated = update.asOf !== undefined ? ` (${formatLongDate(update.asOf)})` : '';
      report('update-without-text', rangeAt([...update.path, 'text'], update.range), `${nameOf()} has an update${dated} with no progress text: say what has happened since the last one.`, { ...dataOf(), asOf: update.asOf });
    }
    if (update.asOf === undefined) continue;
    const asOfRange = () => rangeAt([...update.path, 'asOf'], update.range);
    if (previous !== undefined && compareIsoDates(update.asOf, previous) < 0) {
      report('updates-out-of-order', asOfRange(), `This update (${formatLongDate(update.asOf)}) comes after one dated ${formatLongDate(previous)}: keep updates oldest first, adding each new one at the end.`, { ...dataOf(), asOf: update.asOf, previous });
    }
    if (compareIsoDates(update.asOf, analysis.asOf) > 0) {
      report('update-after-as-of', asOfRange(), `This update is dated ${formatLongDate(update.asOf)}, after the as-of date ${asOfWords}.`, { ...dataOf(), updateAsOf: update.asOf, asOf: analysis.asOf });
    }
    if (previous === undefined || compareIsoDates(update.asOf, previous) > 0) previous = update.asOf;
  }
}

/** An id not yet taken, made from a duplicate: `1.3` becomes `1.4` (or the next free number), others get `-2`. */
export function freeId(id: string, taken: ReadonlySet<string>): string {
  const numbered = /^(.*?)(\d+)([^\d]*)$/.exec(id);
  if (numbered) {
    for (let n = Number(numbered[2]) + 1; n < Number(numbered[2]) + 10_000; n++) {
      const candidate = `${numbered[1]}${n}${numbered[3]}`;
      if (!taken.has(candidate)) return candidate;
    }
  }
  for (let n = 2; ; n++) {
    const candidate = `${id}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** Whether a due text describes work that runs until a date rather than a thing due by it. */
function interpretationRuns(kind: DueKind): boolean {
  return kind === 'ongoing' || kind === 'recurring';
}

function truncate(text: string, length = 50): string {
  const single = text.replace(/\s+/g, ' ').trim();
  return single.length > length ? `${single.slice(0, length - 1)}…` : single;
}
