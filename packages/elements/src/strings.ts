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

export { commonStrings, langOf, type Lang } from './strings/lang.js';
