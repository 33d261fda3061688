import { existsSync, statSync } from 'node:fs';
import { basename, dirname, extname, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { AgencyIndex, checkFile, civilDateInLondon, isValidIsoDate, readRegisterFile, type Agency, type FileHost, type IsoDate } from '@plankit/core';
import { nodeFileHost, readPlankitText, UnreadableFileError } from '@plankit/core/node';
import { parse as parseYaml } from 'yaml';
import type { CliEnvironment } from '../cli.js';
import { argumentProblem, type CommandOptions } from '../arguments.js';
import { writeAtomically } from '../write-file.js';
import { buildPlan, ImportShapeError, type Mapping } from './build.js';
import { FIELDS, type Field } from './columns.js';
import { ImportReadError, readSource } from './read.js';
import { planYaml, registerYaml } from './yaml-out.js';

const EXIT_CLEAN = 0;
const EXIT_ERRORS = 1;
const EXIT_USAGE = 2;

export const IMPORT_USAGE = `Usage: plankit import FILE [options]

Turns an action plan table into a plan file (*.plan.yaml). FILE is a Word document (.docx: its
tables), an Excel workbook (.xlsx: every sheet), a .csv or .tsv file, or a web page (.html).

Options:
  --register FILE      An agency register (*.agencies.yaml) to match lead agencies and partners
                       against (by id, full name, other spellings and close spellings). May be given
                       more than once. Agencies not found go into a new register beside the plan,
                       marked for you to confirm.
  --map FILE           A mapping file (YAML) saying what each column holds, when the guess is wrong:
                         columns:
                           "Lead Agency / Officer": lead
                           "RAG": status
                         headerRow: 3          # optional, counting from 1
                       Fields: ${FIELDS.join(', ')}.
  -o, --output FILE    Where to write the plan (default: FILE with its extension changed to
                       .plan.yaml). "-" writes it to standard output.
  --as-of YYYY-MM-DD   The date the updates report to, when the update column's heading says none.
  --force              Replace the output file (and the new-agencies register) if they exist.
  -h, --help           Show this help.

What was guessed is listed on standard error and written as "# guessed:" comments in the plan.
Exit codes: 0 imported, 1 the plan made does not validate (nothing written), 2 usage error or a
file that cannot be read (nothing written).
`;

/** The options of `plankit import`. */
const IMPORT_OPTIONS = {
  register: { type: 'string', multiple: true },
  map: { type: 'string' },
  output: { type: 'string', short: 'o' },
  'as-of': { type: 'string' },
  force: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} satisfies CommandOptions;

/** `plankit import FILE [--register R]... [--map M] [-o OUT] [--as-of D] [--force]` */
export async function importCommand(args: string[], env: CliEnvironment): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, strict: true, options: IMPORT_OPTIONS });
  } catch (error) {
    env.stderr.write(`plankit import: ${argumentProblem(error, IMPORT_OPTIONS)}\n\n${IMPORT_USAGE}`);
    return EXIT_USAGE;
  }
  if (parsed.values.help) {
    env.stdout.write(IMPORT_USAGE);
    return EXIT_CLEAN;
  }
  if (parsed.positionals.length !== 1) {
    env.stderr.write(`plankit import: give one file to import${parsed.positionals.length > 1 ? ` (got ${parsed.positionals.length})` : ''}.\n\n${IMPORT_USAGE}`);
    return EXIT_USAGE;
  }
  const fail = (message: string, code = EXIT_USAGE) => {
    env.stderr.write(`plankit import: ${message}\n`);
    return code;
  };
  const input = resolve(env.cwd, parsed.positionals[0]);
  const asOf = parsed.values['as-of'];
  if (asOf !== undefined && !isValidIsoDate(asOf)) return fail(`--as-of must be a date written YYYY-MM-DD, such as 2014-03-31 (got "${asOf}").`);

  // Where the plan goes; checked before any work so that a bad -o fails fast.
  const toStdout = parsed.values.output === '-';
  const output = toStdout ? undefined : resolve(env.cwd, parsed.values.output ?? defaultOutput(parsed.positionals[0]));
  if (output) {
    if (!/\.plan\.(ya?ml)$/i.test(output)) return fail(`the output file must be named *.plan.yaml so that plankit and editors know it (got "${displayName(output, env.cwd)}").`);
    const folder = dirname(output);
    if (!existsSync(folder) || !statSync(folder).isDirectory()) return fail(`the output folder "${displayName(folder, env.cwd)}" does not exist: create it first, or write elsewhere with -o.`);
    if (existsSync(output) && !parsed.values.force) return fail(`"${displayName(output, env.cwd)}" already exists: nothing written. Use --force to replace it, or -o to write elsewhere.`);
    if (resolve(output) === input) return fail('the output file is the file being imported.');
  }

  // Registers.
  const agencies: Agency[] = [];
  const registerPaths: string[] = [];
  for (const registerName of parsed.values.register ?? []) {
    const registerPath = resolve(env.cwd, registerName);
    let text: string;
    try {
      text = await readPlankitText(registerPath);
    } catch (error) {
      return fail(`cannot read the register "${registerName}": ${error instanceof UnreadableFileError ? error.message : String(error)}.`);
    }
    const file = readRegisterFile(text, { fileName: registerPath });
    const errors = file.diagnostics.filter((d) => d.severity === 'error');
    if (!file.register || errors.length > 0) {
      return fail(`"${registerName}" is not a valid agency register${errors[0] ? ` (line ${errors[0].range.start.line + 1}: ${errors[0].message})` : ''}: check it with "plankit validate ${registerName}".`);
    }
    agencies.push(...file.register.agencies);
    registerPaths.push(registerPath);
  }
  const index = agencies.length > 0 ? new AgencyIndex(agencies) : undefined;

  // Mapping file.
  let mapping: Mapping | undefined;
  if (parsed.values.map !== undefined) {
    try {
      mapping = readMapping(await readPlankitText(resolve(env.cwd, parsed.values.map)));
    } catch (error) {
      return fail(`cannot use the mapping file "${parsed.values.map}": ${error instanceof Error ? error.message : String(error)}.`);
    }
  }

  // Read and build.
  let source;
  try {
    source = await readSource(input);
  } catch (error) {
    if (error instanceof ImportReadError) return fail(error.message);
    return fail(`"${parsed.positionals[0]}" could not be read: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}.`);
  }
  const today = civilDateInLondon(env.now);
  const planFolder = output ? dirname(output) : env.cwd;
  const planBase = output ? basename(output).replace(/\.plan\.ya?ml$/i, '') : basename(input, extname(input));
  const newRegisterPath = output ? resolve(planFolder, `${planBase}.new-agencies.agencies.yaml`) : undefined;
  let built;
  try {
    built = buildPlan(source.doc, {
      index,
      mapping,
      asOf: asOf as IsoDate | undefined,
      today,
      fallbackTitle: basename(input, extname(input)),
      registers: registerPaths.map((path) => toPosix(relative(planFolder, path))),
    });
  } catch (error) {
    if (error instanceof ImportShapeError) return fail(`"${parsed.positionals[0]}": ${error.message}`);
    throw error;
  }
  const sourceName = basename(input);
  let registerText: string | undefined;
  if (built.unknown.size > 0 && newRegisterPath) {
    registerText = registerYaml(built.unknown, sourceName, basename(output!));
    const list = (built.plan.registers as string[] | undefined) ?? [];
    list.push(basename(newRegisterPath));
    // Keep the key order: registers before footnotes and themes.
    const { themes, footnotes, ...rest } = built.plan;
    built.plan = { ...rest, registers: list, ...(footnotes ? { footnotes } : {}), themes };
  }
  const header = [
    'yaml-language-server: $schema=https://plankit.dev/schemas/plan.schema.json',
    `Imported by plankit import from ${sourceName}. Every cell's text is kept as written; lines marked`,
    '"guessed:" say where the importer had to decide something: check them, then delete the comments.',
  ];
  const planText = planYaml(built.plan, built.guesses, header);

  // The plan must validate before anything is written.
  if (newRegisterPath && registerText !== undefined && existsSync(newRegisterPath) && !parsed.values.force) {
    return fail(`"${displayName(newRegisterPath, env.cwd)}" already exists: nothing written. Use --force to replace it (and the plan), or -o to write elsewhere.`);
  }
  const host: FileHost = {
    async readText(fileName) {
      if (newRegisterPath && registerText !== undefined && resolve(fileName) === newRegisterPath) return registerText;
      return nodeFileHost.readText(fileName);
    },
    resolve: nodeFileHost.resolve,
  };
  const planPath = output ?? resolve(planFolder, `${planBase}.plan.yaml`);
  const check = await checkFile(planPath, planText, host, { today });
  const errors = check.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    env.stderr.write(`plankit import: the plan made from "${parsed.positionals[0]}" does not validate, so nothing was written:\n`);
    for (const error of errors.slice(0, 20)) env.stderr.write(`  line ${error.range.start.line + 1}: ${error.message}\n`);
    return EXIT_ERRORS;
  }

  // Write: each file to a temporary file in the same folder, then renamed over the target.
  if (!output) {
    env.stdout.write(planText);
  } else {
    try {
      if (registerText !== undefined && newRegisterPath) await writeAtomically(newRegisterPath, registerText);
      await writeAtomically(output, planText);
    } catch (error) {
      return fail(`could not write "${displayName(output, env.cwd)}": ${error instanceof Error ? error.message : String(error)}. Nothing was replaced.`);
    }
  }
  reportSummary(env, built, parsed.positionals[0], output ? displayName(output, env.cwd) : 'standard output', newRegisterPath && registerText !== undefined ? displayName(newRegisterPath, env.cwd) : undefined, source.doc.notes);
  return EXIT_CLEAN;
}

function defaultOutput(input: string): string {
  return input.slice(0, input.length - extname(input).length) + '.plan.yaml';
}

function displayName(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') ? rel : path;
}

function toPosix(path: string): string {
  return path.split(sep).join('/');
}

function readMapping(text: string): Mapping {
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (error) {
    throw new Error(`it is not valid YAML (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('it should be a YAML mapping with "columns:" (heading: field)');
  const raw = value as Record<string, unknown>;
  const mapping: Mapping = {};
  if (raw.columns !== undefined) {
    if (!raw.columns || typeof raw.columns !== 'object' || Array.isArray(raw.columns)) throw new Error('"columns" should map each column heading to a field');
    mapping.columns = {};
    for (const [heading, field] of Object.entries(raw.columns as Record<string, unknown>)) {
      if (typeof field !== 'string' || !FIELDS.includes(field as Field)) throw new Error(`column "${heading}": "${String(field)}" is not a field; use one of ${FIELDS.join(', ')}`);
      mapping.columns[heading] = field as Field;
    }
  }
  if (raw.headerRow !== undefined) {
    if (typeof raw.headerRow !== 'number' || !Number.isInteger(raw.headerRow) || raw.headerRow < 1) throw new Error('"headerRow" should be a row number, counting from 1');
    mapping.headerRow = raw.headerRow;
  }
  if (raw.tables !== undefined) {
    if (!Array.isArray(raw.tables)) throw new Error('"tables" should be a list of sheet names or table numbers');
    mapping.tables = raw.tables as (string | number)[];
  }
  if (raw.asOf !== undefined) {
    const asOf = raw.asOf instanceof Date ? raw.asOf.toISOString().slice(0, 10) : String(raw.asOf);
    if (!isValidIsoDate(asOf)) throw new Error('"asOf" should be a date written YYYY-MM-DD');
    mapping.asOf = asOf;
  }
  const unknownKeys = Object.keys(raw).filter((key) => !['columns', 'headerRow', 'tables', 'asOf'].includes(key));
  if (unknownKeys.length > 0) throw new Error(`unknown setting${unknownKeys.length > 1 ? 's' : ''} ${unknownKeys.map((key) => `"${key}"`).join(', ')} (known: columns, headerRow, tables, asOf)`);
  return mapping;
}

function reportSummary(env: CliEnvironment, built: ReturnType<typeof buildPlan>, input: string, output: string, register: string | undefined, notes: string[]): void {
  const s = built.stats;
  const lines = [
    `plankit import: ${input} -> ${output}: ${s.themes} theme${s.themes === 1 ? '' : 's'}, ${s.actions} action${s.actions === 1 ? '' : 's'}, ${s.milestones} milestone${s.milestones === 1 ? '' : 's'} from ${s.tables} table${s.tables === 1 ? '' : 's'}.`,
  ];
  if (s.repeatedHeaders > 0) lines.push(`  ${s.repeatedHeaders} repeated header row${s.repeatedHeaders === 1 ? '' : 's'} (page breaks) skipped.`);
  if (s.continuationRows > 0) lines.push(`  ${s.continuationRows} continuation row${s.continuationRows === 1 ? '' : 's'} joined to the row above.`);
  if (s.skippedTables > 0) lines.push(`  ${s.skippedTables} table${s.skippedTables === 1 ? '' : 's'} without plan columns kept as text in the summary.`);
  if (register) lines.push(`  ${built.unknown.size} agenc${built.unknown.size === 1 ? 'y' : 'ies'} not in the register written to ${register}: confirm them.`);
  for (const note of notes) lines.push(`  note: ${note}`);
  if (built.guesses.length > 0) {
    lines.push(`  ${built.guesses.length} guess${built.guesses.length === 1 ? '' : 'es'} (also "# guessed:" comments in the plan):`);
    for (const guess of built.guesses) lines.push(`    ${formatPath(guess.path)}: ${guess.message.replace(/\s*\n\s*/g, ' / ')}`);
  }
  env.stderr.write(`${lines.join('\n')}\n`);
}

function formatPath(path: (string | number)[]): string {
  return path.map((step, i) => (typeof step === 'number' ? `[${step}]` : i === 0 ? step : `.${step}`)).join('');
}
