import { astFromValueInSteps, toValue, type MapNode } from './ast.js';
import { CheckCache, checkPlanInSteps } from './checks.js';
import { rereadPlanFile } from './incremental.js';
import { isValidIsoDate, type IsoDate } from './dates.js';
import { sortDiagnostics, type Diagnostic } from './diagnostics.js';
import { readPlanModelInSteps, readRegisterModel, type Agency, type LocatedText, type Plan, type Register } from './model.js';
import { parseSource, type ParsedSource, type ParseOptions } from './parse.js';
import { PlanAnalysis, planCounts, type PlanCounts } from './queries.js';
import { foldName } from './similarity.js';
import { checkSchema } from './schema-check.js';
import { finish, type Stage } from './steps.js';

/** Plan files and register files. */
export type FileKind = 'plan' | 'register';

/** The kind of file a name implies: `*.agencies.yaml|yml|json` are registers, the rest plans. */
export function kindOfFile(fileName: string): FileKind {
  return /\.agencies\.(ya?ml|json)$/i.test(fileName) ? 'register' : 'plan';
}

/** Whether a file name is one Plankit reads (`*.plan.yaml|yml|json`, `*.agencies.yaml|yml|json`). */
export function isPlankitFile(fileName: string): boolean {
  return /\.(plan|agencies)\.(ya?ml|json)$/i.test(fileName);
}

/** A plan file read and checked against the schema (no date checks yet: they need an as-of date). */
export interface PlanFile {
  fileName?: string;
  source: ParsedSource;
  /** The plain value given to the schema validator. */
  value?: unknown;
  plan?: Plan;
  /** Syntax and schema findings. */
  diagnostics: Diagnostic[];
}

/** A register file read and checked against its schema. */
export interface RegisterFile {
  fileName?: string;
  source: ParsedSource;
  register?: Register;
  diagnostics: Diagnostic[];
}

/** Parses a file's text and checks that its top is a mapping; the caller then validates and models it. */
function readMapping(text: string, options: ParseOptions, notAMapping: string): { source: ParsedSource; diagnostics: Diagnostic[]; root?: MapNode } {
  const source = parseSource(text, options);
  const diagnostics = [...source.diagnostics];
  if (!source.root) return { source, diagnostics };
  if (source.root.kind !== 'map') {
    diagnostics.push({ range: source.lines.rangeOf(source.root.start, source.root.end), severity: 'error', code: 'not-a-plan', message: notAMapping });
    return { source, diagnostics };
  }
  return { source, diagnostics, root: source.root };
}

/** Reads a plan's text: syntax, schema and model, in one pass over the text. */
export function readPlanFile(text: string, options: ParseOptions = {}): PlanFile {
  return finish(readPlanFileInSteps(text, options));
}

/**
 * `readPlanFile` as a generator that pauses between its stages, for a caller that must not hold
 * the main thread for the whole reading (a web page with a plan of 10,000 actions): call `next()`
 * until it is done, yielding to the page in between. Driven to the end at once, it is `readPlanFile`.
 */
export function* readPlanFileInSteps(text: string, options: ParseOptions = {}): Generator<Stage, PlanFile, void> {
  const { source, diagnostics, root } = readMapping(text, options, 'This file does not look like a plan: a plan is a set of fields such as "title:" and "themes:", one per line.');
  const file: PlanFile = { fileName: options.fileName, source, diagnostics };
  if (!root) return file;
  yield 'parsed';
  return yield* validateAndModel(file, root);
}

/** The schema check and the model of a plan's tree, pausing between them. */
function* validateAndModel(file: PlanFile, root: MapNode): Generator<Stage, PlanFile, void> {
  file.value = toValue(root);
  file.diagnostics.push(...checkSchema('plan', file.value, root, file.source.lines));
  yield 'schema-checked';
  file.plan = yield* readPlanModelInSteps(root, file.source.lines);
  return file;
}

/** Reads a register's text: syntax, schema and model. */
export function readRegisterFile(text: string, options: ParseOptions = {}): RegisterFile {
  const { source, diagnostics, root } = readMapping(text, options, 'This file does not look like an agency register: it should have an "agencies:" list.');
  const file: RegisterFile = { fileName: options.fileName, source, diagnostics };
  if (!root) return file;
  file.diagnostics.push(...checkSchema('register', toValue(root), root, source.lines));
  file.register = readRegisterModel(root, source.lines, options.fileName);
  return file;
}

/** Where the as-of date came from. */
export type AsOfBasis = 'option' | 'plan' | 'today';

/**
 * The as-of date to report against: an explicit date (a command-line flag or setting), else the
 * plan's own `asOf` (a published update), else today, which the caller passes in: this core never
 * reads the clock.
 */
export function resolveAsOf(options: { override?: IsoDate; plan?: Plan; today: IsoDate }): { asOf: IsoDate; basis: AsOfBasis } {
  if (options.override !== undefined) {
    if (!isValidIsoDate(options.override)) throw new RangeError(`"${options.override}" is not a date written YYYY-MM-DD`);
    return { asOf: options.override, basis: 'option' };
  }
  if (options.plan?.asOf) return { asOf: options.plan.asOf, basis: 'plan' };
  return { asOf: options.today, basis: 'today' };
}

/** Options for the full check of a plan. */
export interface PlanCheckOptions {
  asOf: IsoDate;
  dueSoonDays?: number;
  /** Register files the plan uses (already read, e.g. by resolveRegisters). */
  registers?: readonly RegisterFile[];
  /** Other plans named by links, by the path as written. */
  linkedPlans?: ReadonlyMap<string, Plan>;
  /** Findings of earlier checks of the same file to reuse for unchanged items (editors). */
  cache?: CheckCache;
}

/** The result of a full check: every finding, sorted, and the analysis the front ends query. */
export interface PlanCheck {
  diagnostics: Diagnostic[];
  analysis?: PlanAnalysis;
}

/** Every finding for a plan file at an as-of date: syntax, schema and all checks. */
export function checkPlanFile(file: PlanFile, options: PlanCheckOptions): PlanCheck {
  return finish(checkPlanFileInSteps(file, options));
}

/** `checkPlanFile` as a generator that pauses now and then (see `readPlanFileInSteps`). */
export function* checkPlanFileInSteps(file: PlanFile, options: PlanCheckOptions): Generator<Stage, PlanCheck, void> {
  const diagnostics = [...file.diagnostics];
  if (!file.plan || !file.source.root) return { diagnostics: sortDiagnostics(diagnostics) };
  const registerAgencies: Agency[] = [];
  for (const register of options.registers ?? []) registerAgencies.push(...(register.register?.agencies ?? []));
  const analysis = new PlanAnalysis(file.plan, { asOf: options.asOf, dueSoonDays: options.dueSoonDays, registerAgencies });
  const found = yield* checkPlanInSteps(analysis, { root: file.source.root, lines: file.source.lines, linkedPlans: options.linkedPlans, cache: options.cache });
  for (let i = 0; i < found.length; i++) diagnostics.push(found[i]);
  // The same agency id defined with two different names (the plan and a register, or two
  // registers) is worth a word: the first definition is the one used.
  const firstById = new Map<string, Agency>();
  for (const agency of [...file.plan.agencies, ...registerAgencies]) {
    const first = firstById.get(agency.id);
    if (!first) {
      firstById.set(agency.id, agency);
      continue;
    }
    const named = (a: Agency) => a.name !== a.id;
    if (!named(first) || !named(agency) || foldName(first.name) === foldName(agency.name)) continue;
    const where = (a: Agency) => (a.source ? baseName(a.source) : 'this plan');
    const inPlan = first.source === undefined;
    const entry = file.plan.registers.find((e) => agency.source !== undefined && agency.source.endsWith(e.text.replace(/^\.\//, ''))) ?? file.plan.registers[0];
    diagnostics.push({
      range: inPlan ? first.range : (entry?.range ?? first.range),
      severity: 'warning',
      code: 'duplicate-agency',
      message: `${agency.id} is "${first.name}" in ${where(first)} but "${agency.name}" in ${where(agency)}: the first is used.`,
      data: { id: agency.id, names: [first.name, agency.name], sources: [where(first), where(agency)] },
    });
  }
  return { diagnostics: sortDiagnostics(diagnostics), analysis };
}

/** How the front end reads files: from disk (Node), over HTTP (browser) or from open editors (LSP). */
export interface FileHost {
  /** The text of a file, or an Error saying why it cannot be read. */
  readText(fileName: string): Promise<string | Error>;
  /** A path relative to another file, as written in `registers:` or `links[].plan`. */
  resolve(fromFile: string, relative: string): string;
}

/** Register files reached from a plan (directly or through other registers), read once each. */
export interface ResolvedRegisters {
  registers: RegisterFile[];
  /** Findings on the plan's own `registers:` entries (missing, invalid, circular). */
  diagnostics: Diagnostic[];
}

/**
 * Reads the register files a plan or register names, and those they name in turn. Each file is
 * read once; a register that (directly or not) includes itself is reported, never followed round.
 */
export async function resolveRegisters(fileName: string, entries: readonly LocatedText[], host: FileHost, maxFiles = 64): Promise<ResolvedRegisters> {
  const read = new Map<string, RegisterFile | Error>();
  const result: ResolvedRegisters = { registers: [], diagnostics: [] };

  const visit = async (from: string, chain: string[]): Promise<{ errors: string[]; cycles: string[][] }> => {
    const found = { errors: [] as string[], cycles: [] as string[][] };
    const file = read.get(from);
    const register = file instanceof Error ? undefined : file?.register;
    for (const entry of register?.registers ?? []) {
      const target = host.resolve(from, entry.text);
      if (chain.includes(target)) {
        found.cycles.push([...chain.slice(chain.indexOf(target)), target]);
        continue;
      }
      const inner = await load(target);
      if (inner instanceof Error) found.errors.push(`${entry.text}: ${inner.message}`);
      else {
        const nested = await visit(target, [...chain, target]);
        found.errors.push(...nested.errors);
        found.cycles.push(...nested.cycles);
      }
    }
    return found;
  };
  const load = async (target: string): Promise<RegisterFile | Error> => {
    const known = read.get(target);
    if (known) return known;
    if (read.size >= maxFiles) return new Error(`more than ${maxFiles} register files`);
    const text = await host.readText(target);
    const loaded = text instanceof Error ? text : readRegisterFile(text, { fileName: target });
    read.set(target, loaded);
    if (!(loaded instanceof Error)) result.registers.push(loaded);
    return loaded;
  };

  for (const entry of entries) {
    const target = host.resolve(fileName, entry.text);
    if (target === fileName) {
      result.diagnostics.push({ range: entry.range, severity: 'warning', code: 'register-cycle', message: `This file names itself as a register; the entry is ignored.`, data: { register: entry.text } });
      continue;
    }
    const loaded = await load(target);
    if (loaded instanceof Error) {
      result.diagnostics.push({
        range: entry.range,
        severity: 'error',
        code: 'register-not-found',
        message: `The register "${entry.text}" cannot be read: ${loaded.message}.`,
        data: { register: entry.text, resolved: target },
      });
      continue;
    }
    const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) {
      const first = errors[0];
      result.diagnostics.push({
        range: entry.range,
        severity: 'error',
        code: 'register-invalid',
        message: `The register "${entry.text}" has ${errors.length} error${errors.length === 1 ? '' : 's'}; the first, at line ${first.range.start.line + 1}: ${first.message}`,
        data: { register: entry.text, resolved: target },
      });
    }
    const nested = await visit(target, [fileName, target]);
    for (const cycle of nested.cycles) {
      result.diagnostics.push({
        range: entry.range,
        severity: 'warning',
        code: 'register-cycle',
        message: `Registers include each other in a circle (${cycle.map(baseName).join(' → ')}); each file is read once and the circle is ignored.`,
        data: { register: entry.text, cycle },
      });
    }
    for (const error of nested.errors) {
      result.diagnostics.push({ range: entry.range, severity: 'error', code: 'register-not-found', message: `A register included by "${entry.text}" cannot be read: ${error}.`, data: { register: entry.text } });
    }
  }
  return result;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Options for checking one file as a front end does. */
export interface FileCheckOptions {
  /** An as-of date that overrides the plan's own (a command-line flag or an editor setting). */
  asOf?: IsoDate;
  /** Today's date in Europe/London, from the front end: used when neither the option nor the plan gives one. */
  today: IsoDate;
  dueSoonDays?: number;
  /**
   * For editors checking the same file again and again: the last check of this file. Work it did
   * is reused where the text and settings allow (the findings are exactly those of a fresh check).
   */
  previous?: FileCheck;
  /** Keep what this check learnt for the next one (`FileCheck.reuse`); editors set it. */
  reuse?: boolean;
}

/** Everything a front end shows for one file. */
export interface FileCheck {
  kind: FileKind;
  diagnostics: Diagnostic[];
  /** For plans: the as-of date used and where it came from. */
  asOf?: IsoDate;
  asOfBasis?: AsOfBasis;
  planFile?: PlanFile;
  registerFile?: RegisterFile;
  registers: RegisterFile[];
  analysis?: PlanAnalysis;
  /** What the next check of this file can reuse (when asked for with `reuse`). */
  reuse?: CheckCache;
}

/** What a status line shows for a checked plan file: its counts, or how many errors stop it being read as a plan. */
export interface PlanStatus {
  /** Syntax and schema errors: while there are any, the plan is not counted. */
  errors: number;
  /** The first error's line (zero-based). */
  firstErrorLine?: number;
  /** The plan's counts, when it has no errors. */
  counts?: PlanCounts;
}

/** A plan file's syntax and schema errors: while there are any, the text is not read as a plan (not counted, not shown). */
function readingErrors(planFile: PlanFile): Diagnostic[] {
  return planFile.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
}

/** The status line of a checked file: undefined for a register. */
export function planStatusOf(check: Pick<FileCheck, 'planFile' | 'analysis'>): PlanStatus | undefined {
  if (!check.planFile) return undefined;
  const errors = readingErrors(check.planFile);
  if (errors.length > 0 || !check.analysis) return { errors: errors.length, firstErrorLine: errors[0]?.range.start.line };
  return { errors: 0, counts: planCounts(check.analysis) };
}

/** What a preview of a checked plan shows: the plan, or why it cannot be shown. A plain value (it goes over the wire as JSON). */
export interface PlanPreview {
  /** Syntax and schema errors: while there are any, the plan is not shown. */
  errors: number;
  /** The first error's line (zero-based) and message. */
  firstError?: { line: number; message: string };
  /** The plan to show, when the text holds one with no errors. */
  plan?: {
    /** The plan as a plain JSON value: what the elements' `.plan` property takes. */
    value: unknown;
    /** The as-of date the check reported at. */
    asOf: IsoDate;
    lang: 'en' | 'cy';
    /** The due-soon window the check used, in days. */
    dueSoonDays: number;
  };
}

/** What a preview shows of a checked file: undefined for a register. */
export function planPreviewOf(check: Pick<FileCheck, 'planFile' | 'analysis'>): PlanPreview | undefined {
  const planFile = check.planFile;
  if (!planFile) return undefined;
  const errors = readingErrors(planFile);
  if (errors.length > 0) return { errors: errors.length, firstError: { line: errors[0].range.start.line, message: errors[0].message } };
  const analysis = check.analysis;
  if (!planFile.plan || planFile.value === undefined || !analysis) return { errors: 0 };
  return { errors: 0, plan: { value: planFile.value, asOf: analysis.asOf, lang: planFile.plan.lang, dueSoonDays: analysis.dueSoonDays } };
}

/**
 * Checks one plan or register file the way every front end does: reads it, follows its register
 * files and linked plans through the host, and runs every check. The CLI and the language server
 * both call this, so they report the same diagnostics for the same file.
 */
export async function checkFile(fileName: string, text: string, host: FileHost, options: FileCheckOptions): Promise<FileCheck> {
  if (kindOfFile(fileName) === 'register') {
    const registerFile = readRegisterFile(text, { fileName });
    const resolved = await resolveRegisters(fileName, registerFile.register?.registers ?? [], host);
    return {
      kind: 'register',
      diagnostics: sortDiagnostics([...registerFile.diagnostics, ...resolved.diagnostics]),
      registerFile,
      registers: resolved.registers,
    };
  }
  const previousFile = options.previous?.kind === 'plan' && options.previous.planFile?.fileName === fileName ? options.previous.planFile : undefined;
  const planFile = (previousFile && rereadPlanFile(previousFile, text)) || readPlanFile(text, { fileName });
  const cache = options.reuse ? (options.previous?.reuse ?? new CheckCache()) : undefined;
  const { asOf, basis } = resolveAsOf({ override: options.asOf, plan: planFile.plan, today: options.today });
  const resolved = await resolveRegisters(fileName, planFile.plan?.registers ?? [], host);
  const linkedPlans = new Map<string, Plan>();
  const linkTargets = new Set<string>();
  for (const theme of planFile.plan?.themes ?? []) {
    for (const link of theme.links) if (link.plan) linkTargets.add(link.plan);
    // Indexed: a for-of allocates per step until V8 optimises this function (a first check is cold).
    for (let i = 0; i < theme.actions.length; i++) {
      const action = theme.actions[i];
      for (const link of action.links) if (link.plan) linkTargets.add(link.plan);
      for (const milestone of action.milestones) for (const link of milestone.links) if (link.plan) linkTargets.add(link.plan);
    }
  }
  for (const target of linkTargets) {
    const linkedText = await host.readText(host.resolve(fileName, target));
    if (linkedText instanceof Error) continue;
    const linked = readPlanFile(linkedText, { fileName: target });
    if (linked.plan) linkedPlans.set(target, linked.plan);
  }
  const check = checkPlanFile(planFile, { asOf, dueSoonDays: options.dueSoonDays, registers: resolved.registers, linkedPlans, cache });
  return {
    reuse: cache,
    kind: 'plan',
    diagnostics: sortDiagnostics([...check.diagnostics, ...resolved.diagnostics]),
    asOf,
    asOfBasis: basis,
    planFile,
    registers: resolved.registers,
    analysis: check.analysis,
  };
}

/**
 * Reads a plan given as a value (a parsed JSON object, e.g. from a web page's script or a
 * property) rather than text: the same schema check and model. Ranges are all at the start, as
 * there is no text to point into.
 */
export function readPlanValue(value: unknown): PlanFile {
  return finish(readPlanValueInSteps(value));
}

/** `readPlanValue` as a generator that pauses between its stages (see `readPlanFileInSteps`). */
export function* readPlanValueInSteps(value: unknown): Generator<Stage, PlanFile, void> {
  const text = '';
  const source = parseSource('{}', { format: 'json' });
  const root = yield* astFromValueInSteps(value);
  const file: PlanFile = { source: { ...source, text, root }, diagnostics: [] };
  if (root.kind !== 'map') {
    file.diagnostics.push({ range: source.lines.rangeOf(0, 0), severity: 'error', code: 'not-a-plan', message: 'This is not a plan: a plan is an object with fields such as "title" and "themes".' });
    return file;
  }
  yield 'parsed';
  return yield* validateAndModel(file, root);
}
