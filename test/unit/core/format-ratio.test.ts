import { describe, expect, it } from 'vitest';
import { fmtRatio } from '../../../scripts/lib/core/format.js';

describe('fmtRatio: a ratio that reads right both ways', () => {
  it('a rise is ×N', () => {
    expect(fmtRatio(30, 1)).toBe('×30.0');
    expect(fmtRatio(3.04, 1)).toBe('×3.0');
    expect(fmtRatio(1, 1)).toBe('×1.0');
  });
  it('a thirty-fold fall is ÷30, never ×0.0', () => {
    expect(fmtRatio(0.00038, 0.0115)).toBe('÷30.3');
    expect(fmtRatio(1200, 3600)).toBe('÷3.0');
  });
  it('a small fall keeps two decimals', () => expect(fmtRatio(0.8, 1)).toBe('×0.80'));
  it('a zero side has no ratio', () => {
    expect(fmtRatio(1, 0)).toBeNull();
    expect(fmtRatio(0, 1)).toBeNull();
  });
});
