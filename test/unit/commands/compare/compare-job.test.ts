/** compare_traces' source: both traces from a file, one search, a search and a get, or two gets. */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadTracePair } from '../../../../scripts/lib/commands/compare/compare-job.js';
import { useFakeMlflow } from '../../../support/fake-mlflow.js';
import { fixture } from '../../../support/helpers.js';

const SESSION = fixture('search-wrapper-session.json');
const [A, B] = ['tr-61e31eb1d65b59fc6cd2870ac84e6aad', 'tr-5229e7afdc5e38629b614ebbbb3acb68'];
const HEALTHY = 'tr-5c61137f2ff4f43333cc5a62d793af26';
const read = (name: string) => readFileSync(fixture(name), 'utf8');

afterEach(() => vi.unstubAllEnvs());

describe('the pair', () => {
  it('from one file', async () => {
    const pair = await loadTracePair({ idA: A, idB: B, fromFile: SESSION, cli: {} });
    expect([pair.a.info.traceId, pair.b.info.traceId, pair.how, pair.files]).toEqual([A, B, 'file', [SESSION]]);
  });

  it('with the experiment: one search selects both ids', async () => {
    const fake = useFakeMlflow();
    fake.answer('search', read('search-wrapper-session.json'));
    const pair = await loadTracePair({ idA: A, idB: B, experimentId: '1', cli: {} });
    expect([pair.a.info.traceId, pair.b.info.traceId, pair.how]).toEqual([A, B, 'one search']);
    const [call] = fake.calls();
    expect(call?.[call.indexOf('--filter-string') + 1]).toBe(`trace.request_id IN ('${A}', '${B}')`);
    expect(fake.calls()).toHaveLength(1);
    expect(call?.[call.indexOf('--max-results') + 1]).toBe('50000');
  });

  it("on a tracking server: a page the server accepts (500), not a SQL store's 50,000", async () => {
    const fake = useFakeMlflow('http://127.0.0.1:5000');
    fake.answer('search', read('search-wrapper-session.json'));
    await loadTracePair({ idA: A, idB: B, experimentId: '1', cli: {} });
    const [call] = fake.calls();
    expect(call?.[call.indexOf('--max-results') + 1]).toBe('500');
  });

  it('one of them is not in that experiment: fetched by id', async () => {
    const fake = useFakeMlflow();
    fake.answer('search', read('search-wrapper-session.json'));
    fake.answer('get', read('get-healthy.json'), HEALTHY);
    const pair = await loadTracePair({ idA: A, idB: HEALTHY, experimentId: '1', cli: {} });
    expect([pair.b.info.traceId, pair.how, pair.files.length]).toEqual([HEALTHY, 'search and get', 2]);
  });

  it('no experiment: two gets', async () => {
    const fake = useFakeMlflow();
    fake.answer('get', read('get-healthy.json'), HEALTHY);
    fake.answer('get', read('get-failing.json'), 'tr-0538fc0df44fef54566b43c9f6d64add');
    const pair = await loadTracePair({ idA: HEALTHY, idB: 'tr-0538fc0df44fef54566b43c9f6d64add', cli: {} });
    expect(pair.how).toBe('two gets');
    expect(fake.calls().map((c) => c[1])).toEqual(['get', 'get']);
  });

  it('a bad id is refused before any call', async () => {
    const fake = useFakeMlflow();
    await expect(loadTracePair({ idA: A, idB: 'not an id!', experimentId: '1', cli: {} })).rejects.toMatchObject({ kind: 'usage' });
    expect(fake.calls()).toEqual([]);
  });
});
