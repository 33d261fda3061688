import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { readHtml } from './html.js';
import { parasFromPlainText, tidy, type Cell, type SourceDocument, type TableBlock } from './model.js';

/** A file the importer cannot read, with the reason in words for the officer. */
export class ImportReadError extends Error {}

/** The largest file read (a 50 MB spreadsheet is already far beyond any action plan). */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

export type SourceFormat = 'docx' | 'xlsx' | 'csv' | 'tsv' | 'html';

const EXTENSIONS: Record<string, SourceFormat> = {
  '.docx': 'docx',
  '.xlsx': 'xlsx',
  '.xlsm': 'xlsx',
  '.csv': 'csv',
  '.tsv': 'tsv',
  '.tab': 'tsv',
  '.html': 'html',
  '.htm': 'html',
};

/** The format a file name says it is in. */
export function formatOfName(fileName: string): SourceFormat | undefined {
  return EXTENSIONS[extname(fileName).toLowerCase()];
}

/** Reads a file from disk into a document, checking that its bytes are what its name says. */
export async function readSource(fileName: string): Promise<{ format: SourceFormat; doc: SourceDocument }> {
  const format = formatOfName(fileName);
  if (!format) {
    throw new ImportReadError(`"${fileName}" is not a file type plankit import reads: give a .docx, .xlsx, .csv, .tsv or .html file.`);
  }
  let bytes: Buffer;
  try {
    const info = await stat(fileName);
    if (info.isDirectory()) throw new ImportReadError(`"${fileName}" is a folder, not a file.`);
    if (info.size > MAX_IMPORT_BYTES) throw new ImportReadError(`"${fileName}" is ${(info.size / 1048576).toFixed(1)} MB; plankit import reads files of up to ${MAX_IMPORT_BYTES / 1048576} MB.`);
    bytes = await readFile(fileName);
  } catch (error) {
    if (error instanceof ImportReadError) throw error;
    const code = (error as NodeJS.ErrnoException)?.code;
    const why = code === 'ENOENT' ? 'there is no such file' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : error instanceof Error ? error.message : String(error);
    throw new ImportReadError(`cannot read "${fileName}": ${why}.`);
  }
  if (bytes.length === 0) throw new ImportReadError(`"${fileName}" is empty.`);
  return { format, doc: await readBytes(bytes, format, fileName) };
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

/** Reads a file's bytes in the format its name gives. */
export async function readBytes(bytes: Buffer, format: SourceFormat, fileName: string): Promise<SourceDocument> {
  if (format === 'docx' || format === 'xlsx') {
    const kind = format === 'docx' ? 'Word (.docx)' : 'Excel (.xlsx)';
    if (bytes.subarray(0, 4).equals(OLE_MAGIC)) {
      throw new ImportReadError(`"${fileName}" is an old-style ${format === 'docx' ? 'Word .doc' : 'Excel .xls'} file, not ${kind}: open it and save it as ${format === 'docx' ? '.docx' : '.xlsx'} first.`);
    }
    if (!bytes.subarray(0, 4).equals(ZIP_MAGIC)) {
      const looksText = isMostlyText(bytes);
      throw new ImportReadError(`"${fileName}" is not a ${kind} file: ${looksText ? 'it holds plain text' : 'its contents are not in that format'}. ${looksText ? 'If it is a table saved as text, name it .csv, .tsv or .html.' : 'Open it in Word or Excel and save it again.'}`);
    }
    return format === 'docx' ? readDocx(bytes, fileName) : readXlsx(bytes, fileName);
  }
  const text = decodeText(bytes, fileName);
  if (format === 'html') return readHtml(text);
  return readDelimited(text, format === 'tsv' ? '\t' : undefined, fileName);
}

function isMostlyText(bytes: Buffer): boolean {
  const sample = bytes.subarray(0, 4096);
  if (sample.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.length < bytes.length ? sample.subarray(0, lastCharBoundary(sample)) : sample);
    return true;
  } catch {
    return false;
  }
}

function lastCharBoundary(sample: Buffer): number {
  let end = sample.length;
  // Step back over a UTF-8 sequence cut at the end of the sample.
  for (let i = 1; i <= 3 && end - i >= 0; i++) {
    const byte = sample[end - i];
    if ((byte & 0xc0) === 0xc0) return end - i;
    if ((byte & 0x80) === 0) break;
  }
  return end;
}

/** Text files: UTF-8 (with or without a byte-order mark), UTF-16 with a mark, else Windows-1252 (what Excel writes as "CSV"). */
function decodeText(bytes: Buffer, fileName: string): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes.subarray(0, 4).equals(ZIP_MAGIC)) {
    throw new ImportReadError(`"${fileName}" is a zipped file (perhaps a Word or Excel file), not text: give it its real extension (.docx or .xlsx).`);
  }
  const controls = countControls(bytes.subarray(0, 65536));
  if (controls > 0) throw new ImportReadError(`"${fileName}" holds binary data, not text: it is not a table plankit import can read.`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** NUL and other control bytes that never appear in text files. */
function countControls(bytes: Buffer): number {
  let count = 0;
  for (const byte of bytes) if (byte === 0 || (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c)) count++;
  return count;
}

async function readDocx(bytes: Buffer, fileName: string): Promise<SourceDocument> {
  const { default: mammoth } = await import('mammoth');
  let html: string;
  try {
    const result = await mammoth.convertToHtml({ buffer: bytes }, { ignoreEmptyParagraphs: false });
    html = result.value;
  } catch (error) {
    throw new ImportReadError(`"${fileName}" could not be read as a Word (.docx) file: ${describe(error)}.`);
  }
  return readHtml(html);
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/central directory|end of data|zip|corrupt/i.test(message)) return 'the file is damaged or is not a Word file';
  if (/word\/document\.xml|main document/i.test(message)) return 'it is a zip file, but not a Word document';
  return message.split('\n')[0];
}

async function readXlsx(bytes: Buffer, fileName: string): Promise<SourceDocument> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const why = /central directory|end of data|corrupt|invalid|signature/i.test(message) ? 'the file is damaged or is not an Excel file' : /workbook|Cannot read propert/i.test(message) ? 'it is a zip file, but not an Excel workbook' : message.split('\n')[0];
    throw new ImportReadError(`"${fileName}" could not be read as an Excel (.xlsx) file: ${why}.`);
  }
  const doc: SourceDocument = { blocks: [], notes: [] };
  if (workbook.worksheets.length === 0) throw new ImportReadError(`"${fileName}" could not be read as an Excel (.xlsx) file: it has no sheets (is it really an Excel workbook?).`);
  for (const sheet of workbook.worksheets) {
    const rows: Cell[][] = [];
    const columnCount = sheet.columnCount;
    sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      while (rows.length < rowNumber - 1) rows.push([]);
      const cells: Cell[] = [];
      for (let column = 1; column <= columnCount; column++) {
        const cell = row.getCell(column);
        if (cell.isMerged && cell.master !== cell) {
          cells.push({ paras: [], spanned: true });
          continue;
        }
        const { text, numeric } = excelText(cell.value, cell.numFmt);
        cells.push({ paras: parasFromPlainText(text), numeric: numeric || undefined });
      }
      rows.push(cells);
    });
    if (rows.some((row) => row.some((cell) => cell.paras.length > 0))) doc.blocks.push({ kind: 'table', rows, name: sheet.name });
  }
  return doc;
}

/** The text Excel shows for a cell value, as near as the common number formats allow. */
function excelText(value: unknown, numFmt: string | undefined): { text: string; numeric: boolean } {
  if (value === null || value === undefined) return { text: '', numeric: false };
  if (typeof value === 'string') return { text: value, numeric: false };
  if (typeof value === 'number') {
    if (numFmt && /%/.test(numFmt)) {
      const decimals = /0\.(0+)%/.exec(numFmt)?.[1].length ?? 0;
      return { text: `${Number((value * 100).toFixed(decimals)).toFixed(decimals)}%`, numeric: true };
    }
    return { text: String(value), numeric: true };
  }
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE', numeric: false };
  if (value instanceof Date) return { text: formatExcelDate(value, numFmt), numeric: false };
  if (typeof value === 'object') {
    const object = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; hyperlink?: string; error?: string };
    if (Array.isArray(object.richText)) return { text: object.richText.map((run) => run.text).join(''), numeric: false };
    if ('result' in object) return excelText(object.result, numFmt);
    if (typeof object.text === 'string') return { text: object.text, numeric: false };
    if (object.text && typeof object.text === 'object') return excelText(object.text, numFmt);
    if (typeof object.error === 'string') return { text: object.error, numeric: false };
  }
  return { text: String(value), numeric: false };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A date cell as Excel would show it: "March 2014" for month formats, else "31/03/2014" (day/month, as UK officers write). */
function formatExcelDate(date: Date, numFmt: string | undefined): string {
  const day = date.getUTCDate();
  const month = date.getUTCMonth();
  const year = date.getUTCFullYear();
  const format = (numFmt ?? '').toLowerCase();
  if (/mmmm/.test(format) && !/d/.test(format)) return `${MONTHS[month]} ${year}`;
  if (/mmm/.test(format) && !/d/.test(format)) return `${MONTHS[month].slice(0, 3)}-${String(year).slice(2)}`;
  if (/mmmm/.test(format)) return `${day} ${MONTHS[month]} ${year}`;
  return `${String(day).padStart(2, '0')}/${String(month + 1).padStart(2, '0')}/${year}`;
}

async function readDelimited(text: string, delimiter: string | undefined, fileName: string): Promise<SourceDocument> {
  const { parse } = await import('csv-parse/sync');
  const chosen = delimiter ?? guessDelimiter(text);
  let records: string[][];
  try {
    records = parse(text, { delimiter: chosen, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, bom: true }) as string[][];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ImportReadError(`"${fileName}" could not be read as ${chosen === '\t' ? 'tab-separated' : 'comma-separated'} text: ${message.split('\n')[0]}.`);
  }
  const table: TableBlock = { kind: 'table', rows: records.map((record) => record.map((field) => ({ paras: parasFromPlainText(field) }))) };
  return { blocks: [table], notes: [] };
}

/** Comma, semicolon (Excel in some locales) or tab: whichever splits the first lines most evenly. */
function guessDelimiter(text: string): string {
  const sample = text.slice(0, 20000).split(/\r?\n/).slice(0, 20);
  let best = ',';
  let bestScore = 0;
  for (const candidate of [',', ';', '\t']) {
    const counts = sample.map((line) => line.split(candidate).length - 1).filter((count) => count > 0);
    const score = counts.length === 0 ? 0 : Math.min(...counts) * counts.length;
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

export { tidy };
