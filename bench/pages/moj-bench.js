// The reference: the Ministry of Justice's sortable table (moj-frontend, from npm) sorting the same
// rows as Plankit's table, as text in a plain <table>: id, title, lead, due, status.
import { SortableTable } from '/moj/sortable-table.bundle.mjs';
import { actionsOf, cellText, beforeMeasuring, frame, layoutNow, nextFrameRendered, longestTask, planText, quiet } from './common.js';

const stage = document.getElementById('stage');
const COLUMNS = ['ID', 'Action', 'Lead', 'By when', 'Status'];

const escape = (text) => String(text ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/** A lead or partner as the plan writes it: a name, { agency, officer }, or a list of these. */
function mentionText(mention) {
  if (mention === undefined || mention === null) return '';
  if (Array.isArray(mention)) return mention.map(mentionText).join(', ');
  if (typeof mention === 'object') return mention.officer ? `${mention.agency} (${mention.officer})` : String(mention.agency ?? '');
  return String(mention);
}

function dueText(due) {
  return typeof due === 'object' && due !== null ? (due.text ?? '') : (due ?? '');
}

function tableMarkup(plan) {
  const rows = actionsOf(plan)
    .map((action) => `<tr class="govuk-table__row">${[action.id, action.title, mentionText(action.lead), dueText(action.due), action.status].map((text) => `<td class="govuk-table__cell">${escape(text)}</td>`).join('')}</tr>`)
    .join('');
  return `<table class="govuk-table" data-module="moj-sortable-table">
    <caption class="govuk-table__caption">${escape(plan.title)}</caption>
    <thead class="govuk-table__head"><tr class="govuk-table__row">${COLUMNS.map((label) => `<th scope="col" class="govuk-table__header" aria-sort="none">${label}</th>`).join('')}</tr></thead>
    <tbody class="govuk-table__body">${rows}</tbody>
  </table>`;
}

window.bench = {
  /** The reference for this machine's speed: the same rows as a plain <table> with no script, put in by innerHTML and laid out. */
  async plainTable(name) {
    const plan = JSON.parse(await planText(name));
    const markup = tableMarkup(plan);
    stage.replaceChildren();
    await beforeMeasuring();
    const start = performance.now();
    stage.innerHTML = markup;
    const dom = performance.now();
    const laidOut = layoutNow(stage);
    await quiet();
    return { rows: stage.querySelector('tbody').rows.length, domMs: dom - start, layoutMs: laidOut - start };
  },

  /** Builds the table, starts MoJ's component on it, then clicks a column's sort button once and times until the rows are in the new order, and until the next frame is rendered. */
  async tableSort({ name, columnIndex }) {
    const plan = JSON.parse(await planText(name));
    stage.innerHTML = tableMarkup(plan);
    const table = stage.querySelector('table');
    new SortableTable(table);
    await quiet();
    const button = table.querySelectorAll('thead th')[columnIndex].querySelector('button');
    if (!button) throw new Error('the MoJ sortable table made no sort button');
    const body = table.tBodies[0];
    const before = [...body.rows].slice(0, 50).map((row) => cellText(row.cells[0])).join(' ');
    await beforeMeasuring();
    const start = performance.now();
    // MoJ sorts in the click handler itself: when click() returns the rows are in the new order.
    button.click();
    const dom = performance.now();
    const rendered = await nextFrameRendered();
    await quiet();
    const texts = [...body.rows].map((row) => row.cells[columnIndex].innerHTML);
    let ordered = button.closest('th').getAttribute('aria-sort') === 'ascending';
    for (let i = 1; ordered && i < texts.length; i++) if (texts[i - 1].localeCompare(texts[i]) > 0) ordered = false;
    const after = [...body.rows].slice(0, 50).map((row) => cellText(row.cells[0])).join(' ');
    return { rows: body.rows.length, domMs: dom - start, renderedMs: rendered - start, longestMs: longestTask(start, rendered), ordered: ordered && before !== after };
  },
};

await frame();
window.benchReady = true;
