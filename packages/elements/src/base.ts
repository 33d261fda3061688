import { ContextConsumer } from '@lit/context';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { planContext } from './context.js';
import { IDLE, loadPlan, type PlanState } from './plan-state.js';
import { commonStrings, langOf, type Lang } from './strings/lang.js';
import { tokens } from './styles.js';

/** The detail of the `plan-error` event. */
export interface PlanErrorDetail {
  kind: string;
  message: string;
  source?: string;
}

/**
 * What every plan element shares: it takes its plan from an enclosing <plan-source> (through
 * @lit/context) or loads its own from `src` or `.plan`; it shows loading and error states in words,
 * in an accessible way, and fires `plan-error` rather than throwing into the host page.
 */
export abstract class PlanElement extends LitElement {
  static override styles = [tokens];

  static override properties = {
    src: { type: String },
    plan: { attribute: false },
    asOf: { type: String, attribute: 'as-of' },
    state: { state: true },
  };

  /** URL of a plan file (JSON or YAML) to show, when the element is used on its own. */
  declare src: string | undefined;
  /** A plan object to show, when the element is used on its own (takes precedence over src). */
  declare plan: unknown;
  /** Report as at this date (YYYY-MM-DD) instead of the plan's own as-of date. */
  declare asOf: string | undefined;
  /** What is shown: from the provider, or loaded by this element. */
  declare protected state: PlanState;

  private fromProvider = false;
  private loadCount = 0;
  private abort?: AbortController;

  constructor() {
    super();
    this.state = IDLE;
    new ContextConsumer(this, {
      context: planContext,
      subscribe: true,
      callback: (value) => {
        // A plan given to this element directly wins over the provider's.
        if (this.src || this.plan !== undefined) return;
        this.fromProvider = true;
        this.state = value;
      },
    });
  }

  /** The language to show words in (the element's or the page's `lang`: Welsh for cy). */
  protected get language(): Lang {
    return langOf(this);
  }

  protected get words() {
    return commonStrings(this.language);
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('src') || changed.has('plan') || changed.has('asOf')) {
      if (this.src || this.plan !== undefined) void this.load();
    }
  }

  private async load(): Promise<void> {
    const ticket = ++this.loadCount;
    this.abort?.abort();
    this.abort = new AbortController();
    this.fromProvider = false;
    this.state = { status: 'loading', diagnostics: [], source: this.src };
    let next: PlanState;
    try {
      next = await loadPlan(this.plan !== undefined ? { value: this.plan } : { src: this.src }, { asOf: this.asOf, signal: this.abort.signal });
    } catch (error) {
      if ((error as Error)?.name === 'AbortError') return;
      next = { status: 'error', diagnostics: [], error: { kind: 'syntax', message: String((error as Error)?.message ?? error) } };
    }
    if (ticket !== this.loadCount) return; // a newer load started meanwhile
    this.state = next;
  }

  override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const stateChanges = changed as unknown as Map<string, unknown>;
    const previous = stateChanges.get('state') as PlanState | undefined;
    if (stateChanges.has('state') && this.state.status === 'error' && previous?.status !== 'error' && !this.fromProvider) {
      const detail: PlanErrorDetail = { kind: this.state.error?.kind ?? 'invalid', message: this.state.error?.message ?? '', source: this.state.source };
      this.dispatchEvent(new CustomEvent('plan-error', { detail, bubbles: true, composed: true }));
    }
  }

  override render(): TemplateResult | typeof nothing {
    const { status } = this.state;
    if (status === 'loading') return html`<p class="message" role="status">${this.words.loading}</p>`;
    if (status === 'error') {
      return html`<div class="message error" role="alert" part="error">
        <p class="message-heading">${this.words.errorHeading}</p>
        <p>${this.state.error?.message}</p>
      </div>`;
    }
    if (status === 'idle') return html`<p class="message" part="message">${this.words.noPlan}</p>`;
    return this.renderPlan(this.state as Required<Pick<PlanState, 'plan' | 'analysis' | 'asOf'>> & PlanState);
  }

  /** The element's own view of a ready plan. */
  protected abstract renderPlan(state: Required<Pick<PlanState, 'plan' | 'analysis' | 'asOf'>> & PlanState): TemplateResult | typeof nothing;
}
