/** Day-relative words and calendar arithmetic: "tomorrow" from a "today is" date. */
import { describe, expect, it } from 'vitest';
import { addDays, isToday, relativeDays } from '../../../../scripts/lib/analysis/common/relative-days.js';
import { extractValues } from '../../../../scripts/lib/analysis/common/values.js';

describe('relativeDays', () => {
  it('finds each phrase once, the day after tomorrow not also as tomorrow', () => {
    expect(relativeDays('Is it free tomorrow morning?')).toEqual([{ phrase: 'tomorrow', days: 1, index: 11 }]);
    expect(relativeDays('the day after tomorrow, please')).toEqual([{ phrase: 'the day after tomorrow', days: 2, index: 0 }]);
    expect(relativeDays('I came yesterday and will come back today')).toEqual([
      { phrase: 'yesterday', days: -1, index: 7 },
      { phrase: 'today', days: 0, index: 36 },
    ]);
    expect(relativeDays('next week sometime')).toEqual([]);
  });
});

describe('isToday and addDays', () => {
  it('reads a full date said as today, and moves it over month and year ends', () => {
    const [today] = extractValues('Today is Thursday 31 December 2026.');
    expect(today && isToday(today)).toBe(true);
    const [other] = extractValues('The course ends on 31 December 2026.');
    expect(other && isToday(other)).toBe(false);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('12-31', 1)).toBeNull();
  });
});
