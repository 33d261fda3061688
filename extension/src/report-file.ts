/**
 * "Plankit: Save Report for Committee": where the report goes by default and the words when there is
 * none. The HTML comes from the language server (`plankit/planReport`); this plain module is tested
 * in Node.
 */

/** What the server answers: null for a file that is not a plan. */
export type PlanReportAnswer = { errors: number; firstError?: { line: number; message: string }; html?: string; version: number | null } | null;

/**
 * The report's file name beside its plan: `tonbridge.plan.yaml` → `tonbridge.report.html`; a file
 * named otherwise (an untitled plan, `Untitled-1`) → `Untitled-1.report.html`.
 */
export function reportFileName(planFileName: string): string {
  const base = planFileName.slice(Math.max(planFileName.lastIndexOf('/'), planFileName.lastIndexOf('\\')) + 1);
  const stem = base.replace(/\.plan\.(ya?ml|json)$/i, '').replace(/\.(ya?ml|json)$/i, '');
  return `${stem || 'plan'}.report.html`;
}

/** Why there is no report: the plan's errors, with the first one's line. */
export function reportRefusal(answer: { errors: number; firstError?: { line: number; message: string } }): string {
  const first = answer.firstError ? ` The first is on line ${answer.firstError.line + 1}: ${answer.firstError.message}` : '';
  return `The report is made once the plan can be read: it has ${answer.errors === 1 ? '1 error' : `${answer.errors} errors`} to put right first (see the Problems panel).${first}`;
}
