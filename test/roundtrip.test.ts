/**
 * The round trip an officer makes for a committee paper: `plankit import` a table from Word, Excel,
 * CSV or HTML, `plankit validate` the plan, `plankit render` the report; every cell's text of the
 * source table must appear in the report. Each step is the real command, run as a process.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const plankit = path.join(repo, 'packages', 'cli', 'bin', 'plankit.js');
const seeds = path.join(repo, 'test', 'fixtures', 'import', 'seeds');
const work = mkdtempSync(path.join(tmpdir(), 'plankit-roundtrip-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [plankit, ...args], { cwd: work, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Text as a reader sees it: entities decoded, bullets and line breaks as spaces, spacing collapsed. */
function normalise(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/[•▪◦·\u2022]/g, ' ')
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The report's visible text: the markup and the style sheet removed. */
function reportText(html: string): string {
  return normalise(html.replace(/<style[\s\S]*?<\/style>/g, ' ').replace(/<[^>]+>/g, ' '));
}

/**
 * Every non-empty data cell of a seed's CSV (the same table the .docx, .xlsx and .html hold). The
 * header row's cells are column names (the report has its own headings), so they are left out;
 * it is the row that names the Action column.
 */
function cellsOf(seed: string): string[] {
  const rows = parseCsv(readFileSync(path.join(seeds, `${seed}.csv`), 'utf8'), { relax_column_count: true }) as string[][];
  const header = rows.find((row) => row.some((cell) => /^(action|priority)$/i.test(cell.trim())));
  const headings = new Set((header ?? []).map(normalise));
  return [...new Set(rows.flat().map(normalise).filter((cell) => cell !== '' && !headings.has(cell)))];
}

/**
 * The pieces of a cell a report shows: a bulleted cell is its bullets (a list), and a cell naming
 * several agencies ("KCC/Kent Police") is each agency (the importer reads them as joint leads).
 */
function piecesOf(cell: string): string[] {
  // A theme row's "1.Enforcement" is the theme's number and its title.
  const numbered = /^(\d+)\.\s*(\D.*)$/.exec(cell);
  if (numbered) return [numbered[1], numbered[2]];
  return cell
    .split(/\s*(?:^|\s)[-*]\s+|\s*\/\s*/)
    // A heading's colon goes with its spacing: 'RBK mainstream activity :' is 'RBK mainstream activity'.
    .map((piece) => piece.trim().replace(/\s*:$/, ''))
    .filter((piece) => piece !== '');
}

const SEEDS = ['tonbridge-malling-csp-action-plan-2013-14', 'sevenoaks-alcohol-drug-strategy-2011', 'safer-kingston-partnership-plan-2011-14'];
const FORMATS = ['docx', 'xlsx', 'csv', 'html'];

describe('import, validate, render: every cell of the source table is in the report', () => {
  for (const seed of SEEDS) {
    for (const format of FORMATS) {
      it(`${seed}.${format}`, () => {
        const plan = path.join(work, `${seed}-${format}.plan.yaml`);
        const imported = run(['import', path.join(seeds, `${seed}.${format}`), '-o', plan, '--as-of', '2026-11-23']);
        expect(imported.status, imported.stderr).toBe(0);
        const validated = run(['validate', plan, '--as-of', '2026-11-23']);
        expect(validated.status, validated.stdout + validated.stderr).toBe(0);
        const report = path.join(work, `${seed}-${format}.html`);
        const rendered = run(['render', plan, '-o', report, '--as-of', '2026-11-23']);
        expect(rendered.status, rendered.stderr).toBe(0);
        const text = reportText(readFileSync(report, 'utf8'));
        const missing: string[] = [];
        for (const cell of cellsOf(seed)) {
          if (text.includes(cell)) continue;
          // A bulleted cell is shown as a list (one item per bullet); each bullet must be there.
          const pieces = piecesOf(cell);
          if (pieces.length > 1 && pieces.every((piece) => text.includes(piece))) continue;
          missing.push(pieces.length > 1 ? `${cell}\n    missing pieces: ${pieces.filter((piece) => !text.includes(piece)).join(' | ')}` : cell);
        }
        expect(missing, `cells of ${seed}.${format} not in the report`).toEqual([]);
      });
    }
  }
});

describe('the report of an imported plan', () => {
  it('is the same whichever format the table came in', () => {
    const seed = SEEDS[0];
    const texts = FORMATS.map((format) => reportText(readFileSync(path.join(work, `${seed}-${format}.html`), 'utf8')));
    for (const text of texts.slice(1)) expect(text).toBe(texts[0]);
  });
});

// csv-parse comes with the importer (packages/cli); make sure it is the one resolved here.
it('reads the seed CSVs with the same csv-parse the importer uses', () => {
  const version = JSON.parse(readFileSync(path.join(repo, 'node_modules', 'csv-parse', 'package.json'), 'utf8')).version;
  expect(JSON.parse(readFileSync(path.join(repo, 'packages', 'cli', 'package.json'), 'utf8')).dependencies['csv-parse']).toBe(version);
  expect(execFileSync(process.execPath, [plankit, '--help'], { encoding: 'utf8' })).toMatch(/import FILE/);
});
