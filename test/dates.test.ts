import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  civilDateInLondon,
  compareIsoDates,
  daysBetween,
  describeInterval,
  financialYearLabel,
  financialYearOf,
  financialYearRange,
  formatLongDate,
  intervalBetween,
  isValidIsoDate,
  lastDayOfMonth,
  makeIsoDate,
  MONTH_NAMES_CY,
  MONTH_NAMES_EN,
  parseIsoDate,
  nextQuarterEnd,
  quarterRange,
} from '../packages/core/src/dates.js';

describe('isValidIsoDate', () => {
  it.each([
    ['2014-03-31', true],
    ['2024-02-29', true],
    ['2000-02-29', true],
    ['2023-02-29', false],
    ['1900-02-29', false],
    ['2025-02-30', false],
    ['2014-04-31', false],
    ['2014-13-01', false],
    ['2014-00-10', false],
    ['2014-01-00', false],
    ['2014-01-32', false],
    ['2014-3-31', false],
    ['14-03-31', false],
    ['2014/03/31', false],
    ['2014-03-31 ', false],
    [' 2014-03-31', false],
    ['2014-03-31T00:00', false],
    ['２０１４-03-31', false],
    ['', false],
    ['abcd-ef-gh', false],
  ])('%j -> %s', (text, valid) => {
    expect(isValidIsoDate(text)).toBe(valid);
  });
});

describe('makeIsoDate and parseIsoDate', () => {
  it.each([
    [2014, 3, 31, '2014-03-31'],
    [2024, 2, 29, '2024-02-29'],
    [2023, 2, 29, undefined],
    [2014, 4, 31, undefined],
    [2014, 13, 1, undefined],
    [2014, 0, 1, undefined],
    [2014, 1, 0, undefined],
    [2014, 1.5, 1, undefined],
    [Number.NaN, 1, 1, undefined],
    [999, 1, 5, '0999-01-05'],
  ])('makeIsoDate(%d, %d, %d) -> %s', (year, month, day, expected) => {
    expect(makeIsoDate(year, month, day)).toBe(expected);
  });

  it('splits a date into numbers', () => {
    expect(parseIsoDate('2014-03-31')).toEqual({ year: 2014, month: 3, day: 31 });
    expect(parseIsoDate('0999-01-05')).toEqual({ year: 999, month: 1, day: 5 });
  });
});

describe('lastDayOfMonth', () => {
  it.each([
    [2014, 1, 31], [2014, 2, 28], [2024, 2, 29], [2000, 2, 29], [1900, 2, 28], [2014, 4, 30],
    [2014, 6, 30], [2014, 9, 30], [2014, 11, 30], [2014, 12, 31],
  ])('%d-%d has %d days', (year, month, days) => {
    expect(lastDayOfMonth(year, month)).toBe(days);
  });
});

describe('addDays, addMonths, daysBetween, compareIsoDates', () => {
  it.each([
    ['2014-03-31', 1, '2014-04-01'],
    ['2013-12-31', 1, '2014-01-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2014-03-01', -1, '2014-02-28'],
    ['2014-01-01', -1, '2013-12-31'],
    ['2014-03-31', 365, '2015-03-31'],
    ['2024-01-01', 366, '2025-01-01'],
    ['1970-01-01', 0, '1970-01-01'],
    ['1969-12-31', 1, '1970-01-01'],
  ])('addDays(%s, %d) = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it.each([
    ['2014-01-31', 1, '2014-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2014-03-31', -1, '2014-02-28'],
    ['2014-03-31', 12, '2015-03-31'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2014-11-15', 2, '2015-01-15'],
    ['2014-01-15', -1, '2013-12-15'],
    ['2014-08-31', 1, '2014-09-30'],
    ['2018-03-31', 103, '2026-10-31'],
  ])('addMonths(%s, %d) = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it('counts whole days between dates, negative when the second is earlier', () => {
    expect(daysBetween('2014-03-01', '2014-03-31')).toBe(30);
    expect(daysBetween('2014-03-31', '2014-03-01')).toBe(-30);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2023-02-28', '2023-03-01')).toBe(1);
    expect(daysBetween('2013-04-01', '2014-04-01')).toBe(365);
    expect(daysBetween('2014-03-31', '2014-03-31')).toBe(0);
  });

  it('orders dates', () => {
    expect(compareIsoDates('2014-03-31', '2014-04-01')).toBeLessThan(0);
    expect(compareIsoDates('2014-04-01', '2014-03-31')).toBeGreaterThan(0);
    expect(compareIsoDates('2014-03-31', '2014-03-31')).toBe(0);
    expect(['2014-04-01', '2013-12-31', '2014-03-31'].sort(compareIsoDates)).toEqual(['2013-12-31', '2014-03-31', '2014-04-01']);
  });

  it('agrees with the platform calendar for every day of several years', () => {
    let date = '1999-12-25';
    let utc = Date.UTC(1999, 11, 25);
    for (let i = 0; i < 3000; i++) {
      expect(date).toBe(new Date(utc).toISOString().slice(0, 10));
      expect(isValidIsoDate(date)).toBe(true);
      date = addDays(date, 1);
      utc += 86_400_000;
    }
  });
});

describe('financial years and quarters', () => {
  it.each([
    ['2014-03-31', 2013],
    ['2014-04-01', 2014],
    ['2014-01-01', 2013],
    ['2013-12-31', 2013],
    ['2000-03-31', 1999],
  ])('financialYearOf(%s) = %d', (date, year) => {
    expect(financialYearOf(date)).toBe(year);
  });

  it('gives the range and label of a financial year', () => {
    expect(financialYearRange(2013)).toEqual({ start: '2013-04-01', end: '2014-03-31' });
    expect(financialYearRange(1999)).toEqual({ start: '1999-04-01', end: '2000-03-31' });
    expect(financialYearLabel(2013)).toBe('2013/14');
    expect(financialYearLabel(1999)).toBe('1999/00');
    expect(financialYearLabel(2008)).toBe('2008/09');
  });

  it.each([
    [2013, 1, '2013-04-01', '2013-06-30'],
    [2013, 2, '2013-07-01', '2013-09-30'],
    [2013, 3, '2013-10-01', '2013-12-31'],
    [2013, 4, '2014-01-01', '2014-03-31'],
    [2015, 4, '2016-01-01', '2016-03-31'],
  ] as const)('quarterRange(%d, Q%d) = %s..%s', (year, quarter, start, end) => {
    expect(quarterRange(year, quarter)).toEqual({ start, end });
  });
});

describe('formatLongDate', () => {
  it.each([
    ['2018-03-31', 'en', '31 March 2018'],
    ['2018-03-31', 'cy', '31 Mawrth 2018'],
    ['2014-04-01', 'en', '1 April 2014'],
    ['2014-04-01', 'cy', '1 Ebrill 2014'],
    ['2013-12-09', 'cy', '9 Rhagfyr 2013'],
    ['2013-07-05', 'cy', '5 Gorffennaf 2013'],
  ] as const)('%s in %s is %s', (date, lang, expected) => {
    expect(formatLongDate(date, lang)).toBe(expected);
  });

  it('defaults to English', () => {
    expect(formatLongDate('2014-01-02')).toBe('2 January 2014');
  });

  it('has twelve month names in each language', () => {
    expect(MONTH_NAMES_EN).toHaveLength(12);
    expect(MONTH_NAMES_CY).toEqual([
      'Ionawr', 'Chwefror', 'Mawrth', 'Ebrill', 'Mai', 'Mehefin',
      'Gorffennaf', 'Awst', 'Medi', 'Hydref', 'Tachwedd', 'Rhagfyr',
    ]);
  });
});

describe('intervalBetween and describeInterval', () => {
  it.each([
    ['2018-03-31', '2026-11-23', 8, 7, 23],
    ['2014-03-31', '2014-03-31', 0, 0, 0],
    ['2014-03-31', '2014-04-01', 0, 0, 1],
    ['2014-01-31', '2014-02-28', 0, 1, 0],
    ['2014-01-31', '2014-03-01', 0, 1, 1],
    ['2014-01-30', '2014-03-01', 0, 1, 1],
    ['2014-03-31', '2014-04-30', 0, 1, 0],
    ['2014-03-31', '2014-05-01', 0, 1, 1],
    ['2014-03-30', '2014-04-29', 0, 0, 30],
    ['2024-02-29', '2025-02-28', 1, 0, 0],
    ['2024-02-29', '2025-03-01', 1, 0, 1],
    ['2023-02-28', '2024-02-29', 1, 0, 1],
    ['2013-04-01', '2014-03-31', 0, 11, 30],
    ['2013-12-31', '2014-12-31', 1, 0, 0],
    ['2011-04-01', '2014-04-01', 3, 0, 0],
  ])('%s -> %s is %d years %d months %d days', (from, to, years, months, days) => {
    expect(intervalBetween(from, to)).toEqual({ years, months, days });
  });

  it('negates every part when the second date is earlier', () => {
    expect(intervalBetween('2026-11-23', '2018-03-31')).toEqual({ years: -8, months: -7, days: -23 });
  });

  it('adds back up to the later date, with fewer days left over than a month', () => {
    const starts = ['2014-01-31', '2014-01-30', '2014-02-28', '2024-02-29', '2013-03-31', '2013-08-31', '2013-12-15'];
    for (const from of starts) {
      for (let offset = 0; offset < 800; offset += 7) {
        const to = addDays(from, offset);
        const { years, months, days } = intervalBetween(from, to);
        expect(years).toBeGreaterThanOrEqual(0);
        expect(months).toBeGreaterThanOrEqual(0);
        expect(months).toBeLessThan(12);
        expect(days).toBeGreaterThanOrEqual(0);
        expect(days).toBeLessThan(31);
        expect(addDays(addMonths(from, years * 12 + months), days)).toBe(to);
      }
    }
  });

  it.each([
    ['2018-03-31', '2026-11-23', '8 years 7 months'],
    ['2026-11-23', '2018-03-31', '8 years 7 months'],
    ['2014-03-01', '2014-04-04', '1 month 3 days'],
    ['2014-03-01', '2014-03-06', '5 days'],
    ['2014-03-01', '2014-03-02', '1 day'],
    ['2014-03-01', '2014-03-01', '0 days'],
    ['2014-03-01', '2015-03-01', '1 year'],
    ['2014-03-01', '2015-03-06', '1 year 5 days'],
    ['2014-03-01', '2016-04-06', '2 years 1 month'],
    ['2014-03-31', '2014-04-30', '1 month'],
  ])('describeInterval(%s, %s) = %s', (from, to, expected) => {
    expect(describeInterval(from, to)).toBe(expected);
  });
});

describe('civilDateInLondon', () => {
  it.each([
    ['2026-06-30T23:30:00Z', '2026-07-01'], // BST: already the next day in London
    ['2026-06-30T22:59:59Z', '2026-06-30'],
    ['2026-01-15T23:30:00Z', '2026-01-15'], // GMT: same as UTC
    ['2026-01-15T00:00:00Z', '2026-01-15'],
    ['2026-12-31T23:59:59Z', '2026-12-31'],
    ['2026-03-28T23:30:00Z', '2026-03-28'], // the night before the clocks go forward
    ['2026-03-29T23:30:00Z', '2026-03-30'], // the first night of BST
    ['2026-10-24T23:30:00Z', '2026-10-25'], // the last night of BST
    ['2026-10-25T23:30:00Z', '2026-10-25'], // back to GMT
    ['2014-03-31T23:00:00Z', '2014-04-01'],
  ])('%s is %s in London', (instant, expected) => {
    expect(civilDateInLondon(new Date(instant))).toBe(expected);
  });
});

describe('nextQuarterEnd', () => {
  it.each([
    ['2013-12-31', '2014-03-31'],
    ['2014-03-31', '2014-06-30'],
    ['2014-06-30', '2014-09-30'],
    ['2014-09-30', '2014-12-31'],
    ['2013-11-15', '2013-12-31'],
    ['2014-01-01', '2014-03-31'],
    ['2014-06-29', '2014-06-30'],
    ['2024-02-29', '2024-03-31'],
    ['2023-12-30', '2023-12-31'],
  ])('after %s: %s', (date, end) => {
    expect(nextQuarterEnd(date)).toBe(end);
  });
});
