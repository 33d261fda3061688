import { realpath, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkFile, civilDateInLondon, isValidIsoDate, kindOfFile, type IsoDate } from '@plankit/core';
import { nodeFileHost, readPlankitText } from '@plankit/core/node';
import { EXIT_CLEAN, EXIT_ERRORS, EXIT_USAGE, type CliEnvironment } from '../cli.js';
import { argumentProblem, type CommandOptions } from '../arguments.js';
import { formatLine } from '../validate.js';
import { writeAtomically } from '../write-file.js';
import { renderReport } from './report.js';
import type { Lang } from './words.js';

const USAGE = `Usage: plankit render PLAN [options]

Writes the plan as one self-contained HTML report, for reading on screen, printing and saving as
PDF for committee papers: the summary, the key to statuses, every theme's actions with their
milestones and updates, the timeline and notes. It needs no JavaScript and loads nothing.

Options:
  -o, --output FILE      Write the report to FILE (replaced only once the report is complete).
                         Without it, or with "-", the report is written to standard output.
  --as-of YYYY-MM-DD     Report as at this date (default: the plan's own asOf, else today in
                         Europe/London).
  --lang en|cy           The report's own words and dates in English or Welsh (default: the plan's
                         lang, else English). The plan's text is shown as written.
  -h, --help             Show this help.

A plan with errors is not rendered: its errors are printed as "plankit validate" prints them.
Exit codes: 0 report written, 1 the plan has errors, 2 usage error, unreadable plan or a report
that cannot be written.
`;

/** The options of `plankit render`. */
const RENDER_OPTIONS = {
  output: { type: 'string', short: 'o' },
  'as-of': { type: 'string' },
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} satisfies CommandOptions;

/** `plankit render`: one plan to one HTML report, on standard output or written atomically to a file. */
export async function renderCommand(args: string[], env: CliEnvironment): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, strict: true, options: RENDER_OPTIONS });
  } catch (error) {
    return usage(env, argumentProblem(error, RENDER_OPTIONS));
  }
  const options = parsed.values;
  if (options.help) {
    env.stdout.write(USAGE);
    return EXIT_CLEAN;
  }
  if (parsed.positionals.length === 0) return usage(env, 'name the plan file to render, such as examples/sevenoaks-alcohol-drug-strategy-2011.plan.yaml.');
  if (parsed.positionals.length > 1) return usage(env, `render takes one plan file, not ${parsed.positionals.length} ("${parsed.positionals.join('", "')}").`);
  const asOf = options['as-of'];
  if (asOf !== undefined && !isValidIsoDate(asOf)) {
    return usage(env, `--as-of needs a real date written YYYY-MM-DD, such as 2014-03-31, not "${asOf}".`);
  }
  const langOption = options.lang?.trim().toLowerCase();
  if (langOption !== undefined && !/^(en|cy)(-gb)?$/.test(langOption)) return usage(env, `--lang must be en (English) or cy (Welsh), not "${options.lang}".`);

  const input = parsed.positionals[0];
  const file = resolve(env.cwd, input);
  const shown = relative(env.cwd, file) || file;
  if (kindOfFile(file) === 'register') return fail(env, `${shown} is an agency register, not a plan: render a *.plan.yaml or *.plan.json file.`);
  const outputOption = options.output === '-' ? undefined : options.output;
  const output = outputOption === undefined ? undefined : resolve(env.cwd, outputOption);
  if (output !== undefined) {
    const problem = await outputProblem(output, file);
    if (problem) return fail(env, problem);
  }

  let text: string;
  try {
    text = await readPlankitText(file);
  } catch (error) {
    return fail(env, `cannot read ${shown}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const today: IsoDate = civilDateInLondon(env.now);
  const check = await checkFile(file, text, nodeFileHost, { asOf, today });
  const errors = check.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  if (errors.length > 0 || !check.analysis || !check.asOfBasis) {
    for (const diagnostic of errors) env.stderr.write(formatLine(shown, diagnostic) + '\n');
    const count = Math.max(errors.length, 1);
    env.stderr.write(`plankit render: ${shown} has ${count} error${count === 1 ? '' : 's'}: no report was written. Fix ${count === 1 ? 'it' : 'them'} and render again ("plankit validate ${shown}" lists every finding).\n`);
    return EXIT_ERRORS;
  }
  const lang: Lang = langOption !== undefined ? (langOption.startsWith('cy') ? 'cy' : 'en') : check.analysis.plan.lang;
  const report = renderReport(check.analysis, { lang, asOfBasis: check.asOfBasis, today });

  if (output === undefined) {
    env.stdout.write(report);
    return EXIT_CLEAN;
  }
  try {
    await writeAtomically(output, report);
  } catch (error) {
    return fail(env, `cannot write ${relative(env.cwd, output) || output}: ${describeWriteError(error)}`);
  }
  env.stderr.write(`plankit render: wrote ${relative(env.cwd, output) || output} (as at ${check.asOf}).\n`);
  return EXIT_CLEAN;
}

function usage(env: CliEnvironment, message: string): number {
  env.stderr.write(`plankit render: ${message}\n\n${USAGE}`);
  return EXIT_USAGE;
}

function fail(env: CliEnvironment, message: string): number {
  env.stderr.write(`plankit render: ${message}\n`);
  return EXIT_USAGE;
}

/** Why the report cannot go to this path, checked before any work: a folder, the plan itself, a missing folder. */
async function outputProblem(output: string, plan: string): Promise<string | undefined> {
  const info = await stat(output).catch(() => undefined);
  if (info?.isDirectory()) return `the output ${output} is a folder: name a file, such as ${join(output, 'report.html')}.`;
  const [outputReal, planReal] = await Promise.all([realpath(output).catch(() => output), realpath(plan).catch(() => plan)]);
  if (outputReal === planReal) return `the output is the plan itself (${plan}): name another file, such as report.html.`;
  const folder = await stat(dirname(output)).catch(() => undefined);
  if (!folder?.isDirectory()) return `cannot write ${output}: the folder ${dirname(output)} does not exist.`;
  return undefined;
}

function describeWriteError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOSPC') return 'the disk is full';
  if (code === 'EROFS') return 'the disk is read-only';
  if (code === 'ENOENT') return 'the folder does not exist';
  return error instanceof Error ? error.message : String(error);
}
