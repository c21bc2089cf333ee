import { describe, expect, it } from 'vitest';
import { fisherExact, rateDifference } from '../../../../scripts/lib/analysis/common/chance.js';
import { changedParts } from '../../../../scripts/lib/render/triage/change-switch.js';
import { differenceLine } from '../../../../scripts/lib/render/triage/changes.js';

describe('is a difference between two cohorts more than chance', () => {
  it("Fisher's exact test, two-sided, as R's fisher.test computes it", () => {
    // The lady tasting tea: 3 of 4 against 1 of 4.
    expect(fisherExact(3, 4, 1, 4)).toBeCloseTo(0.4857, 4);
    // matrix(c(1, 9, 9, 1), 2): 2 × (10·10 + 1) / C(20, 10) = 0.0010933.
    expect(fisherExact(1, 10, 9, 10)).toBeCloseTo(0.0010933, 7);
    expect(fisherExact(0, 50, 0, 50)).toBeCloseTo(1, 9);
    // Large cohorts (10,000 traces) stay finite and exact (scipy.stats.fisher_exact: 0.0128164).
    expect(fisherExact(400, 6000, 320, 4000)).toBeCloseTo(0.0128164, 6);
    expect(fisherExact(10, 225, 4, 75)).toBeCloseTo(0.7551313, 6);
  });

  it('a small error-rate gap between a big and a small cohort is within chance; a verdict flip is not', () => {
    const errors = rateDifference('errors', { n: 10, of: 225 }, { n: 4, of: 75 });
    expect(errors).toMatchObject({ withinChance: true });
    expect(errors?.p).toBeGreaterThan(0.5);
    const verdicts = rateDifference('negative verdicts', { n: 18, of: 54 }, { n: 17, of: 17 });
    expect(verdicts).toMatchObject({ withinChance: false });
    expect(rateDifference('errors', { n: 0, of: 0 }, { n: 1, of: 5 })).toBeNull();
    const r = { from: 'v12', to: 'v13' };
    expect(differenceLine(errors as never, r)).toMatch(
      /^errors 10\/225 4\.4% \(v12\) → 4\/75 5\.3% \(v13\): within chance \(Fisher's exact test, p = 0\.\d\d; a heuristic: it takes traces as independent\)$/,
    );
    expect(differenceLine(verdicts as never, r, false)).toBe('negative verdicts 18/54 33% (v12) → 17/17 100% (v13): beyond chance (p < 0.001)');
  });
});

describe('a long parameter (a system prompt) shows the part that changed', () => {
  it('keeps short values whole and cuts long ones to the changed part with context', () => {
    expect(changedParts('400', '18')).toBe('400 → 18');
    const a = 'You are Acme checkout. Always answer in full sentences, kindly and with care. Be friendly.';
    const b = 'You are Acme checkout. Always answer in full sentences, kindly and with care. Be brief.';
    expect(changedParts(a, b)).toBe('"…y and with care. Be friendly." → "…y and with care. Be brief."');
  });
});
