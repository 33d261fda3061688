import { describe, expect, it } from 'vitest';
import type { DueInterpretation, DueKind } from '../packages/core/src/due.js';
import {
  deadlineOf,
  describeDue,
  interpretDue,
  nextOccurrence,
  periodFromText,
  suggestedIsoDate,
} from '../packages/core/src/due.js';

type Period = { start: string; end: string };

/** The plan period of a one-year plan (2013/14), a three-year plan (2011/14) and a calendar-year plan. */
const FY13: Period = { start: '2013-04-01', end: '2014-03-31' };
const FY14: Period = { start: '2014-04-01', end: '2015-03-31' };
const MULTI: Period = { start: '2011-04-01', end: '2014-03-31' };
const CALENDAR_2013: Period = { start: '2013-01-01', end: '2013-12-31' };

/** text, plan period, kind, earliest, latest, and other fields expected (matched as a subset). */
type Row = [string, Period | undefined, DueKind, string | undefined, string | undefined, Partial<DueInterpretation>?];

/** Interprets the row's text and checks every column. */
function check(text: string, period: Period | undefined, kind: DueKind, earliest: string | undefined, latest: string | undefined, extra?: Partial<DueInterpretation>): DueInterpretation {
  const due = interpretDue(text, period === undefined ? undefined : { period });
  expect(due.text).toBe(text);
  expect(due.kind).toBe(kind);
  expect(due.earliest).toBe(earliest);
  expect(due.latest).toBe(latest);
  if (earliest !== undefined && latest !== undefined) expect(earliest <= latest).toBe(true);
  if (extra !== undefined) expect(due).toMatchObject(extra);
  return due;
}

const anyReason = { reason: expect.stringMatching(/\S/) as unknown as string };

/** Every phrase of the "by when" table in domain.md, verbatim, plus the cells listed above it. */
const DOMAIN_TABLE: Row[] = [
  ['31/03/2014', undefined, 'date', '2014-03-31', '2014-03-31'],
  ['31 March 2014', undefined, 'date', '2014-03-31', '2014-03-31'],
  ['By 31st March 2014', undefined, 'date', '2014-03-31', '2014-03-31'],
  ['March 2014', undefined, 'month', '2014-03-01', '2014-03-31'],
  ['Mar 14', undefined, 'month', '2014-03-01', '2014-03-31', { assumption: 'Two-digit year read as 2014.' }],
  ['Dec-13', undefined, 'month', '2013-12-01', '2013-12-31', { assumption: 'Two-digit year read as 2013.' }],
  ['By end of March 2014', undefined, 'month', '2014-03-01', '2014-03-31'],
  ['2013/14', undefined, 'financial-year', '2013-04-01', '2014-03-31'],
  ['2013-14', undefined, 'financial-year', '2013-04-01', '2014-03-31'],
  ['2013 to 2014', undefined, 'financial-year', '2013-04-01', '2014-03-31'],
  ['Q3 2013/14', undefined, 'quarter', '2013-10-01', '2013-12-31'],
  ['Quarter 3', FY13, 'quarter', '2013-10-01', '2013-12-31', { assumption: 'The year is taken from the plan period 2013/14.' }],
  ['Q3', FY13, 'quarter', '2013-10-01', '2013-12-31', { assumption: 'The year is taken from the plan period 2013/14.' }],
  ['September 2013 - March 2014', undefined, 'range', '2013-09-01', '2014-03-31'],
  ['Ongoing', undefined, 'ongoing', undefined, undefined],
  ['Ongoing until March 2011', undefined, 'ongoing', undefined, '2011-03-31'],
  ['Quarterly until March 2011', undefined, 'recurring', undefined, '2011-03-31', { recurrence: { frequency: 'quarterly', until: '2011-03-31' } }],
  ['Yearly plans until March 2011', undefined, 'recurring', undefined, '2011-03-31', { recurrence: { frequency: 'yearly', until: '2011-03-31' } }],
  ['Within four weeks of ban', undefined, 'relative', undefined, undefined, { event: 'ban', offset: { amount: 4, unit: 'week' } }],
  ['November 2017 / March 2018', undefined, 'alternatives', undefined, undefined, anyReason],
  ['TBC', undefined, 'tbc', undefined, undefined, { reason: 'Date to be confirmed.' }],
  ['TBA', undefined, 'tbc', undefined, undefined, { reason: 'Date to be confirmed.' }],
  ['Summer 2014', undefined, 'season', undefined, undefined, anyReason],
  ['March 2018', undefined, 'month', '2018-03-01', '2018-03-31'],
  ['31st March 2017', undefined, 'date', '2017-03-31', '2017-03-31'],
  ['June 2017', undefined, 'month', '2017-06-01', '2017-06-30'],
  ['November 2017 March 2018', undefined, 'alternatives', undefined, undefined, anyReason],
];

const DATES: Row[] = [
  ['2014-03-31', undefined, 'date', '2014-03-31', '2014-03-31'],
  ['31-03-2014', undefined, 'date', '2014-03-31', '2014-03-31'],
  ['31.03.2014', undefined, 'date', '2014-03-31', '2014-03-31'],
  ['31/3/14', undefined, 'date', '2014-03-31', '2014-03-31', { assumption: 'Two-digit year read as 2014.' }],
  ['March 31 2014', undefined, 'date', '2014-03-31', '2014-03-31'],
  ['March 31st, 2014', undefined, 'date', '2014-03-31', '2014-03-31'],
  ['December 31st 2013', undefined, 'date', '2013-12-31', '2013-12-31'],
  ['the 1st of April 2014', undefined, 'date', '2014-04-01', '2014-04-01'],
  ['Mon 31 March 2014', undefined, 'date', '2014-03-31', '2014-03-31'],
  ['no later than 31 March 2014', undefined, 'date', '2014-03-31', '2014-03-31'],
  ['Deadline: 30/06/2014', undefined, 'date', '2014-06-30', '2014-06-30'],
  ['target date 1st April 2014', undefined, 'date', '2014-04-01', '2014-04-01'],
  ['complete by 31/12/2013', undefined, 'date', '2013-12-31', '2013-12-31'],
  ['due by 1 Apr 2014', undefined, 'date', '2014-04-01', '2014-04-01'],
  ['before 31 March 2014', undefined, 'date', '2014-03-31', '2014-03-31'],
  ['By the end of 31 March 2014', undefined, 'date', '2014-03-31', '2014-03-31'],
  ['1/4/2013', undefined, 'date', '2013-04-01', '2013-04-01'],
  ['12/01/2014', undefined, 'date', '2014-01-12', '2014-01-12'],
  ['29/02/2024', undefined, 'date', '2024-02-29', '2024-02-29'],
  ['2024-02-29', undefined, 'date', '2024-02-29', '2024-02-29'],
  ['29 February 2016', undefined, 'date', '2016-02-29', '2016-02-29'],
  ['31 MARCH 2014', undefined, 'date', '2014-03-31', '2014-03-31'],
  ['31\u00a0March\u00a02014', undefined, 'date', '2014-03-31', '2014-03-31'],
  ['  31 March 2014.  ', undefined, 'date', '2014-03-31', '2014-03-31'],
  ['31 Mawrth 2014', undefined, 'date', '2014-03-31', '2014-03-31'],
  ['31 March 2013/14', undefined, 'date', '2014-03-31', '2014-03-31'],
  ['1 April 2013-14', undefined, 'date', '2013-04-01', '2013-04-01'],
  ['31 March 2014 at the latest', undefined, 'date', '2014-03-31', '2014-03-31'],
  ['31 March', FY13, 'date', '2014-03-31', '2014-03-31', { assumption: 'The year is taken from the plan period 2013/14.' }],
  ['1 April', FY13, 'date', '2013-04-01', '2013-04-01'],
  ['31 March', undefined, 'date', undefined, undefined, anyReason],
  ['31 March', MULTI, 'date', undefined, undefined, anyReason],
  ['29 February', FY13, 'date', undefined, undefined, anyReason],
];

const IMPOSSIBLE_AND_UNREADABLE: Row[] = [
  ['31/02/2014', undefined, 'unknown', undefined, undefined, { reason: '"31/02/2014" is not a real date: February 2014 has 28 days.' }],
  ['2014-02-30', undefined, 'unknown', undefined, undefined, { reason: '"2014-02-30" is not a real date: February 2014 has 28 days.' }],
  ['29/02/2023', undefined, 'unknown', undefined, undefined, { reason: expect.stringContaining('not a real date') as unknown as string }],
  ['2023-02-29', undefined, 'unknown', undefined, undefined, { reason: expect.stringContaining('not a real date') as unknown as string }],
  ['30 February 2014', undefined, 'unknown', undefined, undefined, { reason: expect.stringContaining('not a real date') as unknown as string }],
  ['31 April 2014', undefined, 'unknown', undefined, undefined, { reason: expect.stringContaining('April 2014 has 30 days') as unknown as string }],
  ['03/31/2014', undefined, 'unknown', undefined, undefined, { reason: expect.stringContaining('day/month/year') as unknown as string }],
  ['31/13/2014', undefined, 'unknown', undefined, undefined, { reason: expect.stringContaining('no month 13') as unknown as string }],
  ['0/12/2014', undefined, 'unknown', undefined, undefined, { reason: expect.stringContaining('no day 0') as unknown as string }],
  ['Jan 32nd', undefined, 'unknown', undefined, undefined, { reason: expect.stringContaining('not a real date') as unknown as string }],
  ['31st February', undefined, 'unknown', undefined, undefined, { reason: expect.stringContaining('not a real date') as unknown as string }],
  ['between 29 February and 30 June 2014', undefined, 'unknown', undefined, undefined, { reason: expect.stringContaining('not a real date') as unknown as string }],
  ['November 2017 / 31/02/2018', undefined, 'unknown', undefined, undefined, { reason: expect.stringContaining('not a real date') as unknown as string }],
  ['2014/13', undefined, 'unknown', undefined, undefined, { reason: expect.stringContaining('second year does not follow') as unknown as string }],
  ['FY 2014', undefined, 'unknown', undefined, undefined, { reason: expect.stringContaining('2013/14 or 2014/15') as unknown as string }],
  ['March 2014 - September 2013', undefined, 'unknown', undefined, undefined, { reason: expect.stringContaining('ends before it starts') as unknown as string }],
  ['hello world', undefined, 'unknown', undefined, undefined, {
    reason: 'Plankit cannot read "hello world" as a date. Write a date such as 2014-03-31, a month such as March 2014, a financial year such as 2013/14, or Ongoing / TBC.',
  }],
  ['Complete', undefined, 'unknown', undefined, undefined, anyReason],
  ['week 3', undefined, 'unknown', undefined, undefined, anyReason],
  ['2', undefined, 'unknown', undefined, undefined, anyReason],
  ['31st', undefined, 'unknown', undefined, undefined, anyReason],
  ['March 2014 and', undefined, 'unknown', undefined, undefined, anyReason],
  ['By', undefined, 'unknown', undefined, undefined, anyReason],
  ['1066', undefined, 'unknown', undefined, undefined, anyReason],
  ['Ebrill 2014 ✓', undefined, 'unknown', undefined, undefined, anyReason],
];

const MONTHS: Row[] = [
  ['end of March 2014', undefined, 'month', '2014-03-01', '2014-03-31'],
  ['end March 2014', undefined, 'month', '2014-03-01', '2014-03-31'],
  ['March-2014', undefined, 'month', '2014-03-01', '2014-03-31'],
  ['March, 2014', undefined, 'month', '2014-03-01', '2014-03-31'],
  ['march2014', undefined, 'month', '2014-03-01', '2014-03-31'],
  ['MARCH 2014', undefined, 'month', '2014-03-01', '2014-03-31'],
  ['March 2014.', undefined, 'month', '2014-03-01', '2014-03-31'],
  ['March\u00a02014', undefined, 'month', '2014-03-01', '2014-03-31'],
  [' By  the end of   March 2014 . ', undefined, 'month', '2014-03-01', '2014-03-31'],
  ["Dec '13", undefined, 'month', '2013-12-01', '2013-12-31', { assumption: 'Two-digit year read as 2013.' }],
  ['Sept 2013', undefined, 'month', '2013-09-01', '2013-09-30'],
  ['Sept. 2013', undefined, 'month', '2013-09-01', '2013-09-30'],
  ['Sep 2013', undefined, 'month', '2013-09-01', '2013-09-30'],
  ['February 2014', undefined, 'month', '2014-02-01', '2014-02-28'],
  ['by the end of Feb 2016', undefined, 'month', '2016-02-01', '2016-02-29'],
  ['12/2014', undefined, 'month', '2014-12-01', '2014-12-31'],
  ['March 2013/14', undefined, 'month', '2014-03-01', '2014-03-31'],
  ['April 2013/14', undefined, 'month', '2013-04-01', '2013-04-30'],
  ['Mawrth 2014', undefined, 'month', '2014-03-01', '2014-03-31'],
  ['early March 2014', undefined, 'month', '2014-03-01', '2014-03-31', { assumption: expect.stringContaining('whole of March 2014') as unknown as string }],
  ['March', FY13, 'month', '2014-03-01', '2014-03-31', { assumption: 'The year is taken from the plan period 2013/14.' }],
  ['by March', FY13, 'month', '2014-03-01', '2014-03-31'],
  ['By end of March', FY13, 'month', '2014-03-01', '2014-03-31'],
  ['April', FY13, 'month', '2013-04-01', '2013-04-30'],
  ['December', FY13, 'month', '2013-12-01', '2013-12-31'],
  ['March', CALENDAR_2013, 'month', '2013-03-01', '2013-03-31'],
  ['March', MULTI, 'month', undefined, undefined, { reason: expect.stringContaining('more than one March') as unknown as string }],
  ['March', undefined, 'month', undefined, undefined, { reason: expect.stringContaining('no period') as unknown as string }],
  ['by March', undefined, 'month', undefined, undefined, anyReason],
];

const YEARS: Row[] = [
  ['2014', undefined, 'year', '2014-01-01', '2014-12-31', { assumption: 'Read as a calendar year.' }],
  ['end of 2014', undefined, 'year', '2014-01-01', '2014-12-31', { assumption: 'Read as a calendar year.' }],
  ['by 2014', undefined, 'year', '2014-01-01', '2014-12-31', { assumption: 'Read as a calendar year.' }],
  ['By the end of 2015', undefined, 'year', '2015-01-01', '2015-12-31'],
  ['end of the year 2014', undefined, 'year', '2014-01-01', '2014-12-31'],
];

const FINANCIAL_YEARS: Row[] = [
  ['FY 2013/14', undefined, 'financial-year', '2013-04-01', '2014-03-31'],
  ['FY13/14', undefined, 'financial-year', '2013-04-01', '2014-03-31', { assumption: 'Two-digit years read as 2013/14.' }],
  ['financial year 2013/14', undefined, 'financial-year', '2013-04-01', '2014-03-31'],
  ['end of 2013/14', undefined, 'financial-year', '2013-04-01', '2014-03-31'],
  ['complete by 2013/14', undefined, 'financial-year', '2013-04-01', '2014-03-31'],
  ['Year end 2013/14', undefined, 'financial-year', '2013-04-01', '2014-03-31'],
  ['2013/2014', undefined, 'financial-year', '2013-04-01', '2014-03-31'],
  ['2013 - 2014', undefined, 'financial-year', '2013-04-01', '2014-03-31', { assumption: 'Read as the financial year 2013/14.' }],
  ['2013\u201314', undefined, 'financial-year', '2013-04-01', '2014-03-31'],
  ['1999/00', undefined, 'financial-year', '1999-04-01', '2000-03-31'],
  ['2014/15', undefined, 'financial-year', '2014-04-01', '2015-03-31'],
  ['the financial year', FY13, 'financial-year', '2013-04-01', '2014-03-31', { assumption: 'The year is taken from the plan period 2013/14.' }],
  ['by the end of the financial year', FY13, 'financial-year', '2013-04-01', '2014-03-31'],
  ['end of the financial year', undefined, 'financial-year', undefined, undefined, anyReason],
  ['end of the financial year', MULTI, 'financial-year', undefined, undefined, anyReason],
];

const QUARTERS: Row[] = [
  ['Quarter 3 2013/14', undefined, 'quarter', '2013-10-01', '2013-12-31'],
  ['3rd quarter 2013/14', undefined, 'quarter', '2013-10-01', '2013-12-31'],
  ['Q3 13/14', undefined, 'quarter', '2013-10-01', '2013-12-31', { assumption: 'Two-digit years read as 2013/14.' }],
  ['Q 3 2013-14', undefined, 'quarter', '2013-10-01', '2013-12-31'],
  ['2013/14 Q3', undefined, 'quarter', '2013-10-01', '2013-12-31'],
  ['By the end of Q4 2013/14', undefined, 'quarter', '2014-01-01', '2014-03-31'],
  ['Q1 2014/15', undefined, 'quarter', '2014-04-01', '2014-06-30'],
  ['due by Q2 2014/15', undefined, 'quarter', '2014-07-01', '2014-09-30'],
  ['Q4 2013/14', undefined, 'quarter', '2014-01-01', '2014-03-31'],
  ['end of quarter 3', FY13, 'quarter', '2013-10-01', '2013-12-31'],
  ['end of Q3', FY13, 'quarter', '2013-10-01', '2013-12-31'],
  ['quarter three', FY13, 'quarter', '2013-10-01', '2013-12-31'],
  ['third quarter', FY13, 'quarter', '2013-10-01', '2013-12-31'],
  ['Q4', FY13, 'quarter', '2014-01-01', '2014-03-31'],
  ['By Q4', FY13, 'quarter', '2014-01-01', '2014-03-31'],
  ['Q1', FY14, 'quarter', '2014-04-01', '2014-06-30', { assumption: 'The year is taken from the plan period 2014/15.' }],
  ['Q3 2013', undefined, 'quarter', '2013-10-01', '2013-12-31', { assumption: expect.stringContaining('Q3 2013/14') as unknown as string }],
  ['Q1 2013', undefined, 'quarter', '2013-04-01', '2013-06-30', { assumption: expect.stringContaining('Q1 2013/14') as unknown as string }],
  ['Q4 2013', undefined, 'quarter', '2013-01-01', '2013-03-31', { assumption: expect.stringContaining('Q4 2012/13') as unknown as string }],
  ['Q3', undefined, 'quarter', undefined, undefined, { reason: expect.stringContaining('no period') as unknown as string }],
  ['Quarter 3', undefined, 'quarter', undefined, undefined, anyReason],
  ['Q3', MULTI, 'quarter', undefined, undefined, { reason: expect.stringContaining('more than one financial year') as unknown as string }],
  ['Q3', CALENDAR_2013, 'quarter', undefined, undefined, anyReason],
];

const RANGES: Row[] = [
  ['Sept 2013 to March 2014', undefined, 'range', '2013-09-01', '2014-03-31'],
  ['from September 2013 until March 2014', undefined, 'range', '2013-09-01', '2014-03-31'],
  ['From April 2014 to March 2015', undefined, 'range', '2014-04-01', '2015-03-31'],
  ['April - June 2014', undefined, 'range', '2014-04-01', '2014-06-30'],
  ['April \u2013 June 2014', undefined, 'range', '2014-04-01', '2014-06-30'],
  ['Apr-Jun 2014', undefined, 'range', '2014-04-01', '2014-06-30'],
  ['Oct-Dec 13', undefined, 'range', '2013-10-01', '2013-12-31'],
  ['November - March 2014', undefined, 'range', '2013-11-01', '2014-03-31'],
  ['2013/14 - 2014/15', undefined, 'range', '2013-04-01', '2015-03-31'],
  ['between 1 April and 30 June 2014', undefined, 'range', '2014-04-01', '2014-06-30'],
  ['Between 1st April 2014 and 31st March 2015', undefined, 'range', '2014-04-01', '2015-03-31'],
  ['From April 2014', undefined, 'range', '2014-04-01', undefined],
  ['April 2014 onwards', undefined, 'range', '2014-04-01', undefined],
  ['after March 2014', undefined, 'range', '2014-04-01', undefined],
  ['2013/15', undefined, 'range', '2013-04-01', '2015-03-31'],
  ['2011/14', undefined, 'range', '2011-04-01', '2014-03-31'],
  ['2011-14', undefined, 'range', '2011-04-01', '2014-03-31'],
  ['2011 - 2014', undefined, 'range', '2011-04-01', '2014-03-31', { assumption: 'Read as the financial years 2011/12 to 2013/14.' }],
  ['2011-2014', undefined, 'range', '2011-04-01', '2014-03-31'],
  ['2011 to 2014', undefined, 'range', '2011-04-01', '2014-03-31'],
  ['Q1-Q2 2014/15', undefined, 'range', '2014-04-01', '2014-09-30'],
  ['Q3 2013/14 - Q1 2014/15', undefined, 'range', '2013-10-01', '2014-06-30'],
  ['31/03/2014 - 30/06/2014', undefined, 'range', '2014-03-31', '2014-06-30'],
  ['2014-01-01 to 2014-03-31', undefined, 'range', '2014-01-01', '2014-03-31'],
  ['Sept 2013 - March 14', undefined, 'range', '2013-09-01', '2014-03-31', { assumption: 'Two-digit year read as 2014.' }],
  ['Dec-13 - Mar-14', undefined, 'range', '2013-12-01', '2014-03-31'],
  ['1 April 2014 - 31 March 2015', undefined, 'range', '2014-04-01', '2015-03-31'],
  ['between 29 February and 30 June 2016', undefined, 'range', '2016-02-29', '2016-06-30'],
  ['April 2014 - end of March 2015', undefined, 'range', '2014-04-01', '2015-03-31'],
  ['April - June', FY13, 'range', '2013-04-01', '2013-06-30'],
  ['January - March', FY13, 'range', '2014-01-01', '2014-03-31'],
  ['April - June', undefined, 'range', undefined, undefined, anyReason],
  ['Summer 2014 - March 2015', undefined, 'range', undefined, '2015-03-31'],
];

const ONGOING: Row[] = [
  ['On-going', undefined, 'ongoing', undefined, undefined],
  ['On going', undefined, 'ongoing', undefined, undefined],
  ['Continuous', undefined, 'ongoing', undefined, undefined],
  ['Continual', undefined, 'ongoing', undefined, undefined],
  ['ONGOING', undefined, 'ongoing', undefined, undefined],
  ['Ongoing.', undefined, 'ongoing', undefined, undefined],
  ['Ongoing work', undefined, 'ongoing', undefined, undefined],
  ['on an ongoing basis', undefined, 'ongoing', undefined, undefined],
  ['On-going until March 2011', undefined, 'ongoing', undefined, '2011-03-31'],
  ['Ongoing to 2014/15', undefined, 'ongoing', undefined, '2015-03-31'],
  ['Ongoing throughout 2013/14', undefined, 'ongoing', undefined, '2014-03-31'],
  ['Ongoing until 31/03/2014', undefined, 'ongoing', undefined, '2014-03-31'],
  ['Ongoing - review March 2012', undefined, 'ongoing', undefined, undefined, {
    assumption: 'Read as ongoing with no end date; March 2012 is taken as a review date, not a deadline.',
  }],
  ['Ongoing from April 2013', undefined, 'ongoing', '2013-04-01', undefined],
  ['Ongoing (monthly meetings)', undefined, 'ongoing', undefined, undefined, { assumption: 'Only "Ongoing" was read; "monthly meetings" was not.' }],
  ['Ongoing until March', FY13, 'ongoing', undefined, '2014-03-31'],
];

const RECURRING: Row[] = [
  ['Quarterly', undefined, 'recurring', undefined, undefined, { recurrence: { frequency: 'quarterly' } }],
  ['Quarterly Until March 2012', undefined, 'recurring', undefined, '2012-03-31', { recurrence: { frequency: 'quarterly', until: '2012-03-31' } }],
  ['Annually', undefined, 'recurring', undefined, undefined, { recurrence: { frequency: 'yearly' } }],
  ['Annual', undefined, 'recurring', undefined, undefined, { recurrence: { frequency: 'yearly' } }],
  ['Monthly', undefined, 'recurring', undefined, undefined, { recurrence: { frequency: 'monthly' } }],
  ['Weekly', undefined, 'recurring', undefined, undefined, { recurrence: { frequency: 'weekly' } }],
  ['Six-monthly', undefined, 'recurring', undefined, undefined, { recurrence: { frequency: 'half-yearly' } }],
  ['Bi-annually', undefined, 'recurring', undefined, undefined, { recurrence: { frequency: 'half-yearly' } }],
  ['Every quarter', undefined, 'recurring', undefined, undefined, { recurrence: { frequency: 'quarterly' } }],
  ['Half-yearly', undefined, 'recurring', undefined, undefined, { recurrence: { frequency: 'half-yearly' } }],
  ['Twice a year', undefined, 'recurring', undefined, undefined, { recurrence: { frequency: 'half-yearly' } }],
  ['Every 6 months', undefined, 'recurring', undefined, undefined, { recurrence: { frequency: 'half-yearly' } }],
  ['Fortnightly', undefined, 'recurring', undefined, undefined, { recurrence: { frequency: 'weekly' }, assumption: expect.stringContaining('weekly') as unknown as string }],
  ['Reviewed quarterly', undefined, 'recurring', undefined, undefined, { recurrence: { frequency: 'quarterly' } }],
  ['On a quarterly basis', undefined, 'recurring', undefined, undefined, { recurrence: { frequency: 'quarterly' } }],
  ['Quarterly during 2013/14', undefined, 'recurring', undefined, '2014-03-31', { recurrence: { frequency: 'quarterly', until: '2014-03-31' } }],
  ['Monthly until end of March 2014', undefined, 'recurring', undefined, '2014-03-31', { recurrence: { frequency: 'monthly', until: '2014-03-31' } }],
  ['Annually until 2013/14', undefined, 'recurring', undefined, '2014-03-31', { recurrence: { frequency: 'yearly', until: '2014-03-31' } }],
  ['Quarterly press release until March 2012', undefined, 'recurring', undefined, '2012-03-31'],
  ['Quarterly until March', FY14, 'recurring', undefined, '2015-03-31', { recurrence: { frequency: 'quarterly', until: '2015-03-31' } }],
  ['Annually in March', undefined, 'recurring', undefined, undefined, { assumption: 'Only "Annually" was read; "in March" was not.' }],
];

const RELATIVE: Row[] = [
  ['Within 4 weeks of the ban', undefined, 'relative', undefined, undefined, { event: 'ban', offset: { amount: 4, unit: 'week' } }],
  ['Within four weeks of ban.', undefined, 'relative', undefined, undefined, { event: 'ban', offset: { amount: 4, unit: 'week' } }],
  ['2 weeks after launch', undefined, 'relative', undefined, undefined, { event: 'launch', offset: { amount: 2, unit: 'week' } }],
  ['3 months from start of contract', undefined, 'relative', undefined, undefined, { event: 'start of contract', offset: { amount: 3, unit: 'month' } }],
  ['Within a month of launch', undefined, 'relative', undefined, undefined, { event: 'launch', offset: { amount: 1, unit: 'month' } }],
  ['6 weeks before the event', undefined, 'relative', undefined, undefined, { event: 'event', offset: { amount: -6, unit: 'week' } }],
  ['Within 10 working days of referral', undefined, 'relative', undefined, undefined, { event: 'referral', offset: { amount: 10, unit: 'day' } }],
  ['One year after opening', undefined, 'relative', undefined, undefined, { event: 'opening', offset: { amount: 1, unit: 'year' } }],
  ['Within 6 months', undefined, 'relative', undefined, undefined, { offset: { amount: 6, unit: 'month' }, reason: expect.stringContaining('counted from') as unknown as string }],
  ['After launch', undefined, 'relative', undefined, undefined, { event: 'launch' }],
  ['Subject to funding', undefined, 'relative', undefined, undefined, { event: 'funding' }],
  ['On completion of the review', undefined, 'relative', undefined, undefined, { event: 'review' }],
  ['Within 4 weeks of the Licensing Committee', FY13, 'relative', undefined, undefined, { event: 'Licensing Committee' }],
];

const TBC: Row[] = [
  ['TBD', undefined, 'tbc', undefined, undefined],
  ['To be confirmed', undefined, 'tbc', undefined, undefined],
  ['To be agreed', undefined, 'tbc', undefined, undefined],
  ['to be decided', undefined, 'tbc', undefined, undefined],
  ['?', undefined, 'tbc', undefined, undefined],
  ['??', undefined, 'tbc', undefined, undefined],
  ['tbc.', undefined, 'tbc', undefined, undefined],
  ['Date TBC', undefined, 'tbc', undefined, undefined],
  ['Date to be confirmed', undefined, 'tbc', undefined, undefined],
  ['TBC - awaiting funding', undefined, 'tbc', undefined, undefined],
  ['Not yet known', undefined, 'tbc', undefined, undefined],
];

const SEASONS: Row[] = [
  ['Spring', undefined, 'season', undefined, undefined],
  ['Autumn 2013', undefined, 'season', undefined, undefined, { reason: expect.stringContaining('November 2013') as unknown as string }],
  ['Winter 2013/14', undefined, 'season', undefined, undefined, { reason: expect.stringContaining('February 2014') as unknown as string }],
  ['early 2014', undefined, 'season', undefined, undefined, { reason: expect.stringContaining('vague') as unknown as string }],
  ['mid 2014', undefined, 'season', undefined, undefined],
  ['late 2014', undefined, 'season', undefined, undefined],
  ['mid-2014', undefined, 'season', undefined, undefined],
  ['start of 2014', undefined, 'season', undefined, undefined],
  ['Spring term 2014', undefined, 'season', undefined, undefined],
  ['late summer 2014', undefined, 'season', undefined, undefined],
  ['end of the year', undefined, 'season', undefined, undefined, { reason: expect.stringContaining('31 December or 31 March') as unknown as string }],
  ['by the end of the year', FY13, 'season', undefined, undefined],
  ['year end', undefined, 'season', undefined, undefined],
];

const NOT_APPLICABLE: Row[] = [
  ['N/A', undefined, 'not-applicable', undefined, undefined],
  ['n/a', undefined, 'not-applicable', undefined, undefined],
  ['NA', undefined, 'not-applicable', undefined, undefined],
  ['None', undefined, 'not-applicable', undefined, undefined],
  ['-', undefined, 'not-applicable', undefined, undefined],
  ['—', undefined, 'not-applicable', undefined, undefined],
  ['–', undefined, 'not-applicable', undefined, undefined],
  ['', undefined, 'not-applicable', undefined, undefined],
  ['   ', undefined, 'not-applicable', undefined, undefined],
  ['\u00a0', undefined, 'not-applicable', undefined, undefined],
  ['\t\n', undefined, 'not-applicable', undefined, undefined],
  ['N/A.', undefined, 'not-applicable', undefined, undefined],
  ['n.a.', undefined, 'not-applicable', undefined, undefined],
  ['Not applicable', undefined, 'not-applicable', undefined, undefined],
];

const REASON_KINDS: ReadonlySet<DueKind> = new Set(['tbc', 'relative', 'season', 'unknown', 'alternatives']);

describe('interpretDue', () => {
  const tables: Array<[string, Row[]]> = [
    ['the domain table', DOMAIN_TABLE],
    ['dates', DATES],
    ['impossible and unreadable dates', IMPOSSIBLE_AND_UNREADABLE],
    ['months', MONTHS],
    ['years', YEARS],
    ['financial years', FINANCIAL_YEARS],
    ['quarters', QUARTERS],
    ['ranges', RANGES],
    ['ongoing', ONGOING],
    ['recurring', RECURRING],
    ['relative', RELATIVE],
    ['to be confirmed', TBC],
    ['seasons', SEASONS],
    ['not applicable', NOT_APPLICABLE],
  ];
  for (const [name, rows] of tables) {
    describe(name, () => {
      it.each(rows)('%j (period %j) is %s %s..%s', (text, period, kind, earliest, latest, extra) => {
        const due = check(text, period, kind, earliest, latest, extra);
        if (REASON_KINDS.has(kind)) expect(due.reason).toMatch(/\S/);
        if (kind === 'not-applicable') expect(due.reason).toBeUndefined();
        if (due.latest !== undefined && kind !== 'ongoing' && kind !== 'recurring') expect(due.reason).toBeUndefined();
      });
    });
  }

  describe('alternatives', () => {
    it.each([
      ['November 2017 / March 2018', undefined, ['2017-11-30', '2018-03-31']],
      ['November 2017 March 2018', undefined, ['2017-11-30', '2018-03-31']],
      ['June 2017 and March 2018', undefined, ['2017-06-30', '2018-03-31']],
      ['June 2017, March 2018', undefined, ['2017-06-30', '2018-03-31']],
      ['November 2017 or March 2018', undefined, ['2017-11-30', '2018-03-31']],
      ['31/03/2014 and 30/06/2014', undefined, ['2014-03-31', '2014-06-30']],
      ['31/03/2014 / 30/06/2014', undefined, ['2014-03-31', '2014-06-30']],
      ['2013/14 and 2014/15', undefined, ['2014-03-31', '2015-03-31']],
      ['Dec 2013 / Mar 2014 / Jun 2014', undefined, ['2013-12-31', '2014-03-31', '2014-06-30']],
      ['June and July 2014', undefined, ['2014-06-30', '2014-07-31']],
      ['Q3 and Q4 2013/14', undefined, ['2013-12-31', '2014-03-31']],
      ['Q3 & Q4', FY13, ['2013-12-31', '2014-03-31']],
      ['March 2014 (revised from December 2013)', undefined, ['2014-03-31', '2013-12-31']],
      ['was December 2013, now March 2014', undefined, ['2013-12-31', '2014-03-31']],
      ['April - June 2014 / March 2015', undefined, ['2014-06-30', '2015-03-31']],
    ] as Array<[string, Period | undefined, string[]]>)('%j keeps each date', (text, period, deadlines) => {
      const due = check(text, period, 'alternatives', undefined, undefined);
      expect(due.alternatives?.map((alternative) => deadlineOf(alternative))).toEqual(deadlines);
      expect(due.reason).toContain(deadlines.length === 2 ? 'two dates' : 'three dates');
      expect(due.reason).toMatch(/milestones/);
    });

    it('keeps the written text of each alternative and its own kind', () => {
      const due = interpretDue('November 2017 / March 2018');
      expect(due.alternatives).toEqual([
        { text: 'November 2017', kind: 'month', earliest: '2017-11-01', latest: '2017-11-30' },
        { text: 'March 2018', kind: 'month', earliest: '2018-03-01', latest: '2018-03-31' },
      ]);
      expect(due.reason).toBe(
        'This has two dates (November 2017 and March 2018): two stages, or a revised date. Split them into separate milestones, or keep the one that applies.',
      );
    });

    it('does not mistake a slashed date, a financial year or a range for alternatives', () => {
      expect(interpretDue('31/03/2014').kind).toBe('date');
      expect(interpretDue('2013/14').kind).toBe('financial-year');
      expect(interpretDue('November 2017 - March 2018').kind).toBe('range');
      expect(interpretDue('November 2017 to March 2018').kind).toBe('range');
      expect(interpretDue('November 2017 until March 2018').kind).toBe('range');
      expect(interpretDue('between June 2017 and March 2018').kind).toBe('range');
    });
  });

  it('keeps the text exactly as given', () => {
    for (const text of ['  By  end of March 2014. ', 'N/A', '', 'TBC\n', 'Q3']) {
      expect(interpretDue(text).text).toBe(text);
      expect(interpretDue(text, { period: FY13 }).text).toBe(text);
    }
  });

  it('ignores a plan period that is not two real dates in order', () => {
    expect(interpretDue('Q3', { period: { start: '2014-03-31', end: '2013-04-01' } }).earliest).toBeUndefined();
    expect(interpretDue('Q3', { period: { start: '2013-02-30', end: '2014-03-31' } }).earliest).toBeUndefined();
    expect(interpretDue('Q3', {}).kind).toBe('quarter');
  });

  it('gives the same answer when asked twice, for any period', () => {
    expect(interpretDue('Q3', { period: FY13 })).toEqual(interpretDue('Q3', { period: { ...FY13 } }));
    expect(interpretDue('Q3', { period: FY14 }).earliest).toBe('2014-10-01');
    expect(interpretDue('Q3', { period: FY13 }).earliest).toBe('2013-10-01');
  });
});

describe('interpretDue on hostile input', () => {
  const KINDS: ReadonlySet<string> = new Set([
    'date', 'month', 'year', 'financial-year', 'quarter', 'range', 'ongoing', 'recurring', 'relative',
    'alternatives', 'tbc', 'season', 'not-applicable', 'unknown',
  ]);

  /** Checks that every function returns something sensible for the text. */
  function survives(text: string): DueInterpretation {
    const due = interpretDue(text, { period: FY13 });
    expect(due.text).toBe(text);
    expect(KINDS.has(due.kind)).toBe(true);
    expect(typeof describeDue(due)).toBe('string');
    deadlineOf(due);
    suggestedIsoDate(due);
    nextOccurrence(due, '2014-01-01');
    if (due.reason !== undefined) expect(due.reason.length).toBeLessThan(400);
    return due;
  }

  it.each([
    ['100,000 letters', 'a'.repeat(100_000)],
    ['100,000 digits', '1'.repeat(100_000)],
    ['100,000 dashes', '-'.repeat(100_000)],
    ['100,000 slashes', '/'.repeat(100_000)],
    ['100,000 spaces and a month', `${' '.repeat(100_000)}March 2014`],
    ['a month repeated', 'March 2014 '.repeat(10_000)],
    ['quarters repeated', 'Q3 '.repeat(30_000)],
    ['from from from', 'from '.repeat(20_000)],
    ['between between', 'between '.repeat(20_000)],
    ['ongoing ongoing', 'Ongoing '.repeat(20_000)],
    ['within within', 'within 4 weeks of '.repeat(5_000)],
    ['control characters', '\u0000\u0001\u0002\u001b[31m'.repeat(20_000)],
    ['lone surrogates', '\ud800'.repeat(50_000)],
    ['emoji', '😀'.repeat(50_000)],
    ['right-to-left marks', '\u202e2014/13\u202c'.repeat(1_000)],
    ['a huge number', `31/03/${'9'.repeat(5_000)}`],
    ['a huge ordinal', `${'9'.repeat(5_000)}th March 2014`],
    ['nested brackets', `${'('.repeat(50_000)}March 2014${')'.repeat(50_000)}`],
  ])('%s', (_name, text) => {
    survives(text);
  });

  it('never throws on random text built from date words and marks', () => {
    let seed = 20140331;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const pieces = [
      'March', '2014', '/', '-', 'Q3', ' ', 'to', 'and', '31st', 'of', '2013/14', 'Ongoing', 'until', 'from',
      'between', 'by', 'end', '?', '(', ')', 'weeks', 'within', '4', '\u2013', '\u00a0', '.', ',', 'Sept', '14',
      'Quarterly', 'TBC', 'N/A', 'Summer', 'early', 'review', 'the', 'year', 'financial', '29', 'February', "'",
      '\u0000', 'é', '😀', '\ud800', '0', '99', '2099/00',
    ];
    for (let i = 0; i < 3_000; i++) {
      let text = '';
      const length = Math.floor(random() * 14);
      for (let k = 0; k < length; k++) text += pieces[Math.floor(random() * pieces.length)] + (random() < 0.5 ? ' ' : '');
      survives(text);
    }
  });

  it('never throws on random Unicode', () => {
    let seed = 7;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let i = 0; i < 1_000; i++) {
      let text = '';
      const length = Math.floor(random() * 40);
      for (let k = 0; k < length; k++) text += String.fromCharCode(Math.floor(random() * 0x10000));
      survives(text);
    }
  });

  it('copes with plan periods at the ends of the calendar', () => {
    for (const text of ['29 February', 'March', 'Q3', '31 March', 'between 1 April and 30 June']) {
      for (const period of [
        { start: '9999-01-01', end: '9999-12-31' },
        { start: '0000-01-01', end: '9999-12-31' },
        { start: '0001-03-01', end: '0003-02-28' },
      ]) {
        const due = interpretDue(text, { period });
        expect(due.text).toBe(text);
        describeDue(due);
      }
    }
  });

  it('answers JavaScript callers that pass something other than text', () => {
    expect(interpretDue(undefined as unknown as string).kind).toBe('unknown');
    expect(interpretDue(42 as unknown as string).kind).toBe('unknown');
    expect(interpretDue('Q3', { period: null } as unknown as { period: Period }).kind).toBe('quarter');
  });

  it('quotes only the start of a long unreadable text in its reason', () => {
    const due = interpretDue(`x${'y'.repeat(500)}`);
    expect(due.kind).toBe('unknown');
    expect(due.reason).toContain('…');
    expect(due.reason?.length).toBeLessThan(300);
  });
});

describe('deadlineOf', () => {
  it.each([
    ['31/03/2014', undefined, '2014-03-31'],
    ['March 2014', undefined, '2014-03-31'],
    ['2014', undefined, '2014-12-31'],
    ['2013/14', undefined, '2014-03-31'],
    ['Q3', FY13, '2013-12-31'],
    ['Q3', undefined, undefined],
    ['September 2013 - March 2014', undefined, '2014-03-31'],
    ['From April 2014', undefined, undefined],
    ['Ongoing', undefined, undefined],
    ['Ongoing until March 2011', undefined, '2011-03-31'],
    ['Quarterly', undefined, undefined],
    ['Quarterly until March 2011', undefined, '2011-03-31'],
    ['November 2017 / March 2018', undefined, '2018-03-31'],
    ['March 2018 / November 2017', undefined, '2018-03-31'],
    ['November 2017 / Summer 2018', undefined, undefined],
    ['Q3 / March 2014', undefined, '2014-03-31'],
    ['Within four weeks of ban', undefined, undefined],
    ['TBC', undefined, undefined],
    ['Summer 2014', undefined, undefined],
    ['N/A', undefined, undefined],
    ['hello', undefined, undefined],
  ] as Array<[string, Period | undefined, string | undefined]>)('%j -> %s', (text, period, deadline) => {
    expect(deadlineOf(interpretDue(text, period === undefined ? undefined : { period }))).toBe(deadline);
  });

  it('needs every alternative to have a deadline', () => {
    const due: DueInterpretation = {
      text: 'x',
      kind: 'alternatives',
      alternatives: [interpretDue('March 2014'), interpretDue('TBC')],
    };
    expect(deadlineOf(due)).toBeUndefined();
    expect(deadlineOf({ text: 'x', kind: 'alternatives', alternatives: [] })).toBeUndefined();
  });
});

describe('nextOccurrence', () => {
  const quarterly = interpretDue('Quarterly until March 2011');
  it.each([
    [quarterly, '2010-05-10', '2010-06-30'],
    [quarterly, '2010-06-30', '2010-06-30'],
    [quarterly, '2010-07-01', '2010-09-30'],
    [quarterly, '2010-12-31', '2010-12-31'],
    [quarterly, '2011-01-01', '2011-03-31'],
    [quarterly, '2011-03-31', '2011-03-31'],
    [quarterly, '2011-04-01', undefined],
    [interpretDue('Quarterly'), '2026-11-23', '2026-12-31'],
    [interpretDue('Monthly'), '2024-02-10', '2024-02-29'],
    [interpretDue('Monthly'), '2023-02-28', '2023-02-28'],
    [interpretDue('Monthly until end of March 2014'), '2014-03-31', '2014-03-31'],
    [interpretDue('Monthly until end of March 2014'), '2014-04-01', undefined],
    [interpretDue('Annually'), '2014-03-31', '2014-03-31'],
    [interpretDue('Annually'), '2014-04-01', '2015-03-31'],
    [interpretDue('Annually'), '2014-01-01', '2014-03-31'],
    [interpretDue('Yearly plans until March 2011'), '2011-04-01', undefined],
    [interpretDue('Six-monthly'), '2014-02-01', '2014-03-31'],
    [interpretDue('Six-monthly'), '2014-04-01', '2014-09-30'],
    [interpretDue('Six-monthly'), '2014-09-30', '2014-09-30'],
    [interpretDue('Six-monthly'), '2014-10-01', '2015-03-31'],
    [interpretDue('Weekly'), '2026-11-23', '2026-11-29'], // Monday -> the Sunday after
    [interpretDue('Weekly'), '2026-11-22', '2026-11-22'], // a Sunday itself
    [interpretDue('Weekly'), '2014-03-31', '2014-04-06'],
    [interpretDue('March 2014'), '2014-01-01', undefined],
    [interpretDue('Ongoing'), '2014-01-01', undefined],
    [quarterly, 'not a date', undefined],
  ] as Array<[DueInterpretation, string, string | undefined]>)('%#: %s -> %s', (due, asOf, expected) => {
    expect(nextOccurrence(due, asOf)).toBe(expected);
  });
});

describe('suggestedIsoDate', () => {
  it.each([
    ['31/03/2014', undefined, '2014-03-31'],
    ['31st March 2017', undefined, '2017-03-31'],
    ['2014-03-31', undefined, undefined],
    [' 2014-03-31 ', undefined, undefined],
    ['March 2014', undefined, '2014-03-31'],
    ['Dec-13', undefined, '2013-12-31'],
    ['Q3 2013/14', undefined, '2013-12-31'],
    ['Q3', FY13, '2013-12-31'],
    ['Q3', undefined, undefined],
    ['2013/14', undefined, '2014-03-31'],
    ['2014', undefined, undefined],
    ['September 2013 - March 2014', undefined, undefined],
    ['Ongoing until March 2011', undefined, undefined],
    ['Quarterly until March 2011', undefined, undefined],
    ['November 2017 / March 2018', undefined, undefined],
    ['TBC', undefined, undefined],
    ['31/02/2014', undefined, undefined],
  ] as Array<[string, Period | undefined, string | undefined]>)('%j -> %s', (text, period, expected) => {
    expect(suggestedIsoDate(interpretDue(text, period === undefined ? undefined : { period }))).toBe(expected);
  });
});

describe('describeDue', () => {
  it.each([
    ['31 March 2018', undefined, 'due 31 March 2018'],
    ['March 2018', undefined, 'due by 31 March 2018'],
    ['Q3', FY13, 'due by 31 December 2013'],
    ['2013/14', undefined, 'due by 31 March 2014'],
    ['September 2013 - March 2014', undefined, 'due between 1 September 2013 and 31 March 2014'],
    ['From April 2014', undefined, 'from 1 April 2014, no end date'],
    ['Ongoing', undefined, 'ongoing, no end date'],
    ['Ongoing until March 2011', undefined, 'ongoing until 31 March 2011'],
    ['Quarterly until March 2011', undefined, 'each quarter until 31 March 2011'],
    ['Quarterly', undefined, 'each quarter'],
    ['Monthly', undefined, 'each month'],
    ['Six-monthly', undefined, 'every six months'],
    ['Yearly plans until March 2011', undefined, 'each year until 31 March 2011'],
    ['TBC', undefined, 'date to be confirmed'],
    ['Within four weeks of ban', undefined, 'due within 4 weeks of ban'],
    ['6 weeks before the event', undefined, 'due 6 weeks before event'],
    ['November 2017 / March 2018', undefined, 'two dates: 30 November 2017 or 31 March 2018'],
    ['N/A', undefined, 'no date needed'],
    ['Summer 2014', undefined,
      'no date to check: Summer means different months to different councils, so no deadline can be checked. Write a month, such as August 2014.'],
  ] as Array<[string, Period | undefined, string]>)('%j -> %s', (text, period, expected) => {
    expect(describeDue(interpretDue(text, period === undefined ? undefined : { period }))).toBe(expected);
  });

  it('gives the reason for every text without a date to check', () => {
    for (const text of ['Q3', 'hello', '31/02/2014', 'early 2014', 'March']) {
      const due = interpretDue(text);
      expect(describeDue(due)).toBe(`no date to check: ${due.reason}`);
    }
  });
});

describe('periodFromText', () => {
  it.each([
    ['2013/14', { start: '2013-04-01', end: '2014-03-31' }],
    ['2013-14', { start: '2013-04-01', end: '2014-03-31' }],
    ['FY 2013/14', { start: '2013-04-01', end: '2014-03-31' }],
    ['2011/14', { start: '2011-04-01', end: '2014-03-31' }],
    ['2011-14', { start: '2011-04-01', end: '2014-03-31' }],
    ['2011 - 2014', { start: '2011-04-01', end: '2014-03-31' }],
    ['2011-2014', { start: '2011-04-01', end: '2014-03-31' }],
    ['2011 to 2014', { start: '2011-04-01', end: '2014-03-31' }],
    ['2011 \u2013 2014', { start: '2011-04-01', end: '2014-03-31' }],
    ['2008-2011', { start: '2008-04-01', end: '2011-03-31' }],
    ['April 2013 - March 2014', { start: '2013-04-01', end: '2014-03-31' }],
    ['2013', undefined],
    ['March 2014', undefined],
    ['Ongoing', undefined],
    ['2014/13', undefined],
    ['nonsense', undefined],
    ['', undefined],
  ] as Array<[string, Period | undefined]>)('%j -> %j', (text, expected) => {
    expect(periodFromText(text)).toEqual(expected);
  });

  it('gives a period that bare quarters can take their year from', () => {
    const period = periodFromText('2013/14');
    expect(interpretDue('Q3', period === undefined ? undefined : { period }).latest).toBe('2013-12-31');
  });
});
