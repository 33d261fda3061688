import {
  checkPlanFileInSteps,
  civilDateInLondon,
  formatOf,
  isValidIsoDate,
  loadSchemaReporter,
  readPlanFileInSteps,
  readPlanValueInSteps,
  resolveAsOf,
  resolveRegisters,
  type FileHost,
  type RegisterFile,
  type AsOfBasis,
  type Diagnostic,
  type IsoDate,
  type Plan,
  type PlanAnalysis,
  type PlanFile,
} from '@plankit/core/lite';
import { loadFormatReader } from './format-readers.js';

import { IDLE, type PlanErrorKind, type PlanInput, type PlanState } from './plan-state.js';

/** Today's date in Europe/London: the front end's job, never the core's. */
export function today(): IsoDate {
  return civilDateInLondon(new Date());
}

let yamlSupport: Promise<unknown> | undefined;

/** Loads the full YAML reader (a separate chunk) the first time a YAML plan is met. */
function loadYamlSupport(): Promise<unknown> {
  yamlSupport ??= import('@plankit/core/yaml');
  return yamlSupport;
}

/** Whether text or a URL is YAML rather than JSON. */
function isYaml(input: PlanInput, contentType?: string | null): boolean {
  if (input.format) return input.format === 'yaml';
  if (contentType && /json/i.test(contentType)) return false;
  if (contentType && /yaml/i.test(contentType)) return true;
  if (input.src) return formatOf(new URL(input.src, 'http://x/').pathname) === 'yaml';
  return !(input.text ?? '').trimStart().startsWith('{');
}

/**
 * Loads, reads and checks a plan, never throwing: every failure (network, HTTP status, bad
 * JSON/YAML, a plan that does not fit the format) becomes an error state with a message.
 */
export async function loadPlanState(input: PlanInput, options: { asOf?: string; signal?: AbortSignal } = {}): Promise<PlanState> {
  let file: PlanFile;
  let source: string | undefined;
  const pace = pacer(options.signal);
  try {
    if (input.value !== undefined) {
      const value = input.value;
      // The core reads a value as JSON.
      if (!(await readerLoaded('json'))) return readerMissing('json');
      file = await readWithChunks(() => readPlanValueInSteps(value), pace);
    } else {
      let text = input.text;
      let contentType: string | null | undefined;
      if (text === undefined && input.src) {
        source = input.src;
        // The reader the file name implies is fetched beside the plan, not after it.
        void readerLoaded(isYaml({ src: input.src, format: input.format }) ? 'yaml' : 'json');
        let response: Response;
        try {
          response = await fetch(input.src, { signal: options.signal, credentials: 'same-origin' });
        } catch (error) {
          if ((error as Error)?.name === 'AbortError') throw error;
          return errorState('network', `The plan could not be loaded from ${input.src}: the network request failed.`, source);
        }
        if (!response.ok) {
          return { ...errorState('http', `The plan could not be loaded from ${input.src}: the server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.`, source), error: { kind: 'http', status: response.status, message: `The plan could not be loaded from ${input.src}: the server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.` } };
        }
        contentType = response.headers.get('content-type');
        text = await response.text();
      }
      if (text === undefined) return IDLE;
      if (text.trim() === '') return errorState('empty', 'The plan file is empty.', source);
      const format = isYaml(input, contentType) ? 'yaml' : 'json';
      if (!(await readerLoaded(format))) return readerMissing(format, source);
      file = await readWithChunks(() => readPlanFileInSteps(text, { format }), pace);
    }
  } catch (error) {
    if ((error as Error)?.name === 'AbortError') throw error;
    return errorState('syntax', `The plan could not be read: ${(error as Error)?.message ?? String(error)}`, source);
  }
  const problems = file.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  if (!file.plan || problems.length > 0) {
    const first = problems[0];
    const syntax = first && /syntax|file-|duplicate-key|not-a-plan/.test(first.code);
    const where = first && first.range.start.line + first.range.start.character > 0 ? ` (line ${first.range.start.line + 1})` : '';
    const message = first
      ? `${syntax ? 'The plan file cannot be read' : 'The plan does not fit the plan format'}${where}: ${first.message}${problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length === 2 ? '' : 's'})` : ''}`
      : 'The file does not hold a plan.';
    return errorState(syntax ? 'syntax' : 'invalid', message, source, file.diagnostics);
  }
  const override = options.asOf && isValidIsoDate(options.asOf) ? options.asOf : undefined;
  const { asOf, basis } = resolveAsOf({ override, plan: file.plan, today: today() });
  // Agency registers named by the plan are fetched relative to the plan's URL, as files are on disk.
  let registers: RegisterFile[] = [];
  if (file.plan.registers.length > 0 && source) {
    const base = new URL(source, globalThis.location?.href ?? 'http://localhost/').href;
    registers = (await resolveRegisters(base, file.plan.registers, fetchHost(options.signal))).registers;
    if (registers.some(needsFullReader)) {
      await loadYamlSupport();
      registers = (await resolveRegisters(base, file.plan.registers, fetchHost(options.signal))).registers;
    }
  }
  // The model (the reading's last stage) and the first checks are not one task.
  await pace.pause();
  const check = await runPaced(checkPlanFileInSteps(file, { asOf, registers }), pace);
  return { status: 'ready', plan: file.plan, analysis: check.analysis, diagnostics: check.diagnostics, asOf, asOfBasis: basis, source };
}

/**
 * Reads a plan, then again with whatever the first reading found missing: the fast reader reads
 * the block YAML plans use, so the full YAML reader (a separate chunk) is fetched only for YAML it
 * declines, and the wording of schema errors only for a plan that fails the schema. A plan the
 * full reader reads may then fail the schema, hence at most two rounds.
 */
async function readWithChunks(read: () => Generator<unknown, PlanFile, void>, pace: Pacer): Promise<PlanFile> {
  let file = await runPaced(read(), pace);
  for (let round = 0; round < 2 && (needsFullReader(file) || unexplained(file)); round++) {
    await Promise.all([needsFullReader(file) && loadYamlSupport(), unexplained(file) && loadSchemaReporter()]);
    file = await runPaced(read(), pace);
  }
  return file;
}

/** Runs the core's stepwise reading or check, offering the page a turn between its stages. */
async function runPaced<T>(steps: Generator<unknown, T, void>, pace: Pacer): Promise<T> {
  pace.restart();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await pace.pause();
  }
}

/**
 * A long plan takes hundreds of milliseconds to read and check (10,000 actions: several stages of
 * about 100 ms each). Between stages the page gets a turn (input, painting) once the work since the
 * last turn has held the main thread for longer than a frame; a small plan is read in one go, with
 * no turn given away. A load that is abandoned meanwhile (a new src or plan) stops at its next turn.
 */
interface Pacer {
  /** Starts timing the work from now (after waiting for the network, say). */
  restart(): void;
  /** Gives the page a turn if the work since the last turn (or restart) took longer than a frame. */
  pause(): Promise<void>;
}
const TURN_MS = 16;
function pacer(signal?: AbortSignal): Pacer {
  let since = performance.now();
  return {
    restart() {
      since = performance.now();
    },
    async pause() {
      if (performance.now() - since < TURN_MS) return;
      await yieldToPage();
      signal?.throwIfAborted();
      since = performance.now();
    },
  };
}

/** Lets the browser run what is waiting (scheduler.yield where there is one: the rest of this work keeps its place). */
function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Whether the text is YAML that only the full reader (not yet loaded) can read. */
function needsFullReader(file: { diagnostics: readonly Diagnostic[] }): boolean {
  return file.diagnostics.some((diagnostic) => diagnostic.data?.needsFullReader === true);
}

/** Whether the schema check failed before the reporter that words its errors was loaded. */
function unexplained(file: { diagnostics: readonly Diagnostic[] }): boolean {
  return file.diagnostics.some((diagnostic) => diagnostic.data?.unexplained === true);
}

/**
 * Loads the reader for a format (a separate chunk in the one-script bundle), answering whether it
 * is there; a failure is answered once per format and tried again next time.
 */
const readers = new Map<'json' | 'yaml', Promise<boolean>>();
function readerLoaded(format: 'json' | 'yaml'): Promise<boolean> {
  let loaded = readers.get(format);
  if (!loaded) {
    loaded = loadFormatReader(format).then(
      () => true,
      () => (readers.delete(format), false),
    );
    readers.set(format, loaded);
  }
  return loaded;
}

function readerMissing(format: 'json' | 'yaml', source?: string): PlanState {
  return errorState('network', `The plan could not be read: the code that reads ${format === 'json' ? 'JSON' : 'YAML'} could not be loaded (the network request failed).`, source);
}

/** Reads register files over HTTP, relative to the file that names them. */
function fetchHost(signal?: AbortSignal): FileHost {
  return {
    async readText(url) {
      try {
        const response = await fetch(url, { signal, credentials: 'same-origin' });
        if (!response.ok) return new Error(`the server answered ${response.status}`);
        const text = await response.text();
        // The core reads it next, in the format its name implies.
        if (!(await readerLoaded(formatOf(url)))) return new Error(`the code that reads ${formatOf(url) === 'json' ? 'JSON' : 'YAML'} could not be loaded`);
        return text;
      } catch (error) {
        if ((error as Error)?.name === 'AbortError') throw error;
        return new Error('the network request failed');
      }
    },
    resolve(fromFile, relative) {
      return new URL(relative, fromFile).href;
    },
  };
}

function errorState(kind: PlanErrorKind, message: string, source?: string, diagnostics: Diagnostic[] = []): PlanState {
  return { status: 'error', error: { kind, message }, diagnostics, source };
}
