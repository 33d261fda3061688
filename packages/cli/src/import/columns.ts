import { foldName } from '@plankit/core';
import { cellText, isEmptyCell, type Cell } from './model.js';

/** What a column of an action plan table holds. */
export type Field =
  | 'theme'
  | 'id'
  | 'action'
  | 'objective'
  | 'milestone'
  | 'due'
  | 'lead'
  | 'partners'
  | 'links'
  | 'status'
  | 'update'
  | 'baseline'
  | 'target'
  | 'achieved'
  | 'measures'
  | 'outputs'
  | 'outcome'
  | 'description'
  | 'notes'
  | 'extra'
  | 'ignore';

export const FIELDS: readonly Field[] = ['theme', 'id', 'action', 'objective', 'milestone', 'due', 'lead', 'partners', 'links', 'status', 'update', 'baseline', 'target', 'achieved', 'measures', 'outputs', 'outcome', 'description', 'notes', 'extra', 'ignore'];

/**
 * Column headings plans use, folded (lower case, punctuation as spaces), for each field. The
 * first pattern that matches wins, so the more particular come first.
 */
const HEADINGS: [RegExp, Field][] = [
  [/^(target achieved|achieved|met|target met)$/, 'achieved'],
  [/^(no|number|ref|reference|id|item|action no|action number|objective no)$/, 'id'],
  [/^(theme|themes|priority|priorities|priority area|strategic aim|strategic priority|pledge|pledge area|area|outcome area|work stream|workstream)$/, 'theme'],
  [/^(milestone|milestones|milestone s|key milestones? and actions?)$/, 'milestone'],
  [/^(action|actions|key actions?|actions? required|what will be done|what we will do|activity|activities|key milestones?|task|tasks|intervention)$/, 'action'],
  [/^(objectives?|objectives? planned outcomes?|planned outcomes? objectives?|objectives? and planned outcomes?)( .*)?$/, 'objective'],
  [/^(by when|when|timescales?|timescales? .*|deadline|target date|due|due date|date|completion date|delivery date|by date|timeframe|time frame)$/, 'due'],
  [/^(other partners?|partners?|partner agencies|supporting partners?|key partners|partners involved|support|supported by|delivery agents?.*|examples of delivery agents.*|delivery partners?)$/, 'partners'],
  [/^(lead|leads|lead agency|lead agencies|lead agency officer|lead officer|lead agency and officer|lead partner|lead organisation|by whom|who|responsible|responsible officer|responsible agency|owner|action owner|lead agency \/ officer)$/, 'lead'],
  [/^lead .*/, 'lead'],
  [/^(how does this link to .*|link to .*|links? to .*|links|national .*strateg.*|strategic links?|related strateg.*)$/, 'links'],
  [/^(status|rag|rag status|rag rating|rating|brag|progress rating|current status)$/, 'status'],
  [/^(update|updates|update .*|progress|progress update|progress to date|progress .*|comments?|commentary|achievement .*|achievement)$/, 'update'],
  [/^baseline.*/, 'baseline'],
  [/^(target|targets|target .*)$/, 'target'],
  [/^(measures?|measures? of success|success measures?|performance measures?|performance indicators?|indicators?|kpis?|how will we measure .*|measure s)$/, 'measures'],
  [/^(outputs?)$/, 'outputs'],
  [/^(outcomes?|planned outcomes?|expected outcomes?|intended outcomes?)$/, 'outcome'],
  [/^(background|description|context|rationale)$/, 'description'],
  [/^(notes?|remarks?)$/, 'notes'],
];

/** The field a column heading names, if it is one plans use. */
export function fieldOfHeading(heading: string): Field | undefined {
  const folded = foldName(heading);
  if (!folded) return undefined;
  for (const [pattern, field] of HEADINGS) if (pattern.test(folded)) return field;
  return undefined;
}

export interface Column {
  index: number;
  /** The heading as written ('' when the header cell is empty). */
  heading: string;
  field: Field;
  /** How the field was decided: from the heading, by what the cells hold, or by the mapping file. */
  by: 'heading' | 'content' | 'mapping' | 'unknown';
}

/** How well a row reads as a header: the number of cells that are known column headings. */
export function headerScore(row: Cell[]): number {
  let score = 0;
  const seen = new Set<Field>();
  for (const cell of row) {
    if (isEmptyCell(cell)) continue;
    const text = cellText(cell);
    if (text.length > 80) return 0;
    const field = fieldOfHeading(text);
    if (field && !seen.has(field)) {
      seen.add(field);
      score++;
    }
  }
  return score;
}

/** Finds the header row in the first rows of a table: the first row naming at least two known columns, one of them an action or a lead. */
export function findHeaderRow(rows: Cell[][], limit = 40): number | undefined {
  let best: number | undefined;
  let bestScore = 1;
  for (let i = 0; i < Math.min(rows.length, limit); i++) {
    const score = headerScore(rows[i]);
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  }
  return best;
}

/** The key of a row for spotting a repeated header: its folded cells. */
export function rowKey(row: Cell[]): string {
  return row.map((cell) => foldName(cellText(cell))).join('|').replace(/\|+$/, '');
}
