/** One sentence splitter for quotes and clauses: titles, abbreviations, decimals and ellipses do not end a sentence; line breaks do. */
import { describe, expect, it } from 'vitest';
import { sentenceAt, sentenceBounds, sentencesOf, sentenceStart } from '../../../../scripts/lib/analysis/common/sentences.js';

describe('sentences', () => {
  it("a title's full stop does not end a sentence: the quote is not cut at 'with Dr.'", () => {
    const text = 'Done. Your appointment with Dr. Aas is on 18 December at 15:30. See you then!';
    expect(sentenceAt(text, text.indexOf('15:30'))).toBe('Your appointment with Dr. Aas is on 18 December at 15:30.');
    expect(sentenceStart(text, text.indexOf('Aas'))).toBe(text.indexOf('Your'));
    for (const t of ['Mr.', 'Mrs.', 'St.']) expect(sentencesOf(`Ask ${t} Olsen at the desk. Thanks.`)).toEqual([`Ask ${t} Olsen at the desk.`, 'Thanks.']);
  });

  it('a decimal, an abbreviation before a number or a lower-case word, and an ellipsis going on do not end one', () => {
    expect(sentencesOf('The fee is 1.5 times the fare. Pay at the desk.')).toEqual(['The fee is 1.5 times the fare.', 'Pay at the desk.']);
    expect(sentencesOf('Bring a document, e.g. a passport, and approx. 30 EUR for gate no. 5. Then board.')).toEqual([
      'Bring a document, e.g. a passport, and approx. 30 EUR for gate no. 5.',
      'Then board.',
    ]);
    expect(sentencesOf('Hmm... the flight is late… Boarding at 07:40.')).toEqual(['Hmm... the flight is late…', 'Boarding at 07:40.']);
    expect(sentencesOf('Bags, seats etc. The fee is 45 EUR.')).toEqual(['Bags, seats etc.', 'The fee is 45 EUR.']);
  });

  it('ends at ! ? and closing quotes, and at every line break', () => {
    expect(sentencesOf('Is it booked? Yes! It says "confirmed." Done')).toEqual(['Is it booked?', 'Yes!', 'It says "confirmed."', 'Done']);
    expect(sentencesOf('appointment: booked\nclinic opens at 08:00\n\n| a | b |')).toEqual(['appointment: booked', 'clinic opens at 08:00', '| a | b |']);
    const t = 'Total: 45 EUR.\nThe desk closes at 18:00';
    expect(sentenceStart(t, t.indexOf('18:00'))).toBe(t.indexOf('The'));
  });

  it("bounds: start, end and the next sentence's start; a quote reaches at most 80 characters either side", () => {
    const text = 'Done! Your booking BK-1042 is cancelled. Anything else?';
    expect(sentenceBounds(text, 0)).toEqual({ start: 0, end: 5, next: 6 });
    expect(sentenceBounds(text, text.indexOf('BK'))).toEqual({ start: 6, end: text.indexOf(' Anything'), next: text.indexOf('Anything') });
    const long = `${'word '.repeat(40)}15:30 ${'more '.repeat(40)}`;
    expect(sentenceAt(long, long.indexOf('15:30')).length).toBeLessThanOrEqual(160);
  });
});
