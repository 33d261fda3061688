import { readdir, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { glob } from 'tinyglobby';
import { checkFile, civilDateInLondon, isPlankitFile, isValidIsoDate, type Diagnostic, type FileCheck, type IsoDate } from '@plankit/core';
import { nodeFileHost, readPlankitText } from '@plankit/core/node';
import { EXIT_CLEAN, EXIT_ERRORS, EXIT_USAGE, type CliEnvironment } from './cli.js';

interface ValidateOptions {
  'as-of'?: string;
  'due-soon-days'?: string;
  format?: string;
}

/** One file's result, as printed. */
interface FileReport {
  file: string;
  check?: FileCheck;
  /** Why the file could not be read. */
  unreadable?: string;
}

const GLOB_CHARACTERS = /[*?[\]{}]/;
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'dist', 'coverage']);

/** `plankit validate`: checks the named files, folders and globs and prints every finding. */
export async function validateCommand(inputs: string[], options: ValidateOptions, env: CliEnvironment): Promise<number> {
  const format = options.format ?? 'text';
  if (format !== 'text' && format !== 'json') {
    env.stderr.write(`plankit validate: --format must be text or json, not "${format}".\n`);
    return EXIT_USAGE;
  }
  const asOf = options['as-of'];
  if (asOf !== undefined && !isValidIsoDate(asOf)) {
    env.stderr.write(`plankit validate: --as-of needs a real date written YYYY-MM-DD, such as 2014-03-31, not "${asOf}".\n`);
    return EXIT_USAGE;
  }
  let dueSoonDays: number | undefined;
  if (options['due-soon-days'] !== undefined) {
    dueSoonDays = Number(options['due-soon-days']);
    if (!Number.isInteger(dueSoonDays) || dueSoonDays < 0 || dueSoonDays > 3660) {
      env.stderr.write(`plankit validate: --due-soon-days needs a whole number of days from 0 to 3660, not "${options['due-soon-days']}".\n`);
      return EXIT_USAGE;
    }
  }

  const { files, problems } = await findFiles(inputs.length > 0 ? inputs : ['.'], env.cwd);
  let usageProblem = problems.length > 0;
  for (const problem of problems) env.stderr.write(`plankit: ${problem}\n`);

  const today: IsoDate = civilDateInLondon(env.now);
  const reports: FileReport[] = [];
  for (const file of files) {
    const shown = relative(env.cwd, file) || file;
    let text: string;
    try {
      text = await readPlankitText(file);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      reports.push({ file: shown, unreadable: reason });
      env.stderr.write(`plankit: cannot read ${shown}: ${reason}\n`);
      usageProblem = true;
      continue;
    }
    reports.push({ file: shown, check: await checkFile(file, text, nodeFileHost, { asOf, today, dueSoonDays }) });
  }

  const counts = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const report of reports) for (const diagnostic of report.check?.diagnostics ?? []) counts[diagnostic.severity]++;
  if (format === 'json') {
    env.stdout.write(JSON.stringify(toJson(reports, counts), null, 2) + '\n');
  } else {
    for (const report of reports) {
      for (const diagnostic of report.check?.diagnostics ?? []) env.stdout.write(formatLine(report.file, diagnostic) + '\n');
    }
    env.stdout.write(summaryLine(reports, counts) + '\n');
  }
  if (usageProblem) return EXIT_USAGE;
  return counts.error > 0 ? EXIT_ERRORS : EXIT_CLEAN;
}

/** `path:line:col: severity code message`, with 1-based line and column as compilers print them. */
export function formatLine(file: string, diagnostic: Diagnostic): string {
  const { line, character } = diagnostic.range.start;
  return `${file}:${line + 1}:${character + 1}: ${diagnostic.severity} ${diagnostic.code} ${diagnostic.message.replace(/\s*\n\s*/g, ' ')}`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function summaryLine(reports: FileReport[], counts: Record<string, number>): string {
  const checked = reports.filter((report) => report.check);
  const plans = checked.filter((report) => report.check!.kind === 'plan');
  const asOfs = new Set(plans.map((report) => report.check!.asOf));
  const unreadable = reports.length - checked.length;
  let line = `Checked ${plural(checked.length, 'file')} (${plural(plans.length, 'plan')}, ${plural(checked.length - plans.length, 'register')}): ${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${plural(counts.info + counts.hint, 'note')}`;
  if (asOfs.size === 1) line += `; as at ${[...asOfs][0]}`;
  if (unreadable > 0) line += `; ${plural(unreadable, 'file')} could not be read`;
  return `${line}.`;
}

function toJson(reports: FileReport[], counts: Record<string, number>) {
  return {
    files: reports.map((report) => ({
      file: report.file,
      kind: report.check?.kind,
      unreadable: report.unreadable,
      asOf: report.check?.asOf,
      asOfBasis: report.check?.asOfBasis,
      diagnostics: (report.check?.diagnostics ?? []).map((diagnostic) => ({
        line: diagnostic.range.start.line + 1,
        column: diagnostic.range.start.character + 1,
        endLine: diagnostic.range.end.line + 1,
        endColumn: diagnostic.range.end.character + 1,
        severity: diagnostic.severity,
        code: diagnostic.code,
        message: diagnostic.message,
        range: diagnostic.range,
        data: diagnostic.data,
      })),
    })),
    summary: { files: reports.length, errors: counts.error, warnings: counts.warning, notes: counts.info + counts.hint },
  };
}

/** Expands files, folders and globs into a sorted list of files, with a message for each input that named nothing. */
async function findFiles(inputs: string[], cwd: string): Promise<{ files: string[]; problems: string[] }> {
  const files = new Set<string>();
  const problems: string[] = [];
  for (const input of inputs) {
    const absolute = resolve(cwd, input);
    let info;
    try {
      info = await stat(absolute);
    } catch {
      info = undefined;
    }
    if (info?.isDirectory()) {
      const found = await walk(absolute);
      if (found.length === 0) problems.push(`no plan or register files (*.plan.yaml, *.agencies.yaml) in ${input}`);
      found.forEach((file) => files.add(file));
    } else if (info) {
      files.add(absolute);
    } else if (GLOB_CHARACTERS.test(input)) {
      const matched = await glob(input, { cwd, absolute: true, onlyFiles: true, ignore: ['**/node_modules/**'] });
      if (matched.length === 0) problems.push(`no files match ${input}`);
      matched.forEach((file) => files.add(resolve(file)));
    } else {
      problems.push(`cannot read ${input}: no such file or folder`);
    }
  }
  return { files: [...files].sort(), problems };
}

async function walk(folder: string): Promise<string[]> {
  const found: string[] = [];
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch {
    return found;
  }
  for (const entry of entries) {
    if (entry.isDirectory()) {
      if (entry.name.startsWith('.') || SKIPPED_FOLDERS.has(entry.name)) continue;
      found.push(...(await walk(join(folder, entry.name))));
    } else if (entry.isFile() && isPlankitFile(entry.name)) {
      found.push(join(folder, entry.name));
    }
  }
  return found;
}
