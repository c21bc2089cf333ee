/** What differs between two cohorts: the span that slowed, the parameter that changed, the rates beyond chance. */
import { describe, expect, it } from 'vitest';
import type { Cohort } from '../../../../scripts/lib/analysis/changes/change-report.js';
import { differences, paramChanges, slowSpan } from '../../../../scripts/lib/analysis/changes/cohort-diff.js';

describe('slowSpan and paramChanges', () => {
  const cohort = (value: string, rank: number, maxTokens: string): Cohort => ({
    value,
    traces: 50,
    first: '',
    last: '',
    errors: { n: 0, of: 50, rate: 0 },
    negative: { n: 0, of: 0, rate: null },
    verdicts: [],
    latency: { p50: null, p95: null },
    tokensP50: null,
    spansRead: 50,
    spans: [
      { name: 'rank', count: 50, selfP50: rank, selfP95: rank, p50: rank },
      { name: 'llm', count: 50, selfP50: 700, selfP95: 800, p50: 700 },
    ],
    params: { 'span.llm.max_tokens': [{ value: maxTokens, count: 50 }], 'span.llm.model': [{ value: 'gpt-4o', count: 50 }] },
    finishReasons: [],
    cost: null,
  });
  it('names the span whose self time grew, with its ratio', () => {
    expect(slowSpan(cohort('v7', 40, '1024'), cohort('v8', 600, '256'))).toMatchObject({ name: 'rank', fromSelfP50: 40, toSelfP50: 600, ratio: 15 });
    expect(slowSpan(cohort('v7', 40, '1'), cohort('v8', 45, '1'))).toBeNull();
  });
  it('names the parameter whose usual value changed, and only that one', () => {
    expect(paramChanges(cohort('v7', 40, '1024'), cohort('v8', 600, '256'))).toEqual([
      { key: 'span.llm.max_tokens', from: '1024', to: '256', counts: { from: 50, fromOf: 50, to: 50, toOf: 50 } },
    ]);
  });
});

describe('differences', () => {
  const withRates = (errors: number, negative: number, of = 60): Cohort => ({
    ...({} as Cohort),
    errors: { n: errors, of, rate: errors / of },
    negative: { n: negative, of, rate: negative / of },
  });
  it('keeps a rate that moved, with its test; drops a kind none of either side had', () => {
    const d = differences(withRates(1, 0), withRates(20, 0));
    expect(d.map((x) => x.what)).toEqual(['errors']);
  });
});
