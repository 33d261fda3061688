/**
 * The one-script bundle (dist/plankit.js). Lit, the shared element code and the plan core load with
 * it; each element's own code is a separate chunk, fetched the first time its tag is on the page
 * (in the document or added later), so a page with a summary and a few badges does not download the
 * table and the timeline; the plan core comes only for a page with a plan. A context root is attached at once so that plan elements defined after
 * their <plan-source> still receive its plan.
 */
import { ContextRoot } from '@lit/context';
import { defineElement } from './define-one.js';

type Loader = () => Promise<CustomElementConstructor>;

/** Each tag and how to load its class. */
const LOADERS: Record<string, Loader> = {
  'plan-source': () => import('./elements/plan-source.js').then((module) => module.PlanSource),
  'plan-rag-badge': () => import('./elements/plan-rag-badge.js').then((module) => module.PlanRagBadge),
  'plan-summary': () => import('./elements/plan-summary.js').then((module) => module.PlanSummary),
  'plan-milestone-timeline': () => import('./elements/plan-milestone-timeline.js').then((module) => module.PlanMilestoneTimeline),
  'plan-action-table': () => import('./elements/plan-action-table.js').then((module) => module.PlanActionTable),
};

let load: (tag: string) => Promise<void> = async () => undefined;

/**
 * The first copy of this bundle on a page (two web parts may each bring one) serves every later
 * copy: a later copy loads nothing of its own (no second Lit, no second Trusted Types policy, which a
 * page's `trusted-types lit-html` would refuse) and hands its loadElements calls to the first.
 */
const BUNDLE = Symbol.for('plankit-bundle');
interface FirstCopy {
  loadElements(...tags: string[]): Promise<void>;
}
const scope = globalThis as unknown as Record<symbol, unknown>;
const firstCopy = scope[BUNDLE] as FirstCopy | undefined;

/**
 * Loads and registers elements by tag now (all of them with no argument). The bundle finds the tags
 * in the page by itself; a script that creates plan elements inside its own shadow roots, which the
 * bundle cannot see into, calls this first: `import { loadElements } from '.../plankit.js'`.
 */
export async function loadElements(...tags: string[]): Promise<void> {
  if (firstCopy) return firstCopy.loadElements(...tags);
  const wanted = tags.length > 0 ? tags : Object.keys(LOADERS);
  await Promise.all(wanted.filter((tag) => tag in LOADERS && !customElements.get(tag)).map((tag) => load(tag)));
}

const ROOT_FLAG = Symbol.for('plankit-context-root');

if (!firstCopy && typeof document !== 'undefined' && typeof customElements !== 'undefined') {
  scope[BUNDLE] = { loadElements } satisfies FirstCopy;
  if (!scope[ROOT_FLAG]) {
    scope[ROOT_FLAG] = true;
    new ContextRoot().attach(document.documentElement);
  }
  // The code every element shares (Lit, the plan core) is fetched at once, beside the first
  // element's own chunk rather than after it.
  void import('./base.js');
  const pending = new Set(Object.keys(LOADERS).filter((tag) => !customElements.get(tag)));

  load = (tag: string): Promise<void> => {
    pending.delete(tag);
    return LOADERS[tag]!().then(
      (element) => void defineElement(tag, element),
      (error: unknown) => console.error(`plankit: the code for <${tag}> could not be loaded.`, error),
    );
  };

  // The plan core (readers, validator, due dates, checks) is fetched beside the elements' code when
  // the page has a plan to load; a page of badges with their own status words never fetches it.
  // (An element given a plan by script fetches it then.) A failure is reported by the element.
  const PLAN_HOLDERS = 'plan-source, :is(plan-rag-badge, plan-summary, plan-action-table, plan-milestone-timeline)[src]';
  let coreFetched = false;
  const fetchCore = () => {
    coreFetched = true;
    import('./state.js').catch(() => undefined);
  };

  /** Loads every pending element whose tag is at or under `root`. */
  const scan = (root: Element | Document): void => {
    for (const tag of [...pending]) {
      if ((root instanceof Element && root.localName === tag) || root.querySelector(tag)) load(tag);
    }
    if (!coreFetched && ((root instanceof Element && root.matches(PLAN_HOLDERS)) || root.querySelector(PLAN_HOLDERS))) fetchCore();
  };

  scan(document);
  if (pending.size > 0) {
    const observer = new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) if (node instanceof Element) scan(node);
      }
      if (pending.size === 0) observer.disconnect();
    });
    observer.observe(document.documentElement, { childList: true, subtree: true });
  }
}
