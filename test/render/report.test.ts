import { describe, expect, it } from 'vitest';
import { describeDue, formatLongDate, type PlanAnalysis } from '@plankit/core';
import { common } from '../../packages/elements/src/strings/common.js';
import { summary } from '../../packages/elements/src/strings/summary.js';
import { table } from '../../packages/elements/src/strings/table.js';
import { timeline } from '../../packages/elements/src/strings/timeline.js';
import { all, byClass, byId, byTag, closest, parse, text, type Node } from './dom.js';
import { AS_OF, EXAMPLES, examplePath, renderFile, writeTempPlan } from './helpers.js';
import { HOSTILE_URLS, hostilePlan, PAYLOADS } from './hostile.js';

/** Element names the report may contain: anything else would have come from plan text. */
const ALLOWED_TAGS = new Set([
  'html', 'head', 'meta', 'title', 'style', 'body', 'header', 'nav', 'main', 'section', 'h1', 'h2', 'h3', 'h4', 'p', 'div', 'span', 'strong', 'a', 'time',
  'dl', 'dt', 'dd', 'ul', 'ol', 'li', 'table', 'caption', 'colgroup', 'col', 'thead', 'tbody', 'tr', 'th', 'td',
  'svg', 'polygon', 'polyline', 'circle', 'rect', 'line', 'text',
]);

/** What every report must be: self-contained, inert, and made only of the report's own markup. */
function expectInert(source: string, tree: Node): void {
  expect(source).not.toMatch(/<script/i);
  expect(source).not.toMatch(/<(link|img|iframe|object|embed|base|form|input|button|video|audio|source)\b/i);
  // One stylesheet, which loads nothing.
  const styles = byTag(tree, 'style');
  expect(styles).toHaveLength(1);
  expect(styles[0].children.join('')).not.toMatch(/url\(|@import|@font-face|image-set\(/i);
  for (const node of all(tree, () => true)) {
    expect(ALLOWED_TAGS.has(node.tag), `<${node.tag}>`).toBe(true);
    for (const [name, value] of Object.entries(node.attrs)) {
      expect(name.startsWith('on'), `${name} on <${node.tag}>`).toBe(false);
      expect(['style', 'src', 'srcset', 'action', 'formaction', 'xlink:href', 'background', 'poster'].includes(name), `${name} on <${node.tag}>`).toBe(false);
      expect(value.toLowerCase().replace(/\s/g, '')).not.toContain('javascript:');
    }
    if (node.tag === 'a') {
      const href = node.attrs.href;
      expect(href === undefined || href.startsWith('#') || /^(https?:\/\/[^/]|mailto:)/.test(href), `href ${href}`).toBe(true);
      if (href?.startsWith('#')) expect(byId(tree, href.slice(1)), `link target ${href}`).toBeDefined();
    }
    if (node.tag === 'meta') expect(['charset', 'http-equiv', 'name'].some((a) => a in node.attrs)).toBe(true);
  }
  // Every id is unique.
  const ids = all(tree, (n) => n.attrs.id !== undefined).map((n) => n.attrs.id);
  expect(new Set(ids).size).toBe(ids.length);
  // The CSP forbids every script and request.
  const csp = all(tree, (n) => n.tag === 'meta' && n.attrs['http-equiv'] === 'Content-Security-Policy')[0];
  expect(csp.attrs.content).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'/);
  // aria-labelledby points at real ids.
  for (const node of all(tree, (n) => n.attrs['aria-labelledby'] !== undefined)) {
    for (const id of node.attrs['aria-labelledby'].split(/\s+/)) expect(byId(tree, id), `aria-labelledby ${id}`).toBeDefined();
  }
}

function numberIn(node: Node): number {
  return Number(text(node).replace(/%$/, ''));
}

describe.each(EXAMPLES)('the report of %s', (name) => {
  let html: string;
  let tree: Node;
  let analysis: PlanAnalysis;

  it('renders, as at the given date, with the structure of a committee paper', async () => {
    const result = await renderFile(examplePath(name), { asOf: AS_OF });
    html = result.html;
    analysis = result.check.analysis!;
    tree = parse(html);
    const plan = analysis.plan;
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(byTag(tree, 'h1')).toHaveLength(1);
    expect(text(byTag(tree, 'h1')[0])).toContain(plan.title);
    expect(text(byTag(tree, 'title')[0])).toContain(`As at ${formatLongDate(AS_OF)}`);
    expect(text(byId(tree, 'as-at')!)).toBe(`As at ${formatLongDate(AS_OF)}: the reporting date chosen for this report.`);
    if (plan.partnership) expect(text(byTag(tree, 'header')[0])).toContain(plan.partnership);
    // Headings in order: h1, then h2 sections (no level skipped).
    const headings = all(tree, (n) => /^h[1-6]$/.test(n.tag));
    let level = 0;
    for (const heading of headings) {
      const next = Number(heading.tag[1]);
      expect(next, text(heading)).toBeLessThanOrEqual(level + 1);
      level = next;
    }
    const h2 = byTag(tree, 'h2').map((h) => text(h));
    expect(h2.slice(0, 3)).toEqual(['Contents', 'Summary', 'Key to statuses']);
    expect(h2.slice(3, 3 + plan.themes.length)).toEqual(plan.themes.map((theme) => theme.title || theme.key));
    expect(h2.slice(-2)).toEqual(['Timeline', 'Notes']);
    expectInert(html, tree);
  });

  it('has a real table with a caption, column headers and row headers for each theme with actions', () => {
    const themes = byClass(tree, 'theme');
    expect(themes).toHaveLength(analysis.plan.themes.length);
    analysis.plan.themes.forEach((theme, index) => {
      const section = themes[index];
      const tables = byTag(section, 'table');
      if (theme.actions.length === 0) {
        expect(tables).toHaveLength(0);
        expect(text(section)).toContain('This theme has no actions.');
        return;
      }
      expect(tables).toHaveLength(1);
      const t = tables[0];
      expect(text(byTag(t, 'caption')[0])).toBe(`Actions: ${theme.title || theme.key}`);
      const head = byTag(t, 'thead')[0];
      const columns = byTag(head, 'th');
      expect(columns.map((th) => th.attrs.scope)).toEqual(['col', 'col', 'col', 'col', 'col']);
      expect(columns.map((th) => text(th))).toEqual([table.en.columns.id, table.en.columns.title, table.en.columns.lead, table.en.columns.due, table.en.columns.status]);
      const bodies = byTag(t, 'tbody');
      expect(bodies).toHaveLength(theme.actions.length);
      theme.actions.forEach((action, actionIndex) => {
        const body = bodies[actionIndex];
        const rowHeader = all(body, (n) => n.tag === 'th' && n.attrs.scope === 'row');
        expect(rowHeader).toHaveLength(1);
        expect(text(rowHeader[0])).toBe((action.title || action.key).replace(/\s+/g, ' ').trim());
        // Every row expanded: the details row is there, with every milestone and update.
        const details = byClass(body, 'details')[0];
        expect(details).toBeDefined();
        const detailText = text(details);
        const milestones = byClass(details, 'milestone');
        expect(milestones).toHaveLength(action.milestones.length);
        action.milestones.forEach((milestone, m) => {
          expect(text(milestones[m])).toContain(milestone.title.replace(/\s+/g, ' ').trim());
          for (const update of milestone.updates) if (update.text) expect(text(milestones[m])).toContain(update.text.replace(/\s+/g, ' ').trim());
        });
        for (const update of action.updates) if (update.text) expect(detailText).toContain(update.text.replace(/\s+/g, ' ').trim());
        if (action.baseline) expect(detailText).toContain(action.baseline.replace(/\s+/g, ' ').trim());
        if (action.target) expect(detailText).toContain(action.target.replace(/\s+/g, ' ').trim());
      });
    });
  });

  it('gives overdue and due dates in the core’s words, for the fixed as-of date', () => {
    let overdueSeen = 0;
    for (const item of analysis.items()) {
      const state = analysis.state(item);
      const node =
        item.kind === 'action'
          ? byClass(byId(tree, actionId(analysis, item))!, 'action-row')[0]
          : byId(tree, `${actionId(analysis, item.action)}-m${item.action.milestones.indexOf(item) + 1}`)!;
      expect(node, item.title).toBeDefined();
      const words = text(node);
      if (state.overdue) {
        overdueSeen++;
        expect(words).toContain(common.en.overdueSince(formatLongDate(state.deadline!)));
      } else {
        expect(words).not.toContain('Overdue');
        if (item.due) {
          const meaning = describeDue(item.due.interpretation, 'en');
          if (meaning.toLowerCase() !== item.due.text.trim().toLowerCase()) expect(words.toLowerCase()).toContain(meaning.toLowerCase());
        }
      }
      if (item.due) expect(words).toContain(item.due.text.replace(/\s+/g, ' ').trim());
    }
    expect(overdueSeen).toBe(analysis.overdue().length);
  });

  it('counts exactly what the core counts', () => {
    const counts = analysis.statusCounts('action');
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const section = byId(tree, 'summary')!;
    if (total === 0) return;
    for (const [key, count] of counts) {
      const row = all(section, (n) => n.tag === 'tr' && n.attrs['data-status'] === key)[0];
      if (count === 0 && (key === 'none' || key === 'unknown')) {
        expect(row).toBeUndefined();
        continue;
      }
      const cells = byTag(row, 'td');
      expect(numberIn(cells[0])).toBe(count);
      expect(numberIn(cells[1])).toBe(Math.round((count / total) * 100));
    }
    const totalRow = all(section, (n) => n.attrs['data-status'] === 'total')[0];
    expect(numberIn(byTag(totalRow, 'td')[0])).toBe(analysis.actions().length);
    const overdue = byTag(all(section, (n) => n.attrs['data-figure'] === 'overdue')[0], 'td').map(numberIn);
    expect(overdue).toEqual([analysis.overdue('action').length, analysis.overdue('milestone').length]);
    const dueWithin = all(section, (n) => n.attrs['data-figure'] === 'due-within')[0];
    expect(text(byTag(dueWithin, 'th')[0])).toBe(summary.en.dueWithin(30));
    expect(byTag(dueWithin, 'td').map(numberIn)).toEqual([analysis.dueWithin(30, 'action').length, analysis.dueWithin(30, 'milestone').length]);
    expect(text(all(section, (n) => n.attrs['data-figure'] === 'percent-complete')[0])).toBe(summary.en.percentComplete(analysis.planPercentComplete()));
  });

  it('shows the plan’s legend with every status as word, shape and meaning', () => {
    const legend = byId(tree, 'legend')!;
    const rows = all(legend, (n) => n.tag === 'tr' && n.attrs['data-status'] !== undefined);
    expect(rows.map((row) => row.attrs['data-status'])).toEqual(analysis.plan.statusScheme.map((s) => s.key));
    rows.forEach((row, index) => {
      const status = analysis.plan.statusScheme[index];
      expect(text(row)).toContain(status.label);
      expect(byTag(row, 'svg')[0].attrs['aria-hidden']).toBe('true');
      if (status.definition) expect(text(row)).toContain(status.definition);
    });
  });

  it('lists every dated item once in the timeline, by date in financial-year quarters, and the rest apart', () => {
    const section = byId(tree, 'timeline')!;
    const entries = analysis.timeline();
    const dated = entries.filter((entry) => entry.placement === 'dated');
    const datedItems = all(section, (n) => n.tag === 'li' && closest(n, (p) => p.tag === 'ol' && (p.attrs['aria-labelledby'] ?? '').startsWith('timeline-2')) !== undefined);
    expect(datedItems).toHaveLength(dated.length);
    const dates = datedItems.map((li) => byTag(li, 'time')[0].attrs.datetime);
    expect([...dates].sort()).toEqual(dates);
    expect([...dates].sort()).toEqual(dated.map((entry) => entry.end!).sort());
    for (const heading of byTag(section, 'h4')) expect(text(heading)).toMatch(/^Q[1-4] \d{4}\/\d{2}: /);
    for (const [placement, heading] of [
      ['ongoing', timeline.en.ongoing],
      ['recurring', timeline.en.recurring],
      ['unresolved', timeline.en.dateToBeConfirmed],
      ['undated', timeline.en.noDate],
    ] as const) {
      const count = entries.filter((entry) => entry.placement === placement).length;
      const list = byId(section, `timeline-${placement}`);
      if (count === 0) expect(list).toBeUndefined();
      else {
        expect(text(list!)).toBe(heading);
        const ul = all(section, (n) => n.tag === 'ul' && n.attrs['aria-labelledby'] === `timeline-${placement}`)[0];
        expect(byTag(ul, 'li').filter((li) => li.parent === ul)).toHaveLength(count);
      }
    }
    const svg = byTag(section, 'svg')[0];
    if (dated.length > 0) expect(svg.attrs['aria-hidden']).toBe('true');
  });

  it('has every action and milestone title in it', () => {
    const all = text(tree);
    for (const item of analysis.items()) expect(all).toContain(item.title.replace(/\s+/g, ' ').trim());
  });

  it('reads in Welsh with --lang cy: Welsh words and dates, lang="cy", plan text unchanged and marked as English', async () => {
    const { html: welsh } = await renderFile(examplePath(name), { asOf: AS_OF, lang: 'cy' });
    const cy = parse(welsh);
    expect(welsh.startsWith('<!doctype html>\n<html lang="cy">')).toBe(true);
    expectInert(welsh, cy);
    expect(text(byId(cy, 'as-at')!)).toBe(`Fel ar ${formatLongDate(AS_OF, 'cy')}: y dyddiad adrodd a ddewiswyd ar gyfer yr adroddiad hwn.`);
    expect(formatLongDate(AS_OF, 'cy')).toBe('23 Tachwedd 2026');
    const h2 = byTag(cy, 'h2').map((h) => text(h));
    expect(h2.slice(0, 3)).toEqual(['Cynnwys', summary.cy.summary, 'Allwedd y statws']);
    expect(h2.slice(-2)).toEqual([timeline.cy.timeline, 'Nodiadau']);
    // Plan text as written, marked with the plan's language.
    const h1 = byTag(cy, 'h1')[0];
    const titleSpan = all(h1, (n) => n.attrs.lang === 'en')[0];
    expect(text(titleSpan)).toBe(analysis.plan.title);
    for (const item of analysis.items()) expect(text(cy)).toContain(item.title.replace(/\s+/g, ' ').trim());
    for (const item of analysis.overdue()) expect(text(cy)).toContain(common.cy.overdueSince(formatLongDate(analysis.state(item).deadline!, 'cy')));
    // No English report words left.
    for (const english of ['Overdue', 'Key to statuses', 'Contents', 'Update history', 'Not given', 'As at ']) expect(text(cy).includes(english), english).toBe(false);
  });
});

function actionId(analysis: PlanAnalysis, action: PlanAnalysis['plan']['themes'][number]['actions'][number]): string {
  const themeIndex = analysis.plan.themes.indexOf(action.theme);
  return `action-${themeIndex + 1}-${action.theme.actions.indexOf(action) + 1}`;
}

describe('as-of dates', () => {
  it("uses the plan's own asOf when none is given, and says so", async () => {
    const { html } = await renderFile(examplePath('tonbridge-malling-csp-action-plan-2013-14'));
    expect(text(byId(parse(html), 'as-at')!)).toBe('As at 31 December 2013: the date of the plan’s latest published update.');
  });

  it('uses today when the plan has no asOf, and says so', async () => {
    const { html } = await renderFile(examplePath('safer-kingston-partnership-plan-2011-14'));
    expect(text(byId(parse(html), 'as-at')!)).toBe('As at 23 November 2026: the date the report was produced: the plan gives no reporting date.');
  });

  it('changes what is overdue with the date', async () => {
    const early = await renderFile(examplePath('sevenoaks-alcohol-drug-strategy-2011'), { asOf: '2010-06-01' });
    const late = await renderFile(examplePath('sevenoaks-alcohol-drug-strategy-2011'), { asOf: AS_OF });
    expect(early.check.analysis!.overdue().length).toBeLessThan(late.check.analysis!.overdue().length);
    expect(byClass(parse(early.html), 'flag-overdue')).toHaveLength(early.check.analysis!.overdue().length);
    expect(byClass(parse(late.html), 'flag-overdue')).toHaveLength(late.check.analysis!.overdue().length);
  });
});

describe('hostile plan text', () => {
  it.each([0, 7, 19])('shows a payload in every text field as text, never as markup (offset %i)', async (offset) => {
    const { plan, used } = hostilePlan(offset);
    const file = writeTempPlan(plan);
    for (const lang of ['en', 'cy'] as const) {
      // The schema refuses the hostile addresses and a status word not in the legend; the report
      // is rendered regardless here, to show that its own escaping does not depend on the checks.
      const { html } = await renderFile(file, { lang, allowErrors: true });
      const tree = parse(html);
      expectInert(html, tree);
      const all = text(tree);
      for (const payload of used) expect(all, payload).toContain(payload.replace(/\s+/g, ' ').trim());
      // Hostile link addresses are shown as text, not links; the good ones are links.
      const hrefs = byTag(tree, 'a').map((a) => a.attrs.href).filter((href) => !href.startsWith('#'));
      expect(hrefs.sort()).toEqual(['https://example.org/?q=%3Cscript%3Ealert(1)%3C/script%3E%22onmouseover=%22x', 'mailto:someone@example.org'].sort());
      for (const url of HOSTILE_URLS) expect(all).toContain(url.replace(/\s+/g, ' ').trim());
    }
  });

  it('covers every payload', () => {
    const seen = new Set<string>();
    for (const offset of [0, 7, 19]) for (const payload of hostilePlan(offset).used) seen.add(payload);
    expect([...seen].sort()).toEqual([...PAYLOADS].sort());
  });
});

describe('agencies listed under a heading (group)', () => {
  const plan = {
    title: 'Grouped partners',
    asOf: '2014-01-31',
    agencies: [
      { id: 'RBK', name: 'Royal Borough of Kingston' },
      { id: 'SNT', name: 'Safer Neighbourhood Teams' },
    ],
    themes: [
      {
        title: 'Anti-social Behaviour',
        partners: [
          'Businesses',
          { agency: 'RBK', officer: 'Community Care', group: 'RBK mainstream activity' },
          { agency: 'Housing Services', group: 'RBK mainstream activity' },
          { agency: 'SNT', group: 'Police mainstream activity:' },
          'Registered Social Landlords',
        ],
        actions: [
          {
            title: 'Use problem-solving techniques',
            lead: { agency: 'RBK', officer: 'CCTV', group: 'RBK mainstream activity continued' },
            milestones: [{ title: 'Map hot spots', partners: ['Businesses', { agency: 'RBK', officer: 'Licensing', group: 'RBK mainstream activity' }, { agency: 'SNT', group: 'RBK mainstream activity' }] }],
          },
        ],
      },
    ],
  };

  it('shows each heading once, as written, with its agencies as a list inside it, in the plan’s order', async () => {
    const { html, check } = await renderFile(writeTempPlan(plan, 'grouped.plan.json'));
    expect(check.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    const tree = parse(html);
    expectInert(html, tree);
    const partners = all(tree, (n) => n.tag === 'dd' && text(n).startsWith('Businesses'))[0];
    expect(partners).toBeDefined();
    const outer = byTag(partners, 'ul')[0];
    const items = outer.children.filter((child): child is Node => typeof child !== 'string' && child.tag === 'li');
    expect(items.map((li) => text(li))).toEqual([
      'Businesses',
      'RBK mainstream activity:Royal Borough of Kingston (RBK) (Community Care)Housing Services',
      'Police mainstream activity:Safer Neighbourhood Teams (SNT)',
      'Registered Social Landlords',
    ]);
    const rbk = items[1];
    expect(text(byClass(rbk, 'agency-group')[0])).toBe('RBK mainstream activity:');
    expect(byTag(rbk, 'ul')).toHaveLength(1);
    expect(byTag(byTag(rbk, 'ul')[0], 'li').map((li) => text(li))).toEqual(['Royal Borough of Kingston (RBK) (Community Care)', 'Housing Services']);
    // A heading that ends in a colon already gets no second one.
    expect(text(byClass(items[2], 'agency-group')[0])).toBe('Police mainstream activity:');
  });

  it('puts a single lead after its heading, and a milestone’s agencies on one line after theirs', async () => {
    const { html } = await renderFile(writeTempPlan(plan, 'grouped.plan.json'));
    const tree = parse(html);
    const row = byClass(tree, 'action-row')[0];
    expect(text(row)).toContain('RBK mainstream activity continued: Royal Borough of Kingston (RBK) (CCTV)');
    const milestone = byClass(tree, 'milestone')[0];
    expect(text(milestone)).toContain('Businesses; RBK mainstream activity: Royal Borough of Kingston (RBK) (Licensing), Safer Neighbourhood Teams (SNT)');
  });
});

it('shows every heading the Kingston plan lists its delivery agents under', async () => {
  const { html, check } = await renderFile(examplePath('safer-kingston-partnership-plan-2011-14'));
  const groups = new Set(check.analysis!.plan.themes.flatMap((theme) => theme.partners.map((mention) => mention.group)).filter((group) => group !== undefined));
  expect([...groups].sort()).toEqual([
    'NHS Kingston/GP Commissioned Services',
    'Police (CSU) mainstream activity',
    'Police (Community Safety Unit)',
    'Police mainstream activity',
    'RBK mainstream activity',
    'RBK mainstream activity continued',
    "Responsible Authorities' commitment to multi-agency groups focussing on specific",
  ]);
  const headings = byClass(parse(html), 'agency-group').map((node) => text(node));
  for (const group of groups) expect(headings).toContain(`${group}:`);
});
