/**
 * The one-script bundle (dist/plankit.js): registers every element on load. A context root is
 * attached at once so that plan elements defined or upgraded before their <plan-source> still
 * receive its plan.
 */
import { ContextRoot } from '@lit/context';
import './define.js';

const ROOT_FLAG = Symbol.for('plankit-context-root');
const scope = globalThis as unknown as Record<symbol, unknown>;
if (typeof document !== 'undefined' && !scope[ROOT_FLAG]) {
  scope[ROOT_FLAG] = true;
  new ContextRoot().attach(document.documentElement);
}
