/** What the preview is sent for the language server's answer about a plan. Plain module, tested in Node. */
import type { PlanPreview } from '@plankit/core';
import type { HostMessage } from './protocol.js';

/** The server's answer to plankit/planPreview: null for a document that is not a plan. */
export type PlanPreviewAnswer = (PlanPreview & { version: number | null }) | null;

/** The file's base name, for the preview's title. */
export function baseName(fileName: string): string {
  return fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
}

/**
 * The message for the server's answer: the plan as a plain value with its as-of date, or, when the
 * text has syntax or schema errors, what is wrong in words (the first error with its line).
 */
export function previewMessage(answer: PlanPreviewAnswer, fileName: string): HostMessage {
  if (answer?.plan) {
    const { value, asOf, lang, dueSoonDays } = answer.plan;
    return { type: 'plan', value, asOf, fileName: baseName(fileName), lang, dueSoonDays };
  }
  if (!answer?.firstError) return { type: 'problems', message: 'This file does not hold a plan yet.' };
  const more = answer.errors > 1 ? ` (and ${answer.errors - 1} more error${answer.errors === 2 ? '' : 's'})` : '';
  return { type: 'problems', message: `Line ${answer.firstError.line + 1}: ${answer.firstError.message}${more}` };
}

/** The message while the language server cannot answer (starting again after a crash, or stopped). */
export function serverProblemMessage(error: unknown): HostMessage {
  const reason = error instanceof Error && error.message ? ` (${error.message})` : '';
  return { type: 'problems', message: `The Plankit language server is not answering${reason}; see the Plankit output for why.` };
}
