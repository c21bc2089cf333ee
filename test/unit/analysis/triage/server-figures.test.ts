/** Triage's whole-window figures from QueryTraceMetrics data points (shapes copied from mlflow 3.17.2's answers). */
import { describe, expect, it } from 'vitest';
import {
  assessmentsAggregate,
  verdictTotalsAggregate,
  costByModelAggregate,
  costPerDayAggregate,
  figureQueries,
  latencyAggregate,
  metricsScope,
  OPEN_END_MS,
  statesAggregate,
  tokensAggregate,
} from '../../../../scripts/lib/analysis/triage/server-figures.js';

const hour = (iso: string, status: string, n: number) => ({
  metric: 'trace_count',
  dimensions: { trace_status: status, time_bucket: iso },
  values: { COUNT: n },
});
const day = (iso: string, usd: number) => ({ metric: 'total_cost', dimensions: { time_bucket: `${iso}T00:00:00+00:00` }, values: { SUM: usd } });
const HOURLY = [hour('2026-10-05T00:00:00+00:00', 'OK', 6), hour('2026-10-05T13:00:00+00:00', 'ERROR', 2), hour('2026-10-06T23:00:00+00:00', 'OK', 4)];

describe('metricsScope: the filter as the endpoint words it', () => {
  it('tags, metadata, status, user, session and the application, with the window', () => {
    expect(
      metricsScope({
        status: 'ERROR',
        tags: [['app_version', '3.3.0']],
        metadata: [['region', 'eu']],
        user: 'u1',
        session: 's1',
        traceName: 'chat',
        sinceMs: 5,
        untilMs: 9,
      }),
    ).toEqual({
      filters: [
        'trace.status = "ERROR"',
        'trace.tag.app_version = "3.3.0"',
        'trace.metadata.region = "eu"',
        'trace.metadata.mlflow.trace.user = "u1"',
        'trace.metadata.mlflow.trace.session = "s1"',
        'trace.tag.mlflow.traceName = "chat"',
      ],
      startMs: 5,
      endMs: 9,
    });
    expect(metricsScope({})).toEqual({ filters: [], startMs: 0, endMs: OPEN_END_MS });
  });
  it('what it cannot express names itself: --filter, --min-ms, --feedback, --span-name, a quote in a value, a key with a space', () => {
    for (const spec of [{ raw: "tag.x = 'y'" }, { minExecutionMs: 10 }, { feedback: [['ok', 'no']] as Array<[string, string]> }, { spanName: 'llm' }])
      expect(metricsScope(spec)).toMatchObject({ unexpressible: expect.stringMatching(/--filter|--min-ms|--feedback|--span-name/) });
    expect(metricsScope({ tags: [['k', 'a"b']] })).toMatchObject({ unexpressible: expect.stringContaining('trace.tag.k') });
    expect(metricsScope({ tags: [['a key', 'v']] })).toMatchObject({ unexpressible: expect.stringContaining('a key') });
  });
});

describe('figureQueries', () => {
  it('one request per figure, with what 3.17.2 accepts (no COUNT on latency or tokens; cost by model only)', () => {
    const q = figureQueries('7', { filters: ['trace.status = "OK"'], startMs: 0, endMs: 10 });
    expect(q.traces).toMatchObject({ view: 'TRACES', metric: 'trace_count', dimensions: ['trace_status'], experimentIds: ['7'] });
    expect(q.latency.aggregations.map((a) => a.type)).toEqual(['PERCENTILE', 'PERCENTILE', 'MAX']);
    expect(q.tokens.aggregations.map((a) => a.type)).not.toContain('COUNT');
    expect(q.costPerDay).toMatchObject({ view: 'SPANS', metric: 'total_cost', intervalSeconds: 86_400 });
    expect(q.costByModel.dimensions).toEqual(['span_model_name']);
    expect(q.assessments).toMatchObject({ view: 'ASSESSMENTS', dimensions: ['assessment_name'] });
    const { verdictTotals, ...rest } = q;
    for (const x of Object.values(rest)) expect(x.filters).toEqual(['trace.status = "OK"']);
    expect(verdictTotals.filters).toEqual(['trace.status = "OK"', 'assessment.type = "feedback"']);
  });
});

describe('data points to the sections’ aggregates', () => {
  it('states: counts per state, the first hour and the end of the last', () => {
    expect(statesAggregate(HOURLY, HOURLY)).toEqual({
      kind: 'states',
      counts: { OK: 10, ERROR: 2 },
      first: Date.parse('2026-10-05T00:00:00Z'),
      last: Date.parse('2026-10-07T00:00:00Z') - 1,
      hours: [
        { t: Date.parse('2026-10-05T00:00:00Z'), state: 'OK', n: 6 },
        { t: Date.parse('2026-10-05T13:00:00Z'), state: 'ERROR', n: 2 },
        { t: Date.parse('2026-10-06T23:00:00Z'), state: 'OK', n: 4 },
      ],
    });
    expect(statesAggregate([], [])).toEqual({ kind: 'states', counts: {}, first: null, last: null, hours: [] });
    expect(statesAggregate(HOURLY)).toEqual({ kind: 'states', counts: { OK: 10, ERROR: 2 }, first: null, last: null });
  });
  it('latency and tokens from the labelled values; none when the window has none', () => {
    expect(latencyAggregate([{ metric: 'latency', dimensions: {}, values: { 'P50.0': 1405, 'P95.0': 2005, MAX: 2005 } }], 432)).toEqual({
      kind: 'latency',
      count: 432,
      p50: 1405,
      p95: 2005,
      max: 2005,
    });
    expect(latencyAggregate([{ metric: 'latency', dimensions: {}, values: {} }], 0)).toBeNull();
    expect(tokensAggregate([{ metric: 'total_tokens', dimensions: {}, values: { SUM: 1188732, 'P50.0': 1798.5 } }])).toEqual({
      kind: 'tokens',
      median: 1798.5,
      total: 1188732,
    });
    expect(tokensAggregate([])).toBeNull();
  });
  it('cost per day beside the day’s traces; none when no span has a cost', () => {
    expect(costPerDayAggregate(HOURLY, [day('2026-10-05', 0.05), day('2026-10-06', 0.4)])).toEqual({
      kind: 'costPerDay',
      days: [
        { day: '2026-10-05', traces: 8, usd: 0.05 },
        { day: '2026-10-06', traces: 4, usd: 0.4 },
      ],
    });
    expect(costPerDayAggregate(HOURLY, [day('2026-10-05', 0)])).toBeNull();
  });
  it('cost per model, largest first; assessments per name', () => {
    const m = (model: string, usd: number) => ({ metric: 'total_cost', dimensions: { span_model_name: model }, values: { SUM: usd } });
    expect(costByModelAggregate([m('gpt-4o-mini', 0.1), m('gpt-4o', 2), m('free', 0)])).toEqual({
      kind: 'costByModel',
      models: [
        { model: 'gpt-4o', usd: 2 },
        { model: 'gpt-4o-mini', usd: 0.1 },
      ],
    });
    expect(costByModelAggregate([])).toBeNull();
    expect(assessmentsAggregate([{ metric: 'assessment_count', dimensions: { assessment_name: 'correct' }, values: { COUNT: 3 } }])).toEqual({
      kind: 'assessments',
      counts: { correct: 3 },
    });
  });
  it('feedback per name and stored value: positive and negative read as the traces’ verdicts are, a null value (a judge’s error) apart', () => {
    const v = (name: string, value: string, n: number) => ({
      metric: 'assessment_count',
      dimensions: { assessment_name: name, assessment_value: value },
      values: { COUNT: n },
    });
    const points = [
      v('correct', 'true', 7),
      v('correct', 'false', 2),
      v('correct', '"maybe"', 1),
      v('toxicity', '"high"', 3),
      v('toxicity', '"low"', 5),
      v('judge', 'null', 4),
    ];
    expect(verdictTotalsAggregate(points)).toEqual({
      kind: 'verdictTotals',
      perName: {
        correct: { judged: 10, positive: 7, negative: 2, noValue: 0 },
        toxicity: { judged: 8, positive: 5, negative: 3, noValue: 0 },
        judge: { judged: 0, positive: 0, negative: 0, noValue: 4 },
      },
    });
    const q = figureQueries('1', { filters: ['trace.status = "OK"'], startMs: 0, endMs: 1 }).verdictTotals;
    expect(q).toMatchObject({
      view: 'ASSESSMENTS',
      dimensions: ['assessment_name', 'assessment_value'],
      filters: ['trace.status = "OK"', 'assessment.type = "feedback"'],
    });
  });
});
