import { isValidIsoDate } from './dates.js';

/** The string formats the plan schema uses, for the precompiled validator. */
export const formats = {
  /** A real calendar date written YYYY-MM-DD (2025-02-30 is not one). */
  date: isValidIsoDate,
};
