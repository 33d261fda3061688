import { css, html, nothing, unsafeCSS, type PropertyValues, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import {
  deadlineOf,
  describeDue,
  formatLongDate,
  latestUpdate,
  updatesNewestFirst,
  type Action,
  type AgencyMention,
  type Due,
  type DueInterpretation,
  type ItemState,
  type Link,
  type Milestone,
  type PlanAnalysis,
  type StatusDefinition,
  type Theme,
  type Update,
} from '@plankit/core/lite';
import { PlanElement } from '../base.js';
import type { PlanState } from '../plan-state.js';
import type { Lang } from '../strings.js';
import { table as tableStrings, type TableStrings } from '../strings/table.js';
import { NextChunk } from '../next-chunk.js';
import { tokens } from '../styles.js';

/** Every column the table can show, in the order the `columns` attribute documents them. */
export const TABLE_COLUMNS = ['id', 'title', 'lead', 'partners', 'due', 'status', 'measure', 'baseline', 'target', 'update', 'direction'] as const;

/** One column's key, as written in the `columns` and `sortable` attributes. */
export type TableColumn = (typeof TABLE_COLUMNS)[number];

/** The columns shown when the `columns` attribute is missing or names none that exist. */
export const DEFAULT_TABLE_COLUMNS: readonly TableColumn[] = ['id', 'title', 'lead', 'due', 'status', 'update'];

/** A sort direction, as `aria-sort` writes it. */
export type SortDirection = 'ascending' | 'descending';

/** The detail of the `plan-action-select` event. */
export interface PlanActionSelectDetail {
  /** The action's stable key (its id as written, else theme key and position). */
  key: string;
  /** The action's id as written, if it has one. */
  id: string | undefined;
  action: Action;
  /** Whether the action's row is now expanded. */
  expanded: boolean;
}

/** The detail of the `plan-filter-change` event. */
export interface PlanFilterChangeDetail {
  /** The status key filtered on ('' for all; 'none' and 'unknown' for no status and statuses not in the legend). */
  status: string;
  /** The lead agency id filtered on ('' for all; the text as written for a lead not in the register). */
  agency: string;
  overdue: boolean;
  text: string;
  /** Actions shown after filtering. */
  shown: number;
  /** Actions in the plan. */
  total: number;
}

/**
 * Rows on a page when the `page-size` attribute is not given. A page is what the reader sees and
 * what the browser lays out: a 10,000-row table in one piece takes seconds to lay out on an office PC,
 * and no one reads it that way. Plans of up to this many actions are not paged at all.
 */
export const DEFAULT_PAGE_SIZE = 100;
/** Rows rendered at once; beyond this, the rest follow in chunks on later frames. */
const INITIAL_ROWS = 200;
/** Rows added on the first later frame when rendering progressively; later chunks are sized to the time budget. */
const CHUNK_ROWS = 200;
/** About how long rendering one chunk may take, in milliseconds (a "long task" is over 50). */
const CHUNK_BUDGET_MS = 25;
/** Bounds on the rows per chunk. */
const MIN_CHUNK_ROWS = 50;
const MAX_CHUNK_ROWS = 2000;
/** How long the search box waits after the last key before announcing the count. */
const ANNOUNCE_DELAY_MS = 400;

type ReadyState = Required<Pick<PlanState, 'plan' | 'analysis' | 'asOf'>> & PlanState;
type SortValue = string | number | undefined;

/** A theme and its rows, worked out once per plan and language. */
interface Group {
  theme: Theme;
  /** A unique id for the theme's heading cell. */
  headingId: string;
  rows: Row[];
}

/** One action's row: what is shown and sorted on, cached so that re-renders are cheap. */
interface Row {
  action: Action;
  group: Group;
  /** Position in plan order: the tie-breaker that keeps sorting stable. */
  order: number;
  /** The row's element id (`action-<key>`, sanitised and unique). */
  domId: string;
  detailsId: string;
  state: ItemState;
  /** Legend key, or 'none' / 'unknown'. */
  statusKey: string;
  /** Agency ids of the leads, and the text as written of leads not in the register. */
  leadKeys: Set<string>;
  cells: Map<TableColumn, TemplateResult>;
  sortKeys: Map<TableColumn, SortValue>;
  search?: string;
  details?: { columns: string; template: TemplateResult };
}

/** The plan as the table sees it in one language. */
interface Model {
  state: ReadyState;
  lang: Lang;
  analysis: PlanAnalysis;
  groups: Group[];
  rows: Row[];
  byDomId: Map<string, Row>;
  agencyOptions: { value: string; label: string }[];
  hasNoStatus: boolean;
  hasUnknownStatus: boolean;
  collator: Intl.Collator;
  /** Templates shared by many rows (a badge per status, a lead per spelling, a due cell per text). */
  memo: Map<string, TemplateResult>;
}

/** The rows shown after filtering and sorting, by theme. */
interface View {
  groups: { group: Group; rows: Row[] }[];
  shown: number;
  total: number;
}

/** Which of the view's rows are on the page shown: rows `start` to `end - 1` in view order. */
interface PageSlice {
  /** The page shown, from 1; 1 of 1 when the rows are not paged. */
  page: number;
  pages: number;
  start: number;
  end: number;
}

/** The pages to offer as numbers: the first, the last, the current one and its neighbours; 0 marks a gap. */
export function pageNumbers(page: number, pages: number): number[] {
  const wanted = new Set([1, pages, page - 1, page, page + 1].filter((n) => n >= 1 && n <= pages));
  const sorted = [...wanted].sort((a, b) => a - b);
  const out: number[] = [];
  for (const n of sorted) {
    const last = out[out.length - 1];
    // A gap of one page is shown as that page rather than as an ellipsis.
    if (last !== undefined && n - last === 2) out.push(last + 1);
    else if (last !== undefined && n - last > 2) out.push(0);
    out.push(n);
  }
  return out;
}

/** Shape words for each status colour, used only as CSS class names. */
const COLOUR_CLASSES = new Set(['red', 'amber', 'green', 'blue', 'grey']);

const DIRECTION_ARROWS = { improving: '↑', 'no-change': '→', worsening: '↓' } as const;
const DIRECTION_ORDER = { improving: 0, 'no-change': 1, worsening: 2 } as const;

/** Reads a list of column names ("id title lead", commas allowed), keeping known ones once each. */
export function parseColumns(text: string | null | undefined): TableColumn[] {
  const seen = new Set<TableColumn>();
  for (const word of (text ?? '').toLowerCase().split(/[\s,]+/)) {
    if ((TABLE_COLUMNS as readonly string[]).includes(word)) seen.add(word as TableColumn);
  }
  return [...seen];
}

/** A valid, readable element id from an action key: whitespace and marks other than . _ : - become '-'. */
export function actionDomId(key: string): string {
  const cleaned = key.trim().replace(/[^\p{L}\p{N}._:-]+/gu, '-');
  return `action-${cleaned || 'x'}`;
}

/** The link target for a plan's URL, only if it is http(s) or mailto. */
export function safeLinkHref(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const trimmed = url.trim();
  if (!/^(https?:|mailto:)/i.test(trimmed)) return undefined;
  try {
    const parsed = new URL(trimmed);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' || parsed.protocol === 'mailto:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** Mentions in the plan's order: those listed one after another under the same heading together, each other one alone. */
function mentionRuns(mentions: readonly AgencyMention[]): { group?: string; mentions: AgencyMention[] }[] {
  const runs: { group?: string; mentions: AgencyMention[] }[] = [];
  for (const mention of mentions) {
    const last = runs[runs.length - 1];
    if (mention.group !== undefined && last?.group === mention.group) last.mentions.push(mention);
    else runs.push({ group: mention.group, mentions: [mention] });
  }
  return runs;
}

/** A heading agencies are listed under, as written, with a colon after it unless it has one. */
function groupHeading(group: string): string {
  return /:\s*$/.test(group) ? group : `${group}:`;
}

function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}


/**
 * The print layout's rules, written once and applied two ways: under `@media print`, and when the
 * `print` attribute is set (so that a print view can be shown on screen, and tested).
 */
function printRules(host: string): string {
  return `
    ${host} {
      --_text: #000000;
      --_secondary: #000000;
      --_background: #ffffff;
      --_border: #000000;
      --_link: #000000;
      color: #000000;
    }
    ${host} .filters, ${host} .sort-icon, ${host} .chevron, ${host} .live, ${host} .pages {
      display: none !important;
    }
    ${host} thead th {
      position: static;
      background: none;
    }
    ${host} button.sort, ${host} button.disclosure {
      color: #000000;
      text-decoration: none;
    }
    ${host} .tag, ${host} .flag {
      color: #000000;
      background: none;
      border: 1px solid #000000;
    }
    ${host} a[href] {
      color: #000000;
    }
    ${host} a[href^='http']::after {
      content: ' (' attr(href) ')';
      word-break: break-all;
    }
    ${host} tr.action-row {
      break-inside: avoid;
    }
    ${host} .theme-heading {
      break-after: avoid;
    }
    ${host} .details-row > td {
      border-left: 3px solid #000000;
    }
  `;
}

/**
 * A plan's actions as a real, accessible data table: grouped by theme, with sortable columns,
 * filters, rows that open to show milestones and update history, deep links, a stacked layout in
 * narrow containers and a print layout. Plan text is always shown as text.
 *
 * Sorting keeps the theme groups: rows are sorted within each theme. A plan of more than
 * `page-size` actions (100 unless set) is shown a page at a time, with Previous, Next and page
 * buttons under the table; sorting and filtering work on every row and go back to the first page,
 * and printing prints every row. With `page-size="0"` every row is shown: rows beyond the first 200
 * are then added in chunks on later animation frames, so that the page is never blocked for long.
 *
 * @tagname plan-action-table
 * @summary The plan's actions as a sortable, filterable table grouped by theme.
 *
 * @attr columns - Columns to show, in order, from: id title lead partners due status measure baseline target update direction. Default: "id title lead due status update".
 * @attr sortable - Columns whose headers can sort the table (default: every column shown; "" for none).
 * @attr sort - The column the table is sorted by at first (default: plan order).
 * @attr sort-direction - "ascending" (default) or "descending".
 * @attr filter-status - Show only actions with this status (a legend key, label or alias; "none" for no status).
 * @attr filter-agency - Show only actions this agency leads (its id, name or another spelling).
 * @attr overdue-only - Show only overdue actions.
 * @attr search - Show only actions whose text contains every word of this.
 * @attr page-size - Rows on a page: a plan with more actions is shown a page at a time (default 100; "0" shows every row).
 * @attr page - The page shown, from 1 (default 1; sorting or filtering goes back to 1).
 * @attr print - Shows the print layout on screen: every row expanded, filter and sort controls hidden, black text, no sticky header.
 * @attr src - URL of a plan file (JSON or YAML), when not inside <plan-source>.
 * @attr as-of - Report as at this date (YYYY-MM-DD) instead of the plan's own.
 *
 * @fires plan-action-select - A row was expanded or collapsed by its title button, or opened by a deep link. `detail: { key, id, action, expanded }`.
 * @fires plan-filter-change - The reader changed a filter. `detail: { status, agency, overdue, text, shown, total }`.
 * @fires plan-page-change - The reader moved to another page. `detail: { page, pages, first, last }` (first and last: the rows shown, from 1).
 * @fires plan-error - The element's own plan (src) could not be loaded or read. `detail: { kind, message, source }`.
 *
 * @csspart table - The `<table>`.
 * @csspart caption - The table's caption: the plan title and its as-at date.
 * @csspart filters - The filter controls above the table.
 * @csspart row - Each action's row.
 * @csspart theme-heading - Each theme's heading row.
 * @csspart status - Each status badge (word, shape and colour).
 * @csspart pagination - The navigation between pages under a long table.
 * @csspart details - The expanded details of an action: milestones and update history.
 * @csspart message - The message shown when there is no plan, or the plan has no actions.
 * @csspart error - The message shown when the plan cannot be loaded.
 *
 * @cssproperty --plankit-table-header-background - Background of the sticky column headers (default: the background colour).
 * @cssproperty --plankit-table-sticky-top - How far from the top of the viewport the headers stick, e.g. below a fixed site header (default 0).
 * @cssproperty --plankit-text-colour - Text colour.
 * @cssproperty --plankit-secondary-text-colour - Colour of secondary text (how a date was understood, empty cells).
 * @cssproperty --plankit-background - Background colour.
 * @cssproperty --plankit-border-colour - Colour of cell borders.
 * @cssproperty --plankit-link-colour - Colour of sort and disclosure buttons and links.
 * @cssproperty --plankit-focus-colour - Focus outline colour.
 * @cssproperty --plankit-focus-text-colour - Colour of the focus ring's outer edge.
 * @cssproperty --plankit-font-family - Font.
 * @cssproperty --plankit-red - Shape colour for red statuses and the overdue mark; `--plankit-amber`, `--plankit-green`, `--plankit-blue` and `--plankit-grey` likewise.
 * @cssproperty --plankit-red-tint - Background of red status badges and overdue words; `--plankit-amber-tint` (also "due soon"), `--plankit-green-tint`, `--plankit-blue-tint` and `--plankit-grey-tint` (also theme headings) likewise.
 * @cssproperty --plankit-tag-text-colour - Text colour of status badges.
 */
export class PlanActionTable extends PlanElement {
  static override styles = [
    tokens,
    css`
      :host {
        display: block;
        container-type: inline-size;
      }
      .filters {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem 1.5rem;
        align-items: flex-end;
        margin: 0 0 1rem;
        padding: 0;
        border: 0;
      }
      .filter {
        display: flex;
        flex-direction: column;
        gap: 0.25rem;
        min-width: 0;
      }
      .filter label {
        font-weight: bold;
      }
      .filter--check {
        flex-direction: row;
        align-items: center;
        min-height: 2.5rem;
      }
      .filter--check input {
        width: 1.5rem;
        height: 1.5rem;
        margin: 0;
        accent-color: var(--_text);
      }
      select,
      input[type='search'] {
        font: inherit;
        min-height: 2.5rem;
        max-width: 100%;
        box-sizing: border-box;
        padding: 0.25rem 0.5rem;
        border: 2px solid var(--_text);
        border-radius: 0;
        background: var(--_background);
        color: var(--_text);
      }
      button.clear {
        font: inherit;
        min-height: 2.5rem;
        padding: 0.25rem 0.75rem;
        border: 2px solid var(--_text);
        border-radius: 0;
        background: var(--_grey-tint);
        color: var(--_text);
        cursor: pointer;
      }
      .count {
        margin: 0 0 0.5rem;
      }
      /* Fixed layout: column widths come from the header row, not from measuring every cell, so a
         plan of thousands of rows (rendered in chunks) is not laid out again from scratch as each
         chunk arrives. The title column takes what the others leave. */
      table {
        width: 100%;
        border-collapse: separate;
        border-spacing: 0;
        table-layout: fixed;
      }
      thead th.col-id {
        width: 4.5rem;
      }
      thead th.col-lead,
      thead th.col-partners,
      thead th.col-measure {
        width: 13%;
      }
      thead th.col-due {
        width: 12%;
      }
      thead th.col-status {
        width: 9.5rem;
      }
      thead th.col-baseline,
      thead th.col-target {
        width: 10.5%;
      }
      thead th.col-update {
        width: 22%;
      }
      thead th.col-direction {
        width: 8rem;
      }
      /* A long unbroken word (a web address, say) wraps instead of spilling into the next column. */
      td {
        overflow-wrap: break-word;
      }
      caption {
        text-align: left;
        font-weight: bold;
        font-size: 1.25rem;
        padding-bottom: 0.5rem;
      }
      .caption-date {
        display: block;
        font-size: 1rem;
        font-weight: normal;
        color: var(--_secondary);
      }
      th,
      td {
        text-align: left;
        vertical-align: top;
        padding: 0.5rem 1rem 0.5rem 0;
        border-bottom: 1px solid var(--_border);
      }
      /* The headers stay in view while a long plan scrolls; separate borders because collapsed ones scroll away from sticky cells. */
      thead th {
        position: sticky;
        top: var(--plankit-table-sticky-top, 0);
        z-index: 1;
        background: var(--plankit-table-header-background, var(--_background));
        border-bottom: 2px solid var(--_text);
        font-weight: bold;
      }
      button.sort,
      button.disclosure {
        font: inherit;
        font-weight: bold;
        color: var(--_link);
        background: none;
        border: 0;
        padding: 0;
        margin: 0;
        text-align: left;
        cursor: pointer;
        display: inline-flex;
        gap: 0.4em;
        align-items: baseline;
      }
      button.sort:hover,
      button.disclosure:hover {
        text-decoration: underline;
        text-decoration-thickness: 2px;
      }
      .sort-icon {
        font-size: 0.75em;
        line-height: 1;
      }
      .chevron::before {
        content: '';
        display: inline-block;
        border-style: solid;
        border-width: 0.35em 0 0.35em 0.55em;
        border-color: transparent transparent transparent currentColor;
        transition: transform 0.1s;
      }
      [aria-expanded='true'] > .chevron::before {
        transform: rotate(90deg);
      }
      .theme-heading > th {
        font-size: 1.125rem;
        padding: 0.5rem 0.75rem;
        background: var(--_grey-tint);
        border-bottom: 2px solid var(--_text);
      }
      tr.action-row:focus {
        outline: 3px solid var(--_focus);
        outline-offset: -3px;
      }
      tr.is-overdue > :first-child {
        box-shadow: inset 4px 0 0 var(--_red);
        padding-left: 0.5rem;
      }
      .agencies,
      .plain-list {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      .agencies.grouped {
        padding-inline-start: 1rem;
      }
      .due-text,
      .due-meaning,
      .update-date,
      .line {
        display: block;
      }
      .due-meaning,
      .none {
        color: var(--_secondary);
      }
      .update-date {
        font-weight: bold;
      }
      .flag {
        display: inline-block;
        margin-top: 0.25rem;
        padding: 0 0.35em;
        font-weight: bold;
        color: var(--_text);
      }
      .flag--overdue {
        background: var(--_red-tint);
        border-left: 4px solid var(--_red);
      }
      .flag--soon {
        background: var(--_amber-tint);
        border-left: 4px solid var(--_amber);
      }
      /* A status is its word first; the colour and a shape per colour are extra, never alone. */
      .tag {
        display: inline-flex;
        align-items: center;
        gap: 0.4em;
        padding: 0.1em 0.5em;
        font-weight: bold;
        color: var(--_tag-text);
        background: var(--_grey-tint);
        border: 1px solid transparent;
        --_shape: var(--_grey);
      }
      .tag::before {
        content: '';
        flex: none;
        width: 0.75em;
        height: 0.75em;
        background: var(--_shape);
        -webkit-print-color-adjust: exact;
        print-color-adjust: exact;
      }
      .tag--red {
        background: var(--_red-tint);
        --_shape: var(--_red);
      }
      .tag--red::before {
        clip-path: polygon(50% 0, 100% 100%, 0 100%);
      }
      .tag--amber {
        background: var(--_amber-tint);
        --_shape: var(--_amber);
      }
      .tag--amber::before {
        clip-path: polygon(50% 0, 100% 50%, 50% 100%, 0 50%);
      }
      .tag--green {
        background: var(--_green-tint);
        --_shape: var(--_green);
      }
      .tag--green::before {
        border-radius: 50%;
      }
      .tag--blue {
        background: var(--_blue-tint);
        --_shape: var(--_blue);
      }
      .tag--grey::before,
      .tag--none::before,
      .tag--unknown::before {
        background: transparent;
        border-radius: 50%;
        box-shadow: inset 0 0 0 2px var(--_shape);
      }
      .tag--none,
      .tag--unknown {
        background: transparent;
        border-color: var(--_border);
        font-weight: normal;
      }
      .direction-icon {
        display: inline-block;
        margin-right: 0.35em;
        font-weight: bold;
      }
      .details-row > td {
        padding: 0.75rem 0 1rem 1rem;
        border-left: 4px solid var(--_border);
      }
      .details {
        display: grid;
        gap: 0.75rem;
      }
      .facts {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 0.25rem 1rem;
        margin: 0;
      }
      .facts > div {
        display: contents;
      }
      .facts dt {
        font-weight: bold;
      }
      .facts dd {
        margin: 0;
      }
      .details-heading {
        font-weight: bold;
        margin: 0;
      }
      .milestones,
      .updates {
        margin: 0;
        padding-left: 1.25rem;
      }
      .milestones > li + li,
      .updates > li + li {
        margin-top: 0.5rem;
      }
      .milestone-title {
        font-weight: bold;
      }
      a[href] {
        color: var(--_link);
      }
      .no-matches {
        font-weight: bold;
      }
      /* The table takes focus (tabindex -1) only when the reader moves to another page. */
      table:focus {
        outline: 3px solid var(--_focus);
        outline-offset: 2px;
      }
      .pages ul {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.25rem;
        list-style: none;
        margin: 1rem 0 0;
        padding: 0;
      }
      .pages button {
        font: inherit;
        min-width: 2.75rem;
        min-height: 2.75rem;
        padding: 0.25rem 0.75rem;
        color: var(--_link);
        background: none;
        border: 2px solid transparent;
        cursor: pointer;
        text-decoration: underline;
        text-decoration-thickness: 1px;
        text-underline-offset: 0.15em;
      }
      .pages button:hover {
        text-decoration-thickness: 3px;
      }
      .pages button[aria-current='page'] {
        color: var(--_background);
        background: var(--_link);
        font-weight: bold;
        text-decoration: none;
      }
      .page-step button {
        font-weight: bold;
      }
      /* Arrows for the eye only: the alternative text after the slash is empty. */
      .page-step--prev button::before {
        content: '← ' / '';
      }
      .page-step--next button::after {
        content: ' →' / '';
      }
      .page-gap {
        padding: 0 0.5rem;
      }

      /* Narrow containers: rows become blocks, each cell led by its header's words, but the
         elements (and, through their roles, the semantics) stay a table. */
      @container (max-width: 40rem) {
        table,
        caption,
        thead,
        tbody,
        tr,
        th,
        td {
          display: block;
        }
        /* Stacked, the fixed column widths no longer apply. */
        thead th[class] {
          width: auto;
        }
        thead tr {
          display: flex;
          flex-wrap: wrap;
          gap: 0.5rem 1rem;
          align-items: baseline;
          padding-bottom: 0.5rem;
          border-bottom: 2px solid var(--_text);
        }
        thead tr[data-sort-label]::before {
          content: attr(data-sort-label);
          font-weight: bold;
        }
        thead th {
          position: static;
          border: 0;
          padding: 0;
          background: none;
        }
        thead th:not(.is-sortable) {
          position: absolute;
          width: 1px;
          height: 1px;
          overflow: hidden;
          clip-path: inset(50%);
          white-space: nowrap;
        }
        tr.action-row {
          padding: 0.5rem 0;
          border-bottom: 1px solid var(--_border);
        }
        tr.action-row > th,
        tr.action-row > td {
          border: 0;
          padding: 0.25rem 0;
        }
        tr.is-overdue > :first-child {
          box-shadow: none;
          padding-left: 0;
        }
        tr.is-overdue {
          box-shadow: inset 4px 0 0 var(--_red);
          padding-left: 0.75rem;
        }
        tr.action-row > [data-label]::before {
          content: attr(data-label);
          display: block;
          font-weight: bold;
          color: var(--_secondary);
        }
        .details-row > td {
          padding-left: 0.75rem;
        }
        .facts {
          grid-template-columns: 1fr;
        }
      }

      @media (forced-colors: active) {
        .tag,
        .flag {
          border: 1px solid CanvasText;
        }
        .tag::before {
          forced-color-adjust: none;
          background: CanvasText;
        }
        .tag--grey::before,
        .tag--none::before,
        .tag--unknown::before {
          background: transparent;
          box-shadow: inset 0 0 0 2px CanvasText;
        }
        tr.is-overdue > :first-child,
        tr.is-overdue {
          box-shadow: none;
        }
        .pages button[aria-current='page'] {
          forced-color-adjust: none;
          color: HighlightText;
          background: Highlight;
          border-color: CanvasText;
        }
      }
    `,
    unsafeCSS(`@media print { ${printRules(':host')} }`),
    unsafeCSS(printRules(':host([print])')),
  ];

  static override properties = {
    ...PlanElement.properties,
    columns: { type: String },
    sortable: { type: String },
    sort: { type: String },
    sortDirection: { type: String, attribute: 'sort-direction' },
    filterStatus: { type: String, attribute: 'filter-status' },
    filterAgency: { type: String, attribute: 'filter-agency' },
    overdueOnly: { type: Boolean, attribute: 'overdue-only' },
    search: { type: String },
    pageSize: { type: Number, attribute: 'page-size' },
    page: { type: Number },
    print: { type: Boolean, reflect: true },
    announcement: { state: true },
  };

  /** Columns to show, in order (space- or comma-separated keys); missing or unknown: id title lead due status update. */
  declare columns: string | undefined;
  /** Columns whose headers sort the table; missing: every column shown; empty: none. */
  declare sortable: string | undefined;
  /** The column the table is sorted by (within each theme); missing: plan order. */
  declare sort: string | undefined;
  /** The sort direction: 'ascending' or 'descending'. */
  declare sortDirection: SortDirection;
  /** Show only actions with this status: a legend key, label or alias, 'none' or 'unknown'; empty: all. */
  declare filterStatus: string | undefined;
  /** Show only actions led by this agency: its id, name or another spelling; empty: all. */
  declare filterAgency: string | undefined;
  /** Show only overdue actions. */
  declare overdueOnly: boolean;
  /** Show only actions whose words contain every word of this text (any case). */
  declare search: string | undefined;
  /** Rows on a page; a plan with more actions is shown a page at a time. 0 (or less) shows every row. */
  declare pageSize: number;
  /** The page shown, from 1; out of range, the nearest page. Sorting and filtering go back to 1. */
  declare page: number;
  /** Show the print layout on screen: every row expanded, controls hidden, black text, no sticky header. */
  declare print: boolean;
  /** What the polite live region says: the last sort or filter result. */
  declare protected announcement: string;

  /** Keys (row ids) of rows the reader has expanded. */
  private readonly expanded = new Set<string>();
  /** The row a deep link moved focus to (it alone gets tabindex=-1). */
  private focusKey?: string;
  private model?: Model;
  private modelIsNew = false;
  private viewCache?: { inputs: unknown[]; view: View };
  private renderLimit = INITIAL_ROWS;
  /** Rows the next chunk adds, adapted to how long the last one took on this machine. */
  private chunkSize = CHUNK_ROWS;
  /** Set while the update that renders a chunk runs, so its time can size the next one. */
  private measuringChunk = false;
  /** The next chunk of rows, on the next frame. */
  private readonly nextChunk = new NextChunk(() => {
    this.renderLimit += this.chunkSize;
    this.measuringChunk = true;
    this.requestUpdate();
  });
  private announceTimer?: ReturnType<typeof setTimeout>;
  /** True between the window's beforeprint and afterprint: every row is rendered and expanded. */
  private printing = false;
  /** The model whose rows' search texts are being prepared while the page is idle. */
  private searchPrepared?: Model;

  constructor() {
    super();
    this.sortDirection = 'ascending';
    this.overdueOnly = false;
    this.pageSize = DEFAULT_PAGE_SIZE;
    this.page = 1;
    this.print = false;
    this.announcement = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHashChange);
    window.addEventListener('beforeprint', this.onBeforePrint);
    window.addEventListener('afterprint', this.onAfterPrint);
    // Moved in the page: carry on rendering any rows still to come.
    if (this.model) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHashChange);
    window.removeEventListener('beforeprint', this.onBeforePrint);
    window.removeEventListener('afterprint', this.onAfterPrint);
    this.nextChunk.cancel();
    clearTimeout(this.announceTimer);
  }

  private get tableWords(): TableStrings {
    return tableStrings[this.language];
  }

  /** The columns shown, in order. */
  private get columnList(): TableColumn[] {
    const chosen = parseColumns(this.columns);
    return chosen.length > 0 ? chosen : [...DEFAULT_TABLE_COLUMNS];
  }

  /** The columns whose headers sort. */
  private sortableSet(columns: TableColumn[]): Set<TableColumn> {
    if (this.sortable === undefined || this.sortable === null) return new Set(columns);
    return new Set(parseColumns(this.sortable).filter((column) => columns.includes(column)));
  }

  /** Whether every row is shown expanded (the print layout). */
  private get allExpanded(): boolean {
    return this.print || this.printing;
  }

  /** The column the rows are sorted by, if it is a real column. */
  private get sortColumn(): TableColumn | undefined {
    const column = (this.sort ?? '').trim().toLowerCase();
    return (TABLE_COLUMNS as readonly string[]).includes(column) ? (column as TableColumn) : undefined;
  }

  /**
   * Opens an action's row, renders it if it was not yet, scrolls it into view and moves focus to it
   * (as a deep link does). Clears the filters if they hide it. Resolves to false if there is no such action.
   */
  async showAction(key: string): Promise<boolean> {
    const model = this.model;
    if (!model) return false;
    const row = model.rows.find((candidate) => candidate.action.key === key) ?? model.byDomId.get(key) ?? model.byDomId.get(actionDomId(key));
    if (!row) return false;
    if (!this.rowMatches(row, model)) {
      this.filterStatus = undefined;
      this.filterAgency = undefined;
      this.overdueOnly = false;
      this.search = undefined;
      this.filtersChanged(false);
    }
    const view = this.computeView(model);
    let index = 0;
    for (const group of view.groups) {
      const at = group.rows.indexOf(row);
      if (at >= 0) {
        index += at;
        break;
      }
      index += group.rows.length;
    }
    const size = this.effectivePageSize(view);
    if (size > 0) {
      this.page = Math.floor(index / size) + 1;
      index -= (this.page - 1) * size;
    }
    this.renderLimit = Math.max(this.renderLimit, index + 1);
    this.expanded.add(row.domId);
    this.focusKey = row.domId;
    this.requestUpdate();
    await this.updateComplete;
    const element = this.renderRoot.querySelector<HTMLElement>(`[id="${CSS.escape(row.domId)}"]`);
    if (element) {
      element.scrollIntoView({ block: 'center' });
      element.focus({ preventScroll: true });
    }
    this.fireSelect(row, true);
    return true;
  }

  // ------------------------------------------------------------------------------------------
  // Model: worked out once per plan, as-of date and language.

  private modelFor(state: ReadyState): Model {
    const lang = this.language;
    if (this.model && this.model.state === state && this.model.lang === lang) return this.model;
    const fresh = this.buildModel(state, lang);
    if (!this.model || this.model.state !== state) {
      this.renderLimit = INITIAL_ROWS;
      this.modelIsNew = true;
    }
    this.model = fresh;
    this.viewCache = undefined;
    return fresh;
  }

  private buildModel(state: ReadyState, lang: Lang): Model {
    const analysis = state.analysis;
    const used = new Set<string>();
    const unique = (base: string) => {
      let id = base;
      for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
      used.add(id);
      return id;
    };
    // Reserve the ids the shadow root already uses so that no action key can clash with them.
    for (const fixed of ['status-filter', 'agency-filter', 'overdue-filter', 'search-filter', 'filters-heading', 'count', 'live']) used.add(fixed);
    const groups: Group[] = [];
    const rows: Row[] = [];
    const byDomId = new Map<string, Row>();
    const agencyLabels = new Map<string, string>();
    let hasNoStatus = false;
    let hasUnknownStatus = false;
    let order = 0;
    state.plan.themes.forEach((theme, index) => {
      const group: Group = { theme, headingId: unique(`theme-${index + 1}`), rows: [] };
      groups.push(group);
      for (const action of theme.actions) {
        const domId = unique(actionDomId(action.key));
        const itemState = analysis.state(action);
        const statusKey = itemState.status ? itemState.status.key : itemState.statusText === undefined ? 'none' : 'unknown';
        if (statusKey === 'none') hasNoStatus = true;
        if (statusKey === 'unknown') hasUnknownStatus = true;
        const leadKeys = new Set<string>();
        for (const mention of action.lead) {
          const agencies = analysis.agenciesOf(mention);
          if (agencies.length === 0) {
            leadKeys.add(mention.text);
            if (!agencyLabels.has(mention.text)) agencyLabels.set(mention.text, mention.text);
          }
          for (const agency of agencies) {
            leadKeys.add(agency.id);
            if (!agencyLabels.has(agency.id)) agencyLabels.set(agency.id, agency.name !== agency.id ? `${agency.name} (${agency.id})` : agency.name);
          }
        }
        const row: Row = {
          action,
          group,
          order: order++,
          domId,
          detailsId: `${domId}-details`,
          state: itemState,
          statusKey,
          leadKeys,
          cells: new Map(),
          sortKeys: new Map(),
        };
        group.rows.push(row);
        rows.push(row);
        byDomId.set(domId, row);
      }
    });
    const collator = new Intl.Collator(lang === 'cy' ? 'cy' : 'en-GB', { numeric: true, sensitivity: 'base' });
    const agencyOptions = [...agencyLabels].map(([value, label]) => ({ value, label })).sort((a, b) => collator.compare(a.label, b.label));
    return { state, lang, analysis, groups, rows, byDomId, agencyOptions, hasNoStatus, hasUnknownStatus, collator, memo: new Map() };
  }

  // ------------------------------------------------------------------------------------------
  // Filtering and sorting

  /** The status filter as a key the rows carry ('' for none). */
  private statusFilterKey(model: Model): string {
    const wanted = (this.filterStatus ?? '').trim();
    if (!wanted) return '';
    const definition = model.analysis.legend.resolve(wanted);
    if (definition) return definition.key;
    return wanted === 'none' || wanted === 'unknown' ? wanted : '';
  }

  /** The agency filter as a key the rows carry ('' for none). */
  private agencyFilterKey(model: Model): string {
    const wanted = (this.filterAgency ?? '').trim();
    if (!wanted) return '';
    if (model.agencyOptions.some((option) => option.value === wanted)) return wanted;
    const match = model.analysis.agencies.match(wanted);
    return match && match.agencies.length === 1 ? match.agencies[0].id : wanted;
  }

  private searchTerms(): string[] {
    return (this.search ?? '').toLocaleLowerCase().split(/\s+/).filter((term) => term !== '');
  }

  private rowMatches(row: Row, model: Model, status = this.statusFilterKey(model), agency = this.agencyFilterKey(model), terms = this.searchTerms()): boolean {
    if (status && row.statusKey !== status) return false;
    if (agency && !row.leadKeys.has(agency)) return false;
    if (this.overdueOnly && !row.state.overdue) return false;
    if (terms.length > 0) {
      const text = this.searchTextOf(row, model);
      for (const term of terms) if (!text.includes(term)) return false;
    }
    return true;
  }

  /** Every word a reader might search for in a row, lower-cased once. */
  private searchTextOf(row: Row, model: Model): string {
    if (row.search === undefined) {
      const { action, state } = row;
      const parts: (string | undefined)[] = [action.id, action.title, action.due?.text, state.statusText, state.status?.label, action.baseline, action.target, action.objective, action.notes];
      for (const mention of [...action.lead, ...action.partners]) {
        parts.push(mention.text, mention.officer, mention.group);
        for (const agency of model.analysis.agenciesOf(mention)) parts.push(agency.name, agency.id);
      }
      parts.push(...action.measures, ...action.outcome, ...action.outputs);
      for (const update of action.updates) parts.push(update.text, update.value, update.by);
      for (const milestone of action.milestones) parts.push(milestone.title, milestone.due?.text);
      row.search = parts.filter((part) => part !== undefined && part !== '').join('\n').toLocaleLowerCase();
    }
    return row.search;
  }

  private computeView(model: Model): View {
    const status = this.statusFilterKey(model);
    const agency = this.agencyFilterKey(model);
    const terms = this.searchTerms();
    const column = this.sortColumn;
    const direction = this.sortDirection === 'descending' ? 'descending' : 'ascending';
    const inputs = [model, status, agency, terms.join(' '), this.overdueOnly, column, direction];
    if (this.viewCache && this.viewCache.inputs.every((input, index) => input === inputs[index])) return this.viewCache.view;
    const filtering = status !== '' || agency !== '' || this.overdueOnly || terms.length > 0;
    const sign = direction === 'descending' ? -1 : 1;
    const compare = column
      ? (a: Row, b: Row) => {
          const x = this.sortKeyOf(a, column, model);
          const y = this.sortKeyOf(b, column, model);
          // Rows with nothing to sort on (undated, no status, no update) go last either way.
          if (x === undefined || y === undefined) return x === y ? a.order - b.order : x === undefined ? 1 : -1;
          const result = typeof x === 'number' && typeof y === 'number' ? x - y : model.collator.compare(String(x), String(y));
          return result !== 0 ? sign * result : a.order - b.order;
        }
      : undefined;
    let shown = 0;
    const groups: View['groups'] = [];
    for (const group of model.groups) {
      let rows = filtering ? group.rows.filter((row) => this.rowMatches(row, model, status, agency, terms)) : group.rows;
      if (compare) rows = [...rows].sort(compare);
      shown += rows.length;
      if (rows.length > 0) groups.push({ group, rows });
    }
    const view = { groups, shown, total: model.rows.length };
    const previous = this.viewCache;
    if (previous && previous.inputs[0] === model) {
      // Rows already in the DOM are kept (and moved) whatever the new order; but when a filter is
      // lifted, the rows coming back are added by chunks again rather than in one long task.
      this.renderLimit = Math.max(INITIAL_ROWS, Math.min(this.renderLimit, previous.view.shown));
    }
    this.viewCache = { inputs, view };
    return view;
  }

  private sortKeyOf(row: Row, column: TableColumn, model: Model): SortValue {
    if (row.sortKeys.has(column)) return row.sortKeys.get(column);
    const { action, state } = row;
    const text = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value);
    let key: SortValue;
    switch (column) {
      case 'id':
        key = text(action.id);
        break;
      case 'title':
        key = text(action.title);
        break;
      case 'lead':
      case 'partners': {
        const mentions = column === 'lead' ? action.lead : action.partners;
        key = text(mentions.map((mention) => this.mentionName(mention, model)).join(', '));
        break;
      }
      case 'due':
        key = state.deadline === undefined ? undefined : Number(state.deadline.replace(/-/g, ''));
        break;
      case 'status': {
        const definitions = model.analysis.legend.definitions;
        key = state.status ? definitions.indexOf(state.status) : state.statusText === undefined ? undefined : definitions.length;
        break;
      }
      case 'measure':
        key = text(action.measures.join(', '));
        break;
      case 'baseline':
        key = text(action.baseline);
        break;
      case 'target':
        key = text(action.target);
        break;
      case 'update': {
        const latest = latestUpdate(action.updates);
        key = latest?.asOf === undefined ? undefined : Number(latest.asOf.replace(/-/g, ''));
        break;
      }
      case 'direction': {
        const direction = model.analysis.directionOfTravel(action);
        key = direction ? DIRECTION_ORDER[direction.direction] : undefined;
        break;
      }
    }
    row.sortKeys.set(column, key);
    return key;
  }

  /** An agency mention's full name(s), for sorting. */
  private mentionName(mention: AgencyMention, model: Model): string {
    const agencies = model.analysis.agenciesOf(mention);
    return agencies.length > 0 ? agencies.map((agency) => agency.name).join(', ') : mention.text;
  }

  // ------------------------------------------------------------------------------------------
  // Reader actions

  private announce(text: string): void {
    // The same words twice would not be spoken again: a trailing no-break space makes them new.
    this.announcement = this.announcement === text ? `${text}\u00a0` : text;
  }

  private onSortClick = (event: Event): void => {
    const column = (event.currentTarget as HTMLElement).dataset.column as TableColumn;
    const direction: SortDirection = this.sortColumn === column && this.sortDirection !== 'descending' ? 'descending' : 'ascending';
    this.sort = column;
    this.sortDirection = direction;
    const words = this.tableWords;
    this.announce(words.sortedBy(words.columns[column], words[direction]));
  };

  private onFilterInput = (event: Event): void => {
    const root = this.renderRoot;
    const value = (id: string) => (root.querySelector(`#${id}`) as HTMLInputElement | HTMLSelectElement | null)?.value ?? '';
    this.filterStatus = value('status-filter') || undefined;
    this.filterAgency = value('agency-filter') || undefined;
    this.overdueOnly = (root.querySelector('#overdue-filter') as HTMLInputElement | null)?.checked ?? false;
    this.search = value('search-filter') || undefined;
    this.filtersChanged(true, (event.target as HTMLElement | null)?.id === 'search-filter');
  };

  private onClearFilters = (): void => {
    this.filterStatus = undefined;
    this.filterAgency = undefined;
    this.overdueOnly = false;
    this.search = undefined;
    // The controls are live (.value bindings), so clearing the properties clears them.
    this.filtersChanged(true);
  };

  /** After a filter changed: announce the count (after a pause while typing) and fire plan-filter-change. */
  private filtersChanged(announce: boolean, typing = false): void {
    const model = this.model;
    if (!model) return;
    const view = this.computeView(model);
    const detail: PlanFilterChangeDetail = {
      status: this.statusFilterKey(model),
      agency: this.agencyFilterKey(model),
      overdue: this.overdueOnly,
      text: (this.search ?? '').trim(),
      shown: view.shown,
      total: view.total,
    };
    if (announce) {
      const words = this.tableWords.shownOf(view.shown, view.total);
      clearTimeout(this.announceTimer);
      if (typing) this.announceTimer = setTimeout(() => this.announce(words), ANNOUNCE_DELAY_MS);
      else this.announce(words);
    }
    this.dispatchEvent(new CustomEvent<PlanFilterChangeDetail>('plan-filter-change', { detail, bubbles: true, composed: true }));
  }

  private onToggle = (event: Event): void => {
    const row = this.model?.byDomId.get((event.currentTarget as HTMLElement).dataset.key ?? '');
    if (!row) return;
    const expanded = !this.expanded.has(row.domId);
    if (expanded) this.expanded.add(row.domId);
    else this.expanded.delete(row.domId);
    this.requestUpdate();
    this.fireSelect(row, expanded);
  };

  private fireSelect(row: Row, expanded: boolean): void {
    const detail: PlanActionSelectDetail = { key: row.action.key, id: row.action.id, action: row.action, expanded };
    this.dispatchEvent(new CustomEvent<PlanActionSelectDetail>('plan-action-select', { detail, bubbles: true, composed: true }));
  }

  private onHashChange = (): void => {
    this.followHash();
  };

  /** If the page's fragment names one of this table's rows (`#action-1.1`), opens and focuses it. */
  private followHash(): void {
    const hash = typeof location === 'undefined' ? '' : location.hash;
    if (hash.length < 2 || !this.model) return;
    let id = hash.slice(1);
    try {
      id = decodeURIComponent(id);
    } catch {
      // keep it as written
    }
    const row = this.model.byDomId.get(id);
    if (row) void this.showAction(row.action.key);
  }

  /**
   * Works out every row's search text in idle moments after a large plan is shown (a few
   * milliseconds at a time), so that the reader's first search does not have to do it for every row.
   */
  private prepareSearch(model: Model): void {
    this.searchPrepared = model;
    let next = 0;
    const later = (step: () => void) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(step, { timeout: 2000 }) : setTimeout(step, 50));
    const step = () => {
      if (this.model !== model || !this.isConnected) {
        if (this.searchPrepared === model) this.searchPrepared = undefined;
        return;
      }
      const until = performance.now() + 8;
      while (next < model.rows.length && performance.now() < until) this.searchTextOf(model.rows[next++], model);
      if (next < model.rows.length) later(step);
    };
    later(step);
  }

  // ------------------------------------------------------------------------------------------
  // Pages

  /** Rows per page for this view: 0 when every row is shown (printing, page-size 0, or few enough rows). */
  private effectivePageSize(view: View): number {
    const size = Math.floor(Number(this.pageSize));
    if (this.allExpanded || !Number.isFinite(size) || size <= 0 || view.shown <= size) return 0;
    return size;
  }

  /** The page of the view that is shown, with `page` brought into range. */
  private pageOf(view: View): PageSlice {
    const size = this.effectivePageSize(view);
    if (size === 0) return { page: 1, pages: 1, start: 0, end: view.shown };
    const pages = Math.ceil(view.shown / size);
    const wanted = Math.floor(Number(this.page));
    const page = Number.isFinite(wanted) ? Math.min(Math.max(wanted, 1), pages) : 1;
    const start = (page - 1) * size;
    return { page, pages, start, end: Math.min(start + size, view.shown) };
  }

  private onPageClick = (event: Event): void => {
    const model = this.model;
    if (!model) return;
    const target = Number((event.currentTarget as HTMLElement).dataset.page);
    const view = this.computeView(model);
    const before = this.pageOf(view);
    if (!Number.isFinite(target) || target === before.page) return;
    this.page = target;
    const slice = this.pageOf(view);
    this.renderLimit = INITIAL_ROWS;
    this.announce(this.tableWords.pageAnnouncement(slice.page, slice.pages, slice.start + 1, slice.end));
    this.dispatchEvent(
      new CustomEvent('plan-page-change', { detail: { page: slice.page, pages: slice.pages, first: slice.start + 1, last: slice.end }, bubbles: true, composed: true }),
    );
    // The button pressed may be gone (Next on the last page): the reader goes on from the top of
    // the table, where the new rows start, as after following a link to the next page.
    void this.updateComplete.then(() => {
      const table = this.renderRoot.querySelector<HTMLElement>('table');
      if (!table) return;
      if (table.getBoundingClientRect().top < 0) table.scrollIntoView({ block: 'start' });
      table.focus({ preventScroll: true });
    });
  };

  override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // A new order or a new filter starts again from the first page (unless a page was asked for too, as a deep link does).
    const reordered = (['sort', 'sortDirection', 'filterStatus', 'filterAgency', 'overdueOnly', 'search', 'pageSize'] as const).some((key) => changed.has(key));
    if (reordered && !changed.has('page')) this.page = 1;
  }

  private renderPages(slice: PageSlice, words: TableStrings): TemplateResult {
    const step = (page: number, label: string, name: string, rel: 'prev' | 'next') =>
      html`<li class="page-step page-step--${rel}"><button type="button" data-page=${page} aria-label=${name} @click=${this.onPageClick}>${label}</button></li>`;
    return html`<nav class="pages" part="pagination" aria-label=${words.pages}>
      <ul>
        ${slice.page > 1 ? step(slice.page - 1, words.previousPage, words.previousPageName, 'prev') : nothing}
        ${pageNumbers(slice.page, slice.pages).map((n) =>
          n === 0
            ? html`<li class="page-gap" aria-hidden="true">⋯</li>`
            : html`<li><button type="button" class="page-number" data-page=${n} aria-label=${words.pageLabel(n)} aria-current=${n === slice.page ? 'page' : nothing} @click=${this.onPageClick}>${n}</button></li>`,
        )}
        ${slice.page < slice.pages ? step(slice.page + 1, words.nextPage, words.nextPageName, 'next') : nothing}
      </ul>
    </nav>`;
  }

  private onBeforePrint = (): void => {
    this.printing = true;
    this.renderLimit = Number.POSITIVE_INFINITY;
    this.nextChunk.cancel();
    this.requestUpdate();
    // Render now: the page is laid out for print as soon as this handler returns.
    if (this.isUpdatePending) this.performUpdate();
  };

  private onAfterPrint = (): void => {
    this.printing = false;
    this.requestUpdate();
  };

  protected override update(changed: PropertyValues<this>): void {
    const start = performance.now();
    super.update(changed);
    if (this.measuringChunk) {
      this.measuringChunk = false;
      const perRow = Math.max(performance.now() - start, 1) / this.chunkSize;
      this.chunkSize = Math.max(MIN_CHUNK_ROWS, Math.min(MAX_CHUNK_ROWS, Math.round(CHUNK_BUDGET_MS / perRow)));
    }
  }

  override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    let onPage = 0;
    if (this.model && this.state.status === 'ready') {
      const slice = this.pageOf(this.computeView(this.model));
      onPage = slice.end - slice.start;
    }
    if (onPage > this.renderLimit) this.nextChunk.schedule();
    if (this.model && this.searchPrepared !== this.model && this.model.rows.length > INITIAL_ROWS) this.prepareSearch(this.model);
    if (this.modelIsNew) {
      this.modelIsNew = false;
      // After this update has finished, so that opening the row is an update of its own.
      void this.updateComplete.then(() => this.followHash());
    }
  }

  // ------------------------------------------------------------------------------------------
  // Rendering

  protected override renderPlan(state: ReadyState): TemplateResult {
    const model = this.modelFor(state);
    const words = this.tableWords;
    if (model.rows.length === 0) return html`<p class="message" part="message">${this.words.emptyPlan}</p>`;
    const columns = this.columnList;
    const sortable = this.sortableSet(columns);
    const view = this.computeView(model);
    const filtering = view.shown !== view.total || this.statusFilterKey(model) !== '' || this.agencyFilterKey(model) !== '' || this.overdueOnly || this.searchTerms().length > 0;

    // The page's rows (in view order); of those, only the first renderLimit are in the DOM yet,
    // the rest following by frames.
    const slice = this.pageOf(view);
    const end = Math.min(slice.end, slice.start + this.renderLimit);
    const groups: (View['groups'][number] & { continued: boolean })[] = [];
    let at = 0;
    for (const entry of view.groups) {
      const from = Math.max(slice.start - at, 0);
      const to = Math.min(end - at, entry.rows.length);
      at += entry.rows.length;
      if (to <= from) {
        if (at >= end) break;
        continue;
      }
      groups.push({ group: entry.group, rows: from === 0 && to === entry.rows.length ? entry.rows : entry.rows.slice(from, to), continued: from > 0 });
    }
    const paged = slice.pages > 1;
    const sortColumn = this.sortColumn;
    const allExpanded = this.allExpanded;
    const columnsKey = columns.join(' ');
    return html`
      ${this.renderFilters(model, words)}
      <p class="count" id="count">${filtering ? words.shownOf(view.shown, view.total) : words.actionCount(view.total)}${paged ? `; ${words.showing(slice.start + 1, slice.end)}` : ''}</p>
      <div class="live visually-hidden" id="live" role="status" aria-live="polite">${this.announcement}</div>
      <table part="table" role="table" tabindex=${paged ? '-1' : nothing}>
        <caption part="caption">
          ${state.plan.title}
          <span class="caption-date">${this.words.asAt(formatLongDate(state.asOf, model.lang))}</span>
        </caption>
        <thead role="rowgroup">
          <tr role="row" data-sort-label=${sortable.size > 0 ? words.sortBy : nothing}>
            ${columns.map((column) => this.renderHeader(column, sortable.has(column), sortColumn === column ? this.sortDirection : undefined, words))}
          </tr>
        </thead>
        ${view.shown === 0
          ? html`<tbody role="rowgroup">
              <tr role="row"><td role="cell" colspan=${columns.length} class="no-matches">${words.noMatches}</td></tr>
            </tbody>`
          : repeat(
              groups,
              (entry) => entry.group.headingId,
              (entry) => html`<tbody role="rowgroup" class="theme">
                <tr class="theme-heading" part="theme-heading" role="row">
                  <th scope="rowgroup" role="rowheader" colspan=${columns.length} id=${entry.group.headingId}>${entry.continued ? words.continued(entry.group.theme.title || entry.group.theme.key) : entry.group.theme.title || entry.group.theme.key}</th>
                </tr>
                ${repeat(
                  entry.rows,
                  (row) => row.domId,
                  // A row is re-rendered only when something it shows changed: sorting, filtering
                  // and adding the next chunk leave the others' DOM (and their diffing) alone.
                  (row) => {
                    const expanded = allExpanded || this.expanded.has(row.domId);
                    return guard([row, expanded, allExpanded, this.focusKey === row.domId, columnsKey], () => this.renderRow(row, columns, model, expanded, allExpanded));
                  },
                )}
              </tbody>`,
            )}
      </table>
      ${paged ? this.renderPages(slice, words) : nothing}
    `;
  }

  private renderFilters(model: Model, words: TableStrings): TemplateResult {
    const status = this.statusFilterKey(model);
    const agency = this.agencyFilterKey(model);
    const legend = model.analysis.legend.definitions;
    return html`<form class="filters" part="filters" role="search" aria-label=${words.filters} @submit=${(event: Event) => event.preventDefault()}>
      <div class="filter">
        <label for="status-filter">${words.statusFilter}</label>
        <select id="status-filter" @change=${this.onFilterInput} .value=${status}>
          <option value="" ?selected=${status === ''}>${words.allStatuses}</option>
          ${legend.map((definition) => html`<option value=${definition.key} ?selected=${status === definition.key}>${definition.label}</option>`)}
          ${model.hasNoStatus ? html`<option value="none" ?selected=${status === 'none'}>${this.words.noStatus}</option>` : nothing}
          ${model.hasUnknownStatus ? html`<option value="unknown" ?selected=${status === 'unknown'}>${words.notInLegend}</option>` : nothing}
        </select>
      </div>
      <div class="filter">
        <label for="agency-filter">${words.agencyFilter}</label>
        <select id="agency-filter" @change=${this.onFilterInput} .value=${agency}>
          <option value="" ?selected=${agency === ''}>${words.allAgencies}</option>
          ${model.agencyOptions.map((option) => html`<option value=${option.value} ?selected=${agency === option.value}>${option.label}</option>`)}
        </select>
      </div>
      <div class="filter filter--check">
        <input type="checkbox" id="overdue-filter" .checked=${this.overdueOnly} @change=${this.onFilterInput} />
        <label for="overdue-filter">${words.overdueOnly}</label>
      </div>
      <div class="filter">
        <label for="search-filter">${words.search}</label>
        <input type="search" id="search-filter" autocomplete="off" .value=${this.search ?? ''} @input=${this.onFilterInput} />
      </div>
      <button type="button" class="clear" @click=${this.onClearFilters}>${words.clearFilters}</button>
    </form>`;
  }

  private renderHeader(column: TableColumn, sortable: boolean, direction: SortDirection | undefined, words: TableStrings): TemplateResult {
    const label = words.columns[column];
    if (!sortable) return html`<th scope="col" role="columnheader" class="col-${column}">${label}</th>`;
    const arrows = direction === 'ascending' ? '▲' : direction === 'descending' ? '▼' : '▲▼';
    return html`<th scope="col" role="columnheader" class="col-${column} is-sortable" aria-sort=${direction ?? 'none'}>
      <button type="button" class="sort" data-column=${column} @click=${this.onSortClick}>${label}<span class="sort-icon" aria-hidden="true">${arrows}</span></button>
    </th>`;
  }

  private renderRow(row: Row, columns: TableColumn[], model: Model, expanded: boolean, all: boolean): TemplateResult {
    const headerColumn = columns.includes('title') ? 'title' : columns[0];
    const classes = `action-row${row.state.overdue ? ' is-overdue' : ''}${row.state.complete ? ' is-complete' : ''}`;
    // Written without whitespace between tags: every text node counts when a plan has thousands of rows.
    return html`<tr id=${row.domId} class=${classes} part="row" role="row" tabindex=${this.focusKey === row.domId ? '-1' : nothing}>${columns.map((column) =>
      column === headerColumn ? this.renderRowHeader(row, column, expanded, all, model) : this.cellOf(row, column, model),
    )}</tr>${expanded ? this.renderDetails(row, columns, model) : nothing}`;
  }

  /** The row's header cell: the title (or first column), holding the disclosure button. */
  private renderRowHeader(row: Row, column: TableColumn, expanded: boolean, all: boolean, model: Model): TemplateResult {
    const label = this.tableWords.columns[column];
    const content = this.cellContent(row, column, model);
    if (all) return html`<th scope="row" role="rowheader" class="col-${column}" data-label=${label}>${content}</th>`;
    if (column === 'title') {
      return html`<th scope="row" role="rowheader" class="col-title" data-label=${label}><button type="button" class="disclosure" aria-expanded=${expanded ? 'true' : 'false'} aria-controls=${row.detailsId} data-key=${row.domId} @click=${this.onToggle}><span class="chevron" aria-hidden="true"></span><span>${content}</span></button></th>`;
    }
    // Without a title column the button is the chevron alone, named by the action's title; the
    // cell's own content (which may be a list) stays outside it.
    return html`<th scope="row" role="rowheader" class="col-${column}" data-label=${label}>
      <button type="button" class="disclosure" aria-expanded=${expanded ? 'true' : 'false'} aria-controls=${row.detailsId} data-key=${row.domId} @click=${this.onToggle}>
        <span class="chevron" aria-hidden="true"></span><span class="visually-hidden">${row.action.title || row.action.key}</span>
      </button>
      ${content}
    </th>`;
  }

  /** A data cell, built once per row, column and language. */
  private cellOf(row: Row, column: TableColumn, model: Model): TemplateResult {
    let cell = row.cells.get(column);
    if (!cell) {
      cell = html`<td role="cell" class="col-${column}" data-label=${this.tableWords.columns[column]}>${this.cellContent(row, column, model)}</td>`;
      row.cells.set(column, cell);
    }
    return cell;
  }

  private cellContent(row: Row, column: TableColumn, model: Model): unknown {
    const { action, state } = row;
    const words = this.tableWords;
    switch (column) {
      case 'id':
        return action.id ?? '';
      case 'title':
        return action.title || action.key;
      case 'lead':
        return this.agencyList(action.lead, model);
      case 'partners':
        return this.agencyList(action.partners, model);
      case 'due':
        return this.dueTemplate(action.due, state, model);
      case 'status':
        return this.badge(state.statusText, state.status);
      case 'measure':
        return action.measures.length === 0 ? this.none(words.notGiven) : this.textList(action.measures);
      case 'baseline':
        return action.baseline ?? this.none(words.notGiven);
      case 'target':
        return action.target ?? this.none(words.notGiven);
      case 'update':
        return this.latestUpdateTemplate(action, model);
      case 'direction':
        return this.directionTemplate(action, model);
    }
  }

  private none(text: string): TemplateResult {
    return html`<span class="none">${text}</span>`;
  }

  private textList(items: readonly string[]): TemplateResult | string {
    if (items.length === 1) return items[0];
    return html`<ul class="plain-list">${items.map((item) => html`<li>${item}</li>`)}</ul>`;
  }

  /**
   * Leads or partners by their full names, the register id as an abbreviation, the officer in
   * brackets; those listed under a heading in the plan (`group`) as a list inside the heading.
   */
  private agencyList(mentions: readonly AgencyMention[], model: Model): TemplateResult {
    if (mentions.length === 0) return this.none(this.tableWords.notGiven);
    if (mentions.length === 1) {
      const [mention] = mentions;
      if (mention.group === undefined) return this.mentionTemplate(mention, model);
      return html`<span class="agency-group">${groupHeading(mention.group)}</span> ${this.mentionTemplate(mention, model)}`;
    }
    return html`<ul class="agencies">${mentionRuns(mentions).flatMap((run) =>
      run.group === undefined
        ? run.mentions.map((mention) => html`<li>${this.mentionTemplate(mention, model)}</li>`)
        : [
            html`<li><span class="agency-group">${groupHeading(run.group)}</span><ul class="agencies grouped">${run.mentions.map(
              (mention) => html`<li>${this.mentionTemplate(mention, model)}</li>`,
            )}</ul></li>`,
          ],
    )}</ul>`;
  }

  /** One lead or partner as written, built once per plan for each spelling and officer (the same few repeat thousands of times). */
  private mentionTemplate(mention: AgencyMention, model: Model): TemplateResult {
    const key = `mention\u0000${mention.text}\u0000${mention.officer ?? ''}`;
    let template = model.memo.get(key);
    if (!template) {
      const agencies = model.analysis.agenciesOf(mention);
      const names =
        agencies.length === 0
          ? [mention.text]
          : agencies.map((agency) => (agency.name !== agency.id ? html`${agency.name} (<abbr title=${agency.name}>${agency.id}</abbr>)` : agency.name));
      const joined = names.length === 1 ? names[0] : names.map((name, index) => html`${index > 0 ? ', ' : ''}${name}`);
      template = html`${joined}${mention.officer ? ` (${mention.officer})` : ''}`;
      model.memo.set(key, template);
    }
    return template;
  }

  /** How the "by when" text was understood, in the reader's language (the core's words). */
  private dueMeaning(due: DueInterpretation, lang: Lang): string {
    return capitalise(describeDue(due, lang));
  }

  /** The officer's "by when" text, what it was understood as, and overdue or due soon in words. */
  private dueTemplate(due: Due | undefined, state: ItemState, model: Model): TemplateResult {
    if (!due) return this.none(this.words.noDate);
    const key = `due\u0000${due.text}\u0000${state.overdue}\u0000${state.dueSoon}\u0000${state.deadline ?? ''}`;
    let template = model.memo.get(key);
    if (!template) {
      template = this.dueTemplateUncached(due, state, model);
      model.memo.set(key, template);
    }
    return template;
  }

  private dueTemplateUncached(due: Due, state: ItemState, model: Model): TemplateResult {
    const meaning = this.dueMeaning(due.interpretation, model.lang);
    const same = meaning.trim().toLocaleLowerCase() === due.text.trim().toLocaleLowerCase();
    if (state.overdue && state.deadline) {
      // The overdue words carry the date, so the meaning is not said twice.
      return html`<span class="due-text">${due.text}</span><span class="flag flag--overdue">${this.words.overdueSince(formatLongDate(state.deadline, model.lang))}</span>`;
    }
    return html`<span class="due-text">${due.text}</span>${same ? nothing : html`<span class="due-meaning">${meaning}</span>`}${state.dueSoon ? html`<span class="flag flag--soon">${this.words.dueSoon}</span>` : nothing}`;
  }

  /** A status in the plan's own words, with a shape and colour; its definition as the title (not a control). */
  private badge(statusText: string | undefined, status: StatusDefinition | undefined): TemplateResult {
    const model = this.model;
    if (!model) return this.badgeUncached(statusText, status);
    const key = `badge\u0000${status?.key ?? ''}\u0000${status ? '' : (statusText ?? '\u0001')}`;
    let template = model.memo.get(key);
    if (!template) {
      template = this.badgeUncached(statusText, status);
      model.memo.set(key, template);
    }
    return template;
  }

  private badgeUncached(statusText: string | undefined, status: StatusDefinition | undefined): TemplateResult {
    if (status) {
      const colour = COLOUR_CLASSES.has(status.colour) ? status.colour : 'grey';
      return html`<span class="tag tag--${colour}" part="status" title=${status.definition ?? nothing}>${status.label}</span>`;
    }
    if (statusText !== undefined) return html`<span class="tag tag--unknown" part="status">${this.words.unknownStatus(statusText)}</span>`;
    return html`<span class="tag tag--none" part="status">${this.words.noStatus}</span>`;
  }

  private dateTemplate(date: string, lang: Lang): TemplateResult {
    return html`<time datetime=${date}>${formatLongDate(date, lang)}</time>`;
  }

  private latestUpdateTemplate(action: Action, model: Model): TemplateResult {
    const latest = latestUpdate(action.updates);
    if (!latest) return this.none(this.tableWords.noUpdate);
    return html`${latest.asOf ? html`<span class="update-date">${this.dateTemplate(latest.asOf, model.lang)}</span>` : nothing}${latest.text ?? ''}`;
  }

  private directionTemplate(action: Action, model: Model): TemplateResult {
    const direction = model.analysis.directionOfTravel(action);
    const words = this.tableWords;
    if (!direction) return this.none(words.directionUnknown);
    return html`<span class="direction direction--${direction.direction}"
      ><span class="direction-icon" aria-hidden="true">${DIRECTION_ARROWS[direction.direction]}</span>${words.direction[direction.direction]}</span
    >`;
  }

  private linkTemplate(link: Link): TemplateResult | string {
    const label = link.text ?? link.url ?? [link.strategy, link.plan, link.theme, link.action].filter((part) => part).join(' ');
    const href = safeLinkHref(link.url);
    return href ? html`<a href=${href} rel="noopener noreferrer">${label}</a>` : label;
  }

  // ------------------------------------------------------------------------------------------
  // Details: what the columns do not show, the milestones and the update history.

  private renderDetails(row: Row, columns: TableColumn[], model: Model): TemplateResult {
    const key = columns.join(' ');
    if (!row.details || row.details.columns !== key) row.details = { columns: key, template: this.detailsTemplate(row, columns, model) };
    return html`<tr class="details-row" id=${row.detailsId} role="row">
      <td role="cell" colspan=${columns.length}>${row.details.template}</td>
    </tr>`;
  }

  private detailsTemplate(row: Row, columns: TableColumn[], model: Model): TemplateResult {
    const { action, state } = row;
    const words = this.tableWords;
    const shown = new Set(columns);
    const lang = model.lang;
    const facts: [string, unknown][] = [];
    if (!shown.has('status')) facts.push([words.columns.status, this.badge(state.statusText, state.status)]);
    if (state.status?.definition) facts.push([words.statusMeaning, `${state.status.label}: ${state.status.definition}`]);
    if (!shown.has('due')) facts.push([words.columns.due, this.dueTemplate(action.due, state, model)]);
    if (!shown.has('lead')) facts.push([words.columns.lead, this.agencyList(action.lead, model)]);
    if (!shown.has('partners') && action.partners.length > 0) facts.push([words.columns.partners, this.agencyList(action.partners, model)]);
    if (action.objective) facts.push([words.objective, action.objective]);
    if (action.outcome.length > 0) facts.push([words.outcome, this.textList(action.outcome)]);
    if (action.outputs.length > 0) facts.push([words.outputs, this.textList(action.outputs)]);
    if (!shown.has('measure') && action.measures.length > 0) facts.push([words.measures, this.textList(action.measures)]);
    if (!shown.has('baseline') && action.baseline !== undefined) facts.push([words.columns.baseline, action.baseline]);
    if (!shown.has('target') && action.target !== undefined) facts.push([words.columns.target, action.target]);
    if (action.achieved) facts.push([words.achieved, words.achievedWords[action.achieved]]);
    if (!shown.has('direction') && model.analysis.directionOfTravel(action)) facts.push([words.columns.direction, this.directionTemplate(action, model)]);
    if (action.percentComplete !== undefined || action.milestones.length > 0) facts.push([words.progress, words.percentComplete(model.analysis.percentComplete(action))]);
    if (action.completed) facts.push([words.completed, this.dateTemplate(action.completed, lang)]);
    if (action.notes) facts.push([words.notes, action.notes]);
    if (action.links.length > 0) facts.push([words.links, html`<ul class="plain-list">${action.links.map((link) => html`<li>${this.linkTemplate(link)}</li>`)}</ul>`]);
    const updates = updatesNewestFirst(action.updates);
    const milestonesId = `${row.detailsId}-milestones`;
    const updatesId = `${row.detailsId}-updates`;
    return html`<div class="details" part="details">
      ${facts.length > 0 ? html`<dl class="facts">${facts.map(([term, value]) => html`<div><dt>${term}</dt><dd>${value}</dd></div>`)}</dl>` : nothing}
      ${action.milestones.length > 0
        ? html`<p class="details-heading" id=${milestonesId}>${words.milestones}</p>
            <ul class="milestones" aria-labelledby=${milestonesId}>
              ${action.milestones.map((milestone) => this.milestoneTemplate(milestone, model))}
            </ul>`
        : nothing}
      <p class="details-heading" id=${updatesId}>${words.updates}</p>
      ${updates.length > 0
        ? html`<ol class="updates" aria-labelledby=${updatesId}>
            ${updates.map((update) => this.updateTemplate(update, model))}
          </ol>`
        : html`<p class="none">${words.noUpdates}</p>`}
    </div>`;
  }

  private milestoneTemplate(milestone: Milestone, model: Model): TemplateResult {
    const state = model.analysis.state(milestone);
    const words = this.tableWords;
    return html`<li class="milestone">
      <span class="line"><span class="milestone-title">${milestone.id ? `${milestone.id} ` : ''}${milestone.title}</span> ${this.badge(state.statusText, state.status)}</span>
      <span class="line">${this.dueTemplate(milestone.due, state, model)}</span>
      ${milestone.completed ? html`<span class="line">${words.completedOn(formatLongDate(milestone.completed, model.lang))}</span>` : nothing}
      ${milestone.lead.length > 0 ? html`<span class="line">${words.columns.lead}: ${this.agencyList(milestone.lead, model)}</span>` : nothing}
      ${milestone.measure.length > 0 ? html`<span class="line">${words.measures}: ${milestone.measure.join('; ')}</span>` : nothing}
    </li>`;
  }

  private updateTemplate(update: Update, model: Model): TemplateResult {
    const words = this.tableWords;
    return html`<li>
      <span class="update-date">${update.asOf ? this.dateTemplate(update.asOf, model.lang) : words.undated}</span>
      ${update.status !== undefined ? html`<span class="line">${this.badge(update.status, model.analysis.legend.resolve(update.status))}</span>` : nothing}
      ${update.value !== undefined ? html`<span class="line">${words.measuredValue(update.value)}</span>` : nothing}
      ${update.text !== undefined ? html`<span class="line">${update.text}</span>` : nothing}
      ${update.by !== undefined ? html`<span class="line">${words.updatedBy(update.by)}</span>` : nothing}
    </li>`;
  }
}
