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
// BENCH_BROWSER_WARMUP (warm-up runs before them, default 2).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const bundleDir = join(root, 'packages', 'elements', 'dist', 'bundle');
const pagesDir = join(here, 'pages');
const mojDir = join(root, 'node_modules', '@ministryofjustice', 'frontend', 'moj', 'components', 'sortable-table');

const RUNS = Math.max(1, Number(process.env.BENCH_BROWSER_RUNS ?? 5));
const WARMUP = Math.max(0, Number(process.env.BENCH_BROWSER_WARMUP ?? 2));
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
  const table1000 = generate(1000);
  const table10000 = generate(10_000);
  const timeline = timelinePlan();
  plans.set('table-1000', JSON.stringify(table1000));
  plans.set('table-10000', JSON.stringify(table10000));
  plans.set('timeline-2000', JSON.stringify(timeline));

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
    {
      const tab = await openPage(browser, base, 'plankit.html', problems);
      longTasksSeen = await tab.evaluate(() => window.bench.longTasksSupported);
      const { first, runs } = await series(tab, 'tableRender', 'table-1000');
      await tab.context().close();
      rows.push(
        [`${thousands(first.rows)}-action table (${first.themes} themes), plan given as an object`, '', '', '', '', '', ''],
        row('  plan read, validated and checked (element state ready)', runs, first, (r) => r.checkedMs),
        row(`  first rows in the shadow DOM (${first.firstRows} rows; the rest follow by frames)`, runs, first, (r) => r.firstMs),
        row(`  all ${thousands(first.rows)} rows in the shadow DOM`, runs, first, (r) => r.allMs, { target: 100 }),
        row('  … and laid out (style and layout forced)', runs, first, (r) => r.layoutMs),
        row('  longest task meanwhile (longtask observer)', runs, first, (r) => r.longestMs, { long: true }),
        row('  longest style and layout in one frame (long-animation-frame)', runs, first, (r) => r.longestStyleAndLayoutMs, { long: true }),
      );
    }

    // 2. 10,000 actions: render with the longest task, then sort, filter, search.
    {
      const tab = await openPage(browser, base, 'plankit.html', problems);
      const arg = { name: 'table-10000', sortColumn: 'title', status: 'red', search: 'police' };
      const { first, runs } = await series(tab, 'bigTable', arg, RUNS, Math.min(WARMUP, 1));
      await tab.context().close();
      const sortOk = runs.every((r) => r.sort.ordered);
      rows.push(
        [`${thousands(first.render.rows)}-action table (${first.render.themes} themes)`, '', '', '', '', '', ''],
        row('  plan read, validated and checked (element state ready)', runs, first, (r) => r.render.checkedMs),
        row(`  first rows in the shadow DOM (${first.render.firstRows} rows)`, runs, first, (r) => r.render.firstMs),
        row(`  all ${thousands(first.render.rows)} rows in the shadow DOM`, runs, first, (r) => r.render.allMs),
        row('  … and laid out', runs, first, (r) => r.render.layoutMs),
        row('  longest task, plan given → all rows laid out', runs, first, (r) => r.render.longestMs, { long: true, target: 200 }),
        row('  longest task after the first rows (the chunks)', runs, first, (r) => r.render.longestAfterFirstMs, { long: true, target: 200 }),
        row('  longest style and layout in one frame', runs, first, (r) => r.render.longestStyleAndLayoutMs, { long: true }),
        row(`  sort by title (click → rows in the new order${sortOk ? '' : '; ORDER NOT CONFIRMED'})`, runs, first, (r) => r.sort.domMs, { target: 50 }),
        row('  … and the next frame rendered', runs, first, (r) => r.sort.renderedMs),
        row(`  filter-status="${arg.status}" (${thousands(first.statusFilter.rows)} rows left)`, runs, first, (r) => r.statusFilter.domMs, { target: 50 }),
        row('  … and the next frame rendered', runs, first, (r) => r.statusFilter.renderedMs),
        row('  filter cleared: all rows back (by frames)', runs, first, (r) => r.clear.allMs),
        row('  longest task while they come back', runs, first, (r) => r.clear.longestMs, { long: true, target: 200 }),
        row(`  search="${arg.search}", first search (${thousands(first.searchFilter.rows)} rows left)`, runs, first, (r) => r.searchFilter.domMs, { target: 50 }),
        row('  … and the next frame rendered', runs, first, (r) => r.searchFilter.renderedMs),
        row('  longest task in sort, filter or search', runs, first, (r) => Math.max(r.sort.longestMs, r.statusFilter.longestMs, r.searchFilter.longestMs), { long: true, target: 200 }),
      );
    }

    // 3. Timeline of 2,000 milestones.
    {
      const tab = await openPage(browser, base, 'plankit.html', problems);
      const { first, runs } = await series(tab, 'timelineRender', 'timeline-2000');
      await tab.context().close();
      rows.push(
        [`timeline of ${thousands(first.milestones)} milestones on ${first.actions} actions (${thousands(first.onAxis)} items on the axis, ${Object.values(first.apart).reduce((a, b) => a + b, 0)} listed apart)`, '', '', '', '', '', ''],
        row('  plan read, validated and checked (element state ready)', runs, first, (r) => r.checkedMs),
        // The element reads its axis's width as soon as it has rendered, so the items are laid out by then too.
        row('  every item in the shadow DOM (and laid out: the element measures its axis)', runs, first, (r) => r.domMs, { target: 150 }),
        row('  longest task meanwhile', runs, first, (r) => r.longestMs, { long: true }),
      );
    }

    // 4. Sorting the same 1,000 rows: MoJ's sortable table and Plankit's table, runs interleaved.
    {
      const moj = await openPage(browser, base, 'moj.html', problems);
      const plankit = await openPage(browser, base, 'plankit.html', problems);
      const mojArg = { name: 'table-1000', columnIndex: 1 };
      const plankitArg = { name: 'table-1000', columns: 'id title lead due status', column: 'title' };
      const mojRuns = [];
      const plankitRuns = [];
      for (let i = 0; i < WARMUP + RUNS; i++) {
        mojRuns.push((await series(moj, 'tableSort', mojArg, 1, 0)).first);
        plankitRuns.push((await series(plankit, 'tableSort', plankitArg, 1, 0)).first);
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
      const checked = (results) => (results.every((r) => r.ordered) ? '' : '; ORDER NOT CONFIRMED');
      rows.push(
        [`sorting the same ${thousands(mojTimed[0].rows)} rows by title (id, title, lead, due, status), one click`, '', '', '', '', '', ''],
        row(`  MoJ sortable table (moj-frontend ${mojVersion()}), plain <table>${checked(mojTimed)}`, mojTimed, mojRuns[0], (r) => r.domMs, { ratio: '1.00×' }),
        row('  … and the next frame rendered', mojTimed, mojRuns[0], (r) => r.renderedMs, { ratio: '1.00×' }),
        row(`  Plankit <plan-action-table> (sorts within each theme)${checked(plankitTimed)}`, plankitTimed, plankitRuns[0], (r) => r.domMs, { ratio: ratio(plankitDom, mojDom) }),
        row('  … and the next frame rendered', plankitTimed, plankitRuns[0], (r) => r.renderedMs, { ratio: ratio(plankitRendered, mojRendered) }),
      );
    }

    // 5. This machine's speed: the same rows as plain tables, no script.
    {
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
