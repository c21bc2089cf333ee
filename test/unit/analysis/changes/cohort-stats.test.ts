/** One cohort's figures, with the counts behind every rate; its span table from its traces read with spans. */
import { describe, expect, it } from 'vitest';
import { cohortOf, rate, tally } from '../../../../scripts/lib/analysis/changes/cohort-stats.js';
import { BUILTIN_PRICES } from '../../../../scripts/lib/analysis/cost/prices.js';
import { facts, record, verdict } from '../../../support/change-records.js';

const recs = [
  record(1, {}, { state: 'ERROR', durationMs: 3_000 }),
  record(2, {}, { verdicts: [verdict('quality', true)] }),
  record(3, {}, { verdicts: [verdict('quality', false), verdict('safety', false)] }),
  record(4, {}, { durationMs: null }),
];
const spans = new Map([
  ['tr-2', facts('copilot', [['rank', 40]], { 'span.llm.model': 'gpt-4o' })],
  ['tr-3', facts('copilot', [['rank', 60]], { 'span.llm.model': 'gpt-4o' })],
  ['tr-4', facts('digest', [['batch', 30_000]])],
]);
const src = { facts: spans, label: (v: { name: string }) => v.name, prices: BUILTIN_PRICES };

describe('cohortOf', () => {
  const c = cohortOf('v8', recs, src);
  it('counts errors over the traces, negative verdicts over the judged ones, per verdict name too', () => {
    expect(c).toMatchObject({ value: 'v8', traces: 4, errors: rate(1, 4), negative: rate(1, 2), first: '1970-01-01T00:00:01.000Z' });
    expect(c.verdicts).toEqual([
      { name: 'quality', assessment: 'quality', source: 'LLM_JUDGE', ...rate(1, 2) },
      { name: 'safety', assessment: 'safety', source: 'LLM_JUDGE', ...rate(0, 1) },
    ]);
    expect(c.latency.p50).toBe(1_000);
  });
  it('tables the spans and parameters of the traces read with spans', () => {
    expect(c.spansRead).toBe(3);
    expect(c.spans.map((s) => s.name)).toEqual(['batch', 'rank']);
    expect(c.params).toEqual({ 'span.llm.model': [{ value: 'gpt-4o', count: 2 }] });
  });
  it("leaves another application's spans and traces out of range out of the table", () => {
    const only = cohortOf('v8', recs, { ...src, spanApp: 'copilot', inRange: (r) => r.t > 2_000 });
    expect([only.spansRead, only.spans.map((s) => s.name)]).toEqual([1, ['rank']]);
  });
});

it('tallies values, commonest first', () => {
  expect(tally(['a', 'b', 'b'])).toEqual([
    { value: 'b', count: 2 },
    { value: 'a', count: 1 },
  ]);
  expect(rate(0, 0).rate).toBeNull();
});
