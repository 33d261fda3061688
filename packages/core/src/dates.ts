// Civil-date utilities for plans.
//
// Every date in a plan is a civil date in Europe/London written 'YYYY-MM-DD'. Dates are kept as
// strings and all arithmetic is done on whole day numbers, so nothing here depends on the time zone
// of the machine running it, and nothing reads the clock: "today" is always passed in.

/** A civil date in Europe/London, written 'YYYY-MM-DD'. */
export type IsoDate = string;

/** English month names, January first. */
export const MONTH_NAMES_EN: readonly string[] = Object.freeze([
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
]);

/** Welsh month names, Ionawr (January) first. */
export const MONTH_NAMES_CY: readonly string[] = Object.freeze([
  'Ionawr', 'Chwefror', 'Mawrth', 'Ebrill', 'Mai', 'Mehefin',
  'Gorffennaf', 'Awst', 'Medi', 'Hydref', 'Tachwedd', 'Rhagfyr',
]);

const CODE_0 = 48;
const CODE_9 = 57;
const CODE_DASH = 45;

/** True for a Gregorian leap year. */
function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The number of days in a month (month 1-12): 28, 29, 30 or 31. */
export function lastDayOfMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Two digits, zero-padded. */
function pad2(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

/** Four digits, zero-padded (years 0-9999). */
function pad4(value: number): string {
  const text = String(value);
  return text.length >= 4 ? text : '0000'.slice(text.length) + text;
}

/** Writes a year, month and day as an IsoDate without checking them. */
function formatParts(year: number, month: number, day: number): IsoDate {
  return `${pad4(year)}-${pad2(month)}-${pad2(day)}`;
}

/** True if text is exactly 'YYYY-MM-DD' and names a real calendar date (2025-02-30 is not). */
export function isValidIsoDate(text: string): boolean {
  if (typeof text !== 'string' || text.length !== 10) return false;
  for (let i = 0; i < 10; i++) {
    const code = text.charCodeAt(i);
    if (i === 4 || i === 7) {
      if (code !== CODE_DASH) return false;
    } else if (code < CODE_0 || code > CODE_9) {
      return false;
    }
  }
  const { year, month, day } = parseIsoDate(text);
  return month >= 1 && month <= 12 && day >= 1 && day <= lastDayOfMonth(year, month);
}

/** The IsoDate for a year, month (1-12) and day, or undefined if that is not a real date. */
export function makeIsoDate(year: number, month: number, day: number): IsoDate | undefined {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return undefined;
  if (year < 0 || year > 9999 || month < 1 || month > 12) return undefined;
  if (day < 1 || day > lastDayOfMonth(year, month)) return undefined;
  return formatParts(year, month, day);
}

/** Splits an IsoDate into numbers (it does not check the date; see isValidIsoDate). */
export function parseIsoDate(date: IsoDate): { year: number; month: number; day: number } {
  if (date.length === 10) {
    // The common case, without allocating substrings: this runs for every date of every item.
    const digit = (i: number): number => date.charCodeAt(i) - CODE_0;
    return {
      year: digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3),
      month: digit(5) * 10 + digit(6),
      day: digit(8) * 10 + digit(9),
    };
  }
  return {
    year: Number(date.slice(0, 4)),
    month: Number(date.slice(5, 7)),
    day: Number(date.slice(8, 10)),
  };
}

/** Days since 1970-01-01 for a proleptic Gregorian date (negative before it). */
function dayNumberOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthFromMarch = (month + 9) % 12;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The civil date of a day number counted from 1970-01-01. */
function dateOfDayNumber(dayNumber: number): IsoDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return formatParts(year, month, day);
}

/** The day number (days since 1970-01-01) of an IsoDate. */
function dayNumberOfIso(date: IsoDate): number {
  const { year, month, day } = parseIsoDate(date);
  return dayNumberOf(year, month, day);
}

/** The date a whole number of days after (or, if negative, before) date. */
export function addDays(date: IsoDate, days: number): IsoDate {
  return dateOfDayNumber(dayNumberOfIso(date) + Math.trunc(days));
}

/** The date a whole number of months after date, the day clamped to the month's end (2014-01-31 + 1 = 2014-02-28). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = parseIsoDate(date);
  const monthIndex = year * 12 + (month - 1) + Math.trunc(months);
  const newYear = Math.floor(monthIndex / 12);
  const newMonth = monthIndex - newYear * 12 + 1;
  return formatParts(newYear, newMonth, Math.min(day, lastDayOfMonth(newYear, newMonth)));
}

/** The number of whole days from one date to another (negative if `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumberOfIso(to) - dayNumberOfIso(from);
}

/** Orders two IsoDates: negative if a is earlier, 0 if equal, positive if later. */
export function compareIsoDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The financial year (1 April - 31 March) containing date, named by its start year: 2014-03-31 -> 2013. */
export function financialYearOf(date: IsoDate): number {
  const { year, month } = parseIsoDate(date);
  return month >= 4 ? year : year - 1;
}

/** The first and last day of the financial year starting in startYear: 2013 -> 2013-04-01..2014-03-31. */
export function financialYearRange(startYear: number): { start: IsoDate; end: IsoDate } {
  return { start: formatParts(startYear, 4, 1), end: formatParts(startYear + 1, 3, 31) };
}

/** The usual label of the financial year starting in startYear: 2013 -> '2013/14', 1999 -> '1999/00'. */
export function financialYearLabel(startYear: number): string {
  return `${startYear}/${pad2((startYear + 1) % 100)}`;
}

/** The first and last day of a financial-year quarter: Q1 Apr-Jun, Q2 Jul-Sep, Q3 Oct-Dec, Q4 Jan-Mar of startYear + 1. */
export function quarterRange(startYear: number, quarter: 1 | 2 | 3 | 4): { start: IsoDate; end: IsoDate } {
  const year = quarter === 4 ? startYear + 1 : startYear;
  const firstMonth = quarter === 4 ? 1 : quarter * 3 + 1;
  const lastMonth = firstMonth + 2;
  return {
    start: formatParts(year, firstMonth, 1),
    end: formatParts(year, lastMonth, lastDayOfMonth(year, lastMonth)),
  };
}

/**
 * The first quarter end after a date (quarters end on 30 June, 30 September, 31 December and
 * 31 March): where a plan's reporting date moves for its next quarterly update. 2013-12-31 ->
 * 2014-03-31; 2013-11-15 -> 2013-12-31.
 */
export function nextQuarterEnd(date: IsoDate): IsoDate {
  const { year, month, day } = parseIsoDate(date);
  // The last month of the date's own quarter (3, 6, 9 or 12); a date on that quarter's last day goes on to the next.
  let endMonth = Math.ceil(month / 3) * 3;
  let endYear = year;
  if (month === endMonth && day === lastDayOfMonth(year, month)) endMonth += 3;
  if (endMonth > 12) {
    endMonth -= 12;
    endYear += 1;
  }
  return formatParts(endYear, endMonth, lastDayOfMonth(endYear, endMonth));
}

/** A date in words, day without a leading zero: '31 March 2018', or in Welsh '31 Mawrth 2018'. */
export function formatLongDate(date: IsoDate, lang: 'en' | 'cy' = 'en'): string {
  const { year, month, day } = parseIsoDate(date);
  const names = lang === 'cy' ? MONTH_NAMES_CY : MONTH_NAMES_EN;
  return `${day} ${names[month - 1] ?? '?'} ${year}`;
}

/** The calendar difference from one date to a later one in years, months and days (negated if `to` is earlier). */
export function intervalBetween(from: IsoDate, to: IsoDate): { years: number; months: number; days: number } {
  // Whole months are counted as addMonths counts them (from `from` each time, the day clamped to the
  // month's end), then the days left over, so addDays(addMonths(from, years * 12 + months), days) === to:
  // 2018-03-31 -> 2026-11-23 is 103 months to 2026-10-31, then 23 days.
  if (from > to) {
    const forward = intervalBetween(to, from);
    return { years: -forward.years, months: -forward.months, days: -forward.days };
  }
  const a = parseIsoDate(from);
  const b = parseIsoDate(to);
  let months = (b.year - a.year) * 12 + (b.month - a.month);
  if (months > 0 && addMonths(from, months) > to) months -= 1;
  const days = daysBetween(addMonths(from, months), to);
  return { years: Math.floor(months / 12), months: months % 12, days };
}

/** The gap between two dates in English, the two largest non-zero units: '8 years 7 months', '1 day', '0 days'. */
export function describeInterval(from: IsoDate, to: IsoDate): string {
  const interval = from <= to ? intervalBetween(from, to) : intervalBetween(to, from);
  const parts: string[] = [];
  const units: ReadonlyArray<readonly [number, string]> = [
    [interval.years, 'year'],
    [interval.months, 'month'],
    [interval.days, 'day'],
  ];
  for (const [count, unit] of units) {
    if (count !== 0 && parts.length < 2) parts.push(`${count} ${unit}${count === 1 ? '' : 's'}`);
  }
  return parts.length === 0 ? '0 days' : parts.join(' ');
}

let londonDateFormat: Intl.DateTimeFormat | undefined;

/** The Europe/London calendar date of an instant, BST included (throws a RangeError for an invalid Date). */
export function civilDateInLondon(instant: Date): IsoDate {
  londonDateFormat ??= new Intl.DateTimeFormat('en-GB-u-ca-gregory-nu-latn', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  let year = 0;
  let month = 0;
  let day = 0;
  for (const part of londonDateFormat.formatToParts(instant)) {
    if (part.type === 'year') year = Number(part.value);
    else if (part.type === 'month') month = Number(part.value);
    else if (part.type === 'day') day = Number(part.value);
  }
  return formatParts(year, month, day);
}
