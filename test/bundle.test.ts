/**
 * The one-script bundle (packages/elements/dist/bundle, built by `npm run build`) in a real
 * Chromium, for what its build does to make pages download less:
 * - each of the core's text readers is a chunk of its own, fetched for a plan of its format only
 *   (vite.config.ts, `lazyFormatReaders`), and every finding reads the same;
 * - the validity check comes with the core, and the validator that words schema errors only for a
 *   plan that does not fit, with the same wording as the core everywhere else;
 * - the CSS in the elements' `css` templates is sent without comments or spare white space
 *   (`minifyCss`), and the browser reads it exactly as it reads the source.
 * Needs the bundle and a Chromium (CHROME_PATH, else /usr/bin/chromium): either missing is a failure.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPlanFile, readPlanFile, resolveRegisters, type FileHost } from '../packages/core/src/files.js';
import { cssTemplates, minifyCss } from '../packages/elements/vite.config.js';
// @ts-ignore: a plain JavaScript module (the demo server) without type declarations
import { startServer } from '../demo/server.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUNDLE_DIR = path.join(repo, 'packages', 'elements', 'dist', 'bundle');
const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const CHROME_ARGS = ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

let server: { url: string; close: () => Promise<void> };
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(path.join(BUNDLE_DIR, 'plankit.js'))) throw new Error('The elements bundle is missing: run `npm run build` (or `cd packages/elements && npx vite build`) first.');
  if (!existsSync(CHROME)) throw new Error(`No Chromium at ${CHROME}: install one or set CHROME_PATH.`);
  server = await startServer({ port: 0 });
  browser = await chromium.launch({ executablePath: CHROME, args: CHROME_ARGS, headless: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const INVALID_PLAN = 'title: A plan\nthemes:\n  - title: Theme\n    actions:\n      - title: Act\n        lead: KCC\n        stauts: green\n      - title: Another\n        lead: KCC\n        status: 5\n';

interface PageVisit {
  page: Page;
  /** The bundle's chunks the page fetched, by name without the hash: `json-reader`, `plan-summary`… */
  chunks: string[];
  errors: string[];
  /** What each <plan-summary> shows: its state and the text of its alert, if any. */
  summaries: { id: string; status?: string; alert: string; diagnostics: { code: string; message: string; line: number; character: number }[] }[];
}

/** Opens a page (given as its body) at the demo server's origin, with the bundle, and waits for its plans. */
async function visitBody(body: string, extra: Record<string, string> = {}, prepare?: (page: Page) => Promise<unknown>): Promise<PageVisit> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const chunks: string[] = [];
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('request', (request) => {
    const match = /\/plankit\/plankit-(.+)-[\w-]{8}\.js$/.exec(new URL(request.url()).pathname);
    if (match) chunks.push(match[1]);
  });
  const pageUrl = new URL('/test-page.html', server.url).href;
  await page.route(pageUrl, (route) =>
    route.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title><script type="module" src="/plankit/plankit.js"></script></head><body>${body}</body></html>` }),
  );
  for (const [address, text] of Object.entries(extra)) {
    await page.route(new URL(address, server.url).href, (route) => route.fulfill({ contentType: 'application/yaml', body: text }));
  }
  await prepare?.(page);
  await page.goto(pageUrl, { waitUntil: 'load' });
  const summaries = await page.evaluate(async () => {
    type Summary = HTMLElement & { state?: { status?: string; diagnostics?: { code: string; message: string; range: { start: { line: number; character: number } } }[] }; updateComplete?: Promise<unknown> };
    const all = () => [...document.querySelectorAll<Summary>('plan-summary')];
    const deadline = Date.now() + 15_000;
    while (all().some((element) => !customElements.get('plan-summary') || element.state?.status === 'loading' || element.state?.status === 'idle') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await Promise.all(all().map((element) => element.updateComplete));
    return all().map((element) => ({
      id: element.id,
      status: element.state?.status,
      alert: (element.shadowRoot?.querySelector('[role="alert"]')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
      diagnostics: (element.state?.diagnostics ?? []).map((d) => ({ code: d.code, message: d.message, line: d.range.start.line, character: d.range.start.character })),
    }));
  });
  return { page, chunks, errors, summaries };
}

/** What the core finds in a plan served at `address` (and the registers it names), as state.ts asks it. */
async function coreFindings(address: string, asOf: string) {
  const url = new URL(address, server.url).href;
  const host: FileHost = {
    async readText(target) {
      const response = await fetch(target);
      return response.ok ? response.text() : new Error(`the server answered ${response.status}`);
    },
    resolve: (from, relative) => new URL(relative, from).href,
  };
  const file = readPlanFile((await host.readText(url)) as string, { format: url.endsWith('.json') ? 'json' : 'yaml' });
  const { registers } = await resolveRegisters(url, file.plan!.registers, host);
  return checkPlanFile(file, { asOf, registers }).diagnostics.map((d) => ({ code: d.code, message: d.message, line: d.range.start.line, character: d.range.start.character }));
}

describe('the format readers, each a chunk of its own', () => {
  it('a page with a JSON plan fetches the JSON reader and no YAML reader', async () => {
    const address = '/examples/tonbridge-malling-csp-action-plan-2013-14.plan.json';
    const result = await visitBody(`<plan-source src="${address}" as-of="2014-01-31"><plan-summary id="s"></plan-summary></plan-source>`);
    expect(result.errors).toEqual([]);
    expect(result.summaries.map((summary) => summary.status)).toEqual(['ready']);
    expect(result.chunks).toContain('json-reader');
    expect(result.chunks).not.toContain('block-yaml-reader');
    expect(result.chunks).not.toContain('yaml');
    expect(result.chunks).not.toContain('schema-report');
    // Its registers are JSON too (the demo server sends them so); every finding is the core's.
    expect(result.summaries[0].diagnostics).toEqual(await coreFindings(address, '2014-01-31'));
    await result.page.context().close();
  });

  it('a page with a YAML plan fetches the block YAML reader and no JSON reader, and reads the plan as the core does', async () => {
    const address = '/examples/sevenoaks-alcohol-drug-strategy-2011.plan.yaml';
    const result = await visitBody(`<plan-source src="${address}" as-of="2018-01-31"><plan-summary id="s"></plan-summary></plan-source>`);
    expect(result.errors).toEqual([]);
    expect(result.summaries.map((summary) => summary.status)).toEqual(['ready']);
    expect(result.chunks).toContain('block-yaml-reader');
    expect(result.chunks).not.toContain('json-reader');
    expect(result.chunks).not.toContain('yaml');
    // Every finding, in order and at the same place, as the core finds it here.
    const core = await coreFindings(address, '2018-01-31');
    expect(core.length).toBeGreaterThan(0);
    expect(result.summaries[0].diagnostics).toEqual(core);
    await result.page.context().close();
  });

  it('a page with no plan fetches neither reader, nor the plan core, and its badges show their words', async () => {
    const result = await visitBody('<p>Our partnership is <plan-rag-badge status="green"></plan-rag-badge>.</p>');
    await result.page.waitForFunction(() => !!customElements.get('plan-rag-badge'));
    const badge = await result.page.evaluate(async () => {
      const element = document.querySelector('plan-rag-badge') as HTMLElement & { updateComplete: Promise<unknown> };
      await element.updateComplete;
      return (element.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();
    });
    expect(badge).toContain('Green');
    expect(result.errors).toEqual([]);
    expect(result.chunks).toContain('plan-rag-badge');
    expect(result.chunks).not.toContain('json-reader');
    expect(result.chunks).not.toContain('block-yaml-reader');
    for (const core of ['state', 'due', 'queries', 'schema-report']) expect(result.chunks, `the ${core} chunk`).not.toContain(core);
    await result.page.context().close();
  });

  it('a badge given a plan by script fetches the plan core then, and shows the plan’s own label', async () => {
    const result = await visitBody('<p>Our partnership is <plan-rag-badge status="g"></plan-rag-badge>.</p>');
    await result.page.waitForFunction(() => !!customElements.get('plan-rag-badge'));
    expect(result.chunks).not.toContain('state');
    const text = await result.page.evaluate(async () => {
      const element = document.querySelector('plan-rag-badge') as HTMLElement & { plan: unknown; state: { status: string }; updateComplete: Promise<unknown> };
      element.plan = { title: 'P', statusScheme: [{ key: 'g', label: 'Going well', colour: 'green' }], themes: [] };
      const deadline = Date.now() + 10_000;
      while (element.state.status !== 'ready' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      await element.updateComplete;
      return (element.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();
    });
    expect(text).toContain('Going well');
    expect(result.chunks).toContain('state');
    expect(result.errors).toEqual([]);
    await result.page.context().close();
  });
});

describe('the plan core, a chunk fetched for a page with a plan', () => {
  it('says so inside the element, and throws nothing, when the core cannot be fetched', async () => {
    const address = '/examples/tonbridge-malling-csp-action-plan-2013-14.plan.json';
    const result = await visitBody(`<plan-summary id="s" src="${address}"></plan-summary>`, {}, (page) =>
      page.route(/\/plankit\/plankit-state-[\w-]{8}\.js$/, (route) => route.abort('connectionfailed')),
    );
    expect(result.summaries.map((summary) => summary.status)).toEqual(['error']);
    expect(result.summaries[0].alert).toContain('The code that reads plans could not be loaded');
    // The browser logs the failed request itself; nothing else goes wrong in the page.
    expect(result.errors.filter((error) => !/Failed to load resource|net::ERR/.test(error))).toEqual([]);
    await result.page.context().close();
  });
});

describe('an invalid plan in the bundle', () => {
  it('is worded exactly as the core words it (the full validator arrives with the schema-report chunk)', async () => {
    const result = await visitBody('<plan-summary id="bad" src="/bad.plan.yaml"></plan-summary>', { '/bad.plan.yaml': INVALID_PLAN });
    const [summary] = result.summaries;
    expect(summary.status).toBe('error');
    expect(result.chunks).toContain('schema-report');
    const core = readPlanFile(INVALID_PLAN, { fileName: 'bad.plan.yaml' }).diagnostics;
    expect(core.map((d) => d.code)).toEqual(['schema-unknown-field', 'schema-type']);
    expect(summary.diagnostics).toEqual(core.map((d) => ({ code: d.code, message: d.message, line: d.range.start.line, character: d.range.start.character })));
    expect(summary.alert).toContain(core[0].message);
    expect(summary.alert).toContain('(and 1 more problem)');
    await result.page.context().close();
  });
});

describe('the CSS of the elements, as the bundle sends it', () => {
  const dir = path.join(repo, 'packages', 'elements', 'src');
  const files = [...readdirSync(dir).map((f) => path.join(dir, f)), ...readdirSync(path.join(dir, 'elements')).map((f) => path.join(dir, 'elements', f))].filter((f) => f.endsWith('.ts'));
  // Each template's text with every ${…} part given the same stand-in, as written and as minified.
  const templates = files.flatMap((file) => {
    const code = readFileSync(file, 'utf8');
    return cssTemplates(code).map((parts, index) => ({
      name: `${path.relative(dir, file)} #${index + 1}`,
      source: parts.map(([start, end]) => code.slice(start, end)).join('.x-part'),
      minified: parts.map(([start, end], i) => minifyCss(code.slice(start, end), i === 0, i === parts.length - 1)).join('.x-part'),
    }));
  });

  it('finds the templates, and the minified text is shorter and has no comments', () => {
    expect(templates.length).toBeGreaterThanOrEqual(8);
    for (const template of templates) {
      expect(template.minified.length, template.name).toBeLessThan(template.source.length);
      expect(template.minified, template.name).not.toMatch(/\/\*|\n/);
    }
  });

  it('reads in Chromium exactly as the source does, rule by rule', async () => {
    const page = await browser.newPage();
    const rules = await page.evaluate((list) => {
      const parse = (text: string) => {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(text);
        return [...sheet.cssRules].map((rule) => rule.cssText);
      };
      // A template of declarations only (tokens shared by rules) is read inside a rule.
      const wrap = (template: { source: string }) => parse(template.source).length === 0;
      const read = (text: string, wrapped: boolean) => parse(wrapped ? `.x-rule { ${text} }` : text);
      return list.map((template) => ({ name: template.name, source: read(template.source, wrap(template)), minified: read(template.minified, wrap(template)) }));
    }, templates);
    for (const template of rules) {
      expect(template.source.length, template.name).toBeGreaterThan(0);
      expect(template.minified, template.name).toEqual(template.source);
    }
    await page.close();
  });

  it('keeps strings, escapes and the space a selector needs', () => {
    expect(minifyCss('\n  a :hover , b > c {\n    content: "  /* not a comment */ ";  /* a comment */\n    font: 1em  "A  B";\n  }\n', true, true)).toBe(
      'a :hover , b > c{content:"  /* not a comment */ ";font:1em "A  B";}',
    );
    expect(minifyCss(' solid ', false, false)).toBe(' solid ');
    expect(minifyCss("\\2014  x/* it's */y", true, true)).toBe('\\2014 x y');
  });
});
