import { deadlineOf, DEFAULT_STATUS_SCHEME, foldName, interpretDue, isValidIsoDate, periodFromText, StatusLegend, type AgencyIndex, type IsoDate } from '@plankit/core';
import { readAgencies, type LeadValue } from './agencies.js';
import { fieldOfHeading, findHeaderRow, rowKey, type Column, type Field } from './columns.js';
import { cellText, isEmptyCell, tidy, type Cell, type Para, type SourceDocument, type TableBlock } from './model.js';

/** A path into the plan value, as keys and list positions. */
export type Path = (string | number)[];

/** Something the importer guessed, attached to the value it concerns. */
export interface Guess {
  path: Path;
  message: string;
}

/** A column mapping file (--map): overrides the importer's guess of what each column holds. */
export interface Mapping {
  /** Heading as written (or "column N", counting from 1) -> field. */
  columns?: Record<string, Field>;
  /** The header row, counting from 1 within each table or sheet. */
  headerRow?: number;
  /** Only these sheets (Excel) or tables (1, 2, ...), by name or number. */
  tables?: (string | number)[];
  /** The date updates report to, when the update column's heading has none (YYYY-MM-DD). */
  asOf?: string;
}

export interface BuildOptions {
  index?: AgencyIndex;
  mapping?: Mapping;
  /** --as-of: the date updates report to, when their column heading says none. */
  asOf?: IsoDate;
  /** Today, for updates with no date anywhere (the officer is told). */
  today: IsoDate;
  /** Used for the title when the document has none. */
  fallbackTitle: string;
  /** Registers to name in the plan (paths relative to the plan). */
  registers: string[];
}

export interface BuildResult {
  plan: Record<string, unknown>;
  guesses: Guess[];
  /** Agency names not in any register, as written, each with where it was first met. */
  unknown: Map<string, Path>;
  /** Notes for the officer about the table as a whole (none at present; the reader's notes are on the source document). */
  notes: string[];
  stats: { tables: number; skippedTables: number; repeatedHeaders: number; themes: number; actions: number; milestones: number; continuationRows: number };
}

/** The input cannot be turned into a plan (no table with known column names, and so on). */
export class ImportShapeError extends Error {}

type Row = { cells: Cell[]; source: string };

/** One logical row of the table after continuation rows are merged: its cells' paragraphs by column. */
interface Record_ {
  kind: 'row' | 'theme';
  cells: Para[][];
  /** For theme rows: the heading text. */
  theme?: string;
  /** A new action starts here (its action, objective or number cell is filled). */
  newAction: boolean;
  source: string;
  continued: boolean;
  numericId?: boolean;
}

const legend = new StatusLegend(DEFAULT_STATUS_SCHEME);

/** Builds a plan value from a document's tables. */
export function buildPlan(doc: SourceDocument, options: BuildOptions): BuildResult {
  const result: BuildResult = {
    plan: {},
    guesses: [],
    unknown: new Map(),
    notes: [],
    stats: { tables: 0, skippedTables: 0, repeatedHeaders: 0, themes: 0, actions: 0, milestones: 0, continuationRows: 0 },
  };
  const mapping = options.mapping ?? {};
  const themes: Record<string, unknown>[] = [];
  const textBefore: string[] = [];
  const textAfter: string[] = [];
  let title: string | undefined;
  let titleGuess: string | undefined;
  let pendingHeading: string | undefined;
  let pendingFrom: string[] | undefined;
  let previousColumns: Column[] | undefined;
  let seenTable = false;

  const tableBlocks = doc.blocks.filter((block): block is TableBlock => block.kind === 'table');
  const tableNumber = (block: TableBlock) => tableBlocks.indexOf(block) + 1;

  for (const block of doc.blocks) {
    if (block.kind === 'text') {
      if (!seenTable) {
        if (title === undefined && block.heading === 1) title = block.text;
        else textBefore.push(block.text);
      } else {
        textAfter.push(block.text);
      }
      if (block.heading || (block.bold && block.text.length <= 120)) {
        pendingHeading = block.text;
        pendingFrom = title === block.text ? undefined : seenTable ? textAfter : textBefore;
      } else pendingHeading = undefined;
      continue;
    }
    if (mapping.tables && !mapping.tables.some((wanted) => wanted === tableNumber(block) || wanted === block.name)) continue;
    const rows: Row[] = block.rows.map((cells, i) => ({ cells, source: `${block.name ? `sheet "${block.name}" ` : `table ${tableNumber(block)} `}row ${i + 1}` }));
    let headerIndex = mapping.headerRow !== undefined ? mapping.headerRow - 1 : findHeaderRow(block.rows);
    let columns: Column[] | undefined;
    let bodyStart: number;
    if (headerIndex !== undefined && headerIndex >= 0 && headerIndex < rows.length) {
      columns = mapColumns(rows[headerIndex].cells, rows.slice(headerIndex + 1), mapping);
      bodyStart = headerIndex + 1;
      // Rows above the header of a sheet (a title, a note) are text of the document.
      for (const row of rows.slice(0, headerIndex)) {
        const text = row.cells.map((cell) => cellText(cell)).filter((t) => t.trim() !== '').join(' ');
        if (!text) continue;
        if (!seenTable && title === undefined) {
          title = text;
          titleGuess = `title taken from the first line above the table (${row.source})`;
        } else if (!seenTable) textBefore.push(text);
        else pendingHeading = text;
      }
    } else if (previousColumns && block.rows.some((row) => row.length === previousColumns!.length)) {
      // A table without a header after one with: the same table carried on (a Word table split by a page or section break).
      columns = previousColumns;
      bodyStart = 0;
      headerIndex = -1;
    } else {
      result.stats.skippedTables++;
      const text = block.rows.map((row) => row.map((cell) => cellText(cell)).filter(Boolean).join(' | ')).filter(Boolean).join('\n');
      if (text) (seenTable ? textAfter : textBefore).push(text);
      continue;
    }
    result.stats.tables++;
    seenTable = true;
    previousColumns = columns;
    const headerKey = headerIndex >= 0 ? rowKey(rows[headerIndex].cells) : undefined;
    const records = groupRows(rows.slice(bodyStart), columns, headerKey, result, textAfter);
    // A heading just above a table without a theme column names the table's theme.
    const hasThemeColumn = columns.some((column) => column.field === 'theme');
    let tableTheme: string | undefined;
    if (!hasThemeColumn && records[0]?.kind !== 'theme') {
      tableTheme = pendingHeading ?? (tableBlocks.length > 1 ? block.name : undefined);
      // The heading names the theme: it is not also text of the summary.
      if (pendingHeading && pendingFrom && pendingFrom.at(-1) === pendingHeading) pendingFrom.pop();
    }
    pendingFrom = undefined;
    pendingHeading = undefined;
    buildRecords(records, columns, themes, tableTheme, options, result);
  }
  if (result.stats.tables === 0) {
    throw new ImportShapeError(
      'no table with the column names action plans use was found (for example "Action", "Lead Agency", "By When", "Milestone(s)", "Target", "Status"). If the file has such a table, name its columns with a mapping file (--map).',
    );
  }

  // Plan-level fields, in the order plan files use.
  const plan = result.plan;
  if (title === undefined) {
    title = doc.title ?? textBefore.shift();
    titleGuess = title !== undefined ? 'title taken from the document\'s first line' : undefined;
  }
  if (title === undefined) {
    title = options.fallbackTitle;
    titleGuess = 'the document has no title: the file name is used';
  }
  plan.title = title;
  if (titleGuess) result.guesses.push({ path: ['title'], message: titleGuess });
  // Footnotes: a line after (or before) the tables starting with a mark used after an action number.
  const marks = new Set<string>();
  for (const theme of themes) for (const action of (theme.actions as Record<string, unknown>[] | undefined) ?? []) {
    const mark = /^[\d.]+([*†‡§#]+)$/u.exec(String(action.id ?? ''))?.[1];
    if (mark) marks.add(mark);
  }
  const footnotes: { mark: string; text: string }[] = [];
  for (const list of [textAfter, textBefore]) {
    for (let i = 0; i < list.length; i++) {
      const match = /^([*†‡§#]+)\s*(.+)$/su.exec(list[i]);
      if (match && marks.has(match[1]) && !footnotes.some((footnote) => footnote.mark === match[1])) {
        footnotes.push({ mark: match[1], text: tidy(match[2]) });
        list.splice(i--, 1);
      }
    }
  }
  const summary = [...textBefore, ...textAfter].join('\n\n');
  if (summary) {
    plan.summary = summary;
    result.guesses.push({ path: ['summary'], message: 'text outside the tables, kept here as written' });
  }
  const periodText = /\b((?:19|20)\d\d\s*[/-]\s*(?:\d\d|(?:19|20)\d\d))\b/.exec(title)?.[1];
  if (periodText && periodFromText(periodText)) {
    plan.period = periodText;
    result.guesses.push({ path: ['period'], message: `period read from the title ('${periodText}')` });
  }
  const asOfs = collectUpdateDates(themes);
  if (asOfs.length > 0) plan.asOf = asOfs.sort().at(-1);
  if (options.registers.length > 0) plan.registers = options.registers;
  if (footnotes.length > 0) plan.footnotes = footnotes;
  for (const mark of marks) {
    if (!footnotes.some((footnote) => footnote.mark === mark)) result.guesses.push({ path: ['themes'], message: `action numbers carry the mark '${mark}', but no note saying what it means was found: add it under footnotes` });
  }
  for (const theme of themes) if (Array.isArray(theme.actions) && theme.actions.length === 0) delete theme.actions;
  plan.themes = themes;
  result.stats.themes = themes.length;
  return result;
}

function collectUpdateDates(themes: Record<string, unknown>[]): string[] {
  const dates = new Set<string>();
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      const object = value as Record<string, unknown>;
      if (Array.isArray(object.updates)) for (const update of object.updates as { asOf: string; guessed?: boolean }[]) if (!UNDATED.has(update)) dates.add(update.asOf);
      Object.values(object).forEach(visit);
    }
  };
  visit(themes);
  return [...dates];
}

/** Updates whose date is today's (nothing said when they report to): they do not set the plan's asOf. */
const UNDATED = new WeakSet<object>();

/** What each column holds: the mapping file's word, else the heading, else what its cells hold. */
function mapColumns(header: Cell[], body: Row[], mapping: Mapping): Column[] {
  const columns: Column[] = [];
  const width = Math.max(header.length, ...body.slice(0, 200).map((row) => row.cells.length));
  for (let index = 0; index < width; index++) {
    const heading = tidy(cellText(header[index]).replace(/\s+/g, ' '));
    const mapped = mapping.columns?.[heading] ?? mapping.columns?.[`column ${index + 1}`] ?? (heading ? Object.entries(mapping.columns ?? {}).find(([key]) => foldName(key) === foldName(heading))?.[1] : undefined);
    if (mapped) {
      columns.push({ index, heading, field: mapped, by: 'mapping' });
      continue;
    }
    let field = heading ? fieldOfHeading(heading) : undefined;
    let by: Column['by'] = field ? 'heading' : 'unknown';
    const values = body.map((row) => cellText(row.cells[index])).filter((text) => text.trim() !== '');
    const statusShare = values.length === 0 ? 0 : values.filter((text) => legend.resolve(text.trim()) !== undefined).length / values.length;
    if (field === 'status' && values.length > 0 && statusShare < 0.6) {
      // A "Status" column of sentences is the progress report, not a RAG rating.
      field = 'update';
      by = 'content';
    } else if (!field && values.length > 0 && statusShare >= 0.8) {
      field = 'status';
      by = 'content';
    }
    if (!field) field = values.length === 0 && !heading ? 'ignore' : 'extra';
    columns.push({ index, heading, field, by });
  }
  return columns;
}

function isKeyField(field: Field): boolean {
  return field === 'id' || field === 'action' || field === 'objective';
}

/** Groups physical rows into logical rows: repeated headers dropped, theme rows marked, continuation rows merged. */
function groupRows(rows: Row[], columns: Column[], headerKey: string | undefined, result: BuildResult, footTexts: string[]): Record_[] {
  const records: Record_[] = [];
  const themePerRow = !columns.some((column) => column.field === 'action' || column.field === 'milestone' || column.field === 'id');
  const keyColumns = columns.filter((column) => isKeyField(column.field) || (themePerRow && column.field === 'theme'));
  const hasMilestones = columns.some((column) => column.field === 'milestone');
  const rowDefining = columns.filter((column) => column.field === 'due' || column.field === 'status');
  let afterBreak = false;
  for (const row of rows) {
    const filled = columns.filter((column) => !isEmptyCell(row.cells[column.index]) && column.field !== 'ignore');
    if (filled.length === 0) {
      if (row.cells.every((cell) => isEmptyCell(cell))) afterBreak = true;
      continue;
    }
    if (headerKey !== undefined && rowKey(row.cells) === headerKey) {
      result.stats.repeatedHeaders++;
      afterBreak = true;
      continue;
    }
    const paras = columns.map((column) => (column.field === 'ignore' ? [] : (row.cells[column.index]?.paras ?? []).map((para) => ({ ...para }))));
    const firstColumn = columns.find((column) => column.field !== 'ignore');
    const onlyFirst = filled.length === 1 && filled[0] === firstColumn;
    const last = records[records.length - 1];
    // A theme row: only the first cell filled (or one cell spanning the row), in a table where rows have more.
    const firstText = onlyFirst ? cellText(row.cells[filled[0].index]) : '';
    if (onlyFirst && /^[*†‡§#]+\s*[A-Za-z]/u.test(firstText)) {
      // A footnote under the table ("* Funded by the PCC"), in the same sheet.
      footTexts.push(firstText);
      continue;
    }
    if (onlyFirst && !(last?.kind === 'row' && /^[a-z]/.test(firstText)) && columns.filter((c) => c.field !== 'ignore').length > 1 && (filled[0].field === 'theme' || !keyColumns.includes(filled[0]) || row.cells.slice(1).some((cell) => cell.spanned) || isBoldCell(row.cells[filled[0].index]) || !hasNumber(cellText(row.cells[filled[0].index])))) {
      const text = cellText(row.cells[filled[0].index]).replace(/\n+/g, ' ');
      if (filled[0].field !== 'theme' || !last || last.kind !== 'row' || !sameTheme(themeOf(last, columns), text)) {
        records.push({ kind: 'theme', cells: [], theme: text, newAction: false, source: row.source, continued: false });
      }
      afterBreak = false;
      continue;
    }
    const keyFilled = keyColumns.some((column) => !isEmptyCell(row.cells[column.index]));
    const isNewMilestone = hasMilestones && !keyFilled && filled.some((column) => column.field === 'milestone') && (rowDefining.length === 0 || rowDefining.some((column) => !isEmptyCell(row.cells[column.index])));
    const onlyOneKey = filled.length === 1 && keyColumns.includes(filled[0]) && last?.kind === 'row' && (afterBreak || /^[a-z]/.test(cellText(row.cells[filled[0].index])));
    const numbered = keyColumns.some((column) => column.field === 'action' && /^\s*\d+(\.\d+)+/.test(cellText(row.cells[column.index]))) || keyColumns.some((column) => column.field === 'id' && !isEmptyCell(row.cells[column.index]));
    if (last?.kind === 'row' && ((!keyFilled && !isNewMilestone) || (onlyOneKey && !numbered))) {
      // Continuation: more text of the row above (a row split by a page break).
      const themeColumn = columns.findIndex((column) => column.field === 'theme');
      for (const column of filled) {
        const i = columns.indexOf(column);
        if (i === themeColumn && sameTheme(themeOf(last, columns), cellText(row.cells[column.index]))) continue;
        appendParas(last.cells[i], paras[i]);
      }
      last.continued = true;
      result.stats.continuationRows++;
      afterBreak = false;
      continue;
    }
    const numericId = columns.some((column) => column.field === 'id' && row.cells[column.index]?.numeric);
    records.push({ kind: 'row', cells: paras, newAction: keyFilled, source: row.source, continued: false, numericId });
    afterBreak = false;
  }
  return records;
}

function isBoldCell(cell: Cell | undefined): boolean {
  return !!cell && cell.paras.length > 0 && cell.paras.every((para) => para.bold);
}

function hasNumber(text: string): boolean {
  return /^\s*\d+(\.\d+)*[*†‡§#]*[.)]?\s/.test(text);
}

function themeOf(record: Record_, columns: Column[]): string {
  if (record.kind === 'theme') return record.theme ?? '';
  const i = columns.findIndex((column) => column.field === 'theme');
  return i < 0 ? '' : joinText(record.cells[i]);
}

function sameTheme(a: string, b: string): boolean {
  return foldName(a) !== '' && foldName(a) === foldName(b);
}

/**
 * Appends a continuation cell's paragraphs to the cell above: a sentence cut by the page break is
 * joined with a space (or without one after a hyphen); a cell that ended a sentence gets a new paragraph.
 */
function appendParas(target: Para[], more: Para[]): void {
  if (more.length === 0) return;
  const last = target[target.length - 1];
  if (!last) {
    target.push(...more);
    return;
  }
  const first = more[0];
  const endsSentence = /[.!?:;]["')\]]?$/.test(last.text) && /^[A-Z0-9"'‘“(]/.test(first.text);
  if (!endsSentence && first.level === last.level) {
    last.text = /[A-Za-z]-$/.test(last.text) ? last.text + first.text : `${last.text} ${first.text}`;
    target.push(...more.slice(1));
  } else {
    target.push({ ...first, gap: 'paragraph' }, ...more.slice(1));
  }
}

/** A cell's paragraphs as one text: paragraphs separated by a blank line, lines by a line break, list items as "- ". */
function joinText(paras: Para[]): string {
  return cellText({ paras });
}

/** A cell's paragraphs as a list: one item per paragraph, line or list item. */
function listOf(paras: Para[]): string[] {
  return paras.map((para) => para.text).filter((text) => text !== '');
}

function oneOrList<T>(items: T[]): T | T[] | undefined {
  if (items.length === 0) return undefined;
  return items.length === 1 ? items[0] : items;
}

/** "1.1 Run regular operations" -> id and title; "1.Enforcement" -> id 1, title Enforcement. */
function splitNumber(text: string): { id?: string; rest: string } {
  const match = /^\s*(\d+(?:\.\d+)*[a-z]?[*†‡§#]*)(?:\.(?=\s*\D)|\)|:)?\s*([^\d\s.].*)$/su.exec(text);
  if (!match || !match[2].trim()) return { rest: text };
  return { id: match[1], rest: match[2].trim() };
}

interface Context {
  theme?: Record<string, unknown>;
  themePath: Path;
  action?: Record<string, unknown>;
  actionPath: Path;
}

function buildRecords(records: Record_[], columns: Column[], themes: Record<string, unknown>[], tableTheme: string | undefined, options: BuildOptions, result: BuildResult): void {
  const ctx: Context = { themePath: [], actionPath: [] };
  const usedIds = new Set<string>();
  for (const theme of themes) for (const action of (theme.actions as Record<string, unknown>[] | undefined) ?? []) if (action.id !== undefined) usedIds.add(String(action.id));
  const field = (name: Field) => columns.map((column, i) => (column.field === name ? i : -1)).filter((i) => i >= 0);
  const has = (name: Field) => field(name).length > 0;
  const guess = (path: Path, message: string) => result.guesses.push({ path, message });

  const openTheme = (written: string, source: string, how: string) => {
    const { id, rest } = splitNumber(written);
    const last = themes[themes.length - 1];
    if (last && foldName(String(last.title)) === foldName(rest) && (id === undefined || String(last.id) === id)) {
      ctx.theme = last;
      ctx.themePath = ['themes', themes.length - 1];
      return;
    }
    const theme: Record<string, unknown> = {};
    if (id !== undefined) theme.id = id;
    theme.title = rest;
    theme.actions = [];
    themes.push(theme);
    ctx.theme = theme;
    ctx.themePath = ['themes', themes.length - 1];
    ctx.action = undefined;
    if (id !== undefined) guess([...ctx.themePath, 'title'], `cell as written: '${written}'`);
    if (how) guess([...ctx.themePath, 'title'], `${how} (${source})`);
  };

  if (tableTheme) openTheme(tableTheme, 'the heading above the table', 'theme named by the heading above the table');

  for (const record of records) {
    if (record.kind === 'theme') {
      openTheme(record.theme ?? '', record.source, 'read as a theme: only the first cell of the row is filled');
      continue;
    }
    const cells = (name: Field) => field(name).flatMap((i) => record.cells[i]);
    const themeCell = joinText(cells('theme'));
    if (themeCell) {
      const current = ctx.theme ? String(ctx.theme.title) : '';
      if (!ctx.theme || !(sameTheme(themeCell, current) || sameTheme(splitNumber(themeCell).rest, current))) {
        openTheme(themeCell, record.source, '');
      }
    }
    if (!ctx.theme) {
      openTheme('Actions', record.source, 'the table has no theme heading: named "Actions"; rename it');
    }
    let theme = ctx.theme!;
    let actions = theme.actions as Record<string, unknown>[];

    // Kingston-style rows: a theme per row, its objectives a list of actions.
    if (!has('action') && !has('milestone') && has('objective') && has('theme')) {
      if (has('description')) setText(theme, 'description', joinText(cells('description')));
      if (has('partners')) setAgencies(theme, 'partners', cells('partners'), ctx.themePath, options, result);
      if (has('lead')) setAgencies(theme, 'lead', cells('lead'), ctx.themePath, options, result);
      if (has('notes')) setText(theme, 'notes', joinText(cells('notes')));
      for (const item of listOf(cells('objective'))) actions.push({ title: item });
      putExtra(theme, record, columns, ['theme', 'objective', 'description', 'partners', 'lead', 'notes']);
      result.stats.actions += listOf(cells('objective')).length;
      continue;
    }

    const titleField: Field = has('action') ? 'action' : has('objective') ? 'objective' : 'milestone';
    const actionTitleParas = cells(titleField);
    if (record.newAction || !ctx.action) {
      const action: Record<string, unknown> = {};
      let actionPath: Path = [...ctx.themePath, 'actions', actions.length];
      let titleText = joinText(actionTitleParas);
      const idText = joinText(cells('id'));
      if (idText) {
        action.id = idText;
        if (record.numericId) {
          if (usedIds.has(idText) && /^\d+\.\d$/.test(idText) && !usedIds.has(`${idText}0`)) {
            // Excel keeps numbers, not what was typed: "2.10" comes back as 2.1.
            action.id = `${idText}0`;
            guess([...actionPath, 'id'], `Excel stored this number as ${idText}, which an earlier action already has: read as ${idText}0 (Excel drops a trailing zero); check it`);
          } else {
            guess([...actionPath, 'id'], `Excel stored this as a number (${idText}): if it was written differently (such as 1.10), correct it`);
          }
        }
      } else if (titleField !== 'milestone') {
        const { id, rest } = splitNumber(titleText);
        if (id !== undefined && !/\n/.test(titleText.slice(0, titleText.indexOf(rest)))) {
          action.id = id;
          titleText = rest;
          guess([...actionPath, 'id'], `number taken from the start of the ${titleField} cell`);
        }
      }
      // An action numbered under another theme's number ("3.2" after theme 2): that theme's heading row is missing.
      const themeNumber = /^(\d+)\./.exec(String(action.id ?? ''))?.[1];
      if (themeNumber && ctx.theme?.id !== undefined && /^\d+$/.test(String(ctx.theme.id)) && String(ctx.theme.id) !== themeNumber ) {
        const oldPath = JSON.stringify([...actionPath, 'id']);
        result.guesses = result.guesses.filter((g) => JSON.stringify(g.path) !== oldPath);
        const missing: Record<string, unknown> = { id: themeNumber, title: `Theme ${themeNumber}`, actions: [] };
        themes.push(missing);
        ctx.theme = missing;
        ctx.themePath = ['themes', themes.length - 1];
        theme = missing;
        actions = missing.actions as Record<string, unknown>[];
        actionPath = [...ctx.themePath, 'actions', 0];
        guess([...ctx.themePath, 'title'], `the table has no heading for theme ${themeNumber} (action ${String(action.id)} is numbered under it): give the theme its title`);
        if (action.id !== undefined) guess([...actionPath, 'id'], `number taken from the start of the ${titleField} cell`);
      }
      const objectiveActions = titleField === 'action' && has('objective') ? listOf(actionTitleParas) : [];
      if (has('objective') && titleField === 'action') {
        const objective = joinText(cells('objective'));
        if (objectiveActions.length > 1) {
          action.title = objective || titleText;
          guess([...actionPath, 'title'], `the Actions cell holds ${objectiveActions.length} actions: the objective is the title and each action is a milestone`);
        } else {
          action.title = titleText || objective;
          if (objective && titleText) action.objective = objective;
        }
      } else {
        action.title = titleText || (record.continued ? '' : '');
      }
      if (!action.title) {
        action.title = '(no title in the table)';
        guess([...actionPath, 'title'], `the row (${record.source}) has no text in its ${titleField} column: give the action a title`);
      }
      if (action.id !== undefined) usedIds.add(String(action.id));
      actions.push(action);
      ctx.action = action;
      ctx.actionPath = actionPath;
      result.stats.actions++;
      if (objectiveActions.length > 1) {
        const dues = splitDues(joinText(cells('due')), objectiveActions.length);
        const milestones = objectiveActions.map((title, i) => {
          const milestone: Record<string, unknown> = { title };
          if (dues[i]) milestone.due = dues[i];
          return milestone;
        });
        if (dues.length === objectiveActions.length && dues.length > 1) guess([...actionPath, 'milestones'], `the By when cell holds ${dues.length} dates, one per action: each is given to its milestone`);
        action.milestones = milestones;
        result.stats.milestones += milestones.length;
        fillWorkItem(action, actionPath, record, columns, options, result, dues.length === objectiveActions.length ? ['due'] : [], 'action');
        continue;
      }
      if (!has('milestone')) {
        fillWorkItem(action, actionPath, record, columns, options, result, [], 'action');
        continue;
      }
    }
    // A milestone row (the first row of an action, or a further row under it).
    const action = ctx.action!;
    const milestoneTexts = cells('milestone');
    if (!action.milestones) action.milestones = [];
    const milestones = action.milestones as Record<string, unknown>[];
    const dueText = joinText(cells('due'));
    const items = listOf(milestoneTexts);
    const dues = items.length > 1 ? splitDues(dueText, items.length) : [];
    if (items.length > 1 && dues.length === items.length) {
      // Several milestones in one cell, one date each.
      items.forEach((title, i) => {
        const milestone: Record<string, unknown> = { title };
        milestones.push(milestone);
        const path: Path = [...ctx.actionPath, 'milestones', milestones.length - 1];
        milestone.due = dues[i];
        fillWorkItem(milestone, path, record, columns, options, result, ['due'], 'milestone');
      });
      guess([...ctx.actionPath, 'milestones'], `the Milestone cell holds ${items.length} milestones and the By when cell ${items.length} dates: one each`);
      result.stats.milestones += items.length;
      continue;
    }
    const milestone: Record<string, unknown> = { title: joinText(milestoneTexts) || '(no milestone text in the table)' };
    milestones.push(milestone);
    const path: Path = [...ctx.actionPath, 'milestones', milestones.length - 1];
    if (!joinText(milestoneTexts)) guess([...path, 'title'], `the row (${record.source}) has no text in its milestone column: give it a title`);
    fillWorkItem(milestone, path, record, columns, options, result, [], 'milestone');
    result.stats.milestones++;
  }
}

/** Splits a "by when" cell holding one date per action: one per line, else the alternatives core reads in it. */
function splitDues(text: string, count: number): string[] {
  if (!text) return [];
  const lines = text.split(/\n+/).map((line) => line.replace(/^-\s*/, '').trim()).filter(Boolean);
  if (lines.length === count) return lines;
  const due = interpretDue(text);
  if (due.kind === 'alternatives' && due.alternatives?.length === count) return due.alternatives.map((alternative) => alternative.text);
  return [text];
}

const MILESTONE_FIELDS = new Set<Field>(['due', 'lead', 'partners', 'status', 'measures', 'links', 'update', 'notes', 'extra']);

/** Puts a row's cells on an action or milestone. */
function fillWorkItem(item: Record<string, unknown>, path: Path, record: Record_, columns: Column[], options: BuildOptions, result: BuildResult, skip: Field[], kind: 'action' | 'milestone'): void {
  const guess = (at: Path, message: string) => result.guesses.push({ path: at, message });
  const indexes = (name: Field) => columns.map((column, i) => (column.field === name ? i : -1)).filter((i) => i >= 0);
  const cells = (name: Field) => indexes(name).flatMap((i) => record.cells[i]);
  const text = (name: Field) => joinText(cells(name));
  const allowed = (name: Field) => !skip.includes(name) && (kind === 'action' || MILESTONE_FIELDS.has(name));

  if (allowed('lead')) setAgencies(item, 'lead', cells('lead'), path, options, result);
  if (allowed('partners')) setAgencies(item, 'partners', cells('partners'), path, options, result);
  if (allowed('due')) {
    const due = text('due');
    if (due) {
      item.due = due.replace(/\n+/g, ' ');
      if (/\n/.test(due)) guess([...path, 'due'], `the cell has several lines, joined: '${due.replace(/\n+/g, ' / ')}'`);
      const reading = interpretDue(String(item.due));
      if (reading.kind === 'unknown') guess([...path, 'due'], 'not understood as a date: kept as written; no deadline is checked');
    }
  }
  let status: string | undefined;
  const statusText = text('status');
  if (allowed('status') && statusText) {
    const resolved = legend.resolve(statusText.trim());
    if (resolved) {
      status = resolved.key;
      item.status = status;
    } else {
      // Not a word of the usual legend: kept as written under extra (a plan's status must be in its legend).
      const column = columns[indexes('status')[0]];
      putExtraValue(item, column.heading || 'Status', statusText);
      guess([...path, 'extra'], `'${statusText}' is not a status of the usual legend (Blue, Red, Amber, Green, Not started): kept under extra; add a statusScheme to the plan or set status`);
    }
  }
  if (kind === 'action') {
    if (text('baseline')) item.baseline = text('baseline');
    if (text('target')) item.target = text('target');
    const achieved = text('achieved');
    if (achieved) {
      const folded = foldName(achieved);
      const value = /^(yes|y|met|achieved|complete|completed)$/.test(folded) ? 'met' : /^(no|n|not met|not achieved)$/.test(folded) ? 'not-met' : /^(partially|partly|partial|partially met|in part)$/.test(folded) ? 'partially-met' : undefined;
      if (value) {
        item.achieved = value;
        guess([...path, 'achieved'], `cell as written: '${achieved}'`);
      } else {
        putExtraValue(item, columns[indexes('achieved')[0]].heading || 'Target achieved?', achieved);
        guess([...path, 'extra'], `'Target achieved?' cell '${achieved}' is not Yes, No or Partially: kept under extra`);
      }
    }
    for (const [name, key] of [['measures', 'measures'], ['outputs', 'outputs'], ['outcome', 'outcome']] as const) {
      const list = listOf(cells(name));
      if (list.length > 0) item[key] = oneOrList(list.length > 1 && cells(name).some((para) => para.level > 0 || para.gap === 'line') ? list : [text(name)]);
    }
    if (text('description')) item.notes = text('description');
  } else {
    const measure = listOf(cells('measures'));
    if (measure.length > 0) item.measure = oneOrList(measure);
  }
  const links = listOf(cells('links'));
  if (allowed('links') && links.length > 0) item.links = links;
  if (allowed('notes') && text('notes')) item.notes = [item.notes, text('notes')].filter(Boolean).join('\n\n');
  // Updates: one per update column, dated by its heading.
  const updates: Record<string, unknown>[] = [];
  for (const i of indexes('update')) {
    const updateText = joinText(record.cells[i]);
    if (!updateText || !allowed('update')) continue;
    const { date, how } = updateDate(columns[i].heading, options);
    const update: Record<string, unknown> = { asOf: date };
    if (status) update.status = status;
    update.text = updateText;
    updates.push(update);
    if (how === 'today') UNDATED.add(update);
    if (how !== 'heading') guess([...path, 'updates', updates.length - 1, 'asOf'], how === 'option' ? `the column heading '${columns[i].heading}' gives no date: --as-of used` : `the column heading '${columns[i].heading}' gives no date: today's date is used; correct it (or import with --as-of)`);
  }
  if (updates.length > 0) item.updates = updates;
  putExtra(item, record, columns, ['theme', 'id', 'action', 'objective', 'milestone', 'due', 'lead', 'partners', 'links', 'status', 'update', 'baseline', 'target', 'achieved', 'measures', 'outputs', 'outcome', 'description', 'notes']);
  if (kind === 'milestone') {
    // Action-level columns on a milestone row: kept on the action's extra, never dropped.
    for (const name of ['baseline', 'target', 'outputs', 'outcome', 'description'] as Field[]) {
      if (text(name)) {
        putExtraValue(item, columns[indexes(name)[0]].heading || name, text(name));
      }
    }
  }
}

function updateDate(heading: string, options: BuildOptions): { date: IsoDate; how: 'heading' | 'option' | 'today' } {
  const inner = /\(([^)]*)\)/.exec(heading)?.[1] ?? heading.replace(/^\s*(update|progress|status|comments?)\b/i, '');
  const cleaned = inner.replace(/^\s*(to|as at|as of|at|up to|until)\s+/i, '').replace(/^(the\s+)?end\s+(of\s+)?/i, '');
  if (/\d{4}/.test(cleaned)) {
    const due = interpretDue(cleaned.trim());
    const deadline = deadlineOf(due);
    if (deadline && isValidIsoDate(deadline)) return { date: deadline, how: 'heading' };
  }
  if (options.asOf) return { date: options.asOf, how: 'option' };
  if (options.mapping?.asOf && isValidIsoDate(options.mapping.asOf)) return { date: options.mapping.asOf as IsoDate, how: 'option' };
  return { date: options.today, how: 'today' };
}

function setText(target: Record<string, unknown>, key: string, value: string): void {
  if (value) target[key] = value;
}

function setAgencies(target: Record<string, unknown>, key: 'lead' | 'partners', paras: Para[], path: Path, options: BuildOptions, result: BuildResult): void {
  if (paras.length === 0) return;
  const reading = readAgencies(paras, options.index);
  const value = oneOrList<LeadValue>(reading.values);
  if (value === undefined) return;
  target[key] = value;
  const written = joinText(paras).replace(/\n+/g, ' / ');
  for (const message of reading.guesses) result.guesses.push({ path: [...path, key], message });
  if (reading.parents.length > 0) result.guesses.push({ path: [...path, key], message: `list items with sub-items read as headings, each kept as the group of the items under it: ${reading.parents.map((parent) => `'${parent}'`).join(', ')}` });
  if (reading.guesses.length === 0 && reading.values.length > 1) result.guesses.push({ path: [...path, key], message: `cell as written: '${written}'` });
  for (const name of reading.unknown) if (!result.unknown.has(name)) result.unknown.set(name, [...path, key]);
}

/** Cells of columns the plan has no field for, under `extra` by their heading. */
function putExtra(target: Record<string, unknown>, record: Record_, columns: Column[], _known: Field[]): void {
  columns.forEach((column, i) => {
    if (column.field !== 'extra') return;
    const text = joinText(record.cells[i]);
    if (text) putExtraValue(target, column.heading || `Column ${i + 1}`, text);
  });
}

function putExtraValue(target: Record<string, unknown>, heading: string, text: string): void {
  const extra = (target.extra ??= {}) as Record<string, unknown>;
  extra[heading] = extra[heading] === undefined ? text : `${String(extra[heading])}\n\n${text}`;
}
