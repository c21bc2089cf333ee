/** The pure text helpers renderers and finding kinds share. */
import { describe, expect, it } from 'vitest';
import { clip, clipAtWord, fmtInt, fmtMs, msRange, oneLine, pct, plural } from '../../../scripts/lib/core/format.js';

describe('format', () => {
  it('durations, counts, shares and ranges', () => {
    expect([fmtMs(0.004), fmtMs(0.5), fmtMs(42.4), fmtMs(1500), fmtMs(61_000), fmtMs(null)]).toEqual(['<0.01ms', '0.5ms', '42ms', '1.50s', '1m1s', '?']);
    expect(fmtInt(1234567.4)).toBe('1,234,567');
    expect([pct(null), pct(0.004), pct(0.5), pct(0.996)]).toEqual(['?', '<1%', '50%', '100%']);
    expect([msRange(900, 900.2), msRange(800, 900)]).toEqual(['900ms', '800ms–900ms']);
    expect([plural(1, 'span'), plural(2, 'span')]).toEqual(['1 span', '2 spans']);
  });

  it('a cut always says how much and where the whole is', () => {
    expect(clip('abcdef', 3, 'inspect_turn tr-1')).toBe('abc… [+3 chars; whole: inspect_turn tr-1]');
    expect(oneLine(' a\n\n b ')).toBe('a b');
    // Prose is cut at the last space, not mid-word; a word as long as the line is cut where it must be.
    expect(clipAtWord('only escape of water is covered', 27, 'inspect_turn tr-1')).toBe('only escape of water is… [+8 chars; whole: inspect_turn tr-1]');
    expect(clipAtWord('abcdefgh ij', 6)).toBe('abcdef… [+5 chars]');
    expect(clipAtWord('short', 6)).toBe('short');
  });
});
