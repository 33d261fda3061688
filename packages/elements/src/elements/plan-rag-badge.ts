import { DEFAULT_STATUS_SCHEME, StatusLegend, type StatusColour, type StatusDefinition } from '@plankit/core/lite';
import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { PlanElement } from '../base.js';
import type { PlanState } from '../plan-state.js';
import type { Lang } from '../strings.js';
import { badge } from '../strings/badge.js';
import { tokens } from '../styles.js';

/** How a status looks: its colour's shape, or the neutral shape for a word not in the legend (or none). */
export type StatusShapeKind = StatusColour | 'unknown';

/** The name of each shape, as used in its class (`shape-triangle`). */
export const SHAPE_NAMES: Readonly<Record<StatusShapeKind, string>> = Object.freeze({
  red: 'triangle',
  amber: 'diamond',
  green: 'circle',
  blue: 'tick',
  grey: 'ring',
  unknown: 'unknown',
});

/** A status ready to show: the word, what it means, and how it looks. */
export interface StatusView {
  /** The legend key, when the written word is in the legend. */
  key?: string;
  /** The word shown (the legend's label, in the element's language for the default legend). */
  label: string;
  /** What the status means, for the title and the screen-reader text. */
  definition?: string;
  kind: StatusShapeKind;
  complete: boolean;
  /** Whether the word was found in the legend. */
  known: boolean;
}

const DEFAULT_LEGEND = new StatusLegend(DEFAULT_STATUS_SCHEME);

/** The legend a plan state gives (the plan's own when one is ready, else the default) and whether it is the default. */
export function legendOf(state: PlanState): { legend: StatusLegend; usesDefault: boolean } {
  if (state.status === 'ready' && state.plan && state.analysis) {
    return { legend: state.plan.usesDefaultStatusScheme ? DEFAULT_LEGEND : state.analysis.legend, usesDefault: state.plan.usesDefaultStatusScheme };
  }
  return { legend: DEFAULT_LEGEND, usesDefault: true };
}

/**
 * The label and definition of a legend status in a language: a plan's own legend keeps its own
 * words; the default legend is translated (its keys are fixed, so the catalogue has each one).
 */
export function localiseStatus(definition: StatusDefinition, usesDefault: boolean, lang: Lang): { label: string; definition?: string } {
  if (!usesDefault) return { label: String(definition.label), definition: definition.definition === undefined ? undefined : String(definition.definition) };
  const words = badge[lang];
  const label = (words.labels as Record<string, string | undefined>)[definition.key] ?? String(definition.label);
  const meaning = (words.definitions as Record<string, string | undefined>)[definition.key] ?? definition.definition;
  return { label, definition: meaning === undefined ? undefined : String(meaning) };
}

/** What a written status stands for in a legend, ready to show. Words not in the legend are kept as written. */
export function statusView(written: string | undefined, legend: StatusLegend, usesDefault: boolean, lang: Lang): StatusView {
  const words = badge[lang];
  const text = (written ?? '').trim();
  if (text === '') return { label: words.noStatus, kind: 'unknown', complete: false, known: false };
  const definition = legend.resolve(text);
  if (!definition) return { label: text, definition: words.notInLegend, kind: 'unknown', complete: false, known: false };
  return { key: definition.key, ...localiseStatus(definition, usesDefault, lang), kind: definition.colour, complete: definition.complete, known: true };
}

/** The inline SVG shape of a status (hidden from assistive technology: the word carries the meaning). */
export function renderShape(kind: StatusShapeKind): TemplateResult {
  const name = SHAPE_NAMES[kind] ?? SHAPE_NAMES.unknown;
  const cls = `shape shape-${name}`;
  switch (kind) {
    case 'red':
      return html`<svg part="shape" class=${cls} viewBox="0 0 16 16" aria-hidden="true" focusable="false"><polygon points="8,1.5 15.5,14.5 0.5,14.5" fill="currentColor" /></svg>`;
    case 'amber':
      return html`<svg part="shape" class=${cls} viewBox="0 0 16 16" aria-hidden="true" focusable="false"><polygon points="8,0.5 15.5,8 8,15.5 0.5,8" fill="currentColor" /></svg>`;
    case 'green':
      return html`<svg part="shape" class=${cls} viewBox="0 0 16 16" aria-hidden="true" focusable="false"><circle cx="8" cy="8" r="7" fill="currentColor" /></svg>`;
    case 'blue':
      return html`<svg part="shape" class=${cls} viewBox="0 0 16 16" aria-hidden="true" focusable="false"><polyline points="2,8.5 6.5,13 14,3" fill="none" stroke="currentColor" stroke-width="3" stroke-linecap="round" stroke-linejoin="round" /></svg>`;
    case 'grey':
      return html`<svg part="shape" class=${cls} viewBox="0 0 16 16" aria-hidden="true" focusable="false"><circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" stroke-width="2.5" /></svg>`;
    default:
      return html`<svg part="shape" class=${cls} viewBox="0 0 16 16" aria-hidden="true" focusable="false"><rect x="2" y="2" width="12" height="12" fill="none" stroke="currentColor" stroke-width="2" stroke-dasharray="3 2" /></svg>`;
  }
}

/** The shapes' colours and size, shared with every element that shows a status. */
export const shapeStyles = css`
  .shape {
    display: inline-block;
    flex: none;
    width: 0.8em;
    height: 0.8em;
    /* Sits on the text's x-height middle, inside the line box, so it never adds height. */
    vertical-align: -0.05em;
    margin-inline-end: 0.35em;
    overflow: visible;
  }
  .shape-triangle {
    color: var(--_red);
  }
  .shape-diamond {
    color: var(--_amber);
  }
  .shape-circle {
    color: var(--_green);
  }
  .shape-tick {
    color: var(--_blue);
  }
  .shape-ring,
  .shape-unknown {
    color: var(--_grey);
  }
  @media print {
    .shape {
      /* Shapes are drawn, not backgrounds, so they print; keep their colours exact. */
      print-color-adjust: exact;
      -webkit-print-color-adjust: exact;
    }
  }
  @media (forced-colors: active) {
    .shape {
      color: CanvasText;
    }
  }
`;

/**
 * One status, as a tag: the word (always), a shape and a colour. The word is the label from the
 * plan's own legend when the badge is inside a <plan-source> (or given `src` or `.plan`), else from
 * the default Blue/Red/Amber/Green legend (in Welsh when `lang` is `cy`). A word not in the legend
 * is shown as written, in a neutral style. The status's definition is the host's `title` (on hover)
 * and is in the text screen readers get; the badge is not a control and is not focusable unless
 * `focusable` is set, when focus also shows the definition (Escape hides it).
 *
 * It renders at once with no plan at all, so it can sit in prose; it never shows the "no plan"
 * message other plan elements show.
 *
 * @tagname plan-rag-badge
 * @summary A RAG status tag: word, shape and colour, from the plan's own legend.
 * @csspart badge - The tag around the shape and the word.
 * @csspart shape - The status's shape (an inline SVG, hidden from assistive technology).
 * @csspart label - The status word.
 * @cssproperty --plankit-red - Red (off track): the triangle.
 * @cssproperty --plankit-red-tint - The red tag's background.
 * @cssproperty --plankit-amber - Amber (some slippage): the diamond.
 * @cssproperty --plankit-amber-tint - The amber tag's background.
 * @cssproperty --plankit-green - Green (on track): the circle.
 * @cssproperty --plankit-green-tint - The green tag's background.
 * @cssproperty --plankit-blue - Blue (complete): the tick.
 * @cssproperty --plankit-blue-tint - The complete tag's background.
 * @cssproperty --plankit-grey - Grey (not started) and words not in the legend: the ring.
 * @cssproperty --plankit-grey-tint - The grey tag's background.
 * @cssproperty --plankit-tag-text-colour - The word's colour on a tag.
 * @cssproperty --plankit-font-family - The typeface.
 * @fires plan-error - Only when the badge loads its own plan (`src`) and cannot. `detail: { kind, message, source }`.
 */
export class PlanRagBadge extends PlanElement {
  static override styles = [
    tokens,
    shapeStyles,
    css`
      :host {
        display: inline;
        /* The badge sits in tables and prose: it takes the size of the text around it. */
        font-size: inherit;
      }
      .badge {
        position: relative;
        display: inline-block;
        box-sizing: border-box;
        max-width: 100%;
        padding: 2px 6px 3px;
        /* Transparent until print or forced colours need it, so those modes keep the same size. */
        border: 1px solid transparent;
        /*
         * GOV.UK's tag trick: these negative margins equal the padding and border above and below,
         * so the tag's box overlaps the line rather than widening it, and a badge never makes its
         * table row (or its line of prose) taller than plain text would.
         */
        margin-top: -3px;
        margin-bottom: -4px;
        font-size: 0.875em;
        /*
         * A tight line, so the tag's own line box (ascent and descent around the baseline) stays
         * inside the line of the text around it, even text set solid (line-height: 1).
         */
        line-height: 1;
        font-weight: 700;
        color: var(--_tag-text);
        background: var(--_grey-tint);
        overflow-wrap: break-word;
        vertical-align: baseline;
      }
      .status-red {
        background: var(--_red-tint);
      }
      .status-amber {
        background: var(--_amber-tint);
      }
      .status-green {
        background: var(--_green-tint);
      }
      .status-blue {
        background: var(--_blue-tint);
      }
      .status-grey {
        background: var(--_grey-tint);
      }
      /* Finished work is quiet, so unfinished work draws the eye. */
      .complete {
        font-weight: 400;
      }
      /* A word not in the legend: neutral, and marked out by a dashed edge. */
      .status-unknown {
        font-weight: 400;
        background: var(--_grey-tint);
        border: 1px dashed var(--_grey);
      }
      .compact {
        padding: 0;
        margin: 0;
        border: 0;
        font-size: 0.8125em;
        background: none;
        color: inherit;
      }
      .definition {
        /* Visually hidden, but read with the word. Shown as a tip when a focusable badge has focus. */
        position: absolute;
        width: 1px;
        height: 1px;
        margin: 0;
        padding: 0;
        overflow: hidden;
        clip-path: inset(50%);
        white-space: nowrap;
      }
      :host([focusable]:focus) {
        outline: none;
      }
      :host([focusable]:focus-visible) .badge {
        outline: 3px solid var(--_focus);
        outline-offset: 0;
        box-shadow: 0 0 0 6px var(--_focus-text);
      }
      :host([focusable]:focus-visible) .definition:not(.dismissed) {
        z-index: 10;
        top: calc(100% + 8px);
        left: 0;
        width: max-content;
        max-width: 20em;
        height: auto;
        padding: 0.35em 0.5em;
        overflow: visible;
        clip-path: none;
        white-space: normal;
        font-weight: 400;
        color: var(--_text);
        background: var(--_background);
        border: 1px solid var(--_text);
      }
      .join {
        /* The joining dash is for screen readers; the tip shows the definition alone. */
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip-path: inset(50%);
        white-space: nowrap;
      }
      @media print {
        .badge {
          color: #000000;
          background: #ffffff;
          border-color: #000000;
        }
        .status-unknown {
          border-style: dashed;
        }
        .compact {
          border-color: transparent;
        }
        .definition {
          display: none;
        }
      }
      @media (forced-colors: active) {
        .badge {
          border-color: CanvasText;
        }
        .compact {
          border-color: transparent;
        }
      }
    `,
  ];

  static override properties = {
    ...PlanElement.properties,
    status: { type: String },
    label: { type: String },
    compact: { type: Boolean },
    focusable: { type: Boolean, reflect: true },
    dismissed: { state: true },
  };

  /** The status as written in the plan: a legend key, label or alias (`amber`, `On track`). */
  declare status: string | undefined;
  /** Text to show instead of the legend's label (the status, its shape and definition are unchanged). */
  declare label: string | undefined;
  /** Shape and word only, smaller, without the tag's background: for dense tables and lists. */
  declare compact: boolean;
  /** Lets keyboard users focus the badge to read its definition (off by default: a badge is not a control). */
  declare focusable: boolean;
  /** Whether the definition tip was hidden with Escape (until the badge loses focus). */
  declare private dismissed: boolean;

  /** The title this element set on its host (a title the page sets itself is left alone). */
  private appliedTitle?: string;
  /** Whether this element added the host's tabindex (so it only removes its own). */
  private ownsTabindex = false;
  /** The status last rendered, for the host attributes set after rendering. */
  private view?: StatusView;

  constructor() {
    super();
    this.compact = false;
    this.focusable = false;
    this.dismissed = false;
    this.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.focusable && !this.dismissed) this.dismissed = true;
    });
    this.addEventListener('blur', () => {
      if (this.dismissed) this.dismissed = false;
    });
  }

  /** Re-renders when the host's own `lang` changes (it picks the language of the default legend's words). */
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.requestUpdate();
  }

  /** What the badge shows now: the written status in the current legend and language. */
  get statusView(): StatusView {
    const { legend, usesDefault } = legendOf(this.state);
    return statusView(this.status, legend, usesDefault, this.language);
  }

  /**
   * Always the badge, whatever the plan's state: with no plan (or while one loads, or when it
   * cannot be read) the default legend is used, so a badge in prose shows at once.
   */
  override render(): TemplateResult {
    return this.renderBadge();
  }

  protected override renderPlan(): TemplateResult {
    return this.renderBadge();
  }

  private renderBadge(): TemplateResult {
    const view = this.statusView;
    this.view = view;
    const words = badge[this.language];
    const label = this.label !== undefined && this.label !== null && this.label !== '' ? this.label : view.label;
    const classes = ['badge', `status-${view.kind}`, view.complete ? 'complete' : '', this.compact ? 'compact' : ''].filter(Boolean).join(' ');
    return html`<span part="badge" class=${classes}
      >${renderShape(view.kind)}<span part="label" class="label">${label}</span>${view.definition
        ? html`<span class="definition ${this.dismissed ? 'dismissed' : ''}"><span class="join">${words.definitionJoin}</span>${view.definition}</span>`
        : nothing}</span
    >`;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // Losing focusable takes the badge out of focus; the tip starts shown again next time.
    if (!this.focusable) this.dismissed = false;
  }

  override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const definition = this.view?.definition;
    const current = this.getAttribute('title');
    if (current === null || current === this.appliedTitle) {
      if (definition) this.setAttribute('title', definition);
      else this.removeAttribute('title');
      this.appliedTitle = definition;
    }
    if (this.focusable && !this.hasAttribute('tabindex')) {
      this.setAttribute('tabindex', '0');
      this.ownsTabindex = true;
    } else if (!this.focusable && this.ownsTabindex) {
      this.removeAttribute('tabindex');
      this.ownsTabindex = false;
    }
  }
}
