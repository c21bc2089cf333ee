/** The words a date or time is said after: back to the previous value or the sentence's start, a title's full stop not ending it. */
import { describe, expect, it } from 'vitest';
import { clauseWordsBefore } from '../../../../scripts/lib/analysis/common/clause.js';
import { sentenceStart } from '../../../../scripts/lib/analysis/common/sentences.js';

describe('clauseWordsBefore', () => {
  const text = 'Done. Your appointment with Dr. Aas is on 18 December at 15:30, and the desk closes at 18:00.';
  it('a title does not end the sentence; the previous sentence is not in it', () => {
    expect(sentenceStart(text, text.indexOf('15:30'))).toBe(text.indexOf('Your'));
    expect([...clauseWordsBefore(text, text.indexOf('on 18'))]).toEqual(['your', 'appointment', 'with', 'dr', 'aas', 'is']);
  });
  it('from a previous value on, only the words after it', () => {
    const at = text.indexOf('18:00');
    expect([...clauseWordsBefore(text, at, text.indexOf('15:30') + 5)]).toEqual(['and', 'the', 'desk', 'closes', 'at']);
  });
  it('a line break ends a sentence too', () => {
    const t = 'appointment: booked\nclinic opens at 08:00';
    expect(clauseWordsBefore(t, t.indexOf('08:00')).has('appointment')).toBe(false);
  });
});
