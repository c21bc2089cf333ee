/**
 * WHAT CHANGED's cost per request on the metrics path, against a stand-in tracking server: both
 * cohorts asked at once (three requests each, filtered by the cohort's value within the window),
 * and the sample answering, with the reason, when the server cannot.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ChangeAccumulator } from '../../../../scripts/lib/analysis/changes/changes.js';
import { readCohortCost } from '../../../../scripts/lib/commands/triage/cohort-cost-pass.js';
import type { TriageArgs } from '../../../../scripts/lib/commands/triage/triage-args.js';
import { type StandIn, standInMetricsServer } from '../../../support/metrics-server.js';
import { trace } from '../../../support/spans.js';

let server: StandIn;
beforeAll(async () => {
  server = await standInMetricsServer();
});
afterAll(() => server.close());
afterEach(() => vi.unstubAllEnvs());

const acc = new ChangeAccumulator();
for (let i = 0; i < 120; i++) acc.addInfo(trace(`tr-${i}`, { requestTimeMs: i * 600_000, tags: { app_version: i < 60 ? '2.7.0' : '2.8.0' } }));
const report = acc.report({});
const args = (o: Partial<TriageArgs> = {}) => ({ experimentId: '1', spec: { sinceMs: 5_000 }, cli: { timeoutMs: 5_000 }, ...o }) as unknown as TriageArgs;

/** Per cohort: traces, tokens and cost, read from the filter the request carries. */
const answers = (perCohort: Record<string, { traces: number; tokens: number; usd: number }>) => (b: { metric_name: string; filters?: string[] }) => {
  const value = /app_version = "(.+)"/.exec(b.filters?.at(-1) ?? '')?.[1] ?? '';
  const c = perCohort[value] ?? { traces: 0, tokens: 0, usd: 0 };
  const v =
    b.metric_name === 'trace_count'
      ? { values: { COUNT: c.traces } }
      : b.metric_name === 'total_tokens'
        ? { values: { SUM: c.tokens } }
        : { dimensions: { span_model_name: 'gpt-4o' }, values: { SUM: c.usd } };
  return { status: 200, body: { data_points: [{ metric_name: b.metric_name, ...v }] } };
};

describe('readCohortCost', () => {
  it('both cohorts over the whole window: three requests each, filtered by the value, from --since to the open end', async () => {
    vi.stubEnv('MLFLOW_TRACKING_URI', server.url);
    server.seen.length = 0;
    server.reply = answers({ '2.7.0': { traces: 600, tokens: 600_000, usd: 0.6 }, '2.8.0': { traces: 400, tokens: 1_200_000, usd: 8 } });
    expect(report.by).toBe('tag.app_version');
    const c = await readCohortCost(args(), true, report, null);
    expect(c).toMatchObject({ path: 'server', why: null, requests: 6 });
    expect(c?.cohorts.map((x) => [x.value, x.traces, x.perTrace, x.tokensPerTrace])).toEqual([
      ['2.7.0', 600, 0.001, 1_000],
      ['2.8.0', 400, 0.02, 3_000],
    ]);
    expect(server.seen.map((b) => b.filters?.at(-1)).sort()).toEqual([
      ...Array(3).fill('trace.tag.app_version = "2.7.0"'),
      ...Array(3).fill('trace.tag.app_version = "2.8.0"'),
    ]);
    expect(new Set(server.seen.map((b) => `${b.start_time_ms}-${b.end_time_ms}`))).toEqual(new Set([`5000-${Date.UTC(2100, 0, 1)}`]));
  });

  it('a version found before the window by the look-back is summed before the window', async () => {
    vi.stubEnv('MLFLOW_TRACKING_URI', server.url);
    server.seen.length = 0;
    server.reply = answers({ '2.7.0': { traces: 6, tokens: 6, usd: 0.6 }, '2.8.0': { traces: 4, tokens: 12, usd: 8 } });
    const onset = {
      key: 'tag.app_version',
      value: '2.8.0',
      read: 10,
      cut: false,
      lastGood: { traceId: 'tr-1', time: '2026-01-01T00:00:00.000Z', value: '2.7.0' },
      onset: null,
      windowStart: new Date(50_000).toISOString(),
    };
    await readCohortCost(args(), true, report, onset);
    const old = server.seen.filter((b) => b.filters?.at(-1)?.includes('2.7.0'));
    expect(old.map((b) => [b.start_time_ms, b.end_time_ms])).toEqual(Array(3).fill([0, 50_000]));
  });

  it('no recorded cost, a refused request, a span-parameter key: the sample answers, and says why; no server: nothing to say', async () => {
    vi.stubEnv('MLFLOW_TRACKING_URI', server.url);
    server.reply = answers({ '2.7.0': { traces: 6, tokens: 6, usd: 0 }, '2.8.0': { traces: 4, tokens: 12, usd: 0 } });
    expect(await readCohortCost(args(), true, report, null)).toMatchObject({
      path: 'sample',
      why: expect.stringMatching(/no span of cohort 2\.7\.0 has a cost recorded/),
    });
    server.reply = () => ({ status: 400, body: { error_code: 'INVALID_PARAMETER_VALUE', message: 'no such metric' } });
    expect(await readCohortCost(args(), true, report, null)).toMatchObject({ path: 'sample', why: expect.stringMatching(/declined .*no such metric/) });
    const bySpan = { ...report, by: 'span.draft.model' };
    expect(await readCohortCost(args(), true, bySpan, null)).toMatchObject({ path: 'sample', why: expect.stringMatching(/span parameter/), requests: 0 });
    expect(await readCohortCost(args(), false, report, null)).toBeNull();
  });
});
