import { common } from './common.js';

/**
 * The language of the elements, and the words every element shares. Apart from the catalogue
 * (`../strings.ts`) so that the shared element code does not carry every element's words (nor the
 * core's due-date wording the timeline's words use).
 */

/** The languages shipped. */
export type Lang = 'en' | 'cy';

/** The language of an element: its own or its nearest ancestor's `lang` (Welsh for `cy`/`cy-GB`), else English. */
export function langOf(element: Element): Lang {
  const tagged = element.closest('[lang]')?.getAttribute('lang') ?? element.ownerDocument?.documentElement.getAttribute('lang') ?? 'en';
  return /^cy\b/i.test(tagged) ? 'cy' : 'en';
}

/** The common words in a language. */
export function commonStrings(lang: Lang) {
  return common[lang];
}
