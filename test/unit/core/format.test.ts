/** The pure text helpers renderers and finding kinds share. */
import { describe, expect, it } from 'vitest';
import { clip, clipAtWord, clipKeeping, experimentLabel, fmtInt, fmtMs, msRange, oneLine, pct, plural } from '../../../scripts/lib/core/format.js';

describe('format', () => {
  it('durations, counts, shares and ranges', () => {
    expect([fmtMs(0.004), fmtMs(0.5), fmtMs(42.4), fmtMs(1500), fmtMs(61_000), fmtMs(null)]).toEqual(['<0.01ms', '0.5ms', '42ms', '1.50s', '1m1s', '?']);
    expect(fmtInt(1234567.4)).toBe('1,234,567');
    expect([pct(null), pct(0.004), pct(0.5), pct(0.996)]).toEqual(['?', '<1%', '50%', '100%']);
    expect([msRange(900, 900.2), msRange(800, 900)]).toEqual(['900ms', '800ms–900ms']);
    expect([plural(1, 'span'), plural(2, 'span')]).toEqual(['1 span', '2 spans']);
  });

  it('an experiment as the user gave it: a name with its id beside it, an id alone', () => {
    expect(experimentLabel('bank-helpdesk', '1')).toBe('bank-helpdesk (id 1)');
    // A name that looks like a number ("2024") and resolved to another experiment is a name too.
    expect(experimentLabel('2024', '7')).toBe('2024 (id 7)');
    expect([experimentLabel('1', '1'), experimentLabel(null, '1'), experimentLabel(undefined, '1')]).toEqual(['1', '1', '1']);
  });

  it('a cut always says how much and where the whole is', () => {
    expect(clip('abcdef', 3, 'inspect_turn tr-1')).toBe('abc… [+3 chars; whole: inspect_turn tr-1]');
    expect(oneLine(' a\n\n b ')).toBe('a b');
    // Prose is cut at the last space, not mid-word; a word as long as the line is cut where it must be.
    expect(clipAtWord('only escape of water is covered', 27, 'inspect_turn tr-1')).toBe('only escape of water is… [+8 chars; whole: inspect_turn tr-1]');
    expect(clipAtWord('abcdefgh ij', 6)).toBe('abcdef… [+5 chars]');
    expect(clipAtWord('short', 6)).toBe('short');
  });

  describe('clipKeeping: a cut keeps the values a finding names', () => {
    const text = `${'a'.repeat(100)} the booking BK-52813 is confirmed ${'b'.repeat(100)} for 3 checked bags ${'c'.repeat(100)}`;
    it('text that fits, or values inside the plain cut, cut as clip cuts', () => {
      expect(clipKeeping('short BK-1234', 40, ['BK-1234'])).toBe('short BK-1234');
      expect(clipKeeping(text, 130, ['BK-52813'], 'cmd')).toBe(clip(text, 130, 'cmd'));
      expect(clipKeeping(text, 50, [], 'cmd')).toBe(clip(text, 50, 'cmd'));
      expect(clipKeeping(text, 50, ['not there', '3'], 'cmd')).toBe(clip(text, 50, 'cmd'));
    });
    it('a value past the cut is kept in a window, each gap saying how much it cut, the end naming the whole', () => {
      const out = clipKeeping(text, 80, ['BK-52813'], 'inspect_turn tr-1 --span ab');
      expect(out).toContain('BK-52813');
      expect(out).toMatch(/^a+… \[\d+ chars cut\] …a* the booking BK-52813 is confirmed b+… \[\+\d+ chars; whole: inspect_turn tr-1 --span ab\]$/);
      // Every char is either shown or counted in a marker.
      const shown = out.replace(/… \[\+?([\d,]+) chars[^\]]*\]( …)?/g, (_, n: string) => 'x'.repeat(Number(n.replace(/,/g, ''))));
      expect(shown.length).toBe(text.length);
    });
    it('several values, matched regardless of case, in text order; a value at the end needs no tail marker', () => {
      const out = clipKeeping(text, 60, ['3 Checked Bags', 'bk-52813'], 'cmd');
      expect(out.indexOf('BK-52813')).toBeLessThan(out.indexOf('3 checked bags'));
      expect(clipKeeping(`${'a'.repeat(200)} ends BK-777`, 40, ['BK-777'], 'cmd')).toMatch(/… \[\d+ chars cut\] …a+ ends BK-777 \[whole: cmd\]$/);
    });
  });
});
