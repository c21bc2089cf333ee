/** A cost rise on a span whose model switched, split into price (the new model at the old tokens), tokens and calls. */
import { describe, expect, it } from 'vitest';
import { type CallCost, summariseCost } from '../../../../scripts/lib/analysis/cost/call-costs.js';
import { type CostSplit, priceVolumeSplits } from '../../../../scripts/lib/analysis/cost/price-volume.js';
import { BUILTIN_PRICES, callCost } from '../../../../scripts/lib/analysis/cost/prices.js';

/** A call priced from the table (as MLflow's recorded cost would be, at the same prices). */
const call = (span: string, model: string, input: number, output: number): CallCost => ({
  span,
  model,
  input,
  output,
  usd: callCost(BUILTIN_PRICES, model, input, output),
  source: 'recorded',
  loggedChars: null,
});
const cohort = (n: number, calls: () => CallCost[]) =>
  summariseCost(
    Array.from({ length: n }, (_x, i) => ({ t: i, calls: calls() })),
    BUILTIN_PRICES,
  )!;

describe('priceVolumeSplits', () => {
  const before = cohort(10, () => [call('classify', 'gpt-4o-mini', 300, 12), call('draft', 'gpt-4o-mini', 1_200, 230)]);
  const after = cohort(10, () => [call('classify', 'gpt-4o-mini', 300, 12), call('draft', 'gpt-4o', 3_600, 230)]);

  it('price × tokens × calls is the rise per request; the price is the new model at the old tokens, from the table', () => {
    const [s] = priceVolumeSplits(before, after, BUILTIN_PRICES) as CostSplit[];
    expect(s).toMatchObject({ span: 'draft', modelFrom: 'gpt-4o-mini', modelTo: 'gpt-4o', calls: 1, priceFrom: 'the built-in price table (2026-11)' });
    // gpt-4o-mini at 1,200/230: $0.000318; gpt-4o at the same tokens: $0.0053 (×16.7); at 3,600/230: $0.0113 (×2.1 more).
    expect(s?.price).toBeCloseTo(0.0053 / 0.000318, 1);
    expect(s?.tokens).toBeCloseTo(0.0113 / 0.0053, 2);
    expect((s?.price ?? 0) * (s?.tokens ?? 0) * (s?.calls ?? 0)).toBeCloseTo(s?.ratio ?? 0, 9);
    expect(s?.inputPerCall).toEqual({ from: 1_200, to: 3_600 });
  });

  it('twice the calls per trace is its own factor', () => {
    const twice = cohort(10, () => [call('draft', 'gpt-4o', 1_200, 230), call('draft', 'gpt-4o', 1_200, 230)]);
    const [s] = priceVolumeSplits(before, twice, BUILTIN_PRICES) as CostSplit[];
    expect(s?.calls).toBeCloseTo(2, 9);
    expect(s?.tokens).toBeCloseTo(1, 9);
  });

  it('no split for a span whose model stayed, or whose cost fell (a rollback); said why when the new model has no price', () => {
    expect(priceVolumeSplits(after, before, BUILTIN_PRICES)).toEqual([]);
    expect(priceVolumeSplits(before, before, BUILTIN_PRICES)).toEqual([]);
    const unknown = cohort(10, () => [{ ...call('draft', 'acme-9', 3_600, 230), usd: 0.02 }]);
    expect(priceVolumeSplits(before, unknown, BUILTIN_PRICES)).toEqual([{ span: 'draft', why: 'acme-9 is not in the price table (--prices FILE adds it)' }]);
  });
});
