/** Cost per day where MLflow recorded none: the traces read with spans priced from the table, per day, or why not. */
import { describe, expect, it } from 'vitest';
import { PricedDaysAccumulator } from '../../../../scripts/lib/analysis/cost/priced-days.js';
import { BUILTIN_PRICES } from '../../../../scripts/lib/analysis/cost/prices.js';
import { span, trace } from '../../../support/spans.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 9, 5);
/** A trace with one call of `model` (1,000 input, 100 output tokens), no recorded cost. */
const called = (i: number, ms: number, model: string) =>
  trace(`tr-${i}`, {
    requestTimeMs: ms,
    spans: [
      span(`r${i}`, 'app', { type: 'AGENT' }),
      span(`d${i}`, 'draft', {
        parentId: `r${i}`,
        type: 'CHAT_MODEL',
        attrs: { 'mlflow.llm.model': model, 'mlflow.chat.tokenUsage': { input_tokens: 1_000, output_tokens: 100, total_tokens: 1_100 } },
      }),
    ],
  });

describe('PricedDaysAccumulator', () => {
  it('prices each day over its traces read with spans (once each), beside the traces read that day', () => {
    const acc = new PricedDaysAccumulator(BUILTIN_PRICES);
    const traces = [called(1, T0, 'gpt-4o-mini'), called(2, T0 + 1, 'gpt-4o-mini'), called(3, T0 + DAY, 'gpt-4o'), called(4, T0 + DAY, 'gpt-4o')];
    for (const t of traces) acc.addInfo(t.info);
    acc.addSpans(traces[0] as never, 'sample');
    acc.addSpans(traces[2] as never, 'slow');
    acc.addSpans(traces[2] as never, 'sample');
    const r = acc.result();
    // gpt-4o-mini: 1,000 × 0.15 + 100 × 0.6 per 1M = $0.00021; gpt-4o: 1,000 × 2.5 + 100 × 10 = $0.0035.
    expect(r?.perDay).toEqual([
      { day: '2026-10-05', traces: 2, read: 1, usd: expect.closeTo(0.00021, 9), perTrace: expect.closeTo(0.00021, 9) },
      { day: '2026-10-06', traces: 2, read: 1, usd: expect.closeTo(0.0035, 9), perTrace: expect.closeTo(0.0035, 9) },
    ]);
    expect(r).toMatchObject({ traces: 4, withSpans: 2, roles: { sample: 1, slow: 1 }, pricedCalls: 2, cannot: null, source: BUILTIN_PRICES.source });
  });

  it('a model the table does not know: listed, its calls left out; only such models: why nothing is priced', () => {
    const acc = new PricedDaysAccumulator(BUILTIN_PRICES);
    const t = called(1, T0, 'acme-triage-7b');
    acc.addInfo(t.info);
    acc.addSpans(t, 'sample');
    expect(acc.result()).toMatchObject({
      unknownModels: [{ model: 'acme-triage-7b', calls: 1 }],
      cannot: expect.stringMatching(/acme-triage-7b.*--prices FILE/),
    });
  });

  it('no trace read with spans: says so; no trace read, or none records tokens (no model ran): null', () => {
    const acc = new PricedDaysAccumulator(BUILTIN_PRICES);
    expect(acc.result()).toBeNull();
    acc.addInfo(called(1, T0, 'gpt-4o').info);
    expect(acc.result()).toBeNull();
    const usage = { 'mlflow.trace.tokenUsage': JSON.stringify({ input_tokens: 1_000, output_tokens: 100, total_tokens: 1_100 }) };
    acc.addInfo(trace('tr-2', { requestTimeMs: T0, metadata: usage }).info);
    expect(acc.result()?.cannot).toMatch(/no trace was read with spans/);
  });
});
