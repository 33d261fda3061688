import { keyText, scalarText, type AstNode, type PathSegment } from './ast.js';
import { isValidIsoDate, type IsoDate } from './dates.js';
import { interpretDue, periodFromText, type DueContext, type DueInterpretation } from './due.js';
import type { LineIndex, Range } from './positions.js';
import { DEFAULT_STATUS_SCHEME, type StatusColour, type StatusDefinition } from './status.js';
import { finish, ITEMS_PER_STEP, type Stage } from './steps.js';

/** Where a model object came from in its file. */
export interface Located {
  /** Path from the file's root, e.g. ['themes', 0, 'actions', 2]. */
  path: PathSegment[];
  /** The whole node in the source. */
  range: Range;
}

/** A text field with the range of its value. */
export interface LocatedText extends Located {
  text: string;
}

/** An agency named as lead, partner or owner: as written, with the officer or role if given. */
export interface AgencyMention extends Located {
  /** The agency as written: an id, a name or another spelling. */
  text: string;
  officer?: string;
  /** The heading it is listed under in the plan ("RBK mainstream activity"), as written, if any. */
  group?: string;
  /** Whether this is a lead (lead/owner) or a partner mention. */
  role: 'lead' | 'partner';
}

/** A "by when" text and what it means. */
export interface Due extends Located {
  text: string;
  interpretation: DueInterpretation;
}

/** A dated progress report. */
export interface Update extends Located {
  asOf?: IsoDate;
  /** The status as written. */
  status?: string;
  text?: string;
  /** The measured value as written. */
  value?: string;
  by?: string;
}

/** A link to a strategy, another action or theme, another plan or a web page. */
export interface Link extends Located {
  text?: string;
  strategy?: string;
  plan?: string;
  theme?: string;
  action?: string;
  url?: string;
}

/** What actions and milestones share. */
interface WorkItem extends Located {
  id?: string;
  title: string;
  due?: Due;
  lead: readonly AgencyMention[];
  partners: readonly AgencyMention[];
  /** The status as written. */
  status?: string;
  completed?: IsoDate;
  links: readonly Link[];
  notes?: string;
  updates: readonly Update[];
}

/** A step of an action. */
export interface Milestone extends WorkItem {
  kind: 'milestone';
  measure: readonly string[];
  /** A stable anchor: the id, or the action's key and the milestone's position. */
  key: string;
  action: Action;
}

/** One line of the plan. */
export interface Action extends WorkItem {
  kind: 'action';
  /** A stable anchor for links (`#action-1.1`): the id as written, else theme key and position. */
  key: string;
  objective?: string;
  outcome: readonly string[];
  outputs: readonly string[];
  measures: readonly string[];
  baseline?: string;
  target?: string;
  achieved?: 'met' | 'not-met' | 'partially-met';
  polarity?: 'higher' | 'lower';
  percentComplete?: number;
  milestones: Milestone[];
  theme: Theme;
}

/** A theme (priority) and its actions. */
export interface Theme extends Located {
  kind: 'theme';
  id?: string;
  key: string;
  title: string;
  lead: readonly AgencyMention[];
  aim?: string;
  description?: string;
  objectives: readonly string[];
  partners: readonly AgencyMention[];
  links: readonly Link[];
  notes?: string;
  actions: Action[];
}

/** An agency in a register (the plan's own or a register file). */
export interface Agency extends Located {
  id: string;
  name: string;
  aliases: readonly string[];
  kind?: 'agency' | 'group' | 'service';
  parent?: string;
  url?: string;
  notes?: string;
  /** Where it is defined: the register file's name, or undefined for the plan itself. */
  source?: string;
}

/** A footnote mark and its meaning. */
export interface Footnote extends Located {
  mark: string;
  text: string;
}

/** A risk to delivering the plan. */
export interface Risk extends Located {
  id?: string;
  title: string;
  status?: string;
  owner: readonly AgencyMention[];
  mitigation?: string;
}

/** A plan period: start and end dates, with the text as written if it was text. */
export interface Period {
  start: IsoDate;
  end: IsoDate;
  text?: string;
}

/** A plan, read leniently: values of the wrong type are left out (the schema check reports them). */
export interface Plan {
  title: string;
  partnership?: string;
  summary?: string;
  period?: Period;
  asOf?: IsoDate;
  lang: 'en' | 'cy';
  /** The plan's legend, or the default one. */
  statusScheme: readonly StatusDefinition[];
  usesDefaultStatusScheme: boolean;
  registers: LocatedText[];
  agencies: Agency[];
  footnotes: Footnote[];
  risks: Risk[];
  themes: Theme[];
}

/** A register file's contents. */
export interface Register {
  title?: string;
  partnership?: string;
  registers: LocatedText[];
  agencies: Agency[];
}

/** A mapping's values by key (the last of a repeated key wins, as when the value is read). */
type Fields = Record<string, AstNode | undefined>;

/**
 * The objects fieldsOf makes: nothing inherited (their prototype is an empty object with no
 * prototype, so a key such as "constructor" is only there if written), and, unlike
 * `Object.create(null)`, in V8's fast mode: smaller and quicker to fill than a dictionary.
 */
const FieldsObject = function FieldsObject() {} as unknown as { new (): Fields; prototype: object };
FieldsObject.prototype = Object.create(null);

/** Indexes a mapping's pairs once, so that reading a dozen fields is not a dozen scans. */
function fieldsOf(node: AstNode | undefined): Fields {
  const fields: Fields = new FieldsObject();
  if (node?.kind !== 'map') return fields;
  // Indexed: a for-of allocates per step until V8 optimises this function (a first read is cold).
  const pairs = node.pairs;
  for (let i = 0; i < pairs.length; i++) fields[keyText(pairs[i].key)] = pairs[i].value;
  return fields;
}

/**
 * The empty list a model object holds for a field with nothing in it: one shared, frozen array
 * rather than a new one per field per item (an action has eight lists, most of them empty, and a
 * server keeps the model of every plan in the workspace). The lists are read-only in the types, and
 * nothing changes them once read; were anything to try, the frozen array would throw rather than
 * change every item's list.
 */
const NONE: readonly never[] = Object.freeze([]);

/**
 * Builds model objects from a file's tree, with ranges from its line index.
 *
 * Paths are made with `concat`, not a spread (`[...path, key, index]`): a spread leaves its array
 * room to grow, and every located object keeps its path. On the 2,000-action plan that room was
 * 1.9 MB of the 19.9 MB a check keeps.
 */
class ModelReader {
  /** Due texts repeat ("March 2018", "Ongoing"): each is interpreted once per plan (interpretations are not changed after). */
  private readonly dueCache = new Map<string, DueInterpretation>();

  constructor(private readonly lines: LineIndex) {}

  located(node: AstNode, path: PathSegment[]): Located {
    return { path, range: this.lines.rangeOf(node.start, node.end) };
  }

  date(fields: Fields, key: string): IsoDate | undefined {
    const text = scalarText(fields[key]);
    return text !== undefined && isValidIsoDate(text) ? text : undefined;
  }

  textList(fields: Fields, key: string): readonly string[] {
    const node = fields[key];
    if (!node) return NONE;
    if (node.kind === 'seq') {
      const list: string[] = [];
      for (let i = 0; i < node.items.length; i++) {
        const text = scalarText(node.items[i]);
        if (text !== undefined) list.push(text);
      }
      return list.length === 0 ? NONE : list;
    }
    const single = scalarText(node);
    return single === undefined ? NONE : [single];
  }

  locatedTextList(fields: Fields, key: string, path: PathSegment[]): LocatedText[] {
    const node = fields[key];
    if (node?.kind !== 'seq') return [];
    const result: LocatedText[] = [];
    node.items.forEach((item, index) => {
      const text = scalarText(item);
      if (text !== undefined) result.push({ text, path: path.concat(key, index), range: this.lines.rangeOf(item.start, item.end) });
    });
    return result;
  }

  mention(item: AstNode, path: PathSegment[], role: 'lead' | 'partner', into: AgencyMention[]): void {
    if (item.kind === 'map') {
      const fields = fieldsOf(item);
      const agencyNode = fields.agency;
      const text = scalarText(agencyNode);
      if (text === undefined || !agencyNode) return;
      path = path.concat('agency');
      const mention: AgencyMention = { text, officer: scalarText(fields.officer), role, path, range: this.lines.rangeOf(agencyNode.start, agencyNode.end) };
      const group = scalarText(fields.group);
      if (group !== undefined) mention.group = group;
      into.push(mention);
      return;
    }
    const text = scalarText(item);
    if (text !== undefined) into.push({ text, role, path, range: this.lines.rangeOf(item.start, item.end) });
  }

  mentions(fields: Fields, key: string, path: PathSegment[], role: 'lead' | 'partner'): readonly AgencyMention[] {
    const node = fields[key];
    const result: AgencyMention[] = [];
    if (!node) return NONE;
    if (node.kind === 'seq') node.items.forEach((item, index) => this.mention(item, path.concat(key, index), role, result));
    else this.mention(node, path.concat(key), role, result);
    return result.length === 0 ? NONE : result;
  }

  due(fields: Fields, path: PathSegment[], context: DueContext): Due | undefined {
    const node = fields.due;
    const text = scalarText(node);
    if (text === undefined || !node) return undefined;
    let interpretation = this.dueCache.get(text);
    if (!interpretation) {
      interpretation = interpretDue(text, context);
      this.dueCache.set(text, interpretation);
    }
    return { text, interpretation, path: path.concat('due'), range: this.lines.rangeOf(node.start, node.end) };
  }

  links(fields: Fields, path: PathSegment[]): readonly Link[] {
    const node = fields.links;
    if (node?.kind !== 'seq') return NONE;
    const result: Link[] = [];
    node.items.forEach((item, index) => {
      const itemPath = path.concat('links', index);
      const range = this.lines.rangeOf(item.start, item.end);
      if (item.kind === 'map') {
        const link = fieldsOf(item);
        result.push({
          text: scalarText(link.text),
          strategy: scalarText(link.strategy),
          plan: scalarText(link.plan),
          theme: scalarText(link.theme),
          action: scalarText(link.action),
          url: scalarText(link.url),
          path: itemPath,
          range,
        });
      } else {
        const text = scalarText(item);
        if (text !== undefined) result.push({ text, path: itemPath, range });
      }
    });
    return result.length === 0 ? NONE : result;
  }

  updates(fields: Fields, path: PathSegment[]): readonly Update[] {
    const node = fields.updates;
    if (node?.kind !== 'seq') return NONE;
    const result: Update[] = [];
    node.items.forEach((item, index) => {
      if (item.kind !== 'map') return;
      const update = fieldsOf(item);
      result.push({
        asOf: this.date(update, 'asOf'),
        status: scalarText(update.status),
        text: scalarText(update.text),
        value: scalarText(update.value),
        by: scalarText(update.by),
        path: path.concat('updates', index),
        range: this.lines.rangeOf(item.start, item.end),
      });
    });
    return result.length === 0 ? NONE : result;
  }

  agencies(fields: Fields, path: PathSegment[], source: string | undefined): Agency[] {
    const node = fields.agencies;
    if (node?.kind !== 'seq') return [];
    const result: Agency[] = [];
    node.items.forEach((item, index) => {
      if (item.kind !== 'map') return;
      const agency = fieldsOf(item);
      const id = scalarText(agency.id);
      if (id === undefined) return;
      const kind = scalarText(agency.kind);
      result.push({
        id,
        name: scalarText(agency.name) ?? id,
        aliases: this.textList(agency, 'aliases'),
        kind: kind === 'agency' || kind === 'group' || kind === 'service' ? kind : undefined,
        parent: scalarText(agency.parent),
        url: scalarText(agency.url),
        notes: scalarText(agency.notes),
        source,
        path: path.concat('agencies', index),
        range: this.lines.rangeOf(item.start, item.end),
      });
    });
    return result;
  }

  // Actions and milestones share the fields from title to updates. They are written out in each
  // rather than spread from a shared object: a spread in the middle of an object literal copies
  // property by property through the runtime, which cost more than the rest of the model together
  // on a plan's first (unoptimised) read.

  milestone(node: AstNode, path: PathSegment[], index: number, action: Action, context: DueContext): Milestone {
    const fields = fieldsOf(node);
    const id = scalarText(fields.id);
    return {
      kind: 'milestone',
      id,
      key: id ?? `${action.key}-m${index + 1}`,
      title: scalarText(fields.title) ?? '',
      due: this.due(fields, path, context),
      lead: this.mentions(fields, 'lead', path, 'lead'),
      partners: this.mentions(fields, 'partners', path, 'partner'),
      status: scalarText(fields.status),
      completed: this.date(fields, 'completed'),
      links: this.links(fields, path),
      notes: scalarText(fields.notes),
      updates: this.updates(fields, path),
      measure: this.textList(fields, 'measure'),
      action,
      path,
      range: this.lines.rangeOf(node.start, node.end),
    };
  }

  action(node: AstNode, path: PathSegment[], index: number, theme: Theme, context: DueContext): Action {
    const fields = fieldsOf(node);
    const id = scalarText(fields.id);
    const achieved = scalarText(fields.achieved);
    const polarity = scalarText(fields.polarity);
    const percent = fields.percentComplete;
    const action: Action = {
      kind: 'action',
      id,
      key: id ?? `${theme.key}-${index + 1}`,
      title: scalarText(fields.title) ?? '',
      due: this.due(fields, path, context),
      lead: this.mentions(fields, 'lead', path, 'lead'),
      partners: this.mentions(fields, 'partners', path, 'partner'),
      status: scalarText(fields.status),
      completed: this.date(fields, 'completed'),
      links: this.links(fields, path),
      notes: scalarText(fields.notes),
      updates: this.updates(fields, path),
      objective: scalarText(fields.objective),
      outcome: this.textList(fields, 'outcome'),
      outputs: this.textList(fields, 'outputs'),
      measures: this.textList(fields, 'measures'),
      baseline: scalarText(fields.baseline),
      target: scalarText(fields.target),
      achieved: achieved === 'met' || achieved === 'not-met' || achieved === 'partially-met' ? achieved : undefined,
      polarity: polarity === 'higher' || polarity === 'lower' ? polarity : undefined,
      percentComplete: percent?.kind === 'scalar' && typeof percent.value === 'number' && percent.value >= 0 && percent.value <= 100 ? percent.value : undefined,
      milestones: [],
      theme,
      path,
      range: this.lines.rangeOf(node.start, node.end),
    };
    const milestones = fields.milestones;
    if (milestones?.kind === 'seq') {
      milestones.items.forEach((item, milestoneIndex) => {
        if (item.kind === 'map') action.milestones.push(this.milestone(item, path.concat('milestones', milestoneIndex), milestoneIndex, action, context));
      });
    }
    return action;
  }
}

const COLOURS: readonly StatusColour[] = ['red', 'amber', 'green', 'blue', 'grey'];

/** Reads the plan model from a file's tree. Never throws: what has the wrong shape is left out. */
export function readPlanModel(root: AstNode, lines: LineIndex): Plan | undefined {
  return finish(readPlanModelInSteps(root, lines));
}

/** `readPlanModel` as a generator that pauses after every thousand or so actions (see `steps.ts`). */
export function* readPlanModelInSteps(root: AstNode, lines: LineIndex): Generator<Stage, Plan | undefined, void> {
  if (root.kind !== 'map') return undefined;
  const reader = new ModelReader(lines);
  const top = fieldsOf(root);
  const periodNode = top.period;
  let period: Period | undefined;
  if (periodNode?.kind === 'map') {
    const periodFields = fieldsOf(periodNode);
    const start = reader.date(periodFields, 'start');
    const end = reader.date(periodFields, 'end');
    if (start && end) period = { start, end };
  } else {
    const text = scalarText(periodNode);
    const range = text === undefined ? undefined : periodFromText(text);
    if (text !== undefined && range) period = { ...range, text };
  }
  const context: DueContext = { period };

  const scheme: StatusDefinition[] = [];
  if (top.statusScheme?.kind === 'seq') {
    for (const item of top.statusScheme.items) {
      const entry = fieldsOf(item);
      const key = scalarText(entry.key);
      if (item.kind !== 'map' || key === undefined) continue;
      const colourText = scalarText(entry.colour);
      const colour = (COLOURS as readonly string[]).includes(colourText ?? '') ? (colourText as StatusColour) : 'grey';
      const completeNode = entry.complete;
      const complete = completeNode?.kind === 'scalar' && typeof completeNode.value === 'boolean' ? completeNode.value : colour === 'blue';
      scheme.push({
        key,
        label: scalarText(entry.label) ?? key,
        definition: scalarText(entry.definition),
        colour,
        complete,
        aliases: reader.textList(entry, 'aliases'),
      });
    }
  }

  const plan: Plan = {
    title: scalarText(top.title) ?? '',
    partnership: scalarText(top.partnership),
    summary: scalarText(top.summary),
    period,
    asOf: reader.date(top, 'asOf'),
    lang: scalarText(top.lang) === 'cy' ? 'cy' : 'en',
    statusScheme: scheme.length > 0 ? scheme : DEFAULT_STATUS_SCHEME,
    usesDefaultStatusScheme: scheme.length === 0,
    registers: reader.locatedTextList(top, 'registers', []),
    agencies: reader.agencies(top, [], undefined),
    footnotes: [],
    risks: [],
    themes: [],
  };

  if (top.footnotes?.kind === 'seq') {
    top.footnotes.items.forEach((item, index) => {
      const footnote = fieldsOf(item);
      const mark = scalarText(footnote.mark);
      if (item.kind !== 'map' || mark === undefined) return;
      plan.footnotes.push({ mark, text: scalarText(footnote.text) ?? '', ...reader.located(item, ['footnotes', index]) });
    });
  }

  if (top.risks?.kind === 'seq') {
    top.risks.items.forEach((item, index) => {
      if (item.kind !== 'map') return;
      const risk = fieldsOf(item);
      const path = ['risks', index];
      plan.risks.push({
        id: scalarText(risk.id),
        title: scalarText(risk.title) ?? '',
        status: scalarText(risk.status),
        owner: reader.mentions(risk, 'owner', path, 'lead'),
        mitigation: scalarText(risk.mitigation),
        ...reader.located(item, path),
      });
    });
  }

  if (top.themes?.kind === 'seq') {
    const themeNodes = top.themes.items;
    let sincePause = 0;
    for (let themeIndex = 0; themeIndex < themeNodes.length; themeIndex++) {
      const themeNode = themeNodes[themeIndex];
      if (themeNode.kind !== 'map') continue;
      const fields = fieldsOf(themeNode);
      const themePath: PathSegment[] = ['themes', themeIndex];
      const themeId = scalarText(fields.id);
      const theme: Theme = {
        kind: 'theme',
        id: themeId,
        key: themeId ?? String(themeIndex + 1),
        title: scalarText(fields.title) ?? '',
        lead: reader.mentions(fields, 'lead', themePath, 'lead'),
        aim: scalarText(fields.aim),
        description: scalarText(fields.description),
        objectives: reader.textList(fields, 'objectives'),
        partners: reader.mentions(fields, 'partners', themePath, 'partner'),
        links: reader.links(fields, themePath),
        notes: scalarText(fields.notes),
        actions: [],
        ...reader.located(themeNode, themePath),
      };
      plan.themes.push(theme);
      const actions = fields.actions;
      if (actions?.kind !== 'seq') continue;
      for (let actionIndex = 0; actionIndex < actions.items.length; actionIndex++) {
        const actionNode = actions.items[actionIndex];
        if (actionNode.kind === 'map') theme.actions.push(reader.action(actionNode, themePath.concat('actions', actionIndex), actionIndex, theme, context));
      }
      sincePause += actions.items.length;
      if (sincePause >= ITEMS_PER_STEP) {
        sincePause = 0;
        yield 'modelling';
      }
    }
  }
  return plan;
}

/**
 * A plan model with one action read again from a new tree (after an edit inside that action that
 * kept every line where it was): the other themes and actions are the same objects as before. The
 * theme holding the action is a new object; its other actions are pointed at it. Undefined when the
 * tree has no action map at that place.
 */
export function rereadActionModel(plan: Plan, root: AstNode, lines: LineIndex, themeIndex: number, actionIndex: number): Plan | undefined {
  const themeAt = plan.themes.findIndex((theme) => theme.path[1] === themeIndex);
  const oldTheme = plan.themes[themeAt];
  if (!oldTheme) return undefined;
  const actionAt = oldTheme.actions.findIndex((action) => action.path[3] === actionIndex);
  const themesNode = fieldsOf(root).themes;
  const themeNode = themesNode?.kind === 'seq' ? themesNode.items[themeIndex] : undefined;
  const actionsNode = fieldsOf(themeNode).actions;
  const actionNode = actionsNode?.kind === 'seq' ? actionsNode.items[actionIndex] : undefined;
  if (actionAt === -1 || actionNode?.kind !== 'map') return undefined;
  // The theme may end on the edited line: its range is read again too.
  const theme: Theme = { ...oldTheme, range: lines.rangeOf(themeNode!.start, themeNode!.end), actions: [...oldTheme.actions] };
  const action = new ModelReader(lines).action(actionNode, ['themes', themeIndex, 'actions', actionIndex], actionIndex, theme, { period: plan.period });
  theme.actions[actionAt] = action;
  for (const other of theme.actions) other.theme = theme;
  const themes = [...plan.themes];
  themes[themeAt] = theme;
  return { ...plan, themes };
}

/** Reads a register file's model from its tree. */
export function readRegisterModel(root: AstNode, lines: LineIndex, source: string | undefined): Register | undefined {
  if (root.kind !== 'map') return undefined;
  const reader = new ModelReader(lines);
  const top = fieldsOf(root);
  return {
    title: scalarText(top.title),
    partnership: scalarText(top.partnership),
    registers: reader.locatedTextList(top, 'registers', []),
    agencies: reader.agencies(top, [], source),
  };
}
