// Interpretation of the "by when" text officers write in action plans.
//
// The text is never changed: we add what can be understood of it (a kind, the earliest and latest
// dates it allows, a recurrence, an event) and say in plain words what was assumed or why no date can
// be checked. Reading is in two stages:
//   1. a tokenizer turns the text into words, numbers and punctuation (linear, capped in length);
//   2. a small grammar reads date *phrases* ('31 March 2014', 'Mar 14', '2013/14', 'Q3', 'Summer 2014')
//      and combines them into ranges ('X - Y', 'from X until Y', 'between X and Y') and alternatives
//      ('X / Y', 'X or Y', 'X Y'). Whole-text forms (Ongoing, Quarterly, Within 4 weeks of ..., TBC,
//      N/A) are recognised first.
// A phrase without a year ('March', 'Q3', '1 April') takes it from a neighbouring phrase in the same
// text ('April - June 2014') or else from the plan period given in the context.
// Nothing here reads the clock or throws.

import type { IsoDate } from './dates.js';
import {
  addDays,
  daysBetween,
  financialYearLabel,
  financialYearOf,
  financialYearRange,
  formatLongDate,
  isValidIsoDate,
  lastDayOfMonth,
  makeIsoDate,
  MONTH_NAMES_EN,
  parseIsoDate,
  quarterRange,
} from './dates.js';

/** What sort of "by when" text it is. */
export type DueKind =
  | 'date'
  | 'month'
  | 'year'
  | 'financial-year'
  | 'quarter'
  | 'range'
  | 'ongoing'
  | 'recurring'
  | 'relative'
  | 'alternatives'
  | 'tbc'
  | 'season'
  | 'not-applicable'
  | 'unknown';

/** A repeating deadline: each occurrence is due, optionally until a last date. */
export type Recurrence = { frequency: 'weekly' | 'monthly' | 'quarterly' | 'half-yearly' | 'yearly'; until?: IsoDate };

/** What is known around the text: the plan's period, from which bare quarters and months take their year. */
export interface DueContext {
  /** The plan's period, first and last day. */
  period?: { start: IsoDate; end: IsoDate };
}

/** What could be understood of one "by when" text. */
export interface DueInterpretation {
  /** Exactly the text given, never altered. */
  text: string;
  /** What sort of text it is. */
  kind: DueKind;
  /** The earliest date the text allows. */
  earliest?: IsoDate;
  /** The latest date the text allows: the deadline. */
  latest?: IsoDate;
  /** For kind 'recurring': how often, and until when. */
  recurrence?: Recurrence;
  /** For kind 'relative': the event the date hangs on, e.g. 'ban'. */
  event?: string;
  /** For kind 'relative': how long after (negative: before) the event. */
  offset?: { amount: number; unit: 'day' | 'week' | 'month' | 'year' };
  /** For kind 'alternatives': each date as its own interpretation, in written order. */
  alternatives?: DueInterpretation[];
  /** An officer-facing sentence saying what was assumed, when something was. */
  assumption?: string;
  /** An officer-facing sentence saying why no date can be checked, for texts that should have one. */
  reason?: string;
}

type Frequency = Recurrence['frequency'];
type OffsetUnit = 'day' | 'week' | 'month' | 'year';
type Quarter = 1 | 2 | 3 | 4;
type Period = { start: IsoDate; end: IsoDate };

// ---------------------------------------------------------------------------------------------
// Tokens

/** One word, number or punctuation mark of the text, with its place in the original text. */
interface Token {
  /** 'word': ASCII letters; 'number': ASCII digits; 'punct': one ASCII mark; 'other': anything else. */
  type: 'word' | 'number' | 'punct' | 'other';
  /** Lower-cased word, the digits, or the mark (every dash is '-', curly apostrophes are "'"). */
  text: string;
  /** The value of a number (NaN for very long digit runs and for non-numbers). */
  value: number;
  /** How many digits a number has. */
  digits: number;
  /** A number written with an ordinal suffix: 1st, 2nd, 3rd, 31st. */
  ordinal: boolean;
  /** Whether whitespace came before the token. */
  spaceBefore: boolean;
  /** Offsets in the original text. */
  start: number;
  end: number;
}

/** More tokens than any real "by when" cell has: longer text is not a date. */
const MAX_TOKENS = 40;

/** True for whitespace, control characters, non-breaking and other Unicode spaces. */
function isSpaceCode(code: number): boolean {
  return (
    code <= 32 ||
    (code >= 127 && code <= 160) ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200b) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** True for the hyphen and every Unicode dash or minus. */
function isDashCode(code: number): boolean {
  return code === 45 || (code >= 0x2010 && code <= 0x2015) || code === 0x2212 || code === 0xfe58 || code === 0xfe63 || code === 0xff0d;
}

/** True for an ASCII letter. */
function isLetterCode(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** True for an ASCII digit. */
function isDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Splits text into tokens; undefined if it has more than MAX_TOKENS (so it cannot be a date). */
function tokenize(text: string): Token[] | undefined {
  const tokens: Token[] = [];
  const length = text.length;
  let i = 0;
  let spaceBefore = false;
  while (i < length) {
    const code = text.charCodeAt(i);
    if (isSpaceCode(code)) {
      spaceBefore = true;
      i++;
      continue;
    }
    if (tokens.length >= MAX_TOKENS) return undefined;
    const start = i;
    let type: Token['type'];
    let tokenText: string;
    let value = Number.NaN;
    let digits = 0;
    let ordinal = false;
    if (isLetterCode(code)) {
      while (i < length && isLetterCode(text.charCodeAt(i))) i++;
      type = 'word';
      tokenText = i - start > 40 ? '' : text.slice(start, i).toLowerCase();
    } else if (isDigitCode(code)) {
      value = 0;
      while (i < length && isDigitCode(text.charCodeAt(i))) {
        if (i - start < 9) value = value * 10 + (text.charCodeAt(i) - 48);
        i++;
      }
      digits = i - start;
      if (digits > 9) value = Number.NaN;
      type = 'number';
      tokenText = digits > 9 ? '' : text.slice(start, i);
      if (i + 1 < length && isLetterCode(text.charCodeAt(i)) && isLetterCode(text.charCodeAt(i + 1))) {
        const suffix = text.slice(i, i + 2).toLowerCase();
        const after = i + 2 < length ? text.charCodeAt(i + 2) : 32;
        if ((suffix === 'st' || suffix === 'nd' || suffix === 'rd' || suffix === 'th') && !isLetterCode(after)) {
          ordinal = true;
          i += 2;
        }
      }
    } else if (isDashCode(code)) {
      i++;
      type = 'punct';
      tokenText = '-';
    } else if (code === 0x2018 || code === 0x2019) {
      i++;
      type = 'punct';
      tokenText = "'";
    } else if (code < 128) {
      i++;
      type = 'punct';
      tokenText = text[start] ?? '';
    } else {
      while (i < length) {
        const next = text.charCodeAt(i);
        if (next < 128 || isSpaceCode(next) || isDashCode(next) || next === 0x2018 || next === 0x2019) break;
        i++;
      }
      type = 'other';
      tokenText = '';
    }
    tokens.push({ type, text: tokenText, value, digits, ordinal, spaceBefore, start, end: i });
    spaceBefore = false;
  }
  return tokens;
}

// ---------------------------------------------------------------------------------------------
// Word tables

const MONTHS: ReadonlyMap<string, number> = new Map([
  ['january', 1], ['jan', 1], ['february', 2], ['feb', 2], ['march', 3], ['mar', 3],
  ['april', 4], ['apr', 4], ['may', 5], ['june', 6], ['jun', 6], ['july', 7], ['jul', 7],
  ['august', 8], ['aug', 8], ['september', 9], ['sep', 9], ['sept', 9], ['october', 10], ['oct', 10],
  ['november', 11], ['nov', 11], ['december', 12], ['dec', 12],
  // Welsh councils write in Welsh too.
  ['ionawr', 1], ['chwefror', 2], ['mawrth', 3], ['ebrill', 4], ['mai', 5], ['mehefin', 6],
  ['gorffennaf', 7], ['awst', 8], ['medi', 9], ['hydref', 10], ['tachwedd', 11], ['rhagfyr', 12],
]);

const WEEKDAYS: ReadonlySet<string> = new Set([
  'monday', 'mon', 'tuesday', 'tue', 'tues', 'wednesday', 'wed', 'thursday', 'thu', 'thur', 'thurs',
  'friday', 'fri', 'saturday', 'sat', 'sunday', 'sun',
]);

const QUARTER_WORDS: ReadonlyMap<string, Quarter> = new Map([
  ['one', 1], ['two', 2], ['three', 3], ['four', 4],
]);

const QUARTER_ORDINAL_WORDS: ReadonlyMap<string, Quarter> = new Map([
  ['first', 1], ['second', 2], ['third', 3], ['fourth', 4],
]);

const AMOUNT_WORDS: ReadonlyMap<string, number> = new Map([
  ['a', 1], ['an', 1], ['one', 1], ['two', 2], ['three', 3], ['four', 4], ['five', 5], ['six', 6],
  ['seven', 7], ['eight', 8], ['nine', 9], ['ten', 10], ['eleven', 11], ['twelve', 12],
  ['fifteen', 15], ['eighteen', 18], ['twenty', 20], ['thirty', 30], ['sixty', 60], ['ninety', 90],
]);

/** Offset units, with how many of the unit one word means ('fortnight' = 2 weeks). */
const OFFSET_UNITS: ReadonlyMap<string, readonly [OffsetUnit, number]> = new Map([
  ['day', ['day', 1]], ['days', ['day', 1]],
  ['week', ['week', 1]], ['weeks', ['week', 1]], ['wk', ['week', 1]], ['wks', ['week', 1]],
  ['fortnight', ['week', 2]], ['fortnights', ['week', 2]],
  ['month', ['month', 1]], ['months', ['month', 1]], ['mth', ['month', 1]], ['mths', ['month', 1]],
  ['mnth', ['month', 1]], ['mnths', ['month', 1]],
  ['year', ['year', 1]], ['years', ['year', 1]], ['yr', ['year', 1]], ['yrs', ['year', 1]],
]);

const SEASONS: ReadonlyMap<string, string> = new Map([
  ['spring', 'Spring'], ['summer', 'Summer'], ['autumn', 'Autumn'], ['fall', 'Autumn'], ['winter', 'Winter'],
]);

/** A month that shows what to write instead of a season, by season (calendar year / financial year). */
const SEASON_HINT_MONTH: ReadonlyMap<string, { inYear: number; inFinancialYear: number }> = new Map([
  ['Spring', { inYear: 5, inFinancialYear: 5 }],
  ['Summer', { inYear: 8, inFinancialYear: 8 }],
  ['Autumn', { inYear: 11, inFinancialYear: 11 }],
  ['Winter', { inYear: 12, inFinancialYear: 2 }],
]);

type WordPattern = readonly string[];

/** Word patterns by their first word, so that a lookup tries only the patterns that can match. */
type PatternIndex = ReadonlyMap<string, readonly WordPattern[]>;

/** Indexes word patterns by their first word, keeping their order (longer patterns are listed first). */
function indexPatterns(patterns: readonly WordPattern[]): PatternIndex {
  const index = new Map<string, WordPattern[]>();
  for (const pattern of patterns) {
    const first = pattern[0] ?? '';
    const list = index.get(first);
    if (list === undefined) index.set(first, [pattern]);
    else list.push(pattern);
  }
  return index;
}

/** Words that may come before a date and do not change it ('by', 'by the end of', 'deadline:'). */
const LEADING_FILLERS: PatternIndex = indexPatterns([
  ['by', 'the', 'end', 'of'], ['by', 'end', 'of'], ['by', 'the', 'end'], ['by', 'end'],
  ['at', 'the', 'end', 'of'], ['at', 'end', 'of'], ['the', 'end', 'of'], ['end', 'of'],
  ['no', 'later', 'than'], ['not', 'later', 'than'],
  ['to', 'be', 'completed', 'by'], ['to', 'be', 'complete', 'by'], ['to', 'be', 'delivered', 'by'],
  ['to', 'be', 'achieved', 'by'], ['to', 'be', 'done', 'by'],
  ['complete', 'by'], ['completed', 'by'], ['completion', 'by'], ['completion', 'date'],
  ['due', 'by'], ['due', 'date'], ['due', 'on'], ['due', 'in'], ['due'],
  ['target', 'date'], ['target'], ['deadline', 'date'], ['deadline'], ['date'],
  ['by'], ['before'], ['in'], ['on'], ['during'], ['for'], ['until'], ['till'],
  ['up', 'to'], ['up', 'until'], ['end'],
]);

/** Words that may come before a phrase inside a range or list ('April 2014 - end of March 2015'). */
const INNER_FILLERS: PatternIndex = indexPatterns([
  ['by', 'the', 'end', 'of'], ['by', 'end', 'of'], ['the', 'end', 'of'], ['end', 'of'], ['by'],
]);

/** Words after a date that do not change it ('March 2014 at the latest'). */
const TRAILING_FILLERS: readonly WordPattern[] = [
  ['at', 'the', 'very', 'latest'], ['at', 'the', 'latest'], ['at', 'latest'], ['latest'],
  ['or', 'sooner'], ['or', 'earlier'], ['or', 'before'], ['if', 'not', 'before'],
];

/** The last words of TRAILING_FILLERS, to skip the search quickly. */
const TRAILING_FILLER_LAST_WORDS: ReadonlySet<string> = new Set(TRAILING_FILLERS.map((pattern) => pattern[pattern.length - 1] ?? ''));

const NOT_APPLICABLE_TEXTS: ReadonlySet<string> = new Set([
  'n/a', 'na', 'n.a', 'n/a/', 'none', 'nil', 'notapplicable', 'n-a',
]);

/** The words 'N/A', 'None' and the like start with. */
const NOT_APPLICABLE_FIRST_WORDS: ReadonlySet<string> = new Set(['n', 'na', 'none', 'nil', 'not']);

const TBC_WORDS: ReadonlySet<string> = new Set(['tbc', 'tba', 'tbd', 'tbconfirmed', 'tbcd', 'tbagreed']);

const TBC_PATTERNS: PatternIndex = indexPatterns([
  ['to', 'be', 'confirmed'], ['to', 'be', 'agreed'], ['to', 'be', 'decided'], ['to', 'be', 'determined'],
  ['to', 'be', 'arranged'], ['to', 'be', 'advised'], ['to', 'be', 'announced'], ['to', 'be', 'set'],
  ['to', 'be', 'fixed'], ['to', 'be', 'scheduled'], ['to', 'be', 'clarified'],
  ['not', 'yet', 'known'], ['not', 'known'], ['not', 'yet', 'agreed'], ['not', 'yet', 'set'],
  ['not', 'yet', 'decided'], ['not', 'yet', 'confirmed'], ['awaiting', 'confirmation'], ['unconfirmed'],
]);

const ONGOING_PATTERNS: PatternIndex = indexPatterns([
  ['ongoing'], ['on', 'going'], ['continuous'], ['continual'], ['continuing'], ['continuously'], ['continually'],
]);

/** Words after 'Ongoing' that add nothing ('Ongoing work', 'an ongoing basis'). */
const ONGOING_FILLERS: ReadonlySet<string> = new Set(['basis', 'work', 'activity', 'action', 'process', 'programme', 'task']);

/** Words that introduce an end date after 'Ongoing' or a recurrence. */
const UNTIL_PATTERNS: PatternIndex = indexPatterns([
  ['up', 'until'], ['up', 'to'], ['until'], ['till'], ['til'], ['to'], ['through'], ['thru'],
  ['ending', 'in'], ['ending'], ['ends'], ['end', 'of'], ['by', 'the', 'end', 'of'], ['by', 'end', 'of'], ['by'],
]);

/** Words that introduce a span that bounds a recurrence ('Quarterly during 2013/14'). */
const DURING_PATTERNS: PatternIndex = indexPatterns([['throughout'], ['during'], ['for'], ['in']]);

const REVIEW_PATTERNS: PatternIndex = indexPatterns([
  ['next', 'review', 'date'], ['next', 'review'], ['review', 'date'], ['to', 'be', 'reviewed'],
  ['reviewed'], ['review'], ['reviewing'],
]);

/** Words between 'review' and its date ('review date: March 2012'). */
const REVIEW_DATE_FILLERS: ReadonlySet<string> = new Set(['in', 'on', 'by', 'at', 'date', 'due']);

const FORTNIGHT_NOTE = 'Fortnightly is checked as weekly: Plankit has no fortnightly recurrence.';

const FREQUENCY_PATTERN_LIST: ReadonlyArray<readonly [WordPattern, Frequency, string?]> = [
  [['weekly'], 'weekly'], [['every', 'week'], 'weekly'], [['each', 'week'], 'weekly'],
  [['once', 'a', 'week'], 'weekly'], [['per', 'week'], 'weekly'],
  [['fortnightly'], 'weekly', FORTNIGHT_NOTE], [['every', 'fortnight'], 'weekly', FORTNIGHT_NOTE],
  [['every', 'two', 'weeks'], 'weekly', FORTNIGHT_NOTE], [['every', '2', 'weeks'], 'weekly', FORTNIGHT_NOTE],
  [['monthly'], 'monthly'], [['every', 'month'], 'monthly'], [['each', 'month'], 'monthly'],
  [['once', 'a', 'month'], 'monthly'], [['per', 'month'], 'monthly'],
  [['quarterly'], 'quarterly'], [['every', 'quarter'], 'quarterly'], [['each', 'quarter'], 'quarterly'],
  [['once', 'a', 'quarter'], 'quarterly'], [['per', 'quarter'], 'quarterly'],
  [['every', 'three', 'months'], 'quarterly'], [['every', '3', 'months'], 'quarterly'],
  [['six', 'monthly'], 'half-yearly'], [['6', 'monthly'], 'half-yearly'], [['half', 'yearly'], 'half-yearly'],
  [['bi', 'annually'], 'half-yearly'], [['bi', 'annual'], 'half-yearly'], [['biannually'], 'half-yearly'],
  [['biannual'], 'half-yearly'], [['semi', 'annually'], 'half-yearly'], [['semi', 'annual'], 'half-yearly'],
  [['twice', 'yearly'], 'half-yearly'], [['twice', 'a', 'year'], 'half-yearly'], [['twice', 'annually'], 'half-yearly'],
  [['every', 'six', 'months'], 'half-yearly'], [['every', '6', 'months'], 'half-yearly'],
  [['yearly'], 'yearly'], [['annually'], 'yearly'], [['annual'], 'yearly'], [['every', 'year'], 'yearly'],
  [['each', 'year'], 'yearly'], [['once', 'a', 'year'], 'yearly'], [['per', 'year'], 'yearly'],
  [['per', 'annum'], 'yearly'], [['every', 'twelve', 'months'], 'yearly'], [['every', '12', 'months'], 'yearly'],
];

/** Frequencies by their first word. */
const FREQUENCY_PATTERNS: ReadonlyMap<string, ReadonlyArray<readonly [WordPattern, Frequency, string?]>> = (() => {
  const index = new Map<string, Array<readonly [WordPattern, Frequency, string?]>>();
  for (const entry of FREQUENCY_PATTERN_LIST) {
    const first = entry[0][0] ?? '';
    const list = index.get(first);
    if (list === undefined) index.set(first, [entry]);
    else list.push(entry);
  }
  return index;
})();

/** Verbs that may come before a frequency ('Reviewed quarterly', 'Report annually'). */
const RECURRENCE_LEAD_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'reviewed', 'review', 'reported', 'report', 'reporting', 'monitored', 'monitor', 'updated',
  'update', 'meets', 'meet', 'held', 'run',
]);

/** Words that end the description after a frequency ('Yearly plans | until March 2011'). */
const RECURRENCE_STOP_WORDS: ReadonlySet<string> = new Set([
  'until', 'till', 'til', 'to', 'through', 'thru', 'up', 'ending', 'ends', 'end', 'by', 'from',
  'throughout', 'during', 'for', 'in', 'starting', 'commencing', 'between',
]);

const RELATIVE_AFTER: PatternIndex = indexPatterns([
  ['of'], ['after'], ['from'], ['following'], ['since'], ['post'], ['beyond'],
]);
const RELATIVE_BEFORE: PatternIndex = indexPatterns([['before'], ['prior', 'to'], ['ahead', 'of']]);

/** Words that make the date hang on an event without an offset ('After launch', 'Subject to funding'). */
const EVENT_ONLY_PATTERNS: PatternIndex = indexPatterns([
  ['on', 'completion', 'of'], ['upon', 'completion', 'of'], ['completion', 'of'], ['after'], ['following'],
  ['upon'], ['once'], ['when'], ['subject', 'to'], ['dependent', 'on'], ['dependant', 'on'], ['depends', 'on'],
  ['depending', 'on'],
]);

/** Words and marks between the two ends of a range ('September 2013 - March 2014'). */
const RANGE_JOINERS: PatternIndex = indexPatterns([
  ['-'], ['up', 'until'], ['up', 'to'], ['until'], ['till'], ['til'], ['to'], ['through'], ['thru'],
]);

/** Words and marks between the two ends of 'between X and Y'. */
const BETWEEN_JOINERS: PatternIndex = indexPatterns([['and'], ['&'], ['-'], ['to']]);

/** Words that may come before the year of a quarter ('Q3 financial year 2013/14'). */
const FINANCIAL_YEAR_WORDS: PatternIndex = indexPatterns([['financial', 'year'], ['fin', 'year'], ['fy']]);

/** Words that name a financial year ('FY 2013/14', and without a year 'the financial year'). */
const NAMED_FINANCIAL_YEAR: PatternIndex = indexPatterns([
  ['the', 'current', 'financial', 'year'], ['the', 'financial', 'year'], ['this', 'financial', 'year'],
  ['current', 'financial', 'year'], ['financial', 'year'], ['fin', 'year'], ['the', 'fy'], ['fy'],
]);

/** A year end without saying which kind of year ('the end of the year', 'year end'). */
const YEAR_END_WORDS: PatternIndex = indexPatterns([
  ['the', 'calendar', 'year', 'end'], ['the', 'calendar', 'year'], ['calendar', 'year', 'end'], ['calendar', 'year'],
  ['the', 'year', 'end'], ['the', 'year'], ['this', 'year'], ['year', 'end'], ['year'],
]);

/** 'the year' after a vague word ('late in the year'). */
const THE_YEAR_WORDS: PatternIndex = indexPatterns([['the', 'year'], ['year']]);

/** Words that make a year or season vague ('early 2014', 'the start of 2014'). */
const VAGUE_MODIFIERS: PatternIndex = indexPatterns([
  ['the', 'beginning', 'of'], ['beginning', 'of'], ['the', 'start', 'of'], ['start', 'of'],
  ['the', 'middle', 'of'], ['middle', 'of'], ['early'], ['mid'], ['middle'], ['late'],
]);

/** What each vague word means, by its last word before 'of'. */
const VAGUE_MODIFIER_MEANINGS: ReadonlyMap<string, 'early' | 'mid' | 'late'> = new Map([
  ['beginning', 'early'], ['start', 'early'], ['early', 'early'], ['middle', 'mid'], ['mid', 'mid'], ['late', 'late'],
]);

/** Marks and words between two dates of a list ('November 2017 / March 2018', 'June 2017, revised to ...'). */
const ALTERNATIVE_JOINER_MARKS: ReadonlySet<string> = new Set(['/', ',', ';', '&', '+', '|', '(', ')', '\\']);
const ALTERNATIVE_JOINER_WORDS: ReadonlySet<string> = new Set([
  'and', 'or', 'then', 'also', 'revised', 'revision', 'amended', 'extended', 'changed', 'moved', 'originally',
  'original', 'was', 'now', 'new', 'previously', 'slipped', 'deferred', 'delayed', 'postponed',
]);

/** Words that may open a list of dates ('was December 2013, now March 2014'). */
const LIST_OPENING_WORDS: ReadonlySet<string> = new Set(['was', 'originally', 'original', 'previously']);

// ---------------------------------------------------------------------------------------------
// Phrases

type DatedKind = 'date' | 'month' | 'year' | 'financial-year' | 'quarter' | 'range';
type YearlessUnit = 'date' | 'month' | 'quarter' | 'financial-year';

/** A phrase with its dates known. */
interface DatedPhrase {
  tag: 'dated';
  kind: DatedKind;
  earliest: IsoDate;
  latest: IsoDate;
  assumptions: string[];
  start: number;
  end: number;
}

/** A phrase that lacks its year ('March', 'Q3', '1 April', 'the financial year'). */
interface YearlessPhrase {
  tag: 'yearless';
  unit: YearlessUnit;
  month: number;
  day: number;
  quarter: Quarter;
  start: number;
  end: number;
}

/** A phrase that cannot be given dates, with the reason ('Summer 2014', 'early 2014'). */
interface VaguePhrase {
  tag: 'vague';
  reason: string;
  start: number;
  end: number;
}

/** A phrase that looks like a date but is not a real one ('31/02/2014'). */
interface InvalidPhrase {
  tag: 'invalid';
  reason: string;
  start: number;
  end: number;
}

type Phrase = DatedPhrase | YearlessPhrase | VaguePhrase | InvalidPhrase;

/** A yearless phrase that could not be given a year, with the reason. */
interface UnresolvedPhrase {
  tag: 'unresolved';
  unit: YearlessUnit;
  reason: string;
  start: number;
  end: number;
}

type ResolvedPhrase = DatedPhrase | VaguePhrase | InvalidPhrase | UnresolvedPhrase;

/** One item of a list: a single phrase, or a range of two (either end may be missing: 'From April 2014'). */
type Item =
  | { tag: 'single'; phrase: Phrase; start: number; end: number }
  | { tag: 'range'; from: Phrase | undefined; to: Phrase | undefined; fromIsExclusive: boolean; start: number; end: number };

/** The years read by readFinancialYears. */
interface FinancialYears {
  firstStartYear: number;
  lastStartYear: number;
  next: number;
  assumptions: string[];
}

/** The dates of a month. */
function monthRange(year: number, month: number): { start: IsoDate; end: IsoDate } {
  const start = makeIsoDate(year, month, 1) ?? '';
  const end = makeIsoDate(year, month, lastDayOfMonth(year, month)) ?? '';
  return { start, end };
}

/** 'Two-digit year read as 2014.' */
function twoDigitYearNote(year: number): string {
  return `Two-digit year read as ${year}.`;
}

/** The plan period in the words officers use: '2013/14', '2011/14', or two dates. */
function describePeriod(period: Period): string {
  const start = parseIsoDate(period.start);
  const end = parseIsoDate(period.end);
  if (start.month === 4 && start.day === 1 && end.month === 3 && end.day === 31 && end.year > start.year) {
    return end.year === start.year + 1
      ? financialYearLabel(start.year)
      : `${start.year}/${String(end.year % 100).padStart(2, '0')}`;
  }
  return `${formatLongDate(period.start)} to ${formatLongDate(period.end)}`;
}

/** Reads tokens [0, end) of one text. */
class DueReader {
  constructor(
    readonly tokens: readonly Token[],
    readonly text: string,
    readonly end: number,
    readonly period: Period | undefined,
  ) {}

  // --- token helpers ---

  /** The token at i, if inside the part being read. */
  at(i: number): Token | undefined {
    return i >= 0 && i < this.end ? this.tokens[i] : undefined;
  }

  /** The word at i, if there is one. */
  word(i: number): string | undefined {
    const token = this.at(i);
    return token !== undefined && token.type === 'word' ? token.text : undefined;
  }

  /** True if the token at i is the punctuation mark. */
  isMark(i: number, mark: string): boolean {
    const token = this.at(i);
    return token !== undefined && token.type === 'punct' && token.text === mark;
  }

  /** The number token at i, if there is one. */
  numberAt(i: number): Token | undefined {
    const token = this.at(i);
    return token !== undefined && token.type === 'number' && !Number.isNaN(token.value) ? token : undefined;
  }

  /** True if the year at i is the start of a slashed financial year ('2013/14'), so not a year by itself. */
  slashedFinancialYearAt(i: number, twoDigitStart = false): boolean {
    if (!this.isMark(i + 1, '/')) return false;
    const years = this.readFinancialYears(i, twoDigitStart);
    return years !== undefined && !('tag' in years);
  }

  /** The original text of tokens [from, to). */
  slice(from: number, to: number): string {
    const first = this.tokens[from];
    const last = this.tokens[to - 1];
    return first !== undefined && last !== undefined && to > from ? this.text.slice(first.start, last.end) : '';
  }

  /** The index after the words if they are at i (a hyphen may join them: 'on-going'), else -1. */
  matchWords(i: number, words: WordPattern): number {
    let j = i;
    for (let w = 0; w < words.length; w++) {
      if (w > 0 && this.isMark(j, '-') && words[w] !== '-') j++;
      const token = this.at(j);
      if (token === undefined || token.text !== words[w] || token.type === 'other') return -1;
      j++;
    }
    return j;
  }

  /** The index after the first of the patterns found at i, else -1. */
  matchAny(i: number, patterns: PatternIndex): number {
    const token = this.at(i);
    if (token === undefined) return -1;
    const candidates = patterns.get(token.text);
    if (candidates === undefined) return -1;
    for (const pattern of candidates) {
      const next = this.matchWords(i, pattern);
      if (next >= 0) return next;
    }
    return -1;
  }

  /** Skips filler words (and a following ':' or '-') at i, repeatedly. */
  skipFillers(i: number, patterns: PatternIndex): number {
    let j = i;
    for (;;) {
      // 'On going' is Ongoing, not 'on' + 'going'.
      if (this.word(j) === 'on' && (this.word(j + 1) === 'going' || this.word(j + 2) === 'going')) return j;
      const next = this.matchAny(j, patterns);
      if (next < 0) return j;
      j = next;
      while (this.isMark(j, ':') || (this.isMark(j, '-') && j + 1 < this.end)) j++;
    }
  }

  // --- years ---

  /** A four-digit year we accept as a year (1900-2199). */
  fourDigitYear(i: number): number | undefined {
    const token = this.numberAt(i);
    return token !== undefined && token.digits === 4 && !token.ordinal && token.value >= 1900 && token.value <= 2199
      ? token.value
      : undefined;
  }

  /** A year at i: '2014', or with allowTwoDigit "'14" or '14' (read as 2014). */
  readYear(i: number, allowTwoDigit: boolean): { year: number; next: number; twoDigit: boolean } | undefined {
    const fourDigit = this.fourDigitYear(i);
    if (fourDigit !== undefined) return { year: fourDigit, next: i + 1, twoDigit: false };
    if (!allowTwoDigit) return undefined;
    let j = i;
    if (this.isMark(j, "'")) j++;
    const token = this.numberAt(j);
    if (token === undefined || token.digits !== 2 || token.ordinal) return undefined;
    return { year: 2000 + token.value, next: j + 1, twoDigit: true };
  }

  /**
   * Financial years at i: '2013/14', '2013-14', '2013/2014', '2013 to 2014', a multi-year '2011/14', and
   * with twoDigitStart '13/14'. Returns an InvalidPhrase for a slashed pair whose second year does not follow.
   */
  readFinancialYears(i: number, twoDigitStart: boolean): FinancialYears | InvalidPhrase | undefined {
    const first = this.numberAt(i);
    if (first === undefined || first.ordinal) return undefined;
    let startYear: number;
    let twoDigit = false;
    const fourDigit = this.fourDigitYear(i);
    if (fourDigit !== undefined) {
      startYear = fourDigit;
    } else if (twoDigitStart && first.digits === 2) {
      startYear = 2000 + first.value;
      twoDigit = true;
    } else {
      return undefined;
    }
    const separator = this.at(i + 1);
    if (separator === undefined) return undefined;
    const isSlash = separator.type === 'punct' && separator.text === '/';
    const isDash = separator.type === 'punct' && separator.text === '-';
    const isTo = separator.type === 'word' && separator.text === 'to';
    if (!isSlash && !isDash && !isTo) return undefined;
    const second = this.numberAt(i + 2);
    if (second === undefined || second.ordinal || (second.digits !== 2 && second.digits !== 4)) return undefined;
    let endYear: number;
    if (second.digits === 4) {
      endYear = second.value;
    } else {
      endYear = startYear - (startYear % 100) + second.value;
      if (endYear <= startYear) endYear += 100;
    }
    if (endYear <= startYear || endYear - startYear > 10) {
      if (!isSlash) return undefined;
      const written = this.slice(i, i + 3);
      return {
        tag: 'invalid',
        reason: `In "${written}" the second year does not follow the first, so it is not a financial year. Write a financial year such as 2013/14.`,
        start: i,
        end: i + 3,
      };
    }
    const assumptions: string[] = [];
    if (twoDigit) assumptions.push(`Two-digit years read as ${financialYearLabel(startYear)}.`);
    if (!isSlash && second.digits === 4) {
      assumptions.push(
        endYear === startYear + 1
          ? `Read as the financial year ${financialYearLabel(startYear)}.`
          : `Read as the financial years ${financialYearLabel(startYear)} to ${financialYearLabel(endYear - 1)}.`,
      );
    }
    return { firstStartYear: startYear, lastStartYear: endYear - 1, next: i + 3, assumptions };
  }

  /** A dated phrase for financial years: kind 'financial-year' for one, 'range' for several. */
  financialYearsPhrase(years: FinancialYears, start: number): DatedPhrase {
    return {
      tag: 'dated',
      kind: years.firstStartYear === years.lastStartYear ? 'financial-year' : 'range',
      earliest: financialYearRange(years.firstStartYear).start,
      latest: financialYearRange(years.lastStartYear).end,
      assumptions: years.assumptions,
      start,
      end: years.next,
    };
  }

  // --- phrase readers ---

  /** One date phrase at i, or undefined if none starts there. */
  readPhrase(i: number): Phrase | undefined {
    const j = this.skipFillers(i, INNER_FILLERS);
    if (j >= this.end) return undefined;
    const phrase =
      this.readVague(j) ??
      this.readQuarterPhrase(j) ??
      this.readIsoDate(j) ??
      this.readFinancialYearPhrase(j) ??
      this.readNumericDate(j) ??
      this.readDayFirstDate(j) ??
      this.readMonthFirst(j) ??
      this.readYearEnd(j) ??
      this.readYearAlone(j);
    if (phrase !== undefined) phrase.start = i;
    return phrase;
  }

  /** 'Q3', 'Quarter 3', 'quarter three', 'third quarter', '3rd quarter' (the quarter number only). */
  readQuarterNumber(i: number): { quarter: Quarter; next: number } | undefined {
    let j = i;
    if (this.word(j) === 'the') j++;
    const word = this.word(j);
    if (word === 'q' || word === 'qtr' || word === 'quarter') {
      let k = j + 1;
      if (this.isMark(k, '-') || this.isMark(k, '.')) k++;
      const token = this.numberAt(k);
      if (token !== undefined && token.digits === 1 && token.value >= 1 && token.value <= 4) {
        return { quarter: token.value as Quarter, next: k + 1 };
      }
      const named = QUARTER_WORDS.get(this.word(k) ?? '') ?? QUARTER_ORDINAL_WORDS.get(this.word(k) ?? '');
      return named === undefined ? undefined : { quarter: named, next: k + 1 };
    }
    let quarter: Quarter | undefined;
    const token = this.numberAt(j);
    if (token !== undefined && token.ordinal && token.value >= 1 && token.value <= 4) quarter = token.value as Quarter;
    else if (word !== undefined) quarter = QUARTER_ORDINAL_WORDS.get(word);
    if (quarter === undefined) return undefined;
    const unit = this.word(j + 1);
    return unit === 'quarter' || unit === 'qtr' ? { quarter, next: j + 2 } : undefined;
  }

  /** A quarter with or without its year: 'Q3 2013/14', 'Q3 13/14', 'Q3 2013' (calendar year), 'Q3'. */
  readQuarterPhrase(i: number): Phrase | undefined {
    const number = this.readQuarterNumber(i);
    if (number === undefined) return undefined;
    const { quarter } = number;
    let j = number.next;
    const connector = this.word(j);
    if (this.isMark(j, ',') || connector === 'of' || connector === 'in' || connector === 'for') j++;
    const yearStart = j;
    if (this.word(j) === 'the') j++;
    const afterPrefix = this.matchAny(j, FINANCIAL_YEAR_WORDS);
    if (afterPrefix >= 0) j = afterPrefix;
    const years = this.readFinancialYears(j, true);
    if (years !== undefined) {
      if ('tag' in years) return { ...years, start: i };
      if (years.firstStartYear !== years.lastStartYear) return undefined;
      const range = quarterRange(years.firstStartYear, quarter);
      return { tag: 'dated', kind: 'quarter', earliest: range.start, latest: range.end, assumptions: years.assumptions, start: i, end: years.next };
    }
    const year = afterPrefix < 0 ? this.readYear(yearStart, true) : undefined;
    if (year !== undefined) {
      const startYear = quarter === 4 ? year.year - 1 : year.year;
      const range = quarterRange(startYear, quarter);
      const firstMonth = MONTH_NAMES_EN[parseIsoDate(range.start).month - 1];
      const lastMonth = MONTH_NAMES_EN[parseIsoDate(range.end).month - 1];
      const assumptions = year.twoDigit ? [twoDigitYearNote(year.year)] : [];
      assumptions.push(
        `Q${quarter} ${year.year} is read as the financial-year quarter ${firstMonth} to ${lastMonth} ${year.year} (Q${quarter} ${financialYearLabel(startYear)}).`,
      );
      return { tag: 'dated', kind: 'quarter', earliest: range.start, latest: range.end, assumptions, start: i, end: year.next };
    }
    return { tag: 'yearless', unit: 'quarter', month: 0, day: 0, quarter, start: i, end: number.next };
  }

  /** 'FY 2013/14', 'financial year 2013/14', '2013/14', '2013-14', '2013 to 2014', '2011/14', '2013/14 Q3', 'the financial year'. */
  readFinancialYearPhrase(i: number): Phrase | undefined {
    let j = i;
    const named = this.matchAny(j, NAMED_FINANCIAL_YEAR);
    if (named >= 0) j = named;
    const years = this.readFinancialYears(j, named >= 0);
    if (years === undefined) {
      if (named < 0) return undefined;
      if (this.fourDigitYear(j) !== undefined) {
        return {
          tag: 'invalid',
          reason: `"${this.slice(i, j + 1)}" could mean the financial year starting or ending in ${this.slice(j, j + 1)}. Write it with both years, such as ${financialYearLabel((this.fourDigitYear(j) ?? 0) - 1)} or ${financialYearLabel(this.fourDigitYear(j) ?? 0)}.`,
          start: i,
          end: j + 1,
        };
      }
      // 'the financial year', 'financial year end': the year comes from the plan period.
      let k = j;
      if (this.word(k) === 'end') k++;
      return { tag: 'yearless', unit: 'financial-year', month: 0, day: 0, quarter: 1, start: i, end: k };
    }
    if ('tag' in years) return { ...years, start: i };
    if (years.firstStartYear === years.lastStartYear) {
      let k = years.next;
      if (this.isMark(k, ',')) k++;
      const quarter = this.readQuarterNumber(k);
      if (quarter !== undefined) {
        const range = quarterRange(years.firstStartYear, quarter.quarter);
        return { tag: 'dated', kind: 'quarter', earliest: range.start, latest: range.end, assumptions: years.assumptions, start: i, end: quarter.next };
      }
      if (this.word(years.next) === 'end') return { ...this.financialYearsPhrase(years, i), end: years.next + 1 };
    }
    return this.financialYearsPhrase(years, i);
  }

  /** An InvalidPhrase explaining why a day, month and year are not a real date. */
  notARealDate(start: number, end: number, year: number | undefined, month: number, day: number, numeric: boolean): InvalidPhrase {
    const written = this.slice(start, end);
    let why: string;
    if (month < 1 || month > 12) {
      why = numeric
        ? `dates written in numbers are read as day/month/year, and there is no month ${month}.`
        : `there is no month ${month}.`;
    } else if (day < 1) {
      why = 'there is no day 0.';
    } else if (year === undefined) {
      why = `${MONTH_NAMES_EN[month - 1]} has ${month === 2 ? 'at most 29' : lastDayOfMonth(2000, month)} days.`;
    } else {
      why = `${MONTH_NAMES_EN[month - 1]} ${year} has ${lastDayOfMonth(year, month)} days.`;
    }
    return { tag: 'invalid', reason: `"${written}" is not a real date: ${why}`, start, end };
  }

  /** A dated 'date' phrase, or an InvalidPhrase if the day does not exist. */
  datePhrase(start: number, end: number, year: number, month: number, day: number, assumptions: string[], numeric: boolean): Phrase {
    const date = makeIsoDate(year, month, day);
    if (date === undefined) return this.notARealDate(start, end, year, month, day, numeric);
    return { tag: 'dated', kind: 'date', earliest: date, latest: date, assumptions, start, end };
  }

  /** '2014-03-31'. */
  readIsoDate(i: number): Phrase | undefined {
    const year = this.fourDigitYear(i);
    if (year === undefined || !this.isMark(i + 1, '-') || !this.isMark(i + 3, '-')) return undefined;
    const month = this.numberAt(i + 2);
    const day = this.numberAt(i + 4);
    if (month === undefined || day === undefined || month.digits > 2 || day.digits > 2 || month.ordinal) return undefined;
    return this.datePhrase(i, i + 5, year, month.value, day.value, [], true);
  }

  /** '31/03/2014', '31-03-2014', '31.03.2014', '31/3/14' (always day/month/year), and '03/2014' (a month). */
  readNumericDate(i: number): Phrase | undefined {
    const day = this.numberAt(i);
    if (day === undefined || day.digits > 2 || day.ordinal) return undefined;
    const separator = this.at(i + 1);
    if (separator === undefined || separator.type !== 'punct') return undefined;
    const mark = separator.text;
    if (mark !== '/' && mark !== '-' && mark !== '.') return undefined;
    const month = this.numberAt(i + 2);
    if (month === undefined || month.ordinal) return undefined;
    if (month.digits === 4 && mark === '/') {
      // '03/2014': a month and year.
      const year = this.fourDigitYear(i + 2);
      if (year === undefined) return undefined;
      if (day.value < 1 || day.value > 12) return this.notARealDate(i, i + 3, year, day.value, 1, true);
      const range = monthRange(year, day.value);
      return { tag: 'dated', kind: 'month', earliest: range.start, latest: range.end, assumptions: [], start: i, end: i + 3 };
    }
    if (month.digits > 2 || !this.isMark(i + 3, mark)) return undefined;
    const year = this.readYear(i + 4, true);
    if (year === undefined || this.slashedFinancialYearAt(year.next - 1, year.twoDigit)) return undefined;
    const assumptions = year.twoDigit ? [twoDigitYearNote(year.year)] : [];
    return this.datePhrase(i, year.next, year.year, month.value, day.value, assumptions, true);
  }

  /** Skips a weekday name ('Monday 31 March 2014'). */
  skipWeekday(i: number): number {
    const word = this.word(i);
    if (word === undefined || !WEEKDAYS.has(word)) return i;
    return this.isMark(i + 1, ',') ? i + 2 : i + 1;
  }

  /** A month name at i ('March', 'Mar', 'Sept.'). */
  readMonthName(i: number): { month: number; next: number } | undefined {
    const month = MONTHS.get(this.word(i) ?? '');
    if (month === undefined) return undefined;
    return { month, next: this.isMark(i + 1, '.') ? i + 2 : i + 1 };
  }

  /** '31 March 2014', '31st March 2014', 'the 1st of April 2014', '31 Mar 14', and yearless '1 April'. */
  readDayFirstDate(i: number): Phrase | undefined {
    let j = this.skipWeekday(i);
    if (this.word(j) === 'the') j++;
    const day = this.numberAt(j);
    if (day === undefined || day.digits > 2 || day.value < 1 || day.value > 31) return undefined;
    j++;
    if (this.word(j) === 'of') j++;
    const month = this.readMonthName(j);
    if (month === undefined) return undefined;
    j = month.next;
    const k = this.isMark(j, ',') ? j + 1 : j;
    // 31 March 2013/14: the 31 March inside that financial year.
    const inFinancialYear = this.monthInFinancialYear(k, month.month);
    if (inFinancialYear !== undefined) {
      return this.datePhrase(i, inFinancialYear.next, inFinancialYear.year, month.month, day.value, inFinancialYear.assumptions, false);
    }
    const year = this.readYear(k, true);
    if (year !== undefined && !this.slashedFinancialYearAt(year.next - 1, year.twoDigit)) {
      const assumptions = year.twoDigit ? [twoDigitYearNote(year.year)] : [];
      return this.datePhrase(i, year.next, year.year, month.month, day.value, assumptions, false);
    }
    if (day.value > lastDayOfMonth(2000, month.month)) return this.notARealDate(i, j, undefined, month.month, day.value, false);
    return { tag: 'yearless', unit: 'date', month: month.month, day: day.value, quarter: 1, start: i, end: j };
  }

  /** The calendar year of a month inside the financial year written at i ('2013/14', '2013-14'), if one is. */
  monthInFinancialYear(i: number, month: number): { year: number; next: number; assumptions: string[] } | undefined {
    const years = this.readFinancialYears(i, false);
    if (years === undefined || 'tag' in years || years.firstStartYear !== years.lastStartYear) return undefined;
    // '2013/2014' and '2013-14' are financial years after a month; '2013-2014' and '2013 to 2014' are not.
    if (!this.isMark(i + 1, '/') && this.numberAt(i + 2)?.digits !== 2) return undefined;
    return { year: month <= 3 ? years.firstStartYear + 1 : years.firstStartYear, next: years.next, assumptions: years.assumptions };
  }

  /** 'March 2014', 'Mar 14', 'Dec-13', "March '14", 'March 2013/14', 'March 31st, 2014', 'March 31 2014', and yearless 'March'. */
  readMonthFirst(i: number): Phrase | undefined {
    const start = this.skipWeekday(i);
    const month = this.readMonthName(start);
    if (month === undefined) return undefined;
    const j = month.next;
    // March 31st, 2014 / March 31 2014
    const day = this.numberAt(j);
    if (day !== undefined && day.digits <= 2) {
      const k = this.isMark(j + 1, ',') ? j + 2 : j + 1;
      const year = this.fourDigitYear(k);
      if (year !== undefined && !this.slashedFinancialYearAt(k)) {
        return this.datePhrase(i, k + 1, year, month.month, day.value, [], false);
      }
      if (day.ordinal) {
        if (day.value < 1 || day.value > lastDayOfMonth(2000, month.month)) {
          return this.notARealDate(i, j + 1, undefined, month.month, day.value, false);
        }
        return { tag: 'yearless', unit: 'date', month: month.month, day: day.value, quarter: 1, start: i, end: j + 1 };
      }
    }
    // March 2013/14: the March inside that financial year.
    const inFinancialYear = this.monthInFinancialYear(j, month.month);
    if (inFinancialYear !== undefined) {
      const range = monthRange(inFinancialYear.year, month.month);
      return { tag: 'dated', kind: 'month', earliest: range.start, latest: range.end, assumptions: inFinancialYear.assumptions, start: i, end: inFinancialYear.next };
    }
    // March 2014, March-2014, March, 2014, March of 2014
    let k = j;
    const tight = this.isMark(k, '-') && !(this.at(k)?.spaceBefore ?? true) && !(this.at(k + 1)?.spaceBefore ?? true);
    if (this.isMark(k, '-') || this.isMark(k, ',') || this.word(k) === 'of') k++;
    const fourDigit = this.fourDigitYear(k);
    if (fourDigit !== undefined && !this.slashedFinancialYearAt(k)) {
      const range = monthRange(fourDigit, month.month);
      return { tag: 'dated', kind: 'month', earliest: range.start, latest: range.end, assumptions: [], start: i, end: k + 1 };
    }
    // Mar 14, Dec-13, March '14
    const twoDigitAt = k === j || tight ? k : -1;
    if (twoDigitAt >= 0 && !this.slashedFinancialYearAt(this.isMark(twoDigitAt, "'") ? twoDigitAt + 1 : twoDigitAt, true)) {
      const year = this.readYear(twoDigitAt, true);
      if (year !== undefined && year.twoDigit) {
        const range = monthRange(year.year, month.month);
        return { tag: 'dated', kind: 'month', earliest: range.start, latest: range.end, assumptions: [twoDigitYearNote(year.year)], start: i, end: year.next };
      }
    }
    return { tag: 'yearless', unit: 'month', month: month.month, day: 0, quarter: 1, start: i, end: j };
  }

  /** '2014' alone: a calendar year. */
  readYearAlone(i: number): Phrase | undefined {
    const year = this.fourDigitYear(i);
    if (year === undefined) return undefined;
    let end = i + 1;
    if (this.word(end) === 'end') end++;
    return {
      tag: 'dated',
      kind: 'year',
      earliest: makeIsoDate(year, 1, 1) ?? '',
      latest: makeIsoDate(year, 12, 31) ?? '',
      assumptions: ['Read as a calendar year.'],
      start: i,
      end,
    };
  }

  /** 'the year', 'year end', 'calendar year end': a year end with no year, which could be December or March. */
  readYearEnd(i: number): Phrase | undefined {
    const next = this.matchAny(i, YEAR_END_WORDS);
    if (next < 0) return undefined;
    // 'the end of the year 2014', 'year end 2013/14': the year is there after all.
    const years = this.readFinancialYears(next, false);
    if (years !== undefined) return 'tag' in years ? { ...years, start: i } : this.financialYearsPhrase(years, i);
    const year = this.readYearAlone(next);
    if (year !== undefined) return { ...year, start: i };
    const example = this.period !== undefined ? ` such as 31 March ${parseIsoDate(this.period.end).year}` : ' with its year';
    return {
      tag: 'vague',
      reason: `The end of the year could mean 31 December or 31 March (the end of the financial year), so no deadline can be checked. Write a date${example}.`,
      start: i,
      end: next,
    };
  }

  /** 'Summer 2014', 'Spring', 'Winter 2013/14', 'early 2014', 'mid-2014', 'late 2014', 'start of 2014'; 'early March 2014' is read as the month. */
  readVague(i: number): Phrase | undefined {
    let j = i;
    let modifier: 'early' | 'mid' | 'late' | undefined;
    const modifierEnd = this.matchAny(j, VAGUE_MODIFIERS);
    if (modifierEnd >= 0) {
      const last = this.word(modifierEnd - 1) ?? '';
      modifier = VAGUE_MODIFIER_MEANINGS.get(last === 'of' ? this.word(modifierEnd - 2) ?? '' : last);
      j = modifierEnd;
    }
    if (modifier !== undefined) {
      if (this.isMark(j, '-')) j++;
      if (this.word(j) === 'in' || this.word(j) === 'part') j++;
      if (this.word(j) === 'of') j++;
    }
    const season = SEASONS.get(this.word(j) ?? '');
    if (season !== undefined) {
      j++;
      if (this.word(j) === 'term') j++;
      return this.seasonPhrase(i, j, season);
    }
    if (modifier === undefined) return undefined;
    // early March 2014: the month is clear, the part of it is not.
    const month = this.readMonthFirst(j);
    if (month !== undefined) {
      if (month.tag === 'dated') {
        const written = this.slice(i, month.end);
        const { year, month: monthNumber } = parseIsoDate(month.earliest);
        month.assumptions = [...month.assumptions, `"${written}" is read as the whole of ${MONTH_NAMES_EN[monthNumber - 1]} ${year}.`];
      }
      month.start = i;
      return month;
    }
    const years = this.readFinancialYears(j, false);
    if (years !== undefined && !('tag' in years) && years.firstStartYear === years.lastStartYear) {
      const hint = { early: 6, mid: 9, late: 3 }[modifier];
      const hintYear = hint <= 3 ? years.firstStartYear + 1 : years.firstStartYear;
      return this.vaguePhrase(i, years.next, `${MONTH_NAMES_EN[hint - 1]} ${hintYear}`);
    }
    const year = this.fourDigitYear(j);
    if (year !== undefined) {
      const hint = { early: 3, mid: 6, late: 12 }[modifier];
      return this.vaguePhrase(i, j + 1, `${MONTH_NAMES_EN[hint - 1]} ${year}`);
    }
    const yearEnd = this.matchAny(j, THE_YEAR_WORDS);
    if (yearEnd >= 0) return this.vaguePhrase(i, yearEnd, undefined);
    return undefined;
  }

  /** A season with an optional year after it: no dates, and a month suggested. */
  seasonPhrase(start: number, afterSeason: number, season: string): VaguePhrase {
    let j = afterSeason;
    if (this.word(j) === 'of' || this.word(j) === 'in' || this.isMark(j, ',')) j++;
    const hints = SEASON_HINT_MONTH.get(season) ?? { inYear: 8, inFinancialYear: 8 };
    let end = afterSeason;
    let hint: string | undefined;
    const years = this.readFinancialYears(j, false);
    if (years !== undefined && !('tag' in years) && years.firstStartYear === years.lastStartYear) {
      const month = hints.inFinancialYear;
      hint = `${MONTH_NAMES_EN[month - 1]} ${month <= 3 ? years.firstStartYear + 1 : years.firstStartYear}`;
      end = years.next;
    } else {
      const year = this.readYear(j, true);
      if (year !== undefined) {
        hint = `${MONTH_NAMES_EN[hints.inYear - 1]} ${year.year}`;
        end = year.next;
      }
    }
    const advice = hint === undefined ? 'Write a month with its year instead.' : `Write a month, such as ${hint}.`;
    return {
      tag: 'vague',
      reason: `${season} means different months to different councils, so no deadline can be checked. ${advice}`,
      start,
      end,
    };
  }

  /** A vague phrase ('early 2014') with the month suggested instead. */
  vaguePhrase(start: number, end: number, hint: string | undefined): VaguePhrase {
    const advice = hint === undefined ? 'Write a month with its year instead.' : `Write a month, such as ${hint}.`;
    return { tag: 'vague', reason: `"${this.slice(start, end)}" is vague, so no deadline can be checked. ${advice}`, start, end };
  }

  // --- items and lists ---

  /** The index after a range joiner ('-', 'to', 'until') at i, else -1. */
  rangeJoinerEnd(i: number): number {
    return this.matchAny(i, RANGE_JOINERS);
  }

  /** One item at i: a phrase, or a range ('X - Y', 'from X until Y', 'between X and Y', 'X onwards'). */
  readItem(i: number): Item | undefined {
    const first = this.word(i);
    if (first === 'from' || first === 'starting' || first === 'commencing' || first === 'after') {
      let j = i + 1;
      if ((first === 'starting' || first === 'commencing') && (this.word(j) === 'from' || this.word(j) === 'in' || this.word(j) === 'on')) j++;
      const from = this.readPhrase(j);
      if (from === undefined) return undefined;
      const joinerEnd = this.rangeJoinerEnd(from.end);
      if (joinerEnd >= 0) {
        const to = this.readPhrase(joinerEnd);
        if (to !== undefined) return { tag: 'range', from, to, fromIsExclusive: first === 'after', start: i, end: to.end };
      }
      const end = this.word(from.end) === 'onwards' || this.word(from.end) === 'onward' ? from.end + 1 : from.end;
      return { tag: 'range', from, to: undefined, fromIsExclusive: first === 'after', start: i, end };
    }
    if (first === 'between') {
      const from = this.readPhrase(i + 1);
      if (from === undefined) return undefined;
      let joinerEnd = this.matchAny(from.end, BETWEEN_JOINERS);
      if (joinerEnd < 0) return undefined;
      joinerEnd = this.skipFillers(joinerEnd, INNER_FILLERS);
      const to = this.readPhrase(joinerEnd);
      if (to === undefined) return undefined;
      return { tag: 'range', from, to, fromIsExclusive: false, start: i, end: to.end };
    }
    const phrase = this.readPhrase(i);
    if (phrase === undefined) return undefined;
    const joinerEnd = this.rangeJoinerEnd(phrase.end);
    if (joinerEnd >= 0) {
      const to = this.readPhrase(joinerEnd);
      if (to !== undefined) return { tag: 'range', from: phrase, to, fromIsExclusive: false, start: i, end: to.end };
    }
    const after = this.word(phrase.end);
    if (after === 'onwards' || after === 'onward') {
      return { tag: 'range', from: phrase, to: undefined, fromIsExclusive: false, start: i, end: phrase.end + 1 };
    }
    const andBeyond = this.matchWords(phrase.end, ['and', 'beyond']);
    if (andBeyond >= 0) return { tag: 'range', from: phrase, to: undefined, fromIsExclusive: false, start: i, end: andBeyond };
    return { tag: 'single', phrase, start: i, end: phrase.end };
  }

  /** Skips what may stand between two dates of a list ('/', ',', 'and', 'or', 'revised to', 'by'). */
  skipAlternativeJoiners(i: number): number {
    let j = i;
    let skipped = false;
    for (;;) {
      const token = this.at(j);
      if (token === undefined) break;
      if (token.type === 'punct' && ALTERNATIVE_JOINER_MARKS.has(token.text)) {
        j++;
        skipped = true;
      } else if (token.type === 'word' && ALTERNATIVE_JOINER_WORDS.has(token.text)) {
        j++;
        skipped = true;
      } else if (skipped && token.type === 'word' && (token.text === 'to' || token.text === 'from')) {
        // 'revised to March 2014', 'revised from December 2013': a changed date, not a range.
        j++;
      } else {
        break;
      }
    }
    return this.skipFillers(j, LEADING_FILLERS);
  }

  /** Every item from i to the end, or undefined if any part is not a date. */
  readItems(i: number): Item[] | undefined {
    const items: Item[] = [];
    let j = i;
    if (LIST_OPENING_WORDS.has(this.word(j) ?? '')) j++;
    while (j < this.end) {
      if (items.length > 0) {
        const before = j;
        j = this.skipAlternativeJoiners(j);
        // A closing bracket may end the text: 'March 2014 (revised from December 2013)'.
        if (j >= this.end) return this.isMark(this.end - 1, ')') && before < this.end ? items : undefined;
      }
      const item = this.readItem(j);
      if (item === undefined || item.end <= j) return undefined;
      items.push(item);
      j = item.end;
    }
    return items.length > 0 ? items : undefined;
  }

  // --- years from neighbours and from the plan period ---

  /** The dates of a yearless phrase in a given year (calendar year for months and dates, start year for quarters). */
  inYear(phrase: YearlessPhrase, year: number, assumptions: string[]): DatedPhrase | InvalidPhrase {
    const { start, end } = phrase;
    switch (phrase.unit) {
      case 'month': {
        const range = monthRange(year, phrase.month);
        return { tag: 'dated', kind: 'month', earliest: range.start, latest: range.end, assumptions, start, end };
      }
      case 'date': {
        const date = makeIsoDate(year, phrase.month, phrase.day);
        if (date === undefined) return this.notARealDate(start, end, year, phrase.month, phrase.day, false);
        return { tag: 'dated', kind: 'date', earliest: date, latest: date, assumptions, start, end };
      }
      case 'quarter': {
        const range = quarterRange(year, phrase.quarter);
        return { tag: 'dated', kind: 'quarter', earliest: range.start, latest: range.end, assumptions, start, end };
      }
      case 'financial-year': {
        const range = financialYearRange(year);
        return { tag: 'dated', kind: 'financial-year', earliest: range.start, latest: range.end, assumptions, start, end };
      }
    }
  }

  /** A yearless phrase given the year of a dated neighbour: before it ('April - June 2014') or after it ('March 2014 - June'). */
  withNeighbourYear(phrase: YearlessPhrase, neighbour: DatedPhrase, side: 'before' | 'after'): DatedPhrase | InvalidPhrase {
    const byFinancialYear = phrase.unit === 'quarter' || phrase.unit === 'financial-year';
    const anchor = side === 'before' ? neighbour.latest : neighbour.earliest;
    const year = byFinancialYear ? financialYearOf(anchor) : parseIsoDate(anchor).year;
    const candidate = this.inYear(phrase, year, []);
    if (candidate.tag !== 'dated') return candidate;
    if (side === 'before' && candidate.earliest > neighbour.earliest) return this.inYear(phrase, year - 1, []);
    if (side === 'after' && candidate.latest < neighbour.latest) return this.inYear(phrase, year + 1, []);
    return candidate;
  }

  /** A yearless phrase given its year from the plan period, or the reason it cannot be. */
  withPeriodYear(phrase: YearlessPhrase): DatedPhrase | InvalidPhrase | UnresolvedPhrase {
    const written = this.slice(phrase.start, phrase.end);
    const period = this.period;
    const unresolved = (why: string, example: string): UnresolvedPhrase => ({
      tag: 'unresolved',
      unit: phrase.unit,
      reason: `"${written}" has no year and ${why}, so no deadline can be checked. ${example}`,
      start: phrase.start,
      end: phrase.end,
    });
    if (phrase.unit === 'quarter' || phrase.unit === 'financial-year') {
      const what = phrase.unit === 'quarter' ? `Write the quarter with its financial year, such as Q${phrase.quarter}` : 'Write the financial year, such as';
      if (period === undefined) return unresolved('the plan has no period to take it from', `${what} 2013/14.`);
      const first = financialYearOf(period.start);
      const last = financialYearOf(period.end);
      if (first !== last) {
        return unresolved(`the plan period ${describePeriod(period)} covers more than one financial year`, `${what} ${financialYearLabel(last)}.`);
      }
      return this.inYear(phrase, first, [`The year is taken from the plan period ${describePeriod(period)}.`]);
    }
    const monthName = MONTH_NAMES_EN[phrase.month - 1] ?? '';
    const example = phrase.unit === 'month' ? `Write the month with its year, such as ${monthName}` : `Write the date with its year, such as ${phrase.day} ${monthName}`;
    if (period === undefined) return unresolved('the plan has no period to take it from', `${example} ${exampleYear(phrase, 2014)}.`);
    const firstYear = parseIsoDate(period.start).year;
    const lastYear = parseIsoDate(period.end).year;
    const found: number[] = [];
    for (let year = firstYear; year <= lastYear && found.length < 2; year++) {
      if (phrase.unit === 'month') {
        const range = monthRange(year, phrase.month);
        if (range.end >= period.start && range.start <= period.end) found.push(year);
      } else {
        const date = makeIsoDate(year, phrase.month, phrase.day);
        if (date !== undefined && date >= period.start && date <= period.end) found.push(year);
      }
    }
    const label = describePeriod(period);
    if (found.length === 1) return this.inYear(phrase, found[0] ?? firstYear, [`The year is taken from the plan period ${label}.`]);
    const what = phrase.unit === 'month' ? monthName : `${phrase.day} ${monthName}`;
    const why = found.length === 0 ? `the plan period ${label} has no ${what} in it` : `the plan period ${label} has more than one ${what}`;
    return unresolved(why, `${example} ${exampleYear(phrase, lastYear)}.`);
  }

  /** Gives every yearless phrase in the items its year: from a neighbour first, else the plan period. */
  resolveItems(items: readonly Item[]): Array<{ item: Item; from: ResolvedPhrase | undefined; to: ResolvedPhrase | undefined }> {
    const datedOf = (item: Item, which: 'first' | 'last'): DatedPhrase | undefined => {
      const phrases = item.tag === 'single' ? [item.phrase] : which === 'first' ? [item.from, item.to] : [item.to, item.from];
      for (const phrase of phrases) if (phrase !== undefined && phrase.tag === 'dated') return phrase;
      return undefined;
    };
    const resolveAlone = (phrase: Phrase, index: number): ResolvedPhrase => {
      if (phrase.tag !== 'yearless') return phrase;
      for (let k = index + 1; k < items.length; k++) {
        const item = items[k];
        const neighbour = item === undefined ? undefined : datedOf(item, 'first');
        if (neighbour !== undefined) return this.withNeighbourYear(phrase, neighbour, 'before');
      }
      for (let k = index - 1; k >= 0; k--) {
        const item = items[k];
        const neighbour = item === undefined ? undefined : datedOf(item, 'last');
        if (neighbour !== undefined) return this.withNeighbourYear(phrase, neighbour, 'after');
      }
      return this.withPeriodYear(phrase);
    };
    return items.map((item, index) => {
      if (item.tag === 'single') return { item, from: resolveAlone(item.phrase, index), to: undefined };
      const { from, to } = item;
      if (from !== undefined && from.tag === 'yearless' && to !== undefined && to.tag === 'dated') {
        return { item, from: this.withNeighbourYear(from, to, 'before'), to };
      }
      if (to !== undefined && to.tag === 'yearless' && from !== undefined && from.tag === 'dated') {
        return { item, from, to: this.withNeighbourYear(to, from, 'after') };
      }
      const resolvedFrom = from === undefined ? undefined : resolveAlone(from, index);
      let resolvedTo: ResolvedPhrase | undefined;
      if (to !== undefined && to.tag === 'yearless' && resolvedFrom !== undefined && resolvedFrom.tag === 'dated') {
        resolvedTo = this.withNeighbourYear(to, resolvedFrom, 'after');
      } else {
        resolvedTo = to === undefined ? undefined : resolveAlone(to, index);
      }
      return { item, from: resolvedFrom, to: resolvedTo };
    });
  }

  /** The interpretation of one resolved item, with the given text. */
  interpretItem(resolved: { item: Item; from: ResolvedPhrase | undefined; to: ResolvedPhrase | undefined }, text: string): DueInterpretation {
    const { item, from, to } = resolved;
    if (item.tag === 'single') return phraseInterpretation(from, text);
    for (const end of [from, to]) {
      if (end !== undefined && end.tag === 'invalid') return { text, kind: 'unknown', reason: end.reason };
    }
    if (to !== undefined && to.tag === 'vague') return { text, kind: 'season', reason: to.reason };
    for (const end of [from, to]) {
      if (end !== undefined && end.tag === 'unresolved') return { text, kind: 'range', reason: end.reason };
    }
    let earliest: IsoDate | undefined;
    if (from !== undefined && from.tag === 'dated') earliest = item.fromIsExclusive ? addDays(from.latest, 1) : from.earliest;
    const latest = to !== undefined && to.tag === 'dated' ? to.latest : undefined;
    if (earliest === undefined && latest === undefined) {
      return { text, kind: 'season', reason: from !== undefined && from.tag === 'vague' ? from.reason : unknownReason(text) };
    }
    if (earliest !== undefined && latest !== undefined && earliest > latest) {
      return {
        text,
        kind: 'unknown',
        reason: `"${quoteable(text)}" ends before it starts. Write the earlier date first, such as September 2013 - March 2014.`,
      };
    }
    const interpretation: DueInterpretation = { text, kind: 'range' };
    if (earliest !== undefined) interpretation.earliest = earliest;
    if (latest !== undefined) interpretation.latest = latest;
    const assumptions = [
      ...(from !== undefined && from.tag === 'dated' ? from.assumptions : []),
      ...(to !== undefined && to.tag === 'dated' ? to.assumptions : []),
    ];
    const assumption = joinAssumptions(assumptions);
    if (assumption !== undefined) interpretation.assumption = assumption;
    return interpretation;
  }

  /** The interpretation of a list of items: one item, or alternatives. */
  interpretItems(items: readonly Item[], wholeText: string): DueInterpretation {
    const resolved = this.resolveItems(items);
    if (resolved.length === 1 && resolved[0] !== undefined) return this.interpretItem(resolved[0], wholeText);
    const alternatives = resolved.map((entry) => this.interpretItem(entry, this.slice(entry.item.start, entry.item.end)));
    for (const alternative of alternatives) {
      if (alternative.kind === 'unknown') return { text: wholeText, kind: 'unknown', reason: alternative.reason ?? unknownReason(wholeText) };
    }
    const count = alternatives.length === 2 ? 'two' : alternatives.length === 3 ? 'three' : String(alternatives.length);
    const listed = listInWords(alternatives.map((alternative) => alternative.text), 'and');
    const stages = alternatives.length === 2 ? 'two stages, or a revised date' : 'separate stages, or revised dates';
    return {
      text: wholeText,
      kind: 'alternatives',
      alternatives,
      reason: `This has ${count} dates (${listed}): ${stages}. Split them into separate milestones, or keep the one that applies.`,
    };
  }

  /** The dates of the text from i to the end if it is one dated item ('March 2011', '2013/14'), else undefined. */
  readOneDated(i: number): DueInterpretation | undefined {
    const items = this.readItems(i);
    if (items === undefined || items.length !== 1) return undefined;
    const interpretation = this.interpretItems(items, this.slice(i, this.end));
    return interpretation.latest !== undefined || interpretation.earliest !== undefined ? interpretation : undefined;
  }

  // --- whole-text forms ---

  /** 'N/A', 'None', 'n.a.': no date is needed. */
  isNotApplicable(i: number): boolean {
    if (this.end - i > 4 || !NOT_APPLICABLE_FIRST_WORDS.has(this.word(i) ?? '')) return false;
    let joined = '';
    for (let j = i; j < this.end; j++) joined += this.tokens[j]?.text ?? '';
    if (NOT_APPLICABLE_TEXTS.has(joined)) return true;
    return this.matchWords(i, ['not', 'applicable']) === this.end || this.matchWords(i, ['not', 'needed']) === this.end;
  }

  /** 'TBC', 'TBA', 'TBD', 'To be confirmed', '?': the date is not set yet. */
  isToBeConfirmed(i: number): boolean {
    const first = this.word(i);
    if (first !== undefined && TBC_WORDS.has(first)) return true;
    if (this.matchAny(i, TBC_PATTERNS) >= 0) return true;
    if (i >= this.end) return false;
    for (let j = i; j < this.end; j++) if (!this.isMark(j, '?')) return false;
    return true;
  }

  /** 'Ongoing', 'On-going', 'Continuous', 'Ongoing until March 2011', 'Ongoing - review March 2012'. */
  readOngoing(i: number, wholeText: string): DueInterpretation | undefined {
    let j = i;
    if (this.word(j) === 'an' || this.word(j) === 'a') j++;
    const afterWord = this.matchAny(j, ONGOING_PATTERNS);
    if (afterWord < 0) return undefined;
    j = afterWord;
    while (ONGOING_FILLERS.has(this.word(j) ?? '')) j++;
    const ongoing: DueInterpretation = { text: wholeText, kind: 'ongoing' };
    if (j >= this.end) return ongoing;
    const readWords = this.slice(i, j);
    const inBrackets = this.isMark(j, '(') && this.isMark(this.end - 1, ')');
    while (
      this.isMark(j, '-') || this.isMark(j, ',') || this.isMark(j, ':') || this.isMark(j, ';') || this.isMark(j, '(') ||
      this.word(j) === 'and' || this.word(j) === 'but' || this.word(j) === 'with'
    ) {
      j++;
    }
    const untilEnd = this.matchAny(j, UNTIL_PATTERNS);
    const duringEnd = untilEnd >= 0 ? -1 : this.matchAny(j, DURING_PATTERNS);
    const boundStart = untilEnd >= 0 ? untilEnd : duringEnd;
    if (boundStart >= 0) {
      const bound = this.readOneDated(boundStart);
      if (bound !== undefined && bound.latest !== undefined) {
        ongoing.latest = bound.latest;
        if (bound.assumption !== undefined) ongoing.assumption = bound.assumption;
        return ongoing;
      }
    }
    const reviewEnd = this.matchAny(j, REVIEW_PATTERNS);
    if (reviewEnd >= 0) {
      let k = reviewEnd;
      while (this.isMark(k, ':') || REVIEW_DATE_FILLERS.has(this.word(k) ?? '')) k++;
      const review = this.readOneDated(k);
      if (review !== undefined) {
        ongoing.assumption = `Read as ongoing with no end date; ${this.slice(k, this.end)} is taken as a review date, not a deadline.`;
        return ongoing;
      }
    }
    if (this.word(j) === 'from' || this.word(j) === 'starting' || this.word(j) === 'since') {
      let k = j + 1;
      if (this.word(k) === 'from' || this.word(k) === 'in') k++;
      const startDates = this.readOneDated(k);
      if (startDates !== undefined && startDates.earliest !== undefined) {
        ongoing.earliest = startDates.earliest;
        return ongoing;
      }
    }
    const bare = this.readOneDated(j);
    if (bare !== undefined && bare.latest !== undefined) {
      ongoing.latest = bare.latest;
      ongoing.assumption = joinAssumptions([...(bare.assumption === undefined ? [] : [bare.assumption]), `Read as ongoing until ${formatLongDate(bare.latest)}.`]);
      return ongoing;
    }
    ongoing.assumption = `Only "${readWords}" was read; "${this.slice(j, inBrackets ? this.end - 1 : this.end)}" was not.`;
    return ongoing;
  }

  /** 'Quarterly', 'Annually', 'Six-monthly', 'Every quarter', 'Quarterly until March 2011', 'Yearly plans until March 2011'. */
  readRecurring(i: number, wholeText: string): DueInterpretation | undefined {
    let j = i;
    for (let leads = 0; leads < 2 && RECURRENCE_LEAD_WORDS.has(this.word(j) ?? ''); leads++) j++;
    let frequency: Frequency | undefined;
    let note: string | undefined;
    let afterFrequency = -1;
    for (const [pattern, meaning, patternNote] of FREQUENCY_PATTERNS.get(this.at(j)?.text ?? '') ?? []) {
      afterFrequency = this.matchWords(j, pattern);
      if (afterFrequency >= 0) {
        frequency = meaning;
        note = patternNote;
        break;
      }
    }
    if (frequency === undefined || afterFrequency < 0) return undefined;
    const frequencyWords = this.slice(i, afterFrequency);
    const recurrence: Recurrence = { frequency };
    const recurring: DueInterpretation = { text: wholeText, kind: 'recurring', recurrence };
    const assumptions: string[] = note === undefined ? [] : [note];
    // Skip the description: 'Yearly plans', 'Quarterly press release issued'.
    j = afterFrequency;
    for (;;) {
      const token = this.at(j);
      if (token === undefined) break;
      if (token.type === 'word' && !RECURRENCE_STOP_WORDS.has(token.text) && !MONTHS.has(token.text)) j++;
      else if (token.type === 'punct' && (token.text === ',' || token.text === '-' || token.text === '(' || token.text === ')' || token.text === ':')) j++;
      else break;
    }
    if (j < this.end) {
      let bound: DueInterpretation | undefined;
      const untilEnd = this.matchAny(j, UNTIL_PATTERNS);
      if (untilEnd >= 0) {
        bound = this.readOneDated(untilEnd);
      } else {
        const duringEnd = this.matchAny(j, DURING_PATTERNS);
        if (duringEnd >= 0) {
          bound = this.readOneDated(duringEnd);
          if (bound !== undefined && bound.kind !== 'financial-year' && bound.kind !== 'year' && bound.kind !== 'range') bound = undefined;
        } else if (this.word(j) === 'from' || this.word(j) === 'starting' || this.word(j) === 'between') {
          bound = this.readOneDated(j);
        }
      }
      if (bound !== undefined && bound.latest !== undefined) {
        recurrence.until = bound.latest;
        recurring.latest = bound.latest;
        if (bound.assumption !== undefined) assumptions.push(bound.assumption);
      } else if (bound === undefined || bound.earliest === undefined) {
        assumptions.push(`Only "${frequencyWords}" was read; "${this.slice(j, this.end)}" was not.`);
      }
    }
    const assumption = joinAssumptions(assumptions);
    if (assumption !== undefined) recurring.assumption = assumption;
    return recurring;
  }

  /** 'Within four weeks of ban', '2 weeks after launch', '3 months from start of contract', 'After launch'. */
  readRelative(i: number, wholeText: string): DueInterpretation | undefined {
    let j = i;
    const within = this.word(j) === 'within';
    if (within) j++;
    const amountToken = this.at(j);
    let amount: number | undefined;
    if (amountToken !== undefined && amountToken.type === 'number' && !amountToken.ordinal && amountToken.digits <= 3) amount = amountToken.value;
    else if (amountToken !== undefined && amountToken.type === 'word') amount = AMOUNT_WORDS.get(amountToken.text);
    if (amount !== undefined) {
      let k = j + 1;
      if (this.isMark(k, '-')) k++;
      if (this.word(k) === 'working' || this.word(k) === 'calendar') k++;
      const unit = OFFSET_UNITS.get(this.word(k) ?? '');
      if (unit !== undefined) {
        const offset = { amount: amount * unit[1], unit: unit[0] };
        k++;
        if (this.word(k) === 'time') k++;
        let sign = 0;
        let afterConnector = this.matchAny(k, RELATIVE_AFTER);
        if (afterConnector >= 0) sign = 1;
        else {
          afterConnector = this.matchAny(k, RELATIVE_BEFORE);
          if (afterConnector >= 0) sign = -1;
        }
        const units = `${offset.amount} ${offset.unit}${offset.amount === 1 ? '' : 's'}`;
        if (sign === 0) {
          if (k < this.end) return undefined;
          return {
            text: wholeText,
            kind: 'relative',
            offset,
            reason: `It is not said what the ${units} are counted from, so no deadline can be checked. Write a date, such as 2014-03-31.`,
          };
        }
        const event = this.eventText(afterConnector);
        if (event === undefined) return undefined;
        offset.amount *= sign;
        return { text: wholeText, kind: 'relative', event, offset, reason: eventReason(event) };
      }
    }
    if (within) return undefined;
    const afterWords = this.matchAny(i, EVENT_ONLY_PATTERNS);
    if (afterWords < 0) return undefined;
    // 'After March 2014' is a date, not an event.
    if (this.readItems(afterWords) !== undefined) return undefined;
    const event = this.eventText(afterWords);
    if (event === undefined) return undefined;
    return { text: wholeText, kind: 'relative', event, reason: eventReason(event) };
  }

  /** The event words from i to the end, without a leading 'the'. */
  eventText(i: number): string | undefined {
    let j = i;
    const article = this.word(j);
    if ((article === 'the' || article === 'a' || article === 'an') && j + 1 < this.end) j++;
    if (j >= this.end) return undefined;
    const event = this.slice(j, this.end);
    return event.length > 0 ? event : undefined;
  }
}

/** A year to show in an example for a yearless phrase: the given one, or the next leap year for 29 February. */
function exampleYear(phrase: YearlessPhrase, year: number): number {
  if (phrase.unit !== 'date' || phrase.month !== 2 || phrase.day !== 29) return year;
  // A leap year comes within eight years (1896 -> 1904); the bound also keeps this finite for any input.
  for (let leapYear = year; leapYear <= year + 8; leapYear++) if (lastDayOfMonth(leapYear, 2) === 29) return leapYear;
  return year;
}

/** The interpretation of one resolved phrase (or undefined: not a date). */
function phraseInterpretation(phrase: ResolvedPhrase | undefined, text: string): DueInterpretation {
  if (phrase === undefined) return { text, kind: 'unknown', reason: unknownReason(text) };
  switch (phrase.tag) {
    case 'dated': {
      const interpretation: DueInterpretation = { text, kind: phrase.kind, earliest: phrase.earliest, latest: phrase.latest };
      const assumption = joinAssumptions(phrase.assumptions);
      if (assumption !== undefined) interpretation.assumption = assumption;
      return interpretation;
    }
    case 'vague':
      return { text, kind: 'season', reason: phrase.reason };
    case 'invalid':
      return { text, kind: 'unknown', reason: phrase.reason };
    case 'unresolved':
      return { text, kind: phrase.unit, reason: phrase.reason };
  }
}

/** The assumptions as one text, each once, or undefined if there are none. */
function joinAssumptions(assumptions: readonly string[]): string | undefined {
  const unique: string[] = [];
  for (const assumption of assumptions) if (!unique.includes(assumption)) unique.push(assumption);
  return unique.length > 0 ? unique.join(' ') : undefined;
}

/** 'a', 'a and b', 'a, b and c'. */
function listInWords(items: readonly string[], last: 'and' | 'or'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1] ?? ''}`;
}

/** Control characters and line breaks, replaced by a space when text is quoted in a message. */
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/** Text short enough to quote in a message, on one line. */
function quoteable(text: string): string {
  const trimmed = text.trim();
  const short = trimmed.length > 60 ? `${trimmed.slice(0, 60)}…` : trimmed;
  return short.replace(CONTROL_CHARACTERS, ' ');
}

/** The reason given for text that is not a date. */
function unknownReason(text: string): string {
  return `Plankit cannot read "${quoteable(text)}" as a date. Write a date such as 2014-03-31, a month such as March 2014, a financial year such as 2013/14, or Ongoing / TBC.`;
}

/** The reason given for a date that hangs on an event. */
function eventReason(event: string): string {
  return `This date is counted from "${quoteable(event)}", which has no date yet, so no deadline can be checked. When it has one, write the deadline as a date.`;
}

/** The last period checked by usablePeriod: plans pass the same period for every item. */
let lastPeriodChecked: { start: unknown; end: unknown; usable: Period | undefined } | undefined;

/** The plan period, if it is two real dates in order. */
function usablePeriod(context: DueContext | undefined): Period | undefined {
  const period = context?.period;
  if (period === undefined || period === null || typeof period !== 'object') return undefined;
  const { start, end } = period;
  if (lastPeriodChecked !== undefined && lastPeriodChecked.start === start && lastPeriodChecked.end === end) {
    return lastPeriodChecked.usable;
  }
  const usable = isValidIsoDate(start) && isValidIsoDate(end) && start <= end ? { start, end } : undefined;
  lastPeriodChecked = { start, end, usable };
  return usable;
}

/** Reads the text; may throw only on a programming error (interpretDue guards it). */
function readDueText(text: string, context: DueContext | undefined): DueInterpretation {
  const tokens = tokenize(text);
  if (tokens === undefined) return { text, kind: 'unknown', reason: unknownReason(text) };
  // Empty, whitespace, '-', '—', '...': nothing to read.
  let onlyDashes = true;
  for (const token of tokens) {
    if (token.type !== 'punct' || (token.text !== '-' && token.text !== '.' && token.text !== '_')) {
      onlyDashes = false;
      break;
    }
  }
  if (onlyDashes) return { text, kind: 'not-applicable' };
  // Trailing full stops and the like, and words such as 'at the latest'.
  const probe = new DueReader(tokens, text, tokens.length, undefined);
  let end = tokens.length;
  for (;;) {
    const last = tokens[end - 1];
    if (last !== undefined && last.type === 'punct' && (last.text === '.' || last.text === ',' || last.text === ';' || last.text === ':')) {
      end--;
      continue;
    }
    if (last === undefined || !TRAILING_FILLER_LAST_WORDS.has(last.text)) break;
    let trimmed = false;
    for (const pattern of TRAILING_FILLERS) {
      const start = end - pattern.length;
      if (start > 0 && probe.matchWords(start, pattern) === end) {
        end = start;
        trimmed = true;
        break;
      }
    }
    if (!trimmed) break;
  }
  const reader = new DueReader(tokens, text, end, usablePeriod(context));
  if (reader.isNotApplicable(0)) return { text, kind: 'not-applicable' };
  const start = reader.skipFillers(0, LEADING_FILLERS);
  if (start >= end) return { text, kind: 'unknown', reason: unknownReason(text) };
  if (reader.isNotApplicable(start)) return { text, kind: 'not-applicable' };
  if (reader.isToBeConfirmed(start)) return { text, kind: 'tbc', reason: 'Date to be confirmed.' };
  const special = reader.readOngoing(start, text) ?? reader.readRecurring(start, text) ?? reader.readRelative(start, text);
  if (special !== undefined) return special;
  const items = reader.readItems(start);
  if (items === undefined) return { text, kind: 'unknown', reason: unknownReason(text) };
  return reader.interpretItems(items, text);
}

/** Reads a "by when" text: its kind, earliest and latest dates, and what was assumed or why no date can be checked. */
export function interpretDue(text: string, context?: DueContext): DueInterpretation {
  if (typeof text !== 'string') {
    const given = String(text);
    return { text: given, kind: 'unknown', reason: unknownReason(given) };
  }
  try {
    return readDueText(text, context);
  } catch {
    return { text, kind: 'unknown', reason: unknownReason(text) };
  }
}

/** The date after which the item is overdue, or undefined if the text has none. */
export function deadlineOf(due: DueInterpretation): IsoDate | undefined {
  switch (due.kind) {
    case 'date':
    case 'month':
    case 'year':
    case 'financial-year':
    case 'quarter':
    case 'range':
    case 'ongoing':
      return due.latest;
    case 'recurring':
      return due.recurrence?.until;
    case 'alternatives': {
      const alternatives = due.alternatives ?? [];
      if (alternatives.length === 0) return undefined;
      let latest: IsoDate | undefined;
      for (const alternative of alternatives) {
        const deadline = deadlineOf(alternative);
        if (deadline === undefined) return undefined;
        if (latest === undefined || deadline > latest) latest = deadline;
      }
      return latest;
    }
    default:
      return undefined;
  }
}

/** The day of the week of a date: 0 Sunday .. 6 Saturday (1970-01-01 was a Thursday). */
function dayOfWeek(date: IsoDate): number {
  return (((daysBetween('1970-01-01', date) + 4) % 7) + 7) % 7;
}

/** For a recurring item, the first occurrence due on or after asOf (undefined once past its end). */
export function nextOccurrence(due: DueInterpretation, asOf: IsoDate): IsoDate | undefined {
  if (due.kind !== 'recurring' || due.recurrence === undefined || !isValidIsoDate(asOf)) return undefined;
  const { year, month } = parseIsoDate(asOf);
  let next: IsoDate | undefined;
  switch (due.recurrence.frequency) {
    case 'weekly':
      next = addDays(asOf, (7 - dayOfWeek(asOf)) % 7);
      break;
    case 'monthly':
      next = makeIsoDate(year, month, lastDayOfMonth(year, month));
      break;
    case 'quarterly': {
      const quarterEndMonth = Math.ceil(month / 3) * 3;
      next = makeIsoDate(year, quarterEndMonth, lastDayOfMonth(year, quarterEndMonth));
      break;
    }
    case 'half-yearly':
      next = month <= 3 ? makeIsoDate(year, 3, 31) : month <= 9 ? makeIsoDate(year, 9, 30) : makeIsoDate(year + 1, 3, 31);
      break;
    case 'yearly':
      next = month <= 3 ? makeIsoDate(year, 3, 31) : makeIsoDate(year + 1, 3, 31);
      break;
  }
  const until = due.recurrence.until;
  if (next === undefined || (until !== undefined && next > until)) return undefined;
  return next;
}

/** The ISO date a quick fix could write instead of the text (dates, months, quarters, financial years), if it differs. */
export function suggestedIsoDate(due: DueInterpretation): IsoDate | undefined {
  let suggestion: IsoDate | undefined;
  if (due.kind === 'date') suggestion = due.earliest;
  else if (due.kind === 'month' || due.kind === 'quarter' || due.kind === 'financial-year') suggestion = due.latest;
  if (suggestion === undefined || due.text.trim() === suggestion) return undefined;
  return suggestion;
}

/** The words describeDue uses, in each language it speaks. Dates are formatted in that language. */
interface DueWords {
  noDate: (reason: string) => string;
  on: (date: string) => string;
  by: (date: string) => string;
  between: (from: string, to: string) => string;
  fromOnly: (date: string) => string;
  ongoing: string;
  ongoingUntil: (date: string) => string;
  frequency: Readonly<Record<Frequency, string>>;
  repeating: string;
  until: (often: string, date: string) => string;
  dependsOn: (event: string) => string;
  units: (amount: number, unit: 'day' | 'week' | 'month' | 'year') => string;
  withinUnnamed: (units: string) => string;
  before: (units: string, event: string) => string;
  within: (units: string, event: string) => string;
  alternatives: (dates: readonly string[]) => string;
  tbc: string;
  notNeeded: string;
}

/** Welsh units stay singular after a numeral ("4 wythnos"). */
const WELSH_UNITS = { day: 'diwrnod', week: 'wythnos', month: 'mis', year: 'blwyddyn' } as const;

const DUE_WORDS: Readonly<Record<'en' | 'cy', DueWords>> = {
  en: {
    noDate: (reason) => `no date to check: ${reason}`,
    on: (date) => `due ${date}`,
    by: (date) => `due by ${date}`,
    between: (from, to) => `due between ${from} and ${to}`,
    fromOnly: (date) => `from ${date}, no end date`,
    ongoing: 'ongoing, no end date',
    ongoingUntil: (date) => `ongoing until ${date}`,
    frequency: { weekly: 'each week', monthly: 'each month', quarterly: 'each quarter', 'half-yearly': 'every six months', yearly: 'each year' },
    repeating: 'repeating',
    until: (often, date) => `${often} until ${date}`,
    dependsOn: (event) => `date depends on ${event}`,
    units: (amount, unit) => `${amount} ${unit}${amount === 1 ? '' : 's'}`,
    withinUnnamed: (units) => `due within ${units} of an event not named`,
    before: (units, event) => `due ${units} before ${event}`,
    within: (units, event) => `due within ${units} of ${event}`,
    alternatives: (dates) => `${dates.length === 2 ? 'two' : dates.length === 3 ? 'three' : String(dates.length)} dates: ${listInWords(dates, 'or')}`,
    tbc: 'date to be confirmed',
    notNeeded: 'no date needed',
  },
  cy: {
    noDate: () => 'dim dyddiad i’w wirio',
    on: (date) => `erbyn ${date}`,
    by: (date) => `erbyn ${date}`,
    between: (from, to) => `rhwng ${from} a ${to}`,
    fromOnly: (date) => `o ${date}, dim dyddiad gorffen`,
    ongoing: 'parhaus, dim dyddiad gorffen',
    ongoingUntil: (date) => `parhaus tan ${date}`,
    frequency: { weekly: 'bob wythnos', monthly: 'bob mis', quarterly: 'bob chwarter', 'half-yearly': 'bob chwe mis', yearly: 'bob blwyddyn' },
    repeating: 'yn ailadrodd',
    until: (often, date) => `${often} tan ${date}`,
    dependsOn: (event) => `mae’r dyddiad yn dibynnu ar: ${event}`,
    units: (amount, unit) => `${amount} ${WELSH_UNITS[unit]}`,
    withinUnnamed: (units) => `o fewn ${units} i ddigwyddiad heb ei enwi`,
    before: (units, event) => `${units} cyn: ${event}`,
    within: (units, event) => `o fewn ${units} i: ${event}`,
    alternatives: (dates) => `${dates.length} dyddiad: ${dates.length <= 1 ? (dates[0] ?? '') : `${dates.slice(0, -1).join(', ')} neu ${dates[dates.length - 1]}`}`,
    tbc: 'dyddiad i’w gadarnhau',
    notNeeded: 'dim angen dyddiad',
  },
};

/**
 * A short description of what a "by when" text was read as: 'due 31 March 2018', 'ongoing, no end
 * date', 'no date to check: ...'; in Welsh with lang 'cy' ('erbyn 31 Mawrth 2018').
 */
export function describeDue(due: DueInterpretation, lang: 'en' | 'cy' = 'en'): string {
  const words = DUE_WORDS[lang];
  const date = (iso: IsoDate) => formatLongDate(iso, lang);
  const noDate = words.noDate(due.reason ?? unknownReason(due.text));
  switch (due.kind) {
    case 'date':
      return due.latest === undefined ? noDate : words.on(date(due.latest));
    case 'month':
    case 'year':
    case 'financial-year':
    case 'quarter':
      return due.latest === undefined ? noDate : words.by(date(due.latest));
    case 'range':
      if (due.earliest !== undefined && due.latest !== undefined) return words.between(date(due.earliest), date(due.latest));
      if (due.latest !== undefined) return words.by(date(due.latest));
      if (due.earliest !== undefined) return words.fromOnly(date(due.earliest));
      return noDate;
    case 'ongoing':
      return due.latest === undefined ? words.ongoing : words.ongoingUntil(date(due.latest));
    case 'recurring': {
      const often = due.recurrence === undefined ? words.repeating : words.frequency[due.recurrence.frequency];
      const until = due.recurrence?.until;
      return until === undefined ? often : words.until(often, date(until));
    }
    case 'relative': {
      const offset = due.offset;
      if (offset === undefined) return due.event === undefined ? noDate : words.dependsOn(due.event);
      const units = words.units(Math.abs(offset.amount), offset.unit);
      if (due.event === undefined) return words.withinUnnamed(units);
      return offset.amount < 0 ? words.before(units, due.event) : words.within(units, due.event);
    }
    case 'alternatives':
      return words.alternatives(
        (due.alternatives ?? []).map((alternative) => {
          const deadline = deadlineOf(alternative);
          return deadline === undefined ? alternative.text.trim() : date(deadline);
        }),
      );
    case 'tbc':
      return words.tbc;
    case 'not-applicable':
      return words.notNeeded;
    default:
      return noDate;
  }
}

/** A plan period from text such as '2013/14', '2011/14', '2011-2014' or '2011 to 2014' (financial years), else undefined. */
export function periodFromText(text: string): { start: IsoDate; end: IsoDate } | undefined {
  const due = interpretDue(text);
  if ((due.kind === 'financial-year' || due.kind === 'range') && due.earliest !== undefined && due.latest !== undefined) {
    return { start: due.earliest, end: due.latest };
  }
  return undefined;
}
