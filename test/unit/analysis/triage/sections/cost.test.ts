import { describe, expect, it } from 'vitest';
import { SERVER_COST_SOURCE } from '../../../../../scripts/lib/analysis/cost/daily-cost.js';
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
  it('no recorded cost: null, and the view prints nothing (a roll-up of 0.0, as MLflow prints for spans without cost, is none)', () => {
    const s = new CostSection();
    s.addInfo(read(0, null));
    s.addInfo(read(1, 0));
    expect(s.result().costPerDay).toBeNull();
  });

  it('on the metrics path: the server’s span cost per day (per request over all the day’s traces) and per model', () => {
    const s = new CostSection();
    s.addInfo(read(Date.UTC(2026, 9, 5, 1), 0.001));
    s.addAggregate({ kind: 'costPerDay', days: [{ day: '2026-10-05', traces: 4, usd: 0.02 }] });
    s.addAggregate({ kind: 'costByModel', models: [{ model: 'gpt-4o', usd: 0.02 }] });
    const r = s.result();
    expect(r.costPerDay).toMatchObject({ traces: 4, costed: 4, usd: 0.02, source: SERVER_COST_SOURCE, perDay: [{ day: '2026-10-05', perTrace: 0.005 }] });
    expect(r.costByModel).toEqual([{ model: 'gpt-4o', usd: 0.02 }]);
    expect(new CostSection().result().costByModel).toBeNull();
  });
});
