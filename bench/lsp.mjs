// The language-server benchmark: Plankit's server and yaml-language-server 1.25.0, each started as
// a child process and driven over stdio by the same client code (bench/lsp-client.mjs), on the same
// generated plans (bench/generate-plan.mjs) and the same schema (schemas/plan.schema.json), side by
// side in one run. Prints one table: keystroke to published diagnostics on a 2,000- and a 200-action
// plan, completion of a lead agency, a fresh process's start (spawn to the initialize answer) and
// its didOpen to first diagnostics (with, for Plankit, the check's own share from the server's trace,
// and for both the pages of memory the open touched for the first time), the server's memory, and
// the number of diagnostics each server reported (to show both really checked the file). Under the
// table: what this machine charged during the run for starting Node and for first touches of memory.
//
//   node bench/lsp.mjs                      on its own
//   const { runLspBench } = await import('./lsp.mjs'); await runLspBench();   from bench/run.mjs
//
// Environment: BENCH_LSP_KEYSTROKES (timed keystrokes per plan, default 200, after 10 warm-up ones),
// BENCH_LSP_COMPLETIONS (default 30), BENCH_LSP_OPEN_RUNS (fresh processes per server, default 5),
// BENCH_LSP_DEBUG=1 (each step's start on stderr), BENCH_LSP_CPU_PROF=<folder> (a CPU profile of
// every server process, for chrome://inspect or a profile viewer: where a server spends the time).
// Not a test: nothing here fails a build. A server that cannot start, or stops answering, gets a line
// in the table saying so, and the rest of the bench goes on.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CompletionRequest, HoverRequest } from 'vscode-languageserver-protocol/node.js';
import { liveClients, LspClient, TimeoutError } from './lsp-client.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..');
const PLANKIT_SERVER = join(repoRoot, 'language-server', 'dist', 'server.js');
const YLS_SERVER = join(repoRoot, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');
const SCHEMA_PATH = join(repoRoot, 'schemas', 'plan.schema.json');
const SCHEMA_URI = pathToFileURL(SCHEMA_PATH).href;

const positiveInt = (name, fallback) => {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
};
/**
 * 200: a p95 is then the 11th-slowest keystroke. With the 60 used before it was the 4th-slowest, and
 * three stray slow keystrokes (most of them this client's own garbage collection, since cut: see
 * lsp-client.mjs) moved it by 10–20 ms from run to run. A server that takes longer stops at
 * KEYSTROKE_BUDGET_MS.
 */
const KEYSTROKES = positiveInt('BENCH_LSP_KEYSTROKES', 200);
const WARMUP_KEYSTROKES = 10;
const COMPLETIONS = positiveInt('BENCH_LSP_COMPLETIONS', 30);
const WARMUP_COMPLETIONS = 3;
/**
 * 5: with 3, one slow process moved the median by 60 ms or more on this machine (Plankit's fresh
 * opens measured 252, 324 and 319 ms in one run; 225 to 359 ms over 15 processes in one hour).
 */
const OPEN_RUNS = positiveInt('BENCH_LSP_OPEN_RUNS', 5);
/** How long any one answer or publish may take before the server is reported as timed out. */
const TIMEOUT_MS = 30_000;
/** A pause between a keystroke's diagnostics and the next keystroke (people type; servers may tidy up after publishing). */
const TYPING_GAP_MS = 30;
/** How long after the last keystroke the memory "at rest" is read. */
const AT_REST_MS = 2_000;
/**
 * The most time the keystrokes of one server on one plan, and its completion requests, may take;
 * past it (on a busy machine) the figures so far are reported, with a note. Keeps the bench near 3 minutes.
 */
const KEYSTROKE_BUDGET_MS = 50_000;
const COMPLETION_BUDGET_MS = 15_000;
/** BENCH_LSP_CPU_PROF=<folder>: each server process writes a V8 CPU profile there (node --cpu-prof) when it exits. */
const CPU_PROF_DIR = process.env.BENCH_LSP_CPU_PROF ? resolve(process.env.BENCH_LSP_CPU_PROF) : undefined;
/** BENCH_LSP_DEBUG=1: when each step of each session starts, on stderr. */
const DEBUG = Boolean(process.env.BENCH_LSP_DEBUG);
const benchStart = performance.now();
const debug = (message) => {
  if (DEBUG) process.stderr.write(`[lsp bench ${((performance.now() - benchStart) / 1000).toFixed(1)} s] ${message}\n`);
};

/** The issue's targets (Plankit) and its figures for yaml-language-server on this kind of machine. */
const TARGETS = { keystroke2000P95: 50, keystroke200P95: 15, completionMedian: 20, open: 200, rssMb: 150 };
const ISSUE_YLS = 'issue\'s figures for yaml-language-server here: keystroke ≈ 650 ms median, ≈ 1 s p95 (2,000 actions), ≈ 250 ms (200 actions); completion ≈ 360 ms';

const SERVERS = [
  {
    key: 'plankit',
    label: 'Plankit',
    section: 'plankit',
    args: [PLANKIT_SERVER, '--stdio'],
    configuration: (section) => (section === 'plankit' ? {} : null),
  },
  {
    key: 'yls',
    label: 'yaml-language-server',
    section: 'yaml',
    args: [YLS_SERVER, '--stdio'],
    configuration: (section) => {
      switch (section) {
        case 'yaml':
          return {
            validate: true,
            completion: true,
            hover: true,
            schemas: { [SCHEMA_URI]: '*.plan.yaml' },
            format: { enable: false },
            // The network is closed: no schema store, no Kubernetes CRD store.
            schemaStore: { enable: false },
            kubernetesCRDStore: { enable: false },
          };
        case 'http':
          return { proxy: '', proxyStrictSSL: false };
        case '[yaml]':
          return { 'editor.tabSize': 2, 'editor.insertSpaces': true };
        case 'editor':
          return { tabSize: 2, insertSpaces: true, detectIndentation: false };
        default:
          return null;
      }
    },
  },
];

// ---------------------------------------------------------------------------------------------
// Plans and the keystrokes typed into them

function generate(actions) {
  const text = execFileSync(process.execPath, [join(here, 'generate-plan.mjs'), '--actions', String(actions)], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  // The generated plan names its schema in a modeline relative to the repository
  // ('../schemas/plan.schema.json'), which would not resolve from a temp folder and would override
  // the settings. Here yaml-language-server gets the schema from its `yaml.schemas` setting, as an
  // editor configured for plans does; Plankit ignores the line either way.
  const lines = text.split('\n');
  if (lines[0].startsWith('# yaml-language-server:')) lines[0] = `# Generated by bench/generate-plan.mjs --actions ${actions} for bench/lsp.mjs`;
  return lines.join('\n');
}

/** The action (its id) a line belongs to: the nearest `      - id: '…'` above it. */
function actionIdAt(lines, line) {
  for (let i = line; i >= 0; i--) {
    const match = /^ {6}- id: '?([^']+)'?$/.exec(lines[i]);
    if (match) return match[1];
  }
  return '?';
}

const WORDS = [' Sevenoaks', ' quarterly', ' Swanley', ' reviewed', ' partners', ' Tonbridge', ' agreed', ' evenings', ' Dartford', ' schools'];

/**
 * `count` one-character insertions: whole words typed at the end of action titles and update
 * texts, at places spread through the file (a golden-ratio walk, so no two are near each other).
 */
function keystrokesFor(text, count) {
  const lines = text.split('\n');
  const candidates = {
    title: [],
    update: [],
  };
  lines.forEach((line, index) => {
    // An action's title (keys of actions are indented 8) and an update's one-line text (12), plain
    // scalars that do not end in a quote, so that typing at the end keeps the YAML as it was.
    if (/^ {8}title: [^'"|>].*[^'"\s]$/.test(line)) candidates.title.push(index);
    else if (/^ {12}text: [^'"|>].*[^'"\s]$/.test(line)) candidates.update.push(index);
  });
  const keystrokes = [];
  const places = [];
  const used = new Set();
  const columns = new Map();
  for (let k = 0; keystrokes.length < count; k++) {
    const kind = k % 2 === 0 ? 'title' : 'update';
    const pool = candidates[kind].length > 0 ? candidates[kind] : candidates.title;
    if (pool.length === 0) throw new Error('the plan has no action titles to type into');
    let index = Math.floor((((0.5 + k * 0.6180339887) % 1) + 1) % 1 * pool.length);
    while (used.has(pool[index]) && used.size < pool.length) index = (index + 1) % pool.length;
    const line = pool[index];
    used.add(line);
    const word = WORDS[k % WORDS.length];
    places.push({ word, line, kind: pool === candidates.title ? 'title' : 'update', action: actionIdAt(lines, line) });
    for (const char of word) {
      if (keystrokes.length >= count) break;
      const character = columns.get(line) ?? lines[line].length;
      keystrokes.push({ line, character, char });
      columns.set(line, character + 1);
    }
  }
  return { keystrokes, places };
}

function describeKeystrokes(planLabel, { keystrokes, places }) {
  const where = places.map((p) => `'${p.word.trim()}' after the ${p.kind === 'title' ? 'title' : 'update text'} of action ${p.action} (line ${p.line + 1})`);
  return `${planLabel}: ${keystrokes.length} keystrokes (${WARMUP_KEYSTROKES} warm-up), one didChange of one character each, typing a space and a word at the end of a line: ${where.join('; ')}`;
}

/** The `lead: ` value positions of `count` actions spread through the file (actions with one agency written plainly). */
function leadPositions(text, count) {
  const lines = text.split('\n');
  const candidates = [];
  lines.forEach((line, index) => {
    if (/^ {8}lead: [A-Za-z]/.test(line)) candidates.push(index);
  });
  const positions = [];
  for (let i = 0; i < count && candidates.length > 0; i++) {
    const line = candidates[Math.floor(((i + 0.5) / count) * candidates.length)];
    positions.push({ line, character: '        lead: '.length });
  }
  return positions;
}

// ---------------------------------------------------------------------------------------------
// Figures

/** Nearest-rank percentile of numbers (q between 0 and 1). */
function percentile(values, q) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** A few words for a table cell: what went wrong, and where. */
const shortError = (error, where) => `${error instanceof TimeoutError ? `timed out after ${Math.round(TIMEOUT_MS / 1000)} s` : 'failed'} (${where})`;
const errorText = (error) => (error instanceof TimeoutError ? error.message : `failed: ${error instanceof Error ? error.message : String(error)}`).replace(/\s+/g, ' ').slice(0, 160);

function hoverText(hover) {
  if (!hover) return '';
  const contents = Array.isArray(hover.contents) ? hover.contents : [hover.contents];
  return contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
}

let profileCount = 0;
function startClient(server) {
  const profile = CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF_DIR}`, `--cpu-prof-name=${server.key}-${++profileCount}.cpuprofile`] : [];
  return new LspClient({ name: server.label, args: [...profile, ...server.args], cwd: repoRoot, configuration: server.configuration, timeoutMs: TIMEOUT_MS, exitWaitMs: CPU_PROF_DIR ? 20_000 : 3_000 });
}

/**
 * Starts a server with `folder` as its workspace and waits until it has read its settings.
 * `trace`: what initialize asks the server to trace ('off' unless a measurement reads the trace).
 */
async function startServer(server, folder, trace = 'off') {
  const client = startClient(server);
  await client.initialize({ rootUri: pathToFileURL(folder).href, trace });
  // From the spawn to the answer: what an editor waits before it can send the first document.
  client.startMs = performance.now() - client.startedAt;
  await client.waitFor(`${server.label} to ask for its settings`, () => (client.configurationRequests.includes(server.section) ? true : undefined));
  // Let it act on them (register capabilities, scan the workspace folder) before the document comes.
  await client.quiet(300);
  return client;
}

/**
 * One server on one plan, in one process: open, settle, type the keystrokes (each waits for its
 * own diagnostics), then memory, completion (optional) and the final diagnostics.
 */
async function session(server, plan, { completions }) {
  const out = { server: server.key };
  let client;
  const step = { name: 'start' };
  const stage = (name) => {
    step.name = name;
    debug(`${server.label}, ${plan.actions} actions: ${name}`);
  };
  try {
    if (server.missing) throw new Error(server.missing);
    stage('start');
    client = await startServer(server, plan.dir);
    stage('open');
    const { since, sentAt } = client.open(plan.uri, plan.text, 1);
    const first = await client.waitForPublish(plan.uri, since, 1, 'diagnostics after opening the plan');
    debug(`${server.label}, ${plan.actions} actions: first diagnostics ${(first.at - sentAt).toFixed(0)} ms after didOpen`);
    // Let anything the open set going finish (a second validation, a workspace check).
    await client.quiet(1_500);

    // The schema really applies (for yaml-language-server it comes from the yaml.schemas setting).
    stage('hover');
    const line = plan.lines.findIndex((l) => l.startsWith('partnership:'));
    const { result: hover } = await client.timedRequest(HoverRequest.type, { textDocument: { uri: plan.uri }, position: { line, character: 3 } }, 'a hover on partnership:');
    out.schemaApplied = hoverText(hover).includes(plan.partnershipDescription.slice(0, 40));

    stage('keystrokes');
    const times = [];
    const rssWhileTyping = [];
    let version = 1;
    let last = first;
    const budgetStart = performance.now();
    for (const [index, key] of plan.keys.keystrokes.entries()) {
      version += 1;
      const position = { line: key.line, character: key.character };
      const change = client.change(plan.uri, version, [{ range: { start: position, end: position }, text: key.char }]);
      last = await client.waitForPublish(plan.uri, change.since, version, `diagnostics for keystroke ${index + 1}`);
      if (index >= WARMUP_KEYSTROKES) {
        times.push(last.at - change.sentAt);
        // The server's RSS as each keystroke's diagnostics arrive: one reading depends on where V8
        // is between its full collections, so the median over the typing is reported too.
        rssWhileTyping.push(client.memory().rss);
      }
      if (times.length >= 10 && performance.now() - budgetStart > KEYSTROKE_BUDGET_MS) {
        out.keystrokeNote = `stopped after ${times.length} timed keystrokes (${Math.round(KEYSTROKE_BUDGET_MS / 1000)} s budget)`;
        break;
      }
      await new Promise((r) => setTimeout(r, TYPING_GAP_MS));
    }
    out.keystrokes = { p50: percentile(times, 0.5), p95: percentile(times, 0.95), n: times.length };
    out.memory = client.memory();
    out.memory.typingMedian = percentile(rssWhileTyping.filter(Number.isFinite), 0.5);

    // The diagnostics for the final text: the last set published once the server is quiet.
    await client.quiet(500);
    const list = client.published.get(plan.uri);
    out.finalDiagnostics = list[list.length - 1].diagnostics.length;
    out.finalPublishKb = Buffer.byteLength(JSON.stringify(list[list.length - 1].diagnostics)) / 1024;
    // What the server holds while the officer reads: two seconds after the last keystroke.
    await new Promise((resolve) => setTimeout(resolve, AT_REST_MS - 500));
    out.memoryAtRest = client.memory();

    if (completions) {
      stage('completion');
      const positions = leadPositions(plan.text, WARMUP_COMPLETIONS + COMPLETIONS);
      const ms = [];
      const completionStart = performance.now();
      for (const [index, position] of positions.entries()) {
        if (ms.length >= 10 && performance.now() - completionStart > COMPLETION_BUDGET_MS) {
          out.completionNote = `stopped after ${ms.length} timed completion requests (${Math.round(COMPLETION_BUDGET_MS / 1000)} s budget)`;
          break;
        }
        const { result, ms: took } = await client.timedRequest(
          CompletionRequest.type,
          { textDocument: { uri: plan.uri }, position, context: { triggerKind: 1 } },
          `completion request ${index + 1}`,
        );
        if (index >= WARMUP_COMPLETIONS) ms.push(took);
        if (index === WARMUP_COMPLETIONS) {
          const items = Array.isArray(result) ? result : (result?.items ?? []);
          out.completionItems = items.length;
          out.completionSample = items.slice(0, 4).map((item) => item.label);
        }
      }
      out.completion = { median: percentile(ms, 0.5), p95: percentile(ms, 0.95), n: ms.length };
    }
  } catch (error) {
    out.error = errorText(error);
    out.failedAt = step.name;
    out.short = shortError(error, step.name);
  } finally {
    await client?.close();
    debug(`${server.label}, ${plan.actions} actions: done`);
  }
  return out;
}

/**
 * didOpen to the first publishDiagnostics in a fresh process started on `folder`, after `settle`
 * (what the server is given to do before the document comes).
 */
async function timedOpen(server, plan, folder, what, settle = async () => {}) {
  let client;
  try {
    if (server.missing) throw new Error(server.missing);
    debug(`${server.label}: fresh process for didOpen (${what})`);
    // Plankit traces each check's time after its publish, so reading it costs the open nothing.
    client = await startServer(server, folder, server.key === 'plankit' ? 'verbose' : 'off');
    await settle(client);
    const faultsBefore = client.minorFaults();
    const { since, sentAt } = client.open(plan.uri, plan.text, 1);
    const first = await client.waitForPublish(plan.uri, since, 1, 'diagnostics after opening the plan');
    const faults = client.minorFaults() - faultsBefore;
    const out = { ms: first.at - sentAt, startMs: client.startMs, faults: Number.isFinite(faults) ? faults : undefined };
    if (server.key === 'plankit') {
      const traced = await client
        .waitFor("the check's line in the trace", () => client.traces.find((line) => line.startsWith('Checked ') && line.includes('(version 1)')), 5_000)
        .catch(() => undefined);
      const times = traced && / in ([0-9.]+) ms, published ([0-9.]+) ms later$/.exec(traced);
      if (times) Object.assign(out, { checkMs: Number(times[1]), publishMs: Number(times[2]) });
    }
    return out;
  } catch (error) {
    return { error: errorText(error), short: shortError(error, 'didOpen') };
  } finally {
    await client?.close();
  }
}

/** How many MB a new process touches to time the first touch of memory. */
const TOUCH_MB = 64;

/**
 * What this machine charges, at the time of the run, for two things every fresh server process
 * pays: starting Node, and touching memory for the first time. Both vary here from day to day (a
 * shared virtual machine, which gives freed memory back to its host and takes a fault to get it
 * again), and with them every fresh-process figure: printed beside the table so that runs on
 * different days can be compared. Medians of 3 (memory) and 5 (start) new processes.
 */
function machineNow() {
  const touch = [];
  const start = [];
  try {
    for (let i = 0; i < 3; i++) {
      const script = `const b = Buffer.allocUnsafeSlow(${TOUCH_MB} * 1048576); const t = performance.now(); b.fill(1); process.stdout.write(String(performance.now() - t));`;
      touch.push(Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) / TOUCH_MB);
    }
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      execFileSync(process.execPath, ['-e', '0']);
      start.push(performance.now() - t);
    }
  } catch (error) {
    return { error: errorText(error) };
  }
  return { msPerMb: percentile(touch, 0.5), nodeStartMs: percentile(start, 0.5) };
}

/** The machine's figures in words, with what the page faults of Plankit's fresh open come to at that rate. */
function describeMachine(machine, plankitFaults) {
  if (machine.error) return `This machine's start and memory costs could not be measured: ${machine.error}`;
  const perPageUs = (machine.msPerMb / 256) * 1000;
  const faultsMs = typeof plankitFaults === 'number' ? `; at that rate Plankit's ${plankitFaults.toLocaleString('en-GB')} first touches in the fresh open above come to about ${((plankitFaults * perPageUs) / 1000).toFixed(0)} ms of it` : '';
  return (
    `This machine during the run: a bare \`node -e 0\` takes ${machine.nodeStartMs.toFixed(0)} ms from spawn to exit; a new process touching ${TOUCH_MB} MB for the first time ` +
    `takes ${machine.msPerMb.toFixed(2)} ms per MB (${perPageUs.toFixed(1)} µs per 4 KB page)${faultsMs}.`
  );
}

/** didOpen of a plan the server has never seen: its workspace folder is empty. */
function openOnce(server, plan, emptyDir) {
  return timedOpen(server, plan, emptyDir, 'empty workspace');
}

/**
 * didOpen of a plan in the server's workspace folder, once the server has settled: how an officer
 * opens a plan in VS Code. Plankit has then checked it in its workspace scan (this waits for that
 * publish); yaml-language-server does not scan, and gets the same two seconds before the open.
 */
function openScanned(server, plan) {
  return timedOpen(server, plan, plan.dir, "plan's folder", async (client) => {
    if (server.key === 'plankit') await client.waitForPublish(plan.uri, 0, 0, 'the workspace scan to publish the plan');
    await client.quiet(2_000);
  });
}

// ---------------------------------------------------------------------------------------------
// The table

/** A number a server's code sets (its debounce), or '?'. */
function pauseOf(file, pattern) {
  try {
    return pattern.exec(readFileSync(file, 'utf8'))?.[1] ?? '?';
  } catch {
    return '?';
  }
}

const fmt = (value, digits = 1) => (typeof value === 'number' ? (Number.isFinite(value) ? value.toFixed(digits) : '—') : value);
const ratioOf = (a, b) => (typeof a === 'number' && typeof b === 'number' && Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(3)}×` : '—');
const judged = (value, target) => (typeof value === 'number' && Number.isFinite(value) ? `≤ ${target}: ${value <= target ? 'met' : 'not met here'}` : `≤ ${target}`);

function printTable(title, header, rows) {
  const table = [header, ...rows].map((row) => row.map((cell) => fmt(cell)));
  const widths = header.map((_, i) => Math.max(...table.map((row) => String(row[i]).length)));
  console.log(title);
  for (const [index, row] of table.entries()) {
    console.log(row.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i]))).join('  '));
    if (index === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}

// ---------------------------------------------------------------------------------------------

/** Runs the whole language-server bench and prints its table; returns the rows. Never throws for a server's failure. */
export async function runLspBench() {
  const started = performance.now();
  const tmp = realpathSync(mkdtempSync(join(tmpdir(), 'plankit-lsp-bench-')));
  const cleanup = () => {
    for (const client of [...liveClients]) client.kill();
    rmSync(tmp, { recursive: true, force: true });
  };
  process.on('exit', cleanup);
  try {
    // Plankit's server, built if it is not there yet.
    const plankit = SERVERS[0];
    if (!existsSync(PLANKIT_SERVER)) {
      try {
        execFileSync('npx', ['tsc', '-b', 'language-server'], { cwd: repoRoot, stdio: 'inherit' });
      } catch {
        /* reported below */
      }
      if (!existsSync(PLANKIT_SERVER)) plankit.missing = 'not built (npx tsc -b language-server failed)';
    }
    if (!existsSync(YLS_SERVER)) SERVERS[1].missing = 'not installed (node_modules/yaml-language-server)';

    const partnershipDescription = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')).properties.partnership.description;
    const emptyDir = join(tmp, 'empty');
    mkdirSync(emptyDir);
    const plans = {};
    for (const actions of [2000, 200]) {
      const dir = join(tmp, `plan-${actions}`);
      mkdirSync(dir);
      const file = join(dir, 'bench.plan.yaml');
      const text = generate(actions);
      writeFileSync(file, text);
      const lines = text.split('\n');
      plans[actions] = {
        actions,
        dir,
        file,
        uri: pathToFileURL(file).href,
        text,
        lines,
        sizeKb: Buffer.byteLength(text) / 1024,
        partnershipDescription,
        keys: keystrokesFor(text, WARMUP_KEYSTROKES + KEYSTROKES),
      };
    }

    // One server at a time (the machine is shared): sessions first, then the fresh-process opens.
    const results = { 2000: {}, 200: {} };
    for (const actions of [2000, 200]) {
      for (const server of SERVERS) {
        results[actions][server.key] = await session(server, plans[actions], { completions: actions === 2000 });
      }
    }
    const machine = machineNow();
    const opens = { plankit: [], yls: [] };
    const scannedOpens = { plankit: [], yls: [] };
    const smallOpens = { plankit: [], yls: [] };
    for (let run = 0; run < OPEN_RUNS; run++) {
      for (const server of SERVERS) opens[server.key].push(await openOnce(server, plans[2000], emptyDir));
      for (const server of SERVERS) scannedOpens[server.key].push(await openScanned(server, plans[2000]));
      for (const server of SERVERS) smallOpens[server.key].push(await openOnce(server, plans[200], emptyDir));
    }
    const openMedian = (list, pick = (o) => o.ms) => {
      const ok = list.filter((o) => pick(o) !== undefined).map(pick);
      return ok.length === list.length ? percentile(ok, 0.5) : list.find((o) => o.error)?.short;
    };

    // Rows: [measurement, Plankit, yaml-language-server, ratio, target].
    const rows = [];
    const noRatio = new Set();
    const cell = (result, pick) => (result.error && pick(result) === undefined ? result.short : pick(result));
    const row = (label, pick, target, targetFormat = judged, resultsFor = results[2000]) => {
      const p = cell(resultsFor.plankit, pick);
      const y = cell(resultsFor.yls, pick);
      rows.push([label, p ?? '—', y ?? '—', noRatio.has(label) ? '' : ratioOf(p, y), target === undefined ? '' : targetFormat(p, target)]);
    };
    /** A row of didOpen medians, judged against the open target. */
    const openRow = (label, runs) => {
      const p = openMedian(runs.plankit);
      const y = openMedian(runs.yls);
      rows.push([label, p, y, ratioOf(p, y), judged(p, TARGETS.open)]);
    };
    /** Each run's figure, or what went wrong. */
    const eachRun = (list) =>
      list
        .map((o) => {
          if (o.ms === undefined) return o.error;
          const inside = o.checkMs !== undefined ? ` (check ${o.checkMs.toFixed(0)}, publish ${o.publishMs.toFixed(0)})` : '';
          return `${o.ms.toFixed(0)}${inside}`;
        })
        .join(', ');
    for (const actions of [2000, 200]) {
      const plan = plans[actions];
      const res = results[actions];
      const target = actions === 2000 ? TARGETS.keystroke2000P95 : TARGETS.keystroke200P95;
      rows.push([`${actions.toLocaleString('en-GB')} actions (${plan.sizeKb.toFixed(0)} KB YAML)`, '', '', '', '']);
      row(`  keystroke → publishDiagnostics p50 ms (${KEYSTROKES} keystrokes)`, (r) => r.keystrokes?.p50, undefined, judged, res);
      row(`  keystroke → publishDiagnostics p95 ms`, (r) => r.keystrokes?.p95, target, judged, res);
      if (actions === 2000) {
        row(`  completion at an action's 'lead: ' median ms (${COMPLETIONS} requests)`, (r) => r.completion?.median, TARGETS.completionMedian, judged, res);
        row(`  completion at an action's 'lead: ' p95 ms`, (r) => r.completion?.p95, undefined, judged, res);
        row(`  completion items offered`, (r) => (r.completionItems === undefined ? undefined : String(r.completionItems)), undefined, judged, res);
        const starts = { plankit: openMedian(opens.plankit, (o) => o.startMs), yls: openMedian(opens.yls, (o) => o.startMs) };
        rows.push([`  server start: spawn → initialize answer ms (the same fresh processes, median)`, starts.plankit, starts.yls, ratioOf(starts.plankit, starts.yls), '']);
        openRow(`  didOpen → first publishDiagnostics ms (fresh process, plan not seen before, median of ${OPEN_RUNS})`, opens);
        const checkMs = openMedian(opens.plankit, (o) => o.checkMs);
        rows.push([`    of which the check itself, ms (from the server's trace; median)`, checkMs ?? '—', '—', '', '']);
        const faults = { plankit: openMedian(opens.plankit, (o) => o.faults), yls: openMedian(opens.yls, (o) => o.faults) };
        const count = (value) => (typeof value === 'number' ? value.toLocaleString('en-GB') : (value ?? '—'));
        rows.push([`    memory pages first touched in that open (minor page faults; median)`, count(faults.plankit), count(faults.yls), ratioOf(faults.plankit, faults.yls), '']);
        openRow(`  the same, plan in the workspace folder, after the server's scan (VS Code's case; median of ${OPEN_RUNS})`, scannedOpens);
        row(`  server RSS after open + keystrokes, read right after the last one, MB`, (r) => r.memory?.rss, TARGETS.rssMb, judged, res);
        row(`  server RSS while typing, median of the readings after each keystroke's diagnostics, MB`, (r) => r.memory?.typingMedian, TARGETS.rssMb, judged, res);
        row(`  server RSS at rest, ${AT_REST_MS / 1000} s after the last keystroke, MB`, (r) => r.memoryAtRest?.rss, TARGETS.rssMb, judged, res);
        row(`  server peak RSS (VmHWM) MB`, (r) => r.memory?.peak, undefined, judged, res);
      } else {
        openRow(`  didOpen → first publishDiagnostics ms (fresh process, plan not seen before, median of ${OPEN_RUNS})`, smallOpens);
      }
      row(`  diagnostics for the final text`, (r) => (r.finalDiagnostics === undefined ? undefined : String(r.finalDiagnostics)), undefined, judged, res);
      noRatio.add(`  size of that publishDiagnostics' diagnostics, KB of JSON`);
      row(`  size of that publishDiagnostics' diagnostics, KB of JSON`, (r) => r.finalPublishKb, undefined, judged, res);
      row(`  schema applied (hover on 'partnership:' shows its description)`, (r) => (r.schemaApplied === undefined ? undefined : r.schemaApplied ? 'yes' : 'NO'), undefined, judged, res);
    }

    const header = ['measurement', 'Plankit', 'yaml-language-server', 'Plankit / YLS', 'target (Plankit)'];
    console.log('');
    printTable(
      `Language servers over stdio — Node ${process.version}, yaml-language-server 1.25.0 with the plan schema from yaml.schemas; same client, plans and schema`,
      header,
      rows,
    );
    console.log(ISSUE_YLS);
    console.log(describeMachine(machine, openMedian(opens.plankit, (o) => o.faults)));
    console.log(`Each keystroke figure includes the server's own pause after a change before it checks: Plankit ${pauseOf(PLANKIT_SERVER, /DEBOUNCE_MS = (\d+)/)} ms, yaml-language-server ${pauseOf(join(repoRoot, 'node_modules', 'yaml-language-server', 'out', 'server', 'src', 'yamlSettings.js'), /validationDelayMs = (\d+)/)} ms (read from their code).`);
    for (const actions of [2000, 200]) console.log(describeKeystrokes(`${actions}-action plan`, plans[actions].keys));
    for (const actions of [2000, 200]) {
      for (const server of SERVERS) {
        const r = results[actions][server.key];
        if (r.error) console.log(`${server.label}, ${actions} actions: ${r.error} (at: ${r.failedAt})`);
        if (r.keystrokeNote) console.log(`${server.label}, ${actions} actions: ${r.keystrokeNote}`);
        if (r.completionNote) console.log(`${server.label}, ${actions} actions: ${r.completionNote}`);
      }
    }
    for (const server of SERVERS) {
      const r = results[2000][server.key];
      if (r.completionSample) console.log(`${server.label} completion at 'lead: ' offers ${r.completionItems} items, first: ${r.completionSample.map((l) => JSON.stringify(l)).join(', ')}`);
      console.log(`${server.label} didOpen → first diagnostics, each run (ms): ${eachRun(opens[server.key])}`);
      console.log(`${server.label} didOpen of a plan in the workspace folder, after the scan, each run (ms): ${eachRun(scannedOpens[server.key])}`);
      console.log(`${server.label} didOpen → first diagnostics of the 200-action plan, each run (ms): ${eachRun(smallOpens[server.key])}`);
    }
    console.log(`(language-server bench took ${((performance.now() - started) / 1000).toFixed(0)} s)`);
    return rows;
  } finally {
    process.off('exit', cleanup);
    cleanup();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const stop = (signal) => {
    for (const client of [...liveClients]) client.kill();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  runLspBench().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
