/**
 * What the stories share: the shown-state checks every story runs after rendering, the decorators
 * for Welsh, dark, forced colours and a narrow container, and the never-answering plan URL.
 *
 * Everything here goes through the elements' public API: their tags, attributes and properties, the
 * words they render (from the exported `catalogue`) and the roles they give them.
 */
import { html } from 'lit';
import type { Decorator } from '@storybook/web-components-vite';
import { catalogue, PlanElement } from '../packages/elements/src/index.js';

/** What a story expects its plan elements to show once rendering settles. */
export type Shows = 'plan' | 'loading' | 'error';

/** Media features the `stories` vitest project emulates (Playwright's `page.emulateMedia`) for a story. */
export interface EmulatedMedia {
  forcedColors?: 'active' | 'none';
  media?: 'print' | 'screen';
  colorScheme?: 'light' | 'dark';
}

/** Story parameters read by preview.ts and the vitest setup. */
export interface PlankitParameters {
  /** What the plan elements must show before the story's checks run (default: a plan). */
  shows?: Shows;
  /** Media features emulated while the story runs as a test (Storybook itself cannot force them). */
  media?: EmulatedMedia;
}

/**
 * A plan URL that never answers: `fetch` for it returns a promise that settles only when the element
 * aborts the request. Storybook has no server of its own in a static build, and a delaying dev-server
 * middleware would turn into a 404 there, so the loading state is made deterministic at the one
 * place every environment (dev server, static build, vitest) shares: the page's `fetch`. Only this
 * URL is intercepted; every other request goes to the network as usual.
 */
export const NEVER_ANSWERING_PLAN_URL = '/plankit-stories/never-answers.plan.json';

/** A plan URL that does not exist: every server here answers 404 (a file:// page fails to fetch; both are errors). */
export const MISSING_PLAN_URL = '/plankit-stories/no-such-plan.plan.json';

let fetchWrapped = false;

/** Wraps `window.fetch` once so that NEVER_ANSWERING_PLAN_URL never answers. */
export function installNeverAnsweringPlanUrl(): void {
  if (fetchWrapped || typeof window === 'undefined') return;
  fetchWrapped = true;
  const networkFetch = window.fetch.bind(window);
  window.fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (new URL(url, window.location.href).pathname.endsWith(NEVER_ANSWERING_PLAN_URL)) {
      return new Promise<Response>((_resolve, reject) => {
        const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
        signal?.addEventListener('abort', () => reject(new DOMException('The request was aborted.', 'AbortError')), { once: true });
      });
    }
    return networkFetch(input, init);
  };
}

/** Every element under `root`, through open shadow roots. */
function allElements(root: ParentNode): Element[] {
  const found: Element[] = [];
  for (const element of root.querySelectorAll('*')) {
    found.push(element);
    if (element.shadowRoot) found.push(...allElements(element.shadowRoot));
  }
  return found;
}

/**
 * Fails when the story uses a Plankit tag that is not registered: an undefined custom element is an
 * empty inline box that axe would pass without a word, which would hide a missing element.
 */
export async function expectRegistered(canvas: HTMLElement, timeoutMs = 10_000): Promise<void> {
  // The bundle defines each element when its chunk has arrived: give that a moment first.
  const tags = [...new Set(allElements(canvas).map((element) => element.localName).filter((tag) => tag.startsWith('plan-')))];
  await Promise.race([Promise.all(tags.map((tag) => customElements.whenDefined(tag))), new Promise((resolve) => setTimeout(resolve, timeoutMs))]);
  const missing = new Set(allElements(canvas).map((element) => element.localName).filter((tag) => tag.startsWith('plan-') && !customElements.get(tag)));
  if (missing.size > 0) {
    throw new Error(
      `${[...missing].map((tag) => `<${tag}>`).join(', ')} ${missing.size === 1 ? 'is' : 'are'} not registered: ` +
        `packages/elements/src/plankit.ts does not load ${missing.size === 1 ? 'it' : 'them'}.`,
    );
  }
}

/** Every string (not function) in the words catalogue, for one language. */
function words(lang: 'en' | 'cy'): string[] {
  const found: string[] = [];
  for (const section of Object.values(catalogue) as Array<Record<'en' | 'cy', Record<string, unknown>>>) {
    for (const value of Object.values(section[lang] ?? {})) if (typeof value === 'string') found.push(value);
  }
  return found;
}

const LOADING = new Set<string>([catalogue.common.en.loading, catalogue.common.cy.loading]);
const NO_PLAN = new Set<string>([catalogue.common.en.noPlan, catalogue.common.cy.noPlan]);

/** The text a plan element shows (its shadow tree, through nested shadow roots). */
export function shownText(element: Element): string {
  const root = element.shadowRoot;
  if (!root) return element.textContent ?? '';
  const parts: string[] = [];
  const visit = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
    if (node instanceof Element && node.shadowRoot) visit(node.shadowRoot);
    // Slotted children are read where they are, not through the slot.
    for (const child of node.childNodes) if (!(child instanceof HTMLStyleElement)) visit(child);
  };
  visit(root);
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/** What a plan element shows now: the loading message, the no-plan message, an error (role="alert"), or a plan. */
function showing(element: PlanElement): 'loading' | 'idle' | 'error' | 'plan' {
  const root = element.shadowRoot;
  if (!root) return 'idle';
  const messages = [...root.querySelectorAll('p')].map((p) => p.textContent?.trim() ?? '');
  if (messages.some((text) => LOADING.has(text))) return 'loading';
  if (root.querySelector('[role="alert"]')) return 'error';
  if (messages.some((text) => NO_PLAN.has(text))) return 'idle';
  return 'plan';
}

/**
 * The story's own plan elements (subclasses of the exported PlanElement) in the canvas. Elements an
 * element renders inside its shadow tree (a badge in a table row) are its own business.
 */
export function planElements(canvas: HTMLElement): PlanElement[] {
  return [...canvas.querySelectorAll('*')].filter((element): element is PlanElement => element instanceof PlanElement);
}

/** Waits for every Lit element under `root` (shadow roots included) to finish its pending update. */
async function updatesComplete(root: ParentNode): Promise<void> {
  const pending = allElements(root)
    .map((element) => (element as Partial<{ updateComplete: Promise<unknown> }>).updateComplete)
    .filter((update): update is Promise<unknown> => update instanceof Promise);
  await Promise.all(pending);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));

/**
 * Waits until the canvas stops changing: no pending Lit update and the same number of elements over
 * two frames (elements may add rows progressively on later frames, as the action table does).
 */
async function untilStable(canvas: HTMLElement, deadline: number): Promise<void> {
  let previous = -1;
  let steady = 0;
  while (steady < 2 && performance.now() < deadline) {
    await updatesComplete(canvas);
    await nextFrame();
    const count = allElements(canvas).length;
    steady = count === previous ? steady + 1 : 0;
    previous = count;
  }
}

/**
 * Waits until every plan element in the canvas shows what the story expects (a plan, the loading
 * message or an error) and has finished rendering. A plan element that shows an error when a plan was
 * expected fails at once, with its message.
 */
export async function settle(canvas: HTMLElement, shows: Shows = 'plan', timeoutMs = 30_000): Promise<void> {
  await expectRegistered(canvas);
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    await updatesComplete(canvas);
    const elements = planElements(canvas);
    const wrong = elements.filter((element) => showing(element) !== shows);
    if (wrong.length === 0) {
      await untilStable(canvas, deadline);
      return;
    }
    const first = wrong[0];
    if (shows === 'plan' && showing(first) === 'error') {
      throw new Error(`<${first.localName}> shows an error instead of the plan: “${shownText(first)}”`);
    }
    if (performance.now() > deadline) {
      throw new Error(`<${first.localName}> still does not show ${shows === 'plan' ? 'the plan' : `its ${shows} state`} after ${timeoutMs / 1000} s; it shows “${shownText(first).slice(0, 200)}”`);
    }
    await pause(20);
  }
}

/**
 * Fails unless each plan element in the canvas (or, given `together`, those elements taken together)
 * shows at least one of the catalogue's Welsh words that differ from the English ones.
 */
export function expectWelsh(canvas: HTMLElement, together?: Element[]): void {
  const english = new Set(words('en'));
  const welsh = words('cy').filter((word) => !english.has(word));
  const groups = together ? [together] : planElements(canvas).map((element) => [element]);
  for (const group of groups) {
    const text = group.map((element) => shownText(element)).join(' ');
    if (!welsh.some((word) => text.includes(word))) {
      const names = [...new Set(group.map((element) => `<${element.localName}>`))].join(', ');
      throw new Error(`${names} inside lang="cy" ${group.length > 1 ? 'show' : 'shows'} none of the catalogue's Welsh words: “${text.slice(0, 200)}”`);
    }
  }
}

/** Fails when anything in the canvas makes the wrapper scroll sideways (WCAG 1.4.10 Reflow at 320 CSS px). */
export function expectNoSidewaysScroll(wrapper: Element): void {
  if (wrapper.scrollWidth > wrapper.clientWidth + 1) {
    throw new Error(`The content is ${wrapper.scrollWidth}px wide in a ${wrapper.clientWidth}px container: it overflows sideways instead of reflowing.`);
  }
}

/** Story decorators: each wraps the story in what a host page would give it. */
export const inWelsh: Decorator = (story) => html`<div lang="cy">${story()}</div>`;

/**
 * A dark host page: the elements' `theme="dark"` switches their colours, and a page that asks for a
 * dark theme has a dark background behind them (which the contrast checks need to see).
 */
export const onDarkPage: Decorator = (story) => html`<div style="background: #0b0c0c; color: #f3f2f1; padding: 1rem">${story()}</div>`;

/**
 * Storybook cannot switch the operating system's forced-colours mode (Windows contrast themes), so the
 * story is only wrapped and marked here; the `stories` test project emulates `forced-colors: active`
 * for it (see .storybook/vitest.setup.ts), and so does Chromium's DevTools (Rendering panel).
 */
export const inForcedColours: Decorator = (story) => html`<div class="plankit-forced-colours" data-forced-colours="emulated in tests">${story()}</div>`;

/** The narrowest container WCAG's reflow criterion asks for: 320 CSS pixels. */
export const NARROW_WIDTH = 320;
export const inNarrowContainer: Decorator = (story) =>
  html`<div class="plankit-narrow" style="width: ${NARROW_WIDTH}px; max-width: 100%; outline: 1px dashed #b1b4b6">${story()}</div>`;

export function narrowWrapper(canvas: HTMLElement): Element {
  const wrapper = canvas.querySelector('.plankit-narrow');
  if (!wrapper) throw new Error('The narrow container is missing.');
  return wrapper;
}

/** Whether the story runs as a vitest test (the `stories` project) rather than in Storybook. */
export function isTestRun(): boolean {
  return '__vitest_browser__' in globalThis;
}

/** Whether the story runs as a vitest test, where media emulation is available. */
export function mediaIsEmulated(): boolean {
  return typeof (globalThis as { __plankitEmulateMedia?: unknown }).__plankitEmulateMedia === 'function';
}

