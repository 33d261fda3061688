import { createContext } from '@lit/context';
import type { PlanState } from './plan-state.js';

/** The plan, its checks and its as-of date, provided by <plan-source> to every plan element inside it. */
export const planContext = createContext<PlanState>(Symbol.for('plankit-plan'));
