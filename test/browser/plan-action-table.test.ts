import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import '../../packages/elements/src/define.js';
import { DEFAULT_PAGE_SIZE, pageNumbers, PlanActionTable, safeLinkHref, TABLE_COLUMNS } from '../../packages/elements/src/elements/plan-action-table.js';
import { defineElement, deepQueryAll, expectAccessible, samplePlan, settle, whenShown, XSS_PAYLOADS } from './helpers.js';

defineElement('plan-action-table', PlanActionTable);

declare global {
  interface Window {
    __xss?: unknown;
  }
}

afterEach(() => {
  document.body.innerHTML = '';
  if (location.hash) history.replaceState(null, '', location.pathname + location.search);
});

/** Puts a table showing `plan` into the page (inside `parent`, with the given attributes) and waits for it. */
async function mount(attributes = '', plan: unknown = samplePlan(), parent: HTMLElement = document.body): Promise<PlanActionTable> {
  const holder = document.createElement('div');
  holder.innerHTML = `<plan-action-table ${attributes}></plan-action-table>`;
  const table = holder.firstElementChild as PlanActionTable;
  table.plan = plan;
  parent.append(holder);
  await whenShown(table);
  return table;
}

const root = (table: PlanActionTable) => table.shadowRoot!;
const $ = <T extends Element = HTMLElement>(table: PlanActionTable, selector: string) => root(table).querySelector(selector) as T;
const $$ = <T extends Element = HTMLElement>(table: PlanActionTable, selector: string) => [...root(table).querySelectorAll(selector)] as T[];
const text = (element: Element | null | undefined) => (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
/** The action keys of the rows, in the order shown. */
const rowKeys = (table: PlanActionTable) => $$(table, 'tr.action-row').map((row) => row.id.replace(/^action-/, ''));
const headerTexts = (table: PlanActionTable) => $$(table, 'thead th').map((th) => text(th).replace(/[▲▼]/g, '').trim());
const liveText = (table: PlanActionTable) => text($(table, '[role="status"]')).replace(/\u00a0/g, '').trim();
const cell = (table: PlanActionTable, key: string, column: string) => $(table, `[id="action-${key}"] > .col-${column}`);

async function setControl(table: PlanActionTable, id: string, value: string | boolean): Promise<void> {
  const control = $<HTMLInputElement | HTMLSelectElement>(table, `#${id}`);
  if (typeof value === 'boolean') (control as HTMLInputElement).checked = value;
  else control.value = value;
  control.dispatchEvent(new Event(control instanceof HTMLInputElement && control.type === 'search' ? 'input' : 'change', { bubbles: true }));
  await settle(table.parentNode!);
}

async function clickSort(table: PlanActionTable, column: string): Promise<void> {
  $(table, `button.sort[data-column="${column}"]`).click();
  await settle(table.parentNode!);
}

/** A plan of `count` actions over ten themes, every one with a lead, a date and a status. */
function bigPlan(count: number) {
  const statuses = ['green', 'amber', 'red', 'blue', 'not-started'];
  const themes = Array.from({ length: 10 }, (_, t) => ({
    id: `T${t + 1}`,
    title: `Theme ${t + 1}`,
    actions: Array.from({ length: count / 10 }, (_, a) => ({
      id: `${t + 1}.${a + 1}`,
      title: `Action ${t + 1}.${a + 1}`,
      lead: a % 2 === 0 ? 'KCC' : 'TMBC',
      due: `28/${String((a % 12) + 1).padStart(2, '0')}/2018`,
      status: statuses[a % statuses.length],
    })),
  }));
  return samplePlan({ themes });
}

describe('<plan-action-table>: rendering', () => {
  it('renders a real table: caption with title and as-at date, header scopes, theme row groups', async () => {
    const table = await mount();
    const caption = $(table, 'table > caption');
    expect(text(caption)).toContain('Community Safety Partnership Action Plan 2017/18');
    expect(text(caption)).toContain('As at 31 December 2017');
    expect(caption.getAttribute('part')).toBe('caption');
    expect($(table, 'table').getAttribute('part')).toBe('table');

    expect(headerTexts(table)).toEqual(['Ref', 'Action', 'Lead', 'Due date', 'Status', 'Latest update']);
    for (const th of $$(table, 'thead th')) expect(th.getAttribute('scope')).toBe('col');

    const groups = $$(table, 'table > tbody.theme');
    expect(groups).toHaveLength(2);
    const headings = groups.map((group) => group.querySelector('tr:first-child > th')!);
    expect(headings.map((th) => text(th))).toEqual(['Anti-social behaviour', 'Domestic abuse']);
    for (const th of headings) {
      expect(th.getAttribute('scope')).toBe('rowgroup');
      expect(th.getAttribute('colspan')).toBe('6');
      expect(th.parentElement!.getAttribute('part')).toBe('theme-heading');
    }
    expect(groups[0].querySelectorAll('tr.action-row')).toHaveLength(2);
    expect(groups[1].querySelectorAll('tr.action-row')).toHaveLength(3);
    expect(rowKeys(table)).toEqual(['1.1', '1.2', '2.1', '2.2', '2.3']);
    for (const row of $$(table, 'tr.action-row')) {
      expect(row.getAttribute('part')).toBe('row');
      expect(row.querySelector(':scope > th')!.getAttribute('scope')).toBe('row');
    }
  });

  it('names lead agencies in full from the register, the id as an abbreviation', async () => {
    const table = await mount();
    const lead = cell(table, '1.1', 'lead');
    expect(text(lead)).toContain('Kent County Council (KCC)');
    expect(text(lead)).toContain('Kent Police');
    const abbr = lead.querySelector('abbr')!;
    expect(abbr.getAttribute('title')).toBe('Kent County Council');
    expect(abbr.textContent).toBe('KCC');
    expect(text(cell(table, '1.2', 'lead'))).toBe('Tonbridge and Malling Borough Council (TMBC)');
  });

  it('shows the officer in brackets after the agency', async () => {
    const plan = samplePlan();
    (plan.themes[0].actions[1] as Record<string, unknown>).lead = { agency: 'TMBC', officer: 'Community Safety Manager' };
    const table = await mount('', plan);
    expect(text(cell(table, '1.2', 'lead'))).toBe('Tonbridge and Malling Borough Council (TMBC) (Community Safety Manager)');
  });

  it('shows partners and a lead listed under a heading (group) inside that heading, in the plan\'s order', async () => {
    const plan = samplePlan();
    const action = plan.themes[0].actions[0] as Record<string, unknown>;
    action.partners = [
      'TMBC',
      { agency: 'KCC', officer: 'Community Care', group: 'KCC mainstream activity' },
      { agency: 'Housing Services', group: 'KCC mainstream activity' },
      { agency: 'Kent Police', group: 'Police mainstream activity:' },
    ];
    (plan.themes[0].actions[1] as Record<string, unknown>).lead = { agency: 'TMBC', officer: 'CCTV', group: 'TMBC mainstream activity continued' };
    const table = await mount('columns="id title lead partners"', plan);
    const partners = cell(table, '1.1', 'partners');
    const items = [...partners.querySelectorAll(':scope > ul > li')];
    // As a reader sees it (innerText: the heading and each agency on a line of its own).
    expect(items.map((li) => (li as HTMLElement).innerText.replace(/\s+/g, ' ').trim())).toEqual([
      'Tonbridge and Malling Borough Council (TMBC)',
      'KCC mainstream activity: Kent County Council (KCC) (Community Care) Housing Services',
      'Police mainstream activity: Kent Police',
    ]);
    // The heading once, its agencies a list inside it; a heading that has its colon gets no second one.
    expect(text(items[1].querySelector('.agency-group'))).toBe('KCC mainstream activity:');
    expect([...items[1].querySelectorAll('ul > li')].map((li) => text(li))).toEqual(['Kent County Council (KCC) (Community Care)', 'Housing Services']);
    expect(text(items[2].querySelector('.agency-group'))).toBe('Police mainstream activity:');
    expect(text(cell(table, '1.2', 'lead'))).toBe('TMBC mainstream activity continued: Tonbridge and Malling Borough Council (TMBC) (CCTV)');
    // The heading's words find the row.
    await setControl(table, 'search-filter', 'mainstream activity continued');
    expect(rowKeys(table)).toEqual(['1.2']);
    await expectAccessible(table);
  });

  it('says overdue and due soon in words, beside the officer\'s own "by when" text', async () => {
    const table = await mount();
    const overdue = cell(table, '1.2', 'due');
    expect(text(overdue)).toContain('Q2');
    expect(text(overdue)).toContain('Overdue: was due 30 September 2017');
    expect($(table, '[id="action-1.2"]').classList.contains('is-overdue')).toBe(true);
    const soon = cell(table, '2.1', 'due');
    expect(text(soon)).toContain('2018-01-10');
    expect(text(soon)).toContain('Due 10 January 2018');
    expect(text(soon)).toContain('Due soon');
    const later = cell(table, '1.1', 'due');
    expect(text(later)).toContain('March 2018');
    expect(text(later)).toContain('Due by 31 March 2018');
    expect(text(later)).not.toMatch(/Overdue|Due soon/);
    // Complete and ongoing items are never overdue.
    expect(text(cell(table, '2.2', 'due'))).not.toMatch(/Overdue/);
    expect(text(cell(table, '2.3', 'due'))).not.toMatch(/Overdue/);
  });

  it('shows status as the legend label in words, with its definition as the badge title, not as a control', async () => {
    const table = await mount();
    const badge = cell(table, '1.1', 'status').querySelector('[part="status"]')!;
    expect(text(badge)).toBe('Green');
    expect(badge.getAttribute('title')).toBe('On track: will be delivered as planned.');
    expect(badge.matches('button, a, [tabindex]')).toBe(false);
    expect(badge.classList.contains('tag--green')).toBe(true);
    // A shape for each colour as well as the colour, so colour is never alone.
    const shapes = ['1.1', '1.2', '2.1', '2.3'].map((key) => getComputedStyle(cell(table, key, 'status').querySelector('[part="status"]')!, '::before').clipPath + getComputedStyle(cell(table, key, 'status').querySelector('[part="status"]')!, '::before').borderRadius);
    expect(new Set(shapes).size).toBe(4);
    expect(text(cell(table, '1.2', 'status'))).toBe('Red');
    expect(text(cell(table, '2.2', 'status'))).toBe('Not started');
    // One polite live region for the whole table, none in cells.
    expect(deepQueryAll(root(table), '[aria-live], [role="status"], [role="alert"]')).toHaveLength(1);
  });

  it('shows the latest update with its date', async () => {
    const table = await mount();
    expect(text(cell(table, '1.1', 'update').querySelector('.update-date'))).toBe('30 September 2017');
    expect(text(cell(table, '1.1', 'update'))).toBe('30 September 2017Police are now using the system.');
    expect(cell(table, '1.1', 'update').innerText.trim()).toBe('30 September 2017\nPolice are now using the system.');
    expect(cell(table, '1.1', 'update').querySelector('time')!.getAttribute('datetime')).toBe('2017-09-30');
    expect(text(cell(table, '2.1', 'update'))).toBe('No update yet');
  });

  it('shows the columns the columns attribute names, in its order', async () => {
    const table = await mount('columns="title id partners measure baseline target direction bogus"');
    expect(headerTexts(table)).toEqual(['Action', 'Ref', 'Partners', 'Measure', 'Baseline', 'Target', 'Direction of travel']);
    expect(text(cell(table, '1.1', 'partners'))).toBe('Tonbridge and Malling Borough Council (TMBC)');
    expect(text(cell(table, '1.1', 'measure'))).toBe('Cases managed on the system');
    expect(text(cell(table, '1.2', 'baseline'))).toBe('33 referrals');
    expect(text(cell(table, '1.1', 'target'))).toBe('80%');
    expect(text(cell(table, '1.1', 'direction'))).toContain('Improving');
    expect(cell(table, '1.1', 'direction').querySelector('[aria-hidden="true"]')).not.toBeNull();
    expect(text(cell(table, '2.1', 'direction'))).toBe('Not enough updates to compare');
    expect($$(table, 'tbody.theme > tr.theme-heading > th')[0].getAttribute('colspan')).toBe('7');
  });

  it('falls back to the default columns when none named are known', async () => {
    const table = await mount('columns="nothing here"');
    expect(headerTexts(table)).toEqual(['Ref', 'Action', 'Lead', 'Due date', 'Status', 'Latest update']);
  });

  it('takes its plan from an enclosing <plan-source>', async () => {
    const holder = document.createElement('div');
    holder.innerHTML = '<plan-source><plan-action-table></plan-action-table></plan-source>';
    const source = holder.firstElementChild as HTMLElement & { plan: unknown };
    source.plan = samplePlan();
    document.body.append(holder);
    const table = holder.querySelector('plan-action-table') as PlanActionTable;
    await whenShown(table);
    expect(rowKeys(table)).toEqual(['1.1', '1.2', '2.1', '2.2', '2.3']);
  });
});

describe('<plan-action-table>: sorting', () => {
  it('sorts by every column both ways, with aria-sort and one announcement', async () => {
    const table = await mount(`columns="${TABLE_COLUMNS.join(' ')}"`);
    const labels: Record<string, string> = {
      id: 'Ref',
      title: 'Action',
      lead: 'Lead',
      partners: 'Partners',
      due: 'Due date',
      status: 'Status',
      measure: 'Measure',
      baseline: 'Baseline',
      target: 'Target',
      update: 'Latest update',
      direction: 'Direction of travel',
    };
    for (const column of TABLE_COLUMNS) {
      for (const direction of ['ascending', 'descending']) {
        await clickSort(table, column);
        const th = $(table, `thead th.col-${column}`);
        expect(th.getAttribute('aria-sort')).toBe(direction);
        for (const other of $$(table, 'thead th')) if (other !== th) expect(other.getAttribute('aria-sort')).toBe('none');
        expect(liveText(table)).toBe(`Sorted by ${labels[column]}, ${direction}`);
        expect(th.querySelector('button')!.querySelector('[aria-hidden="true"]')).not.toBeNull();
        expect($$(table, 'tr.action-row')).toHaveLength(5);
      }
    }
  });

  it('sorts by due date with undated last, and by status in legend order, within each theme', async () => {
    const table = await mount();
    await clickSort(table, 'due');
    expect(rowKeys(table)).toEqual(['1.2', '1.1', '2.1', '2.3', '2.2']);
    await clickSort(table, 'due');
    expect(rowKeys(table)).toEqual(['1.1', '1.2', '2.3', '2.1', '2.2']);
    await clickSort(table, 'status');
    // The legend: Complete (blue), Green, Amber, Red, Not started.
    expect(rowKeys(table)).toEqual(['1.1', '1.2', '2.3', '2.1', '2.2']);
    await clickSort(table, 'status');
    expect(rowKeys(table)).toEqual(['1.2', '1.1', '2.2', '2.1', '2.3']);
    await clickSort(table, 'title');
    expect(rowKeys(table)).toEqual(['1.1', '1.2', '2.3', '2.2', '2.1']);
  });

  it('sorts ids numerically: 1.2 before 1.10', async () => {
    const plan = samplePlan({
      themes: [{ title: 'One theme', actions: ['1.10', '1.2', '1.1', '1.9', '1.2a'].map((id) => ({ id, title: `Action ${id}` })) }],
    });
    const table = await mount('', plan);
    await clickSort(table, 'id');
    expect(rowKeys(table)).toEqual(['1.1', '1.2', '1.2a', '1.9', '1.10']);
    await clickSort(table, 'id');
    expect(rowKeys(table)).toEqual(['1.10', '1.9', '1.2a', '1.2', '1.1']);
  });

  it('moves rows instead of re-creating them', async () => {
    const table = await mount();
    const before = $(table, '[id="action-2.2"]');
    await clickSort(table, 'due');
    await clickSort(table, 'id');
    await setControl(table, 'search-filter', 'publicise');
    expect($(table, '[id="action-2.2"]')).toBe(before);
  });

  it('makes only the headers named in sortable into buttons', async () => {
    const table = await mount('sortable="due status"');
    expect($$(table, 'thead button.sort').map((button) => button.dataset.column)).toEqual(['due', 'status']);
    expect($(table, 'thead th.col-title').hasAttribute('aria-sort')).toBe(false);
    expect($(table, 'thead th.col-due').getAttribute('aria-sort')).toBe('none');
    const none = await mount('sortable=""');
    expect($$(none, 'thead button')).toHaveLength(0);
  });

  it('starts sorted as the sort and sort-direction attributes say', async () => {
    const table = await mount('sort="due" sort-direction="descending"');
    expect(rowKeys(table)).toEqual(['1.1', '1.2', '2.3', '2.1', '2.2']);
    expect($(table, 'thead th.col-due').getAttribute('aria-sort')).toBe('descending');
  });

  it('sorts with the keyboard: Enter on a header button', async () => {
    const table = await mount();
    $(table, 'button.sort[data-column="due"]').focus();
    await userEvent.keyboard('{Enter}');
    await settle(document.body);
    expect($(table, 'thead th.col-due').getAttribute('aria-sort')).toBe('ascending');
    expect(root(table).activeElement).toBe($(table, 'button.sort[data-column="due"]'));
  });
});

describe('<plan-action-table>: filtering', () => {
  it('has real, labelled form controls above the table', async () => {
    const table = await mount();
    const filters = $(table, '[part="filters"]');
    expect(filters.compareDocumentPosition($(table, 'table')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    for (const id of ['status-filter', 'agency-filter', 'overdue-filter', 'search-filter']) {
      const control = $(table, `#${id}`);
      expect(filters.contains(control)).toBe(true);
      expect(text($(table, `label[for="${id}"]`))).not.toBe('');
    }
    expect($(table, '#status-filter').tagName).toBe('SELECT');
    expect($(table, '#agency-filter').tagName).toBe('SELECT');
    expect($<HTMLInputElement>(table, '#overdue-filter').type).toBe('checkbox');
    expect([...$<HTMLSelectElement>(table, '#status-filter').options].map((option) => option.text)).toEqual(['All statuses', 'Complete', 'Green', 'Amber', 'Red', 'Not started']);
    expect([...$<HTMLSelectElement>(table, '#agency-filter').options].map((option) => option.value)).toEqual(['', 'KCC', 'KFRS', 'Kent Police', 'TMBC']);
    expect([...$<HTMLSelectElement>(table, '#agency-filter').options].map((option) => option.text)).toEqual([
      'All agencies',
      'Kent County Council (KCC)',
      'Kent Fire and Rescue Service (KFRS)',
      'Kent Police',
      'Tonbridge and Malling Borough Council (TMBC)',
    ]);
  });

  it('filters by status, lead agency, overdue and text, announcing the count and firing plan-filter-change', async () => {
    const table = await mount();
    const events: CustomEvent[] = [];
    document.body.addEventListener('plan-filter-change', (event) => events.push(event as CustomEvent));

    await setControl(table, 'status-filter', 'red');
    expect(rowKeys(table)).toEqual(['1.2']);
    expect(liveText(table)).toBe('1 action shown of 5');
    expect(text($(table, '#count'))).toBe('1 action shown of 5');
    expect(events.at(-1)!.detail).toEqual({ status: 'red', agency: '', overdue: false, text: '', shown: 1, total: 5 });
    // The theme with nothing left is not shown.
    expect($$(table, 'tbody.theme')).toHaveLength(1);

    await setControl(table, 'status-filter', '');
    await setControl(table, 'agency-filter', 'KCC');
    expect(rowKeys(table)).toEqual(['1.1', '2.1']);
    expect(liveText(table)).toBe('2 actions shown of 5');
    expect(events.at(-1)!.detail).toMatchObject({ agency: 'KCC', shown: 2, total: 5 });

    await setControl(table, 'agency-filter', '');
    await setControl(table, 'overdue-filter', true);
    expect(rowKeys(table)).toEqual(['1.2']);
    expect(events.at(-1)!.detail).toMatchObject({ overdue: true, shown: 1 });

    await setControl(table, 'overdue-filter', false);
    await setControl(table, 'search-filter', 'Freedom');
    expect(rowKeys(table)).toEqual(['2.1']);
    expect(events.at(-1)!.detail).toMatchObject({ text: 'Freedom', shown: 1, total: 5 });
    await expect.poll(() => liveText(table)).toBe('1 action shown of 5');

    // Search finds agencies by full name and words in updates too.
    await setControl(table, 'search-filter', 'kent police');
    expect(rowKeys(table)).toEqual(['1.1']);
    await setControl(table, 'search-filter', 'referrals so far');
    expect(rowKeys(table)).toEqual(['1.2']);

    $(table, 'button.clear').click();
    await settle(document.body);
    expect(rowKeys(table)).toHaveLength(5);
    expect(liveText(table)).toBe('5 actions shown of 5');
    expect($<HTMLInputElement>(table, '#search-filter').value).toBe('');
  });

  it('sorts and filters together', async () => {
    const table = await mount();
    await setControl(table, 'agency-filter', 'TMBC');
    await clickSort(table, 'due');
    expect(rowKeys(table)).toEqual(['1.2', '2.2']);
    expect(liveText(table)).toBe('Sorted by Due date, ascending');
  });

  it('says so when nothing matches, and stays accessible', async () => {
    const table = await mount();
    await setControl(table, 'search-filter', 'no such words anywhere');
    expect(rowKeys(table)).toEqual([]);
    expect(text($(table, 'tbody'))).toBe('No actions match these filters.');
    await expect.poll(() => liveText(table)).toBe('0 actions shown of 5');
    expect($(table, 'table thead')).not.toBeNull();
    await expectAccessible(table);
  });

  it('takes filters from attributes, agencies by any spelling', async () => {
    const table = await mount('filter-agency="Kent County Council" filter-status="amber"');
    expect(rowKeys(table)).toEqual(['2.1']);
    expect($<HTMLSelectElement>(table, '#agency-filter').value).toBe('KCC');
    expect($<HTMLSelectElement>(table, '#status-filter').value).toBe('amber');
    const overdue = await mount('overdue-only');
    expect(rowKeys(overdue)).toEqual(['1.2']);
  });
});

describe('<plan-action-table>: expanding rows', () => {
  it('expands with Enter on the disclosure button: milestones and update history, newest first', async () => {
    const table = await mount();
    const selected: CustomEvent[] = [];
    document.body.addEventListener('plan-action-select', (event) => selected.push(event as CustomEvent));
    const button = $(table, '[id="action-1.1"] button.disclosure');
    expect(text(button)).toBe('Develop Project Themis to case manage ASB cases');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(button.closest('th')!.getAttribute('scope')).toBe('row');
    button.focus();
    await userEvent.keyboard('{Enter}');
    await settle(document.body);

    expect(button.getAttribute('aria-expanded')).toBe('true');
    const details = root(table).getElementById(button.getAttribute('aria-controls')!)!;
    expect(details).not.toBeNull();
    expect(details.querySelector('[part="details"]')).not.toBeNull();
    expect(selected).toHaveLength(1);
    expect(selected[0].detail).toMatchObject({ key: '1.1', id: '1.1', expanded: true });
    expect(selected[0].detail.action.title).toBe('Develop Project Themis to case manage ASB cases');

    const milestones = [...details.querySelectorAll('.milestones > li')];
    expect(milestones.map((li) => text(li.querySelector('.milestone-title')))).toEqual(['Wardens trained', 'Partners trained', 'Review with partners']);
    expect(text(milestones[0])).toContain('Complete');
    expect(text(milestones[0])).toContain('Completed on 15 September 2017');
    expect(text(milestones[1])).toContain('Amber');
    expect(text(milestones[1])).toContain('December 2017');
    expect(text(milestones[1])).toContain('Due soon');
    expect(text(milestones[2])).toContain('Date to be confirmed');
    expect(text(milestones[2])).toContain('No status');

    const updates = [...details.querySelectorAll('.updates > li')];
    expect(updates).toHaveLength(2);
    expect(text(updates[0])).toContain('30 September 2017');
    expect(text(updates[0])).toContain('Green');
    expect(text(updates[0])).toContain('Police are now using the system.');
    expect(text(updates[1])).toContain('30 June 2017');
    expect(text(updates[1])).toContain('Amber');
    expect(text(updates[1])).toContain('System procured.');
    expect(text(details)).toContain('On track: will be delivered as planned.');
    expect(text(details)).toContain('Partners');

    // Space closes it again (a native button).
    await userEvent.keyboard(' ');
    await settle(document.body);
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(root(table).getElementById(button.getAttribute('aria-controls')!)).toBeNull();
    expect(selected.at(-1)!.detail).toMatchObject({ key: '1.1', expanded: false });
  });

  it('says when a milestone is overdue, in words', async () => {
    const plan = samplePlan({ asOf: '2018-01-15' });
    const table = await mount('', plan);
    $(table, '[id="action-1.1"] button.disclosure').click();
    await settle(document.body);
    const milestones = $$(table, '.milestones > li');
    expect(text(milestones[1])).toContain('Overdue: was due 31 December 2017');
    expect(text(milestones[0])).not.toContain('Overdue');
  });

  it('is accessible with a row expanded', async () => {
    const table = await mount();
    $(table, '[id="action-1.1"] button.disclosure').click();
    $(table, '[id="action-1.2"] button.disclosure').click();
    await settle(document.body);
    expect($$(table, 'tr.details-row')).toHaveLength(2);
    await expectAccessible(table);
  });

  it('can be reached with Tab in a sensible order', async () => {
    const table = await mount();
    const order: string[] = [];
    document.body.tabIndex = -1;
    document.body.focus();
    for (let i = 0; i < 12; i++) {
      await userEvent.tab();
      const active = root(table).activeElement as HTMLElement | null;
      order.push(active ? active.id || active.dataset.column || active.dataset.key || active.className : 'outside');
    }
    expect(order).toEqual(['status-filter', 'agency-filter', 'overdue-filter', 'search-filter', 'clear', 'id', 'title', 'lead', 'due', 'status', 'update', 'action-1.1']);
  });
});

describe('<plan-action-table>: deep links', () => {
  it('expands, scrolls to and focuses the row named in the page fragment on load', async () => {
    history.replaceState(null, '', '#action-1.2');
    const selected: CustomEvent[] = [];
    document.body.addEventListener('plan-action-select', (event) => selected.push(event as CustomEvent));
    const table = await mount();
    await expect.poll(() => root(table).activeElement?.id).toBe('action-1.2');
    expect($(table, '[id="action-1.2"] button.disclosure').getAttribute('aria-expanded')).toBe('true');
    expect(root(table).getElementById('action-1.2-details')).not.toBeNull();
    expect(selected.at(-1)!.detail).toMatchObject({ key: '1.2', expanded: true });
  });

  it('follows later changes of the fragment, clearing filters that hide the row', async () => {
    const table = await mount('filter-status="red"');
    expect(rowKeys(table)).toEqual(['1.2']);
    location.hash = '#action-2.1';
    await expect.poll(() => root(table).activeElement?.id).toBe('action-2.1');
    expect(rowKeys(table)).toHaveLength(5);
    expect($(table, '[id="action-2.1"] button.disclosure').getAttribute('aria-expanded')).toBe('true');
  });

  it('gives every row a valid, unique id from its key', async () => {
    const plan = samplePlan({
      themes: [{ title: 'T', actions: [{ id: '2.2*', title: 'Footnoted' }, { id: 'a b"c', title: 'Spaced' }, { id: '2.2*', title: 'Repeated' }, { title: 'No id' }] }],
    });
    const table = await mount('', plan);
    const ids = $$(table, 'tr.action-row').map((row) => row.id);
    expect(ids).toEqual(['action-2.2-', 'action-a-b-c', 'action-2.2--2', 'action-1-4']);
    for (const id of ids) expect(id).toMatch(/^[^\s]+$/);
  });
});

describe('<plan-action-table>: pages', () => {
  const pageButtons = (table: PlanActionTable) => $$(table, '[part="pagination"] button').map((button) => text(button));
  const current = (table: PlanActionTable) => text($(table, '[part="pagination"] [aria-current="page"]'));

  it('works out which page numbers to offer', () => {
    expect(pageNumbers(1, 1)).toEqual([1]);
    expect(pageNumbers(1, 10)).toEqual([1, 2, 0, 10]);
    expect(pageNumbers(5, 10)).toEqual([1, 0, 4, 5, 6, 0, 10]);
    // A gap of one page is that page, not an ellipsis.
    expect(pageNumbers(3, 10)).toEqual([1, 2, 3, 4, 0, 10]);
    expect(pageNumbers(10, 10)).toEqual([1, 0, 9, 10]);
    expect(pageNumbers(2, 3)).toEqual([1, 2, 3]);
  });

  it('shows a plan of more than 100 actions a page at a time, with every action counted', async () => {
    const table = await mount('', bigPlan(1000));
    expect($$(table, 'tr.action-row')).toHaveLength(DEFAULT_PAGE_SIZE);
    expect(rowKeys(table).slice(0, 2)).toEqual(['1.1', '1.2']);
    expect(text($(table, '#count'))).toBe('1000 actions; showing 1 to 100');
    const nav = $(table, 'nav[part="pagination"]');
    expect(nav.getAttribute('aria-label')).toBe('Pages of actions');
    // No Previous on the first page; numbers 1, 2, …, 10; Next.
    expect(pageButtons(table)).toEqual(['1', '2', '10', 'Next']);
    // Its name starts with the word shown (WCAG 2.5.3) and says what it moves through.
    expect($(table, '.page-step--next button').getAttribute('aria-label')).toBe('Next page');
    expect(text(nav)).toContain('⋯');
    expect(current(table)).toBe('1');
    expect($(table, '[part="pagination"] [aria-current="page"]').getAttribute('aria-label')).toBe('Page 1');
    await expectAccessible(table);
  });

  it('moves between pages by Next, Previous and number: rows, "continued" headings, the count, the announcement, focus and the event', async () => {
    const table = await mount('page-size="30"', bigPlan(200));
    const moves: CustomEvent[] = [];
    table.addEventListener('plan-page-change', (event) => moves.push(event as CustomEvent));
    $(table, '.page-step--next button').click();
    await settle(document.body);
    expect(rowKeys(table)).toHaveLength(30);
    expect(rowKeys(table)[0]).toBe('2.11');
    // Themes have 20 actions: Theme 2 began on page 1, and its heading says so; Theme 3 starts here.
    expect($$(table, '.theme-heading th').map(text)).toEqual(['Theme 2 (continued)', 'Theme 3']);
    expect(text($(table, '#count'))).toBe('200 actions; showing 31 to 60');
    expect(liveText(table)).toBe('Page 2 of 7, actions 31 to 60');
    expect(root(table).activeElement).toBe($(table, 'table'));
    expect(moves.at(-1)!.detail).toEqual({ page: 2, pages: 7, first: 31, last: 60 });
    expect(current(table)).toBe('2');

    $(table, '[part="pagination"] button[aria-label="Page 7"]').click();
    await settle(document.body);
    expect(rowKeys(table)).toEqual(Array.from({ length: 20 }, (_, i) => `10.${i + 1}`));
    expect($(table, '.page-step--next')).toBeNull();
    expect(liveText(table)).toBe('Page 7 of 7, actions 181 to 200');

    $(table, '.page-step--prev button').click();
    await settle(document.body);
    expect(rowKeys(table)[0]).toBe('8.11');
    expect(table.page).toBe(6);
  });

  it('is used by keyboard: Tab reaches the page buttons, Enter moves', async () => {
    const table = await mount('page-size="50" columns="id title"', bigPlan(100));
    $(table, '[part="pagination"] button[aria-label="Page 1"]').focus();
    await userEvent.tab();
    expect(root(table).activeElement).toBe($(table, '[part="pagination"] button[aria-label="Page 2"]'));
    await userEvent.keyboard('{Enter}');
    await settle(document.body);
    expect(rowKeys(table)[0]).toBe('6.1');
    expect(root(table).activeElement).toBe($(table, 'table'));
  });

  it('sorts and filters every row, then shows the first page of the result', async () => {
    const table = await mount('page-size="25"', bigPlan(200));
    $(table, '.page-step--next button').click();
    await settle(document.body);
    expect(table.page).toBe(2);
    await clickSort(table, 'status');
    expect(table.page).toBe(1);
    // Sorting is within each theme, over all of the theme's rows, not only those on the page.
    expect(rowKeys(table).slice(0, 4)).toEqual(['1.4', '1.9', '1.14', '1.19']);
    await setControl(table, 'agency-filter', 'TMBC');
    expect(text($(table, '#count'))).toBe('100 actions shown of 200; showing 1 to 25');
    expect(pageButtons(table)).toEqual(['1', '2', '3', '4', 'Next']);
    await setControl(table, 'status-filter', 'red');
    // 20 rows left: no pages at all.
    expect($(table, '[part="pagination"]')).toBeNull();
    expect(text($(table, '#count'))).toBe('20 actions shown of 200');
  });

  it('opens a deep link to an action on a later page', async () => {
    const table = await mount('', bigPlan(1000));
    location.hash = '#action-7.50';
    await expect.poll(() => root(table).activeElement?.id).toBe('action-7.50');
    expect(table.page).toBe(7);
    expect($(table, '[id="action-7.50"] button.disclosure').getAttribute('aria-expanded')).toBe('true');
    expect(current(table)).toBe('7');
  });

  it('prints every row, without the page buttons', async () => {
    const table = await mount('page-size="30" print', bigPlan(100));
    expect($$(table, 'tr.action-row')).toHaveLength(100);
    expect($(table, '[part="pagination"]')).toBeNull();
    expect(text($(table, '#count'))).toBe('100 actions');
  });

  it('hides the page buttons under print media even when shown on screen', async () => {
    const table = await mount('page-size="30"', bigPlan(100));
    const sheet = [...root(table).adoptedStyleSheets].map((s) => [...s.cssRules].map((r) => r.cssText).join('\n')).join('\n');
    expect(sheet).toMatch(/@media print[^]*\.pages[^{]*\{[^}]*display: none/);
  });

  it('says the page buttons in Welsh', async () => {
    const welsh = document.createElement('div');
    welsh.lang = 'cy';
    document.body.append(welsh);
    const table = await mount('page-size="25"', bigPlan(100), welsh);
    expect($(table, '[part="pagination"]').getAttribute('aria-label')).toBe('Tudalennau’r camau gweithredu');
    expect(text($(table, '.page-step--next'))).toBe('Nesaf');
    expect(text($(table, '#count'))).toBe('100 cam gweithredu; yn dangos 1 i 25');
    $(table, '.page-step--next button').click();
    await settle(document.body);
    expect(liveText(table)).toBe('Tudalen 2 o 4, camau gweithredu 26 i 50');
    // Themes have 10 actions: Theme 3 began on page 1.
    expect($$(table, '.theme-heading th').map(text)[0]).toBe('Theme 3 (parhad)');
    await expectAccessible(table);
  });

  it('reads and checks 10,000 actions in steps, giving the browser turns (scheduler.yield) in between', async () => {
    // The real scheduler.yield, counted: each call is a turn the page gets (input, painting) mid-way.
    const scheduler = (globalThis as unknown as { scheduler: { yield: () => Promise<void> } }).scheduler;
    const original = scheduler.yield;
    const holder = document.createElement('div');
    const table = document.createElement('plan-action-table') as PlanActionTable;
    const statesAtTurns: string[] = [];
    scheduler.yield = function (this: unknown) {
      statesAtTurns.push((table as unknown as { state: { status: string } }).state.status);
      return original.call(this);
    };
    try {
      table.plan = bigPlan(10_000);
      holder.append(table);
      document.body.append(holder);
      await whenShown(table);
    } finally {
      scheduler.yield = original;
    }
    // Read in one go (as before), the page would get no turn until the plan was ready.
    expect(statesAtTurns.length).toBeGreaterThanOrEqual(2);
    expect(new Set(statesAtTurns)).toEqual(new Set(['loading']));
    expect($$(table, 'tr.action-row')).toHaveLength(DEFAULT_PAGE_SIZE);
    expect(text($(table, '#count'))).toBe('10000 actions; showing 1 to 100');
  });

  it('reads a small plan without giving turns away (at most one, should the machine stall)', async () => {
    const scheduler = (globalThis as unknown as { scheduler: { yield: () => Promise<void> } }).scheduler;
    const original = scheduler.yield;
    let turns = 0;
    scheduler.yield = function (this: unknown) {
      turns++;
      return original.call(this);
    };
    try {
      const table = await mount('', bigPlan(20));
      expect($$(table, 'tr.action-row')).toHaveLength(20);
    } finally {
      scheduler.yield = original;
    }
    // Each turn needs a frame's worth (16 ms) of work since the last: 20 actions take a few ms, unless a
    // shared machine stalls once; 10,000 give several (the test above).
    expect(turns).toBeLessThanOrEqual(1);
  });

  it('drops a long reading that a new plan replaces part-way', async () => {
    const holder = document.createElement('div');
    const table = document.createElement('plan-action-table') as PlanActionTable;
    table.plan = bigPlan(10_000);
    holder.append(table);
    document.body.append(holder);
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(table.state.status).toBe('loading');
    table.plan = bigPlan(20);
    await whenShown(table);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(text($(table, '#count'))).toBe('20 actions');
    expect($$(table, 'tr.action-row')).toHaveLength(20);
  });

  it('keeps the page when the plan is replaced by a new reading, and brings it into range', async () => {
    const table = await mount('page-size="30"', bigPlan(200));
    table.page = 5;
    await settle(document.body);
    expect(rowKeys(table)[0]).toBe('7.1');
    table.plan = bigPlan(100);
    await whenShown(table);
    await settle(document.body);
    expect(table.page).toBe(5);
    expect(current(table)).toBe('4');
    expect(rowKeys(table)[0]).toBe('10.1');
  });
});

describe('<plan-action-table>: layouts', () => {
  it('stacks rows in a narrow container, each cell led by its header, still a table', async () => {
    const narrow = document.createElement('div');
    narrow.style.width = '300px';
    document.body.append(narrow);
    const table = await mount('', samplePlan(), narrow);
    const td = cell(table, '1.1', 'lead');
    expect(getComputedStyle(td).display).toBe('block');
    expect(td.getAttribute('data-label')).toBe('Lead');
    expect(getComputedStyle(td, '::before').content).toBe('"Lead"');
    expect(getComputedStyle($(table, '[id="action-1.1"]')).display).toBe('block');
    expect($(table, 'table')).not.toBeNull();
    expect($$(table, 'tr').length).toBeGreaterThan(5);
    expect($$(table, 'th[scope="row"]')).toHaveLength(5);
    expect($(table, 'table').getAttribute('role')).toBe('table');
    // The sort buttons stay usable.
    expect(getComputedStyle($(table, 'button.sort[data-column="due"]')).display).not.toBe('none');
    await expectAccessible(table);
  });

  it('keeps the wide layout with sticky headers in a wide container', async () => {
    const wide = document.createElement('div');
    wide.style.width = '1200px';
    document.body.append(wide);
    const table = await mount('', samplePlan(), wide);
    expect(getComputedStyle(cell(table, '1.1', 'lead')).display).toBe('table-cell');
    expect(getComputedStyle($(table, 'thead th')).position).toBe('sticky');
  });

  it('has a print layout: every row expanded, controls hidden, black text, no sticky header', async () => {
    const table = await mount('print');
    expect($$(table, 'tr.details-row')).toHaveLength(5);
    expect($$(table, 'button.disclosure')).toHaveLength(0);
    expect(getComputedStyle($(table, '[part="filters"]')).display).toBe('none');
    expect(getComputedStyle($(table, '.sort-icon')).display).toBe('none');
    expect(getComputedStyle($(table, 'thead th')).position).toBe('static');
    expect(getComputedStyle($(table, 'table')).color).toBe('rgb(0, 0, 0)');
    expect(text(cell(table, '1.1', 'status'))).toBe('Green');
    expect(text(cell(table, '1.2', 'due'))).toContain('Overdue: was due 30 September 2017');
    // The same rules apply under @media print.
    const sheets = root(table).adoptedStyleSheets.flatMap((sheet) => [...sheet.cssRules]);
    expect(sheets.some((rule) => rule instanceof CSSMediaRule && rule.conditionText === 'print' && /\.filters/.test(rule.cssText))).toBe(true);
  });

  it('expands every row for printing between beforeprint and afterprint', async () => {
    const table = await mount();
    window.dispatchEvent(new Event('beforeprint'));
    expect($$(table, 'tr.details-row')).toHaveLength(5);
    window.dispatchEvent(new Event('afterprint'));
    await settle(document.body);
    expect($$(table, 'tr.details-row')).toHaveLength(0);
  });
});

describe('<plan-action-table>: Welsh', () => {
  it('shows its words and dates in Welsh under lang="cy", and stays accessible', async () => {
    const welsh = document.createElement('div');
    welsh.lang = 'cy';
    document.body.append(welsh);
    const table = await mount('', samplePlan(), welsh);
    expect(headerTexts(table)).toEqual(['Cyf', 'Cam gweithredu', 'Arweinydd', 'Erbyn pryd', 'Statws', 'Diweddariad diweddaraf']);
    expect(text($(table, 'caption'))).toContain('Fel ar 31 Rhagfyr 2017');
    expect(text(cell(table, '1.1', 'due'))).toContain('31 Mawrth 2018');
    expect(text(cell(table, '1.2', 'due'))).toContain('Hwyr: roedd i fod erbyn 30 Medi 2017');
    expect(text(cell(table, '2.1', 'due'))).toContain('Yn ddyledus cyn bo hir');
    expect(text($(table, 'label[for="status-filter"]'))).toBe('Statws');
    expect(text($(table, 'label[for="overdue-filter"]'))).toBe('Rhai hwyr yn unig');
    expect($(table, '[part="filters"]').getAttribute('aria-label')).toBe('Hidlo’r camau gweithredu');
    expect(text($(table, '#count'))).toBe('5 cam gweithredu');
    await clickSort(table, 'due');
    expect(liveText(table)).toBe('Wedi’i drefnu yn ôl Erbyn pryd, esgynnol');
    await setControl(table, 'status-filter', 'red');
    expect(liveText(table)).toBe('Yn dangos 1 o 5 cam gweithredu');
    await setControl(table, 'status-filter', '');
    $(table, '[id="action-1.1"] button.disclosure').click();
    await settle(document.body);
    expect(text($(table, '.updates'))).toContain('30 Medi 2017');
    await expectAccessible(table);
  });
});

describe('<plan-action-table>: accessibility', () => {
  it('has no WCAG 2.2 AA violations as first shown', async () => {
    const table = await mount();
    await expectAccessible(table);
  });

  it('has no WCAG 2.2 AA violations with every column', async () => {
    const table = await mount(`columns="${TABLE_COLUMNS.join(' ')}"`);
    await clickSort(table, 'status');
    await expectAccessible(table);
  });
});

describe('<plan-action-table>: plan text is only ever text', () => {
  it('shows every XSS payload in every text field literally, and runs none', async () => {
    window.__xss = undefined;
    const actions = XSS_PAYLOADS.map((payload, index) => ({
      id: `${index + 1}`,
      title: payload,
      lead: [payload, { agency: 'KCC', officer: payload }],
      partners: [payload, { agency: 'KCC', group: payload }],
      due: payload,
      status: payload,
      measures: [payload],
      baseline: payload,
      target: payload,
      objective: payload,
      notes: payload,
      links: [{ text: payload, url: `https://example.org/?q=${encodeURIComponent(payload)}` }, { text: payload }],
      updates: [{ asOf: '2017-09-30', status: payload, text: payload, value: payload, by: payload }],
      milestones: [{ title: payload, due: payload, status: payload, lead: payload, measure: [payload] }],
    }));
    const plan = samplePlan({ title: XSS_PAYLOADS.join(' '), themes: [{ title: XSS_PAYLOADS[0], actions }] });
    const table = await mount(`print columns="${TABLE_COLUMNS.join(' ')}"`, plan);
    await expect.poll(() => $$(table, 'tr.details-row').length).toBe(XSS_PAYLOADS.length);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const shadowText = root(table).textContent ?? '';
    for (const [index, payload] of XSS_PAYLOADS.entries()) {
      const row = $(table, `[id="action-${index + 1}"]`);
      expect(text(row.querySelector('.col-title'))).toBe(payload.replace(/\s+/g, ' ').trim());
      for (const column of ['lead', 'partners', 'measure', 'baseline', 'target', 'update']) expect(row.querySelector(`.col-${column}`)!.textContent).toContain(payload);
      expect(row.querySelector('.col-due')!.textContent).toContain(payload);
      expect(row.querySelector('.col-status')!.textContent).toContain(payload);
      expect(shadowText.split(payload).length - 1).toBeGreaterThanOrEqual(10);
    }
    expect(text($(table, 'caption'))).toContain(XSS_PAYLOADS[1]);
    expect(deepQueryAll(root(table), 'script, img, svg, iframe, math, body, details, style, mglyph')).toHaveLength(0);
    for (const link of $$<HTMLAnchorElement>(table, 'a')) expect(link.protocol).toBe('https:');
    expect(window.__xss).toBeUndefined();
  });

  it('links only http(s) and mailto addresses', async () => {
    const plan = samplePlan();
    (plan.themes[0].actions[0] as Record<string, unknown>).links = [{ text: 'Strategy', url: 'https://example.org/strategy' }, { text: 'Words only' }];
    const table = await mount('', plan);
    $(table, '[id="action-1.1"] button.disclosure').click();
    await settle(document.body);
    const links = $$<HTMLAnchorElement>(table, '.details a');
    expect(links.map((link) => link.getAttribute('href'))).toEqual(['https://example.org/strategy']);
    expect(text($(table, '.details'))).toContain('Words only');
    // The schema already refuses other URLs in a plan; the element checks again on its own.
    expect(safeLinkHref('mailto:csp@example.org')).toBe('mailto:csp@example.org');
    expect(safeLinkHref(' HTTPS://example.org/a b')).toBe('https://example.org/a%20b');
    for (const bad of ['javascript:window.__xss = 1', ' jAvAsCrIpT:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<script>window.__xss=1</script>', 'vbscript:x', '//evil.example', 'x', '', undefined]) {
      expect(safeLinkHref(bad)).toBeUndefined();
    }
  });
});

describe('<plan-action-table>: states', () => {
  it('says it is loading, in words', async () => {
    const holder = document.createElement('div');
    holder.innerHTML = '<plan-action-table src="/never-there.plan.json"></plan-action-table>';
    document.body.append(holder);
    const table = holder.firstElementChild as PlanActionTable;
    await table.updateComplete;
    expect(text($(table, '[role="status"]'))).toBe('Loading the plan…');
  });

  it('says why a plan cannot be shown, and fires plan-error', async () => {
    const errors: CustomEvent[] = [];
    document.body.addEventListener('plan-error', (event) => errors.push(event as CustomEvent));
    const holder = document.createElement('div');
    holder.innerHTML = '<plan-action-table src="/no-such-plan.plan.json"></plan-action-table>';
    document.body.append(holder);
    const table = holder.firstElementChild as PlanActionTable;
    await whenShown(table);
    expect(text($(table, '[role="alert"]'))).toMatch(/the server answered 404/);
    expect($(table, 'table')).toBeNull();
    expect(errors).toHaveLength(1);
  });

  it('says when the plan has no actions', async () => {
    const table = await mount('', samplePlan({ themes: [{ title: 'Empty theme', actions: [] }] }));
    expect(text($(table, '[part="message"]'))).toBe('This plan has no actions yet.');
    expect($(table, 'table')).toBeNull();
    await expectAccessible(table);
  });
});

describe('<plan-action-table>: large plans', () => {
  it('renders every row of a 1,000-action plan with page-size="0", in a real table', async () => {
    const table = await mount('page-size="0"', bigPlan(1000));
    await expect.poll(() => $$(table, 'tr.action-row').length, { timeout: 20_000 }).toBe(1000);
    expect($$(table, 'tbody.theme')).toHaveLength(10);
    expect(text($(table, '#count'))).toBe('1000 actions');
    await clickSort(table, 'status');
    expect($$(table, 'tr.action-row')).toHaveLength(1000);
    await setControl(table, 'agency-filter', 'TMBC');
    expect($$(table, 'tr.action-row')).toHaveLength(500);
    expect(liveText(table)).toBe('500 actions shown of 1000');
    // Lifting a filter that left nothing brings every row back (by chunks, so no long task).
    await setControl(table, 'agency-filter', '');
    await setControl(table, 'search-filter', 'nothing matches this');
    expect($$(table, 'tr.action-row')).toHaveLength(0);
    $(table, 'button.clear').click();
    await expect.poll(() => $$(table, 'tr.action-row').length, { timeout: 20_000 }).toBe(1000);
    // Still sorted by status: the complete (blue) ones first.
    expect(rowKeys(table).slice(0, 2)).toEqual(['1.4', '1.9']);
  });

  it('renders a 10,000-action plan with page-size="0" progressively: the first rows at once, more on later frames', async () => {
    const table = await mount('page-size="0"', bigPlan(10_000));
    const first = $$(table, 'tr.action-row').length;
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(10_000);
    expect(text($(table, '#count'))).toBe('10000 actions');
    await expect.poll(() => $$(table, 'tr.action-row').length, { timeout: 30_000, interval: 100 }).toBeGreaterThan(first + 500);
    // Rows arrive in plan order, inside their theme's row group, in a real table.
    expect(rowKeys(table).slice(0, 3)).toEqual(['1.1', '1.2', '1.3']);
    expect($$(table, 'table > tbody.theme > tr.action-row').length).toBe($$(table, 'tr.action-row').length);
  });
});
