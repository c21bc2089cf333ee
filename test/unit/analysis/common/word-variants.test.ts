/** Failure fingerprints that differ in one word only are grouped as one failure. */
import { describe, expect, it } from 'vitest';
import { wordVariantGroups } from '../../../../scripts/lib/analysis/common/word-variants.js';

interface C {
  span: string;
  fp: string;
}
const groups = (items: C[]) =>
  wordVariantGroups(
    items,
    (c) => c.span,
    (c) => c.fp,
  ).map((g) => ({ fps: g.items.map((c) => c.fp), words: g.words, text: g.text }));

describe('word variants of a failure message', () => {
  it('groups messages that differ in one word at one place (a carrier each)', () => {
    const fp = (w: string) => `<n> Bad Request from ${w} (code <id>, trace <hex>)`;
    expect(groups([fp('GLS'), fp('DHL'), fp('PostNord')].map((f) => ({ span: 'buy_label', fp: f })))).toEqual([
      { fps: [fp('GLS'), fp('DHL'), fp('PostNord')], words: ['GLS', 'DHL', 'PostNord'], text: fp('{GLS|DHL|PostNord}') },
    ]);
  });

  it('finds the word inside punctuation, and keeps the punctuation', () => {
    const fp = (w: string) => `covers one fare class (${w} is missing).`;
    expect(groups([fp('Saver'), fp('Economy')].map((f) => ({ span: 'completeness', fp: f })))[0]).toMatchObject({
      words: ['Saver', 'Economy'],
      text: fp('{Saver|Economy}'),
    });
  });

  it('keeps apart other spans, two changed words, and placeholders that differ (<n> is no word)', () => {
    const out = groups([
      { span: 'a', fp: 'refused by db' },
      { span: 'b', fp: 'refused by cache' },
      { span: 'a', fp: 'timeout talking to db' },
      { span: 'a', fp: 'timeout reading from cache' },
      { span: 'a', fp: 'code <n> from <id>' },
      { span: 'a', fp: 'code <hex> from <id>' },
    ]);
    expect(out.every((g) => g.fps.length === 1 && g.words.length === 0)).toBe(true);
  });

  it('puts an item in one family only, the largest first', () => {
    const out = groups([
      { span: 'a', fp: 'x from GLS to DE' },
      { span: 'a', fp: 'x from DHL to DE' },
      { span: 'a', fp: 'x from UPS to DE' },
      { span: 'a', fp: 'x from GLS to FR' },
    ]);
    expect(out[0]).toEqual({
      fps: ['x from GLS to DE', 'x from DHL to DE', 'x from UPS to DE'],
      words: ['GLS', 'DHL', 'UPS'],
      text: 'x from {GLS|DHL|UPS} to DE',
    });
    expect(out[1]).toEqual({ fps: ['x from GLS to FR'], words: [], text: 'x from GLS to FR' });
  });
});
