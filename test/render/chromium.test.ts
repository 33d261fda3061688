import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AS_OF, EXAMPLES, examplePath, renderFile, root, writeTempPlan } from './helpers.js';
import { hostilePlan } from './hostile.js';
import { countPdfPages } from './pdf.js';

/**
 * The rendered reports in Chromium: read with JavaScript off, checked with axe (WCAG 2.2 AA), and
 * printed to PDF with the page count checked against the layout.
 */
function chromiumPath(): string | undefined {
  for (const candidate of [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  return undefined;
}

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const axeSource = readFileSync(join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** A4 less the report's @page margins (12 mm each side, 15 mm top and bottom), in CSS pixels. */
const MM = 96 / 25.4;
const PAGE_CONTENT_WIDTH = Math.floor((210 - 24) * MM);
const PAGE_CONTENT_HEIGHT = Math.floor((297 - 30) * MM);

let browser: Browser;
let noScript: BrowserContext;
let withScript: BrowserContext;
let dir: string;

beforeAll(async () => {
  const executablePath = chromiumPath();
  expect(executablePath, 'Chromium is needed: install Debian’s chromium or set CHROME_PATH').toBeDefined();
  browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--disable-background-networking'] });
  // Readers' view: JavaScript off, to prove the report needs none.
  noScript = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1024, height: 900 } });
  // axe is a script: it runs in a second context, with the report's CSP bypassed so that it can be injected.
  withScript = await browser.newContext({ javaScriptEnabled: true, bypassCSP: true, viewport: { width: 1024, height: 900 } });
  dir = mkdtempSync(join(tmpdir(), 'plankit-render-chromium-'));
});

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Opens a report from a file, recording every request the page makes. */
async function open(context: BrowserContext, file: string): Promise<{ page: Page; requests: string[] }> {
  const page = await context.newPage();
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return { page, requests };
}

async function write(name: string, html: string): Promise<string> {
  const file = join(dir, `${name}.html`);
  writeFileSync(file, html);
  return file;
}

interface AxeResult {
  violations: { id: string; impact: string; help: string; nodes: { target: string[]; failureSummary?: string }[] }[];
  passes: unknown[];
}

async function runAxe(file: string): Promise<AxeResult> {
  const { page } = await open(withScript, file);
  await page.addScriptTag({ content: axeSource });
  const result = (await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run(context: Document, options: unknown): Promise<AxeResult> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return { violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target, failureSummary: n.failureSummary })) })), passes: r.passes };
  }, AXE_TAGS)) as AxeResult;
  await page.close();
  return result;
}

/**
 * The page count the layout gives. The report is laid out in print media at the page's content
 * width, and its pages are then counted the way the print CSS asks: a new page at each theme and at
 * the timeline; blocks kept whole (an action's rows, a list item, a heading with what follows)
 * moved to the next page when they do not fit on this one (split only when taller than a page);
 * other content (text) flows on; each page a table runs on to starts with its header again.
 * `min` is the hard floor: each part takes at least ceil(its height / page height) pages.
 */
async function pageBounds(page: Page): Promise<{ min: number; simulated: number }> {
  await page.setViewportSize({ width: PAGE_CONTENT_WIDTH, height: PAGE_CONTENT_HEIGHT });
  await page.emulateMedia({ media: 'print' });
  const parts = await page.evaluate(() => {
    interface Block {
      top: number;
      height: number;
      heading: boolean;
      table: number;
      head: number;
      children: Block[];
    }
    const y = (element: Element) => element.getBoundingClientRect().top + window.scrollY;
    const starts = [...document.querySelectorAll('section.theme, section.timeline')].map(y);
    const body = document.body.getBoundingClientRect();
    const edges = [body.top + window.scrollY, ...starts, body.bottom + window.scrollY];
    // What the print CSS keeps whole (break-inside: avoid), and headings (break-after: avoid).
    const keptSelector = 'tbody.action, tr, .milestones > li, .updates > li, .timeline-list > li, .facts > div, h2, h3, h4, caption';
    const tables = [...document.querySelectorAll('table')];
    const blockOf = (element: Element): Block => {
      const rect = element.getBoundingClientRect();
      const table = element.closest('table');
      return {
        top: rect.top + window.scrollY,
        height: rect.height,
        heading: /^(H2|H3|H4|CAPTION)$/.test(element.tagName),
        table: table ? tables.indexOf(table) : -1,
        head: table?.querySelector('thead')?.getBoundingClientRect().height ?? 0,
        children: [...element.querySelectorAll(keptSelector)].filter((inner) => inner.parentElement?.closest(keptSelector) === element).map(blockOf),
      };
    };
    const outer = [...document.querySelectorAll(keptSelector)].filter((element) => !element.parentElement?.closest(keptSelector)).map(blockOf);
    return edges.slice(0, -1).map((start, index) => ({ start, end: edges[index + 1], blocks: outer.filter((block) => block.top >= start && block.top < edges[index + 1]) }));
  });
  await page.emulateMedia({ media: 'screen' });
  type Block = (typeof parts)[number]['blocks'][number];
  const H = PAGE_CONTENT_HEIGHT;
  let min = 0;
  let simulated = 0;
  for (const part of parts) {
    min += Math.max(1, Math.ceil((part.end - part.start) / H));
    let pages = 1;
    let used = 0;
    const flow = (height: number) => {
      used += height;
      while (used > H) {
        pages++;
        used -= H;
      }
    };
    const place = (blocks: Block[], from: number, to: number) => {
      let at = from;
      blocks.forEach((block, index) => {
        flow(Math.max(0, block.top - at));
        const next = blocks[index + 1];
        // A heading goes with what follows it.
        const needed = block.heading && next ? next.top + Math.min(next.height, H / 4) - block.top : block.height;
        const room = H - (block.table >= 0 ? block.head : 0);
        if (used + needed > H && used > 0 && needed <= room) {
          pages++;
          used = block.table >= 0 ? block.head : 0;
        }
        if (block.height > room && block.children.length > 0) place(block.children, block.top, block.top + block.height);
        else flow(block.height);
        at = block.top + block.height;
      });
      flow(Math.max(0, to - at));
    };
    place(part.blocks, part.start, part.end);
    simulated += pages;
  }
  return { min, simulated };
}

const pageCounts: Record<string, number> = {};
const bounds_log: string[] = [];

describe.each(EXAMPLES)('%s in Chromium', (name) => {
  for (const lang of ['en', 'cy'] as const) {
    describe(lang === 'en' ? 'English' : 'Welsh', () => {
      let file: string;
      let themes = 0;

      beforeAll(async () => {
        const { html, check } = await renderFile(examplePath(name), { asOf: AS_OF, lang });
        themes = check.analysis!.plan.themes.length;
        file = await write(`${name}.${lang}`, html);
      });

      it('reads with JavaScript off and makes no request but the page itself', async () => {
        const { page, requests } = await open(noScript, file);
        // The page's scripting is off (the test's own evaluation runs apart from the page's).
        expect(await page.evaluate(() => matchMedia('(scripting: none)').matches)).toBe(true);
        expect(requests).toEqual([pathToFileURL(file).href]);
        await expect(page.locator('h1').textContent()).resolves.toBeTruthy();
        const tables = page.getByRole('table');
        expect(await tables.count()).toBeGreaterThanOrEqual(2);
        expect(await page.locator('html').getAttribute('lang')).toBe(lang);
        expect(await page.locator('script, iframe, img, object, embed, link').count()).toBe(0);
        await page.close();
      });

      it('has no axe violations (WCAG 2.0, 2.1 and 2.2, A and AA)', async () => {
        const result = await runAxe(file);
        expect(result.violations, JSON.stringify(result.violations, null, 2)).toEqual([]);
      });

      it('prints: each theme on a new page, table headers repeated, and a page count the layout allows', async () => {
        const { page } = await open(withScript, file);
        await page.emulateMedia({ media: 'print' });
        const layout = await page.evaluate(() => ({
          theads: [...document.querySelectorAll('thead')].map((head) => getComputedStyle(head).display),
          themeBreaks: [...document.querySelectorAll('section.theme, section.timeline')].map((section) => getComputedStyle(section).breakBefore),
          actionBreaks: [...document.querySelectorAll('tbody.action')].map((body) => getComputedStyle(body).breakInside),
          contentsShown: getComputedStyle(document.querySelector('nav.contents')!).display,
        }));
        expect(new Set(layout.theads)).toEqual(new Set(['table-header-group']));
        expect(layout.themeBreaks).toHaveLength(themes + 1);
        expect(new Set(layout.themeBreaks)).toEqual(new Set(['page']));
        expect(new Set(layout.actionBreaks.length > 0 ? layout.actionBreaks : ['avoid'])).toEqual(new Set(['avoid']));
        expect(layout.contentsShown).toBe('none');
        await page.emulateMedia({ media: 'screen' });

        const bounds = await pageBounds(page);
        await page.emulateMedia({ media: 'print' });
        const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
        const pages = countPdfPages(pdf);
        pageCounts[`${name} (${lang})`] = pages;
        bounds_log.push(`${name} ${lang}: ${pages} pages; at least ${bounds.min}; layout gives ${bounds.simulated}`);
        // The opening pages, one or more pages per theme, and the timeline and notes.
        expect(pages).toBeGreaterThanOrEqual(themes + 2);
        expect(pages, JSON.stringify(bounds)).toBeGreaterThanOrEqual(bounds.min);
        // Within one page of the count the layout gives (line-level breaking, widows and orphans
        // can move one more line or block on to a new page).
        expect(Math.abs(pages - bounds.simulated), JSON.stringify(bounds)).toBeLessThanOrEqual(1);
        await page.close();
      });
    });
  }
});

describe('a hostile plan in Chromium', () => {
  it('runs nothing and loads nothing: every payload is text', async () => {
    const { plan, used } = hostilePlan(3);
    const { html } = await renderFile(writeTempPlan(plan), { allowErrors: true });
    const file = await write('hostile', html);
    // JavaScript on, the CSP honoured: if anything could run, it would here.
    const context = await browser.newContext({ javaScriptEnabled: true });
    const page = await context.newPage();
    const dialogs: string[] = [];
    const requests: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    await page.waitForTimeout(200);
    await page.mouse.move(200, 200);
    const found = await page.evaluate(() => ({
      elements: document.querySelectorAll('script, iframe, img, object, embed, form, base, link, input, video, math, details').length,
      handlers: [...document.querySelectorAll('*')].flatMap((element) => [...element.attributes].filter((attr) => /^on/i.test(attr.name)).map((attr) => attr.name)),
      javascriptLinks: [...document.querySelectorAll('a[href]')].filter((a) => !/^(https?:|mailto:|#)/.test(a.getAttribute('href')!)).length,
      text: document.body.textContent ?? '',
    }));
    expect(dialogs).toEqual([]);
    expect(requests).toEqual([pathToFileURL(file).href]);
    expect(found.elements).toBe(0);
    expect(found.handlers).toEqual([]);
    expect(found.javascriptLinks).toBe(0);
    for (const payload of used) expect(found.text).toContain(payload);
    await context.close();
  });
});

afterAll(() => {
  // The page counts, for the record (the assertions above are bounds derived from the layout).
  if (bounds_log.length > 0) console.log(`PDF pages (bounds from the layout):\n${bounds_log.join("\n")}`);
});
