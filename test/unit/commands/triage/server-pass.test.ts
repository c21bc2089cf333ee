/**
 * The metrics path against a stand-in tracking server (answers shaped as mlflow 3.17.2's): every
 * figure asked once, a declined one filled from the traces read and said so, a refused count or
 * an inexpressible filter leaves paging, and refused credentials end the run (exit 9).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { TriageAccumulator } from '../../../../scripts/lib/analysis/triage/accumulator.js';
import { readServerFigures } from '../../../../scripts/lib/commands/triage/server-pass.js';
import type { TriageArgs } from '../../../../scripts/lib/commands/triage/triage-args.js';
import { ExitCode, SkillError } from '../../../../scripts/lib/core/errors.js';
import { type StandIn, standInMetricsServer } from '../../../support/metrics-server.js';

type Body = { view_type: string; metric_name: string };
let reply: (b: Body) => { status: number; body: unknown };
const seen: Body[] = [];
let server: StandIn;
let base = '';

beforeAll(async () => {
  server = await standInMetricsServer((b) => {
    seen.push(b);
    return reply(b);
  });
  base = server.url;
});
afterAll(() => server.close());
afterEach(() => vi.unstubAllEnvs());

const ANSWERS: Record<string, unknown> = {
  trace_count: {
    data_points: [
      { metric_name: 'trace_count', dimensions: { trace_status: 'OK', time_bucket: '2026-10-05T00:00:00+00:00' }, values: { COUNT: 9 } },
      { metric_name: 'trace_count', dimensions: { trace_status: 'ERROR', time_bucket: '2026-10-05T01:00:00+00:00' }, values: { COUNT: 1 } },
    ],
  },
  latency: { data_points: [{ metric_name: 'latency', values: { 'P50.0': 100, 'P95.0': 900, MAX: 1000 } }] },
  total_tokens: { data_points: [{ metric_name: 'total_tokens', values: { 'P50.0': 50, SUM: 500 } }] },
  total_cost: { data_points: [{ metric_name: 'total_cost', dimensions: { span_model_name: 'gpt-4o' }, values: { SUM: 1.5 } }] },
  assessment_count: { data_points: [{ metric_name: 'assessment_count', dimensions: { assessment_name: 'correct' }, values: { COUNT: 4 } }] },
};
const declined = { status: 400, body: { error_code: 'INVALID_PARAMETER_VALUE', message: "Found invalid aggregation_type(s): ['COUNT']." } };

const args = (o: Partial<TriageArgs> = {}) => ({ experimentId: '1', spec: {}, paging: false, cli: { timeoutMs: 5_000 }, ...o }) as unknown as TriageArgs;

describe('readServerFigures', () => {
  it('asks each figure once and fills the sections; the result says the server answered each', async () => {
    vi.stubEnv('MLFLOW_TRACKING_URI', base);
    seen.length = 0;
    reply = (b) => ({ status: 200, body: ANSWERS[b.metric_name] ?? {} });
    const acc = new TriageAccumulator();
    const s = await readServerFigures(args(), acc);
    expect(s).toMatchObject({ path: 'server', why: null, traces: 10, requests: 9 });
    // The stand-in's span cost has no day bucket: no cost per day to show, so the traces read answer it, said (a server that summed no cost).
    expect(s.figures.filter((f) => f.path !== 'server')).toEqual([
      { figure: 'costPerDay', path: 'paging', why: 'the server summed no span cost in the window (MLflow recorded none: mlflow.llm.cost)' },
    ]);
    expect(seen.map((b) => `${b.view_type} ${b.metric_name}`)).toEqual([
      'TRACES trace_count',
      'TRACES trace_count',
      'TRACES trace_count',
      'TRACES latency',
      'TRACES total_tokens',
      'SPANS total_cost',
      'SPANS total_cost',
      'ASSESSMENTS assessment_count',
      'ASSESSMENTS assessment_count',
    ]);
    const f = acc.result();
    expect([f.traces, f.states, f.latency.traces, f.tokens.median, f.costByModel, f.assessments]).toEqual([
      10,
      { OK: 9, ERROR: 1 },
      { count: 10, p50: 100, p95: 900, max: 1000 },
      50,
      [{ model: 'gpt-4o', usd: 1.5 }],
      { correct: 4 },
    ]);
  });

  it('a declined figure comes from the traces read, with the server’s reason', async () => {
    vi.stubEnv('MLFLOW_TRACKING_URI', base);
    reply = (b) => (b.metric_name === 'latency' ? declined : { status: 200, body: ANSWERS[b.metric_name] ?? {} });
    const s = await readServerFigures(args(), new TriageAccumulator());
    expect(s.path).toBe('server');
    expect(s.figures.find((f) => f.figure === 'latency')).toEqual({
      figure: 'latency',
      path: 'paging',
      why: expect.stringMatching(/declined traces latency \(HTTP 400\): INVALID_PARAMETER_VALUE/),
    });
  });

  it('refused counts, no endpoint, an inexpressible filter, a local store or --paging: every figure paged, and why', async () => {
    vi.stubEnv('MLFLOW_TRACKING_URI', base);
    reply = () => ({ status: 404, body: {} });
    expect(await readServerFigures(args(), new TriageAccumulator())).toMatchObject({
      path: 'paging',
      why: expect.stringMatching(/no trace-metrics endpoint/),
      requests: 1,
    });
    expect(await readServerFigures(args({ spec: { minExecutionMs: 5 } }), new TriageAccumulator())).toMatchObject({
      why: expect.stringMatching(/--min-ms/),
      requests: 0,
    });
    expect((await readServerFigures(args({ paging: true }), new TriageAccumulator())).why).toBe('--paging');
    vi.stubEnv('MLFLOW_TRACKING_URI', 'sqlite:///x.db');
    const local = await readServerFigures(args(), new TriageAccumulator());
    expect(local).toMatchObject({ path: 'paging', why: expect.stringMatching(/local or SQL store/) });
    expect(local.figures.every((f) => f.path === 'paging')).toBe(true);
  });

  it('refused credentials end the run as the CLI path does: exit 9', async () => {
    vi.stubEnv('MLFLOW_TRACKING_URI', base);
    vi.stubEnv('MLFLOW_TRACKING_USERNAME', 'ann');
    vi.stubEnv('MLFLOW_TRACKING_PASSWORD', 'wrong-pw');
    reply = () => ({ status: 401, body: { error_code: 'UNAUTHENTICATED', message: 'You are not authenticated.' } });
    const err = await readServerFigures(args(), new TriageAccumulator()).catch((e) => e);
    expect(err).toBeInstanceOf(SkillError);
    expect((err as SkillError).exitCode).toBe(ExitCode.AUTH);
    expect((err as Error).message).not.toContain('wrong-pw');
  });
});
