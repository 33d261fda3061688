/** The languages this extension contributes (see package.json), and which of them are plans. Plain module. */

export const PLAN_LANGUAGES = ['plankit-plan', 'plankit-plan-json'] as const;
export const REGISTER_LANGUAGES = ['plankit-agencies', 'plankit-agencies-json'] as const;
export const ALL_LANGUAGES = [...PLAN_LANGUAGES, ...REGISTER_LANGUAGES] as const;

/** Whether a document of this language is a plan (not an agency register). */
export function isPlanLanguage(languageId: string): boolean {
  return (PLAN_LANGUAGES as readonly string[]).includes(languageId);
}

/** Whether a document of this language is one the language server checks. */
export function isPlankitLanguage(languageId: string): boolean {
  return (ALL_LANGUAGES as readonly string[]).includes(languageId);
}
