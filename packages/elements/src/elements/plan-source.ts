import { ContextProvider } from '@lit/context';
import { html, LitElement, type PropertyValues } from 'lit';
import { planContext } from '../context.js';
import { IDLE, loadPlan, type PlanState } from '../plan-state.js';
import type { PlanErrorDetail } from '../base.js';

/**
 * Loads a plan and provides it, checked, to every plan element inside it.
 *
 * @tagname plan-source
 * @summary Loads a plan (JSON or YAML) once for all the plan elements inside it.
 * @slot - The plan elements (and any other content) that show the plan.
 * @fires plan-load - The plan was loaded and checked. `detail: { plan, asOf }`.
 * @fires plan-error - The plan could not be loaded or read. `detail: { kind, message, source }`.
 */
export class PlanSource extends LitElement {
  static override properties = {
    src: { type: String },
    plan: { attribute: false },
    asOf: { type: String, attribute: 'as-of' },
  };

  /** URL of the plan file: JSON, or YAML (the YAML reader is loaded only then). */
  declare src: string | undefined;
  /** The plan as an object; takes precedence over `src` and over an inline JSON script. */
  declare plan: unknown;
  /** Report as at this date (YYYY-MM-DD) instead of the plan's own as-of date. */
  declare asOf: string | undefined;

  private readonly provider = new ContextProvider(this, { context: planContext, initialValue: IDLE });
  private loadCount = 0;
  private abort?: AbortController;

  /** What the provider currently gives its plan elements. */
  get state(): PlanState {
    return this.provider.value;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.src && this.plan === undefined) void this.load();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('src') || changed.has('plan') || changed.has('asOf')) void this.load();
  }

  /** The text of an inline `<script type="application/json">` child, if any. */
  private inlineJson(): string | undefined {
    const script = this.querySelector(':scope > script[type="application/json"]');
    return script?.textContent ?? undefined;
  }

  private async load(): Promise<void> {
    const ticket = ++this.loadCount;
    this.abort?.abort();
    this.abort = new AbortController();
    const inline = this.src || this.plan !== undefined ? undefined : this.inlineJson();
    if (this.plan === undefined && !this.src && inline === undefined) return;
    this.provider.setValue({ status: 'loading', diagnostics: [], source: this.src });
    let state: PlanState;
    try {
      state = await loadPlan(
        this.plan !== undefined ? { value: this.plan } : this.src ? { src: this.src } : { text: inline, format: 'json' },
        { asOf: this.asOf, signal: this.abort.signal },
      );
    } catch (error) {
      if ((error as Error)?.name === 'AbortError') return;
      state = { status: 'error', diagnostics: [], error: { kind: 'syntax', message: String((error as Error)?.message ?? error) } };
    }
    if (ticket !== this.loadCount) return;
    this.provider.setValue(state);
    if (state.status === 'error') {
      const detail: PlanErrorDetail = { kind: state.error?.kind ?? 'invalid', message: state.error?.message ?? '', source: state.source };
      this.dispatchEvent(new CustomEvent('plan-error', { detail, bubbles: true, composed: true }));
    } else if (state.status === 'ready') {
      this.dispatchEvent(new CustomEvent('plan-load', { detail: { plan: state.plan, asOf: state.asOf }, bubbles: true, composed: true }));
    }
  }

  override render() {
    return html`<slot></slot>`;
  }
}
