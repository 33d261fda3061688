import { formatLongDate, type PlanItem } from '@plankit/core/lite';
import { css, html, nothing, type TemplateResult } from 'lit';
import { PlanElement } from '../base.js';
import type { PlanState } from '../plan-state.js';
import { summary } from '../strings/summary.js';
import { tokens } from '../styles.js';
import { legendOf, localiseStatus, renderShape, shapeStyles, type StatusShapeKind } from './plan-rag-badge.js';

/** What <plan-summary> counts: `actions` (the default), `milestones`, or `all` (both). */
export type SummaryCount = 'actions' | 'milestones' | 'all';

/** The default window for "due in the next N days". */
export const DEFAULT_DUE_WITHIN_DAYS = 30;

type Kind = PlanItem['kind'] | 'all';

/** One row of the status counts. */
interface CountRow {
  key: string;
  label: string;
  kind: StatusShapeKind;
  complete: boolean;
  count: number;
}

/**
 * A plan at a glance, small enough for a sidebar: the plan's title and as-at date, its percent
 * complete (a progress bar with its value in words), how many actions (or milestones) have each
 * status of the plan's legend, in the legend's order, with each status's shape and word, and how
 * many are overdue or due in the next 30 days. Counts are words too: "2 of 5 actions, 40%".
 * "No status" and "Not in the legend" rows appear only when something has them.
 *
 * Takes its plan from an enclosing <plan-source>, or from `src` or `.plan`.
 *
 * @tagname plan-summary
 * @summary A plan's status counts, overdue and due-soon counts, and percent complete.
 * @csspart summary - The whole summary (a section named by its heading).
 * @csspart counts - The list of statuses and their counts.
 * @csspart overdue - The list of overdue and due-soon counts.
 * @csspart progress - The percent complete: its words and bar.
 * @csspart message - The message shown when there is no plan.
 * @csspart error - The message shown when the plan cannot be loaded or read.
 * @cssproperty --plankit-text-colour - Text.
 * @cssproperty --plankit-secondary-text-colour - The as-at date and the "Summary" line.
 * @cssproperty --plankit-border-colour - Rules between rows, and the progress bar's track.
 * @cssproperty --plankit-blue - The progress bar's fill, and the complete status's tick.
 * @cssproperty --plankit-red - The overdue mark, and the red status's triangle.
 * @cssproperty --plankit-amber - The amber status's diamond.
 * @cssproperty --plankit-green - The green status's circle.
 * @cssproperty --plankit-grey - The grey status's ring.
 * @cssproperty --plankit-font-family - The typeface.
 * @fires plan-error - Only when the summary loads its own plan (`src` or `.plan`) and cannot. `detail: { kind, message, source }`.
 */
export class PlanSummary extends PlanElement {
  static override styles = [
    tokens,
    shapeStyles,
    css`
      :host {
        display: block;
        /* The layout follows the space the summary is given (a sidebar or a page), not the window. */
        container-type: inline-size;
        line-height: 1.35;
      }
      .summary {
        margin: 0;
      }
      .title {
        margin: 0 0 0.25em;
        font-size: 1.1875em;
        line-height: 1.25;
      }
      .kicker {
        display: block;
        font-size: 0.8421em;
        font-weight: 400;
        color: var(--_secondary);
      }
      .as-at {
        margin: 0 0 0.75em;
        color: var(--_secondary);
      }
      .progress {
        margin: 0 0 1em;
      }
      .progress-words {
        margin: 0 0 0.25em;
        font-weight: 700;
      }
      progress {
        display: block;
        box-sizing: border-box;
        width: 100%;
        height: 0.75em;
        appearance: none;
        border: 1px solid var(--_text);
        background: var(--_background);
        color: var(--_blue);
      }
      progress::-webkit-progress-bar {
        background: var(--_background);
      }
      progress::-webkit-progress-value {
        background: var(--_blue);
      }
      progress::-moz-progress-bar {
        background: var(--_blue);
      }
      .sections {
        display: grid;
        gap: 1em;
      }
      /* Side by side when there is room; stacked in a sidebar or on a phone. */
      @container (min-width: 36em) {
        .sections {
          grid-template-columns: 3fr 2fr;
          align-items: start;
        }
      }
      .counts-heading {
        margin: 0 0 0.25em;
        font-size: 1em;
      }
      dl {
        margin: 0;
      }
      dl > div {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        gap: 0 1em;
        padding: 0.3em 0;
        border-bottom: 1px solid var(--_border);
      }
      dt,
      dd {
        margin: 0;
      }
      /* The word takes the room and wraps; the number stays at the end unless there is no room at all. */
      dt {
        flex: 1 1 6em;
      }
      dd {
        flex: 0 0 auto;
        margin-inline-start: auto;
        text-align: end;
        font-variant-numeric: tabular-nums;
      }
      .complete dt {
        font-weight: 400;
      }
      .attention dt {
        font-weight: 700;
      }
      .attention {
        border-left: 4px solid var(--_red);
        padding-left: 0.5em;
      }
      .message {
        border-left: 5px solid var(--_border);
        padding: 0.5em 1em;
        margin: 0.5em 0;
      }
      @media print {
        progress {
          print-color-adjust: exact;
          -webkit-print-color-adjust: exact;
        }
        .attention {
          border-left-color: #000000;
        }
      }
      @media (forced-colors: active) {
        progress {
          border-color: CanvasText;
        }
        .attention {
          border-left-color: CanvasText;
        }
      }
    `,
  ];

  static override properties = {
    ...PlanElement.properties,
    count: { type: String },
    dueWithin: { type: Number, attribute: 'due-within' },
    headingLevel: { type: Number, attribute: 'heading-level' },
  };

  /** What is counted: `actions` (default), `milestones`, or `all` (actions and milestones). */
  declare count: SummaryCount;
  /** The window, in days, for the "due in the next N days" count (default 30). */
  declare dueWithin: number;
  /** The level of the summary's heading, 1 to 6 (default 2); the counts' heading is one below. */
  declare headingLevel: number;

  constructor() {
    super();
    this.count = 'actions';
    this.dueWithin = DEFAULT_DUE_WITHIN_DAYS;
    this.headingLevel = 2;
  }

  /** Re-renders when the host's own `lang` changes. */
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.requestUpdate();
  }

  /** What is counted, as the core names it (an unknown `count` counts actions). */
  private get kind(): Kind {
    return this.count === 'milestones' ? 'milestone' : this.count === 'all' ? 'all' : 'action';
  }

  /** The due-soon window in whole days (the default for a value that is not a positive number). */
  private get window(): number {
    const days = Number(this.dueWithin);
    return Number.isFinite(days) && days >= 0 ? Math.floor(days) : DEFAULT_DUE_WITHIN_DAYS;
  }

  private get summaryWords() {
    return summary[this.language];
  }

  protected override renderPlan(state: Required<Pick<PlanState, 'plan' | 'analysis' | 'asOf'>> & PlanState): TemplateResult {
    const lang = this.language;
    const words = this.summaryWords;
    const { plan, analysis } = state;
    const kind = this.kind;
    const coreKind = kind === 'all' ? undefined : kind;
    const counts = analysis.statusCounts(kind);
    const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
    const percentComplete = analysis.planPercentComplete();
    const { usesDefault } = legendOf(state);

    const rows: CountRow[] = plan.statusScheme.map((definition) => ({
      key: definition.key,
      label: localiseStatus(definition, usesDefault, lang).label,
      kind: definition.colour,
      complete: definition.complete,
      count: counts.get(definition.key) ?? 0,
    }));
    const none = counts.get('none') ?? 0;
    const unknown = counts.get('unknown') ?? 0;
    if (none > 0) rows.push({ key: 'none', label: words.noStatus, kind: 'unknown', complete: false, count: none });
    if (unknown > 0) rows.push({ key: 'unknown', label: words.notInLegend, kind: 'unknown', complete: false, count: unknown });

    const overdue = analysis.overdue(coreKind).length;
    const dueSoon = analysis.dueWithin(this.window, coreKind).length;
    const percentOf = (n: number) => (total === 0 ? 0 : Math.round((n / total) * 100));
    const level = this.level;

    return html`<section part="summary" class="summary" aria-labelledby="summary-heading">
      ${this.heading(level, 'summary-heading', 'title', html`<span class="kicker">${words.summary}<span class="visually-hidden">: </span></span>${plan.title}`)}
      <p class="as-at">${this.words.asAt(formatLongDate(state.asOf, lang))}</p>
      ${plan.themes.some((theme) => theme.actions.length > 0)
        ? html`<div part="progress" class="progress">
            <p class="progress-words" id="progress-words">${words.percentComplete(percentComplete)}</p>
            <progress max="100" .value=${percentComplete} aria-labelledby="progress-words">${words.percentComplete(percentComplete)}</progress>
          </div>`
        : nothing}
      ${total === 0
        ? html`<p class="message" part="message">${words.nothingCounted[kind]}</p>`
        : html`<div class="sections">
            <div>
              ${this.heading(Math.min(level + 1, 6), 'counts-heading', 'counts-heading', html`${words.counted[kind]}`)}
              <dl part="counts" class="counts">
                ${rows.map(
                  (row) => html`<div class="row status-${row.key === 'none' || row.key === 'unknown' ? row.key : row.kind}${row.complete ? ' complete' : ''}" data-status=${row.key}>
                    <dt>${renderShape(row.kind)}<span class="label">${row.label}</span></dt>
                    <dd>${words.countOf(row.count, total, kind, percentOf(row.count))}</dd>
                  </div>`,
                )}
              </dl>
            </div>
            <dl part="overdue" class="deadlines">
              <div class="row overdue${overdue > 0 ? ' attention' : ''}" data-count="overdue">
                <dt>${words.overdue}</dt>
                <dd>${overdue}</dd>
              </div>
              <div class="row due-soon" data-count="due-within">
                <dt>${words.dueWithin(this.window)}</dt>
                <dd>${dueSoon}</dd>
              </div>
            </dl>
          </div>`}
    </section>`;
  }

  /** The heading level asked for, kept within 1 to 6. */
  private get level(): number {
    const level = Math.round(Number(this.headingLevel));
    return Number.isFinite(level) ? Math.min(Math.max(level, 1), 6) : 2;
  }

  /** A real heading element at a level (h1-h6). */
  private heading(level: number, id: string, cls: string, content: TemplateResult): TemplateResult {
    switch (level) {
      case 1:
        return html`<h1 id=${id} class=${cls}>${content}</h1>`;
      case 3:
        return html`<h3 id=${id} class=${cls}>${content}</h3>`;
      case 4:
        return html`<h4 id=${id} class=${cls}>${content}</h4>`;
      case 5:
        return html`<h5 id=${id} class=${cls}>${content}</h5>`;
      case 6:
        return html`<h6 id=${id} class=${cls}>${content}</h6>`;
      default:
        return html`<h2 id=${id} class=${cls}>${content}</h2>`;
    }
  }
}
