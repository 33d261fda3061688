import {
  daysBetween,
  financialYearLabel,
  financialYearOf,
  financialYearRange,
  formatLongDate,
  lastDayOfMonth,
  makeIsoDate,
  quarterRange,
  type IsoDate,
  type PlanAnalysis,
  type PlanItem,
  type StatusColour,
  type Theme,
  type TimelineEntry,
} from '@plankit/core/lite';
import { css, html, nothing, unsafeCSS, type CSSResult, type PropertyValues, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { cssProperties, type CssProperties } from '../directives/css-properties.js';
import { PlanElement } from '../base.js';
import type { PlanState } from '../plan-state.js';
import type { Lang } from '../strings.js';
import { timeline } from '../strings/timeline.js';
import { NextChunk } from '../next-chunk.js';
import { tokens } from '../styles.js';

/** How much time the axis shows at once. */
export type TimelineZoom = 'year' | 'quarter' | 'month';

/** The detail of the `plan-action-select` event. */
export interface PlanActionSelectDetail {
  /** The item's stable key (its id, or a key made from its place in the plan). */
  key: string;
  /** The item's id as written, if it has one. */
  id?: string;
  kind: PlanItem['kind'];
  /** The action or milestone itself (the core's model object). */
  item: PlanItem;
}

type Words = (typeof timeline)[Lang];
type ReadyState = Required<Pick<PlanState, 'plan' | 'analysis' | 'asOf'>> & PlanState;

/** The shape an item is drawn with: its status colour's, or a neutral one for no status or a word not in the legend. */
type ShapeKind = StatusColour | 'none';

const ZOOMS: readonly TimelineZoom[] = ['year', 'quarter', 'month'];

// Sizes in rem. Items are placed by percentages of the axis; these fixed sizes are only used to
// pack items into rows so that their markers and labels never overlap. The axis is never narrower
// than its nominal width (`width: max(100%, nominal)`), so a wider axis only adds space between them.
/** The marker (shape) and the item's height: 24px, the WCAG 2.2 minimum target size. */
const MARKER_REM = 1.5;
/** Space kept between two items in a row. */
const GAP_REM = 0.5;
/** A label character's width, generously (labels are 0.875rem Arial); each label is also capped to its estimate in CSS. */
const LABEL_CHAR_REM = 0.55;
/** The widest label; longer titles end in an ellipsis (the full title is in the name, the details and the list). */
const LABEL_MAX_REM = 16;
/** The label's margin from its marker. */
const LABEL_GAP_REM = 0.25;
/** Extra width of the "Overdue" tag beyond its letters (padding, border, margin). */
const TAG_EXTRA_REM = 0.9;

// Progressive rendering. A big plan's first screen is rendered at once; the rest (the lists apart,
// the other lanes' items, then the ordered list) follows in chunks after the frames that show it,
// each kept under a long task (50 ms), with aria-busy on what is still coming. Everything is rendered
// at once for print, and an item the keyboard moves to is rendered (with its lane) there and then.
// A unit of work is one item: on the axis, in a list apart, or in the ordered list.
/** Plans with up to this many units are rendered in one go. */
const RENDER_AT_ONCE = 500;
/** The first screen: whole lanes, until they make this many rows (2rem each; 70vh of a tall screen)… */
const FIRST_ROWS = 24;
/** …or hold this many items (a lane beyond that is cut short, in date order). */
const FIRST_ITEMS = 240;
/** Units in the first chunk; later chunks are sized to the time budget. */
const CHUNK_UNITS = 100;
/** About how long one chunk may take to build, style and lay out, in milliseconds. */
const CHUNK_BUDGET_MS = 20;
/** Bounds on the units per chunk (which at most doubles from one chunk to the next). */
const MIN_CHUNK_UNITS = 25;
const MAX_CHUNK_UNITS = 400;

/** The axis's nominal width in rem for a zoom and a number of financial years. */
function nominalWidthRem(zoom: TimelineZoom, years: number): number {
  if (zoom === 'month') return 96 * years; // 8rem a month
  if (zoom === 'quarter') return 56 * years; // 14rem a quarter
  return Math.max(48, 16 * years); // the whole plan at once, but never less than 16rem a year
}

/** An action or milestone, with the words the axis shows about it (in one language). */
interface ItemView {
  entry: TimelineEntry;
  item: PlanItem;
  title: string;
  themeTitle: string;
  kindWord: string;
  /** For a milestone, its action's title. */
  partOf?: string;
  shape: ShapeKind;
  statusLabel: string;
  overdue: boolean;
  dueSoon: boolean;
  /** 'Overdue', 'Due soon' or ''. */
  flagWord: string;
  /** The "by when" text exactly as written. */
  dueText?: string;
  /** The rest of its words, worked out when first shown (textOf). */
  text?: ItemText;
}

/** The longer words about an item: for the details panel and the lists, worked out only when they are shown. */
interface ItemText {
  statusDefinition?: string;
  /** The deadline in words: overdue, due soon, due, complete, or no date to check. */
  deadlineText: string;
  /** What the core understood of the "by when" text, in words. */
  dueMeaning?: string;
  lead: string;
  /** For a recurring item, the next occurrence, in words. */
  nextDue?: string;
  /** Everything about the item in one line, for the lists. */
  facts: string;
}

/** An item on the axis. */
interface DatedView extends ItemView {
  lane: number;
  /** Its place in its lane, in date order. */
  at: number;
  /** Days from the axis start to its first day and to its deadline. */
  startDay: number;
  endDay: number;
  /** Its place in the plan, to order items with the same dates. */
  order: number;
  /** Its deadline as a date, and in words (leading its line in the ordered list; worked out when shown). */
  deadline: IsoDate;
  deadlineDate?: string;
  /** Its button's accessible name (worked out when its button is first rendered): overdue, title, kind, status, due soon, "by when" as written. */
  name?: string;
}

interface Lane {
  theme: Theme;
  title: string;
  /** Indices into `dated`, in date order. */
  items: number[];
}

/** What the element shows of a plan in a language; built once per plan analysis and language. */
interface Model {
  analysis: PlanAnalysis;
  lang: Lang;
  words: Words;
  usesDefaultLegend: boolean;
  /** Dates in words, each worked out once. */
  dates: Map<IsoDate, string>;
  itemCount: number;
  /** The axis: whole financial years from `rangeStart` covering the plan period and every dated item. */
  rangeStart: IsoDate;
  firstYear: number;
  years: number;
  totalDays: number;
  /** The as-of date as a share of the axis (0-1), when it falls on it. */
  asOfFraction?: number;
  asOfLabel: string;
  lanes: Lane[];
  /** Items on the axis, lane by lane, each lane in date order (the keyboard order). */
  dated: DatedView[];
  /** Indices into `dated` in date order across all lanes (the ordered list). */
  dateOrder: number[];
  ongoing: ItemView[];
  recurring: ItemView[];
  unresolved: ItemView[];
  undated: ItemView[];
  statusKey: { shape: ShapeKind; label: string }[];
  /** Units of rendering work: every dated item twice (on the axis and in the list), and every item listed apart. */
  units: number;
}

/**
 * Where each item goes at one zoom: its row in its lane and the side of its label, written once
 * as each button's class and style, so that moving focus re-renders nothing but strings compared.
 */
interface Layout {
  /** The axis's nominal width in rem (it is never drawn narrower). */
  widthRem: number;
  /** Each dated item's class and inline style. */
  classes: string[];
  /** Each item's position, set through the CSSOM (cssProperties): style attributes break a strict CSP. */
  styles: CssProperties[];
  /** How many rows each lane has. */
  laneRows: number[];
}

/** A percentage for a style, short. */
function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(4)}%`;
}

/** Who leads an item, as written (a milestone without its own lead is led by its action's lead). */
function leadOf(item: PlanItem): string {
  const mentions = item.kind === 'milestone' && item.lead.length === 0 ? item.action.lead : item.lead;
  return mentions.map((mention) => (mention.officer ? `${mention.text} (${mention.officer})` : mention.text)).join(', ');
}

/** The words the axis needs for one item (the rest wait for textOf). */
function viewOf(entry: TimelineEntry, words: Words, usesDefaultLegend: boolean): ItemView {
  const { item, state } = entry;
  const status = state.status;
  let statusLabel: string;
  if (status) statusLabel = (usesDefaultLegend ? words.statusLabels[status.key] : undefined) ?? status.label;
  else if (state.statusText !== undefined && state.statusText.trim() !== '') statusLabel = words.notInLegend(state.statusText);
  else statusLabel = words.noStatus;
  const overdue = state.overdue;
  const dueSoon = !overdue && state.dueSoon;
  return {
    entry,
    item,
    title: item.title,
    themeTitle: entry.theme.title,
    kindWord: item.kind === 'action' ? words.action : words.milestone,
    partOf: item.kind === 'milestone' ? item.action.title : undefined,
    shape: status?.colour ?? 'none',
    statusLabel,
    overdue,
    dueSoon,
    flagWord: overdue ? words.overdue : dueSoon ? words.dueSoon : '',
    dueText: item.due?.text,
  };
}

/** A date in words, in the model's language (each date worked out once). */
function dateWords(model: Model, iso: IsoDate): string {
  let words = model.dates.get(iso);
  if (words === undefined) {
    words = formatLongDate(iso, model.lang);
    model.dates.set(iso, words);
  }
  return words;
}

/** The rest of an item's words (for the details panel and the lists), worked out once, when first shown. */
function textOf(model: Model, view: ItemView): ItemText {
  if (view.text) return view.text;
  const { words } = model;
  const { entry, item } = view;
  const { state } = entry;
  const status = state.status;
  const date = (iso: IsoDate) => dateWords(model, iso);
  const statusDefinition = status ? ((model.usesDefaultLegend ? words.statusDefinitions[status.key] : undefined) ?? status.definition) : undefined;
  let deadlineText: string;
  if (state.complete) deadlineText = words.complete;
  else if (state.overdue && state.deadline) deadlineText = words.overdueSince(date(state.deadline));
  else if (state.dueSoon && state.deadline) deadlineText = words.dueSoonOn(date(state.deadline));
  else if (state.deadline) deadlineText = words.dueOn(date(state.deadline));
  else deadlineText = words.noDeadline;
  const { dueText, kindWord } = view;
  const dueMeaning = item.due ? words.describeDue(item.due.interpretation) : undefined;
  const lead = leadOf(item) || words.notGiven;
  const nextDue = entry.placement === 'recurring' && entry.next ? date(entry.next) : undefined;
  const facts = [
    `${words.theme}: ${entry.theme.title}`,
    item.kind === 'milestone' ? `${kindWord} (${words.partOf}: ${item.action.title})` : kindWord,
    `${words.status}: ${view.statusLabel}`,
    // "Complete" once: a complete status already says it.
    state.complete && status?.complete ? undefined : deadlineText,
    dueText !== undefined ? `${words.byWhen}: ${dueText}${dueMeaning ? ` (${dueMeaning})` : ''}` : undefined,
    nextDue ? `${words.nextDue}: ${nextDue}` : undefined,
    `${words.lead}: ${lead}`,
  ]
    .filter((fact) => fact !== undefined)
    .join('; ');
  view.text = { statusDefinition, deadlineText, dueMeaning, lead, nextDue, facts };
  return view.text;
}

/** A dated item's button's accessible name, worked out once. */
function nameOf(model: Model, view: DatedView): string {
  view.name ??= [
    view.overdue ? view.flagWord : undefined,
    view.title,
    view.kindWord,
    view.statusLabel,
    view.dueSoon ? view.flagWord : undefined,
    view.dueText !== undefined ? `${model.words.byWhen}: ${view.dueText}` : undefined,
  ]
    .filter((part) => part !== undefined)
    .join(', ');
  return view.name;
}

/** A dated item's deadline in words, worked out once. */
function deadlineDateOf(model: Model, view: DatedView): string {
  view.deadlineDate ??= dateWords(model, view.deadline);
  return view.deadlineDate;
}

/** Orders dated items: by deadline, then first day, then place in the plan. */
function byDate(a: DatedView, b: DatedView): number {
  return a.endDay - b.endDay || a.startDay - b.startDay || a.order - b.order;
}

/** Builds what the element shows of a plan: lanes, the axis range, the lists apart. */
function buildModel(state: ReadyState, lang: Lang): Model {
  const words = timeline[lang];
  const { plan, analysis } = state;
  const entries = analysis.timeline();
  const usesDefaultLegend = plan.usesDefaultStatusScheme;

  // The axis covers the plan period and every dated item, in whole financial years.
  let min = plan.period?.start;
  let max = plan.period?.end;
  for (const entry of entries) {
    if (entry.placement !== 'dated' || !entry.start || !entry.end) continue;
    if (min === undefined || entry.start < min) min = entry.start;
    if (max === undefined || entry.end > max) max = entry.end;
  }
  min ??= state.asOf;
  max ??= state.asOf;
  const firstYear = financialYearOf(min);
  const lastYear = Math.max(firstYear, financialYearOf(max));
  const rangeStart = financialYearRange(firstYear).start;
  const rangeEnd = financialYearRange(lastYear).end;
  const totalDays = daysBetween(rangeStart, rangeEnd) + 1;
  const asOfDay = daysBetween(rangeStart, state.asOf);
  const asOfDate = formatLongDate(state.asOf, lang);

  const lanes: Lane[] = plan.themes.map((theme) => ({ theme, title: theme.title || theme.key, items: [] }));
  const laneOf = new Map<Theme, number>(plan.themes.map((theme, index) => [theme, index]));
  const perLane: DatedView[][] = lanes.map(() => []);
  const model: Model = {
    analysis,
    lang,
    words,
    usesDefaultLegend,
    dates: new Map(),
    itemCount: entries.length,
    rangeStart,
    firstYear,
    years: lastYear - firstYear + 1,
    totalDays,
    asOfFraction: asOfDay >= 0 && asOfDay < totalDays ? (asOfDay + 0.5) / totalDays : undefined,
    asOfLabel: state.asOfBasis === 'today' ? words.today(asOfDate) : words.asAt(asOfDate),
    lanes,
    dated: [],
    dateOrder: [],
    ongoing: [],
    recurring: [],
    unresolved: [],
    undated: [],
    statusKey: plan.statusScheme.map((status) => ({
      shape: status.colour,
      label: (usesDefaultLegend ? words.statusLabels[status.key] : undefined) ?? status.label,
    })),
    units: 0,
  };

  entries.forEach((entry, order) => {
    const view = viewOf(entry, words, usesDefaultLegend);
    switch (entry.placement) {
      case 'dated': {
        const lane = laneOf.get(entry.theme) ?? 0;
        const end = entry.end!;
        const dated = view as DatedView;
        dated.lane = lane;
        dated.at = 0;
        dated.startDay = daysBetween(rangeStart, entry.start ?? end);
        dated.endDay = daysBetween(rangeStart, end);
        dated.order = order;
        dated.deadline = end;
        perLane[lane].push(dated);
        break;
      }
      case 'ongoing':
        model.ongoing.push(view);
        break;
      case 'recurring':
        model.recurring.push(view);
        break;
      case 'unresolved':
        model.unresolved.push(view);
        break;
      default:
        model.undated.push(view);
    }
  });

  perLane.forEach((items, lane) => {
    items.sort(byDate);
    items.forEach((view, at) => {
      view.at = at;
      lanes[lane].items.push(model.dated.length);
      model.dated.push(view);
    });
  });
  model.dateOrder = model.dated.map((_, index) => index).sort((a, b) => byDate(model.dated[a], model.dated[b]));
  model.units = 2 * model.dated.length + model.ongoing.length + model.recurring.length + model.unresolved.length + model.undated.length;
  return model;
}

/** How much of each part is rendered: items on the axis (a prefix of `dated`, lane by lane), items listed apart (a prefix of the four lists in turn), ordered-list entries. */
interface Shown {
  dated: number;
  apart: number;
  list: number;
}

function apartCount(model: Model): number {
  return model.ongoing.length + model.recurring.length + model.unresolved.length + model.undated.length;
}

function everything(model: Model): Shown {
  return { dated: model.dated.length, apart: apartCount(model), list: model.dated.length };
}

function isComplete(model: Model, shown: Shown): boolean {
  return shown.dated >= model.dated.length && shown.apart >= apartCount(model) && shown.list >= model.dated.length;
}

/** What the first render shows: everything of a small plan, else the lanes of about a first screen. */
function firstShown(model: Model, layout: Layout): Shown {
  if (model.units <= RENDER_AT_ONCE) return everything(model);
  let rows = 0;
  let items = 0;
  for (const [index, lane] of model.lanes.entries()) {
    if (rows >= FIRST_ROWS || items >= FIRST_ITEMS) break;
    // The lane's label takes about a row of its own.
    rows += layout.laneRows[index] + 1;
    items += lane.items.length;
  }
  return { dated: Math.max(1, Math.min(items, FIRST_ITEMS)), apart: 0, list: 0 };
}

/**
 * What a chunk of `units` more shows, in the order the reader is likely to look: the lists apart
 * (just under the axis, so partly on the first screen), the other lanes, then the ordered list.
 */
function advance(model: Model, shown: Shown, units: number): Shown {
  const next = { ...shown };
  let left = units;
  const take = (have: number, total: number) => {
    const add = Math.min(left, Math.max(0, total - have));
    left -= add;
    return have + add;
  };
  next.apart = take(next.apart, apartCount(model));
  next.dated = take(next.dated, model.dated.length);
  next.list = take(next.list, model.dated.length);
  return next;
}

function unitsOf(shown: Shown): number {
  return shown.dated + shown.apart + shown.list;
}

/**
 * Packs each lane's items into rows at a zoom, from the axis's nominal width alone (no layout
 * reads): an item takes its bar, its marker and its label's estimated width, and goes in the first
 * row where that space is free.
 */
function layoutOf(model: Model, zoom: TimelineZoom): Layout {
  const widthRem = nominalWidthRem(zoom, model.years);
  const remPerDay = widthRem / model.totalDays;
  const count = model.dated.length;
  const layout: Layout = { widthRem, classes: new Array(count), styles: new Array(count), laneRows: [] };
  const labelRem: number[] = new Array(count);
  const labelStart: boolean[] = new Array(count);
  const rows: number[] = new Array(count);
  for (const lane of model.lanes) {
    const spans = lane.items.map((index) => {
      const view = model.dated[index];
      const from = view.startDay * remPerDay - MARKER_REM / 2;
      const to = Math.max((view.endDay + 1) * remPerDay + MARKER_REM / 2, from + MARKER_REM);
      const tag = view.overdue ? view.flagWord.length * LABEL_CHAR_REM + TAG_EXTRA_REM : 0;
      const label = Math.min(LABEL_MAX_REM, view.title.length * LABEL_CHAR_REM + tag + 0.5);
      labelRem[index] = label;
      const room = label + LABEL_GAP_REM;
      // The label goes after the marker, unless it would run off the axis and fits before the bar.
      const start = to + room > widthRem && from - room >= 0;
      labelStart[index] = start;
      return start ? { index, from: from - room, to } : { index, from, to: to + room };
    });
    spans.sort((a, b) => a.from - b.from);
    const rowEnds: number[] = [];
    for (const span of spans) {
      let row = 0;
      while (row < rowEnds.length && rowEnds[row] + GAP_REM > span.from) row++;
      rowEnds[row] = span.to;
      rows[span.index] = row;
    }
    layout.laneRows.push(Math.max(1, rowEnds.length));
  }
  model.dated.forEach((view, index) => {
    const left = view.startDay / model.totalDays;
    const width = (view.endDay + 1 - view.startDay) / model.totalDays;
    layout.classes[index] = `item c-${view.shape}${view.overdue ? ' overdue' : ''}${view.dueSoon ? ' due-soon' : ''}${labelStart[index] ? ' label-start' : ''}`;
    layout.styles[index] = { '--left': percent(left), '--width': percent(width), '--row': String(rows[index]), '--label': `${labelRem[index].toFixed(2)}rem` };
  });
  return layout;
}

/**
 * A status shape, drawn in CSS on one element (thousands of inline SVGs cost far more layout), and
 * hidden from assistive technology: the status word is always in the text.
 */
function renderShape(kind: ShapeKind): TemplateResult {
  return html`<span class=${SHAPE_CLASSES[kind]} aria-hidden="true"></span>`;
}

/** A shape's classes, by kind (written into item templates directly: one template fewer per item). */
const SHAPE_CLASSES: Record<ShapeKind, string> = {
  red: 'shape c-red',
  amber: 'shape c-amber',
  green: 'shape c-green',
  blue: 'shape c-blue',
  grey: 'shape c-grey',
  none: 'shape c-none',
};

/** An item's bar: one template result shared by every item that spans more than a day. */
const BAR = html`<span class="bar"></span>`;

/**
 * Print styles, for `@media print` and for the `print` attribute alike: the ordered list shown,
 * the zoom, hint and details panel hidden, the whole axis on the page, true black.
 */
function printStyles(host: string): CSSResult {
  const h = unsafeCSS(host);
  return css`
    ${h} {
      --_text: #000000;
      --_secondary: #000000;
      --_background: #ffffff;
      --_border: #000000;
      --_focus-text: #000000;
      color: #000000;
      background: #ffffff;
    }
    ${h} .zoom,
    ${h} .hint,
    ${h} .details {
      display: none;
    }
    ${h} .list.collapsed {
      contain: none;
      position: static;
      width: auto;
      height: auto;
      overflow: visible;
      clip-path: none;
      white-space: normal;
    }
    ${h} .scroller {
      max-height: none;
      overflow: visible;
    }
    ${h} .canvas {
      /* The whole axis on the paper, whatever the zoom on screen. */
      width: 100% !important;
    }
    ${h} .axis {
      position: static;
    }
    ${h} .lane.deferred,
    ${h} .apart li,
    ${h} .list ol {
      content-visibility: visible;
    }
    ${h} .shape,
    ${h} .bar,
    ${h} .tag {
      print-color-adjust: exact;
      -webkit-print-color-adjust: exact;
    }
  `;
}

/**
 * Actions and milestones on a time axis, one lane per theme, with financial-year and quarter
 * ticks and a marker at the as-of date. Each item is a button showing its status by colour and
 * shape (red triangle, amber diamond, green circle, blue ticked square, grey ring; a dashed square
 * for no status or a word not in the legend), with the status word in its name; overdue items have
 * a thicker outline and the word "Overdue". Items whose "by when" has no single date (ongoing,
 * recurring, to be confirmed, none) are never guessed onto the axis: they are listed apart below it.
 *
 * The timeline is one tab stop: arrow keys move between items (left and right in time within a
 * theme, up and down to the nearest item in the next theme), Home and End to a theme's first and
 * last item (with Ctrl, the timeline's), Enter or Space selects. The focused item's details show
 * in a panel beside the axis. An ordered list of every dated item in date order, with the same
 * information, is always there for screen readers (and shown with `show-list` and in print).
 *
 * Items are placed by percentages worked out once per plan and zoom, with no layout reads (the
 * scroll to the as-of date waits for a ResizeObserver's report). A plan of thousands of items shows
 * its first screen at once and the rest in chunks after it, with `aria-busy` on what is still to
 * come (`updateComplete` waits for all of it); print, and keys moving ahead, render what they need
 * at once. Lanes and list entries out of view are not laid out until they come near
 * (`content-visibility: auto`), so the DOM is complete while the browser only lays out what is seen.
 *
 * @tagname plan-milestone-timeline
 * @summary A milestone timeline: themes as lanes, items by date, status by colour and shape.
 * @csspart zoom - The zoom control group (Year, Quarter, Month).
 * @csspart axis - The axis: financial-year, quarter and (at month zoom) month ticks.
 * @csspart marker - The as-of marker: its label on the axis and its line across the lanes.
 * @csspart lane - One theme's lane, with its label.
 * @csspart item - An item's button (bar, shape and label).
 * @csspart details - The panel with the focused item's details.
 * @csspart list - The ordered list of every dated item, in date order.
 * @csspart message - The message shown when the plan has no actions.
 * @cssproperty --plankit-timeline-max-height - The tallest the axis area grows before it scrolls (default 70vh; none in print).
 * @cssproperty --plankit-text-colour - Text, outlines of shapes and the as-of marker.
 * @cssproperty --plankit-secondary-text-colour - Hints and status definitions.
 * @cssproperty --plankit-background - The background (also behind labels and the sticky axis).
 * @cssproperty --plankit-border-colour - Ticks, grid lines and lane borders.
 * @cssproperty --plankit-focus-colour - The focus outline, and the focused item's label.
 * @cssproperty --plankit-focus-text-colour - Text on the focus colour.
 * @cssproperty --plankit-red - Red: the triangle and its bar's border.
 * @cssproperty --plankit-red-tint - Red bars' fill, and the "Overdue" tag.
 * @cssproperty --plankit-amber - Amber: the diamond.
 * @cssproperty --plankit-amber-tint - Amber bars' fill.
 * @cssproperty --plankit-green - Green: the circle.
 * @cssproperty --plankit-green-tint - Green bars' fill.
 * @cssproperty --plankit-blue - Blue (complete): the ticked square.
 * @cssproperty --plankit-blue-tint - Blue bars' fill.
 * @cssproperty --plankit-grey - Grey (not started): the ring.
 * @cssproperty --plankit-grey-tint - Grey bars' fill.
 * @cssproperty --plankit-font-family - The typeface.
 * @fires plan-action-select - An item was activated (click, Enter or Space). `detail: { key, id, kind, item }`.
 * @fires plan-error - The element's own plan (from `src` or `.plan`) could not be loaded or read.
 */
export class PlanMilestoneTimeline extends PlanElement {
  static override styles = [
    tokens,
    css`
      /* The element paints its own background, so that its text keeps its contrast in dark mode on any page. */
      :host {
        display: block;
        background: var(--_background);
        --_row-height: 2rem;
        --_marker: 1.5rem;
      }
      .toolbar {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem 1.5rem;
        margin: 0 0 0.5rem;
      }
      .zoom {
        display: inline-flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.25rem;
      }
      .zoom-label,
      .key-label {
        font-weight: bold;
        margin-right: 0.25rem;
      }
      .zoom-button {
        font: inherit;
        min-height: 2rem;
        min-width: 2.75rem;
        margin: 0;
        padding: 0.25rem 0.75rem;
        border: 2px solid var(--_text);
        border-radius: 0;
        background: var(--_background);
        color: var(--_text);
        cursor: pointer;
      }
      .zoom-button[aria-pressed='true'] {
        background: var(--_text);
        color: var(--_background);
        font-weight: bold;
      }
      .key {
        display: inline-flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.25rem 1rem;
      }
      .key ul {
        display: contents;
        list-style: none;
      }
      .key li {
        display: inline-flex;
        align-items: center;
        gap: 0.35rem;
      }
      .hint {
        margin: 0 0 0.5rem;
        max-width: 48rem;
        font-size: 0.875rem;
        color: var(--_secondary);
      }
      .as-at {
        margin: 0 0 0.5rem;
        font-weight: bold;
      }
      .body {
        display: flex;
        flex-wrap: wrap;
        align-items: flex-start;
        gap: 1rem;
      }
      .scroller {
        flex: 999 1 28rem;
        min-width: 0;
        max-height: var(--plankit-timeline-max-height, 70vh);
        overflow: auto;
        border: 1px solid var(--_border);
        background: var(--_background);
      }
      .canvas {
        position: relative;
        min-width: 100%;
      }

      /* The axis stays in view while the lanes scroll under it. */
      .axis {
        position: sticky;
        top: 0;
        z-index: 3;
        background: var(--_background);
        border-bottom: 1px solid var(--_border);
      }
      /* Everything placed in time is inset by half a marker, so markers at either end stay inside. */
      .tick-row,
      .marker-row {
        position: relative;
        height: 1.5rem;
        margin: 0 calc(var(--_marker) / 2);
      }
      .tick {
        position: absolute;
        top: 0;
        bottom: 0;
        left: var(--left);
        width: var(--width);
        box-sizing: border-box;
        padding-left: 0.25rem;
        border-left: 1px solid var(--_border);
        font-size: 0.875rem;
        line-height: 1.5rem;
        white-space: nowrap;
        /* clip, not hidden: hidden would make each tick a scroll container and stop its label sticking. */
        overflow: clip;
      }
      /* A tick's label stays in view while the axis scrolls, until its period has gone by. */
      .tick-text {
        position: sticky;
        left: 0.25rem;
      }
      .tick.fy {
        font-weight: bold;
        border-left-color: var(--_text);
      }
      .marker-label {
        position: absolute;
        top: 0;
        left: var(--left);
        padding: 0 0.35rem;
        border-left: 2px solid var(--_text);
        font-size: 0.875rem;
        font-weight: bold;
        line-height: 1.5rem;
        white-space: nowrap;
        background: var(--_background);
      }
      /* Past the middle, the label sits before the line so it stays on the axis. */
      .marker-label.before {
        transform: translateX(-100%);
        border-left: 0;
        border-right: 2px solid var(--_text);
      }
      .grid {
        position: absolute;
        inset: 0 calc(var(--_marker) / 2);
        z-index: 0;
        pointer-events: none;
      }
      .line {
        position: absolute;
        top: 0;
        bottom: 0;
        left: var(--left);
        border-left: 1px solid var(--_border);
      }
      .line.minor {
        border-left-style: dotted;
      }
      .line.fy {
        border-left-color: var(--_secondary);
      }
      .marker-line {
        position: absolute;
        top: 0;
        bottom: 0;
        left: var(--left);
        z-index: 1;
        border-left: 2px dashed var(--_text);
        pointer-events: none;
      }

      .lanes {
        position: relative;
        z-index: 2;
      }
      .lane {
        border-bottom: 1px solid var(--_border);
      }
      /* A lane out of view is neither styled nor laid out until it scrolls near; its height is known
         beforehand (its rows, and a line for its label), so the scrollbar does not jump. The first
         screen's lanes are laid out at once: the browser would skip them in the first frame too. */
      .lane.deferred {
        content-visibility: auto;
        contain-intrinsic-block-size: auto calc(var(--rows) * var(--_row-height) + 2.1rem + 1px);
      }
      .lane:last-child {
        border-bottom: 0;
      }
      /* Lane labels stay at the left edge while the axis scrolls sideways. */
      .lane-label {
        position: sticky;
        left: 0;
        display: inline-block;
        max-width: min(100%, 40rem);
        box-sizing: border-box;
        padding: 0.35rem 0.5rem 0.1rem;
        font-weight: bold;
        background: var(--_background);
      }
      .track {
        position: relative;
        margin: 0 calc(var(--_marker) / 2);
        height: calc(var(--rows) * var(--_row-height) + 0.5rem);
      }
      .empty-lane {
        position: sticky;
        left: 0;
        display: inline-block;
        margin: 0;
        padding: 0.25rem 0.5rem;
        font-size: 0.875rem;
        color: var(--_secondary);
      }

      /* Colours by status; the shape (not the colour) is what tells statuses apart. */
      .c-red {
        --_c: var(--_red);
        --_t: var(--_red-tint);
      }
      .c-amber {
        --_c: var(--_amber);
        --_t: var(--_amber-tint);
      }
      .c-green {
        --_c: var(--_green);
        --_t: var(--_green-tint);
      }
      .c-blue {
        --_c: var(--_blue);
        --_t: var(--_blue-tint);
      }
      .c-grey,
      .c-none {
        --_c: var(--_grey);
        --_t: var(--_grey-tint);
      }
      /*
       * Status shapes, drawn in CSS on one element each and sized in em (1em square): a triangle
       * (red), a diamond (amber), a circle (green), a ticked square (blue), a ring (grey) and a
       * dashed square (no status, or a word not in the legend). Filled shapes have an outline in the
       * text colour, so a pale colour still stands out from the background.
       */
      .shape {
        position: relative;
        display: inline-block;
        flex: none;
        width: 1em;
        height: 1em;
        font-size: 1rem;
        vertical-align: -0.125em;
      }
      .shape::before,
      .shape::after {
        content: '';
        position: absolute;
        box-sizing: border-box;
      }
      .shape.c-red::before {
        inset: 0;
        background: var(--_text);
        clip-path: polygon(50% 3%, 98% 91%, 2% 91%);
      }
      .shape.c-red::after {
        inset: 0;
        background: var(--_c);
        clip-path: polygon(50% 12%, 91% 86.5%, 9% 86.5%);
      }
      .shape.c-amber::before {
        inset: 16%;
        transform: rotate(45deg);
        border: 1px solid var(--_text);
        background: var(--_c);
      }
      .shape.c-green::before {
        inset: 6%;
        border-radius: 50%;
        border: 1px solid var(--_text);
        background: var(--_c);
      }
      .shape.c-blue::before {
        inset: 8%;
        border-radius: 0.125em;
        border: 1px solid var(--_text);
        background: var(--_c);
      }
      /* The tick sits on the blue square in every theme, so it is fixed white. */
      .shape.c-blue::after {
        left: 37%;
        top: 20%;
        width: 27%;
        height: 48%;
        border: solid #ffffff;
        border-width: 0 0.14em 0.14em 0;
        transform: rotate(45deg);
      }
      .shape.c-grey::before {
        inset: 9%;
        border-radius: 50%;
        border: 0.19em solid var(--_c);
        background: var(--_background);
      }
      .shape.c-none::before {
        inset: 14%;
        border: 0.09em dashed var(--_text);
        background: var(--_background);
      }

      /* An item: a button from half a marker before its first day to half a marker after its deadline. */
      .item {
        position: absolute;
        top: calc(var(--row) * var(--_row-height) + 0.25rem);
        left: calc(var(--left) - var(--_marker) / 2);
        width: calc(var(--width) + var(--_marker));
        height: var(--_marker);
        box-sizing: border-box;
        margin: 0;
        padding: 0;
        border: 0;
        background: transparent;
        color: var(--_text);
        font: inherit;
        cursor: pointer;
      }
      .item:focus-visible {
        z-index: 1;
      }
      .bar {
        position: absolute;
        top: calc(50% - 0.3125rem);
        left: calc(var(--_marker) / 2);
        right: calc(var(--_marker) / 2);
        height: 0.625rem;
        box-sizing: border-box;
        border: 1px solid var(--_c);
        background: var(--_t);
      }
      .item .shape {
        position: absolute;
        top: 0;
        right: 0;
        font-size: var(--_marker);
      }
      .label {
        position: absolute;
        top: 0;
        left: 100%;
        max-width: var(--label);
        height: var(--_marker);
        box-sizing: border-box;
        margin-left: 0.25rem;
        padding: 0 0.15rem;
        overflow: hidden;
        font-size: 0.875rem;
        line-height: var(--_marker);
        text-align: left;
        text-overflow: ellipsis;
        white-space: nowrap;
        background: var(--_background);
        color: var(--_text);
      }
      .label-start .label {
        left: auto;
        right: 100%;
        margin-left: 0;
        margin-right: 0.25rem;
      }
      .item:hover .label {
        text-decoration: underline;
      }
      .item:focus-visible .label {
        background: var(--_focus);
        color: var(--_focus-text);
      }
      /* Overdue: a thicker outline on the shape and the bar, and the word. */
      .overdue .shape.c-amber::before,
      .overdue .shape.c-green::before,
      .overdue .shape.c-blue::before,
      .overdue .shape.c-none::before {
        border-width: 0.11em;
        border-color: var(--_text);
      }
      .overdue .shape.c-red::after {
        clip-path: polygon(50% 24%, 83% 83%, 17% 83%);
      }
      .overdue .shape.c-grey::before {
        outline: 0.09em solid var(--_text);
      }
      .overdue .bar {
        top: calc(50% - 0.4375rem);
        height: 0.875rem;
        border: 3px solid var(--_text);
      }
      .tag {
        display: inline-block;
        margin-right: 0.25rem;
        padding: 0 0.25rem;
        border: 1px solid var(--_red);
        background: var(--_red-tint);
        color: var(--_text);
        font-weight: bold;
        line-height: 1.25rem;
      }

      .details {
        flex: 1 1 16rem;
        box-sizing: border-box;
        padding: 0.75rem 1rem;
        border: 1px solid var(--_border);
        border-top: 5px solid var(--_text);
      }
      .details-heading {
        margin: 0 0 0.25rem;
        font-size: 0.875rem;
        font-weight: bold;
        color: var(--_secondary);
      }
      .details-title {
        display: flex;
        gap: 0.5rem;
        align-items: flex-start;
        margin: 0 0 0.5rem;
        font-size: 1.125rem;
        font-weight: bold;
      }
      .details-title .shape {
        margin-top: 0.25rem;
      }
      .details dl {
        margin: 0;
      }
      .details dt {
        font-weight: bold;
      }
      .details dd {
        margin: 0 0 0.5rem;
      }
      .details dd.overdue {
        font-weight: bold;
      }
      .definition {
        display: block;
        color: var(--_secondary);
      }

      .apart {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr));
        gap: 1rem;
        margin-top: 1rem;
      }
      .apart-heading,
      .list-heading {
        margin: 0 0 0.5rem;
        font-size: 1.125rem;
        font-weight: bold;
      }
      .apart ul {
        margin: 0;
        padding: 0;
        list-style: none;
      }
      .apart li {
        /* Likewise each item listed apart (a list has no numbers, so containing each item changes nothing). */
        content-visibility: auto;
        contain-intrinsic-block-size: auto 3rem;
        display: flex;
        gap: 0.5rem;
        align-items: flex-start;
        padding: 0.35rem 0;
        border-bottom: 1px solid var(--_border);
      }
      .apart .shape {
        margin-top: 0.2rem;
      }
      .apart-title,
      .list-title {
        font-weight: bold;
      }
      .facts {
        color: var(--_secondary);
      }
      .list {
        margin-top: 1rem;
      }
      .list ol {
        margin: 0;
        padding-left: 2rem;
      }
      .list li {
        margin: 0.25rem 0;
      }
      /* Visually hidden but read: the list is the timeline's text equivalent. */
      .list.collapsed {
        /* Strict containment: a 1px box whose thousands of lines are not laid out again when the axis changes. */
        contain: strict;
        position: absolute;
        width: 1px;
        height: 1px;
        margin: 0;
        padding: 0;
        overflow: hidden;
        clip-path: inset(50%);
        white-space: nowrap;
        border: 0;
      }
      /* Out of view, the hidden list's lines are not laid out at all (they are still read: the text is in the DOM). */
      .list.collapsed ol {
        content-visibility: auto;
        contain-intrinsic-size: auto 1px auto 1px;
      }

      @media print {
        /* :is() matches every host; it only raises the rule above the dark-mode tokens. */
        ${printStyles(':host(:is([print], :not([print])))')}
      }
      ${printStyles(':host([print])')}

      @media (forced-colors: active) {
        /* Shapes keep their form in system colours: filled ones in CanvasText, rings and squares outlined. */
        .shape {
          forced-color-adjust: none;
        }
        .shape.c-red::before,
        .shape.c-red::after,
        .shape.c-amber::before,
        .shape.c-green::before,
        .shape.c-blue::before {
          background: CanvasText;
          border-color: CanvasText;
        }
        .shape.c-blue::after {
          border-color: Canvas;
        }
        .shape.c-grey::before,
        .shape.c-none::before {
          background: Canvas;
          border-color: CanvasText;
        }
        .overdue .shape.c-grey::before {
          outline-color: CanvasText;
        }
        .bar {
          border-color: CanvasText;
        }
        .overdue .bar {
          border-width: 3px;
        }
        .marker-line,
        .marker-label,
        .tick.fy,
        .tag,
        .zoom-button {
          border-color: CanvasText;
        }
        .zoom-button[aria-pressed='true'] {
          forced-color-adjust: none;
          background: Highlight;
          color: HighlightText;
          border-color: Highlight;
        }
        .item:focus-visible {
          outline-color: Highlight;
        }
        .item:focus-visible .label {
          forced-color-adjust: none;
          background: Highlight;
          color: HighlightText;
        }
      }
    `,
  ];

  static override properties = {
    ...PlanElement.properties,
    zoom: { type: String, reflect: true },
    showList: { type: Boolean, attribute: 'show-list', reflect: true },
    print: { type: Boolean, reflect: true },
    headingLevel: { type: Number, attribute: 'heading-level' },
    activeIndex: { state: true },
  };

  /** How much time the axis shows at once: `year` (the whole plan), `quarter` or `month`. */
  declare zoom: TimelineZoom;
  /** Shows the ordered list of every dated item (it is always there for screen readers). */
  declare showList: boolean;
  /** Lays the timeline out as for print (as `@media print` does): the list shown, no zoom control, true black. */
  declare print: boolean;
  /** The level (2-6) of the headings of the details panel and the lists (default 3). */
  declare headingLevel: number;
  /** The item that is the timeline's tab stop and whose details are shown (an index into the dated items). */
  declare private activeIndex: number;

  private modelCache?: Model;
  private layoutCache?: { model: Model; zoom: TimelineZoom; layout: Layout };
  /** What is rendered so far, and the model it counts in (a new plan starts again at its first screen). */
  private shown: Shown = { dated: 0, apart: 0, list: 0 };
  private renderedModel?: Model;
  /** Lanes on the first screen, laid out as soon as they are rendered; the others wait until they come into view. */
  private eagerLanes = 0;
  /** Units the next chunk adds, adapted to how long the last one took on this machine. */
  private chunkUnits = CHUNK_UNITS;
  /** Set while the update that renders a chunk runs, with the units it adds, so its time can size the next one. */
  private measuringChunk = 0;
  /** The next chunk, in a task of its own just after a frame has been painted. */
  private readonly nextChunk = new NextChunk(() => this.renderChunk(), true);
  /** Resolved once every unit is rendered (or the element leaves the page); `updateComplete` waits for it. */
  private renderingRest?: { promise: Promise<void>; resolve: () => void };
  /** True between the window's beforeprint and afterprint. */
  private printing = false;
  private scrollObserver?: ResizeObserver;
  private observedCanvas?: Element;
  /** A scroll to the as-of date, done once the axis has been laid out (no layout is forced for it). */
  private scrollPending?: { animate: boolean };

  constructor() {
    super();
    this.zoom = 'year';
    this.showList = false;
    this.print = false;
    this.headingLevel = 3;
    this.activeIndex = 0;
  }

  /** The zoom in force (an unknown `zoom` value reads as `year`). */
  private get currentZoom(): TimelineZoom {
    return ZOOMS.includes(this.zoom) ? this.zoom : 'year';
  }

  private get level(): number {
    const level = Math.trunc(Number(this.headingLevel));
    return level >= 2 && level <= 6 ? level : 3;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('beforeprint', this.onBeforePrint);
    window.addEventListener('afterprint', this.onAfterPrint);
    // Moved in the page: carry on rendering whatever is still to come.
    if (this.renderedModel && !isComplete(this.renderedModel, this.shown)) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('beforeprint', this.onBeforePrint);
    window.removeEventListener('afterprint', this.onAfterPrint);
    this.nextChunk.dispose();
    this.finishRendering();
    this.scrollObserver?.disconnect();
    this.observedCanvas = undefined;
  }

  /** Resolves once every item is rendered (the first screen and every chunk after it), as well as the update. */
  protected override async getUpdateComplete(): Promise<boolean> {
    let result = await super.getUpdateComplete();
    while (this.renderingRest) {
      await this.renderingRest.promise;
      result = (await super.getUpdateComplete()) && result;
    }
    return result;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // A new plan (or as-of date) starts again at its first item.
    if ((changed as unknown as Map<string, unknown>).has('state')) this.activeIndex = 0;
  }

  protected override update(changed: PropertyValues<this>): void {
    const start = performance.now();
    super.update(changed);
    if (this.measuringChunk > 0) {
      // The chunk's style and layout too, which cost more than building it: read now, in the frame
      // (or timer) task that renders the chunk, they are done once, here, rather than later in the frame.
      this.renderRoot.querySelector('.lanes')?.getBoundingClientRect();
      const perUnit = Math.max(performance.now() - start, 1) / this.measuringChunk;
      this.measuringChunk = 0;
      this.chunkUnits = Math.max(MIN_CHUNK_UNITS, Math.min(MAX_CHUNK_UNITS, 2 * this.chunkUnits, Math.round(CHUNK_BUDGET_MS / perUnit)));
    }
  }

  override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const changes = changed as unknown as Map<string, unknown>;
    const model = this.state.status === 'ready' ? this.renderedModel : undefined;
    if (model && !isComplete(model, this.shown) && this.isConnected) {
      this.renderingRest ??= (() => {
        let resolve!: () => void;
        const promise = new Promise<void>((done) => (resolve = done));
        return { promise, resolve };
      })();
      this.nextChunk.schedule();
    } else {
      this.nextChunk.cancel();
      this.finishRendering();
    }
    if ((changes.has('zoom') && changes.get('zoom') !== undefined) || (changes.has('state') && this.state.status === 'ready')) this.scrollToAsOfSoon(changes.has('zoom'));
  }

  private finishRendering(): void {
    const pending = this.renderingRest;
    this.renderingRest = undefined;
    pending?.resolve();
  }

  private renderChunk(): void {
    this.nextChunk.cancel();
    const model = this.renderedModel;
    if (!model || isComplete(model, this.shown)) return;
    const before = unitsOf(this.shown);
    this.shown = advance(model, this.shown, this.chunkUnits);
    this.measuringChunk = unitsOf(this.shown) - before;
    this.requestUpdate();
  }

  /** Renders everything now (print, or a key that moves far ahead of what has come so far). */
  private renderAll(): void {
    const model = this.renderedModel;
    if (!model || isComplete(model, this.shown)) return;
    this.shown = everything(model);
    this.nextChunk.cancel();
    this.requestUpdate();
    if (this.isUpdatePending) this.performUpdate();
  }

  private readonly onBeforePrint = (): void => {
    this.printing = true;
    // Render now: the page is laid out for print as soon as this handler returns.
    this.renderAll();
  };

  private readonly onAfterPrint = (): void => {
    this.printing = false;
  };

  /** Scrolls to the as-of date once the axis has been laid out: a ResizeObserver reports then, so nothing forces layout early. */
  private scrollToAsOfSoon(animate: boolean): void {
    const canvas = this.renderRoot.querySelector('.canvas');
    if (!canvas || typeof ResizeObserver !== 'function') return;
    this.scrollPending = { animate };
    this.scrollObserver ??= new ResizeObserver(() => {
      const pending = this.scrollPending;
      this.scrollPending = undefined;
      if (pending) this.scrollToAsOf(pending.animate);
    });
    // Observing afresh always brings one report, after the next layout.
    if (this.observedCanvas) this.scrollObserver.unobserve(this.observedCanvas);
    this.observedCanvas = canvas;
    this.scrollObserver.observe(canvas);
  }

  /** Brings the as-of date into view in a scrolled axis (one read of the scroller, never per item). */
  private scrollToAsOf(animate: boolean): void {
    const fraction = this.modelCache?.asOfFraction;
    const scroller = this.renderRoot.querySelector<HTMLElement>('.scroller');
    if (fraction === undefined || !scroller) return;
    const overflow = scroller.scrollWidth - scroller.clientWidth;
    if (overflow <= 0) return;
    // Two thirds of the way across: the as-of label sits before its line once past the middle.
    const left = Math.max(0, Math.min(overflow, fraction * scroller.scrollWidth - (scroller.clientWidth * 2) / 3));
    const reduced = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
    scroller.scrollTo({ left, behavior: animate && !reduced ? 'smooth' : 'auto' });
  }

  /** The model of the current plan in a language, built once per analysis and language. */
  private modelFor(state: ReadyState, lang: Lang): Model {
    if (this.modelCache?.analysis !== state.analysis || this.modelCache.lang !== lang) this.modelCache = buildModel(state, lang);
    return this.modelCache;
  }

  private layoutFor(model: Model, zoom: TimelineZoom): Layout {
    if (this.layoutCache?.model !== model || this.layoutCache.zoom !== zoom) this.layoutCache = { model, zoom, layout: layoutOf(model, zoom) };
    return this.layoutCache.layout;
  }

  private itemButton(index: number): HTMLButtonElement | null {
    return this.renderRoot.querySelector<HTMLButtonElement>(`.item[data-index="${index}"]`);
  }

  /** The dated item an event came from. */
  private indexOf(event: Event): number | undefined {
    const button = (event.target as Element | null)?.closest?.('.item');
    if (!button) return undefined;
    const index = Number(button.getAttribute('data-index'));
    return Number.isInteger(index) ? index : undefined;
  }

  private setZoom(zoom: TimelineZoom): void {
    this.zoom = zoom;
  }

  private readonly onFocusIn = (event: FocusEvent): void => {
    const index = this.indexOf(event);
    if (index !== undefined && index !== this.activeIndex) this.activeIndex = index;
  };

  private readonly onClick = (event: MouseEvent): void => {
    const index = this.indexOf(event);
    const view = index === undefined ? undefined : this.modelCache?.dated[index];
    if (index === undefined || !view) return;
    this.activeIndex = index;
    const { item } = view;
    const detail: PlanActionSelectDetail = { key: item.key, id: item.id, kind: item.kind, item };
    this.dispatchEvent(new CustomEvent('plan-action-select', { detail, bubbles: true, composed: true }));
  };

  private readonly onKeydown = (event: KeyboardEvent): void => {
    const model = this.modelCache;
    const index = this.indexOf(event);
    if (!model || index === undefined || event.altKey || event.metaKey) return;
    const view = model.dated[index];
    const lane = model.lanes[view.lane].items;
    let next: number | undefined;
    switch (event.key) {
      case 'ArrowRight':
        next = lane[view.at + 1];
        break;
      case 'ArrowLeft':
        next = lane[view.at - 1];
        break;
      case 'ArrowDown':
        next = this.nearestInLane(model, view, 1);
        break;
      case 'ArrowUp':
        next = this.nearestInLane(model, view, -1);
        break;
      case 'Home':
        next = event.ctrlKey ? 0 : lane[0];
        break;
      case 'End':
        next = event.ctrlKey ? model.dated.length - 1 : lane[lane.length - 1];
        break;
      default:
        return;
    }
    event.preventDefault();
    if (next !== undefined && next !== index) this.moveTo(next);
  };

  /** The item nearest in time (by deadline; the earlier on a tie) in the next lane with items, going down (1) or up (-1). */
  private nearestInLane(model: Model, from: DatedView, step: 1 | -1): number | undefined {
    for (let lane = from.lane + step; lane >= 0 && lane < model.lanes.length; lane += step) {
      const items = model.lanes[lane].items;
      if (items.length === 0) continue;
      let best = items[0];
      for (const index of items) {
        if (Math.abs(model.dated[index].endDay - from.endDay) < Math.abs(model.dated[best].endDay - from.endDay)) best = index;
      }
      return best;
    }
    return undefined;
  }

  /** Moves focus (and so the tab stop and the details) to an item, rendering it now if it has not come yet. */
  private moveTo(index: number): void {
    this.activeIndex = index;
    if (index >= this.shown.dated && this.renderedModel) {
      const model = this.renderedModel;
      // The item's whole lane, so that the keys move on from it without waiting.
      const lane = model.lanes[model.dated[index].lane].items;
      this.shown = { ...this.shown, dated: Math.max(this.shown.dated, lane[lane.length - 1] + 1) };
      this.requestUpdate();
      if (this.isUpdatePending) this.performUpdate();
    }
    this.itemButton(index)?.focus();
  }

  protected override renderPlan(state: ReadyState): TemplateResult {
    const lang = this.language;
    const words = timeline[lang];
    const model = this.modelFor(state, lang);
    if (model.itemCount === 0) {
      this.renderedModel = model;
      this.shown = everything(model);
      return html`<p class="message" part="message">${words.emptyPlan}</p>`;
    }
    const zoom = this.currentZoom;
    const hasDated = model.dated.length > 0;
    const layout = this.layoutFor(model, zoom);
    const active = Math.min(Math.max(0, this.activeIndex), model.dated.length - 1);
    const collapsed = !this.showList && !this.print;
    if (this.renderedModel !== model) {
      // The same plan in another language keeps what has been rendered; a new plan starts at its first screen.
      if (this.renderedModel?.analysis !== model.analysis) {
        this.shown = firstShown(model, layout);
        this.eagerLanes = this.shown.dated > 0 ? model.dated[this.shown.dated - 1].lane + 1 : 0;
      }
      this.renderedModel = model;
    }
    if (this.print || this.printing) this.shown = everything(model);
    // The tab stop is always there.
    if (this.shown.dated <= active) this.shown = { ...this.shown, dated: Math.min(model.dated.length, active + 1) };
    const shown = this.shown;
    const apartShown = (views: ItemView[], before: number) => Math.min(views.length, Math.max(0, shown.apart - before));
    const apartLists: [string, string, ItemView[]][] = [
      ['ongoing', words.ongoing, model.ongoing],
      ['recurring', words.recurring, model.recurring],
      ['unresolved', words.dateToBeConfirmed, model.unresolved],
      ['undated', words.noDate, model.undated],
    ];
    let apartBefore = 0;
    return html`
      <div class="toolbar">
        ${hasDated ? this.renderZoom(words, zoom) : nothing}
        <div class="key">
          <span class="key-label" id="key-label">${words.key}</span>
          <ul aria-labelledby="key-label">
            ${model.statusKey.map((status) => html`<li>${renderShape(status.shape)}<span>${status.label}</span></li>`)}
          </ul>
        </div>
      </div>
      ${hasDated ? html`<p class="hint" id="hint">${words.instructions}</p>` : nothing}
      ${model.asOfFraction === undefined ? html`<p class="as-at">${model.asOfLabel}</p>` : nothing}
      <div class="body">
        <div class="scroller">
          <div class="canvas" ${cssProperties({ width: `max(100%, ${hasDated ? layout.widthRem + MARKER_REM : 0}rem)` })}>
            ${guard([model, zoom], () => html`${this.renderAxis(model, zoom, words)} ${this.renderGrid(model, zoom)}`)}
            <div
              class="lanes"
              role="group"
              aria-label=${words.timeline}
              aria-describedby=${hasDated ? 'hint' : nothing}
              aria-busy=${shown.dated < model.dated.length ? 'true' : nothing}
              @keydown=${this.onKeydown}
              @click=${this.onClick}
              @focusin=${this.onFocusIn}
            >
              ${model.lanes.map((lane, laneIndex) => {
                // Each lane is built again only when its items, its layout or its tab stop change.
                const first = lane.items.length > 0 ? lane.items[0] : 0;
                const count = Math.min(lane.items.length, Math.max(0, shown.dated - first));
                const laneActive = active >= first && active < first + lane.items.length ? active : -1;
                return guard([layout, count, laneActive], () => this.renderLane(model, layout, lane, laneIndex, count, laneActive, words));
              })}
            </div>
          </div>
        </div>
        ${hasDated ? this.renderDetails(model, model.dated[active], words) : nothing}
      </div>
      <div class="apart">
        ${apartLists.map(([kind, heading, views]) => {
          const count = apartShown(views, apartBefore);
          apartBefore += views.length;
          return this.renderApart(model, kind, heading, views, count);
        })}
      </div>
      ${hasDated
        ? html`<div class=${collapsed ? 'list collapsed' : 'list'} part="list">
            <div class="list-heading" role="heading" aria-level=${this.level} id="list-heading">${words.inDateOrder}</div>
            <ol aria-labelledby="list-heading" aria-busy=${shown.list < model.dated.length ? 'true' : nothing}>
              ${guard([model, shown.list], () =>
                model.dateOrder.slice(0, shown.list).map((index) => {
                  const view = model.dated[index];
                  return html`<li><span class="list-date">${deadlineDateOf(model, view)}</span>: <span class="list-title">${view.title}</span>. ${textOf(model, view).facts}.</li>`;
                }),
              )}
            </ol>
          </div>`
        : nothing}
    `;
  }

  private renderZoom(words: Words, zoom: TimelineZoom): TemplateResult {
    return html`<div class="zoom" part="zoom" role="group" aria-labelledby="zoom-label">
      <span class="zoom-label" id="zoom-label">${words.zoom}</span>
      ${ZOOMS.map(
        (level) =>
          html`<button type="button" class="zoom-button" data-zoom=${level} aria-pressed=${level === zoom ? 'true' : 'false'} @click=${() => this.setZoom(level)}>
            ${words.zoomLevels[level]}
          </button>`,
      )}
    </div>`;
  }

  /** Financial-year and quarter ticks, and month ticks at month zoom; then the as-of label. */
  private renderAxis(model: Model, zoom: TimelineZoom, words: Words): TemplateResult {
    const at = (date: IsoDate) => daysBetween(model.rangeStart, date) / model.totalDays;
    const years: TemplateResult[] = [];
    const quarters: TemplateResult[] = [];
    const months: TemplateResult[] = [];
    // Quarter labels are left out at year zoom only when many years crowd them.
    const quarterLabels = zoom !== 'year' || model.years <= 5;
    for (let year = model.firstYear; year < model.firstYear + model.years; year++) {
      const range = financialYearRange(year);
      years.push(html`<span class="tick fy" ${cssProperties({ '--left': percent(at(range.start)), '--width': percent((daysBetween(range.start, range.end) + 1) / model.totalDays) })}><span class="tick-text">${financialYearLabel(year)}</span></span>`);
      for (const quarter of [1, 2, 3, 4] as const) {
        const q = quarterRange(year, quarter);
        quarters.push(html`<span class="tick quarter" ${cssProperties({ '--left': percent(at(q.start)), '--width': percent((daysBetween(q.start, q.end) + 1) / model.totalDays) })}><span class="tick-text">${quarterLabels ? words.quarter(quarter) : ''}</span></span>`);
      }
      if (zoom === 'month') {
        for (let step = 0; step < 12; step++) {
          const month = ((3 + step) % 12) + 1;
          const calendarYear = step >= 9 ? year + 1 : year;
          const start = makeIsoDate(calendarYear, month, 1)!;
          months.push(html`<span class="tick month" ${cssProperties({ '--left': percent(at(start)), '--width': percent(lastDayOfMonth(calendarYear, month) / model.totalDays) })}><span class="tick-text">${words.monthsShort[month - 1]}</span></span>`);
        }
      }
    }
    const asOf = model.asOfFraction;
    return html`<div class="axis" part="axis">
      <div class="tick-row" aria-hidden="true">${years}</div>
      <div class="tick-row" aria-hidden="true">${quarters}</div>
      ${zoom === 'month' ? html`<div class="tick-row" aria-hidden="true">${months}</div>` : nothing}
      ${asOf === undefined
        ? nothing
        : html`<div class="marker-row"><span class=${asOf > 0.5 ? 'marker-label before' : 'marker-label'} part="marker" ${cssProperties({ '--left': percent(asOf) })}>${model.asOfLabel}</span></div>`}
    </div>`;
  }

  /** Grid lines: each financial year and quarter; each month too at quarter and month zoom. */
  private renderGrid(model: Model, zoom: TimelineZoom): TemplateResult {
    const lines: TemplateResult[] = [];
    const line = (date: IsoDate, kind: string) => html`<span class=${`line ${kind}`} ${cssProperties({ '--left': percent(daysBetween(model.rangeStart, date) / model.totalDays) })}></span>`;
    for (let year = model.firstYear; year < model.firstYear + model.years; year++) {
      for (let step = 0; step < 12; step++) {
        const month = ((3 + step) % 12) + 1;
        const start = makeIsoDate(step >= 9 ? year + 1 : year, month, 1)!;
        if (step === 0) lines.push(line(start, 'fy'));
        else if (step % 3 === 0) lines.push(line(start, 'quarter'));
        else if (zoom !== 'year') lines.push(line(start, 'minor'));
      }
    }
    const asOf = model.asOfFraction;
    return html`<div class="grid" aria-hidden="true">
      ${lines}${asOf === undefined ? nothing : html`<span class="marker-line" part="marker" ${cssProperties({ '--left': percent(asOf) })}></span>`}
    </div>`;
  }

  /** A theme's lane, with its first `count` items (all of them once rendering has caught up). */
  private renderLane(model: Model, layout: Layout, lane: Lane, laneIndex: number, count: number, active: number, words: Words): TemplateResult {
    const items = count === lane.items.length ? lane.items : lane.items.slice(0, count);
    return html`<div class=${laneIndex < this.eagerLanes ? 'lane' : 'lane deferred'} part="lane" role="group" aria-labelledby=${`lane-${laneIndex}`} ${cssProperties({ '--rows': String(layout.laneRows[laneIndex]) })}>
      <div class="lane-label" id=${`lane-${laneIndex}`}>${lane.title}</div>
      <div class="track">
        ${lane.items.length === 0 ? html`<p class="empty-lane">${words.noDatedItems}</p>` : items.map((index) => this.renderItem(model, layout, index, index === active))}
      </div>
    </div>`;
  }

  /** One item's button; its name is its title, kind, status, overdue or due soon, and its "by when" as written. */
  private renderItem(model: Model, layout: Layout, index: number, active: boolean): TemplateResult {
    const view = model.dated[index];
    // The name is one attribute rather than visually hidden text: thousands of clipped boxes cost layout.
    // A bar is drawn only for items that span more than a day; a single date is its marker alone.
    return html`<button
      type="button"
      part="item"
      class=${layout.classes[index]}
      data-index=${index}
      tabindex=${active ? 0 : -1}
      aria-label=${nameOf(model, view)}
      ${cssProperties(layout.styles[index])}
    >
      ${view.endDay > view.startDay ? BAR : nothing}<span class=${SHAPE_CLASSES[view.shape]} aria-hidden="true"></span><span class="label"
        >${view.overdue ? html`<span class="tag">${view.flagWord}</span> ` : nothing}${view.title}</span
      >
    </button>`;
  }

  private renderDetails(model: Model, view: DatedView, words: Words): TemplateResult {
    const text = textOf(model, view);
    return html`<div class="details" part="details">
      <div class="details-heading" role="heading" aria-level=${this.level}>${words.details}</div>
      <p class="details-title">${renderShape(view.shape)}<span>${view.title}</span></p>
      <dl>
        <div><dt>${words.theme}</dt><dd>${view.themeTitle}</dd></div>
        <div><dt>${words.type}</dt><dd>${view.kindWord}</dd></div>
        ${view.partOf !== undefined ? html`<div><dt>${words.partOf}</dt><dd>${view.partOf}</dd></div>` : nothing}
        <div>
          <dt>${words.status}</dt>
          <dd>${view.statusLabel}${text.statusDefinition ? html`<span class="definition">${text.statusDefinition}</span>` : nothing}</dd>
        </div>
        ${view.dueText !== undefined ? html`<div><dt>${words.byWhen}</dt><dd>${view.dueText}</dd></div>` : nothing}
        ${text.dueMeaning !== undefined ? html`<div><dt>${words.readAs}</dt><dd>${text.dueMeaning}</dd></div>` : nothing}
        <div><dt>${words.deadline}</dt><dd class=${view.overdue ? 'overdue' : ''}>${text.deadlineText}</dd></div>
        <div><dt>${words.lead}</dt><dd>${text.lead}</dd></div>
      </dl>
    </div>`;
  }

  /** A list of items kept off the axis (ongoing, recurring, date to be confirmed, no date), with its first `count` items. */
  private renderApart(model: Model, kind: string, heading: string, views: ItemView[], count: number): TemplateResult | typeof nothing {
    if (views.length === 0) return nothing;
    return html`<div class=${`apart-list ${kind}`}>
      <div class="apart-heading" role="heading" aria-level=${this.level} id=${`apart-${kind}`}>${heading}</div>
      <ul aria-labelledby=${`apart-${kind}`} aria-busy=${count < views.length ? 'true' : nothing}>
        ${guard([views, count], () =>
          views
            .slice(0, count)
            .map((view) => html`<li><span class=${SHAPE_CLASSES[view.shape]} aria-hidden="true"></span><span><span class="apart-title">${view.title}</span> <span class="facts">${textOf(model, view).facts}</span></span></li>`),
        )}
      </ul>
    </div>`;
  }
}
