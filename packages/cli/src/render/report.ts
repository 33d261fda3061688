import { createHash } from 'node:crypto';
import { LIGHT } from '@plankit/elements/palette';
import {
  daysBetween,
  describeDue,
  financialYearLabel,
  financialYearOf,
  financialYearRange,
  formatLongDate,
  latestUpdate,
  quarterRange,
  type Action,
  type AgencyMention,
  type AsOfBasis,
  type Due,
  type IsoDate,
  type ItemState,
  type Link,
  type Milestone,
  type PlanAnalysis,
  type PlanItem,
  type StatusColour,
  type StatusDefinition,
  type Theme,
  type TimelineEntry,
  type Update,
  updatesNewestFirst,
} from '@plankit/core';
import { html, idFrom, join, safeHref, stylesheet, toText, type Html, type HtmlValue } from './html.js';
import { REPORT_CSS } from './styles.js';
import { wordsFor, type Lang, type Words } from './words.js';

/** How the report is made: the as-of date comes with the analysis; these are the rest. */
export interface ReportOptions {
  /** The language of the report's own words and dates (plan text is never translated). */
  lang: Lang;
  /** Where the as-of date came from (core's resolveAsOf). */
  asOfBasis: AsOfBasis;
  /** Today in Europe/London: the date the report was produced. */
  today: IsoDate;
  /** The window of the summary's "due in the next N days" (default 30, as <plan-summary>). */
  dueWithinDays?: number;
}

/** The window <plan-summary> uses by default. */
export const DEFAULT_DUE_WITHIN_DAYS = 30;

type ShapeKind = StatusColour | 'unknown';

/** What one rendering needs at hand. */
interface Context {
  analysis: PlanAnalysis;
  lang: Lang;
  w: Words;
  /** The plan's own language, for marking plan text when it differs from the report's. */
  planLang: Lang;
  usesDefaultLegend: boolean;
}

/** The whole report: one self-contained HTML document, no script, CSS in one <style>. */
export function renderReport(analysis: PlanAnalysis, options: ReportOptions): string {
  const lang = options.lang;
  const plan = analysis.plan;
  const cx: Context = { analysis, lang, w: wordsFor(lang), planLang: plan.lang, usesDefaultLegend: plan.usesDefaultStatusScheme };
  const { w } = cx;
  const dueWithin = options.dueWithinDays ?? DEFAULT_DUE_WITHIN_DAYS;
  const title = plan.title || plan.partnership || w.report.kicker;
  const styleHash = createHash('sha256').update(REPORT_CSS, 'utf8').digest('base64');
  // Nothing may load or run: no scripts at all, no requests; only this one stylesheet (by its hash).
  const csp = `default-src 'none'; style-src 'sha256-${styleHash}'; img-src 'none'; form-action 'none'; base-uri 'none'`;

  const themeSections = plan.themes.map((theme, index) => renderTheme(cx, theme, index));
  const sections: { id: string; heading: string }[] = [
    { id: 'summary', heading: w.summary.summary },
    { id: 'legend', heading: w.report.legend },
    ...plan.themes.map((theme, index) => ({ id: themeId(index), heading: theme.title || theme.key })),
    ...(plan.risks.length > 0 ? [{ id: 'risks', heading: w.report.risks }] : []),
    { id: 'timeline', heading: w.timeline.timeline },
    { id: 'notes', heading: w.report.footnotes },
  ];

  const document = html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="Plankit">
<title>${title} – ${w.common.asAt(formatLongDate(analysis.asOf, lang))}</title>
<style>${stylesheet(REPORT_CSS)}</style>
</head>
<body>
<header>
<h1><span class="kicker">${w.report.kicker}<span class="visually-hidden">: </span></span>${planText(cx, title)}</h1>
${renderMeta(cx)}
<p class="as-at" id="as-at">${w.report.asAtWithBasis(w.common.asAt(formatLongDate(analysis.asOf, lang)), w.report.asAtBasis[options.asOfBasis])}</p>
</header>
<nav class="contents" aria-labelledby="contents-heading">
<h2 id="contents-heading">${w.report.contents}</h2>
<ol>
${sections.map((section) => html`<li><a href="#${section.id}">${planText(cx, section.heading)}</a></li>\n`)}</ol>
</nav>
<main>
${renderSummary(cx, dueWithin)}
${renderLegend(cx)}
${themeSections}
${renderRisks(cx)}
${renderTimeline(cx)}
${renderNotes(cx, options)}
</main>
</body>
</html>
`;
  return toText(document);
}

function themeId(index: number): string {
  return `theme-${index + 1}`;
}

/** Plan text (titles, updates, names): shown as written, marked with the plan's language when the report's differs. */
function planText(cx: Context, text: HtmlValue): HtmlValue {
  if (text === undefined || text === null || text === '') return text;
  return cx.planLang === cx.lang ? text : html`<span lang="${cx.planLang}">${text}</span>`;
}

/** Longer plan text: a paragraph for each blank-line-separated part, line breaks kept. */
function prose(cx: Context, text: string | undefined): Html {
  if (!text) return html``;
  const paragraphs = text.split(/\n[ \t]*\n/).map((part) => part.trim()).filter((part) => part !== '');
  const lang = cx.planLang === cx.lang ? undefined : cx.planLang;
  return html`<div class="prose"${lang ? html` lang="${lang}"` : ''}>${paragraphs.map((part) => html`<p>${part}</p>`)}</div>`;
}

function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

function date(cx: Context, iso: IsoDate): Html {
  return html`<time datetime="${iso}">${formatLongDate(iso, cx.lang)}</time>`;
}

// ------------------------------------------------------------------------------------------------
// Statuses: the word always, with a shape and a colour.

function statusLabel(cx: Context, definition: StatusDefinition): string {
  if (!cx.usesDefaultLegend) return definition.label;
  return (cx.w.badge.labels as Record<string, string | undefined>)[definition.key] ?? definition.label;
}

function statusDefinition(cx: Context, definition: StatusDefinition): string | undefined {
  if (!cx.usesDefaultLegend) return definition.definition;
  return (cx.w.badge.definitions as Record<string, string | undefined>)[definition.key] ?? definition.definition;
}

/** The inline SVG shape of a status, as <plan-rag-badge> draws it; hidden: the word carries the meaning. */
function shape(kind: ShapeKind): Html {
  const open = (name: string) => html`<svg class="shape shape-${name}" viewBox="0 0 16 16" aria-hidden="true" focusable="false">`;
  switch (kind) {
    case 'red':
      return html`${open('red')}<polygon points="8,1.5 15.5,14.5 0.5,14.5" fill="currentColor"/></svg>`;
    case 'amber':
      return html`${open('amber')}<polygon points="8,0.5 15.5,8 8,15.5 0.5,8" fill="currentColor"/></svg>`;
    case 'green':
      return html`${open('green')}<circle cx="8" cy="8" r="7" fill="currentColor"/></svg>`;
    case 'blue':
      return html`${open('blue')}<polyline points="2,8.5 6.5,13 14,3" fill="none" stroke="currentColor" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/></svg>`;
    case 'grey':
      return html`${open('grey')}<circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" stroke-width="2.5"/></svg>`;
    default:
      return html`${open('unknown')}<rect x="2" y="2" width="12" height="12" fill="none" stroke="currentColor" stroke-width="2" stroke-dasharray="3 2"/></svg>`;
  }
}

/** A status tag from a legend entry, a word not in the legend, or none. */
function badge(cx: Context, written: string | undefined, status: StatusDefinition | undefined): Html {
  if (status) {
    return html`<span class="tag tag-${status.colour}" data-status="${status.key}">${shape(status.colour)}${planTextIfOwn(cx, statusLabel(cx, status))}</span>`;
  }
  if (written !== undefined && written.trim() !== '') {
    return html`<span class="tag tag-unknown" data-status="unknown">${shape('unknown')}${cx.w.common.unknownStatus(written)}</span>`;
  }
  return html`<span class="tag tag-none" data-status="none">${shape('unknown')}${cx.w.common.noStatus}</span>`;
}

/** A legend word: the plan's own (plan text) or the catalogue's (the report's language). */
function planTextIfOwn(cx: Context, label: string): HtmlValue {
  return cx.usesDefaultLegend ? label : planText(cx, label);
}

function itemBadge(cx: Context, state: ItemState): Html {
  return badge(cx, state.statusText, state.status);
}

// ------------------------------------------------------------------------------------------------
// Header, summary and legend.

function renderMeta(cx: Context): Html {
  const { plan } = cx.analysis;
  const { w } = cx;
  const rows: [string, HtmlValue][] = [];
  if (plan.partnership) rows.push([w.report.partnership, planText(cx, plan.partnership)]);
  if (plan.period) {
    const range = html`${date(cx, plan.period.start)} – ${date(cx, plan.period.end)}`;
    rows.push([w.report.period, plan.period.text ? html`${planText(cx, plan.period.text)} (${range})` : range]);
  }
  if (rows.length === 0) return html``;
  return html`<dl class="meta">${rows.map(([term, value]) => html`<dt>${term}</dt><dd>${value}</dd>`)}</dl>
${plan.summary ? html`<div class="plan-summary" aria-label="${w.report.aboutPlan}" role="region">${prose(cx, plan.summary)}</div>` : ''}`;
}

function percentOf(count: number, total: number): number {
  return total === 0 ? 0 : Math.round((count / total) * 100);
}

function renderSummary(cx: Context, dueWithin: number): Html {
  const { analysis, w } = cx;
  const plan = analysis.plan;
  const counts = analysis.statusCounts('action');
  const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
  const rows: { label: Html; count: number; key: string }[] = plan.statusScheme.map((definition) => ({
    key: definition.key,
    label: badge(cx, definition.key, definition),
    count: counts.get(definition.key) ?? 0,
  }));
  const none = counts.get('none') ?? 0;
  const unknown = counts.get('unknown') ?? 0;
  if (none > 0) rows.push({ key: 'none', label: html`<span class="tag tag-none">${shape('unknown')}${w.summary.noStatus}</span>`, count: none });
  if (unknown > 0) rows.push({ key: 'unknown', label: html`<span class="tag tag-unknown">${shape('unknown')}${w.summary.notInLegend}</span>`, count: unknown });
  const percentComplete = analysis.planPercentComplete();
  const overdue = [analysis.overdue('action').length, analysis.overdue('milestone').length];
  const dueSoon = [analysis.dueWithin(dueWithin, 'action').length, analysis.dueWithin(dueWithin, 'milestone').length];

  if (total === 0) {
    return html`<section class="summary" id="summary" aria-labelledby="summary-heading">
<h2 id="summary-heading">${w.summary.summary}</h2>
<p>${w.summary.nothingCounted.action}</p>
</section>`;
  }
  return html`<section class="summary" id="summary" aria-labelledby="summary-heading">
<h2 id="summary-heading">${w.summary.summary}</h2>
<p class="progress" data-figure="percent-complete"><strong>${w.summary.percentComplete(percentComplete)}</strong></p>
<div class="summary-tables">
<table class="status-counts">
<caption>${w.report.statusTableCaption}</caption>
<thead><tr><th scope="col">${w.report.legendStatus}</th><th scope="col" class="number">${w.report.countColumn}</th><th scope="col" class="number">${w.report.shareColumn}</th></tr></thead>
<tbody>
${rows.map((row) => html`<tr data-status="${row.key}"><th scope="row">${row.label}</th><td class="number">${row.count}</td><td class="number">${percentOf(row.count, total)}%</td></tr>\n`)}<tr data-status="total"><th scope="row">${w.report.totalRow}</th><td class="number">${total}</td><td class="number">100%</td></tr>
</tbody>
</table>
<table class="deadline-counts">
<caption>${w.report.deadlinesCaption}</caption>
<thead><tr><th scope="col">${w.report.measureColumn}</th><th scope="col" class="number">${w.report.actionsColumn}</th><th scope="col" class="number">${w.report.milestonesColumn}</th></tr></thead>
<tbody>
<tr data-figure="overdue"><th scope="row">${w.summary.overdue}</th><td class="number">${overdue[0]}</td><td class="number">${overdue[1]}</td></tr>
<tr data-figure="due-within"><th scope="row">${w.summary.dueWithin(dueWithin)}</th><td class="number">${dueSoon[0]}</td><td class="number">${dueSoon[1]}</td></tr>
</tbody>
</table>
</div>
</section>`;
}

function renderLegend(cx: Context): Html {
  const { analysis, w } = cx;
  return html`<section class="legend" id="legend" aria-labelledby="legend-heading">
<h2 id="legend-heading">${w.report.legend}</h2>
<p>${w.report.legendIntro} ${cx.usesDefaultLegend ? w.report.legendDefault : w.report.legendOwn}</p>
<table class="legend-table">
<caption class="visually-hidden">${w.report.legend}</caption>
<thead><tr><th scope="col">${w.report.legendStatus}</th><th scope="col">${w.report.legendShape}</th><th scope="col">${w.report.legendMeaning}</th><th scope="col">${w.report.legendComplete}</th></tr></thead>
<tbody>
${analysis.plan.statusScheme.map((definition) => {
  const meaning = statusDefinition(cx, definition);
  return html`<tr data-status="${definition.key}"><th scope="row">${badge(cx, definition.key, definition)}</th><td>${w.report.shapes[definition.colour]}</td><td>${meaning ? planTextIfOwn(cx, meaning) : html`<span class="none">${w.table.notGiven}</span>`}</td><td>${definition.complete ? w.report.yes : w.report.no}</td></tr>\n`;
})}</tbody>
</table>
</section>`;
}

// ------------------------------------------------------------------------------------------------
// Themes: a heading, what the plan says of the theme, and a real table of its actions, every row expanded.

function mentionText(cx: Context, mention: AgencyMention): HtmlValue {
  const agencies = cx.analysis.agenciesOf(mention);
  const names = agencies.length === 0 ? [mention.text] : agencies.map((agency) => (agency.name !== agency.id ? `${agency.name} (${agency.id})` : agency.name));
  return planText(cx, `${names.join(', ')}${mention.officer ? ` (${mention.officer})` : ''}`);
}

/** A run of mentions in the plan's order: those listed one after another under the same heading, or one without a heading. */
interface MentionRun {
  group?: string;
  mentions: AgencyMention[];
}

function mentionRuns(mentions: readonly AgencyMention[]): MentionRun[] {
  const runs: MentionRun[] = [];
  for (const mention of mentions) {
    const last = runs[runs.length - 1];
    if (mention.group !== undefined && last?.group === mention.group) last.mentions.push(mention);
    else runs.push({ group: mention.group, mentions: [mention] });
  }
  return runs;
}

/** A heading agencies are listed under, as written, with a colon after it unless it has one. */
function groupHeading(cx: Context, group: string): Html {
  return html`${planText(cx, group)}${/:\s*$/.test(group) ? '' : ':'}`;
}

function agencyList(cx: Context, mentions: readonly AgencyMention[]): Html {
  if (mentions.length === 0) return html`<span class="none">${cx.w.table.notGiven}</span>`;
  const runs = mentionRuns(mentions);
  if (mentions.length === 1) return agencyInline(cx, mentions);
  // Agencies listed under a heading are a list inside the heading's item, as in the plan.
  return html`<ul class="plain-list">${runs.map((run) =>
    run.group === undefined
      ? run.mentions.map((mention) => html`<li>${mentionText(cx, mention)}</li>`)
      : html`<li><span class="agency-group">${groupHeading(cx, run.group)}</span><ul class="plain-list grouped-list">${run.mentions.map((mention) => html`<li>${mentionText(cx, mention)}</li>`)}</ul></li>`,
  )}</ul>`;
}

/** Agencies on one line, for a milestone's lead and partners: those under a heading after it ("Heading: A, B"). */
function agencyInline(cx: Context, mentions: readonly AgencyMention[], separator = '; '): Html {
  return join(
    mentionRuns(mentions).map((run) =>
      run.group === undefined
        ? join(run.mentions.map((mention) => html`${mentionText(cx, mention)}`), separator)
        : html`${groupHeading(cx, run.group)} ${join(run.mentions.map((mention) => html`${mentionText(cx, mention)}`), ', ')}`,
    ),
    separator,
  );
}

function textList(cx: Context, items: readonly string[]): HtmlValue {
  if (items.length === 1) return planText(cx, items[0]);
  return html`<ul class="plain-list">${items.map((item) => html`<li>${planText(cx, item)}</li>`)}</ul>`;
}

function linkHtml(cx: Context, link: Link): Html {
  const label = link.text ?? link.url ?? [link.strategy, link.plan, link.theme, link.action].filter((part) => part).join(' ');
  const href = safeHref(link.url);
  if (href) return html`<a href="${href}" rel="noopener noreferrer">${planText(cx, label)}</a>`;
  // A URL that is not http(s) or mailto is shown as text, never as a link.
  return html`${planText(cx, label)}${link.url !== undefined && link.url !== label ? html` (${planText(cx, link.url)})` : ''}`;
}

function linkList(cx: Context, links: readonly Link[]): Html {
  return html`<ul class="plain-list">${links.map((link) => html`<li>${linkHtml(cx, link)}</li>`)}</ul>`;
}

/** The officer's "by when" text, what the core read it as, and overdue or due soon in words. */
function dueHtml(cx: Context, due: Due | undefined, state: ItemState): Html {
  const { w } = cx;
  if (!due) return html`<span class="none">${w.common.noDate}</span>`;
  if (state.overdue && state.deadline) {
    return html`<span class="due-text">${planText(cx, due.text)}</span><span class="flag flag-overdue">${w.common.overdueSince(formatLongDate(state.deadline, cx.lang))}</span>`;
  }
  const meaning = capitalise(describeDue(due.interpretation, cx.lang));
  const same = meaning.trim().toLocaleLowerCase() === due.text.trim().toLocaleLowerCase();
  return html`<span class="due-text">${planText(cx, due.text)}</span>${same ? '' : html`<span class="line due-meaning">${meaning}</span>`}${state.dueSoon ? html`<span class="flag flag-soon">${w.common.dueSoon}</span>` : ''}`;
}


function updateList(cx: Context, updates: readonly Update[], headingId: string, heading: string): Html {
  const { w } = cx;
  if (updates.length === 0) return html`<p class="details-heading">${heading}</p><p class="none">${w.table.noUpdates}</p>`;
  return html`<p class="details-heading" id="${headingId}">${heading}</p>
<ol class="updates" aria-labelledby="${headingId}">${updatesNewestFirst(updates).map(
    (update) => html`<li>
<span class="update-date">${update.asOf ? date(cx, update.asOf) : w.table.undated}</span>${update.status !== undefined ? html`<span class="line">${badge(cx, update.status, cx.analysis.legend.resolve(update.status))}</span>` : ''}${update.value !== undefined ? html`<span class="line">${w.table.measuredValue(update.value)}</span>` : ''}${update.text !== undefined ? html`<span class="line update-text">${planText(cx, update.text)}</span>` : ''}${update.by !== undefined ? html`<span class="line">${w.table.updatedBy(update.by)}</span>` : ''}
</li>`,
  )}</ol>`;
}

function milestoneHtml(cx: Context, milestone: Milestone, id: string): Html {
  const { w, analysis } = cx;
  const state = analysis.state(milestone);
  return html`<li class="milestone${state.overdue ? ' is-overdue' : ''}" id="${id}">
<span class="line"><span class="milestone-title">${milestone.id ? html`${planText(cx, milestone.id)} ` : ''}${planText(cx, milestone.title)}</span> ${itemBadge(cx, state)}</span>
<span class="line">${w.table.columns.due}: ${dueHtml(cx, milestone.due, state)}</span>
${milestone.completed ? html`<span class="line">${w.table.completedOn(formatLongDate(milestone.completed, cx.lang))}</span>` : ''}
${milestone.lead.length > 0 ? html`<span class="line">${w.table.columns.lead}: ${agencyInline(cx, milestone.lead)}</span>` : ''}
${milestone.partners.length > 0 ? html`<span class="line">${w.table.columns.partners}: ${agencyInline(cx, milestone.partners)}</span>` : ''}
${milestone.measure.length > 0 ? html`<span class="line">${w.table.measures}: ${planText(cx, milestone.measure.join('; '))}</span>` : ''}
${milestone.links.length > 0 ? html`<span class="line">${w.table.links}: ${join(milestone.links.map((link) => linkHtml(cx, link)), '; ')}</span>` : ''}
${milestone.notes ? html`<span class="line">${w.table.notes}: ${planText(cx, milestone.notes)}</span>` : ''}
${milestone.updates.length > 0 ? updateList(cx, milestone.updates, `${id}-updates`, w.report.milestoneUpdates) : ''}
</li>`;
}

function directionHtml(cx: Context, action: Action): Html | undefined {
  const direction = cx.analysis.directionOfTravel(action);
  if (!direction) return undefined;
  const arrows = { improving: '↑', 'no-change': '→', worsening: '↓' } as const;
  return html`<span class="direction-arrow" aria-hidden="true">${arrows[direction.direction]}</span>${cx.w.table.direction[direction.direction]}`;
}

function actionDetails(cx: Context, action: Action, id: string): Html {
  const { w, analysis } = cx;
  const state = analysis.state(action);
  const facts: [string, HtmlValue][] = [];
  if (action.partners.length > 0) facts.push([w.table.columns.partners, agencyList(cx, action.partners)]);
  const meaning = state.status ? statusDefinition(cx, state.status) : undefined;
  if (state.status && meaning) facts.push([w.table.statusMeaning, html`${planTextIfOwn(cx, statusLabel(cx, state.status))}: ${planTextIfOwn(cx, meaning)}`]);
  if (action.objective) facts.push([w.table.objective, planText(cx, action.objective)]);
  if (action.outcome.length > 0) facts.push([w.table.outcome, textList(cx, action.outcome)]);
  if (action.outputs.length > 0) facts.push([w.table.outputs, textList(cx, action.outputs)]);
  if (action.measures.length > 0) facts.push([w.table.measures, textList(cx, action.measures)]);
  if (action.baseline !== undefined) facts.push([w.table.columns.baseline, planText(cx, action.baseline)]);
  if (action.target !== undefined) facts.push([w.table.columns.target, planText(cx, action.target)]);
  if (action.achieved) facts.push([w.table.achieved, w.table.achievedWords[action.achieved]]);
  const direction = directionHtml(cx, action);
  if (direction) facts.push([w.table.columns.direction, direction]);
  if (action.percentComplete !== undefined || action.milestones.length > 0) facts.push([w.table.progress, w.table.percentComplete(analysis.percentComplete(action))]);
  if (action.completed) facts.push([w.table.completed, date(cx, action.completed)]);
  if (action.notes) facts.push([w.table.notes, planText(cx, action.notes)]);
  if (action.links.length > 0) facts.push([w.table.links, linkList(cx, action.links)]);
  const milestonesId = `${id}-milestones`;
  return html`${facts.length > 0 ? html`<dl class="facts">${facts.map(([term, value]) => html`<div><dt>${term}</dt><dd>${value}</dd></div>`)}</dl>` : ''}
${action.milestones.length > 0
    ? html`<p class="details-heading" id="${milestonesId}">${w.table.milestones}</p>
<ul class="milestones" aria-labelledby="${milestonesId}">
${action.milestones.map((milestone, index) => milestoneHtml(cx, milestone, `${id}-m${index + 1}`))}
</ul>`
    : ''}
${updateList(cx, action.updates, `${id}-updates`, w.table.updates)}`;
}

function renderTheme(cx: Context, theme: Theme, index: number): Html {
  const { w, analysis } = cx;
  const id = themeId(index);
  const title = theme.title || theme.key;
  const facts: [string, HtmlValue][] = [];
  if (theme.lead.length > 0) facts.push([w.common.lead, agencyList(cx, theme.lead)]);
  if (theme.aim) facts.push([w.report.aim, planText(cx, theme.aim)]);
  if (theme.objectives.length > 0) facts.push([w.report.objectives, textList(cx, theme.objectives)]);
  if (theme.partners.length > 0) facts.push([w.common.partners, agencyList(cx, theme.partners)]);
  if (theme.links.length > 0) facts.push([w.table.links, linkList(cx, theme.links)]);
  if (theme.notes) facts.push([w.table.notes, planText(cx, theme.notes)]);
  const columns = w.table.columns;
  const rows = theme.actions.map((action, actionIndex) => {
    const state = analysis.state(action);
    const rowId = `${idFrom('action', `${index + 1}-${actionIndex + 1}`)}`;
    return html`<tbody class="action${state.overdue ? ' is-overdue' : ''}" id="${rowId}">
<tr class="action-row">
<td>${action.id !== undefined ? planText(cx, action.id) : ''}</td>
<th scope="row"><span class="action-title">${planText(cx, action.title || action.key)}</span></th>
<td>${agencyList(cx, action.lead)}</td>
<td>${dueHtml(cx, action.due, state)}</td>
<td>${itemBadge(cx, state)}</td>
</tr>
<tr class="details"><td colspan="5">${actionDetails(cx, action, rowId)}</td></tr>
</tbody>
`;
  });
  return html`<section class="theme" id="${id}" aria-labelledby="${id}-heading">
<h2 id="${id}-heading">${planText(cx, title)}</h2>
${facts.length > 0 ? html`<dl class="facts theme-facts">${facts.map(([term, value]) => html`<div><dt>${term}</dt><dd>${value}</dd></div>`)}</dl>` : ''}
${theme.description ? prose(cx, theme.description) : ''}
${theme.actions.length === 0
  ? html`<p class="none">${w.report.themeNoActions}</p>`
  : html`<table class="actions">
<caption>${w.common.actions}: ${planText(cx, title)}</caption>
<colgroup><col class="c-id"><col class="c-title"><col class="c-lead"><col class="c-due"><col class="c-status"></colgroup>
<thead><tr><th scope="col">${columns.id}</th><th scope="col">${columns.title}</th><th scope="col">${columns.lead}</th><th scope="col">${columns.due}</th><th scope="col">${columns.status}</th></tr></thead>
${rows}</table>`}
</section>
`;
}

function renderRisks(cx: Context): Html {
  const { analysis, w } = cx;
  const risks = analysis.plan.risks;
  if (risks.length === 0) return html``;
  return html`<section class="risks" id="risks" aria-labelledby="risks-heading">
<h2 id="risks-heading">${w.report.risks}</h2>
<table>
<caption class="visually-hidden">${w.report.risks}</caption>
<thead><tr><th scope="col">${w.table.columns.id}</th><th scope="col">${w.report.risks}</th><th scope="col">${w.common.status}</th><th scope="col">${w.report.riskOwner}</th><th scope="col">${w.report.riskMitigation}</th></tr></thead>
<tbody>
${risks.map(
  (risk) => html`<tr><td>${risk.id !== undefined ? planText(cx, risk.id) : ''}</td><th scope="row">${planText(cx, risk.title)}</th><td>${badge(cx, risk.status, analysis.legend.resolve(risk.status))}</td><td>${agencyList(cx, risk.owner)}</td><td>${risk.mitigation ? planText(cx, risk.mitigation) : html`<span class="none">${w.table.notGiven}</span>`}</td></tr>\n`,
)}</tbody>
</table>
</section>`;
}

// ------------------------------------------------------------------------------------------------
// Timeline: an ordered list by date, grouped by financial-year quarter; a picture of the same
// (hidden from assistive technology, which has the list); items with no fixed date apart.

interface TimelineItem {
  entry: TimelineEntry;
  order: number;
}

function leadWords(item: PlanItem): readonly AgencyMention[] {
  return item.kind === 'milestone' && item.lead.length === 0 ? item.action.lead : item.lead;
}

/** One item's facts, in the words <plan-milestone-timeline> uses. */
function timelineFacts(cx: Context, entry: TimelineEntry): Html {
  const t = cx.w.timeline;
  const { item, state } = entry;
  const when = (iso: IsoDate) => formatLongDate(iso, cx.lang);
  let deadlineText: string;
  if (state.complete) deadlineText = t.complete;
  else if (state.overdue && state.deadline) deadlineText = t.overdueSince(when(state.deadline));
  else if (state.dueSoon && state.deadline) deadlineText = t.dueSoonOn(when(state.deadline));
  else if (state.deadline) deadlineText = t.dueOn(when(state.deadline));
  else deadlineText = t.noDeadline;
  const lead = leadWords(item);
  const parts: HtmlValue[] = [
    html`${t.theme}: ${planText(cx, entry.theme.title || entry.theme.key)}`,
    item.kind === 'milestone' ? html`${t.milestone} (${t.partOf}: ${planText(cx, item.action.title)})` : t.action,
    html`${t.status}: ${itemBadge(cx, state)}`,
    state.complete && state.status?.complete ? undefined : state.overdue ? html`<span class="timeline-flag-overdue">${deadlineText}</span>` : deadlineText,
    item.due ? html`${t.byWhen}: ${planText(cx, item.due.text)} (${t.describeDue(item.due.interpretation)})` : undefined,
    entry.placement === 'recurring' && entry.next ? html`${t.nextDue}: ${when(entry.next)}` : undefined,
    html`${t.lead}: ${lead.length > 0 ? agencyInline(cx, lead, ', ') : t.notGiven}`,
  ];
  return join(parts.filter((part) => part !== undefined), '; ');
}

function quarterOf(end: IsoDate): { year: number; quarter: 1 | 2 | 3 | 4 } {
  const year = financialYearOf(end);
  for (const quarter of [1, 2, 3, 4] as const) {
    const range = quarterRange(year, quarter);
    if (end >= range.start && end <= range.end) return { year, quarter };
  }
  return { year, quarter: 4 };
}

function renderTimeline(cx: Context): Html {
  const { analysis, w } = cx;
  const t = w.timeline;
  const entries = analysis.timeline();
  const dated: TimelineItem[] = [];
  const apart: Record<'ongoing' | 'recurring' | 'unresolved' | 'undated', TimelineEntry[]> = { ongoing: [], recurring: [], unresolved: [], undated: [] };
  entries.forEach((entry, order) => {
    if (entry.placement === 'dated' && entry.end) dated.push({ entry, order });
    else apart[entry.placement === 'dated' ? 'unresolved' : entry.placement].push(entry);
  });
  dated.sort((a, b) => (a.entry.end! < b.entry.end! ? -1 : a.entry.end! > b.entry.end! ? 1 : (a.entry.start ?? '') < (b.entry.start ?? '') ? -1 : (a.entry.start ?? '') > (b.entry.start ?? '') ? 1 : a.order - b.order));

  const groups: { key: string; year: number; quarter: 1 | 2 | 3 | 4; items: TimelineItem[] }[] = [];
  for (const item of dated) {
    const { year, quarter } = quarterOf(item.entry.end!);
    const key = `${year}-q${quarter}`;
    const last = groups[groups.length - 1];
    if (last && last.key === key) last.items.push(item);
    else groups.push({ key, year, quarter, items: [item] });
  }

  const itemHtml = (entry: TimelineEntry, withDate: boolean) =>
    html`<li class="${entry.state.overdue ? 'is-overdue' : ''}">${withDate && entry.end ? html`<span class="timeline-date">${date(cx, entry.end)}</span>: ` : ''}<span class="timeline-title">${planText(cx, entry.item.title)}</span>. ${timelineFacts(cx, entry)}.</li>\n`;

  const apartList = (kind: keyof typeof apart, heading: string) =>
    apart[kind].length === 0
      ? ''
      : html`<h3 id="timeline-${kind}">${heading}</h3>
<ul class="timeline-list" aria-labelledby="timeline-${kind}">
${apart[kind].map((entry) => itemHtml(entry, false))}</ul>
`;

  return html`<section class="timeline" id="timeline" aria-labelledby="timeline-heading">
<h2 id="timeline-heading">${t.timeline}</h2>
<p>${w.report.timelineIntro}</p>
<p>${w.common.asAt(formatLongDate(analysis.asOf, cx.lang))}</p>
${dated.length > 0 ? timelineAxis(cx, dated) : ''}
${dated.length > 0 ? html`<h3 id="timeline-dated">${t.inDateOrder}</h3>` : ''}
${groups.map((group) => {
  const range = quarterRange(group.year, group.quarter);
  const headingId = `timeline-${group.key}`;
  return html`<h4 id="${headingId}">${w.report.quarterHeading(t.quarter(group.quarter), financialYearLabel(group.year), formatLongDate(range.start, cx.lang), formatLongDate(range.end, cx.lang))}</h4>
<ol class="timeline-list" aria-labelledby="${headingId}">
${group.items.map((item) => itemHtml(item.entry, true))}</ol>
`;
})}
${apartList('ongoing', t.ongoing)}${apartList('recurring', t.recurring)}${apartList('unresolved', t.dateToBeConfirmed)}${apartList('undated', t.noDate)}
</section>`;
}

/**
 * A static picture of the dated items: whole financial years across, quarters marked, one row per
 * theme, each item's shape at its deadline, and the as-of date. It repeats the list below it, so it
 * is hidden from assistive technology.
 */
function timelineAxis(cx: Context, dated: TimelineItem[]): Html {
  const { analysis } = cx;
  const plan = analysis.plan;
  let min = plan.period?.start;
  let max = plan.period?.end;
  for (const { entry } of dated) {
    if (min === undefined || entry.start! < min) min = entry.start!;
    if (max === undefined || entry.end! > max) max = entry.end!;
  }
  const firstYear = financialYearOf(min!);
  const lastYear = Math.max(firstYear, financialYearOf(max!));
  const rangeStart = financialYearRange(firstYear).start;
  const totalDays = daysBetween(rangeStart, financialYearRange(lastYear).end) + 1;
  const left = 60;
  const width = 1000;
  const axisWidth = width - left - 10;
  const x = (iso: IsoDate) => left + (Math.min(Math.max(daysBetween(rangeStart, iso), 0), totalDays) / totalDays) * axisWidth;
  const laneHeight = 22;
  const top = 36;
  const themes = plan.themes;
  const height = top + themes.length * laneHeight + 10;
  const fmt = (n: number) => n.toFixed(1);
  const parts: Html[] = [];
  for (let year = firstYear; year <= lastYear; year++) {
    const range = financialYearRange(year);
    parts.push(html`<line x1="${fmt(x(range.start))}" y1="4" x2="${fmt(x(range.start))}" y2="${height - 4}" stroke="currentColor" stroke-width="1.5"/>`);
    parts.push(html`<text x="${fmt(x(range.start) + 4)}" y="16" font-size="13" font-weight="bold" fill="currentColor">${financialYearLabel(year)}</text>`);
    for (const quarter of [1, 2, 3, 4] as const) {
      const q = quarterRange(year, quarter);
      if (quarter > 1) parts.push(html`<line x1="${fmt(x(q.start))}" y1="20" x2="${fmt(x(q.start))}" y2="${height - 4}" stroke="currentColor" stroke-width="0.5" stroke-dasharray="2 3"/>`);
      parts.push(html`<text x="${fmt(x(q.start) + 4)}" y="31" font-size="11" fill="currentColor">${cx.w.timeline.quarter(quarter)}</text>`);
    }
  }
  themes.forEach((theme, index) => {
    const y = top + index * laneHeight + laneHeight / 2;
    parts.push(html`<text x="4" y="${fmt(y + 4)}" font-size="11" fill="currentColor">${(theme.id ?? theme.key).slice(0, 8)}</text>`);
    parts.push(html`<line x1="${left}" y1="${fmt(y)}" x2="${width - 10}" y2="${fmt(y)}" stroke="currentColor" stroke-width="0.25"/>`);
  });
  for (const { entry } of dated) {
    const lane = themes.indexOf(entry.theme);
    const y = top + Math.max(lane, 0) * laneHeight + laneHeight / 2;
    const cxPos = x(entry.end!);
    if (entry.start && entry.start < entry.end!) parts.push(html`<line x1="${fmt(x(entry.start))}" y1="${fmt(y)}" x2="${fmt(cxPos)}" y2="${fmt(y)}" stroke="currentColor" stroke-width="3" stroke-opacity="0.35"/>`);
    parts.push(marker(entry.state.status?.colour ?? 'unknown', cxPos, y));
  }
  const asOf = analysis.asOf;
  if (daysBetween(rangeStart, asOf) >= 0 && daysBetween(rangeStart, asOf) < totalDays) {
    parts.push(html`<line x1="${fmt(x(asOf))}" y1="20" x2="${fmt(x(asOf))}" y2="${height - 2}" stroke="currentColor" stroke-width="2" stroke-dasharray="6 3"/>`);
  }
  return html`<svg class="timeline-axis" viewBox="0 0 ${width} ${height}" aria-hidden="true" focusable="false">${parts}</svg>`;
}

const MARKER_COLOURS: Readonly<Record<ShapeKind, string>> = { red: LIGHT.red, amber: LIGHT.amber, green: LIGHT.green, blue: LIGHT.blue, grey: LIGHT.grey, unknown: LIGHT.grey };

function marker(kind: ShapeKind, cxPos: number, y: number): Html {
  const fill = MARKER_COLOURS[kind];
  const at = (dx: number, dy: number) => `${(cxPos + dx).toFixed(1)},${(y + dy).toFixed(1)}`;
  switch (kind) {
    case 'red':
      return html`<polygon points="${at(0, -7)} ${at(7, 6)} ${at(-7, 6)}" fill="${fill}" stroke="${LIGHT.text}" stroke-width="0.75"/>`;
    case 'amber':
      return html`<polygon points="${at(0, -7)} ${at(7, 0)} ${at(0, 7)} ${at(-7, 0)}" fill="${fill}" stroke="${LIGHT.text}" stroke-width="0.75"/>`;
    case 'green':
      return html`<circle cx="${cxPos.toFixed(1)}" cy="${y.toFixed(1)}" r="6.5" fill="${fill}" stroke="${LIGHT.text}" stroke-width="0.75"/>`;
    case 'blue':
      return html`<polyline points="${at(-6, 0)} ${at(-2, 5)} ${at(6, -6)}" fill="none" stroke="${fill}" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/>`;
    case 'grey':
      return html`<circle cx="${cxPos.toFixed(1)}" cy="${y.toFixed(1)}" r="5.5" fill="${LIGHT.background}" stroke="${fill}" stroke-width="2.5"/>`;
    default:
      return html`<rect x="${(cxPos - 6).toFixed(1)}" y="${(y - 6).toFixed(1)}" width="12" height="12" fill="${LIGHT.background}" stroke="${fill}" stroke-width="2" stroke-dasharray="3 2"/>`;
  }
}

// ------------------------------------------------------------------------------------------------
// Notes.

function renderNotes(cx: Context, options: ReportOptions): Html {
  const { analysis, w } = cx;
  const plan = analysis.plan;
  return html`<section class="notes" id="notes" aria-labelledby="notes-heading">
<h2 id="notes-heading">${w.report.footnotes}</h2>
<ol class="report-notes">
<li>${w.report.asAtWithBasis(w.common.asAt(formatLongDate(analysis.asOf, cx.lang)), w.report.asAtBasis[options.asOfBasis])}</li>
<li>${w.report.dueSoonWindow(analysis.dueSoonDays)}</li>
<li>${w.report.percentCompleteNote}</li>
<li>${w.report.produced(formatLongDate(options.today, cx.lang))}</li>
</ol>
${plan.footnotes.length > 0
  ? html`<h3 id="plan-footnotes">${w.report.planFootnotes}</h3>
<dl class="facts footnotes">${plan.footnotes.map((footnote) => html`<div><dt class="footnote-mark">${planText(cx, footnote.mark)}</dt><dd>${planText(cx, footnote.text)}</dd></div>`)}</dl>`
  : ''}
</section>`;
}
