/**
 * The trace-metrics client against a stand-in HTTP server (the real server's answers, copied from
 * mlflow 3.17.2): paging, credentials, and every refusal as an answer or the CLI's error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode, SkillError } from '../../../scripts/lib/core/errors.js';
import { aggregationLabel, metricsEndpoint, metricsTimeline, queryMetrics, type MetricsQuery } from '../../../scripts/lib/mlflow/metrics.js';
import { standInServer } from '../../support/stand-in-server.js';

interface Seen {
  body: Record<string, unknown>;
  auth: string | undefined;
  url: string | undefined;
}
const seen: Seen[] = [];
let reply: (body: Record<string, unknown>) => { status: number; body: string } | 'hang' | 'reset';
let server: { url: string; close: () => void };
let base = '';

beforeAll(async () => {
  server = await standInServer((r) => {
    seen.push(r);
    return reply(r.body);
  });
  base = server.url;
});
afterAll(() => server.close());

const q: MetricsQuery = { experimentIds: ['3'], view: 'SPANS', metric: 'total_cost', aggregations: [{ type: 'SUM' }], dimensions: ['span_model_name'] };
const env = (extra: Record<string, string> = {}) => ({ MLFLOW_TRACKING_URI: base, ...extra });
const point = (model: string, sum: number) => ({ metric_name: 'total_cost', dimensions: { span_model_name: model }, values: { SUM: sum } });

describe('queryMetrics', () => {
  it('sends the request as the server reads it and follows next_page_token', async () => {
    seen.length = 0;
    reply = (b) =>
      b.page_token
        ? { status: 200, body: JSON.stringify({ data_points: [point('gpt-4o', 0.5)] }) }
        : { status: 200, body: JSON.stringify({ data_points: [point('gpt-4o-mini', 0.25)], next_page_token: 'p2' }) };
    const a = await queryMetrics({ ...q, filters: ['trace.tag.app_version = "3.3.0"'], intervalSeconds: 86_400, startMs: 1, endMs: 2 }, { env: env() });
    expect(a).toEqual({
      points: [point('gpt-4o-mini', 0.25), point('gpt-4o', 0.5)].map((p) => ({ metric: p.metric_name, dimensions: p.dimensions, values: p.values })),
      requests: 2,
    });
    expect(seen[0]?.url).toBe('/api/3.0/mlflow/traces/metrics');
    expect(seen[0]?.body).toMatchObject({
      experiment_ids: ['3'],
      view_type: 'SPANS',
      metric_name: 'total_cost',
      aggregations: [{ aggregation_type: 'SUM' }],
      dimensions: ['span_model_name'],
      filters: ['trace.tag.app_version = "3.3.0"'],
      time_interval_seconds: 86_400,
      start_time_ms: 1,
      end_time_ms: 2,
    });
    expect(seen[1]?.body.page_token).toBe('p2');
    // Each request timed for SKILL_PROFILE's breakdown: what it asked, when, how long.
    expect(
      metricsTimeline()
        .slice(-2)
        .map((r) => r.what),
    ).toEqual(['spans total_cost by span_model_name per 86400 s', 'spans total_cost by span_model_name per 86400 s']);
    expect(aggregationLabel({ type: 'PERCENTILE', percentile: 95 })).toBe('P95.0');
  });

  it('uses the CLI credentials: basic auth, else a bearer token, else the URI user; the URI password never stays in the URL', async () => {
    seen.length = 0;
    reply = () => ({ status: 200, body: '{}' });
    await queryMetrics(q, { env: env({ MLFLOW_TRACKING_USERNAME: 'ann', MLFLOW_TRACKING_PASSWORD: 'pw' }) });
    await queryMetrics(q, { env: env({ MLFLOW_TRACKING_TOKEN: 'tok' }) });
    await queryMetrics(q, { env: { MLFLOW_TRACKING_URI: base.replace('http://', 'http://bob:s3cret@') } });
    expect(seen.map((s) => s.auth)).toEqual([
      `Basic ${Buffer.from('ann:pw').toString('base64')}`,
      'Bearer tok',
      `Basic ${Buffer.from('bob:s3cret').toString('base64')}`,
    ]);
    const e = metricsEndpoint({ MLFLOW_TRACKING_URI: 'https://bob:s3cret@mlflow.example.com/prefix/' });
    expect('url' in e && e.url.toString()).toBe('https://mlflow.example.com/prefix/api/3.0/mlflow/traces/metrics');
  });

  it('refused credentials end like the CLI path: exit 9 and the same words, without the password', async () => {
    reply = () => ({ status: 401, body: 'You are not authenticated. Please see https://www.mlflow.org/docs/latest/auth/index.html' });
    const err = await queryMetrics(q, { env: env({ MLFLOW_TRACKING_USERNAME: 'ann', MLFLOW_TRACKING_PASSWORD: 'hunter2-secret' }) }).catch((e) => e);
    expect(err).toBeInstanceOf(SkillError);
    expect(err.exitCode).toBe(ExitCode.AUTH);
    expect(err.message).toMatch(/^The tracking server refused the credentials \(authentication failed\): .*error code 401 != 200/);
    expect(`${err.message} ${err.hint}`).not.toContain('hunter2');
    reply = () => ({ status: 403, body: 'Permission denied' });
    expect((await queryMetrics(q, { env: env() }).catch((e) => e)).message).toMatch(/denied access \(permission denied\)/);
  });

  it('a dead server is exit 4, as with the CLI', async () => {
    const err = await queryMetrics(q, { env: { MLFLOW_TRACKING_URI: 'http://127.0.0.1:9' } }).catch((e) => e);
    expect(err.exitCode).toBe(ExitCode.UNREACHABLE);
    expect(err.message).toMatch(/^The tracking server did not answer: ECONNREFUSED/);
  });

  it('a kept-alive socket the server dropped is asked once more on a fresh one; a reset on a fresh socket is exit 4', async () => {
    const ok = { status: 200, body: JSON.stringify({ data_points: [point('gpt-4o', 1)] }) };
    reply = () => ok;
    await queryMetrics(q, { env: env() });
    let resets = 1;
    reply = () => (resets-- > 0 ? 'reset' : ok);
    const before = seen.length;
    const answer = await queryMetrics(q, { env: env() });
    expect(answer).toMatchObject({ points: [{ values: { SUM: 1 } }] });
    expect(seen.length - before).toBe(2);
    reply = () => 'reset';
    const err = await queryMetrics(q, { env: env() }).catch((e) => e);
    expect(err.exitCode).toBe(ExitCode.UNREACHABLE);
    expect(err.message).toMatch(/^The tracking server did not answer: ECONNRESET/);
  });

  it('what the server declines is an answer to fall back on, in its own words', async () => {
    reply = () => ({
      status: 400,
      body: JSON.stringify({
        error_code: 'INVALID_PARAMETER_VALUE',
        message: "Found invalid dimension(s): ['span_name']. Supported dimensions: ['span_model_name', 'span_model_provider']",
      }),
    });
    expect(await queryMetrics({ ...q, dimensions: ['span_name'] }, { env: env() })).toEqual({
      refused:
        "the server declined spans total_cost by span_name (HTTP 400): INVALID_PARAMETER_VALUE: Found invalid dimension(s): ['span_name']. Supported dimensions: ['span_model_name', 'span_model_provider']",
      requests: 1,
    });
    reply = () => ({ status: 404, body: '<html>Not Found</html>' });
    expect(await queryMetrics(q, { env: env() })).toMatchObject({ refused: expect.stringMatching(/no trace-metrics endpoint \(HTTP 404/) });
    reply = () => ({ status: 200, body: 'not json' });
    expect(await queryMetrics(q, { env: env() })).toMatchObject({ refused: 'the metrics answer was not the expected JSON' });
    reply = () => 'hang';
    expect(await queryMetrics(q, { env: env(), timeoutMs: 300 })).toMatchObject({ refused: expect.stringMatching(/no answer within/) });
  });

  it('file and SQL stores and Databricks have no endpoint: paging, said why', async () => {
    for (const [uri, why] of [
      ['sqlite:///x.db', /local or SQL store/],
      ['postgresql://u:p@db/m', /local or SQL store/],
      ['databricks', /Databricks/],
      ['', /no MLFLOW_TRACKING_URI/],
    ] as const)
      expect((await queryMetrics(q, { env: { MLFLOW_TRACKING_URI: uri } })) as { refused: string }).toMatchObject({
        refused: expect.stringMatching(why),
        requests: 0,
      });
  });
});
