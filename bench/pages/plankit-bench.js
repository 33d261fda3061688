// Measurements of Plankit's elements, run inside the page (see bench/browser.mjs). Each call makes a
// fresh element, so every run starts from an element that has never seen the plan.
import { actionsOf, cellText, beforeMeasuring, frame, layoutNow, nextFrameRendered, longestStyleAndLayout, longestTask, longestTaskStartingIn, longTasksSupported, planText, quiet, whenDom } from './common.js';

const stage = document.getElementById('stage');

/** Why the element shows no plan, if it shows an error: thrown so that the run stops with the reason. */
function failIfError(element) {
  const state = element.state;
  if (state?.status === 'error') throw new Error(`<${element.localName}> shows an error: ${state.error?.message ?? 'unknown'}`);
}

async function freshElement(tag, attributes = {}) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  stage.replaceChildren(element);
  await element.updateComplete;
  await beforeMeasuring();
  return element;
}

/**
 * Notes when the element's plan state becomes 'ready' (the plan read, validated and checked, before
 * anything is rendered from it), by wrapping its reactive `state` accessor on this one instance.
 * The time stays undefined if the element has no such accessor.
 */
function watchReady(element) {
  const mark = { time: undefined };
  let descriptor;
  for (let proto = Object.getPrototypeOf(element); proto && !descriptor; proto = Object.getPrototypeOf(proto)) descriptor = Object.getOwnPropertyDescriptor(proto, 'state');
  if (!descriptor?.get || !descriptor.set) return mark;
  Object.defineProperty(element, 'state', {
    configurable: true,
    get() {
      return descriptor.get.call(this);
    },
    set(value) {
      if (value?.status === 'ready' && mark.time === undefined) mark.time = performance.now();
      descriptor.set.call(this, value);
    },
  });
  return mark;
}

const rowCount = (root) => root.querySelectorAll('tr.action-row').length;

/** The element's default rows per page (DEFAULT_PAGE_SIZE in plan-action-table.ts). */
const DEFAULT_PAGE_SIZE = 100;

/** How many rows a table with these attributes shows at once for a plan of `total` actions. */
function rowsOnPage(total, attributes) {
  const size = attributes['page-size'] === undefined ? DEFAULT_PAGE_SIZE : Number(attributes['page-size']);
  return size > 0 && total > size ? size : total;
}

/**
 * Gives a fresh <plan-action-table> the plan as an object (`.plan = object`: no fetch) and times, from
 * that assignment: the first rows in the shadow DOM, every row of the first page in it (with
 * page-size="0", every row of the plan: the table adds rows beyond the first 200 in chunks on later
 * frames), and those laid out. Also the longest task meanwhile.
 */
async function renderTable(name, attributes = {}) {
  const plan = JSON.parse(await planText(name));
  const total = actionsOf(plan).length;
  const expected = rowsOnPage(total, attributes);
  const element = await freshElement('plan-action-table', attributes);
  const root = element.shadowRoot;
  let first;
  const allRows = whenDom(
    root,
    (now) => {
      failIfError(element);
      const rows = rowCount(root);
      if (rows > 0 && first === undefined) first = { time: now, rows };
      return rows >= expected;
    },
    { what: `${expected} rows` },
  );
  const ready = watchReady(element);
  const start = performance.now();
  element.plan = plan;
  const all = await allRows;
  const laidOut = layoutNow(element);
  await quiet();
  return {
    element,
    rows: total,
    onPage: expected,
    attributes,
    themes: plan.themes.length,
    firstRows: first.rows,
    checkedMs: ready.time === undefined ? undefined : ready.time - start,
    firstMs: first.time - start,
    allMs: all - start,
    layoutMs: laidOut - start,
    longestMs: longestTask(start, laidOut),
    // Tasks that began after the first rows were in: the chunks (the first task also read and checked the plan).
    longestAfterFirstMs: longestTaskStartingIn(first.time, laidOut),
    longestStyleAndLayoutMs: longestStyleAndLayout(start, laidOut),
  };
}

/** Whether, within every theme, the rows are in ascending order of the given column's text. */
function sortedWithinThemes(root, column) {
  const collator = new Intl.Collator('en-GB', { numeric: true, sensitivity: 'base' });
  for (const body of root.querySelectorAll('tbody.theme')) {
    const texts = [...body.querySelectorAll(`tr.action-row > .col-${column}`)].map(cellText);
    for (let i = 1; i < texts.length; i++) if (collator.compare(texts[i - 1], texts[i]) > 0) return false;
  }
  return true;
}

/** Clicks a column's sort button in the shadow DOM; times until the rows are in the new order, and until the next frame is rendered. */
async function timeSort(element, column) {
  const root = element.shadowRoot;
  const button = root.querySelector(`button.sort[data-column="${column}"]`);
  if (!button) throw new Error(`no sort button for ${column}`);
  const before = [...root.querySelectorAll('tr.action-row')].slice(0, 50).map((row) => row.id).join(' ');
  await beforeMeasuring();
  const start = performance.now();
  button.click();
  await element.updateComplete;
  const dom = performance.now();
  const rendered = await nextFrameRendered();
  await quiet();
  const after = [...root.querySelectorAll('tr.action-row')].slice(0, 50).map((row) => row.id).join(' ');
  const header = button.closest('th');
  return {
    domMs: dom - start,
    renderedMs: rendered - start,
    longestMs: longestTask(start, rendered),
    rows: rowCount(root),
    ordered: header.getAttribute('aria-sort') === 'ascending' && sortedWithinThemes(root, column) && before !== after,
  };
}

/** Applies a filter (a property or attribute change) and times until the table holds the filtered rows, and until the next frame is rendered. */
async function timeFilter(element, apply) {
  const root = element.shadowRoot;
  const rowsBefore = rowCount(root);
  await beforeMeasuring();
  const start = performance.now();
  apply();
  await element.updateComplete;
  const dom = performance.now();
  const rendered = await nextFrameRendered();
  await quiet();
  return { domMs: dom - start, renderedMs: rendered - start, longestMs: longestTask(start, rendered), rowsBefore, rows: rowCount(root), count: cellText(root.querySelector('#count')) };
}

/** Clicks the Next page button and times until the next page's rows are in, and until the next frame is rendered. */
async function timeNextPage(element) {
  const root = element.shadowRoot;
  const button = root.querySelector('.page-step--next button');
  if (!button) throw new Error('no Next page button');
  const firstBefore = root.querySelector('tr.action-row')?.id;
  await beforeMeasuring();
  const start = performance.now();
  button.click();
  await element.updateComplete;
  const dom = performance.now();
  const rendered = await nextFrameRendered();
  await quiet();
  return { domMs: dom - start, renderedMs: rendered - start, longestMs: longestTask(start, rendered), rows: rowCount(root), moved: root.querySelector('tr.action-row')?.id !== firstBefore };
}

/** Undoes a filter and times until every row is back (they come back in chunks). */
async function timeClear(element, clear, expected) {
  const root = element.shadowRoot;
  await beforeMeasuring();
  // Back when the count no longer says a filter is on and the rows are in (with pages, the first page).
  const back = whenDom(root, () => rowCount(root) >= expected && !/ shown of /.test(cellText(root.querySelector('#count'))), { what: `${expected} rows back` });
  const start = performance.now();
  clear();
  const all = await back;
  const laidOut = layoutNow(element);
  await quiet();
  return { allMs: all - start, layoutMs: laidOut - start, longestMs: longestTask(start, laidOut), longestStyleAndLayoutMs: longestStyleAndLayout(start, laidOut) };
}

window.bench = {
  longTasksSupported,

  /** 1: first render of a table (`arg`: a plan's name, or { name, attributes }). */
  async tableRender(arg) {
    const { name, attributes = {} } = typeof arg === 'string' ? { name: arg } : arg;
    const result = await renderTable(name, attributes);
    delete result.element;
    return result;
  },

  /** 2: a big table: render (with the longest task), then sort, filter by status, clear, search. */
  async bigTable({ name, sortColumn, status, search, attributes = {} }) {
    const render = await renderTable(name, attributes);
    const { element } = render;
    delete render.element;
    const nextPage = render.onPage < render.rows ? await timeNextPage(element) : undefined;
    const sort = await timeSort(element, sortColumn);
    const statusFilter = await timeFilter(element, () => element.setAttribute('filter-status', status));
    const clear = await timeClear(element, () => element.removeAttribute('filter-status'), render.onPage);
    const searchFilter = await timeFilter(element, () => {
      element.search = search;
    });
    return { render, nextPage, sort, statusFilter, clear, searchFilter };
  },

  /** 4: Plankit's side of the comparison with MoJ: the same columns, one sort of a freshly rendered table. */
  async tableSort({ name, columns, column, attributes = {} }) {
    const render = await renderTable(name, { columns, ...attributes });
    const sort = await timeSort(render.element, column);
    return { rows: render.rows, ...sort };
  },

  /**
   * 3: first render of a timeline. Times, from `.plan = object`: the first screen (the first items in
   * the shadow DOM, and laid out in a frame: a ResizeObserver on the first item), and everything (every
   * item on the axis, the lists apart and the ordered list: nothing left aria-busy), then laid out
   * (forced: what is out of view with content-visibility: auto is left to the browser, as for a reader).
   */
  async timelineRender(name) {
    const plan = JSON.parse(await planText(name));
    const element = await freshElement('plan-milestone-timeline');
    const root = element.shadowRoot;
    let first;
    let firstLaidOut;
    const rendered = whenDom(
      root,
      (now) => {
        failIfError(element);
        if (element.state?.status !== 'ready' || element.isUpdatePending || root.querySelector('[part~="item"]') === null) return false;
        if (first === undefined) {
          first = { time: now, items: root.querySelectorAll('[part~="item"]').length };
          // Laid out in a frame the browser renders (nothing forced): a ResizeObserver reports the first item's size after that frame's layout.
          firstLaidOut = new Promise((done) => {
            const observer = new ResizeObserver((entries) => {
              if (entries.some((entry) => entry.contentRect.width > 0)) {
                observer.disconnect();
                done(performance.now());
              }
            });
            observer.observe(root.querySelector('[part~="item"]'));
          });
        }
        // Big plans are rendered by chunks after the first screen, with aria-busy on what is still coming.
        return root.querySelector('[aria-busy="true"]') === null;
      },
      { what: 'the timeline items' },
    );
    const ready = watchReady(element);
    const start = performance.now();
    element.plan = plan;
    const all = await rendered;
    const laidOut = layoutNow(element);
    first.laidOut = await firstLaidOut;
    await quiet();
    const milestones = actionsOf(plan).reduce((sum, action) => sum + (action.milestones?.length ?? 0), 0);
    const onAxis = root.querySelectorAll('[part~="item"]');
    const onAxisMilestones = [...onAxis].filter((item) => /milestone/i.test(item.getAttribute('aria-label') ?? '')).length;
    return {
      checkedMs: ready.time === undefined ? undefined : ready.time - start,
      firstItems: first.items,
      firstMs: first.laidOut - start,
      domMs: all - start,
      layoutMs: laidOut - start,
      longestFirstMs: longestTask(start, first.laidOut),
      longestMs: longestTask(start, laidOut),
      longestAfterFirstMs: longestTaskStartingIn(first.laidOut, laidOut),
      actions: actionsOf(plan).length,
      milestones,
      onAxis: onAxis.length,
      onAxisMilestones,
      listed: root.querySelectorAll('[part~="list"] ol > li').length,
      apart: Object.fromEntries(['ongoing', 'recurring', 'unresolved', 'undated'].map((kind) => [kind, root.querySelectorAll(`.apart-list.${kind} li`).length])),
    };
  },
};

// The elements are created by this script, not found in the page: ask the bundle for their code.
const { loadElements } = await import('/plankit/plankit.js');
await loadElements('plan-action-table', 'plan-milestone-timeline');
await Promise.all(['plan-action-table', 'plan-milestone-timeline'].map((name) => customElements.whenDefined(name)));
await frame();
window.benchReady = true;
