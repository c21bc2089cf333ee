import { describe, expect, it } from 'vitest';
import { CostSection } from '../../../../../scripts/lib/analysis/triage/sections/cost.js';
import { trace } from '../../../../support/spans.js';

const read = (t: number, usd: number | null) => {
  const tr = trace(`tr-${t}`, { requestTimeMs: t, metadata: usd === null ? {} : { 'mlflow.trace.cost': JSON.stringify({ total_cost: usd }) } });
  return { trace: tr, member: { id: tr.info.traceId, t, kv: [] } } as never;
};

describe('the cost section', () => {
  it('cost per day from each trace info read', () => {
    const s = new CostSection();
    s.addInfo(read(Date.UTC(2026, 9, 5, 1), 0.001));
    s.addInfo(read(Date.UTC(2026, 9, 6, 1), 0.03));
    expect(s.result().costPerDay?.perDay.map((d) => [d.day, d.usd])).toEqual([
      ['2026-10-05', 0.001],
      ['2026-10-06', 0.03],
    ]);
  });
  it('no recorded cost: null, and the view prints nothing', () => {
    const s = new CostSection();
    s.addInfo(read(0, null));
    expect(s.result().costPerDay).toBeNull();
  });
});
