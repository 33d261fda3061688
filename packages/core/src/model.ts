import { pairOf, scalarText, type AstNode, type MapNode, type PathSegment } from './ast.js';
import { isValidIsoDate, type IsoDate } from './dates.js';
import { interpretDue, periodFromText, type DueContext, type DueInterpretation } from './due.js';
import type { LineIndex, Range } from './positions.js';
import { DEFAULT_STATUS_SCHEME, type StatusColour, type StatusDefinition } from './status.js';

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
  lead: AgencyMention[];
  partners: AgencyMention[];
  /** The status as written. */
  status?: string;
  completed?: IsoDate;
  links: Link[];
  notes?: string;
  updates: Update[];
}

/** A step of an action. */
export interface Milestone extends WorkItem {
  kind: 'milestone';
  measure: string[];
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
  outcome: string[];
  outputs: string[];
  measures: string[];
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
  lead: AgencyMention[];
  aim?: string;
  description?: string;
  objectives: string[];
  partners: AgencyMention[];
  links: Link[];
  notes?: string;
  actions: Action[];
}

/** An agency in a register (the plan's own or a register file). */
export interface Agency extends Located {
  id: string;
  name: string;
  aliases: string[];
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
  owner: AgencyMention[];
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

/** Builds model objects from a file's tree, with ranges from its line index. */
class ModelReader {
  /** Due texts repeat ("March 2018", "Ongoing"): each is interpreted once per plan (interpretations are not changed after). */
  private readonly dueCache = new Map<string, DueInterpretation>();

  constructor(private readonly lines: LineIndex) {}

  located(node: AstNode, path: PathSegment[]): Located {
    return { path, range: this.lines.rangeOf(node.start, node.end) };
  }

  text(map: MapNode, key: string): string | undefined {
    return scalarText(pairOf(map, key)?.value);
  }

  date(map: MapNode, key: string): IsoDate | undefined {
    const text = this.text(map, key);
    return text !== undefined && isValidIsoDate(text) ? text : undefined;
  }

  textList(map: MapNode, key: string): string[] {
    const node = pairOf(map, key)?.value;
    if (!node) return [];
    if (node.kind === 'seq') return node.items.map(scalarText).filter((t): t is string => t !== undefined);
    const single = scalarText(node);
    return single === undefined ? [] : [single];
  }

  locatedTextList(map: MapNode, key: string, path: PathSegment[]): LocatedText[] {
    const node = pairOf(map, key)?.value;
    if (node?.kind !== 'seq') return [];
    const result: LocatedText[] = [];
    node.items.forEach((item, index) => {
      const text = scalarText(item);
      if (text !== undefined) result.push({ text, ...this.located(item, [...path, key, index]) });
    });
    return result;
  }

  mentions(map: MapNode, key: string, path: PathSegment[], role: 'lead' | 'partner'): AgencyMention[] {
    const node = pairOf(map, key)?.value;
    if (!node) return [];
    const items = node.kind === 'seq' ? node.items.map((item, index) => [item, [...path, key, index]] as const) : [[node, [...path, key]] as const];
    const result: AgencyMention[] = [];
    for (const [item, itemPath] of items) {
      if (item.kind === 'map') {
        const agencyNode = pairOf(item, 'agency')?.value;
        const text = scalarText(agencyNode);
        if (text === undefined || !agencyNode) continue;
        result.push({ text, officer: this.text(item, 'officer'), role, ...this.located(agencyNode, [...itemPath, 'agency']) });
      } else {
        const text = scalarText(item);
        if (text !== undefined) result.push({ text, role, ...this.located(item, [...itemPath]) });
      }
    }
    return result;
  }

  due(map: MapNode, path: PathSegment[], context: DueContext): Due | undefined {
    const node = pairOf(map, 'due')?.value;
    const text = scalarText(node);
    if (text === undefined || !node) return undefined;
    let interpretation = this.dueCache.get(text);
    if (!interpretation) {
      interpretation = interpretDue(text, context);
      this.dueCache.set(text, interpretation);
    }
    return { text, interpretation, ...this.located(node, [...path, 'due']) };
  }

  links(map: MapNode, path: PathSegment[]): Link[] {
    const node = pairOf(map, 'links')?.value;
    if (node?.kind !== 'seq') return [];
    const result: Link[] = [];
    node.items.forEach((item, index) => {
      const itemPath = [...path, 'links', index];
      if (item.kind === 'map') {
        result.push({
          text: this.text(item, 'text'),
          strategy: this.text(item, 'strategy'),
          plan: this.text(item, 'plan'),
          theme: this.text(item, 'theme'),
          action: this.text(item, 'action'),
          url: this.text(item, 'url'),
          ...this.located(item, itemPath),
        });
      } else {
        const text = scalarText(item);
        if (text !== undefined) result.push({ text, ...this.located(item, itemPath) });
      }
    });
    return result;
  }

  updates(map: MapNode, path: PathSegment[]): Update[] {
    const node = pairOf(map, 'updates')?.value;
    if (node?.kind !== 'seq') return [];
    const result: Update[] = [];
    node.items.forEach((item, index) => {
      if (item.kind !== 'map') return;
      result.push({
        asOf: this.date(item, 'asOf'),
        status: this.text(item, 'status'),
        text: this.text(item, 'text'),
        value: this.text(item, 'value'),
        by: this.text(item, 'by'),
        ...this.located(item, [...path, 'updates', index]),
      });
    });
    return result;
  }

  workItem(map: MapNode, path: PathSegment[], context: DueContext): Omit<WorkItem, 'range' | 'path'> {
    return {
      id: this.text(map, 'id'),
      title: this.text(map, 'title') ?? '',
      due: this.due(map, path, context),
      lead: this.mentions(map, 'lead', path, 'lead'),
      partners: this.mentions(map, 'partners', path, 'partner'),
      status: this.text(map, 'status'),
      completed: this.date(map, 'completed'),
      links: this.links(map, path),
      notes: this.text(map, 'notes'),
      updates: this.updates(map, path),
    };
  }

  agencies(map: MapNode, path: PathSegment[], source: string | undefined): Agency[] {
    const node = pairOf(map, 'agencies')?.value;
    if (node?.kind !== 'seq') return [];
    const result: Agency[] = [];
    node.items.forEach((item, index) => {
      if (item.kind !== 'map') return;
      const id = this.text(item, 'id');
      if (id === undefined) return;
      const kind = this.text(item, 'kind');
      result.push({
        id,
        name: this.text(item, 'name') ?? id,
        aliases: this.textList(item, 'aliases'),
        kind: kind === 'agency' || kind === 'group' || kind === 'service' ? kind : undefined,
        parent: this.text(item, 'parent'),
        url: this.text(item, 'url'),
        notes: this.text(item, 'notes'),
        source,
        ...this.located(item, [...path, 'agencies', index]),
      });
    });
    return result;
  }
}

const COLOURS: readonly StatusColour[] = ['red', 'amber', 'green', 'blue', 'grey'];

/** Reads the plan model from a file's tree. Never throws: what has the wrong shape is left out. */
export function readPlanModel(root: AstNode, lines: LineIndex): Plan | undefined {
  if (root.kind !== 'map') return undefined;
  const reader = new ModelReader(lines);
  const periodNode = pairOf(root, 'period')?.value;
  let period: Period | undefined;
  if (periodNode?.kind === 'map') {
    const start = reader.date(periodNode, 'start');
    const end = reader.date(periodNode, 'end');
    if (start && end) period = { start, end };
  } else {
    const text = scalarText(periodNode);
    const range = text === undefined ? undefined : periodFromText(text);
    if (text !== undefined && range) period = { ...range, text };
  }
  const context: DueContext = { period };

  const schemeNode = pairOf(root, 'statusScheme')?.value;
  const scheme: StatusDefinition[] = [];
  if (schemeNode?.kind === 'seq') {
    for (const item of schemeNode.items) {
      if (item.kind !== 'map') continue;
      const key = reader.text(item, 'key');
      if (key === undefined) continue;
      const colourText = reader.text(item, 'colour');
      const colour = (COLOURS as readonly string[]).includes(colourText ?? '') ? (colourText as StatusColour) : 'grey';
      const completeNode = pairOf(item, 'complete')?.value;
      const complete = completeNode?.kind === 'scalar' && typeof completeNode.value === 'boolean' ? completeNode.value : colour === 'blue';
      scheme.push({
        key,
        label: reader.text(item, 'label') ?? key,
        definition: reader.text(item, 'definition'),
        colour,
        complete,
        aliases: reader.textList(item, 'aliases'),
      });
    }
  }

  const lang = reader.text(root, 'lang') === 'cy' ? 'cy' : 'en';
  const plan: Plan = {
    title: reader.text(root, 'title') ?? '',
    partnership: reader.text(root, 'partnership'),
    summary: reader.text(root, 'summary'),
    period,
    asOf: reader.date(root, 'asOf'),
    lang,
    statusScheme: scheme.length > 0 ? scheme : DEFAULT_STATUS_SCHEME,
    usesDefaultStatusScheme: scheme.length === 0,
    registers: reader.locatedTextList(root, 'registers', []),
    agencies: reader.agencies(root, [], undefined),
    footnotes: [],
    risks: [],
    themes: [],
  };

  const footnotesNode = pairOf(root, 'footnotes')?.value;
  if (footnotesNode?.kind === 'seq') {
    footnotesNode.items.forEach((item, index) => {
      if (item.kind !== 'map') return;
      const mark = reader.text(item, 'mark');
      if (mark === undefined) return;
      plan.footnotes.push({ mark, text: reader.text(item, 'text') ?? '', ...reader.located(item, ['footnotes', index]) });
    });
  }

  const risksNode = pairOf(root, 'risks')?.value;
  if (risksNode?.kind === 'seq') {
    risksNode.items.forEach((item, index) => {
      if (item.kind !== 'map') return;
      const path = ['risks', index];
      plan.risks.push({
        id: reader.text(item, 'id'),
        title: reader.text(item, 'title') ?? '',
        status: reader.text(item, 'status'),
        owner: reader.mentions(item, 'owner', path, 'lead'),
        mitigation: reader.text(item, 'mitigation'),
        ...reader.located(item, path),
      });
    });
  }

  const themesNode = pairOf(root, 'themes')?.value;
  if (themesNode?.kind === 'seq') {
    themesNode.items.forEach((themeNode, themeIndex) => {
      if (themeNode.kind !== 'map') return;
      const themePath: PathSegment[] = ['themes', themeIndex];
      const themeId = reader.text(themeNode, 'id');
      const theme: Theme = {
        kind: 'theme',
        id: themeId,
        key: themeId ?? String(themeIndex + 1),
        title: reader.text(themeNode, 'title') ?? '',
        lead: reader.mentions(themeNode, 'lead', themePath, 'lead'),
        aim: reader.text(themeNode, 'aim'),
        description: reader.text(themeNode, 'description'),
        objectives: reader.textList(themeNode, 'objectives'),
        partners: reader.mentions(themeNode, 'partners', themePath, 'partner'),
        links: reader.links(themeNode, themePath),
        notes: reader.text(themeNode, 'notes'),
        actions: [],
        ...reader.located(themeNode, themePath),
      };
      plan.themes.push(theme);
      const actionsNode = pairOf(themeNode, 'actions')?.value;
      if (actionsNode?.kind !== 'seq') return;
      actionsNode.items.forEach((actionNode, actionIndex) => {
        if (actionNode.kind !== 'map') return;
        const actionPath: PathSegment[] = [...themePath, 'actions', actionIndex];
        const item = reader.workItem(actionNode, actionPath, context);
        const achieved = reader.text(actionNode, 'achieved');
        const polarity = reader.text(actionNode, 'polarity');
        const percentNode = pairOf(actionNode, 'percentComplete')?.value;
        const action: Action = {
          kind: 'action',
          ...item,
          key: item.id ?? `${theme.key}-${actionIndex + 1}`,
          objective: reader.text(actionNode, 'objective'),
          outcome: reader.textList(actionNode, 'outcome'),
          outputs: reader.textList(actionNode, 'outputs'),
          measures: reader.textList(actionNode, 'measures'),
          baseline: reader.text(actionNode, 'baseline'),
          target: reader.text(actionNode, 'target'),
          achieved: achieved === 'met' || achieved === 'not-met' || achieved === 'partially-met' ? achieved : undefined,
          polarity: polarity === 'higher' || polarity === 'lower' ? polarity : undefined,
          percentComplete:
            percentNode?.kind === 'scalar' && typeof percentNode.value === 'number' && percentNode.value >= 0 && percentNode.value <= 100
              ? percentNode.value
              : undefined,
          milestones: [],
          theme,
          ...reader.located(actionNode, actionPath),
        };
        theme.actions.push(action);
        const milestonesNode = pairOf(actionNode, 'milestones')?.value;
        if (milestonesNode?.kind !== 'seq') return;
        milestonesNode.items.forEach((milestoneNode, milestoneIndex) => {
          if (milestoneNode.kind !== 'map') return;
          const milestonePath: PathSegment[] = [...actionPath, 'milestones', milestoneIndex];
          const milestoneItem = reader.workItem(milestoneNode, milestonePath, context);
          action.milestones.push({
            kind: 'milestone',
            ...milestoneItem,
            key: milestoneItem.id ?? `${action.key}-m${milestoneIndex + 1}`,
            measure: reader.textList(milestoneNode, 'measure'),
            action,
            ...reader.located(milestoneNode, milestonePath),
          });
        });
      });
    });
  }
  return plan;
}

/** Reads a register file's model from its tree. */
export function readRegisterModel(root: AstNode, lines: LineIndex, source: string | undefined): Register | undefined {
  if (root.kind !== 'map') return undefined;
  const reader = new ModelReader(lines);
  return {
    title: reader.text(root, 'title'),
    partnership: reader.text(root, 'partnership'),
    registers: reader.locatedTextList(root, 'registers', []),
    agencies: reader.agencies(root, [], source),
  };
}
