/** End dates in other words: "valid until", "expires", "ends" speak of one date; a start never does. */
import { describe, expect, it } from 'vitest';
import { isEndDate, sameEndSense } from '../../../../scripts/lib/analysis/common/date-sense.js';
import { extractValues } from '../../../../scripts/lib/analysis/common/values.js';

const date = (text: string) => extractValues(text).find((v) => v.kind === 'date');

describe('isEndDate', () => {
  it('reads an end in the words before a date, in prose and in flattened JSON', () => {
    for (const t of ['Your pass is valid until 31 March 2027.', 'expires: 2026-12-31', 'The plan ends on 30 June 2027.', 'runs till 4 May 2027'])
      expect(isEndDate(date(t) as NonNullable<ReturnType<typeof date>>), t).toBe(true);
  });
  it('a start, or a date with no end word, is not an end', () => {
    for (const t of ['valid from 1 May 2027', 'The course starts on 2 March 2027.', 'renews until 1 May 2027', 'Booked for 14 December 2026.'])
      expect(isEndDate(date(t) as NonNullable<ReturnType<typeof date>>), t).toBe(false);
  });
  it('two ends in different words are the same thing', () => {
    const a = date('membership valid until 31 July 2027');
    const b = date('expires: 2027-04-30');
    expect(a && b && sameEndSense(a, b)).toBe(true);
  });
});
