/**
 * A page of trace infos over REST against a stand-in server (answers shaped as mlflow 3.17.2's
 * `_search_traces_v3`): the request it sends, the CLI's JSON it writes, and the CLI asked instead
 * whenever the server gives no answer (the CLI's own error then stands).
 */
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ExitCode, SkillError } from '../../../scripts/lib/core/errors.js';
import { searchTraces } from '../../../scripts/lib/mlflow/reads.js';
import { cliInfo, durationMs, requestBody, searchInfosOverRest } from '../../../scripts/lib/mlflow/rest-search.js';
import { useFakeMlflow } from '../../support/fake-mlflow.js';
import { standInServer } from '../../support/stand-in-server.js';

const seen: Array<{ url: string | undefined; body: Record<string, unknown>; auth: string | undefined }> = [];
let reply: () => { status: number; body: string } = () => ({ status: 200, body: '{}' });
let server: { url: string; close: () => void };
let base = '';

beforeAll(async () => {
  server = await standInServer((r) => {
    seen.push(r);
    return reply();
  });
  base = server.url;
});
afterAll(() => server.close());
afterEach(() => vi.unstubAllEnvs());

// One TraceInfoV3 as the server's JSON has it (a Duration string, no execution_duration_ms).
const INFO = {
  trace_id: 'tr-0123456789abcdef0123456789abcdef',
  trace_location: { type: 'MLFLOW_EXPERIMENT', mlflow_experiment: { experiment_id: '7' } },
  request_time: '2026-12-01T09:00:00.250Z',
  execution_duration: '1.234567s',
  state: 'OK',
  trace_metadata: { 'mlflow.trace.session': 's-1' },
  tags: { app_version: '3.3.0' },
};

describe('the server JSON in the CLI shape', () => {
  it('a Duration in whole ms, as Duration.ToMilliseconds() gives the CLI', () => {
    expect(durationMs('1.234567s')).toBe(1234);
    expect(durationMs('2s')).toBe(2000);
    expect(durationMs('0.000900s')).toBe(0);
    expect(durationMs(undefined)).toBeNull();
    expect(cliInfo(INFO)).toEqual({ ...Object.fromEntries(Object.entries(INFO).filter(([k]) => k !== 'execution_duration')), execution_duration_ms: 1234 });
  });

  it('the request body: the experiment as a location, the order as a list, the filter and the page token', () => {
    expect(
      JSON.parse(requestBody({ experimentId: '7', maxResults: 500, filter: "trace.status = 'ERROR'", orderBy: 'timestamp_ms DESC', pageToken: 'p2' })),
    ).toEqual({
      locations: [{ type: 'MLFLOW_EXPERIMENT', mlflow_experiment: { experiment_id: '7' } }],
      max_results: 500,
      filter: "trace.status = 'ERROR'",
      order_by: ['timestamp_ms DESC'],
      page_token: 'p2',
    });
  });
});

describe('searchInfosOverRest', () => {
  it('posts to /api/3.0/mlflow/traces/search with the CLI credentials and prints what the CLI would', async () => {
    seen.length = 0;
    reply = () => ({ status: 200, body: JSON.stringify({ traces: [INFO], next_page_token: 'next' }) });
    const got = await searchInfosOverRest({ experimentId: '7', maxResults: 500 }, { env: { MLFLOW_TRACKING_URI: `${base}/`, MLFLOW_TRACKING_TOKEN: 't0k' } });
    expect(seen[0]?.url).toBe('/api/3.0/mlflow/traces/search');
    expect(seen[0]?.auth).toBe('Bearer t0k');
    expect(got).toEqual({ json: { traces: [{ info: cliInfo(INFO), data: { spans: [] } }], next_page_token: 'next' } });
  });

  it('an empty page is no traces and no token', async () => {
    reply = () => ({ status: 200, body: '{}' });
    expect(await searchInfosOverRest({ experimentId: '7', maxResults: 5 }, { env: { MLFLOW_TRACKING_URI: base } })).toEqual({
      json: { traces: [], next_page_token: null },
    });
  });

  it('anything but an answer is a refusal: no endpoint, a rejected filter, a 5xx, not JSON, no server, no server URI', async () => {
    const env = { MLFLOW_TRACKING_URI: base };
    for (const [status, body] of [
      [404, '<html>Not Found</html>'],
      [400, JSON.stringify({ error_code: 'INVALID_PARAMETER_VALUE', message: 'Invalid clause' })],
      [503, 'Service Unavailable'],
      [200, 'not json'],
    ] as const) {
      reply = () => ({ status, body });
      expect(await searchInfosOverRest({ experimentId: '7', maxResults: 5 }, { env })).toHaveProperty('refused');
    }
    expect(await searchInfosOverRest({ experimentId: '7', maxResults: 5 }, { env: { MLFLOW_TRACKING_URI: 'http://127.0.0.1:1' } })).toHaveProperty('refused');
    expect(await searchInfosOverRest({ experimentId: '7', maxResults: 5 }, { env: { MLFLOW_TRACKING_URI: 'sqlite:///x.db' } })).toEqual({
      refused: 'the tracking URI is a local or SQL store, not a tracking server',
    });
  });

  it('refused credentials end the run as the CLI would (exit 9, its words), without asking the CLI to be refused again', async () => {
    reply = () => ({ status: 401, body: 'You are not authenticated. Please see documentation.' });
    const env = { MLFLOW_TRACKING_URI: base, MLFLOW_TRACKING_USERNAME: 'alice', MLFLOW_TRACKING_PASSWORD: 'wrong-pw' };
    const err = await searchInfosOverRest({ experimentId: '7', maxResults: 5 }, { env }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SkillError);
    expect((err as SkillError).exitCode).toBe(ExitCode.AUTH);
    expect((err as SkillError).message).not.toContain('wrong-pw');
  });
});

describe('searchTraces without spans on a tracking server', () => {
  it('is answered over REST (no mlflow process), into the cache entry in the CLI shape', async () => {
    const fake = useFakeMlflow(base);
    reply = () => ({ status: 200, body: JSON.stringify({ traces: [INFO] }) });
    const got = await searchTraces({ experimentId: '7', maxResults: 500, orderBy: 'timestamp_ms DESC', includeSpans: false }, {});
    expect(fake.calls()).toEqual([]);
    expect(JSON.parse(readFileSync(got.file, 'utf8'))).toEqual({ traces: [{ info: cliInfo(INFO), data: { spans: [] } }], next_page_token: null });
  });

  it('asks the CLI when the server gives no answer, and with spans always', async () => {
    const fake = useFakeMlflow(base);
    fake.answer('search', JSON.stringify({ traces: [], next_page_token: null }));
    reply = () => ({ status: 404, body: 'Not Found' });
    await searchTraces({ experimentId: '7', maxResults: 500, includeSpans: false }, {});
    await searchTraces({ experimentId: '7', maxResults: 500, includeSpans: true }, {});
    expect(fake.calls().map((c) => c.includes('--no-include-spans'))).toEqual([true, false]);
  });
});
