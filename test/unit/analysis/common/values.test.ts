import { describe, expect, it } from 'vitest';
import { currencyOnly, editDistance, extractValues, howDiffers, locateKey, type Value, within } from '../../../../scripts/lib/analysis/common/values.js';

describe('values', () => {
  it('reads a phone number in international form as one id, compared by its digits', () => {
    const ids = (t: string) =>
      extractValues(t)
        .filter((v) => v.kind === 'id')
        .map((v) => [v.text, v.key]);
    expect(ids('Call +47 912 34 567 or +1-415-555-0142.')).toEqual([
      ['+47 912 34 567', '4791234567'],
      ['+1-415-555-0142', '14155550142'],
    ]);
    expect(ids('3 + 4 = 7, a score of +12 points')).toEqual([]);
  });

  it('finds a key where it is written, a phone number by its digits', () => {
    expect(locateKey('Call me on +47 912 34 567 today', '4791234567')).toEqual({ index: 11, written: '+47 912 34 567' });
    expect(locateKey('ref bk-58213', 'BK-58213')).toEqual({ index: 4, written: 'bk-58213' });
    expect(locateKey('nothing here', '4791234567')).toBeNull();
  });

  it('an amount before a colon is a value ("NOK 649: your plan"), a time is not two', () => {
    expect(extractValues('Your invoice was NOK 649: your plan').map((v) => v.text)).toContain('NOK 649');
    expect(extractValues('It departs at 07:40.').filter((v) => v.kind === 'quantity')).toEqual([]);
  });

  it('reads 2 pm and 14:00 as one time, 9 December and 2026-12-09 as one day', () => {
    expect(extractValues('at 2 pm').find((v) => v.kind === 'time')?.key).toBe('14:00');
    expect(extractValues('at 14:00').find((v) => v.kind === 'time')?.key).toBe('14:00');
    expect(extractValues('on 9 December').find((v) => v.kind === 'date')?.key).toBe('12-09');
    expect(extractValues('due 2026-12-09').find((v) => v.kind === 'date')?.key).toBe('2026-12-09');
  });
  it('binds a quantity to the noun after it, and reads 1.5k as 1,500', () => {
    const [v] = extractValues('you may bring 3 checked bags');
    expect(v).toMatchObject({ kind: 'quantity', bound: 'checked bag', phrase: '3 checked bags', numbers: [3] });
    expect(extractValues('1.5k members')[0]?.numbers).toContain(1500);
    expect(extractValues('for 14 days').map((v) => v.kind)).toEqual(['quantity']);
  });
  it('binds no noun across a line break: the next line of a flattened JSON output is another field (trial t30f: "149\\ninvoices")', () => {
    expect(extractValues('invoices[3].lines[1].nok: 149\ninvoices[4].invoice_id: INV-648100').find((v) => v.key === '149')).toMatchObject({
      key: '149',
      bound: null,
      phrase: '149',
    });
    expect(extractValues('you may bring 3 checked\tbags')[0]?.bound).toBe('checked bag');
  });
  it('marks estimates and negations', () => {
    expect(extractValues('about 30 days')[0]?.approximate).toBe(true);
    expect(extractValues('not 3 bags')[0]?.negated).toBe(true);
  });
  it('reads a currency after the amount as its unit, binding the noun after it; an amount with no noun is bound to its currency only', () => {
    expect(extractValues('a 12 EUR bike fee')[0]).toMatchObject({ bound: 'EUR bike fee', phrase: '12 EUR bike fee' });
    const [fee] = extractValues('a seat reservation fee of 12 EUR.');
    expect(fee?.bound).toBe('EUR');
    expect(fee && currencyOnly(fee)).toBe(true);
    const [deposit] = extractValues('a €60 security deposit');
    expect(deposit && currencyOnly(deposit)).toBe(false);
  });
  it('reads a range of days as holding every day in it', () => {
    const range = extractValues('Geneva, 2-12 March').find((v) => v.kind === 'date');
    expect(range).toMatchObject({ key: '03-02', end: '03-12' });
    const day = (t: string) => extractValues(t).find((v) => v.kind === 'date') as Value;
    expect(range && within(day('on 12 March'), range)).toBe(true);
    expect(range && within(day('on 5 March'), range)).toBe(true);
    expect(range && within(day('on 14 March'), range)).toBe(false);
  });
  it('tells how two spellings differ', () => {
    expect(howDiffers('BK-52813', 'BK-58213')).toBe('two digits swapped');
    expect(howDiffers('BK-58212', 'BK-58213')).toBe('one digit changed');
    expect(editDistance('BK-52813', 'BK-58213')).toBe(1);
  });
});
