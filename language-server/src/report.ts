/**
 * The plan as one HTML report for committee papers: what `plankit render` writes (the CLI's
 * `renderReport`, from the core's analysis), made from the server's latest check of the file, so
 * that it shows the text as it is in the editor, at the as-of date the editor's findings use. The
 * extension saves it; it has no script and loads nothing, and prints or saves as PDF from a browser.
 */
import { renderReport } from '@plankit/cli/render';
import { planPreviewOf, type FileCheck, type IsoDate } from '@plankit/core';

/** The report, or why there is none: a plan with syntax or schema errors is not reported. */
export interface PlanReport {
  errors: number;
  /** The first error's line (zero-based) and message. */
  firstError?: { line: number; message: string };
  /** The whole HTML document, when the plan has no errors. */
  html?: string;
}

/** The report of a checked file, or undefined for a register. `today` is the date the report says it was produced. */
export function planReportOf(check: FileCheck, today: IsoDate): PlanReport | undefined {
  const preview = planPreviewOf(check);
  if (!preview) return undefined;
  if (preview.errors > 0 || !check.analysis) return { errors: preview.errors, firstError: preview.firstError };
  return { errors: 0, html: renderReport(check.analysis, { lang: check.analysis.plan.lang, asOfBasis: check.asOfBasis ?? 'today', today }) };
}
