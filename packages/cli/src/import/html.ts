import { parseDocument } from 'htmlparser2';
import { tidy, type Block, type Cell, type Para, type SourceDocument } from './model.js';

/** The parts of htmlparser2's DOM (domhandler) this reader uses. */
interface DomNode {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: DomNode[];
}

const BLOCK_TAGS = new Set(['p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'table', 'section', 'article', 'main', 'header', 'footer', 'blockquote', 'pre', 'dl', 'dt', 'dd', 'body', 'html', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'caption', 'center', 'figure']);
const SKIP_TAGS = new Set(['script', 'style', 'head', 'noscript', 'template', 'svg', 'math']);
const BOLD_TAGS = new Set(['b', 'strong', 'th']);

function isElement(node: DomNode): boolean {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

/** Reads an HTML document (a web page, or mammoth's rendering of a Word file) into blocks. */
export function readHtml(html: string): SourceDocument {
  const dom = parseDocument(html, { decodeEntities: true, lowerCaseTags: true }) as unknown as DomNode;
  const doc: SourceDocument = { blocks: [], notes: [] };
  const titleNode = findFirst(dom, (node) => node.name === 'title');
  if (titleNode) {
    const title = tidy(textOf(titleNode));
    if (title) doc.title = title;
  }
  walkBlocks(dom, doc.blocks);
  return doc;
}

function findFirst(node: DomNode, test: (node: DomNode) => boolean): DomNode | undefined {
  if (isElement(node) && test(node)) return node;
  for (const child of node.children ?? []) {
    const found = findFirst(child, test);
    if (found) return found;
  }
  return undefined;
}

/** All text under a node, with <br> as a space (used for titles). */
function textOf(node: DomNode): string {
  if (node.type === 'text') return node.data ?? '';
  if (node.name === 'br') return ' ';
  return (node.children ?? []).map(textOf).join('');
}

/** Walks the page outside tables: headings and paragraphs become text blocks; tables become table blocks. */
function walkBlocks(node: DomNode, blocks: Block[]): void {
  let inline: DomNode[] = [];
  const flushInline = () => {
    if (inline.length === 0) return;
    const paras = parasOf(inline, 0, false);
    for (const para of paras) if (para.text) blocks.push({ kind: 'text', text: para.text, bold: para.bold || undefined });
    inline = [];
  };
  for (const child of node.children ?? []) {
    if (child.type === 'text' || (isElement(child) && !BLOCK_TAGS.has(child.name ?? '') && !SKIP_TAGS.has(child.name ?? ''))) {
      inline.push(child);
      continue;
    }
    flushInline();
    if (!isElement(child) || SKIP_TAGS.has(child.name ?? '')) continue;
    const name = child.name ?? '';
    if (name === 'table') {
      blocks.push({ kind: 'table', rows: readTable(child) });
    } else if (/^h[1-6]$/.test(name)) {
      const text = tidy(textOf(child));
      if (text) blocks.push({ kind: 'text', text, heading: Number(name[1]) });
    } else if (name === 'p' || name === 'li' || name === 'dt' || name === 'dd' || name === 'caption' || name === 'pre') {
      if (findFirst(child, (node) => node.name === 'table')) walkBlocks(child, blocks);
      else for (const para of parasOf([child], 0, false)) if (para.text) blocks.push({ kind: 'text', text: para.text, bold: para.bold || undefined });
    } else {
      walkBlocks(child, blocks);
    }
  }
  flushInline();
}

/** The rows of a table (rows of nested tables are not rows of this one), with colspan and rowspan laid out on a grid. */
function readTable(table: DomNode): Cell[][] {
  const rows: DomNode[] = [];
  const collectRows = (node: DomNode) => {
    for (const child of node.children ?? []) {
      if (!isElement(child)) continue;
      if (child.name === 'tr') rows.push(child);
      else if (child.name === 'thead' || child.name === 'tbody' || child.name === 'tfoot') collectRows(child);
    }
  };
  collectRows(table);
  const grid: Cell[][] = [];
  // Cells still covered by a rowspan from a row above: column -> rows left.
  const pending = new Map<number, number>();
  for (const row of rows) {
    const out: Cell[] = [];
    const fillPending = () => {
      while ((pending.get(out.length) ?? 0) > 0) {
        const left = pending.get(out.length)! - 1;
        if (left === 0) pending.delete(out.length);
        else pending.set(out.length, left);
        out.push({ paras: [], spanned: true });
      }
    };
    for (const cell of row.children ?? []) {
      if (!isElement(cell) || (cell.name !== 'td' && cell.name !== 'th')) continue;
      fillPending();
      const colspan = clampSpan(cell.attribs?.colspan);
      const rowspan = clampSpan(cell.attribs?.rowspan);
      const column = out.length;
      out.push({ paras: parasOf(cell.children ?? [], 0, cell.name === 'th') });
      for (let i = 1; i < colspan; i++) out.push({ paras: [], spanned: true });
      if (rowspan > 1) for (let i = 0; i < colspan; i++) pending.set(column + i, rowspan - 1);
    }
    fillPending();
    grid.push(out);
  }
  return grid;
}

function clampSpan(value: string | undefined): number {
  const n = Number.parseInt(value ?? '1', 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, 1000) : 1;
}

/**
 * The paragraphs in some nodes: <p>, <div> and headings start paragraphs, <br> starts a line,
 * list items are paragraphs with their nesting level, nested tables give their cells' text.
 */
function parasOf(nodes: DomNode[], listLevel: number, bold: boolean): Para[] {
  const paras: Para[] = [];
  let current: { text: string; boldChars: number; chars: number } | undefined;
  let nextGap: Para['gap'] = 'paragraph';
  let currentLevel = listLevel;
  const flush = (gapAfter: Para['gap']) => {
    if (current) {
      const text = tidy(current.text);
      if (text) {
        paras.push({ text, level: currentLevel, gap: nextGap, bold: current.chars > 0 && current.boldChars === current.chars ? true : undefined });
        nextGap = gapAfter;
      } else if (gapAfter === 'paragraph') nextGap = 'paragraph';
    } else if (gapAfter === 'paragraph' && paras.length > 0) nextGap = 'paragraph';
    current = undefined;
  };
  const addText = (text: string, isBold: boolean) => {
    if (!current) current = { text: '', boldChars: 0, chars: 0 };
    current.text += text;
    const visible = text.replace(/\s+/g, '').length;
    current.chars += visible;
    if (isBold) current.boldChars += visible;
  };
  const visit = (node: DomNode, isBold: boolean, level: number) => {
    if (node.type === 'text') {
      const data = node.data ?? '';
      if (data.trim() === '' && !current) return;
      if (currentLevel !== level && current === undefined) currentLevel = level;
      addText(data.replace(/\s+/g, ' '), isBold);
      return;
    }
    if (!isElement(node) || SKIP_TAGS.has(node.name ?? '')) return;
    const name = node.name ?? '';
    if (name === 'br') {
      if (current) {
        flush('line');
      } else {
        nextGap = 'line';
      }
      return;
    }
    if (name === 'ul' || name === 'ol') {
      flush('paragraph');
      for (const child of node.children ?? []) visit(child, isBold, level + 1);
      flush('paragraph');
      return;
    }
    if (name === 'li') {
      flush('line');
      currentLevel = Math.max(level, 1);
      for (const child of node.children ?? []) {
        if (isElement(child) && (child.name === 'ul' || child.name === 'ol')) {
          flush('line');
          for (const grandchild of child.children ?? []) visit(grandchild, isBold, currentLevel + 1);
          currentLevel = Math.max(level, 1);
        } else {
          if (!current) currentLevel = Math.max(level, 1);
          visit(child, isBold, Math.max(level, 1));
        }
      }
      flush('line');
      return;
    }
    const block = BLOCK_TAGS.has(name);
    if (block) {
      flush('paragraph');
      if (!current) currentLevel = level;
    }
    const childBold = isBold || BOLD_TAGS.has(name) || /font-weight:\s*(bold|[6-9]00)/i.test(node.attribs?.style ?? '');
    for (const child of node.children ?? []) {
      if (!current && block) currentLevel = level;
      visit(child, childBold, level);
    }
    if (block) flush('paragraph');
  };
  for (const node of nodes) visit(node, bold, listLevel);
  flush('paragraph');
  return paras;
}
