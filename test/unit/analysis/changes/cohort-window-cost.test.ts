/** A cohort's cost per request as the tracking server sums it: its filter, its three requests, its answers read. */
import { describe, expect, it } from 'vitest';
import { cohortMetricsFilter, cohortQueries, cohortWindowCost } from '../../../../scripts/lib/analysis/changes/cohort-window-cost.js';

const scope = { value: '2.8.0', filters: ['trace.status = "OK"'], startMs: 1_000, endMs: 9_000 };
const point = (values: Record<string, number>, dimensions: Record<string, string> = {}) => ({ metric: 'm', dimensions, values });

describe('cohortMetricsFilter', () => {
  it('a tag or metadata value as the endpoint words it; a span parameter, an unset cohort or a quote cannot be', () => {
    expect(cohortMetricsFilter('tag.app_version', '2.8.0')).toEqual({ filter: 'trace.tag.app_version = "2.8.0"' });
    expect(cohortMetricsFilter('metadata.mlflow.source.git.commit', 'abc')).toEqual({ filter: 'trace.metadata.mlflow.source.git.commit = "abc"' });
    expect(cohortMetricsFilter('span.draft.model', 'gpt-4o')).toEqual({ why: expect.stringMatching(/span parameter/) });
    expect(cohortMetricsFilter('tag.v', '(unset)')).toEqual({ why: expect.stringMatching(/without tag\.v/) });
    expect(cohortMetricsFilter('tag.v', 'a"b')).toEqual({ why: expect.stringMatching(/not expressible/) });
    expect(cohortMetricsFilter('tag.my key', 'a')).toEqual({ why: expect.stringMatching(/not expressible/) });
  });
});

describe('cohortQueries', () => {
  it('traces, tokens and recorded cost per model, each under the triage filters, the cohort and its range', () => {
    const q = cohortQueries('7', scope, 'trace.tag.app_version = "2.8.0"');
    expect(Object.values(q).map((x) => `${x.view} ${x.metric} ${x.aggregations.map((a) => a.type).join(',')} ${x.dimensions?.join(',') ?? ''}`)).toEqual([
      'TRACES trace_count COUNT ',
      'TRACES total_tokens SUM ',
      'SPANS total_cost SUM span_model_name',
    ]);
    for (const x of Object.values(q)) {
      expect(x.filters).toEqual(['trace.status = "OK"', 'trace.tag.app_version = "2.8.0"']);
      expect([x.startMs, x.endMs, x.experimentIds]).toEqual([1_000, 9_000, ['7']]);
    }
  });
});

describe('cohortWindowCost', () => {
  it('cost and tokens per request over every trace the server counted, per model largest first', () => {
    const c = cohortWindowCost(
      scope,
      {
        traces: [point({ COUNT: 40 })],
        tokens: [point({ SUM: 8_000 })],
        cost: [
          point({ SUM: 0.2 }, { span_model_name: 'gpt-4o-mini' }),
          point({ SUM: 0.6 }, { span_model_name: 'gpt-4o' }),
          point({ SUM: 0 }, { span_model_name: '' }),
        ],
      },
      10_000,
    );
    expect(c).toEqual({
      value: '2.8.0',
      traces: 40,
      usd: 0.8,
      perTrace: 0.02,
      tokens: 8_000,
      tokensPerTrace: 200,
      byModel: [
        { model: 'gpt-4o', usd: 0.6 },
        { model: 'gpt-4o-mini', usd: 0.2 },
      ],
      from: new Date(1_000).toISOString(),
      to: new Date(9_000).toISOString(),
    });
  });

  it('an open window has open ends; no tokens recorded is null, not zero', () => {
    const c = cohortWindowCost({ ...scope, startMs: 0, endMs: 10_000 }, { traces: [point({ COUNT: 2 })], tokens: [], cost: [point({ SUM: 1 })] }, 10_000);
    expect(c).toMatchObject({ from: null, to: null, tokens: null, tokensPerTrace: null, byModel: [{ model: '(no model name)', usd: 1 }] });
  });

  it('no trace counted, or no recorded cost: the sample answers, and the reason says which', () => {
    expect(cohortWindowCost(scope, { traces: [], tokens: [], cost: [] }, 10_000)).toEqual({ why: expect.stringMatching(/counted no trace of cohort 2\.8\.0/) });
    expect(cohortWindowCost(scope, { traces: [point({ COUNT: 3 })], tokens: [point({ SUM: 9 })], cost: [] }, 10_000)).toEqual({
      why: expect.stringMatching(/no span of cohort 2\.8\.0 has a cost recorded by MLflow .*priced over the sample/),
    });
  });
});
