import axe from 'axe-core';
import { expect } from 'vitest';
import { defineElement } from '../../packages/elements/src/define.js';

export { defineElement };

/** Puts HTML into the page and waits for every custom element in it to finish rendering. */
export async function fixture<T extends Element = HTMLElement>(markup: string, container: HTMLElement = document.body): Promise<T> {
  const host = document.createElement('div');
  host.innerHTML = markup;
  container.append(host);
  await settle(host);
  return host.firstElementChild as T;
}

/** Waits until every Lit element under `root` (shadow roots included) has no pending update. */
export async function settle(root: ParentNode): Promise<void> {
  for (let round = 0; round < 5; round++) {
    const pending: Promise<unknown>[] = [];
    const visit = (node: ParentNode) => {
      for (const element of node.querySelectorAll('*')) {
        const update = (element as unknown as { updateComplete?: Promise<unknown> }).updateComplete;
        if (update) pending.push(update);
        if (element.shadowRoot) visit(element.shadowRoot);
      }
    };
    visit(root);
    await Promise.all(pending);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

/** Waits for an element's plan to be ready (or failed), then for it to render. */
export async function whenShown(element: Element): Promise<void> {
  await expect.poll(() => ((element as unknown as { state?: { status: string } }).state?.status ?? 'ready') !== 'loading' && ((element as unknown as { state?: { status: string } }).state?.status ?? 'ready') !== 'idle', { timeout: 10_000 }).toBe(true);
  await settle(element.parentNode ?? document);
}

/** The WCAG 2.2 A and AA rules axe-core checks. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/** Runs axe-core on an element (shadow DOM included) with the WCAG 2.2 AA rules; returns the violations. */
export async function axeViolations(context: Element | Document = document): Promise<axe.Result[]> {
  const result = await axe.run(context as Element, { runOnly: { type: 'tag', values: WCAG_TAGS }, resultTypes: ['violations'] });
  return result.violations;
}

/** Asserts no WCAG 2.2 AA violations, listing any found in a readable way. */
export async function expectAccessible(context: Element | Document = document): Promise<void> {
  const violations = await axeViolations(context);
  const described = violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length} nodes: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')})`);
  expect(described).toEqual([]);
}

/** Every element in a tree, through shadow roots. */
export function deepQueryAll(root: ParentNode, selector: string): Element[] {
  const found: Element[] = [...root.querySelectorAll(selector)];
  for (const element of root.querySelectorAll('*')) if (element.shadowRoot) found.push(...deepQueryAll(element.shadowRoot, selector));
  return found;
}

export { samplePlan } from '../fixtures/sample-plan.js';

/** Well-known XSS payloads (OWASP filter-evasion cheat sheet and similar), for every text field. */
export const XSS_PAYLOADS = [
  '<script>window.__xss = 1</script>',
  '<img src=x onerror="window.__xss = 2">',
  '<svg onload="window.__xss = 3">',
  '"><script>window.__xss = 4</script>',
  "javascript:window.__xss = 5",
  '<iframe src="javascript:window.__xss = 6"></iframe>',
  '<a href="javascript:window.__xss = 7">click</a>',
  '<body onload="window.__xss = 8">',
  '<details open ontoggle="window.__xss = 9">',
  '{{constructor.constructor("window.__xss = 10")()}}',
  '${window.__xss = 11}',
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__xss = 12">',
  '<style>*{display:none}</style>',
  '\u202Eevil\u202C',
  '<!--<img src="--><img src=x onerror="window.__xss = 13">',
];
