import { describe, expect, it } from 'vitest';
import { SERVER_COST_SOURCE } from '../../../../../scripts/lib/analysis/cost/daily-cost.js';
import { CostSection, costSection } from '../../../../../scripts/lib/analysis/triage/sections/cost.js';
import type { Trace } from '../../../../../scripts/lib/trace/trace.js';
import { triageOver } from '../../../../support/builders.js';
import { span, trace } from '../../../../support/spans.js';

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

describe('no recorded cost on any trace read', () => {
  it('the days priced from the table over the traces read with spans, through the fan-out; none when MLflow recorded a cost', () => {
    const call = (t: number) =>
      trace(`tr-${t}`, {
        requestTimeMs: t,
        spans: [
          span(`d${t}`, 'draft', {
            type: 'CHAT_MODEL',
            attrs: { 'mlflow.llm.model': 'gpt-4o', 'mlflow.chat.tokenUsage': { input_tokens: 1_000, output_tokens: 0, total_tokens: 1_000 } },
          }),
        ],
      });
    const infos = [call(Date.UTC(2026, 9, 5, 1)), call(Date.UTC(2026, 9, 5, 2))];
    const r = triageOver([costSection], infos, [[infos[0] as Trace, 'sample']]).result();
    expect(r.costPerDay).toBeNull();
    expect(r.costPerDayPriced).toMatchObject({ traces: 2, withSpans: 1, usd: 0.0025, perDay: [{ day: '2026-10-05', traces: 2, read: 1 }] });
    const costed = trace('tr-c', { requestTimeMs: Date.UTC(2026, 9, 5, 1), metadata: { 'mlflow.trace.cost': JSON.stringify({ total_cost: 0.001 }) } });
    const recorded = triageOver([costSection], [costed], [[costed, 'sample']]).result();
    expect(recorded.costPerDayPriced).toBeNull();
  });
});
