/** Numbers worked out from others (sums, differences, products) and roundings: derived, not contradicted. */
import { describe, expect, it } from 'vitest';
import { derivation, derived, operandNumbers, rounded } from '../../../../scripts/lib/analysis/common/number-relations.js';

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

  it('operands are amounts and counts: no digits of a phone number, id, email, date or time', () => {
    expect(operandNumbers('Call +47 912 34 567 or ola.dahl2@fjordtel.no about the 250 NOK fee')).toEqual([250]);
    const json = '{"invoice_id": "INV-2025-12-0429", "due": "2025-12-15", "at": "13:19", "ts": "2026-12-06T13:19:00Z", "amount": 399}';
    expect(operandNumbers(json)).toEqual([399]);
    expect(operandNumbers('sub_48213 ord-5521 tr-0036fe65baf7a24d: 5 GB for 12 months, a 30-day trial')).toEqual([5, 12, 30]);
    expect(derived([644], new Set(operandNumbers('+47 912 34 567, 77 SMS')))).toBe(false);
    expect(derived([644], new Set(operandNumbers('+47 912 34 567, 567 minutes and 77 SMS')))).toBe(true);
  });
});
