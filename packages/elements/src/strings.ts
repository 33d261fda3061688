import { badge } from './strings/badge.js';
import { common } from './strings/common.js';
import { summary } from './strings/summary.js';
import { table } from './strings/table.js';
import { timeline } from './strings/timeline.js';

/**
 * The one catalogue of user-facing words, in English and Welsh. Each element's own words live in
 * `strings/<element>.ts` and are gathered here; nothing user-facing is written anywhere else.
 */
export const catalogue = { common, badge, summary, table, timeline } as const;

/** The languages shipped. */
export type Lang = 'en' | 'cy';

/** The language of an element: its own or its nearest ancestor's `lang` (Welsh for `cy`/`cy-GB`), else English. */
export function langOf(element: Element): Lang {
  const tagged = element.closest('[lang]')?.getAttribute('lang') ?? element.ownerDocument?.documentElement.getAttribute('lang') ?? 'en';
  return /^cy\b/i.test(tagged) ? 'cy' : 'en';
}

/** The common words in a language. */
export function commonStrings(lang: Lang) {
  return catalogue.common[lang];
}
