/** What the preview is sent for a plan's current text. Plain module, tested in Node. */
import type { PlanReading } from './plan-document.js';
import { dueSoonSetting } from './plan-document.js';
import type { HostMessage } from './protocol.js';

/** The file's base name, for the preview's title. */
export function baseName(fileName: string): string {
  return fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
}

/**
 * The message for a reading: the plan as a plain value with its as-of date, or, when the text has
 * syntax or schema errors, what is wrong in words (the first error with its line).
 */
export function previewMessage(reading: PlanReading, fileName: string, settings: { dueSoonDays?: number }): HostMessage {
  const { planFile, errors } = reading;
  if (planFile.plan && planFile.value !== undefined && errors.length === 0) {
    return {
      type: 'plan',
      value: planFile.value,
      asOf: reading.asOf,
      fileName: baseName(fileName),
      lang: planFile.plan.lang,
      dueSoonDays: dueSoonSetting(settings.dueSoonDays),
    };
  }
  if (errors.length === 0) return { type: 'problems', message: 'This file does not hold a plan yet.' };
  const first = errors[0];
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more error${errors.length === 2 ? '' : 's'})` : '';
  return { type: 'problems', message: `Line ${first.range.start.line + 1}: ${first.message}${more}` };
}
