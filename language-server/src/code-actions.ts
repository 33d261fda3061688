import {
  agencyEntryChange,
  fieldsAtPath,
  formatScalar,
  insertFieldChange,
  interpretDue,
  isValidIsoDate,
  nextQuarterEnd,
  keyText,
  kindOfFile,
  locateAt,
  nodeAt,
  pairOf,
  replaceScalarChange,
  replaceWithinScalarChange,
  scalarAtRange,
  scalarText,
  suggestedIsoDate,
  updateEntryChange,
  formatLongDate,
  verbatimValueStart,
  type AstNode,
  type IsoDate,
  type MapNode,
  type NodeLocation,
  type PlanAnalysis,
  type PlanItem,
  type PathSegment,
  type RegisterFile,
  type ScalarNode,
  type SourceFormat,
  type TextChange,
} from '@plankit/core';
import path from 'node:path';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { coreDiagnosticFor, isPlankitCode } from './diagnostics.js';
import { baseName, itemHolding, linesOf } from './plan-index.js';
import { registerListChange, unlistedRegisterWith, workspaceResolve } from './registers.js';
import type { DocumentCheck, Workspace } from './workspace.js';

/** What quick fixes need besides the file: today's date and the other files. */
export interface CodeActionInputs {
  entry: DocumentCheck;
  workspace: Workspace;
  today: IsoDate;
}

function formatOf(entry: DocumentCheck): SourceFormat {
  return entry.source?.format ?? (/\.json$/i.test(entry.fileName) ? 'json' : 'yaml');
}

function edit(entry: DocumentCheck, changes: TextChange[]): WorkspaceEdit {
  const lines = linesOf(entry);
  const edits: TextEdit[] = changes.map((change) => ({ range: lines.rangeOf(change.start, change.end), newText: change.text }));
  return { changes: { [entry.uri]: edits } };
}

function offsetsOf(entry: DocumentCheck, diagnostic: Diagnostic): { start: number; end: number } {
  const lines = linesOf(entry);
  return { start: lines.offsetAt(diagnostic.range.start), end: lines.offsetAt(diagnostic.range.end) };
}

function scalarOf(entry: DocumentCheck, diagnostic: Diagnostic): ScalarNode | undefined {
  const { start, end } = offsetsOf(entry, diagnostic);
  return scalarAtRange(entry.root, start, end)?.node;
}

function isPath(value: unknown): value is PathSegment[] {
  return Array.isArray(value) && value.every((segment) => typeof segment === 'string' || typeof segment === 'number');
}

/** Quick fixes for the findings in range, and rewrites where the cursor is. */
export async function codeActions(inputs: CodeActionInputs, params: CodeActionParams): Promise<CodeAction[]> {
  const { entry } = inputs;
  const actions: CodeAction[] = [];
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((wanted) => kind === wanted || kind.startsWith(`${wanted}.`));
  if (!entry.root) return actions;
  if (wants(CodeActionKind.QuickFix)) {
    for (const diagnostic of params.context.diagnostics) {
      if (diagnostic.source !== undefined && diagnostic.source !== 'plankit') continue;
      if (!isPlankitCode(diagnostic.code)) continue;
      try {
        actions.push(...(await fixesFor(inputs, diagnostic)));
      } catch {
        // A fix that cannot be worked out is not offered.
      }
    }
  }
  if (kindOfFile(entry.fileName) !== 'plan') return actions;
  const offset = linesOf(entry).offsetAt(params.range.start);
  const location = locateAt(entry.root, offset);
  if (wants(CodeActionKind.RefactorRewrite)) {
    const rewrite = dueRewrite(inputs, entry.root, offset);
    if (rewrite && !actions.some((action) => action.title === rewrite.title)) actions.push(rewrite);
    const move = moveAsOf(inputs, location);
    if (move) actions.push(move);
  }
  if (wants(CodeActionKind.Refactor)) {
    // Asked for by kind (an editor's Refactor menu), anywhere in an item; otherwise only on its id,
    // title or updates, so that an editor's light bulb does not show on every line of every action.
    const asked = only?.some((kind) => kind === CodeActionKind.Refactor) === true;
    const update = addUpdate(inputs, location, asked);
    if (update) actions.push(update);
    const all = addUpdatesToAll(inputs, location, asked);
    if (all) actions.push(all);
  }
  return actions;
}

// The titles of the refactorings below are English sentences, as the editor's own are, so their
// dates are written in English whatever the plan's language.

/** Whether a location is the plan's own `asOf` (its key or its value). */
function onPlanAsOf(location: NodeLocation | undefined): boolean {
  return location?.path.length === 1 && location.path[0] === 'asOf';
}

/**
 * On the plan's own `asOf`: "Move the reporting date to 31 March 2014, the next quarter's end", the
 * first step of a quarterly update (the next is adding the updates, `addUpdatesToAll`).
 */
function moveAsOf(inputs: CodeActionInputs, location: NodeLocation | undefined): CodeAction | undefined {
  const { entry } = inputs;
  if (!onPlanAsOf(location)) return undefined;
  const pair = entry.root?.kind === 'map' ? pairOf(entry.root, 'asOf') : undefined;
  const current = pair?.value.kind === 'scalar' ? scalarText(pair.value) : undefined;
  if (!pair || pair.value.kind !== 'scalar' || current === undefined || !isValidIsoDate(current)) return undefined;
  const next = nextQuarterEnd(current);
  return {
    title: `Move the reporting date to ${formatLongDate(next)}, the next quarter's end`,
    kind: CodeActionKind.RefactorRewrite,
    edit: edit(entry, [replaceScalarChange(pair.value, next, formatOf(entry))]),
  };
}

/**
 * The date a new update is "as at": the plan's reporting date (its `asOf`), which the update is
 * for; a plan without one, the date its findings are worked out at (the setting, or today).
 */
function updateDate(analysis: PlanAnalysis): IsoDate {
  return analysis.plan.asOf ?? analysis.asOf;
}

/**
 * "Add an update as at 31 December 2026": a new entry at the end of the updates of the action or
 * milestone at the cursor, as at `updateDate`, with the item's status as it stands and empty
 * progress text to write. The plan format asks for a new update each quarter rather than a changed
 * one. Not offered when the item already has an update of that date.
 */
function addUpdate(inputs: CodeActionInputs, location: NodeLocation | undefined, anywhere: boolean): CodeAction | undefined {
  const { entry } = inputs;
  const analysis = entry.check.analysis;
  if (!analysis || !location) return undefined;
  const item = itemHolding(entry, location.path);
  if (!item) return undefined;
  const field = location.path[item.path.length];
  if (!anywhere && field !== 'id' && field !== 'title' && field !== 'updates') return undefined;
  const change = updateChange(entry, analysis, item);
  if (!change) return undefined;
  const what = item.id ? `${item.kind} ${item.id}` : `this ${item.kind}`;
  return { title: `Add an update as at ${formatLongDate(updateDate(analysis))} to ${what}`, kind: CodeActionKind.Refactor, edit: edit(entry, [change]) };
}

/**
 * The quarter's round in one step: an update as at the as-of date (as `addUpdate` writes it) for
 * every action that has none of that date, each with empty progress text, so that the Problems
 * panel lists each one still to write. Offered on the plan's own `asOf` (the date an officer moves
 * to start a quarter), or anywhere from a Refactor menu.
 */
function addUpdatesToAll(inputs: CodeActionInputs, location: NodeLocation | undefined, anywhere: boolean): CodeAction | undefined {
  const { entry } = inputs;
  const analysis = entry.check.analysis;
  if (!analysis || (!anywhere && !onPlanAsOf(location))) return undefined;
  const changes: TextChange[] = [];
  for (const theme of analysis.plan.themes) {
    for (const action of theme.actions) {
      const change = updateChange(entry, analysis, action);
      if (change) changes.push(change);
    }
  }
  // One action alone is the other refactoring's.
  if (changes.length < 2) return undefined;
  return {
    title: `Add an update as at ${formatLongDate(updateDate(analysis))} to each of the ${changes.length} actions without one`,
    kind: CodeActionKind.Refactor,
    edit: edit(entry, changes),
  };
}

/** The new update of an item as at `updateDate`, or undefined when it has one of that date or cannot be added. */
function updateChange(entry: DocumentCheck, analysis: PlanAnalysis, item: PlanItem): TextChange | undefined {
  const node = nodeAt(entry.root, item.path);
  if (node?.kind !== 'map') return undefined;
  const asOf = updateDate(analysis);
  if (item.updates.some((update) => update.asOf === asOf)) return undefined;
  const format = formatOf(entry);
  const fields: [string, string][] = [['asOf', formatScalar(asOf, format)]];
  const status = analysis.state(item).statusText;
  if (status !== undefined) fields.push(['status', formatScalar(status, format)]);
  fields.push(['text', formatScalar('', format)]);
  // A new list goes at the end of the item, or before its milestones, where plans keep it.
  const milestones = node.pairs.findIndex((pair) => keyText(pair.key) === 'milestones');
  return updateEntryChange(entry.text, node, fields, format, milestones > 0 ? [keyText(node.pairs[milestones - 1].key)] : undefined);
}

async function fixesFor(inputs: CodeActionInputs, diagnostic: Diagnostic): Promise<CodeAction[]> {
  const { entry } = inputs;
  const sent = diagnostic.data && typeof diagnostic.data === 'object' ? diagnostic.data : coreDiagnosticFor(entry, diagnostic)?.data;
  const data = (sent ?? {}) as Record<string, unknown>;
  const format = formatOf(entry);
  const fix = (title: string, workspaceEdit: WorkspaceEdit, preferred = false): CodeAction => ({
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: workspaceEdit,
    isPreferred: preferred || undefined,
  });
  const actions: CodeAction[] = [];
  switch (diagnostic.code) {
    case 'unknown-agency': {
      // The whole lead or partner, or one agency of a joint lead ("Kent Polce" in "KCC/Kent Polce").
      const { start, end } = offsetsOf(entry, diagnostic);
      const location = locateAt(entry.root, start);
      const node = location && !location.onKey && location.node.kind === 'scalar' && location.node.start <= start && end <= location.node.end ? location.node : undefined;
      if (!node || (typeof data.within !== 'string' && (node.start !== start || node.end !== end))) break;
      const written = typeof data.agency === 'string' ? data.agency : scalarText(node);
      // Written as a register of the workspace has it, one the plan does not list: listing that
      // register is the likeliest fix, before any "did you mean".
      const unlisted = written && data.group !== true ? await unlistedRegisterWith(inputs.workspace, entry, written) : undefined;
      const listChange = unlisted && registerListChange(entry, unlisted.registerFile);
      if (unlisted && listChange) {
        const named = unlisted.agency.name !== written ? ` (${unlisted.agency.name})` : '';
        actions.push(fix(`Add ${baseName(unlisted.registerFile)} to the plan's registers: it has “${written}”${named}`, edit(entry, [listChange]), true));
      }
      if (typeof data.suggestion === 'string') {
        const change = agencyReplacement(entry, node, data, data.suggestion, format);
        const named = typeof data.suggestionName === 'string' && data.suggestionName !== data.suggestion ? ` (${data.suggestionName})` : '';
        if (change) actions.push(fix(`Replace with “${data.suggestion}”${named}`, edit(entry, [change]), !listChange));
      }
      // "All partners" is a group, not an agency to add.
      if (written && data.group !== true) {
        const add = await addToRegister(inputs, written);
        if (add) actions.push(fix(add.title, add.edit));
      }
      break;
    }
    case 'duplicate-id':
    case 'schema-enum': {
      const node = scalarOf(entry, diagnostic);
      if (node && typeof data.suggestion === 'string') {
        const title = diagnostic.code === 'duplicate-id' ? `Change the id to “${data.suggestion}”` : `Change to “${data.suggestion}”`;
        actions.push(fix(title, edit(entry, [replaceScalarChange(node, data.suggestion, format)]), true));
      }
      break;
    }
    case 'schema-unknown-field': {
      if (typeof data.suggestion !== 'string' || typeof data.field !== 'string' || !isPath(data.path)) break;
      const map = nodeAt(entry.root, data.path);
      const pair = map?.kind === 'map' ? pairOf(map, data.field) : undefined;
      if (!pair || (map?.kind === 'map' && pairOf(map, data.suggestion))) break;
      actions.push(fix(`Rename “${data.field}” to “${data.suggestion}”`, edit(entry, [{ start: pair.key.start, end: pair.key.end, text: format === 'json' ? JSON.stringify(data.suggestion) : data.suggestion }]), true));
      break;
    }
    case 'schema-required': {
      if (typeof data.missingProperty !== 'string' || !isPath(data.path)) break;
      const map = nodeAt(entry.root, data.path);
      if (map?.kind !== 'map') break;
      const kind = kindOfFile(entry.fileName);
      const schema = fieldsAtPath(kind, data.path)[data.missingProperty];
      const change = insertFieldChange(entry.text, map, data.missingProperty, placeholder(data.missingProperty, schema?.examples, inputs.today, format), format, requiredAnchor(data.missingProperty));
      if (change) actions.push(fix(`Add the missing “${data.missingProperty}”`, edit(entry, [change]), true));
      break;
    }
    case 'overdue':
    case 'due-soon':
    case 'green-while-overdue':
    case 'complete-without-date': {
      if (diagnostic.code === 'overdue' || diagnostic.code === 'due-soon') {
        const rewrite = dueRewrite(inputs, entry.root!, offsetsOf(entry, diagnostic).start, diagnostic);
        if (rewrite) actions.push(rewrite);
      }
      if (!isPath(data.path)) break;
      const complete = markComplete(inputs, data.path, diagnostic.code === 'complete-without-date');
      if (complete) actions.push(fix(complete.title, complete.edit, diagnostic.code === 'complete-without-date'));
      break;
    }
    case 'due-unresolved':
    case 'due-unreadable': {
      const rewrite = dueRewrite(inputs, entry.root!, offsetsOf(entry, diagnostic).start, diagnostic);
      if (rewrite) actions.push(rewrite);
      break;
    }
  }
  return actions;
}

/**
 * What "Replace with" changes for an unknown agency: the whole value; or, for one agency of a joint
 * lead, only its words (the whole value written again where they cannot be found in the file as
 * written). Not offered when the text has changed since the finding, or when the joint lead would
 * not then name its agencies (an id with "/" or "and" in it would split differently).
 */
function agencyReplacement(entry: DocumentCheck, node: ScalarNode, data: Record<string, unknown>, id: string, format: SourceFormat): TextChange | undefined {
  const { within, partStart, partEnd } = data;
  if (typeof within !== 'string') return replaceScalarChange(node, id, format);
  if (typeof partStart !== 'number' || typeof partEnd !== 'number' || scalarText(node) !== within || !(partStart >= 0 && partStart <= partEnd && partEnd <= within.length)) return undefined;
  const replaced = within.slice(0, partStart) + id + within.slice(partEnd);
  const agencies = entry.check.analysis?.agencies;
  if (!agencies?.match(replaced)) return undefined;
  const start = verbatimValueStart(entry.text, node);
  return start === undefined ? replaceScalarChange(node, replaced, format) : replaceWithinScalarChange(entry.text, node, start + partStart, start + partEnd, id, format);
}

/** Where a missing field reads best: `title` after `id`, `name` after `id`, else at the end. */
function requiredAnchor(field: string): string[] | undefined {
  if (field === 'title' || field === 'name' || field === 'label') return ['id', 'key'];
  if (field === 'text') return ['status', 'asOf'];
  return undefined;
}

/** A value for a field that has to be filled in: an example from the schema, today for a date, else words to replace. */
function placeholder(field: string, examples: readonly unknown[] | undefined, today: IsoDate, format: SourceFormat): string {
  if (field === 'asOf' || field === 'completed') return format === 'json' ? JSON.stringify(today) : today;
  if (field === 'themes' || field === 'actions' || field === 'milestones') return '[]';
  const example = examples?.find((value) => typeof value === 'string');
  return formatScalar(typeof example === 'string' ? example : 'To be written', format);
}

/** "Write the date as 2018-03-31" for a due text that names one date unambiguously. */
function dueRewrite(inputs: CodeActionInputs, root: AstNode, offset: number, diagnostic?: Diagnostic): CodeAction | undefined {
  const { entry } = inputs;
  const location = locateAt(root, offset);
  if (!location || location.onKey || location.node.kind !== 'scalar' || location.path[location.path.length - 1] !== 'due') return undefined;
  const text = scalarText(location.node);
  if (text === undefined) return undefined;
  const item = itemHolding(entry, location.path);
  const plan = entry.check.analysis?.plan ?? entry.check.planFile?.plan;
  const interpretation = item?.due?.text === text ? item.due.interpretation : interpretDue(text, { period: plan?.period });
  const iso = suggestedIsoDate(interpretation);
  if (!iso) return undefined;
  return {
    title: `Write the date as ${iso} (from “${text}”)`,
    kind: diagnostic ? CodeActionKind.QuickFix : CodeActionKind.RefactorRewrite,
    diagnostics: diagnostic ? [diagnostic] : undefined,
    edit: edit(entry, [replaceScalarChange(location.node, iso, formatOf(entry))]),
  };
}

/** Marks an action or milestone complete: a complete status from the legend, and today as its completed date. */
function markComplete(inputs: CodeActionInputs, path: PathSegment[], dateOnly: boolean): { title: string; edit: WorkspaceEdit } | undefined {
  const { entry, today } = inputs;
  const analysis = entry.check.analysis;
  const node = nodeAt(entry.root, path);
  if (!analysis || node?.kind !== 'map') return undefined;
  const item = itemHolding(entry, path);
  const format = formatOf(entry);
  const done = analysis.plan.statusScheme.find((definition) => definition.complete);
  const changes: TextChange[] = [];
  const statusPair = pairOf(node, 'status');
  const completedPair = pairOf(node, 'completed');
  let pending: { key: string; value: string }[] = [];
  if (!dateOnly) {
    if (!done) return undefined;
    if (statusPair?.value.kind === 'scalar' && statusPair.value.end > statusPair.value.start) changes.push(replaceScalarChange(statusPair.value, done.key, format));
    else if (!statusPair) pending.push({ key: 'status', value: formatScalar(done.key, format) });
    else return undefined;
  }
  if (completedPair?.value.kind === 'scalar' && completedPair.value.end > completedPair.value.start) changes.push(replaceScalarChange(completedPair.value, today, format));
  else if (!completedPair) pending.push({ key: 'completed', value: format === 'json' ? JSON.stringify(today) : today });
  else return undefined;
  if (pending.length > 0) {
    // One insertion holding both new lines, so they land in order at the same place.
    const first = insertFieldChange(entry.text, node as MapNode, pending[0].key, pending[0].value, format, ['status', 'due']);
    if (!first) return undefined;
    let text = first.text;
    for (const extra of pending.slice(1)) {
      const next = insertFieldChange(entry.text, node as MapNode, extra.key, extra.value, format, ['status', 'due']);
      if (!next) return undefined;
      text += next.text.replace(/^\n/, '');
    }
    changes.push({ start: first.start, end: first.end, text });
  }
  const what = item ? `${item.kind}${item.id ? ` ${item.id}` : ''}` : 'item';
  const title = dateOnly ? `Add the completed date (today, ${today})` : `Mark ${what} complete (${done!.label}, completed ${today})`;
  return { title, edit: edit(entry, changes) };
}

/** Adds an agency to the plan's first register file (or to the plan's own agencies when it has no register). */
async function addToRegister(inputs: CodeActionInputs, written: string): Promise<{ title: string; edit: WorkspaceEdit } | undefined> {
  const { entry, workspace } = inputs;
  const plan = entry.check.planFile?.plan;
  if (!plan) return undefined;
  const registers: RegisterFile[] = entry.check.registers;
  const firstEntry = plan.registers[0];
  const target = firstEntry ? registers.find((register) => register.fileName !== undefined && register.fileName === workspaceResolve(entry.fileName, firstEntry.text)) ?? registers[0] : undefined;
  if (target?.fileName && target.source.root) {
    const registerCheck = await workspace.check(target.fileName);
    if (!registerCheck.root) return undefined;
    const agencies = nodeAt(registerCheck.root, ['agencies']);
    const change = agencyEntryChange(registerCheck.text, agencies, written, written, registerCheck.source?.format ?? 'yaml');
    if (!change) return undefined;
    const lines = linesOf(registerCheck);
    return {
      title: `Add “${written}” to the register ${baseName(target.fileName)}`,
      edit: { changes: { [registerCheck.uri]: [{ range: lines.rangeOf(change.start, change.end), newText: change.text }] } },
    };
  }
  if (plan.registers.length === 0) {
    const agencies = nodeAt(entry.root, ['agencies']);
    const change = agencyEntryChange(entry.text, agencies, written, written, formatOf(entry));
    if (change) return { title: `Add “${written}” to this plan's agencies`, edit: edit(entry, [change]) };
  }
  return undefined;
}


