/**
 * What the format readers produce: a document as a run of text blocks and tables, each table a
 * grid of cells, each cell a list of paragraphs. Every format (.docx, .xlsx, .csv/.tsv, .html)
 * comes down to this, so the rest of the importer knows nothing of file formats.
 */

/** One paragraph or line of a cell, or one list item. */
export interface Para {
  text: string;
  /** 0 for plain text; 1 for a list item, 2 for an item under it, and so on. */
  level: number;
  /** Whether the whole paragraph is bold (a heading inside a cell, or a theme row). */
  bold?: boolean;
  /** How it is separated from the paragraph before it: a new paragraph, or a line break inside one. */
  gap: 'paragraph' | 'line';
}

export interface Cell {
  paras: Para[];
  /** The cell is the continuation of a merged cell to its left (colspan), so holds nothing of its own. */
  spanned?: boolean;
  /** The cell held a number (Excel): its text is the number as Excel shows it. */
  numeric?: boolean;
}

export interface TableBlock {
  kind: 'table';
  rows: Cell[][];
  /** The sheet name (Excel), if any. */
  name?: string;
}

export interface TextBlock {
  kind: 'text';
  text: string;
  /** A heading (h1-h6, or a bold paragraph on its own). */
  heading?: number;
  bold?: boolean;
}

export type Block = TableBlock | TextBlock;

export interface SourceDocument {
  /** The document's own title (HTML <title>), if it has one. */
  title?: string;
  blocks: Block[];
  /** What the reader noticed that the officer should know (e.g. a number Excel changed). */
  notes: string[];
}

/** The text of a cell with its paragraphs joined: blank line between paragraphs, line breaks kept, list items as "- ". */
export function cellText(cell: Cell | undefined): string {
  if (!cell) return '';
  let out = '';
  for (const para of cell.paras) {
    const text = para.level > 0 ? `${'  '.repeat(para.level - 1)}- ${para.text}` : para.text;
    if (out === '') out = text;
    else out += (para.gap === 'paragraph' && para.level === 0 ? '\n\n' : '\n') + text;
  }
  return out;
}

/** Whether a cell holds no text. */
export function isEmptyCell(cell: Cell | undefined): boolean {
  return !cell || cell.paras.every((para) => para.text.trim() === '');
}

/** Collapses runs of spaces and tabs (not line breaks) and trims. */
export function tidy(text: string): string {
  return text.replace(/[ \t\u00a0]+/g, ' ').trim();
}

/** Bullet glyphs officers type or paste at the start of a line in Excel, CSV and Word ('*' is not one: it marks footnotes). */
const BULLET = /^(\s*)([-•◆❖➤▪►●○◦·‣⁃–]|\d+[.)](?=\s)|[a-z][.)](?=\s))\s+/u;

/**
 * Splits plain text (a CSV field or an Excel cell) into paragraphs: blank lines separate
 * paragraphs, single line breaks are lines, and a line starting with a bullet is a list item
 * (indented two spaces or more per level).
 */
export function parasFromPlainText(text: string): Para[] {
  const paras: Para[] = [];
  let gap: Para['gap'] = 'paragraph';
  for (const rawLine of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (rawLine.trim() === '') {
      gap = 'paragraph';
      continue;
    }
    const bullet = BULLET.exec(rawLine);
    // A lone "1." or "a)" at the start is a list number only when the text is clearly a list: keep
    // numbered actions ("1.1 Run ...") as text. Only glyph bullets and "- " make list items here.
    if (bullet && /^[-•◆❖➤▪►●○◦·‣⁃–]$/u.test(bullet[2])) {
      const indent = bullet[1].replace(/\t/g, '  ').length;
      paras.push({ text: tidy(rawLine.slice(bullet[0].length)), level: 1 + Math.floor(indent / 2), gap });
    } else {
      paras.push({ text: tidy(rawLine), level: 0, gap });
    }
    gap = 'line';
  }
  return paras;
}
