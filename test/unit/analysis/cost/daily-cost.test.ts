import { describe, expect, it } from 'vitest';
import { DailyCostAccumulator, traceCostOf } from '../../../../scripts/lib/analysis/cost/daily-cost.js';
import { trace } from '../../../support/spans.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 9, 5);
const costed = (t: number, usd: number | null) =>
  trace(`tr-${t}`, {
    requestTimeMs: t,
    metadata: usd === null ? {} : { 'mlflow.trace.cost': JSON.stringify({ input_cost: usd / 2, output_cost: usd / 2, total_cost: usd }) },
  }).info;

describe('cost per day from the recorded roll-up on each trace info', () => {
  it('sums per UTC day, per request over the costed traces only', () => {
    const acc = new DailyCostAccumulator();
    for (let i = 0; i < 4; i++) acc.addInfo(costed(T0 + i * 3_600_000, 0.001));
    for (let i = 0; i < 4; i++) acc.addInfo(costed(T0 + DAY + i * 3_600_000, i === 0 ? null : 0.03));
    const r = acc.result();
    expect(r).toMatchObject({ traces: 8, costed: 7 });
    expect(r?.usd).toBeCloseTo(0.094);
    expect(r?.perDay.map((d) => [d.day, d.traces, d.costed])).toEqual([
      ['2026-10-05', 4, 4],
      ['2026-10-06', 4, 3],
    ]);
    expect(r?.perDay[1]?.perTrace).toBeCloseTo(0.03);
  });
  it('nothing recorded: no result (never a made-up price)', () => {
    const acc = new DailyCostAccumulator();
    acc.addInfo(costed(T0, null));
    expect(acc.result()).toBeNull();
    expect(traceCostOf(costed(T0, null))).toBeNull();
  });
  it('days aggregated elsewhere add up with the ones read', () => {
    const acc = new DailyCostAccumulator();
    acc.addDay('2026-10-05', 10, 10, 0.5);
    acc.addInfo(costed(T0, 0.5));
    expect(acc.result()?.perDay).toEqual([{ day: '2026-10-05', traces: 11, costed: 11, usd: 1, perTrace: 1 / 11 }]);
  });
});
