import { isValidIsoDate } from './dates.js';

/** The string formats the plan schema uses, for the precompiled validator (same shape as ajv's addFormat). */
export const formats = {
  /** A real calendar date written YYYY-MM-DD (2025-02-30 is not one). */
  date: { type: 'string', validate: isValidIsoDate },
};
