/**
 * Reading the open plan in the extension host, for the preview and the status bar. Plain module: no
 * vscode import, so it is tested in Node as it is (test/vscode/plan-document.test.ts).
 */
import { PlanAnalysis, isValidIsoDate, readPlanFile, resolveAsOf, type AsOfBasis, type Diagnostic, type IsoDate, type PlanFile } from '@plankit/core';

/** The `plankit.*` settings that change how a plan is read, as the settings editor gives them. */
export interface PlanSettings {
  /** Report as at this date (YYYY-MM-DD) instead of the plan's own; ignored when not a valid date. */
  asOf?: string;
  /** The due-soon window in days. */
  dueSoonDays?: number;
}

/** The default due-soon window of the extension (the `plankit.dueSoonDays` default). */
export const DEFAULT_DUE_SOON_DAYS = 30;

/** A plan's text, read. */
export interface PlanReading {
  planFile: PlanFile;
  /** Present when the text holds a plan with no errors. */
  analysis?: PlanAnalysis;
  asOf: IsoDate;
  asOfBasis: AsOfBasis;
  /** Syntax and schema errors (the text cannot be shown as a plan while there are any). */
  errors: Diagnostic[];
}

/** The as-of override from settings: a valid YYYY-MM-DD date, else none. */
export function asOfSetting(value: unknown): IsoDate | undefined {
  return typeof value === 'string' && isValidIsoDate(value.trim()) ? value.trim() : undefined;
}

/** The due-soon window from settings: a whole number of days from 0 to 3660, else the default. */
export function dueSoonSetting(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 3660 ? Math.floor(value) : DEFAULT_DUE_SOON_DAYS;
}

/**
 * Reads a plan's text (YAML or JSON, by the file name) and, when it has no errors, analyses it at
 * its as-of date: the setting's, else the plan's own `asOf`, else `today`.
 */
export function readPlanText(text: string, fileName: string, settings: PlanSettings, today: IsoDate): PlanReading {
  const planFile = readPlanFile(text, { fileName });
  const errors = planFile.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  const { asOf, basis } = resolveAsOf({ override: asOfSetting(settings.asOf), plan: planFile.plan, today });
  const reading: PlanReading = { planFile, asOf, asOfBasis: basis, errors };
  if (planFile.plan && errors.length === 0) {
    reading.analysis = new PlanAnalysis(planFile.plan, { asOf, dueSoonDays: dueSoonSetting(settings.dueSoonDays) });
  }
  return reading;
}
