import { describe, expect, it } from 'vitest';
import { describeDue, interpretDue } from '../packages/core/src/due.js';

// The core words its reading of "by when" text in both shipped languages, so the elements show the
// same interpretation in English and Welsh without wording it themselves.
const period = { start: '2017-04-01', end: '2018-03-31' };
describe('describeDue in Welsh', () => {
  it.each([
    ['31/03/2018', 'due 31 March 2018', 'erbyn 31 Mawrth 2018'],
    ['March 2018', 'due by 31 March 2018', 'erbyn 31 Mawrth 2018'],
    ['September 2017 - March 2018', 'due between 1 September 2017 and 31 March 2018', 'rhwng 1 Medi 2017 a 31 Mawrth 2018'],
    ['Ongoing', 'ongoing, no end date', 'parhaus, dim dyddiad gorffen'],
    ['Ongoing until March 2018', 'ongoing until 31 March 2018', 'parhaus tan 31 Mawrth 2018'],
    ['Quarterly until March 2018', 'each quarter until 31 March 2018', 'bob chwarter tan 31 Mawrth 2018'],
    ['TBC', 'date to be confirmed', 'dyddiad i’w gadarnhau'],
    ['November 2017 / March 2018', 'two dates: 30 November 2017 or 31 March 2018', '2 dyddiad: 30 Tachwedd 2017 neu 31 Mawrth 2018'],
  ])('%s', (text, english, welsh) => {
    const due = interpretDue(text, { period });
    expect(describeDue(due)).toBe(english);
    expect(describeDue(due, 'cy')).toBe(welsh);
  });
});
