/**
 * The demo site (`npm start`, demo/server.mjs) in a real Chromium: every demo page loads without
 * page errors, console errors or CSP violations, and its elements render real content inside their
 * shadow roots. Also the README's snippet, pasted into a plain HTML file, shows the example plan.
 *
 * Needs the one-script bundle (packages/elements/dist/bundle/plankit.js, built by `npm run build`)
 * and a Chromium (CHROME_PATH, else /usr/bin/chromium). Either missing is a failure, not a skip.
 *
 * How CSP violations are caught, twice over:
 * 1. A `securitypolicyviolation` listener on the document, installed with page.addInitScript.
 *    Playwright hands init scripts to Chromium through the DevTools protocol
 *    (Page.addScriptToEvaluateOnNewDocument): they run in the page's main world before any of its
 *    own scripts, and are not page content, so the page's CSP does not block them (the test checks
 *    the listener really is installed on csp.html). Every violation after that, in the document
 *    or inside a shadow root (the event is composed), lands in `window.__plankitTest`.
 * 2. Chromium also logs every CSP and Trusted Types violation as a console error ("Refused to ..."),
 *    which the no-console-errors check catches even if the event were missed.
 * A positive control then injects an inline <style> and assigns a string to innerHTML on the CSP
 * page, and expects both to be refused and recorded, so a silent detector cannot pass the test.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogue } from '../packages/elements/src/strings.js';
// @ts-ignore: a plain JavaScript module (the demo server) without type declarations
import { startServer, STRICT_CSP } from '../demo/server.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUNDLE = path.join(repo, 'packages', 'elements', 'dist', 'bundle', 'plankit.js');
const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const CHROME_ARGS = ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
/** The origin the README snippet names: requests to it are sent to the test's own server. */
const SNIPPET_ORIGIN = 'http://localhost:8080';

const PLAN_TAGS = ['plan-source', 'plan-action-table', 'plan-rag-badge', 'plan-milestone-timeline', 'plan-summary'] as const;

/** What the page-side probe sees of one plan element. */
interface ElementReport {
  tag: string;
  id: string;
  defined: boolean;
  status?: string;
  /** Text inside the shadow root (nested shadow roots included), whitespace collapsed. */
  text: string;
  alerts: string[];
  tables: number;
  /** Rows of the shadow root's tables that hold data cells. */
  dataRows: number;
  cells: number;
  /** Cells with a box on screen: non-zero size, display not none, visibility visible. */
  visibleCells: number;
  /** Text of header cells. */
  headers: string[];
  /** Buttons whose text colour is fully transparent. */
  transparentButtons: number;
  width: number;
  height: number;
}

interface Visit {
  page: Page;
  status: number | undefined;
  headers: Record<string, string>;
  pageErrors: string[];
  consoleErrors: { text: string; url: string }[];
  consoleWarnings: string[];
  requests: string[];
  elements: ElementReport[];
  cspViolations: { directive: string; blocked: string; sample: string }[];
  planErrors: { tag: string; id: string; kind: string; message: string }[];
}

let server: { url: string; close: () => Promise<void> };
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  if (!existsSync(BUNDLE)) {
    throw new Error(`The elements bundle is missing (${path.relative(repo, BUNDLE)}). Run \`npm run build\` (it builds the bundle with vite) before these tests, or \`cd packages/elements && npx vite build\`.`);
  }
  if (!existsSync(CHROME)) {
    throw new Error(`No Chromium at ${CHROME}: these tests need one. Install it (Debian: apt-get install chromium) or set CHROME_PATH to a Chromium or Chrome executable.`);
  }
  server = await startServer({ port: 0 });
  browser = await chromium.launch({ executablePath: CHROME, args: CHROME_ARGS, headless: true });
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await server?.close();
});

/** Installed before any page script: records CSP violations and plan-error events. */
function installProbe(): void {
  const record = { cspViolations: [] as unknown[], planErrors: [] as unknown[] };
  Object.defineProperty(window, '__plankitTest', { value: record });
  document.addEventListener(
    'securitypolicyviolation',
    (event) => record.cspViolations.push({ directive: event.violatedDirective, blocked: event.blockedURI, sample: event.sample }),
    true,
  );
  document.addEventListener(
    'plan-error',
    (event) => {
      const target = event.target as Element;
      const detail = (event as CustomEvent).detail ?? {};
      record.planErrors.push({ tag: target.localName, id: target.id, kind: detail.kind, message: detail.message });
    },
    true,
  );
}

/**
 * Waits until every registered plan element has finished loading and rendering (15 s at most),
 * then reports what each shows inside its shadow root. Runs in the page.
 */
async function probeElements(tags: readonly string[]): Promise<ElementReport[]> {
  type PlanLike = HTMLElement & { state?: { status?: string }; updateComplete?: Promise<unknown>; src?: string };
  const all = () => [...document.querySelectorAll<PlanLike>(tags.join(','))];
  const busy = (element: PlanLike) => {
    // The bundle defines each element when its chunk arrives: wait for it (an element that is
    // never defined is reported by the tests once the deadline passes).
    if (!customElements.get(element.localName)) return true;
    const status = element.state?.status;
    if (status === 'loading') return true;
    return status === 'idle' && (element.localName === 'plan-source' || !!element.getAttribute('src'));
  };
  const deadline = Date.now() + 15_000;
  while (all().some(busy) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  for (let round = 0; round < 3; round++) {
    await Promise.all(all().map((element) => element.updateComplete));
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  }
  const deepAll = (root: ParentNode, selector: string): Element[] => {
    const found = [...root.querySelectorAll(selector)];
    for (const element of root.querySelectorAll('*')) if (element.shadowRoot) found.push(...deepAll(element.shadowRoot, selector));
    return found;
  };
  const deepText = (node: Node): string => {
    let text = '';
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) text += child.textContent;
      else if (child.nodeType === Node.ELEMENT_NODE) {
        const element = child as Element;
        if (element.localName === 'style' || element.localName === 'script') continue;
        text += ' ' + (element.shadowRoot ? deepText(element.shadowRoot) : '') + deepText(element) + ' ';
      }
    }
    return text;
  };
  const shown = (element: Element) => {
    const box = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    return box.width > 0 && box.height > 0 && style.display !== 'none' && style.visibility === 'visible';
  };
  return all().map((element) => {
    const root = element.shadowRoot;
    const inside = (selector: string) => (root ? deepAll(root, selector) : []);
    const cells = inside('td, th');
    const box = element.getBoundingClientRect();
    return {
      tag: element.localName,
      id: element.id,
      defined: !!customElements.get(element.localName),
      status: element.state?.status,
      text: root ? deepText(root).replace(/\s+/g, ' ').trim() : '',
      alerts: inside('[role="alert"]').map((alert) => (alert.textContent ?? '').replace(/\s+/g, ' ').trim()),
      tables: inside('table').length,
      dataRows: inside('tr').filter((row) => row.querySelector('td')).length,
      cells: cells.length,
      visibleCells: cells.filter(shown).length,
      headers: inside('th').map((header) => (header.textContent ?? '').replace(/\s+/g, ' ').trim()),
      transparentButtons: inside('button').filter((button) => /rgba\(.*,\s*0\)$|transparent/.test(getComputedStyle(button).color)).length,
      width: box.width,
      height: box.height,
    };
  });
}

/** Opens a page in a fresh browser context and collects everything the checks need. */
async function visit(url: string, prepare?: (page: Page) => Promise<unknown>): Promise<Visit> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  const pageErrors: string[] = [];
  const consoleErrors: Visit['consoleErrors'] = [];
  const consoleWarnings: string[] = [];
  const requests: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(String(error?.stack ?? error)));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push({ text: message.text(), url: message.location().url });
    if (message.type() === 'warning') consoleWarnings.push(message.text());
  });
  page.on('request', (request) => requests.push(request.url()));
  await page.addInitScript(installProbe);
  await prepare?.(page);
  const response = await page.goto(url, { waitUntil: 'load' });
  const elements = await page.evaluate(probeElements, PLAN_TAGS);
  const recorded = await page.evaluate(() => (window as unknown as { __plankitTest?: Pick<Visit, 'cspViolations' | 'planErrors'> }).__plankitTest);
  if (!recorded) throw new Error(`The test's probe did not run on ${url}: page.addInitScript was blocked.`);
  return {
    page,
    status: response?.status(),
    headers: response?.headers() ?? {},
    pageErrors,
    consoleErrors,
    consoleWarnings,
    requests,
    elements,
    cspViolations: [...recorded.cspViolations],
    planErrors: [...recorded.planErrors],
  };
}

const pageUrl = (name: string) => new URL(`/demo/${name}`, server.url).href;

/** The plan elements of a visit with a tag, failing clearly if that tag is not registered yet. */
function elementsOf(result: Visit, tag: string): ElementReport[] {
  const found = result.elements.filter((element) => element.tag === tag);
  expect(found.length, `the page has no <${tag}>`).toBeGreaterThan(0);
  const unregistered = found.filter((element) => !element.defined);
  expect(unregistered.length, `<${tag}> is not registered (not in packages/elements/src/define.ts yet?)`).toBe(0);
  return found;
}

/** Whether the page fetched the bundle's chunk with this name (`plan-action-table`, `yaml`…). */
function fetchedChunk(result: Visit, name: string): boolean {
  return result.requests.some((request) => new RegExp(`/plankit/plankit-${name}-[\\w-]+\\.js$`).test(new URL(request).pathname));
}

/** Each different item once, with how many times it came: failures stay readable. */
function tally(items: string[]): string[] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return [...counts].map(([item, count]) => (count > 1 ? `${item} (${count} times)` : item));
}

/** The page-level checks every demo page must pass. */
function expectCleanPage(result: Visit, allowedConsoleErrors: (error: { text: string; url: string }) => boolean = () => false): void {
  expect(result.status).toBe(200);
  expect(result.pageErrors, 'uncaught errors in the page').toEqual([]);
  const consoleErrors = result.consoleErrors.filter((error) => !allowedConsoleErrors(error));
  expect(tally(consoleErrors.map((error) => `${error.text.replace(/'sha256-[^']+'/g, "'sha256-…'")} [${error.url}]`)), 'console errors').toEqual([]);
  expect(tally(result.cspViolations.map((violation) => `${violation.directive} blocked ${violation.blocked} ${violation.sample}`)), 'Content-Security-Policy violations').toEqual([]);
}

/** Every word of the element catalogue in one language (functions called with a placeholder). */
function catalogueWords(lang: 'en' | 'cy'): string[] {
  const words: string[] = [];
  for (const group of Object.values(catalogue) as unknown as Record<'en' | 'cy', Record<string, unknown>>[]) {
    for (const value of Object.values(group[lang]).flat()) {
      let text: string;
      try {
        text = typeof value === 'function' ? String((value as (arg: string) => string)('\u0000')).split('\u0000')[0] : String(value);
      } catch {
        continue; // a function of something other than text
      }
      const word = text.replace(/[:(…].*$/, '').trim();
      if (word.length >= 3) words.push(word);
    }
  }
  return [...new Set(words)];
}

describe('demo server', () => {
  it('serves the bundle, the plans as YAML and as JSON, and nothing outside its folders', async () => {
    const get = (pathname: string) => fetch(new URL(pathname, server.url));
    const bundle = await get('/plankit/plankit.js');
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await get('/plankit/plankit.js.map')).headers.get('content-type')).toMatch(/^application\/json/);
    const yaml = await get('/examples/tonbridge-malling-csp-action-plan-2013-14.plan.yaml');
    expect(yaml.headers.get('content-type')).toBe('application/yaml; charset=utf-8');
    const json = await get('/examples/tonbridge-malling-csp-action-plan-2013-14.plan.json');
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
    const plan = (await json.json()) as { title: string; registers: string[] };
    expect(plan.title).toBe('Action Plan 2013/14');
    // A JSON plan names JSON registers, so a JSON-only page never needs the YAML reader.
    expect(plan.registers).toEqual(['kent.agencies.json']);
    const register = await get('/examples/kent.agencies.json');
    expect(register.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await register.json()) as { agencies: { id: string; name: string }[] }).agencies).toContainEqual(expect.objectContaining({ id: 'KCC', name: 'Kent County Council' }));
    for (const escape of ['/demo/..%2f..%2fpackage.json', '/plankit/..%2f..%2f..%2f..%2fpackage.json', '/examples/..%2fpackage.json', '/examples/..%2f..%2fpackage.plan.json', '/demo/server.mjs']) {
      expect((await get(escape)).status, escape).toBe(404);
    }
    expect((await get('/examples/no-such-plan.plan.json')).status).toBe(404);
    const csp = await get('/demo/csp.html');
    expect(csp.headers.get('content-security-policy')).toBe(STRICT_CSP);
    expect((await get('/demo/intranet.html')).headers.get('content-security-policy')).toBeNull();
  });

  it('lists every demo page on its index, and each is there', async () => {
    const result = await visit(server.url);
    expectCleanPage(result);
    const links = await result.page.$$eval('a[href^="/demo/"]', (anchors) => anchors.map((anchor) => (anchor as HTMLAnchorElement).href));
    const names = links.map((link) => new URL(link).pathname);
    expect(names).toEqual(expect.arrayContaining(['/demo/intranet.html', '/demo/hostile.html', '/demo/welsh.html', '/demo/csp.html', '/demo/errors.html', '/demo/two-bundles.html', '/demo/snippet.html']));
    for (const link of links) expect((await fetch(link)).status, link).toBe(200);
  });
});

describe('intranet.html', () => {
  let result: Visit;
  beforeAll(async () => {
    result = await visit(pageUrl('intranet.html'));
  });

  it('loads without page errors, console errors or failed plans', () => {
    expectCleanPage(result);
    expect(result.planErrors).toEqual([]);
  });

  it('loads both plans: the YAML one through the lazily loaded YAML reader, the JSON one as JSON', () => {
    const sources = elementsOf(result, 'plan-source');
    expect(sources.map((source) => [source.id, source.status])).toEqual([
      ['sevenoaks', 'ready'],
      ['tonbridge', 'ready'],
    ]);
    // Block YAML such as the example plans is read by the core's fast reader: the full YAML reader
    // (the yaml package, a separate chunk) is fetched only for YAML it declines (see errors.html).
    expect(fetchedChunk(result, 'yaml'), 'no plankit-yaml-*.js chunk for YAML the fast reader reads').toBe(false);
    expect(fetchedChunk(result, 'schema-report'), 'no schema-error wording chunk for valid plans').toBe(false);
    for (const tag of ['plan-source', 'plan-summary', 'plan-action-table', 'plan-milestone-timeline', 'plan-rag-badge']) {
      expect(fetchedChunk(result, tag), `the chunk of <${tag}>`).toBe(true);
    }
  });

  it('shows the action tables with rows of the plans', () => {
    const tables = elementsOf(result, 'plan-action-table');
    expect(tables).toHaveLength(2);
    for (const table of tables) {
      expect(table.tables).toBeGreaterThan(0);
      expect(table.dataRows).toBeGreaterThan(0);
    }
    expect(tables[0].text).toContain('Run regular operations to address supply and use of illegal drugs');
    expect(tables[1].text).toContain('Develop Project Themis to case manage ASB cases');
  });

  it('shows a summary with figures', () => {
    const summaries = elementsOf(result, 'plan-summary');
    expect(summaries).toHaveLength(2);
    for (const summary of summaries) expect(summary.text).toMatch(/\d/);
  });

  it('shows the milestone timeline', () => {
    const [timeline] = elementsOf(result, 'plan-milestone-timeline');
    expect(timeline.text).toContain('Challenge 25 in Hextable and Swanley');
  });

  it('shows RAG badges in the prose as words, not colour alone', () => {
    const badges = elementsOf(result, 'plan-rag-badge');
    expect(badges).toHaveLength(4);
    for (const badge of badges) {
      expect(badge.text).toMatch(/[A-Za-z]{3,}/);
      expect(badge.width).toBeGreaterThan(0);
    }
    expect(badges[0].text).toMatch(/green|on track/i);
    expect(badges[2].text).toMatch(/amber/i);
    expect(badges[3].text).toMatch(/red/i);
  });
});

describe('hostile.html', () => {
  let result: Visit;
  /** The same page's elements with its hostile stylesheet switched off, for comparison. */
  let unstyled: ElementReport[];
  beforeAll(async () => {
    result = await visit(pageUrl('hostile.html'));
    await result.page.evaluate(() => document.querySelectorAll('style').forEach((style) => (style.disabled = true)));
    unstyled = await result.page.evaluate(probeElements, PLAN_TAGS);
    await result.page.evaluate(() => document.querySelectorAll('style').forEach((style) => (style.disabled = false)));
  });

  it('loads without page errors or console errors, and the page CSS really is hostile', async () => {
    expectCleanPage(result);
    expect(result.planErrors).toEqual([]);
    // The control: the page's own table is hidden by its own CSS.
    expect(await result.page.$eval('#host-table', (table) => getComputedStyle(table).display)).toBe('none');
  });

  it('reads a JSON plan without fetching the YAML reader', () => {
    expect(elementsOf(result, 'plan-source')[0].status).toBe('ready');
    expect(fetchedChunk(result, 'yaml'), 'no plankit-yaml-*.js chunk for a JSON-only page').toBe(false);
  });

  it('keeps the action table and its cells visible inside the shadow root', () => {
    const [table] = elementsOf(result, 'plan-action-table');
    expect(table.tables).toBeGreaterThan(0);
    expect(table.dataRows).toBeGreaterThan(0);
    expect(table.visibleCells, 'cells with a non-zero box, display not none, visibility visible').toBeGreaterThan(0);
    // As many cells show as when the page's CSS is switched off: none of it reached inside.
    const [plain] = unstyled.filter((element) => element.tag === 'plan-action-table');
    expect(table.visibleCells, 'visible cells, hostile CSS on vs off').toBe(plain.visibleCells);
    expect(table.transparentButtons, 'buttons with transparent text').toBe(0);
    expect(table.text).toContain('Run regular operations to address supply and use of illegal drugs');
  });

  it('keeps the summary, timeline and badges showing', () => {
    for (const tag of ['plan-summary', 'plan-milestone-timeline', 'plan-rag-badge']) {
      for (const element of elementsOf(result, tag)) {
        expect(element.text, `<${tag}> text`).toMatch(/[A-Za-z]{3,}/);
        expect(element.height, `<${tag}> height`).toBeGreaterThan(0);
        expect(element.transparentButtons, `<${tag}> buttons with transparent text`).toBe(0);
      }
    }
  });
});

describe('welsh.html', () => {
  let result: Visit;
  let english: Visit;
  beforeAll(async () => {
    result = await visit(pageUrl('welsh.html'));
    english = await visit(pageUrl('intranet.html'));
  });

  it('loads without page errors or console errors', () => {
    expectCleanPage(result);
    expect(result.planErrors).toEqual([]);
    expect(elementsOf(result, 'plan-source')[0].status).toBe('ready');
    expect(fetchedChunk(result, 'yaml'), 'no plankit-yaml-*.js chunk for a JSON-only page').toBe(false);
  });

  it('shows the elements in Welsh', () => {
    const welsh = catalogueWords('cy');
    const englishOnly = new Set(catalogueWords('en').filter((word) => !welsh.includes(word)));
    for (const tag of ['plan-action-table', 'plan-milestone-timeline', 'plan-summary']) {
      for (const element of elementsOf(result, tag)) {
        expect(
          welsh.filter((word) => element.text.includes(word)),
          `<${tag}> shows no Welsh words of the catalogue; its text: ${element.text.slice(0, 300)}`,
        ).not.toEqual([]);
        expect(
          element.headers.filter((header) => englishOnly.has(header)),
          `<${tag}> has English headings`,
        ).toEqual([]);
      }
    }
  });

  it('words the RAG badges in Welsh', () => {
    const welshBadges = elementsOf(result, 'plan-rag-badge');
    const englishBadges = elementsOf(english, 'plan-rag-badge');
    expect(welshBadges[0].text).toMatch(/\p{L}{3,}/u);
    expect(welshBadges[0].text).not.toBe(englishBadges[0].text);
  });
});

describe('csp.html (strict Content-Security-Policy, Trusted Types enforced)', () => {
  let result: Visit;
  beforeAll(async () => {
    result = await visit(pageUrl('csp.html'));
  });

  it('is sent with the strict policy and has no inline script or style of its own', async () => {
    expect(result.headers['content-security-policy']).toBe(STRICT_CSP);
    const inline = await result.page.evaluate(() => ({
      scripts: document.querySelectorAll('script:not([src])').length,
      styles: document.querySelectorAll('style').length,
      styleAttributes: document.querySelectorAll('[style]').length,
    }));
    expect(inline).toEqual({ scripts: 0, styles: 0, styleAttributes: 0 });
  });

  it('loads the YAML plan and renders with no CSP or Trusted Types violations', () => {
    expectCleanPage(result);
    expect(result.planErrors).toEqual([]);
    expect(elementsOf(result, 'plan-source')[0].status).toBe('ready');
    expect(result.requests.some((request) => new URL(request).pathname.endsWith('.plan.yaml')), 'the plan is YAML').toBe(true);
    expect(fetchedChunk(result, 'plan-action-table'), 'element chunks load under the policy').toBe(true);
  });

  it('renders every element under the policy', () => {
    const [table] = elementsOf(result, 'plan-action-table');
    expect(table.dataRows).toBeGreaterThan(0);
    expect(elementsOf(result, 'plan-summary')[0].text).toMatch(/\d/);
    expect(elementsOf(result, 'plan-milestone-timeline')[0].text).toContain('Challenge 25 in Hextable and Swanley');
    expect(elementsOf(result, 'plan-rag-badge')[0].text).toMatch(/green|on track/i);
  });

  it('would have caught a violation (the detector is live)', async () => {
    const outcome = await result.page.evaluate(() => {
      const style = document.createElement('style');
      style.textContent = 'p { color: red; }';
      document.head.append(style);
      try {
        document.createElement('div').innerHTML = '<b>not trusted</b>';
        return 'innerHTML accepted a string';
      } catch (error) {
        return (error as Error).name;
      }
    });
    expect(outcome, 'Trusted Types refuse a plain string for innerHTML').toBe('TypeError');
    await expect
      .poll(() => result.page.evaluate(() => (window as unknown as { __plankitTest: Visit }).__plankitTest.cspViolations.map((violation) => violation.directive)))
      .toEqual(expect.arrayContaining([expect.stringMatching(/^style-src/), 'require-trusted-types-for']));
  });
});

describe('errors.html', () => {
  let result: Visit;
  beforeAll(async () => {
    result = await visit(pageUrl('errors.html'));
  });

  it('throws nothing into the page; the only console error is the browser reporting the 404', () => {
    expectCleanPage(result, (error) => /Failed to load resource.*404/.test(error.text) && error.url.endsWith('/examples/no-such-plan.plan.json'));
  });

  it('fetches the full YAML reader for YAML the fast reader declines, and the schema-error wording for an invalid plan', () => {
    expect(fetchedChunk(result, 'yaml'), 'the plankit-yaml-*.js chunk, for the broken YAML').toBe(true);
    expect(fetchedChunk(result, 'schema-report'), 'the schema-report chunk, for the plan that does not fit the format').toBe(true);
  });

  it('fires a plan-error event for each failure, with its kind', () => {
    elementsOf(result, 'plan-summary'); // the standalone element must be registered to load its own plan
    const byId = Object.fromEntries(result.planErrors.map((error) => [error.id, error]));
    expect(byId.missing, 'plan-error from <plan-source id="missing">').toMatchObject({ tag: 'plan-source', kind: 'http' });
    expect(byId.missing.message).toMatch(/404/);
    expect(byId['invalid-yaml'], 'plan-error from <plan-summary id="invalid-yaml">').toMatchObject({ tag: 'plan-summary', kind: 'syntax' });
    expect(byId['not-a-plan'], 'plan-error from <plan-source id="not-a-plan">').toMatchObject({ tag: 'plan-source', kind: 'invalid' });
    expect(result.planErrors).toHaveLength(3);
  });

  it('shows three clear messages with role="alert", one in each element', async () => {
    const [table] = elementsOf(result, 'plan-action-table');
    const [summary] = elementsOf(result, 'plan-summary');
    const [timeline] = elementsOf(result, 'plan-milestone-timeline');
    expect(table.alerts).toHaveLength(1);
    expect(table.alerts[0]).toMatch(/cannot be shown.*404/);
    expect(summary.alerts).toHaveLength(1);
    expect(summary.alerts[0]).toMatch(/cannot be shown.*never closed/);
    expect(timeline.alerts).toHaveLength(1);
    expect(timeline.alerts[0]).toMatch(/cannot be shown.*does not fit the plan format.*title/);
    // The host page heard all three too (its own inline listener).
    expect(await result.page.locator('#event-log li').count()).toBe(3);
  });
});

describe('two-bundles.html (the bundle loaded twice)', () => {
  let result: Visit;
  beforeAll(async () => {
    result = await visit(pageUrl('two-bundles.html'));
  });

  it('runs both copies, and the second loads no element code or Lit of its own', () => {
    const paths = result.requests.map((request) => new URL(request).pathname);
    expect(paths.filter((pathname) => pathname.endsWith('/plankit.js')).sort()).toEqual(['/plankit-copy/plankit.js', '/plankit/plankit.js']);
    // The first copy fetched the shared code and the elements' chunks.
    expect(paths.some((pathname) => /^\/plankit\/plankit-base-[\w-]+\.js$/.test(pathname))).toBe(true);
    expect(paths.some((pathname) => /^\/plankit\/plankit-plan-action-table-[\w-]+\.js$/.test(pathname))).toBe(true);
    // The second: its entry and what the entry itself imports (a few lines of @lit/context), nothing more.
    const copy = paths.filter((pathname) => pathname.startsWith('/plankit-copy/'));
    expect(copy.filter((pathname) => !/^\/plankit-copy\/(plankit|plankit-context-request-event-[\w-]+)\.js$/.test(pathname))).toEqual([]);
  });

  it('is sent with the strict policy, and throws, warns and violates nothing (no second Trusted Types policy)', () => {
    expect(result.headers['content-security-policy']).toBe(STRICT_CSP);
    expectCleanPage(result);
    expect(result.consoleWarnings.filter((warning) => /already defined/.test(warning)), 'no element is defined twice').toEqual([]);
  });

  it('still shows the plan', () => {
    expect(elementsOf(result, 'plan-source')[0].status).toBe('ready');
    const [table] = elementsOf(result, 'plan-action-table');
    expect(table.dataRows).toBeGreaterThan(0);
    expect(table.text).toContain('Use problem-solving techniques to address Anti Social Behaviour');
    expect(elementsOf(result, 'plan-summary')[0].text).toMatch(/\d/);
  });
});

describe('the README snippet', () => {
  const snippetFile = path.join(repo, 'demo', 'pages', 'snippet.html');

  it('is demo/pages/snippet.html, exactly', () => {
    const readme = readFileSync(path.join(repo, 'README.md'), 'utf8');
    const section = readme.split(/^## Putting a plan on a web page$/m)[1];
    expect(section, 'README has a "## Putting a plan on a web page" section').toBeDefined();
    const block = /```html\n([\s\S]*?)```/.exec(section.split(/^## /m)[0])?.[1];
    expect(block, 'the section starts with an html code block').toBeDefined();
    expect(block).toBe(readFileSync(snippetFile, 'utf8'));
  });

  it('pasted into a plain HTML file opened from disk, shows the example plan while the demo runs', async () => {
    // The snippet names the demo server at localhost:8080; send those requests to this test's server.
    const result = await visit(pathToFileURL(snippetFile).href, (page) =>
      page.route(`${SNIPPET_ORIGIN}/**`, async (route) => {
        const target = new URL(route.request().url());
        const response = await route.fetch({ url: new URL(target.pathname + target.search, server.url).href });
        await route.fulfill({ response });
      }),
    );
    expect(result.pageErrors).toEqual([]);
    expect(result.consoleErrors).toEqual([]);
    expect(elementsOf(result, 'plan-source')[0].status).toBe('ready');
    const [table] = elementsOf(result, 'plan-action-table');
    expect(table.dataRows).toBeGreaterThan(0);
    expect(table.text).toContain('Run regular operations to address supply and use of illegal drugs');
  });
});
