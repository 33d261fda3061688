/// <reference types="@vitest/browser-playwright" />
import { afterEach, describe, expect, it } from 'vitest';
import { cdp, userEvent } from 'vitest/browser';
import { PlanMilestoneTimeline, type PlanActionSelectDetail } from '../../packages/elements/src/elements/plan-milestone-timeline.js';
import { defineElement, expectAccessible, fixture, samplePlan, settle, whenShown, XSS_PAYLOADS } from './helpers.js';

defineElement('plan-milestone-timeline', PlanMilestoneTimeline);

afterEach(() => {
  document.body.innerHTML = '';
  delete (window as unknown as { __xss?: unknown }).__xss;
});

/** A timeline showing a plan, rendered. */
async function timelineOf(plan: unknown = samplePlan(), attributes = ''): Promise<PlanMilestoneTimeline> {
  const element = await fixture<PlanMilestoneTimeline>(`<plan-milestone-timeline ${attributes}></plan-milestone-timeline>`);
  element.plan = plan;
  await whenShown(element);
  return element;
}

function $(element: Element, selector: string): HTMLElement | null {
  return element.shadowRoot!.querySelector<HTMLElement>(selector);
}

function $$(element: Element, selector: string): HTMLElement[] {
  return [...element.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
}

const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const texts = (nodes: Element[]) => nodes.map(text);

/** An item button's visible title. */
const titleOf = (button: Element | null | undefined) => text(button?.querySelector('.label')).replace(/^(Overdue|Hwyr)\s+/, '');

/** An item button's accessible name. */
const nameOf = (button: Element | null | undefined) => button?.getAttribute('aria-label') ?? '';

/** The item buttons on the axis. */
const items = (element: Element) => $$(element, '.item');
const itemCalled = (element: Element, title: string) => items(element).find((button) => titleOf(button) === title)!;

/** The focused element inside the timeline's shadow root. */
const focused = (element: Element) => element.shadowRoot!.activeElement as HTMLElement | null;

/** A percentage custom property of an element's inline style, as a number. */
const styleNumber = (element: HTMLElement, property: string) => Number.parseFloat(element.style.getPropertyValue(property));

describe('<plan-milestone-timeline>: the sample plan', () => {
  it('has one lane per theme, labelled with the theme title', async () => {
    const element = await timelineOf();
    const lanes = $$(element, '[part~="lane"]');
    expect(lanes).toHaveLength(2);
    expect(texts($$(element, '.lane-label'))).toEqual(['Anti-social behaviour', 'Domestic abuse']);
    for (const lane of lanes) {
      expect(lane.getAttribute('role')).toBe('group');
      const label = element.shadowRoot!.getElementById(lane.getAttribute('aria-labelledby')!);
      expect(label?.classList.contains('lane-label')).toBe(true);
    }
  });

  it('shows financial-year and quarter ticks for 2017/18, and no month ticks at year zoom', async () => {
    const element = await timelineOf();
    expect($(element, '[part~="axis"]')).not.toBeNull();
    expect(texts($$(element, '.tick.fy'))).toEqual(['2017/18']);
    expect(texts($$(element, '.tick.quarter'))).toEqual(['Q1', 'Q2', 'Q3', 'Q4']);
    expect($$(element, '.tick.month')).toHaveLength(0);
    // Q3 starts on 1 October: day 183 of the 365-day year.
    expect(styleNumber($$(element, '.tick.quarter')[2], '--left')).toBeCloseTo((183 / 365) * 100, 2);
  });

  it('marks the as-of date, labelled "As at 31 December 2017"', async () => {
    const element = await timelineOf();
    const label = $(element, '.marker-label');
    expect(label?.getAttribute('part')).toBe('marker');
    expect(text(label)).toBe('As at 31 December 2017');
    const line = $(element, '.marker-line')!;
    expect(line.getAttribute('part')).toBe('marker');
    // 31 December 2017 is day 274 of the year from 1 April.
    expect(styleNumber(line, '--left')).toBeCloseTo((274.5 / 365) * 100, 2);
  });

  it('places dated items in date order in their lanes, left positions increasing with dates', async () => {
    const element = await timelineOf();
    const [asb, da] = $$(element, '[part~="lane"]');
    const asbItems = [...asb.querySelectorAll<HTMLElement>('.item')];
    expect(asbItems.map(titleOf)).toEqual(['Increase referrals to mediation services', 'Wardens trained', 'Partners trained', 'Develop Project Themis to case manage ASB cases']);
    const ends = asbItems.map((button) => styleNumber(button, '--left') + styleNumber(button, '--width'));
    const starts = asbItems.map((button) => styleNumber(button, '--left'));
    for (let i = 1; i < asbItems.length; i++) {
      expect(starts[i]).toBeGreaterThan(starts[i - 1]);
      expect(ends[i]).toBeGreaterThanOrEqual(ends[i - 1]);
    }
    // "March 2018" spans the month: 1 to 31 March is the last 31 days of the year.
    expect(starts[3]).toBeCloseTo((334 / 365) * 100, 2);
    expect(ends[3]).toBeCloseTo(100, 2);
    expect([...da.querySelectorAll('.item')].map(titleOf)).toEqual(['Run a Freedom Programme']);
    for (const button of items(element)) expect(button.getAttribute('part')).toBe('item');
  });

  it('never puts ongoing, recurring or to-be-confirmed items on the axis: they are listed apart', async () => {
    const element = await timelineOf();
    const onAxis = items(element).map(titleOf);
    for (const title of ['Publicise services for domestic abuse', 'Deliver school workshops', 'Review with partners']) expect(onAxis).not.toContain(title);
    const heading = (kind: string) => text($(element, `.apart-list.${kind} [role="heading"]`));
    const listed = (kind: string) => texts($$(element, `.apart-list.${kind} .apart-title`));
    expect(heading('ongoing')).toBe('Ongoing');
    expect(listed('ongoing')).toEqual(['Publicise services for domestic abuse']);
    expect(heading('recurring')).toBe('Recurring');
    expect(listed('recurring')).toEqual(['Deliver school workshops']);
    expect(text($(element, '.apart-list.recurring li'))).toContain('Quarterly until March 2018 (each quarter until 31 March 2018)');
    expect(text($(element, '.apart-list.recurring li'))).toContain('Next due: 31 December 2017');
    expect(heading('unresolved')).toBe('Date to be confirmed');
    expect(listed('unresolved')).toEqual(['Review with partners']);
    expect(text($(element, '.apart-list.unresolved li'))).toContain('By when: TBC (date to be confirmed)');
    // Each list item says its status in words; the shapes are hidden from assistive technology.
    expect(text($(element, '.apart-list.ongoing li'))).toContain('Status: Not started');
    for (const shape of $$(element, '.apart .shape')) expect(shape.getAttribute('aria-hidden')).toBe('true');
    // The sample plan has no undated items, so there is no "No date" list.
    expect($(element, '.apart-list.undated')).toBeNull();
  });

  it('lists items with no due text under "No date"', async () => {
    const plan = samplePlan();
    (plan.themes[1].actions as Record<string, unknown>[]).push({ id: '2.4', title: 'Share the learning', lead: 'KCC', status: 'green' });
    const element = await timelineOf(plan);
    expect(text($(element, '.apart-list.undated [role="heading"]'))).toBe('No date');
    expect(texts($$(element, '.apart-list.undated .apart-title'))).toEqual(['Share the learning']);
    expect(items(element).map(titleOf)).not.toContain('Share the learning');
  });

  it('names the overdue item "Overdue" and gives it the thicker outline; status by shape and word', async () => {
    const element = await timelineOf();
    const overdue = items(element).filter((button) => button.classList.contains('overdue'));
    expect(overdue.map(titleOf)).toEqual(['Increase referrals to mediation services']);
    const name = nameOf(overdue[0]);
    expect(name).toBe('Overdue, Increase referrals to mediation services, Action, Red, By when: Q2');
    expect(getComputedStyle(overdue[0].querySelector('.bar')!).borderTopWidth).toBe('3px');
    expect(overdue[0].querySelector('.shape.c-red')).not.toBeNull(); // red: a triangle
    const partners = itemCalled(element, 'Partners trained');
    expect(nameOf(partners)).toBe('Partners trained, Milestone, Amber, Due soon, By when: December 2017');
    expect(partners.classList.contains('overdue')).toBe(false);
    expect(getComputedStyle(partners.querySelector('.bar')!).borderTopWidth).toBe('1px');
    // Each status its own shape, always hidden from assistive technology.
    expect(itemCalled(element, 'Wardens trained').querySelector('.shape.c-blue')).not.toBeNull(); // blue: a ticked square
    expect(itemCalled(element, 'Develop Project Themis to case manage ASB cases').querySelector('.shape.c-green')).not.toBeNull(); // green: a circle
    const shapes = $$(element, '.item .shape');
    expect(shapes).toHaveLength(items(element).length);
    for (const shape of shapes) expect(shape.getAttribute('aria-hidden')).toBe('true');
    // Overdue: the thicker outline is on the shape too.
    const outline = (button: HTMLElement) => Number.parseFloat(getComputedStyle(button.querySelector('.shape')!, '::before').borderTopWidth);
    const overdueAmber = await timelineOf(samplePlan({ asOf: '2018-02-01' }));
    expect(outline(itemCalled(overdueAmber, 'Run a Freedom Programme'))).toBeGreaterThan(outline(itemCalled(element, 'Run a Freedom Programme')));
  });

  it('shows a key of the plan’s statuses with their shapes', async () => {
    const element = await timelineOf();
    expect(texts($$(element, '.key li'))).toEqual(['Complete', 'Green', 'Amber', 'Red', 'Not started']);
  });

  it('packs items into rows so that no two items (with their labels) overlap', async () => {
    const element = await timelineOf();
    expectNoOverlaps(element);
  });
});

/** Fails if any two items in the same lane overlap on screen, labels included (a test-side layout read). */
function expectNoOverlaps(element: PlanMilestoneTimeline): void {
  const boxes = items(element).map((button) => {
    const rects = [button.getBoundingClientRect(), button.querySelector('.label')!.getBoundingClientRect()];
    return {
      title: titleOf(button),
      top: Math.round(rects[0].top),
      left: Math.min(...rects.map((rect) => rect.left)),
      right: Math.max(...rects.map((rect) => rect.right)),
    };
  });
  boxes.sort((a, b) => a.top - b.top || a.left - b.left);
  for (let i = 1; i < boxes.length; i++) {
    if (boxes[i].top !== boxes[i - 1].top) continue;
    expect(boxes[i].left, `${boxes[i - 1].title} overlaps ${boxes[i].title}`).toBeGreaterThanOrEqual(boxes[i - 1].right);
  }
}

describe('<plan-milestone-timeline>: zoom', () => {
  it('is a labelled group of buttons with aria-pressed that changes the scale and the ticks', async () => {
    const element = await timelineOf();
    const zoom = $(element, '[part~="zoom"]')!;
    expect(zoom.getAttribute('role')).toBe('group');
    expect(text(element.shadowRoot!.getElementById(zoom.getAttribute('aria-labelledby')!))).toBe('Zoom');
    const buttons = [...zoom.querySelectorAll('button')];
    expect(texts(buttons)).toEqual(['Year', 'Quarter', 'Month']);
    expect(buttons.map((button) => button.getAttribute('aria-pressed'))).toEqual(['true', 'false', 'false']);
    const canvas = $(element, '.canvas')!;
    const yearWidth = canvas.getBoundingClientRect().width;

    buttons[2].click();
    await settle(element);
    expect(element.zoom).toBe('month');
    expect(element.getAttribute('zoom')).toBe('month');
    expect(buttons.map((button) => button.getAttribute('aria-pressed'))).toEqual(['false', 'false', 'true']);
    expect(texts($$(element, '.tick.month'))).toEqual(['Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec', 'Jan', 'Feb', 'Mar']);
    expect(texts($$(element, '.tick.quarter'))).toEqual(['Q1', 'Q2', 'Q3', 'Q4']);
    const monthWidth = canvas.getBoundingClientRect().width;
    expect(monthWidth).toBeGreaterThan(yearWidth);
    // Items keep their place in time: percentages of a wider axis.
    expect(styleNumber(itemCalled(element, 'Develop Project Themis to case manage ASB cases'), '--left')).toBeCloseTo((334 / 365) * 100, 2);
    expectNoOverlaps(element);

    buttons[1].click();
    await settle(element);
    expect(buttons.map((button) => button.getAttribute('aria-pressed'))).toEqual(['false', 'true', 'false']);
    expect($$(element, '.tick.month')).toHaveLength(0);
    expect($$(element, '.line.minor').length).toBe(8);
    const quarterWidth = canvas.getBoundingClientRect().width;
    expect(quarterWidth).toBeGreaterThan(yearWidth);
    expect(quarterWidth).toBeLessThan(monthWidth);
    expectNoOverlaps(element);
  });

  it('takes its zoom from the zoom attribute', async () => {
    const element = await timelineOf(samplePlan(), 'zoom="month"');
    expect($$(element, '.tick.month')).toHaveLength(12);
    expect($(element, '[data-zoom="month"]')!.getAttribute('aria-pressed')).toBe('true');
  });

  it('spans the dated items in whole financial years when the plan has no period', async () => {
    const plan = {
      title: 'No period',
      asOf: '2014-06-30',
      themes: [{ title: 'T', actions: [{ title: 'Early', due: 'June 2013' }, { title: 'Late', due: '2014/15' }] }],
    };
    const element = await timelineOf(plan);
    expect(texts($$(element, '.tick.fy'))).toEqual(['2013/14', '2014/15']);
    expect(texts($$(element, '.tick.quarter'))).toEqual(['Q1', 'Q2', 'Q3', 'Q4', 'Q1', 'Q2', 'Q3', 'Q4']);
  });
});

describe('<plan-milestone-timeline>: keyboard', () => {
  it('is one tab stop: only the active item has tabIndex 0, and Tab passes the timeline in one step', async () => {
    const element = await timelineOf();
    const after = document.createElement('button');
    after.textContent = 'After';
    document.body.append(after);
    const stops = items(element).filter((button) => button.tabIndex === 0);
    expect(stops).toHaveLength(1);
    expect(titleOf(stops[0])).toBe('Increase referrals to mediation services');
    $(element, '[data-zoom="month"]')!.focus();
    await userEvent.tab();
    expect(titleOf(focused(element))).toBe('Increase referrals to mediation services');
    await userEvent.tab();
    expect(document.activeElement).toBe(after);
  });

  it('moves with the arrow keys, Home and End; the tab stop follows focus', async () => {
    const element = await timelineOf();
    items(element).find((button) => button.tabIndex === 0)!.focus();
    const press = async (keys: string, expected: string) => {
      await userEvent.keyboard(keys.startsWith('{') ? keys : `{${keys}}`);
      await settle(element);
      expect(titleOf(focused(element)), keys).toBe(expected);
      const stops = items(element).filter((button) => button.tabIndex === 0);
      expect(stops.map(titleOf)).toEqual([expected]);
    };
    await press('ArrowRight', 'Wardens trained');
    await press('ArrowRight', 'Partners trained');
    await press('ArrowLeft', 'Wardens trained');
    await press('End', 'Develop Project Themis to case manage ASB cases');
    await press('ArrowRight', 'Develop Project Themis to case manage ASB cases'); // the end of the lane: stays
    await press('Home', 'Increase referrals to mediation services');
    await press('ArrowLeft', 'Increase referrals to mediation services'); // the start: stays
    await press('ArrowRight', 'Wardens trained');
    await press('ArrowRight', 'Partners trained');
    // Down: the nearest item in time in the next lane (there is one).
    await press('ArrowDown', 'Run a Freedom Programme');
    await press('ArrowDown', 'Run a Freedom Programme'); // the last lane: stays
    // Up from 10 January 2018: 31 December 2017 is nearer than 31 March 2018.
    await press('ArrowUp', 'Partners trained');
    await press('ArrowUp', 'Partners trained');
    await press('{Control>}{End}{/Control}', 'Run a Freedom Programme');
    await press('{Control>}{Home}{/Control}', 'Increase referrals to mediation services');
  });

  it('shows the focused item’s details in the panel beside the axis', async () => {
    const element = await timelineOf();
    const details = $(element, '[part~="details"]')!;
    expect(text(details.querySelector('.details-title'))).toBe('Increase referrals to mediation services');
    itemCalled(element, 'Increase referrals to mediation services').focus();
    await settle(element);
    const fields = () => Object.fromEntries([...details.querySelectorAll('dl > div')].map((row) => [text(row.querySelector('dt')), text(row.querySelector('dd'))]));
    expect(fields()).toEqual({
      Theme: 'Anti-social behaviour',
      Type: 'Action',
      Status: 'RedOff track: will not be delivered without intervention.',
      'By when': 'Q2',
      'Read as': 'due by 30 September 2017',
      Deadline: 'Overdue: was due 30 September 2017',
      Lead: 'TMBC',
    });
    await userEvent.keyboard('{ArrowRight}{ArrowRight}');
    await settle(element);
    expect(text(details.querySelector('.details-title'))).toBe('Partners trained');
    expect(fields()).toEqual({
      Theme: 'Anti-social behaviour',
      Type: 'Milestone',
      'Part of action': 'Develop Project Themis to case manage ASB cases',
      Status: 'AmberSome slippage or risk, but recoverable.',
      'By when': 'December 2017',
      'Read as': 'due by 31 December 2017',
      Deadline: 'Due soon: 31 December 2017',
      Lead: 'KCC, Kent Police',
    });
    // The panel does not announce itself on each move: the item's name is enough.
    expect(details.getAttribute('aria-live')).toBeNull();
    expect(details.querySelector('[aria-live]')).toBeNull();
  });

  it('fires plan-action-select on Enter, Space and click', async () => {
    const element = await timelineOf();
    const selected: PlanActionSelectDetail[] = [];
    document.body.addEventListener('plan-action-select', (event) => selected.push((event as CustomEvent<PlanActionSelectDetail>).detail));
    items(element).find((button) => button.tabIndex === 0)!.focus();
    await userEvent.keyboard('{Enter}');
    expect(selected).toHaveLength(1);
    expect(selected[0].key).toBe('1.2');
    expect(selected[0].id).toBe('1.2');
    expect(selected[0].kind).toBe('action');
    expect(selected[0].item.title).toBe('Increase referrals to mediation services');

    await userEvent.keyboard('{ArrowRight}');
    await userEvent.keyboard(' ');
    expect(selected).toHaveLength(2);
    expect(selected[1].kind).toBe('milestone');
    expect(selected[1].key).toBe('1.1-m1');
    expect(selected[1].id).toBeUndefined();
    expect(selected[1].item.title).toBe('Wardens trained');

    itemCalled(element, 'Run a Freedom Programme').click();
    await settle(element);
    expect(selected).toHaveLength(3);
    expect(selected[2].id).toBe('2.1');
    // A click also makes the item the tab stop and shows its details.
    expect(titleOf(items(element).find((button) => button.tabIndex === 0))).toBe('Run a Freedom Programme');
    expect(text($(element, '.details-title'))).toBe('Run a Freedom Programme');
  });
});

describe('<plan-milestone-timeline>: the ordered list', () => {
  it('has every dated item in date order, with status words, visually hidden by default', async () => {
    const element = await timelineOf();
    const list = $(element, '[part~="list"]')!;
    const entries = [...list.querySelectorAll('ol > li')];
    expect(entries.map((entry) => text(entry.querySelector('.list-title')))).toEqual([
      'Increase referrals to mediation services',
      'Wardens trained',
      'Partners trained',
      'Run a Freedom Programme',
      'Develop Project Themis to case manage ASB cases',
    ]);
    expect(entries).toHaveLength(items(element).length);
    expect(text(entries[0])).toBe(
      '30 September 2017: Increase referrals to mediation services. Theme: Anti-social behaviour; Action; Status: Red; Overdue: was due 30 September 2017; By when: Q2 (due by 30 September 2017); Lead: TMBC.',
    );
    expect(text(entries[1])).toContain('Status: Complete');
    expect(text(entries[2])).toContain('Status: Amber; Due soon: 31 December 2017');
    expect(text(entries[3])).toContain('Status: Amber');
    expect(text(entries[4])).toContain('Status: Green; Due 31 March 2018');
    // Visually hidden but present (not display: none), so screen readers read it.
    expect(list.classList.contains('collapsed')).toBe(true);
    expect(getComputedStyle(list).display).not.toBe('none');
    expect(list.getBoundingClientRect().width).toBeLessThanOrEqual(1);
  });

  it('is shown with show-list', async () => {
    const element = await timelineOf(samplePlan(), 'show-list');
    const list = $(element, '[part~="list"]')!;
    expect(list.classList.contains('collapsed')).toBe(false);
    expect(list.getBoundingClientRect().width).toBeGreaterThan(100);
    expect(text(list.querySelector('[role="heading"]'))).toBe('Every dated item, in date order');
  });
});

describe('<plan-milestone-timeline>: print', () => {
  it('with the print attribute shows the list, hides the zoom and details, in true black', async () => {
    const element = await timelineOf(samplePlan(), 'print');
    const list = $(element, '[part~="list"]')!;
    expect(list.getBoundingClientRect().width).toBeGreaterThan(100);
    expect(getComputedStyle($(element, '[part~="zoom"]')!).display).toBe('none');
    expect(getComputedStyle($(element, '[part~="details"]')!).display).toBe('none');
    expect(getComputedStyle(element).color).toBe('rgb(0, 0, 0)');
    expect(getComputedStyle($(element, '.lane-label')!).color).toBe('rgb(0, 0, 0)');
    // The whole axis fits the page, whatever the zoom.
    element.zoom = 'month';
    await settle(element);
    expect($(element, '.canvas')!.getBoundingClientRect().width).toBeLessThanOrEqual($(element, '.scroller')!.getBoundingClientRect().width);
  });
});

describe('<plan-milestone-timeline>: emulated media', () => {
  /** Emulates a media type and features in the browser (Chromium, through the DevTools protocol) for the test's length. */
  async function emulate(media: string, features: { name: string; value: string }[] = []): Promise<void> {
    await cdp().send('Emulation.setEmulatedMedia', { media, features });
  }

  afterEach(async () => {
    await emulate('', []);
  });

  it('@media print shows the list and hides the zoom, as the print attribute does', async () => {
    const element = await timelineOf();
    expect($(element, '[part~="list"]')!.getBoundingClientRect().width).toBeLessThanOrEqual(1);
    await emulate('print');
    expect($(element, '[part~="list"]')!.getBoundingClientRect().width).toBeGreaterThan(100);
    expect(getComputedStyle($(element, '[part~="zoom"]')!).display).toBe('none');
    expect(getComputedStyle(element).color).toBe('rgb(0, 0, 0)');
  });

  it('@media print is true black in dark mode too', async () => {
    const element = await timelineOf(samplePlan(), 'theme="dark"');
    expect(getComputedStyle(element).color).not.toBe('rgb(0, 0, 0)');
    await emulate('print');
    expect(getComputedStyle(element).color).toBe('rgb(0, 0, 0)');
    expect(getComputedStyle(element).backgroundColor).toBe('rgb(255, 255, 255)');
  });

  it('keeps shapes and outlines in system colours in forced-colours mode', async () => {
    const element = await timelineOf();
    await emulate('', [{ name: 'forced-colors', value: 'active' }]);
    expect(matchMedia('(forced-colors: active)').matches).toBe(true);
    const canvasText = (() => {
      const probe = document.createElement('span');
      probe.style.color = 'CanvasText';
      document.body.append(probe);
      const colour = getComputedStyle(probe).color;
      probe.remove();
      return colour;
    })();
    const red = itemCalled(element, 'Increase referrals to mediation services');
    expect(getComputedStyle(red.querySelector('.shape')!, '::after').backgroundColor).toBe(canvasText);
    const grey = $(element, '.apart-list.ongoing .shape')!;
    expect(getComputedStyle(grey, '::before').borderTopColor).toBe(canvasText);
    expect(getComputedStyle(red.querySelector('.bar')!).borderTopWidth).toBe('3px');
    await expectAccessible(element);
  });
});

describe('<plan-milestone-timeline>: Welsh', () => {
  it('shows every word in Welsh, and dates as 31 Rhagfyr 2017', async () => {
    const element = await timelineOf(samplePlan(), 'lang="cy"');
    expect(texts($$(element, '.tick.fy'))).toEqual(['2017/18']);
    expect(texts($$(element, '.tick.quarter'))).toEqual(['Ch1', 'Ch2', 'Ch3', 'Ch4']);
    expect(text($(element, '.marker-label'))).toBe('Fel ar 31 Rhagfyr 2017');
    expect(text($(element, '.zoom-label'))).toBe('Chwyddo');
    expect(texts($$(element, '.zoom-button'))).toEqual(['Blwyddyn', 'Chwarter', 'Mis']);
    expect($(element, '.lanes')!.getAttribute('aria-label')).toBe('Llinell amser');
    expect(nameOf(itemCalled(element, 'Increase referrals to mediation services'))).toBe('Hwyr, Increase referrals to mediation services, Cam gweithredu, Coch, Erbyn pryd: Q2');

    itemCalled(element, 'Partners trained').focus();
    await settle(element);
    const details = $(element, '[part~="details"]')!;
    expect(text(details.querySelector('.details-heading'))).toBe('Manylion');
    const fields = Object.fromEntries([...details.querySelectorAll('dl > div')].map((row) => [text(row.querySelector('dt')), text(row.querySelector('dd'))]));
    expect(fields).toEqual({
      Thema: 'Anti-social behaviour',
      Math: 'Carreg filltir',
      'Rhan o’r cam gweithredu': 'Develop Project Themis to case manage ASB cases',
      Statws: 'AmbrRhywfaint o lithriad neu risg, ond mae modd ei adfer.',
      'Erbyn pryd': 'December 2017',
      'Wedi’i ddarllen fel': 'erbyn 31 Rhagfyr 2017',
      'Dyddiad cau': 'Yn ddyledus cyn bo hir: 31 Rhagfyr 2017',
      Arweinydd: 'KCC, Kent Police',
    });
    expect(text($(element, '.apart-list.ongoing [role="heading"]'))).toBe('Parhaus');
    expect(text($(element, '.apart-list.recurring [role="heading"]'))).toBe('Cylchol');
    expect(text($(element, '.apart-list.recurring li'))).toContain('bob chwarter tan 31 Mawrth 2018');
    expect(text($(element, '.apart-list.unresolved [role="heading"]'))).toBe('Dyddiad i’w gadarnhau');
    expect(text($(element, '[part~="list"] [role="heading"]'))).toBe('Pob eitem â dyddiad, yn nhrefn dyddiad');
    expect(text($(element, '[part~="list"] li'))).toMatch(/^30 Medi 2017: Increase referrals to mediation services\. Thema: Anti-social behaviour; Cam gweithredu; Statws: Coch; Hwyr: roedd i fod erbyn 30 Medi 2017/);

    element.zoom = 'month';
    await settle(element);
    expect(texts($$(element, '.tick.month'))).toEqual(['Ebr', 'Mai', 'Meh', 'Gorff', 'Awst', 'Medi', 'Hyd', 'Tach', 'Rhag', 'Ion', 'Chwef', 'Maw']);
  });

  it('takes Welsh from an ancestor’s lang', async () => {
    const wrapper = await fixture<HTMLElement>(`<div lang="cy-GB"><plan-milestone-timeline></plan-milestone-timeline></div>`);
    const element = wrapper.querySelector('plan-milestone-timeline') as PlanMilestoneTimeline;
    element.plan = samplePlan();
    await whenShown(element);
    expect(text($(element, '.marker-label'))).toBe('Fel ar 31 Rhagfyr 2017');
  });
});

describe('<plan-milestone-timeline>: accessibility (axe-core, WCAG 2.2 AA)', () => {
  it('has no violations by default', async () => {
    const element = await timelineOf();
    await expectAccessible(element);
  });

  it('has no violations with an item focused', async () => {
    const element = await timelineOf();
    items(element).find((button) => button.tabIndex === 0)!.focus();
    await userEvent.keyboard('{ArrowRight}{ArrowRight}');
    await settle(element);
    await expectAccessible(element);
  });

  it('has no violations at month zoom', async () => {
    const element = await timelineOf(samplePlan(), 'zoom="month"');
    await expectAccessible(element);
  });

  it('has no violations in Welsh', async () => {
    const element = await timelineOf(samplePlan(), 'lang="cy"');
    await expectAccessible(element);
  });

  it('has no violations with show-list', async () => {
    const element = await timelineOf(samplePlan(), 'show-list');
    await expectAccessible(element);
  });

  it('has no violations in dark mode and in print layout', async () => {
    const dark = await timelineOf(samplePlan(), 'theme="dark"');
    await expectAccessible(dark);
    document.body.innerHTML = '';
    const print = await timelineOf(samplePlan(), 'print');
    await expectAccessible(print);
  });
});

describe('<plan-milestone-timeline>: plan text is only ever text', () => {
  it('renders XSS payloads in titles, due text, leads and theme titles as text', async () => {
    const plan = {
      title: 'XSS',
      period: '2017/18',
      asOf: '2017-12-31',
      themes: XSS_PAYLOADS.map((payload, index) => ({
        title: payload,
        actions: [
          { title: payload, due: 'March 2018', lead: payload, status: 'green', milestones: [{ title: payload, due: payload, status: payload }] },
          { title: `${payload} ${index}`, due: payload },
        ],
      })),
    };
    const element = await timelineOf(plan, 'show-list');
    expect(texts($$(element, '.lane-label'))).toEqual(XSS_PAYLOADS.map((payload) => payload.replace(/\s+/g, ' ').trim()));
    const onAxis = items(element);
    expect(onAxis).toHaveLength(XSS_PAYLOADS.length);
    for (const button of onAxis) {
      button.focus();
      await settle(element);
    }
    expect(text($(element, '.details-title'))).toBe(XSS_PAYLOADS[XSS_PAYLOADS.length - 1].replace(/\s+/g, ' ').trim());
    // Nothing from the payloads became an element.
    expect(element.shadowRoot!.querySelectorAll('script, img, iframe, a, body, details, math, style, mglyph')).toHaveLength(0);
    expect(element.shadowRoot!.querySelectorAll('svg, [onload], [onerror], [ontoggle]')).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((window as unknown as { __xss?: unknown }).__xss).toBeUndefined();
  });
});

describe('<plan-milestone-timeline>: states', () => {
  it('says when it has no plan', async () => {
    const element = await fixture<PlanMilestoneTimeline>(`<plan-milestone-timeline></plan-milestone-timeline>`);
    expect(text($(element, '.message'))).toMatch(/^No plan to show/);
  });

  it('shows a loading state while the plan loads', async () => {
    const realFetch = window.fetch;
    let release: (() => void) | undefined;
    window.fetch = (() => new Promise<Response>((resolve) => (release = () => resolve(new Response(JSON.stringify(samplePlan()), { headers: { 'content-type': 'application/json' } }))))) as typeof fetch;
    try {
      const element = await fixture<PlanMilestoneTimeline>(`<plan-milestone-timeline src="/slow.plan.json"></plan-milestone-timeline>`);
      const status = $(element, '[role="status"]');
      expect(text(status)).toBe('Loading the plan…');
      release?.();
      await whenShown(element);
      expect(items(element).length).toBe(5);
    } finally {
      window.fetch = realFetch;
    }
  });

  it('shows an error, in words, and fires plan-error', async () => {
    const errors: CustomEvent[] = [];
    document.body.addEventListener('plan-error', (event) => errors.push(event as CustomEvent));
    const element = await fixture<PlanMilestoneTimeline>(`<plan-milestone-timeline src="/no-such-plan.plan.json"></plan-milestone-timeline>`);
    await whenShown(element);
    const alert = $(element, '[role="alert"]');
    expect(text(alert)).toMatch(/The plan cannot be shown/);
    expect(text(alert)).toMatch(/404/);
    expect(errors).toHaveLength(1);
    await expectAccessible(element);
  });

  it('says when the plan has no actions', async () => {
    const element = await timelineOf({ title: 'Empty', period: '2017/18', themes: [] });
    expect(text($(element, '[part~="message"]'))).toBe('This plan has no actions yet.');
    expect($(element, '[part~="axis"]')).toBeNull();
    const welsh = await timelineOf({ title: 'Empty', themes: [{ title: 'T', actions: [] }] }, 'lang="cy"');
    expect(text($(welsh, '[part~="message"]'))).toBe('Does dim camau yn y cynllun hwn eto.');
  });

  it('shows lanes without dated items, and no zoom, when nothing has a date', async () => {
    const element = await timelineOf({ title: 'Undated', period: '2017/18', asOf: '2017-12-31', themes: [{ title: 'Only ongoing', actions: [{ title: 'Keep going', due: 'Ongoing' }] }] });
    expect(text($(element, '.empty-lane'))).toBe('No dated items in this theme.');
    expect($(element, '[part~="zoom"]')).toBeNull();
    expect($(element, '[part~="list"]')).toBeNull();
    expect(texts($$(element, '.apart-list.ongoing .apart-title'))).toEqual(['Keep going']);
    await expectAccessible(element);
  });

  it('says the as-of date above the axis when it falls outside it', async () => {
    const element = await timelineOf(samplePlan({ asOf: '2019-05-01' }));
    expect($(element, '.marker-line')).toBeNull();
    expect(text($(element, '.as-at'))).toBe('As at 1 May 2019');
  });

  it('starts again at the first item when the plan changes', async () => {
    const element = await timelineOf();
    itemCalled(element, 'Run a Freedom Programme').focus();
    await settle(element);
    element.plan = samplePlan({ title: 'Another' });
    await whenShown(element);
    expect(titleOf(items(element).find((button) => button.tabIndex === 0))).toBe('Increase referrals to mediation services');
  });
});

describe('<plan-milestone-timeline>: large plans', () => {
  it('renders 2,000 milestones, all on the axis and in the list', async () => {
    const element = await timelineOf(bigPlan(0));
    const onAxis = items(element);
    expect(onAxis.filter((button) => button.classList.contains('item') && titleOf(button).startsWith('Milestone'))).toHaveLength(2000);
    expect(onAxis).toHaveLength(2100);
    expect($$(element, '[part~="list"] ol > li')).toHaveLength(2100);
    expect(onAxis.filter((button) => button.tabIndex === 0)).toHaveLength(1);
    // Keyboard still works across the whole plan.
    onAxis.find((button) => button.tabIndex === 0)!.focus();
    await userEvent.keyboard('{Control>}{End}{/Control}');
    await settle(element);
    expect(focused(element)?.getAttribute('data-index')).toBe('2099');
  });
});

/**
 * A plan of 2,000 milestones (4 themes of 25 actions of 20) and a fifth theme of `apart` actions
 * kept off the axis (ongoing, quarterly, TBC in turn).
 */
function bigPlan(apart = 150) {
  const themes: Record<string, unknown>[] = Array.from({ length: 4 }, (_, themeIndex) => ({
    title: `Theme ${themeIndex + 1}`,
    actions: Array.from({ length: 25 }, (_, actionIndex) => ({
      id: `${themeIndex + 1}.${actionIndex + 1}`,
      title: `Action ${themeIndex + 1}.${actionIndex + 1}`,
      lead: 'KCC',
      due: 'March 2018',
      status: 'green',
      milestones: Array.from({ length: 20 }, (_, milestoneIndex) => {
        const day = ((themeIndex * 500 + actionIndex * 20 + milestoneIndex) * 7) % 365;
        const date = new Date(Date.UTC(2017, 3, 1 + day)).toISOString().slice(0, 10);
        return { title: `Milestone ${themeIndex + 1}.${actionIndex + 1}.${milestoneIndex + 1}`, due: date, status: ['red', 'amber', 'green', 'blue', 'not-started'][milestoneIndex % 5] };
      }),
    })),
  }));
  themes.push({
    title: 'Off the axis',
    actions: Array.from({ length: apart }, (_, index) => ({ title: `Apart ${index + 1}`, lead: 'KCC', due: ['Ongoing', 'Quarterly', 'TBC'][index % 3], status: 'amber' })),
  });
  return { title: 'Large', period: '2017/18', asOf: '2017-12-31', themes };
}

/**
 * Gives a timeline a plan and calls `look` as soon as its first items are in its shadow DOM (in the
 * MutationObserver callback that sees them, before any later frame), returning what it returns.
 */
async function atFirstItems<T>(element: PlanMilestoneTimeline, plan: unknown, look: (root: ShadowRoot) => T): Promise<T> {
  const root = element.shadowRoot!;
  const seen = new Promise<T>((resolve, reject) => {
    const observer = new MutationObserver(() => {
      if (root.querySelector('.item') === null) return;
      observer.disconnect();
      try {
        resolve(look(root));
      } catch (error) {
        reject(error);
      }
    });
    observer.observe(root, { childList: true, subtree: true });
  });
  element.plan = plan;
  return seen;
}

const busyParts = (root: ParentNode) => [...root.querySelectorAll('[aria-busy="true"]')].map((node) => `${node.localName}.${node.className || node.parentElement?.className}`);

describe('<plan-milestone-timeline>: large plans, rendered progressively', () => {
  it('renders the first screen at once and the rest by chunks, aria-busy until every item and list entry is there', async () => {
    const element = await fixture<PlanMilestoneTimeline>(`<plan-milestone-timeline></plan-milestone-timeline>`);
    const first = await atFirstItems(element, bigPlan(), (root) => ({
      items: root.querySelectorAll('.item').length,
      tabStops: [...root.querySelectorAll<HTMLElement>('.item')].filter((button) => button.tabIndex === 0).length,
      listed: root.querySelectorAll('[part~="list"] ol > li').length,
      busy: busyParts(root),
      lanes: root.querySelectorAll('[part~="lane"]').length,
    }));
    // The first screen: some items, the tab stop among them, every lane (empty ones to come), and the rest marked busy.
    expect(first.items).toBeGreaterThan(0);
    expect(first.items).toBeLessThan(2100);
    expect(first.tabStops).toBe(1);
    expect(first.lanes).toBe(5);
    expect(first.listed).toBeLessThan(2100);
    expect(first.busy).toContain('div.lanes');
    expect(first.busy.filter((part) => part.startsWith('ol.'))).toHaveLength(1);
    expect(first.busy.filter((part) => part.startsWith('ul.'))).toHaveLength(3);

    // updateComplete waits for every chunk.
    await element.updateComplete;
    const root = element.shadowRoot!;
    expect(items(element)).toHaveLength(2100);
    expect(root.querySelector('[aria-busy]')).toBeNull();
    for (const kind of ['ongoing', 'recurring', 'unresolved']) expect($$(element, `.apart-list.${kind} li`)).toHaveLength(50);
    const entries = $$(element, '[part~="list"] ol > li');
    expect(entries).toHaveLength(2100);
    // Still in date order, every entry with its words.
    const dates = entries.map((entry) => Date.parse(text(entry.querySelector('.list-date'))));
    for (let i = 1; i < dates.length; i++) expect(dates[i]).toBeGreaterThanOrEqual(dates[i - 1]);
    for (const entry of [entries[0], entries[1000], entries[2099]]) expect(text(entry)).toMatch(/Theme: Theme \d; .*Lead: KCC\.$/);
    // Each lane's items in date order, as the keys move.
    const lefts = [...$$(element, '[part~="lane"]')[1].querySelectorAll<HTMLElement>('.item')].map((button) => styleNumber(button, '--left') + styleNumber(button, '--width'));
    expect(lefts).toHaveLength(525);
    for (let i = 1; i < lefts.length; i++) expect(lefts[i]).toBeGreaterThanOrEqual(lefts[i - 1]);
    expect(items(element).filter((button) => button.tabIndex === 0)).toHaveLength(1);
    expectNoOverlaps(element);
    // Lanes past the first screen are laid out only near the view, with their height known beforehand.
    const lanes = $$(element, '[part~="lane"]');
    expect(getComputedStyle(lanes[0]).contentVisibility).toBe('visible');
    expect(getComputedStyle(lanes[3]).contentVisibility).toBe('auto');
    expect(getComputedStyle(lanes[3]).containIntrinsicBlockSize).toMatch(/^auto \d+(\.\d+)?px$/);
  });

  it('moves by keyboard into lanes that have not come yet, rendering them there and then', async () => {
    const element = await fixture<PlanMilestoneTimeline>(`<plan-milestone-timeline></plan-milestone-timeline>`);
    const press = (root: ShadowRoot, key: string, ctrlKey = false) => {
      (root.activeElement ?? root.querySelector('.item[tabindex="0"]'))!.dispatchEvent(new KeyboardEvent('keydown', { key, ctrlKey, bubbles: true, composed: true, cancelable: true }));
      const now = root.activeElement as HTMLElement | null;
      return { index: now?.getAttribute('data-index'), lane: text(now?.closest('[part~="lane"]')?.querySelector('.lane-label')), tabStops: root.querySelectorAll('.item[tabindex="0"]').length };
    };
    const moves = await atFirstItems(element, bigPlan(), (root) => {
      const lastLaneEmpty = root.querySelectorAll('[part~="lane"]')[3].querySelector('.item') === null;
      root.querySelector<HTMLElement>('.item[tabindex="0"]')!.focus();
      return { lastLaneEmpty, down: press(root, 'ArrowDown'), end: press(root, 'End', true), up: press(root, 'ArrowUp') };
    });
    // The last lane had not come when the keys were pressed; each move still landed, with one tab stop.
    expect(moves.lastLaneEmpty).toBe(true);
    expect(moves.down.lane).toBe('Theme 2');
    expect(moves.end).toEqual({ index: '2099', lane: 'Theme 4', tabStops: 1 });
    expect(moves.up.lane).toBe('Theme 3');
    expect(moves.up.tabStops).toBe(1);
    await element.updateComplete;
    expect(items(element)).toHaveLength(2100);
    expect(element.shadowRoot!.querySelector('[aria-busy]')).toBeNull();
    // The details follow the focused item.
    expect(text($(element, '.details-title'))).toBe(titleOf(focused(element)));
  });

  it('renders everything at once for print: with the print attribute, and on the window’s beforeprint', async () => {
    const printed = await fixture<PlanMilestoneTimeline>(`<plan-milestone-timeline print></plan-milestone-timeline>`);
    const atOnce = await atFirstItems(printed, bigPlan(), (root) => ({
      items: root.querySelectorAll('.item').length,
      listed: root.querySelectorAll('[part~="list"] ol > li').length,
      apart: root.querySelectorAll('.apart li').length,
      busy: busyParts(root),
    }));
    expect(atOnce).toEqual({ items: 2100, listed: 2100, apart: 150, busy: [] });

    document.body.innerHTML = '';
    const screen = await fixture<PlanMilestoneTimeline>(`<plan-milestone-timeline></plan-milestone-timeline>`);
    const beforePrint = await atFirstItems(screen, bigPlan(), (root) => {
      const before = root.querySelectorAll('.item').length;
      window.dispatchEvent(new Event('beforeprint'));
      const after = { items: root.querySelectorAll('.item').length, listed: root.querySelectorAll('[part~="list"] ol > li').length, apart: root.querySelectorAll('.apart li').length, busy: busyParts(root) };
      window.dispatchEvent(new Event('afterprint'));
      return { before, after };
    });
    expect(beforePrint.before).toBeLessThan(2100);
    expect(beforePrint.after).toEqual({ items: 2100, listed: 2100, apart: 150, busy: [] });
  });

  it('stops while out of the page and carries on when put back', async () => {
    const element = await fixture<PlanMilestoneTimeline>(`<plan-milestone-timeline></plan-milestone-timeline>`);
    const parent = element.parentElement!;
    await atFirstItems(element, bigPlan(), () => element.remove());
    // Out of the page, nothing is pending: updateComplete does not wait for chunks that will not come.
    await element.updateComplete;
    const whileOut = items(element).length;
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(items(element).length).toBe(whileOut);
    expect(whileOut).toBeLessThan(2100);
    parent.append(element);
    await element.updateComplete;
    expect(items(element)).toHaveLength(2100);
    expect($$(element, '[part~="list"] ol > li')).toHaveLength(2100);
    expect(element.shadowRoot!.querySelector('[aria-busy]')).toBeNull();
  });

  it('has no axe violations while it is still rendering, nor once it is done', async () => {
    const element = await fixture<PlanMilestoneTimeline>(`<plan-milestone-timeline></plan-milestone-timeline>`);
    const plan = bigPlan(30);
    // Axe takes long on thousands of items: a smaller plan that is still rendered progressively.
    (plan.themes as { actions: unknown[] }[]).forEach((theme, index) => {
      if (index < 4) theme.actions = theme.actions.slice(0, 10);
    });
    await atFirstItems(element, plan, () => undefined);
    expect(element.shadowRoot!.querySelector('[aria-busy="true"]')).not.toBeNull();
    await expectAccessible(element);
    await element.updateComplete;
    expect(element.shadowRoot!.querySelector('[aria-busy]')).toBeNull();
    await expectAccessible(element);
  });
});
