import path from 'node:path';
import {
  AgencyIndex,
  completionContextAt,
  DEFAULT_STATUS_SCHEME,
  describeDue,
  fieldsAtPath,
  financialYearLabel,
  financialYearOf,
  foldName,
  formatScalar,
  interpretDue,
  jointParts,
  jsonCompletionContextAt,
  kindOfFile,
  MONTH_NAMES_EN,
  parseIsoDate,
  readsAsOneAgency,
  resolveSchema,
  schemaAtPath,
  type Agency,
  type CompletionContext,
  type IsoDate,
  type PathSegment,
  type SchemaKind,
  type SchemaNode,
} from '@plankit/core';
import { CompletionItemKind, InsertTextFormat, InsertTextMode, MarkupKind, type CompletionItem, type CompletionList, type Position, type TextEdit } from 'vscode-languageserver';
import { alsoWritten } from './hover.js';
import { markdownText } from './markdown.js';
import { registerListChange } from './registers.js';
import { baseName, fieldOf, isAgencyPath, linesOf } from './plan-index.js';
import type { DocumentCheck, Workspace } from './workspace.js';

/** Fields whose value is a list of mappings: completing the key starts the first item. */
const LIST_OF_MAPPINGS = new Set(['themes', 'actions', 'milestones', 'updates', 'agencies', 'statusScheme', 'footnotes', 'risks']);

/** Everything completion needs besides the text. */
export interface CompletionInputs {
  entry: DocumentCheck;
  /** The latest check of this file that could read the plan (the text may be half written now). */
  lastGood?: DocumentCheck;
  /** Agencies of every register file in the workspace. */
  workspaceAgencies: Agency[];
  /** Every plan and register file of the workspace (for `registers:` and `links[].plan`). */
  workspaceFiles: string[];
  today: IsoDate;
  snippets: boolean;
}

/** Completion at a position of a plan or register file. */
export function complete(inputs: CompletionInputs, position: Position): CompletionList {
  const { entry } = inputs;
  const empty: CompletionList = { isIncomplete: false, items: [] };
  const lines = linesOf(entry);
  const offset = lines.offsetAt(position);
  const kind: SchemaKind = kindOfFile(entry.fileName);
  if (entry.check.planFile?.source.format === 'json' || entry.check.registerFile?.source.format === 'json' || /\.json$/i.test(entry.fileName)) {
    // JSON: the agencies and the plan's own statuses, which a JSON editor's schema support cannot know;
    // keys and the schema's enums are left to it (VS Code offers them from the contributed schema).
    const context = jsonCompletionContextAt(entry.text, offset);
    if (!context) return empty;
    const field = fieldOf(context.path);
    const wanted = isAgencyPath(context.path, kind) || (kind === 'plan' && field === 'status' && !context.path.includes('statusScheme'));
    return wanted ? valueItems(inputs, kind, context, { start: lines.positionAt(context.prefixStart), end: position }) : empty;
  }
  const context = completionContextAt(entry.text, offset);
  if (!context) return empty;
  const range = { start: lines.positionAt(context.prefixStart), end: position };
  if (context.kind === 'key') {
    const column = lines.positionAt(context.prefixStart).character;
    const items = keyItems(kind, context, range, column);
    const skeleton = kind === 'plan' && inputs.snippets ? newItemSnippet(inputs, context, range, column) : undefined;
    if (skeleton) items.unshift(skeleton);
    let incomplete = false;
    if (context.itemPath) {
      const values = valueItems(inputs, kind, { ...context, kind: 'value', path: context.itemPath }, range);
      items.push(...values.items);
      incomplete = values.isIncomplete;
    }
    return { isIncomplete: incomplete, items };
  }
  return valueItems(inputs, kind, context, range);
}

type EditRange = { start: Position; end: Position };

/** Text for a snippet's placeholder or choice: `$`, `}`, `\`, `,` and `|` escaped. */
function snippetText(text: string): string {
  return text.replace(/[$}\\,|]/g, (char) => `\\${char}`);
}

/**
 * On a new, empty item of `actions:` or `milestones:` (`- |`): the item's usual fields in one go,
 * "New action" with its title, lead, by when and status to fill in, tabbing from one to the next.
 * The status is a choice of the legend's open statuses, and the date the end of the financial year
 * the plan is reported in.
 */
function newItemSnippet(inputs: CompletionInputs, context: CompletionContext, range: EditRange, column: number): CompletionItem | undefined {
  const { path } = context;
  const list = path[path.length - 2];
  if (!context.itemPath || context.siblingKeys.length > 0 || typeof path[path.length - 1] !== 'number' || (list !== 'actions' && list !== 'milestones')) return undefined;
  const planCheck = inputs.lastGood?.check.analysis ? inputs.lastGood : inputs.entry;
  const analysis = planCheck.check.analysis;
  const scheme = analysis?.plan.statusScheme ?? DEFAULT_STATUS_SCHEME;
  const open = scheme.filter((definition) => !definition.complete).map((definition) => snippetText(formatScalar(definition.key)));
  const yearEnd = financialYearOf(analysis?.asOf ?? inputs.today) + 1;
  const what = list === 'actions' ? 'action' : 'milestone';
  const indent = ' '.repeat(column);
  const lines = [
    `title: \${1:${what === 'action' ? 'What will be done' : 'What will have happened'}}`,
    ...(what === 'action' ? [`lead: \${2:lead agency}`] : []),
    `due: \${3:March ${yearEnd}}`,
    open.length > 0 ? `status: \${4|${open.join(',')}|}` : `status: \${4}`,
  ];
  return {
    label: `New ${what}`,
    kind: CompletionItemKind.Snippet,
    detail: `Title, ${what === 'action' ? 'lead, ' : ''}by when and status to fill in`,
    documentation: { kind: MarkupKind.Markdown, value: `A new ${what} with the fields each one needs; Tab moves from one to the next.` },
    sortText: '0',
    insertTextFormat: InsertTextFormat.Snippet,
    // The lines carry their own indentation: an editor must not add the line's to it again.
    insertTextMode: InsertTextMode.asIs,
    textEdit: { range, newText: lines.join(`\n${indent}`) + '$0' },
  };
}

function keyItems(kind: SchemaKind, context: CompletionContext, range: EditRange, column: number): CompletionItem[] {
  const fields = fieldsAtPath(kind, context.path);
  const taken = new Set(context.siblingKeys);
  const items: CompletionItem[] = [];
  const required = new Set<string>(requiredAt(kind, context.path));
  for (const [name, schema] of Object.entries(fields)) {
    if (taken.has(name) || name === '$schema' || name === 'extra') continue;
    const list = LIST_OF_MAPPINGS.has(name);
    const newText = list ? `${name}:\n${' '.repeat(column + 2)}- ` : `${name}: `;
    items.push({
      label: name,
      kind: CompletionItemKind.Property,
      detail: schema.title,
      documentation: schema.description ? { kind: MarkupKind.Markdown, value: schema.description } : undefined,
      sortText: `${required.has(name) ? '0' : '1'}${name}`,
      // Its second line is indented already: VS Code would otherwise add the line's indentation again.
      insertTextMode: list ? InsertTextMode.asIs : undefined,
      textEdit: { range, newText },
    });
  }
  return items;
}

function requiredAt(kind: SchemaKind, path: readonly PathSegment[]): string[] {
  const node = schemaAtPath(kind, path);
  if (!node) return [];
  const required = [...(node.required ?? [])];
  for (const branch of node.anyOf ?? []) required.push(...(resolveSchema(kind, branch).required ?? []));
  return required;
}

/** The enum values (and examples) a schema allows, looking through anyOf branches and list items. */
function allowedValues(kind: SchemaKind, schema: SchemaNode | undefined): { values: unknown[]; schema?: SchemaNode } {
  if (!schema) return { values: [] };
  if (schema.enum) return { values: [...schema.enum], schema };
  for (const branch of schema.anyOf ?? []) {
    const found = allowedValues(kind, resolveSchema(kind, branch));
    if (found.values.length > 0) return { values: found.values, schema: found.schema ?? schema };
  }
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes('boolean')) return { values: [true, false], schema };
  return { values: [] };
}

function insertText(value: string, context: CompletionContext): string {
  if (context.quote === "'") return value.replace(/'/g, "''");
  if (context.quote === '"') return JSON.stringify(value).slice(1, -1);
  if (context.json) return JSON.stringify(value);
  const formatted = formatScalar(value);
  if (context.inFlow && formatted === value && /[,[\]{}]/.test(value)) return `'${value.replace(/'/g, "''")}'`;
  return formatted;
}

function valueItems(inputs: CompletionInputs, kind: SchemaKind, context: CompletionContext, range: EditRange): CompletionList {
  const field = fieldOf(context.path);
  const items: CompletionItem[] = [];
  if (isAgencyPath(context.path, kind)) return agencyItems(inputs, context, range);
  const planCheck = inputs.lastGood?.check.analysis ? inputs.lastGood : inputs.entry;
  const plan = planCheck.check.analysis?.plan ?? planCheck.check.planFile?.plan;

  if (kind === 'plan' && field === 'status' && !context.path.includes('statusScheme')) {
    const scheme = plan?.statusScheme ?? DEFAULT_STATUS_SCHEME;
    scheme.forEach((definition, index) => {
      items.push({
        label: definition.key,
        kind: CompletionItemKind.EnumMember,
        detail: `${definition.label} (${definition.colour}${definition.complete ? ', complete' : ''})`,
        documentation: definition.definition ? { kind: MarkupKind.Markdown, value: markdownText(definition.definition) } : undefined,
        sortText: String(index).padStart(3, '0'),
        textEdit: { range, newText: insertText(definition.key, context) },
      });
    });
    return { isIncomplete: false, items };
  }
  if (kind === 'plan' && field === 'due') return { isIncomplete: false, items: dueItems(inputs, context, range, plan?.period) };
  if (field === 'asOf' || field === 'completed' || field === 'start' || field === 'end') {
    items.push({ label: inputs.today, kind: CompletionItemKind.Value, detail: 'Today', textEdit: { range, newText: inputs.today } });
    return { isIncomplete: false, items };
  }
  if (field === 'registers' && typeof context.path[context.path.length - 1] === 'number') {
    const from = path.dirname(inputs.entry.fileName);
    for (const file of inputs.workspaceFiles) {
      if (kindOfFile(file) !== 'register' || file === inputs.entry.fileName || !path.isAbsolute(from)) continue;
      const relative = path.relative(from, file).split(path.sep).join('/');
      items.push({ label: relative, kind: CompletionItemKind.File, textEdit: { range, newText: insertText(relative, context) } });
    }
    return { isIncomplete: false, items };
  }
  if (kind === 'plan' && context.path.includes('links')) {
    if (field === 'plan') {
      const from = path.dirname(inputs.entry.fileName);
      for (const file of inputs.workspaceFiles) {
        if (kindOfFile(file) !== 'plan' || file === inputs.entry.fileName || !path.isAbsolute(from)) continue;
        const relative = path.relative(from, file).split(path.sep).join('/');
        items.push({ label: relative, kind: CompletionItemKind.File, textEdit: { range, newText: insertText(relative, context) } });
      }
      return { isIncomplete: false, items };
    }
    if ((field === 'action' || field === 'theme') && plan) {
      const targets = field === 'theme' ? plan.themes : plan.themes.flatMap((theme) => theme.actions);
      for (const target of targets) {
        if (target.id === undefined) continue;
        items.push({ label: target.id, kind: CompletionItemKind.Reference, detail: target.title, textEdit: { range, newText: insertText(target.id, context) } });
      }
      return { isIncomplete: false, items };
    }
  }
  const schema = schemaAtPath(kind, context.path);
  const allowed = allowedValues(kind, schema);
  allowed.values.forEach((value, index) => {
    const text = String(value);
    items.push({
      label: text,
      kind: CompletionItemKind.EnumMember,
      detail: schema?.title,
      documentation: schema?.description ? { kind: MarkupKind.Markdown, value: schema.description } : undefined,
      sortText: String(index).padStart(3, '0'),
      textEdit: { range, newText: typeof value === 'string' ? insertText(text, context) : text },
    });
  });
  return { isIncomplete: false, items };
}

/** The ways of writing "by when", with what each would mean. */
function dueItems(inputs: CompletionInputs, context: CompletionContext, range: EditRange, period: { start: IsoDate; end: IsoDate } | undefined): CompletionItem[] {
  const asOf = inputs.entry.check.asOf ?? inputs.today;
  const { year, month } = parseIsoDate(asOf);
  const fy = financialYearOf(asOf);
  const quarter = month >= 4 ? Math.floor((month - 4) / 3) + 1 : 4;
  const forms: { text: string; label: string; snippet?: string }[] = [
    { text: asOf, label: 'A date (YYYY-MM-DD)', snippet: `\${1:${asOf}}` },
    { text: `${MONTH_NAMES_EN[month - 1]} ${year}`, label: 'A month (due by its last day)' },
    { text: financialYearLabel(fy), label: 'A financial year (1 April to 31 March)' },
    { text: `Q${quarter} ${financialYearLabel(fy)}`, label: 'A quarter of a financial year' },
    { text: 'Ongoing', label: 'Ongoing: never overdue' },
    { text: `Ongoing until March ${fy + 1}`, label: 'Ongoing until a month' },
    { text: `Quarterly until March ${fy + 1}`, label: 'Repeating each quarter' },
    { text: 'TBC', label: 'Date to be confirmed' },
  ];
  return forms.map((form, index) => {
    const meaning = describeDue(interpretDue(form.text, { period }));
    const item: CompletionItem = {
      label: form.text,
      kind: index === 0 ? CompletionItemKind.Snippet : CompletionItemKind.Value,
      detail: form.label,
      documentation: { kind: MarkupKind.Markdown, value: `“${form.text}”: ${meaning}.` },
      sortText: String(index).padStart(3, '0'),
      filterText: context.prefix || form.text,
      textEdit: { range, newText: insertText(form.text, context) },
    };
    if (form.snippet && inputs.snippets && !context.quote) {
      item.insertTextFormat = InsertTextFormat.Snippet;
      item.textEdit = { range, newText: form.snippet };
    }
    return item;
  });
}

/**
 * Where the agency being typed starts in a lead typed so far, when it is not the first of a joint
 * lead ("KCC/Ke" → 4, "KCC and " → 8); undefined when the text has no separator, or is the start
 * of a registered spelling as typed ("Kent and Med" of "Kent and Medway NHS Trust").
 */
function typedJointPart(prefix: string, known: readonly Agency[]): number | undefined {
  const loose = (text: string) => text.toLowerCase().replace(/\s+/g, ' ');
  const typed = loose(prefix).trimStart();
  if (typed === '' || known.some((agency) => [agency.id, agency.name, ...agency.aliases].some((spelling) => loose(spelling).includes(typed)))) return undefined;
  const parts = jointParts(prefix);
  const last = parts[parts.length - 1];
  if (!last) return undefined;
  // Ends with a separator ("KCC/", "KCC and "): a new agency starts at the cursor.
  if (last.end < prefix.length) return prefix.length;
  return parts.length >= 2 ? last.start : undefined;
}

/** An agency id as it goes into a joint lead: as written, in the scalar's quotes; undefined when it would not read as one agency there. */
function partText(id: string, context: CompletionContext): string | undefined {
  if (!readsAsOneAgency(id)) return undefined;
  if (context.quote) return insertText(id, context);
  if (context.inFlow && /[[\]{}]/.test(id)) return undefined;
  return formatScalar(id) === id ? id : undefined;
}

/** Agencies from the plan, its registers and the workspace's registers, matched on id, name and other spellings. */
function agencyItems(inputs: CompletionInputs, context: CompletionContext, range: EditRange): CompletionList {
  const planCheck = inputs.lastGood?.check.analysis ? inputs.lastGood : inputs.entry;
  const known: Agency[] = [];
  const seen = new Set<string>();
  const add = (agency: Agency) => {
    if (seen.has(agency.id)) return;
    seen.add(agency.id);
    known.push(agency);
  };
  planCheck.check.analysis?.agencies.agencies.forEach(add);
  planCheck.check.registerFile?.register?.agencies.forEach(add);
  // Those the file already knows (its own and its registers') come before the rest of the workspace's.
  const ownCount = known.length;
  inputs.workspaceAgencies.forEach(add);
  // A joint lead being typed ("KCC/Ke|"): when the whole text is part of no registered name, the
  // agency being typed is the one after the last separator, and only it is completed and replaced.
  let prefix = context.prefix;
  const joint = typedJointPart(prefix, known);
  if (joint !== undefined) {
    prefix = prefix.slice(joint);
    range = { start: { line: range.start.line, character: range.start.character + joint }, end: range.end };
  }
  const typed = foldName(prefix);
  // The core's matching: exactly (id, name or other spelling), else the nearest likely misspelling.
  const index = new AgencyIndex(known);
  const exact = typed === '' ? undefined : index.match(prefix.trim());
  const nearest = typed === '' || exact ? undefined : index.suggest(prefix.trim())?.agency;
  const items: CompletionItem[] = [];
  const registerEdits = new Map<string, TextEdit | undefined>();
  known.forEach((agency, position) => {
    const spellings = [agency.id, agency.name, ...agency.aliases].map(foldName);
    let rank: number;
    if (typed === '') rank = 5;
    else if (exact?.agencies.includes(agency) || spellings.includes(typed)) rank = 0;
    else if (nearest === agency) rank = 1;
    else if (foldName(agency.id).startsWith(typed)) rank = 1;
    else if (foldName(agency.name).startsWith(typed)) rank = 2;
    else if (spellings.some((spelling) => spelling.startsWith(typed))) rank = 3;
    else if (spellings.some((spelling) => spelling.includes(typed))) rank = 4;
    else return;
    // Inside a joint lead an id goes in as written, and only one that reads as one agency there.
    const newText = joint === undefined ? insertText(agency.id, context) : partText(agency.id, context);
    if (newText === undefined) return;
    const where = agency.source ? baseName(agency.source) : 'this plan';
    const own = position < ownCount;
    // An agency of a register the plan does not list: choosing it lists that register too, so that
    // the agency is known to the plan's checks (as an editor adds the import of a name it completes).
    let registerEdit: TextEdit | undefined;
    if (!own && agency.source) {
      if (!registerEdits.has(agency.source)) {
        const change = registerListChange(inputs.entry, agency.source);
        registerEdits.set(agency.source, change && { range: linesOf(inputs.entry).rangeOf(change.start, change.end), newText: change.text });
      }
      registerEdit = registerEdits.get(agency.source);
    }
    const registered = own
      ? `Registered in ${markdownText(where)}`
      : registerEdit
        ? `Registered in ${markdownText(where)}, which this plan does not list yet: choosing it adds ${markdownText(where)} to the plan's \`registers\`.`
        : `Registered in ${markdownText(where)}, which this file does not list: add it to the file's \`registers\` for the agency to be known here.`;
    items.push({
      label: agency.id,
      labelDetails: own ? (agency.name !== agency.id ? { description: agency.name } : undefined) : { description: agency.name !== agency.id ? `${agency.name} · ${where}` : where },
      kind: CompletionItemKind.Value,
      detail: agency.name,
      documentation: { kind: MarkupKind.Markdown, value: `**${markdownText(agency.name)}** (${markdownText(agency.id)})${agency.kind ? `, ${agency.kind}` : ''}\n\n${registered}${alsoWritten(agency)}` },
      sortText: `${rank}${own ? 0 : 1}${agency.id.toLowerCase()}`,
      // The server has matched on id, name and other spellings: keep every item the client is given.
      filterText: prefix === '' ? `${agency.id} ${agency.name}` : prefix,
      textEdit: { range, newText },
      additionalTextEdits: registerEdit ? [registerEdit] : undefined,
      preselect: rank === 0 ? true : undefined,
    });
  });
  return { isIncomplete: true, items };
}
