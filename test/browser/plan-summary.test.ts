import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import '../../packages/elements/src/define.js';
import { PlanRagBadge } from '../../packages/elements/src/elements/plan-rag-badge.js';
import { PlanSummary } from '../../packages/elements/src/elements/plan-summary.js';
import type { PlanSource } from '../../packages/elements/src/elements/plan-source.js';
import { defineElement, expectAccessible, fixture, samplePlan, settle, whenShown, XSS_PAYLOADS } from './helpers.js';

beforeAll(() => {
  defineElement('plan-rag-badge', PlanRagBadge);
  defineElement('plan-summary', PlanSummary);
});

afterEach(() => {
  document.body.innerHTML = '';
  document.documentElement.removeAttribute('lang');
  delete (window as unknown as { __xss?: unknown }).__xss;
});

/** A summary given a plan directly, once shown. */
async function summaryOf(plan: unknown, attributes = ''): Promise<PlanSummary> {
  const element = await fixture<PlanSummary>(`<plan-summary ${attributes}></plan-summary>`);
  element.plan = plan;
  await whenShown(element);
  return element;
}

/** What a summary shows, read from its shadow tree. */
function read(element: Element) {
  const root = element.shadowRoot!;
  const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
  return {
    root,
    heading: text(root.querySelector('h1, h2, h3, h4, h5, h6')),
    asAt: text(root.querySelector('.as-at')),
    countsHeading: text(root.querySelector('.counts-heading')),
    rows: [...root.querySelectorAll('[part~="counts"] > div')].map((row) => ({
      status: row.getAttribute('data-status'),
      label: text(row.querySelector('dt')),
      shape: [...(row.querySelector('svg')?.classList ?? [])].find((name) => name.startsWith('shape-')),
      count: text(row.querySelector('dd')),
    })),
    overdue: [...root.querySelectorAll('[part~="overdue"] > div')].map((row) => [text(row.querySelector('dt')), text(row.querySelector('dd'))]),
    progressWords: text(root.querySelector('.progress-words')),
    progress: root.querySelector('progress') as HTMLProgressElement | null,
    message: text(root.querySelector('.message')),
  };
}

/*
 * samplePlan() by hand, at its own as-of date, 31 December 2017:
 * actions  1.1 green (due March 2018, milestones 1 of 3 complete: 33%)
 *          1.2 red (due Q2 of 2017/18 = 30 September 2017: overdue)
 *          2.1 amber (due 10 January 2018: within 30 days)
 *          2.2 not-started (Ongoing: never overdue)
 *          2.3 blue, complete (100%)
 * milestones  Wardens trained blue (complete), Partners trained amber (due December 2017 =
 *             31 December 2017, the as-of day: not overdue, due within 30 days), Review with
 *             partners: no status (TBC).
 * Percent complete: the mean of the actions' (33 + 0 + 0 + 0 + 100) / 5 = 26.6, so 27%.
 */
describe('<plan-summary>: samplePlan() as at 31 December 2017', () => {
  it('counts actions by status in the legend’s order, in words, with shapes', async () => {
    const summary = await summaryOf(samplePlan());
    const shown = read(summary);
    expect(shown.rows).toEqual([
      { status: 'blue', label: 'Complete', shape: 'shape-tick', count: '1 of 5 actions, 20%' },
      { status: 'green', label: 'Green', shape: 'shape-circle', count: '1 of 5 actions, 20%' },
      { status: 'amber', label: 'Amber', shape: 'shape-diamond', count: '1 of 5 actions, 20%' },
      { status: 'red', label: 'Red', shape: 'shape-triangle', count: '1 of 5 actions, 20%' },
      { status: 'not-started', label: 'Not started', shape: 'shape-ring', count: '1 of 5 actions, 20%' },
    ]);
    expect(shown.countsHeading).toBe('Actions');
  });

  it('shows the title, the as-at date, overdue and due-in-30-days counts, and percent complete', async () => {
    const summary = await summaryOf(samplePlan());
    const shown = read(summary);
    expect(shown.heading).toBe('Summary: Community Safety Partnership Action Plan 2017/18');
    expect(shown.root.querySelector('h2')).not.toBeNull();
    expect(shown.asAt).toBe('As at 31 December 2017');
    expect(shown.overdue).toEqual([
      ['Overdue', '1'],
      ['Due in the next 30 days', '1'],
    ]);
    expect(shown.progressWords).toBe('27% complete');
    expect(shown.progress?.value).toBe(27);
    expect(shown.progress?.max).toBe(100);
    expect(shown.root.querySelector('[part~="progress"] progress')).toBe(shown.progress);
    expect(shown.root.querySelector('[part~="summary"]')?.tagName).toBe('SECTION');
    await expectAccessible(summary.parentElement!);
  });

  it('counts milestones with count="milestones", with a "No status" row only because one has none', async () => {
    const summary = await summaryOf(samplePlan(), 'count="milestones"');
    const shown = read(summary);
    expect(shown.countsHeading).toBe('Milestones');
    expect(shown.rows.map(({ status, count }) => [status, count])).toEqual([
      ['blue', '1 of 3 milestones, 33%'],
      ['green', '0 of 3 milestones, 0%'],
      ['amber', '1 of 3 milestones, 33%'],
      ['red', '0 of 3 milestones, 0%'],
      ['not-started', '0 of 3 milestones, 0%'],
      ['none', '1 of 3 milestones, 33%'],
    ]);
    expect(shown.rows.at(-1)?.label).toBe('No status');
    expect(shown.overdue).toEqual([
      ['Overdue', '0'],
      ['Due in the next 30 days', '1'],
    ]);
    // Percent complete is always the plan's (of its actions).
    expect(shown.progressWords).toBe('27% complete');
    await expectAccessible(summary.parentElement!);
  });

  it('counts actions and milestones together with count="all"', async () => {
    const summary = await summaryOf(samplePlan(), 'count="all"');
    const shown = read(summary);
    expect(shown.countsHeading).toBe('Actions and milestones');
    // 8 items: 2 complete, 1 green, 2 amber, 1 red, 1 not started, 1 with no status.
    expect(shown.rows.map(({ count }) => count)).toEqual([
      '2 of 8 actions and milestones, 25%',
      '1 of 8 actions and milestones, 13%',
      '2 of 8 actions and milestones, 25%',
      '1 of 8 actions and milestones, 13%',
      '1 of 8 actions and milestones, 13%',
      '1 of 8 actions and milestones, 13%',
    ]);
    expect(shown.overdue).toEqual([
      ['Overdue', '1'],
      ['Due in the next 30 days', '2'],
    ]);
  });

  it('takes its window from due-within, and follows changes', async () => {
    const summary = await summaryOf(samplePlan(), 'due-within="7"');
    // Nothing unfinished is due between 31 December 2017 and 7 January 2018.
    expect(read(summary).overdue[1]).toEqual(['Due in the next 7 days', '0']);
    summary.setAttribute('due-within', '10');
    await settle(summary.parentElement!);
    // 2.1 is due on 10 January 2018, the tenth day.
    expect(read(summary).overdue[1]).toEqual(['Due in the next 10 days', '1']);
    summary.count = 'milestones';
    await settle(summary.parentElement!);
    expect(read(summary).overdue[1]).toEqual(['Due in the next 10 days', '1']);
  });

  it('reports as at another date with as-of', async () => {
    const summary = await summaryOf(samplePlan(), 'as-of="2018-02-01"');
    const shown = read(summary);
    expect(shown.asAt).toBe('As at 1 February 2018');
    // 1.2 and 2.1 are now overdue; 1.1's deadline (31 March 2018) is after the window's end (3 March 2018).
    expect(shown.overdue).toEqual([
      ['Overdue', '2'],
      ['Due in the next 30 days', '0'],
    ]);
  });

  it('works inside <plan-source> and takes the heading level asked for', async () => {
    document.body.innerHTML = `<plan-source><plan-summary heading-level="3"></plan-summary></plan-source>`;
    (document.querySelector('plan-source') as PlanSource).plan = samplePlan();
    const summary = document.querySelector('plan-summary')!;
    await whenShown(summary);
    expect(summary.shadowRoot!.querySelector('h3')?.textContent).toContain('Community Safety Partnership Action Plan 2017/18');
    expect(summary.shadowRoot!.querySelector('h4.counts-heading')?.textContent).toBe('Actions');
    expect(read(summary).rows).toHaveLength(5);
  });
});

describe('<plan-summary>: a plan’s own legend', () => {
  const plan = () =>
    samplePlan({
      statusScheme: [
        { key: 'on-track', label: 'On track', definition: 'Will be delivered on time.', colour: 'green' },
        { key: 'at-risk', label: 'At risk', colour: 'amber' },
        { key: 'done', label: 'Done', colour: 'blue', complete: true },
      ],
      themes: [
        {
          title: 'Theme',
          actions: [
            { title: 'One', status: 'on-track' },
            { title: 'Two', status: 'On track' },
            { title: 'Three', status: 'done' },
            { title: 'Four', status: 'amber' },
            { title: 'Five' },
          ],
        },
      ],
    });

  it('counts in the plan’s legend and words, with rows for no status and words not in the legend', async () => {
    const summary = await summaryOf(plan(), 'lang="cy"');
    const shown = read(summary);
    // The plan's own words stay as written, even on a Welsh page; the summary's own words are Welsh.
    expect(shown.rows.map(({ status, label, shape, count }) => [status, label, shape, count])).toEqual([
      ['on-track', 'On track', 'shape-circle', '2 allan o 5, 40%'],
      ['at-risk', 'At risk', 'shape-diamond', '0 allan o 5, 0%'],
      ['done', 'Done', 'shape-tick', '1 allan o 5, 20%'],
      ['none', 'Dim statws', 'shape-unknown', '1 allan o 5, 20%'],
      ['unknown', 'Ddim yn yr allwedd', 'shape-unknown', '1 allan o 5, 20%'],
    ]);
    expect(shown.progressWords).toBe('20% wedi’u cwblhau');
    await expectAccessible(summary.parentElement!);
  });

  it('says "Not in the legend" in English', async () => {
    const summary = await summaryOf(plan());
    expect(read(summary).rows.map(({ label }) => label)).toEqual(['On track', 'At risk', 'Done', 'No status', 'Not in the legend']);
    expect(read(summary).rows[0].count).toBe('2 of 5 actions, 40%');
  });
});

describe('<plan-summary>: Welsh', () => {
  it('shows every word in Welsh with lang="cy", and the default legend’s labels in Welsh', async () => {
    const summary = await summaryOf(samplePlan(), 'lang="cy"');
    const shown = read(summary);
    expect(shown.heading).toBe('Crynodeb: Community Safety Partnership Action Plan 2017/18');
    expect(shown.asAt).toBe('Fel ar 31 Rhagfyr 2017');
    expect(shown.countsHeading).toBe('Camau gweithredu');
    expect(shown.rows.map(({ label, count }) => [label, count])).toEqual([
      ['Wedi’i gwblhau', '1 allan o 5, 20%'],
      ['Gwyrdd', '1 allan o 5, 20%'],
      ['Ambr', '1 allan o 5, 20%'],
      ['Coch', '1 allan o 5, 20%'],
      ['Heb ddechrau', '1 allan o 5, 20%'],
    ]);
    expect(shown.overdue).toEqual([
      ['Hwyr', '1'],
      ['Yn ddyledus yn y 30 diwrnod nesaf', '1'],
    ]);
    expect(shown.progressWords).toBe('27% wedi’u cwblhau');
    await expectAccessible(summary.parentElement!);
  });

  it('follows the page’s language', async () => {
    document.documentElement.setAttribute('lang', 'cy');
    const summary = await summaryOf(samplePlan(), 'count="milestones"');
    expect(read(summary).countsHeading).toBe('Cerrig milltir');
    expect(read(summary).rows.at(-1)?.label).toBe('Dim statws');
  });
});

describe('<plan-summary>: loading, errors and empty plans', () => {
  it('says so while the plan loads, in a status message', async () => {
    const summary = await fixture<PlanSummary>(`<plan-summary></plan-summary>`);
    summary.src = '/no-such-plan.plan.json';
    await summary.updateComplete;
    const status = summary.shadowRoot!.querySelector('[role="status"]');
    expect(status?.textContent).toBe('Loading the plan…');
    await whenShown(summary);
  });

  it('shows an error in words and fires plan-error when the plan cannot be loaded', async () => {
    const errors: CustomEvent[] = [];
    document.body.addEventListener('plan-error', (event) => errors.push(event as CustomEvent));
    const summary = await fixture<PlanSummary>(`<plan-summary src="/no-such-plan.plan.json"></plan-summary>`);
    await whenShown(summary);
    const alert = summary.shadowRoot!.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('The plan cannot be shown');
    expect(alert?.textContent).toMatch(/the server answered 404/);
    expect(errors).toHaveLength(1);
    expect(summary.shadowRoot!.querySelector('[part~="summary"]')).toBeNull();
    await expectAccessible(summary.parentElement!);
  });

  it('shows an error for a plan that does not fit the format', async () => {
    const summary = await summaryOf({ themes: 'not a list' });
    expect(summary.shadowRoot!.querySelector('[role="alert"]')?.textContent).toMatch(/does not fit the plan format|cannot be read/);
  });

  it('says there is no plan when it has none', async () => {
    const summary = await fixture<PlanSummary>(`<plan-summary></plan-summary>`);
    expect(summary.shadowRoot!.textContent).toContain('No plan to show');
    await expectAccessible(summary.parentElement!);
  });

  it('shows the title and says the plan has no actions yet for an empty plan', async () => {
    const summary = await summaryOf({ title: 'A new plan', asOf: '2018-03-31', themes: [{ title: 'Theme to come' }] });
    const shown = read(summary);
    expect(shown.heading).toBe('Summary: A new plan');
    expect(shown.asAt).toBe('As at 31 March 2018');
    expect(shown.message).toBe('This plan has no actions yet.');
    expect(shown.rows).toEqual([]);
    expect(shown.progress).toBeNull();
    await expectAccessible(summary.parentElement!);
  });

  it('says a plan has no milestones when counting milestones of a plan without any', async () => {
    const summary = await summaryOf({ title: 'Flat plan', asOf: '2018-03-31', themes: [{ title: 'T', actions: [{ title: 'A', status: 'green' }] }] }, 'count="milestones"');
    expect(read(summary).message).toBe('This plan has no milestones.');
    expect(read(summary).progressWords).toBe('0% complete');
  });
});

describe('<plan-summary>: layout', () => {
  it('stacks in a narrow sidebar and sits side by side when there is room', async () => {
    const narrow = document.createElement('div');
    narrow.style.width = '280px';
    document.body.append(narrow);
    const summary = await fixture<PlanSummary>(`<plan-summary></plan-summary>`, narrow);
    summary.plan = samplePlan();
    await whenShown(summary);
    const sections = summary.shadowRoot!.querySelector('.sections') as HTMLElement;
    expect(getComputedStyle(sections).gridTemplateColumns.split(' ')).toHaveLength(1);
    narrow.style.width = '900px';
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(getComputedStyle(sections).gridTemplateColumns.split(' ')).toHaveLength(2);
    await expectAccessible(narrow);
  });
});

describe('<plan-summary>: hostile text', () => {
  it('shows XSS payloads in the title and legend as text, and runs none', async () => {
    for (const payload of XSS_PAYLOADS) {
      const summary = await summaryOf(
        samplePlan({ title: payload, statusScheme: [{ key: 'on-track', label: payload, colour: 'green' }], themes: [{ title: 'T', actions: [{ title: 'A', status: 'on-track' }] }] }),
      );
      const shown = read(summary);
      expect(shown.heading).toBe(`Summary: ${payload}`.replace(/\s+/g, ' ').trim());
      expect(shown.rows[0].label).toBe(payload.replace(/\s+/g, ' ').trim());
      expect(summary.shadowRoot!.querySelector('script, img, iframe, a, body, details, math, style, [onload], [onerror]')).toBeNull();
      summary.parentElement!.remove();
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((window as unknown as { __xss?: unknown }).__xss).toBeUndefined();
  });
});
