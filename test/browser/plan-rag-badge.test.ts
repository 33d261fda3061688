import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import '../../packages/elements/src/define.js';
import { PlanRagBadge } from '../../packages/elements/src/elements/plan-rag-badge.js';
import type { PlanSource } from '../../packages/elements/src/elements/plan-source.js';
import { defineElement, expectAccessible, fixture, samplePlan, settle, whenShown, XSS_PAYLOADS } from './helpers.js';

beforeAll(() => {
  defineElement('plan-rag-badge', PlanRagBadge);
});

afterEach(() => {
  document.body.innerHTML = '';
  document.documentElement.removeAttribute('lang');
  delete (window as unknown as { __xss?: unknown }).__xss;
});

/** The parts of a badge's shadow tree the tests look at. */
function partsOf(element: Element) {
  const root = element.shadowRoot!;
  return {
    badge: root.querySelector('[part~="badge"]') as HTMLElement,
    shape: root.querySelector('[part~="shape"]') as SVGElement,
    label: root.querySelector('[part~="label"]') as HTMLElement,
    definition: root.querySelector('.definition') as HTMLElement | null,
  };
}

/** The text a screen reader gets from the badge: its shadow tree's text, without the hidden SVG. */
function accessibleText(element: Element): string {
  const { badge } = partsOf(element);
  const clone = badge.cloneNode(true) as HTMLElement;
  clone.querySelectorAll('[aria-hidden="true"]').forEach((node) => node.remove());
  return (clone.textContent ?? '').replace(/\s+/g, ' ').trim();
}

const DEFAULTS = [
  { status: 'blue', label: 'Complete', shape: 'shape-tick', colour: 'status-blue', definition: 'Delivered: the action or milestone is finished.' },
  { status: 'green', label: 'Green', shape: 'shape-circle', colour: 'status-green', definition: 'On track: will be delivered as planned.' },
  { status: 'amber', label: 'Amber', shape: 'shape-diamond', colour: 'status-amber', definition: 'Some slippage or risk, but recoverable.' },
  { status: 'red', label: 'Red', shape: 'shape-triangle', colour: 'status-red', definition: 'Off track: will not be delivered without intervention.' },
  { status: 'not-started', label: 'Not started', shape: 'shape-ring', colour: 'status-grey', definition: 'Not started yet, or not yet due.' },
];

describe('<plan-rag-badge>: the default legend, with no plan at all', () => {
  for (const expected of DEFAULTS) {
    it(`shows "${expected.status}" as the word "${expected.label}" with a ${expected.shape.slice(6)} and its definition`, async () => {
      const badge = await fixture(`<plan-rag-badge status="${expected.status}"></plan-rag-badge>`);
      const parts = partsOf(badge);
      expect(parts.label.textContent).toBe(expected.label);
      expect(parts.shape.classList.contains(expected.shape)).toBe(true);
      expect(parts.shape.getAttribute('aria-hidden')).toBe('true');
      expect(parts.badge.classList.contains(expected.colour)).toBe(true);
      // The definition: on hover (the host's title) and in the text screen readers get.
      expect(badge.getAttribute('title')).toBe(expected.definition);
      expect(accessibleText(badge)).toBe(`${expected.label} — ${expected.definition}`);
      // Not a control: no role, not in the tab order, no live region.
      expect(badge.hasAttribute('tabindex')).toBe(false);
      expect(badge.hasAttribute('role')).toBe(false);
      expect(badge.shadowRoot!.querySelector('[aria-live], [role="status"], [role="alert"]')).toBeNull();
      await expectAccessible(badge.parentElement!);
    });
  }

  it('never shows the "no plan" message other plan elements show', async () => {
    const badge = await fixture(`<plan-rag-badge status="green"></plan-rag-badge>`);
    expect(badge.shadowRoot!.textContent).not.toMatch(/No plan/);
    expect(badge.shadowRoot!.querySelector('.message')).toBeNull();
  });

  it('matches labels and aliases as the core does ("On track", "R", "complete")', async () => {
    const host = await fixture(`<div><plan-rag-badge status="On track"></plan-rag-badge><plan-rag-badge status="R"></plan-rag-badge><plan-rag-badge status="complete"></plan-rag-badge></div>`);
    const labels = [...host.querySelectorAll('plan-rag-badge')].map((badge) => partsOf(badge).label.textContent);
    expect(labels).toEqual(['Green', 'Red', 'Complete']);
  });

  it('makes complete quiet (lighter weight) so unfinished work draws the eye', async () => {
    const host = await fixture(`<div><plan-rag-badge status="blue"></plan-rag-badge><plan-rag-badge status="red"></plan-rag-badge></div>`);
    const [complete, red] = [...host.querySelectorAll('plan-rag-badge')].map((badge) => Number(getComputedStyle(partsOf(badge).badge).fontWeight));
    expect(complete).toBeLessThan(red);
  });

  it('shows a status word not in the legend as written, in a neutral style', async () => {
    const badge = await fixture(`<plan-rag-badge status="Pending review"></plan-rag-badge>`);
    const parts = partsOf(badge);
    expect(parts.label.textContent).toBe('Pending review');
    expect(parts.badge.classList.contains('status-unknown')).toBe(true);
    expect(parts.shape.classList.contains('shape-unknown')).toBe(true);
    expect(badge.getAttribute('title')).toBe('Not a status in the plan’s legend');
    await expectAccessible(badge.parentElement!);
  });

  it('says "No status" for an empty or missing status', async () => {
    const host = await fixture(`<div><plan-rag-badge></plan-rag-badge><plan-rag-badge status="  "></plan-rag-badge></div>`);
    for (const badge of host.querySelectorAll('plan-rag-badge')) {
      expect(partsOf(badge).label.textContent).toBe('No status');
      expect(badge.hasAttribute('title')).toBe(false);
    }
  });

  it('shows a label override with the status’s shape and definition', async () => {
    const badge = await fixture(`<plan-rag-badge status="red" label="Behind schedule"></plan-rag-badge>`);
    const parts = partsOf(badge);
    expect(parts.label.textContent).toBe('Behind schedule');
    expect(parts.shape.classList.contains('shape-triangle')).toBe(true);
    expect(badge.getAttribute('title')).toBe('Off track: will not be delivered without intervention.');
  });

  it('has a compact form: shape and word, smaller, without the tag’s background', async () => {
    const host = await fixture(`<div><plan-rag-badge status="amber"></plan-rag-badge><plan-rag-badge status="amber" compact></plan-rag-badge></div>`);
    const [normal, compact] = [...host.querySelectorAll('plan-rag-badge')].map((badge) => partsOf(badge));
    expect(compact.badge.classList.contains('compact')).toBe(true);
    expect(parseFloat(getComputedStyle(compact.badge).fontSize)).toBeLessThan(parseFloat(getComputedStyle(normal.badge).fontSize));
    expect(getComputedStyle(compact.badge).backgroundColor).toBe('rgba(0, 0, 0, 0)');
    expect(compact.label.textContent).toBe('Amber');
    expect(compact.shape.classList.contains('shape-diamond')).toBe(true);
    await expectAccessible(host);
  });

  it('updates when the status changes', async () => {
    const badge = await fixture<PlanRagBadge>(`<plan-rag-badge status="amber"></plan-rag-badge>`);
    badge.status = 'red';
    await settle(badge.parentElement!);
    expect(partsOf(badge).label.textContent).toBe('Red');
    expect(badge.getAttribute('title')).toBe('Off track: will not be delivered without intervention.');
  });

  it('leaves a title the page set itself alone', async () => {
    const badge = await fixture(`<plan-rag-badge status="amber" title="Our own words"></plan-rag-badge>`);
    expect(badge.getAttribute('title')).toBe('Our own words');
  });
});

describe('<plan-rag-badge>: a plan’s own legend', () => {
  const ownLegend = () =>
    samplePlan({
      statusScheme: [
        { key: 'on-track', label: 'On track', definition: 'Will be delivered on time.', colour: 'green' },
        { key: 'at-risk', label: 'At risk', definition: 'May miss its date.', colour: 'amber' },
        { key: 'done', label: 'Done', colour: 'blue', complete: true },
      ],
      themes: [{ title: 'T', actions: [{ title: 'A', status: 'on-track' }] }],
    });

  it('shows the plan’s label and definition inside <plan-source>', async () => {
    document.body.innerHTML = `<plan-source><p>Action 1.1 is <plan-rag-badge status="on-track"></plan-rag-badge>.</p></plan-source>`;
    const source = document.querySelector('plan-source') as PlanSource;
    source.plan = ownLegend();
    const badge = document.querySelector('plan-rag-badge')!;
    await whenShown(badge);
    const parts = partsOf(badge);
    expect(parts.label.textContent).toBe('On track');
    expect(parts.shape.classList.contains('shape-circle')).toBe(true);
    expect(badge.getAttribute('title')).toBe('Will be delivered on time.');
    expect(accessibleText(badge)).toBe('On track — Will be delivered on time.');
    await expectAccessible(document.body);
  });

  it('shows a key of the default legend as unknown when the plan’s legend has no such status', async () => {
    document.body.innerHTML = `<plan-source><plan-rag-badge status="amber"></plan-rag-badge></plan-source>`;
    (document.querySelector('plan-source') as PlanSource).plan = ownLegend();
    const badge = document.querySelector('plan-rag-badge')!;
    await whenShown(badge);
    expect(partsOf(badge).label.textContent).toBe('amber');
    expect(partsOf(badge).badge.classList.contains('status-unknown')).toBe(true);
  });

  it('takes a plan given directly as .plan, and keeps the plan’s own words in Welsh pages', async () => {
    const badge = await fixture<PlanRagBadge>(`<plan-rag-badge lang="cy" status="done"></plan-rag-badge>`);
    badge.plan = ownLegend();
    await whenShown(badge);
    expect(partsOf(badge).label.textContent).toBe('Done');
    expect(partsOf(badge).badge.classList.contains('complete')).toBe(true);
    // No definition in the legend: no title and no hidden text.
    expect(badge.hasAttribute('title')).toBe(false);
    expect(partsOf(badge).definition).toBeNull();
  });

  it('shows the default legend while a plan loads and if it cannot be loaded', async () => {
    const errors: Event[] = [];
    document.body.addEventListener('plan-error', (event) => errors.push(event));
    document.body.innerHTML = `<plan-rag-badge src="/no-such-plan.plan.json" status="green"></plan-rag-badge>`;
    const badge = document.querySelector('plan-rag-badge')!;
    await whenShown(badge);
    expect((badge as unknown as { state: { status: string } }).state.status).toBe('error');
    expect(partsOf(badge).label.textContent).toBe('Green');
    expect(errors.length).toBe(1);
  });
});

describe('<plan-rag-badge>: Welsh', () => {
  const WELSH = [
    { status: 'blue', label: 'Wedi’i gwblhau', definition: 'Wedi’i gyflawni: mae’r gwaith wedi’i orffen.' },
    { status: 'green', label: 'Gwyrdd', definition: 'Ar y trywydd iawn: bydd yn cael ei gyflawni fel y cynlluniwyd.' },
    { status: 'amber', label: 'Ambr', definition: 'Rhywfaint o lithriad neu risg, ond mae modd ei adfer.' },
    { status: 'red', label: 'Coch', definition: 'Ddim ar y trywydd iawn: ni fydd yn cael ei gyflawni heb ymyrraeth.' },
    { status: 'not-started', label: 'Heb ddechrau', definition: 'Heb ddechrau eto, neu ddim yn ddyledus eto.' },
  ];

  it('shows the default legend’s words in Welsh with lang="cy"', async () => {
    const host = await fixture(`<p lang="cy">${WELSH.map(({ status }) => `<plan-rag-badge status="${status}"></plan-rag-badge> `).join('')}</p>`);
    const badges = [...host.querySelectorAll('plan-rag-badge')];
    expect(badges.map((badge) => partsOf(badge).label.textContent)).toEqual(WELSH.map(({ label }) => label));
    expect(badges.map((badge) => badge.getAttribute('title'))).toEqual(WELSH.map(({ definition }) => definition));
    await expectAccessible(host);
  });

  it('follows the page’s language and its own lang attribute', async () => {
    document.documentElement.setAttribute('lang', 'cy-GB');
    const badge = await fixture(`<plan-rag-badge status="red"></plan-rag-badge>`);
    expect(partsOf(badge).label.textContent).toBe('Coch');
    badge.setAttribute('lang', 'en');
    await settle(badge.parentElement!);
    expect(partsOf(badge).label.textContent).toBe('Red');
  });

  it('says "Dim statws" for no status in Welsh', async () => {
    const badge = await fixture(`<plan-rag-badge lang="cy"></plan-rag-badge>`);
    expect(partsOf(badge).label.textContent).toBe('Dim statws');
  });
});

describe('<plan-rag-badge>: in tables and prose', () => {
  it('does not make a table row taller', async () => {
    const table = await fixture<HTMLTableElement>(`<table>
      <tbody>
        <tr><td id="plain">Amber</td></tr>
        <tr><td id="badged"><plan-rag-badge status="amber"></plan-rag-badge></td></tr>
        <tr><td id="compact"><plan-rag-badge status="red" compact></plan-rag-badge></td></tr>
        <tr><td id="unknown"><plan-rag-badge status="Pending review"></plan-rag-badge></td></tr>
        <tr><td id="tick"><plan-rag-badge status="blue"></plan-rag-badge></td></tr>
      </tbody>
    </table>`);
    const height = (id: string) => (table.querySelector(`#${id}`) as HTMLElement).getBoundingClientRect().height;
    const plain = height('plain');
    for (const id of ['badged', 'compact', 'unknown', 'tick']) expect(Math.abs(height(id) - plain), id).toBeLessThanOrEqual(1);
    // The same in other type: the badge's own typeface, a roomy line, text set solid, a serif.
    for (const [fontFamily, lineHeight, fontSize] of [['Arial, Helvetica, sans-serif', '1.5', ''], ['Arial, Helvetica, sans-serif', '1', ''], ['Georgia, serif', '', '19px'], ['', '1.2', '12px']]) {
      Object.assign(table.style, { fontFamily, lineHeight, fontSize });
      const text = height('plain');
      for (const id of ['badged', 'compact', 'unknown', 'tick']) expect(Math.abs(height(id) - text), `${id} in ${fontFamily}/${lineHeight}/${fontSize}`).toBeLessThanOrEqual(1);
    }
  });

  it('passes axe inside a captioned table', async () => {
    const table = await fixture(`<table>
      <caption>Actions</caption>
      <thead><tr><th scope="col">Action</th><th scope="col">Status</th></tr></thead>
      <tbody>
        ${DEFAULTS.map(({ status }, index) => `<tr><td>1.${index + 1}</td><td><plan-rag-badge status="${status}"></plan-rag-badge></td></tr>`).join('')}
        <tr><td>2.1</td><td><plan-rag-badge status="Pending review"></plan-rag-badge></td></tr>
      </tbody>
    </table>`);
    await expectAccessible(table);
  });

  it('reads as part of a sentence in prose, and passes axe', async () => {
    const paragraph = await fixture(`<p>Action 1.1 is <plan-rag-badge status="green"></plan-rag-badge>.</p>`);
    expect(paragraph.textContent).toBe('Action 1.1 is .');
    expect(accessibleText(paragraph.querySelector('plan-rag-badge')!)).toBe('Green — On track: will be delivered as planned.');
    await expectAccessible(paragraph);
  });
});

describe('<plan-rag-badge>: focus', () => {
  it('is not focusable by default', async () => {
    const host = await fixture(`<div><button>before</button><plan-rag-badge status="amber"></plan-rag-badge><button>after</button></div>`);
    const badge = host.querySelector('plan-rag-badge') as HTMLElement;
    expect(badge.tabIndex).toBe(-1);
    badge.focus();
    expect(document.activeElement).not.toBe(badge);
    expect(badge.shadowRoot!.querySelector('[tabindex], button, a')).toBeNull();
  });

  it('with focusable, is in the tab order and shows its definition on keyboard focus until Escape', async () => {
    const host = await fixture(`<div><button>before</button> <plan-rag-badge status="amber" focusable></plan-rag-badge></div>`);
    const badge = host.querySelector('plan-rag-badge') as PlanRagBadge;
    expect(badge.getAttribute('tabindex')).toBe('0');
    const definition = partsOf(badge).definition!;
    expect(definition.getBoundingClientRect().width).toBeLessThanOrEqual(1);
    host.querySelector('button')!.focus();
    await userEvent.tab();
    expect(document.activeElement).toBe(badge);
    expect(badge.matches(':focus-visible')).toBe(true);
    expect(definition.getBoundingClientRect().width).toBeGreaterThan(20);
    await userEvent.keyboard('{Escape}');
    await settle(host);
    expect(document.activeElement).toBe(badge);
    expect(definition.getBoundingClientRect().width).toBeLessThanOrEqual(1);
    await expectAccessible(host);
    badge.focusable = false;
    await settle(host);
    expect(badge.hasAttribute('tabindex')).toBe(false);
  });
});

describe('<plan-rag-badge>: hostile text', () => {
  it('shows XSS payloads given as status and label as text, and runs none', async () => {
    for (const payload of XSS_PAYLOADS) {
      const badge = document.createElement('plan-rag-badge') as PlanRagBadge;
      badge.setAttribute('status', payload);
      document.body.append(badge);
      const labelled = document.createElement('plan-rag-badge') as PlanRagBadge;
      labelled.setAttribute('status', 'red');
      labelled.setAttribute('label', payload);
      document.body.append(labelled);
      await settle(document.body);
      expect(partsOf(badge).label.textContent).toBe(payload.trim());
      expect(partsOf(labelled).label.textContent).toBe(payload);
      for (const element of [badge, labelled]) {
        expect(element.shadowRoot!.querySelector('script, img, iframe, a, body, details, math, style, [onload], [onerror]')).toBeNull();
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((window as unknown as { __xss?: unknown }).__xss).toBeUndefined();
  });
});
