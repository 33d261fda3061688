// The browser part of `npm run bench`: Plankit's elements in headless Chromium, against the targets
// in the issue, and the MoJ sortable table (moj-frontend, from npm) sorting the same rows.
//
//   node bench/browser.mjs          prints the table on its own
//   runBrowserBench()               returns its rows (bench/run.mjs prints them with the others)
//
// A tiny static server (node:http, 127.0.0.1, a free port) serves the built bundle, MoJ's module,
// the pages in bench/pages and the generated plans. All timing is done inside the page with
// performance.now() and a PerformanceObserver for 'longtask'; this file drives the runs and reports
// medians. Not a test: nothing here fails; the machine is shared, so figures vary from run to run.
//
// Environment: CHROME_PATH (default /usr/bin/chromium), BENCH_BROWSER_RUNS (timed runs, default 5),
// BENCH_BROWSER_WARMUP (warm-up runs before them, default 2), BENCH_ONLY (a comma-separated list of the
// parts to run: table, big-table, timeline, sort, reference; default all), BENCH_TRACE (with
// BENCH_ONLY=timeline: a file to write a Chromium performance trace of one more timeline run to),
// BENCH_BUNDLE (a folder holding another build of the bundle, to measure instead of the package's).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const bundleDir = process.env.BENCH_BUNDLE ? resolve(process.env.BENCH_BUNDLE) : join(root, 'packages', 'elements', 'dist', 'bundle');
const pagesDir = join(here, 'pages');
const mojDir = join(root, 'node_modules', '@ministryofjustice', 'frontend', 'moj', 'components', 'sortable-table');

const RUNS = Math.max(1, Number(process.env.BENCH_BROWSER_RUNS ?? 5));
const WARMUP = Math.max(0, Number(process.env.BENCH_BROWSER_WARMUP ?? 2));
const PARTS = ['table', 'big-table', 'timeline', 'sort', 'reference'];
const ONLY = (process.env.BENCH_ONLY ?? '').split(',').map((part) => part.trim()).filter(Boolean);
for (const part of ONLY) if (!PARTS.includes(part)) throw new Error(`BENCH_ONLY: no part called ${part} (the parts: ${PARTS.join(', ')})`);
/** Whether a part of the bench is to run (all of them unless BENCH_ONLY names some). */
const runs = (part) => ONLY.length === 0 || ONLY.includes(part);
// --expose-gc only lets the pages collect the last run's garbage before the next run starts (never within a timing).
const CHROME_ARGS = ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--js-flags=--expose-gc'];

/** The columns of the browser table; rows from runBrowserBench() have one cell for each. */
export const BROWSER_HEADER = ['measurement (headless Chromium)', 'median ms', 'min ms', 'max ms', 'first ms', 'vs MoJ sort', 'target'];

// ---------------------------------------------------------------------------------------------
// Plans

function generate(actions) {
  const text = execFileSync(process.execPath, [join(here, 'generate-plan.mjs'), '--actions', String(actions), '--format', 'json'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(text);
}

/**
 * A plan of 2,000 milestones, shaped as the element's own test of 2,000 milestones is (100 actions
 * of 20 milestones): the generator's actions and milestones (titles, leads, dates, TBCs, statuses),
 * its first 100 actions that have milestones, each given the next 20 of its milestones in plan order.
 * Milestone ids are dropped, since they would no longer match their new actions.
 */
function timelinePlan(milestones = 2000, perAction = 20) {
  const source = generate(Math.ceil(milestones * 1.9));
  const pool = [];
  for (const theme of source.themes) for (const action of theme.actions) for (const milestone of action.milestones ?? []) pool.push(milestone);
  if (pool.length < milestones) throw new Error(`the generated plan has only ${pool.length} milestones`);
  let given = 0;
  const themes = [];
  for (const theme of source.themes) {
    if (given >= milestones) break;
    const actions = [];
    for (const action of theme.actions) {
      if (given >= milestones) break;
      if (!action.milestones?.length) continue;
      action.milestones = pool.slice(given, given + perAction).map(({ id, ...rest }) => rest);
      given += action.milestones.length;
      actions.push(action);
    }
    if (actions.length > 0) themes.push({ ...theme, actions });
  }
  return { ...source, themes };
}

function mojVersion() {
  try {
    return JSON.parse(readFileSync(join(root, 'node_modules', '@ministryofjustice', 'frontend', 'package.json'), 'utf8')).version;
  } catch {
    return '?';
  }
}

// ---------------------------------------------------------------------------------------------
// Static server

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8', '.map': 'application/json', '.json': 'application/json' };

function startServer(plans) {
  const mounts = [
    ['/plankit/', bundleDir],
    ['/pages/', pagesDir],
    ['/moj/', mojDir],
  ];
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    const send = (status, type, body) => {
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      response.end(body);
    };
    if (path === '/favicon.ico') return send(204, 'text/plain', '');
    const plan = /^\/plans\/([\w-]+)\.json$/.exec(path);
    if (plan) return plans.has(plan[1]) ? send(200, TYPES['.json'], plans.get(plan[1])) : send(404, 'text/plain', 'no such plan');
    for (const [prefix, dir] of mounts) {
      if (!path.startsWith(prefix)) continue;
      const file = resolve(dir, path.slice(prefix.length));
      if (!file.startsWith(dir + sep)) return send(403, 'text/plain', 'outside');
      try {
        return send(200, TYPES[extname(file)] ?? 'application/octet-stream', await readFile(file));
      } catch {
        return send(404, 'text/plain', 'not found');
      }
    }
    send(404, 'text/plain', 'not found');
  });
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done(server));
  });
}

// ---------------------------------------------------------------------------------------------
// Figures

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1] };
}

const verdict = (value, target) => `≤ ${target} ms: ${value <= target ? 'met' : 'not met'}`;
/** A long-task figure: 0 means the observer saw no task of 50 ms or more. */
const task = (ms) => (ms === 0 ? '< 50' : ms);
const thousands = (n) => n.toLocaleString('en-GB');

/** A row from the warm runs' values and the first (cold) run's, with an optional target. */
function row(label, runs, first, pick, { target, ratio = '', long = false } = {}) {
  const values = runs.map(pick).filter((value) => typeof value === 'number');
  // A figure the page could not take (see the notes) shows as a dash.
  if (values.length === 0) return [label, '–', '–', '–', '–', ratio, target === undefined ? '' : `≤ ${target} ms: not measured`];
  const { median, min, max } = stats(values);
  const cell = long ? task : (ms) => ms;
  const cold = pick(first);
  return [label, cell(median), cell(min), cell(max), typeof cold === 'number' ? cell(cold) : '–', ratio, target === undefined ? '' : verdict(median, target)];
}

// ---------------------------------------------------------------------------------------------
// The runs

async function openPage(browser, base, page, problems) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const tab = await context.newPage();
  tab.on('pageerror', (error) => problems.push(`${page}: ${error.message}`));
  tab.on('console', (message) => {
    if (message.type() === 'error') problems.push(`${page}: ${message.text()}`);
  });
  await tab.goto(`${base}/pages/${page}`);
  await tab.waitForFunction(() => window.benchReady === true, null, { timeout: 30_000 });
  return tab;
}

/** Runs `method(arg)` in the page WARMUP + RUNS times; the first result is the cold one. */
async function series(tab, method, arg, runs = RUNS, warmup = WARMUP) {
  const results = [];
  for (let i = 0; i < warmup + runs; i++) {
    await tab.bringToFront();
    results.push(await tab.evaluate(([name, value]) => window.bench[name](value), [method, arg]));
  }
  return { first: results[0], runs: results.slice(warmup) };
}

/**
 * Runs the browser benchmark and returns its rows (one cell per BROWSER_HEADER column; numbers are
 * milliseconds). The array also carries `heading` (a line to print above the table) and `notes`
 * (lines to print under it). Prints a line and returns [] when Chromium, Playwright or the built
 * bundle is missing.
 */
export async function runBrowserBench({ log = console.log } = {}) {
  const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    log(`\nBrowser benchmark skipped: no Chromium at ${executablePath} (set CHROME_PATH to a Chromium or Chrome binary).`);
    return [];
  }
  if (!existsSync(join(bundleDir, 'plankit.js'))) {
    log('\nBrowser benchmark skipped: the bundle is not built (run npm run build).');
    return [];
  }
  let chromium;
  try {
    ({ chromium } = await import('playwright'));
  } catch (error) {
    log(`\nBrowser benchmark skipped: Playwright could not be loaded (${error.message}).`);
    return [];
  }

  const plans = new Map();
  if (runs('table') || runs('sort') || runs('reference')) plans.set('table-1000', JSON.stringify(generate(1000)));
  if (runs('big-table') || runs('reference')) plans.set('table-10000', JSON.stringify(generate(10_000)));
  if (runs('timeline')) plans.set('timeline-2000', JSON.stringify(timelinePlan()));

  const server = await startServer(plans);
  const base = `http://127.0.0.1:${server.address().port}`;
  let browser;
  try {
    browser = await chromium.launch({ executablePath, args: CHROME_ARGS });
  } catch (error) {
    server.close();
    log(`\nBrowser benchmark skipped: Chromium at ${executablePath} did not start (${String(error.message).split('\n')[0]}).`);
    return [];
  }
  const problems = [];
  const rows = [];
  const loadAtStart = loadavg()[0];
  let longTasksSeen = true;
  const version = browser.version();
  try {
    // 1. First render of a 1,000-action table.
    if (runs('table')) {
      const tab = await openPage(browser, base, 'plankit.html', problems);
      longTasksSeen = await tab.evaluate(() => window.bench.longTasksSupported);
      // As shipped (pages of 100 rows), then with page-size="0" (every row in one table), runs interleaved.
      const paged = [];
      const whole = [];
      for (let i = 0; i < WARMUP + RUNS; i++) {
        paged.push((await series(tab, 'tableRender', { name: 'table-1000' }, 1, 0)).first);
        whole.push((await series(tab, 'tableRender', { name: 'table-1000', attributes: { 'page-size': '0' } }, 1, 0)).first);
      }
      await tab.context().close();
      const first = paged[0];
      const runs = paged.slice(WARMUP);
      const wholeFirst = whole[0];
      const wholeRuns = whole.slice(WARMUP);
      rows.push(
        [`${thousands(first.rows)}-action table (${first.themes} themes), plan given as an object, as shipped: pages of ${first.onPage} rows`, '', '', '', '', '', ''],
        row('  plan read, validated and checked (element state ready)', runs, first, (r) => r.checkedMs),
        row(`  first page in the shadow DOM (${first.onPage} of ${thousands(first.rows)} rows; the count says ${thousands(first.rows)})`, runs, first, (r) => r.allMs, { target: 100 }),
        row('  … and laid out (style and layout forced)', runs, first, (r) => r.layoutMs),
        row('  longest task meanwhile (longtask observer)', runs, first, (r) => r.longestMs, { long: true }),
        [`the same, page-size="0": all ${thousands(wholeFirst.rows)} rows in one table`, '', '', '', '', '', ''],
        row(`  first rows in the shadow DOM (${wholeFirst.firstRows} rows; the rest follow by frames)`, wholeRuns, wholeFirst, (r) => r.firstMs),
        row(`  all ${thousands(wholeFirst.rows)} rows in the shadow DOM`, wholeRuns, wholeFirst, (r) => r.allMs),
        row('  … and laid out (style and layout forced)', wholeRuns, wholeFirst, (r) => r.layoutMs),
        row('  longest task meanwhile (longtask observer)', wholeRuns, wholeFirst, (r) => r.longestMs, { long: true }),
        row('  longest style and layout in one frame (long-animation-frame)', wholeRuns, wholeFirst, (r) => r.longestStyleAndLayoutMs, { long: true }),
      );
    }

    // 2. 10,000 actions: render with the longest task, then sort, filter, search.
    if (runs('big-table')) {
      const tab = await openPage(browser, base, 'plankit.html', problems);
      const arg = { name: 'table-10000', sortColumn: 'title', status: 'red', search: 'police' };
      const { first, runs } = await series(tab, 'bigTable', arg, RUNS, Math.min(WARMUP, 1));
      await tab.context().close();
      const sortOk = runs.every((r) => r.sort.ordered);
      rows.push(
        [`${thousands(first.render.rows)}-action table (${first.render.themes} themes), as shipped: pages of ${first.render.onPage} rows`, '', '', '', '', '', ''],
        row('  plan read, validated and checked (element state ready)', runs, first, (r) => r.render.checkedMs),
        row(`  first page in the shadow DOM (${first.render.onPage} rows)`, runs, first, (r) => r.render.allMs),
        row('  … and laid out', runs, first, (r) => r.render.layoutMs),
        row('  longest task, plan given → first page laid out', runs, first, (r) => r.render.longestMs, { long: true, target: 200 }),
        row(`  Next page (click → the next ${first.render.onPage} rows${runs.every((r) => r.nextPage?.moved) ? '' : '; NOT CONFIRMED'})`, runs, first, (r) => r.nextPage?.domMs),
        row('  … and the next frame rendered', runs, first, (r) => r.nextPage?.renderedMs),
        row(`  sort by title (click → rows in the new order${sortOk ? '' : '; ORDER NOT CONFIRMED'})`, runs, first, (r) => r.sort.domMs, { target: 50 }),
        row('  … and the next frame rendered', runs, first, (r) => r.sort.renderedMs),
        row(`  filter-status="${arg.status}" (the count: ${first.statusFilter.count})`, runs, first, (r) => r.statusFilter.domMs, { target: 50 }),
        row('  … and the next frame rendered', runs, first, (r) => r.statusFilter.renderedMs),
        row('  filter cleared: the first page back', runs, first, (r) => r.clear.allMs),
        row('  longest task while they come back', runs, first, (r) => r.clear.longestMs, { long: true, target: 200 }),
        row(`  search="${arg.search}", first search (the count: ${first.searchFilter.count})`, runs, first, (r) => r.searchFilter.domMs, { target: 50 }),
        row('  … and the next frame rendered', runs, first, (r) => r.searchFilter.renderedMs),
        row('  longest task in sort, filter or search', runs, first, (r) => Math.max(r.sort.longestMs, r.statusFilter.longestMs, r.searchFilter.longestMs), { long: true, target: 200 }),
      );
    }

    // 3. Timeline of 2,000 milestones.
    if (runs('timeline')) {
      const tab = await openPage(browser, base, 'plankit.html', problems);
      const { first, runs } = await series(tab, 'timelineRender', 'timeline-2000');
      if (process.env.BENCH_TRACE && ONLY.length === 1) {
        // One more run, traced (not among the figures): where the time goes.
        await browser.startTracing(tab, { path: process.env.BENCH_TRACE, screenshots: false, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'v8.execute', 'disabled-by-default-v8.cpu_profiler'] });
        await tab.evaluate(() => window.bench.timelineRender('timeline-2000'));
        await browser.stopTracing();
      }
      await tab.context().close();
      const complete = runs.every((r) => r.onAxis === first.onAxis && r.listed === first.onAxis);
      rows.push(
        [`timeline of ${thousands(first.milestones)} milestones on ${first.actions} actions (${thousands(first.onAxis)} items on the axis, ${Object.values(first.apart).reduce((a, b) => a + b, 0)} listed apart)`, '', '', '', '', '', ''],
        row('  plan read, validated and checked (element state ready)', runs, first, (r) => r.checkedMs),
        row(`  first screen: the first items in the shadow DOM, laid out in a frame (${thousands(first.firstItems)} items)`, runs, first, (r) => r.firstMs, { target: 150 }),
        row('  longest task meanwhile', runs, first, (r) => r.longestFirstMs, { long: true }),
        row(`  every item, the lists apart and the ordered list in the shadow DOM (by chunks${complete ? '' : '; NOT ALL THERE'})`, runs, first, (r) => r.domMs),
        row('  … and laid out (what is in view: lanes and lists out of view wait, content-visibility: auto)', runs, first, (r) => r.layoutMs),
        row('  longest task after the first screen (the chunks)', runs, first, (r) => r.longestAfterFirstMs, { long: true }),
      );
    }

    // 4. Sorting the same 1,000 rows: MoJ's sortable table and Plankit's table, runs interleaved.
    if (runs('sort')) {
      const moj = await openPage(browser, base, 'moj.html', problems);
      const plankit = await openPage(browser, base, 'plankit.html', problems);
      const mojArg = { name: 'table-1000', columnIndex: 1 };
      // Like for like: every row in the DOM (page-size="0"), as MoJ's table has them; then as shipped (pages of 100).
      const plankitArg = { name: 'table-1000', columns: 'id title lead due status', column: 'title', attributes: { 'page-size': '0' } };
      const pagedArg = { ...plankitArg, attributes: {} };
      const mojRuns = [];
      const plankitRuns = [];
      const pagedRuns = [];
      for (let i = 0; i < WARMUP + RUNS; i++) {
        mojRuns.push((await series(moj, 'tableSort', mojArg, 1, 0)).first);
        plankitRuns.push((await series(plankit, 'tableSort', plankitArg, 1, 0)).first);
        pagedRuns.push((await series(plankit, 'tableSort', pagedArg, 1, 0)).first);
      }
      await moj.context().close();
      await plankit.context().close();
      const mojTimed = mojRuns.slice(WARMUP);
      const plankitTimed = plankitRuns.slice(WARMUP);
      const mojDom = stats(mojTimed.map((r) => r.domMs)).median;
      const mojRendered = stats(mojTimed.map((r) => r.renderedMs)).median;
      const ratio = (value, reference) => `${(value / reference).toFixed(2)}×`;
      const plankitDom = stats(plankitTimed.map((r) => r.domMs)).median;
      const plankitRendered = stats(plankitTimed.map((r) => r.renderedMs)).median;
      const pagedTimed = pagedRuns.slice(WARMUP);
      const pagedDom = stats(pagedTimed.map((r) => r.domMs)).median;
      const pagedRendered = stats(pagedTimed.map((r) => r.renderedMs)).median;
      const checked = (results) => (results.every((r) => r.ordered) ? '' : '; ORDER NOT CONFIRMED');
      rows.push(
        [`sorting the same ${thousands(mojTimed[0].rows)} rows by title (id, title, lead, due, status), one click`, '', '', '', '', '', ''],
        row(`  MoJ sortable table (moj-frontend ${mojVersion()}), plain <table>${checked(mojTimed)}`, mojTimed, mojRuns[0], (r) => r.domMs, { ratio: '1.00×' }),
        row('  … and the next frame rendered', mojTimed, mojRuns[0], (r) => r.renderedMs, { ratio: '1.00×' }),
        row(`  Plankit <plan-action-table page-size="0">, every row in the DOM (sorts within each theme)${checked(plankitTimed)}`, plankitTimed, plankitRuns[0], (r) => r.domMs, { ratio: ratio(plankitDom, mojDom) }),
        row('  … and the next frame rendered', plankitTimed, plankitRuns[0], (r) => r.renderedMs, { ratio: ratio(plankitRendered, mojRendered) }),
        row(`  Plankit as shipped: sorts every row, shows the first page (${pagedTimed[0].rows} rows)${checked(pagedTimed)}`, pagedTimed, pagedRuns[0], (r) => r.domMs, { ratio: ratio(pagedDom, mojDom) }),
        row('  … and the next frame rendered', pagedTimed, pagedRuns[0], (r) => r.renderedMs, { ratio: ratio(pagedRendered, mojRendered) }),
      );
    }

    // 5. This machine's speed: the same rows as plain tables, no script.
    if (runs('reference')) {
      const tab = await openPage(browser, base, 'moj.html', problems);
      const small = await series(tab, 'plainTable', 'table-1000');
      const big = await series(tab, 'plainTable', 'table-10000', RUNS, Math.min(WARMUP, 1));
      await tab.context().close();
      rows.push(
        ['reference: this machine, the same rows as a plain <table> (5 text columns, no script)', '', '', '', '', '', ''],
        row(`  ${thousands(small.first.rows)} rows: put in by innerHTML`, small.runs, small.first, (r) => r.domMs),
        row('  … and laid out', small.runs, small.first, (r) => r.layoutMs),
        row(`  ${thousands(big.first.rows)} rows: put in by innerHTML`, big.runs, big.first, (r) => r.domMs),
        row('  … and laid out', big.runs, big.first, (r) => r.layoutMs),
      );
    }
  } finally {
    await browser.close();
    server.close();
  }
  if (problems.length > 0) log(`\nBrowser bench: the pages reported ${problems.length} error(s):\n  ${problems.slice(0, 10).join('\n  ')}`);
  rows.heading =
    `Browser benchmark — headless Chromium ${version}, medians of ${RUNS} timed runs after ${WARMUP} warm-up run(s) ` +
    `(10,000 actions: after ${Math.min(WARMUP, 1)}), a fresh element each run; ` +
    `machine: ${availableParallelism()} CPUs, load average ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end`;
  rows.notes = [
    "first ms: the first run in a fresh page (nothing compiled yet). Times run from giving the element its plan (.plan = object) or from the click or property change, measured in the page with performance.now().",
    "'in the shadow DOM': when a MutationObserver sees the rows there; 'laid out': style and layout then forced by reading the element's size; 'next frame rendered': a requestAnimationFrame, then a message task after that frame.",
    "timeline 'laid out in a frame': nothing forced; a ResizeObserver on the first item reports its size after the browser's own layout of that frame.",
    "< 50: the longtask observer reports only tasks of 50 ms or more, and saw none. Targets are judged on the median; the machine is shared, so figures vary from run to run.",
  ];
  if (!longTasksSeen) rows.notes.push('THIS CHROMIUM DOES NOT REPORT LONG TASKS: the long-task figures above mean nothing.');
  return rows;
}

// `node bench/browser.mjs`: the browser table on its own.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const rows = await runBrowserBench();
  if (rows.length > 0) {
    console.log(rows.heading);
    const format = (value) => (typeof value === 'number' ? value.toFixed(1) : String(value));
    const table = [BROWSER_HEADER, ...rows].map((cells) => cells.map(format));
    const widths = BROWSER_HEADER.map((_, i) => Math.max(...table.map((cells) => cells[i].length)));
    for (const [index, cells] of table.entries()) {
      console.log(cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '));
      if (index === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
    }
    for (const note of rows.notes) console.log(note);
  }
}
