/** The two mlflow reads as typed calls, over a fake mlflow: their arguments, the cache in front, --out-dir copies. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SkillError } from '../../../scripts/lib/core/errors.js';
import { cachedTrace, getTrace, pageSizeFor, SQL_STORE_PAGE, searchTraces, storeNamedTraces } from '../../../scripts/lib/mlflow/reads.js';
import { mlflowCallCount } from '../../../scripts/lib/mlflow/runner.js';
import { useFakeMlflow } from '../../support/fake-mlflow.js';
import { fixture, tempDir } from '../../support/helpers.js';

const text = (name: string) => readFileSync(fixture(name), 'utf8');
const HEALTHY = 'tr-5c61137f2ff4f43333cc5a62d793af26';
const SESSION = JSON.parse(text('search-wrapper-session.json')) as { traces: Array<{ info: { trace_id: string } }> };
const ids = SESSION.traces.map((t) => t.info.trace_id);

afterEach(() => vi.unstubAllEnvs());

/** How many mlflow processes `fn` started. */
async function callsDuring(fn: () => Promise<unknown>): Promise<number> {
  const before = mlflowCallCount();
  await fn();
  return mlflowCallCount() - before;
}

describe('traces get', () => {
  it('asks once; a finished trace is then answered from the cache, --fresh asks again', async () => {
    const fake = useFakeMlflow();
    fake.answer('get', text('get-healthy.json'));
    const got = await getTrace(HEALTHY, {});
    expect((got.json as { info: { trace_id: string } }).info.trace_id).toBe(HEALTHY);
    expect(fake.calls()).toEqual([['traces', 'get', '--trace-id', HEALTHY]]);
    expect(statSync(got.file).mode & 0o777).toBe(0o600);
    expect(await callsDuring(() => getTrace(HEALTHY, {}))).toBe(0);
    expect(await callsDuring(() => getTrace(HEALTHY, { fresh: true }))).toBe(1);
  });

  it('an unfinished trace, or an answer about another trace, is never reused', async () => {
    const fake = useFakeMlflow();
    const running = JSON.parse(text('get-healthy.json'));
    running.info.state = 'IN_PROGRESS';
    fake.answer('get', JSON.stringify(running));
    await getTrace(HEALTHY, {});
    expect(await callsDuring(() => getTrace(HEALTHY, {}))).toBe(1);
  });

  it('with --out-dir, the raw JSON is also kept there under the trace id', async () => {
    useFakeMlflow().answer('get', text('get-healthy.json'));
    const dir = tempDir('out-');
    const got = await getTrace(HEALTHY, { dir });
    expect(got.file).toBe(join(dir, `trace-${HEALTHY}.json`));
    expect(JSON.parse(readFileSync(got.file, 'utf8')).info.trace_id).toBe(HEALTHY);
  });

  it("a failure is mlflow's, typed; nothing is left in the cache", async () => {
    const fake = useFakeMlflow();
    fake.fail('get', `mlflow.exceptions.MlflowException: Trace with ID 'tr-404' not found.`);
    await expect(getTrace('tr-404', {})).rejects.toMatchObject({ kind: 'trace-not-found' });
    fake.answer('get', text('get-healthy.json'), 'tr-404');
    await expect(getTrace('tr-404', {})).resolves.toBeDefined();
    expect(fake.calls()).toHaveLength(2);
  });

  it('an answer that is not JSON is bad data, said as such', async () => {
    useFakeMlflow().answer('get', 'hello, not json');
    const err = await getTrace('tr-1', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SkillError);
    expect((err as SkillError).kind).toBe('bad-data');
  });
});

describe('traces search', () => {
  it('its arguments: experiment, JSON output, page size, and only the options given', async () => {
    const fake = useFakeMlflow();
    fake.answer('search', text('search-hotel-session-nospans.json'));
    await searchTraces(
      {
        experimentId: '7',
        filter: "metadata.`mlflow.trace.session` = 'x'",
        orderBy: 'timestamp_ms ASC',
        maxResults: 500,
        pageToken: 'tok',
        includeSpans: false,
      },
      {},
    );
    await searchTraces({ experimentId: '7', maxResults: 10, includeSpans: true }, { fresh: true });
    expect(fake.calls()).toEqual([
      [
        'traces',
        'search',
        '--experiment-id',
        '7',
        '--output',
        'json',
        '--max-results',
        '500',
        '--filter-string',
        "metadata.`mlflow.trace.session` = 'x'",
        '--order-by',
        'timestamp_ms ASC',
        '--page-token',
        'tok',
        '--no-include-spans',
      ],
      ['traces', 'search', '--experiment-id', '7', '--output', 'json', '--max-results', '10'],
    ]);
  });

  it('a search with spans leaves each finished trace in the cache: a get of one of them costs no call', async () => {
    const fake = useFakeMlflow();
    fake.answer('search', text('search-wrapper-session.json'));
    await searchTraces({ experimentId: '1', maxResults: 100, includeSpans: true }, {});
    const got = await getTrace(ids[1] as string, {});
    expect((got.json as { info: { trace_id: string } }).info.trace_id).toBe(ids[1]);
    expect(fake.calls()).toHaveLength(1);
  });

  it('the same search with spans, cached, answers one without spans when the caller allows it; cached traces answer cachedTrace', async () => {
    const fake = useFakeMlflow();
    fake.answer('search', text('search-wrapper-session.json'));
    await searchTraces({ experimentId: '1', maxResults: 100, includeSpans: true }, {});
    const infos = { experimentId: '1', maxResults: 100, includeSpans: false };
    expect(await callsDuring(() => searchTraces({ ...infos, spansAnswerOk: true }, {}))).toBe(0);
    expect(await callsDuring(() => searchTraces(infos, {}))).toBe(1);
    expect((cachedTrace(ids[1] as string, {}) as { info: { trace_id: string } }).info.trace_id).toBe(ids[1]);
    expect([cachedTrace('tr-unknown', {}), cachedTrace(ids[1] as string, { fresh: true })]).toEqual([null, null]);
  });

  it('deferred: only the traces later named are stored alone', async () => {
    const fake = useFakeMlflow();
    fake.answer('search', text('search-wrapper-session.json'));
    fake.answer('get', text('get-healthy.json'));
    await searchTraces({ experimentId: '1', maxResults: 100, includeSpans: true, deferEach: true }, {});
    storeNamedTraces([ids[0] as string]);
    expect(await callsDuring(() => getTrace(ids[0] as string, {}))).toBe(0);
    expect(await callsDuring(() => getTrace(ids[2] as string, {}))).toBe(1);
  });

  it('an empty answer is asked again next time ("no such session" must not outlive the first turn)', async () => {
    const fake = useFakeMlflow();
    fake.answer('search', JSON.stringify({ traces: [], next_page_token: null }));
    await searchTraces({ experimentId: '1', maxResults: 10, includeSpans: false }, {});
    expect(await callsDuring(() => searchTraces({ experimentId: '1', maxResults: 10, includeSpans: false }, {}))).toBe(1);
  });

  it('with --out-dir, each page is kept there by experiment and page number', async () => {
    useFakeMlflow().answer('search', text('search-hotel-session-nospans.json'));
    const dir = tempDir('out-');
    const got = await searchTraces({ experimentId: '1', maxResults: 10, includeSpans: false }, { dir }, 3);
    expect(got.file).toBe(join(dir, 'search-1-p3.json'));
    expect(existsSync(got.file)).toBe(true);
  });
});

describe('the page size', () => {
  it('a server: at most 500; a SQL store (or none set): always the single-call size', () => {
    expect(pageSizeFor('http://localhost:5000')).toBe(500);
    expect(pageSizeFor('https://x', 20)).toBe(20);
    expect(pageSizeFor('databricks://prof', 0)).toBe(1);
    expect(pageSizeFor('sqlite:///mlflow.db', 20)).toBe(SQL_STORE_PAGE);
    expect(pageSizeFor(undefined)).toBe(SQL_STORE_PAGE);
  });
});
