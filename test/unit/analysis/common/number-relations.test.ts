/** Numbers worked out from others (sums, differences, products) and roundings: derived, not contradicted. */
import { describe, expect, it } from 'vitest';
import { derivation, derived, rounded } from '../../../../scripts/lib/analysis/common/number-relations.js';

describe('number relations', () => {
  it('says how it was worked out, for the reader to judge a chance sum', () => {
    expect(derivation([548], new Set([399, 149]))).toBe('399 + 149');
    expect(derivation([4], new Set([2, 9]))).toBe('2 × 2');
    expect(derivation([7], new Set([9, 2]))).toBe('9 − 2');
    expect(derivation([1], new Set([5, 9]))).toBeNull();
  });

  it('a sum, a difference or a product of two source numbers is derived', () => {
    expect(derived([310.8], new Set([41.9, 268.9]))).toBe(true);
    expect(derived([4], new Set([2]))).toBe(true);
    expect(derived([14], new Set([21, 7]))).toBe(true);
    expect(derived([13], new Set([2, 7]))).toBe(false);
  });
  it('a rounding has fewer significant digits and is within 5%', () => {
    expect(rounded([30], [29.6])).toBe(true);
    expect(rounded([1200], [1187])).toBe(true);
    expect(rounded([29.6], [30])).toBe(false);
    expect(rounded([40], [29.6])).toBe(false);
  });
});
