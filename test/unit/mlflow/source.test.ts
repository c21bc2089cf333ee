/** Where traces come from: a saved file (--from-file) or mlflow (a fake here), and what is said when that goes wrong. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SkillError } from '../../../scripts/lib/core/errors.js';
import { searchTraces } from '../../../scripts/lib/mlflow/reads.js';
import { checkTraceId, loadSession, loadTrace, sessionFromFile, withCachedSpans } from '../../../scripts/lib/mlflow/source.js';
import { parseSearch } from '../../../scripts/lib/trace/trace.js';
import { useFakeMlflow } from '../../support/fake-mlflow.js';
import { fixture, tempDir } from '../../support/helpers.js';
import { readFileSync } from 'node:fs';

const HEALTHY = 'tr-5c61137f2ff4f43333cc5a62d793af26';
const SESSION_FILE = fixture('search-hotel-session-nospans.json');
const failure = async (p: Promise<unknown> | (() => unknown)): Promise<SkillError> => {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    if (e instanceof SkillError) return e;
    throw e;
  }
  throw new Error('expected a SkillError');
};

afterEach(() => vi.unstubAllEnvs());

describe('trace ids', () => {
  it('tr-<32 hex>, or a 2.x request id; anything else is a usage error', async () => {
    expect(checkTraceId(HEALTHY)).toBe(HEALTHY);
    expect(checkTraceId('trace:/catalog.schema/abc')).toBe('trace:/catalog.schema/abc');
    expect((await failure(() => checkTraceId(undefined))).message).toBe('A trace id is required.');
    const bad = await failure(() => checkTraceId('x y; rm'));
    expect(bad.kind).toBe('usage');
    expect(bad.message).toBe('"x y; rm" is not a trace id.');
  });
});

describe('one trace from a file', () => {
  it('a `traces get` file: its trace, no mlflow call', async () => {
    const loaded = await loadTrace({ fromFile: fixture('get-healthy.json'), cli: {} });
    expect(loaded.value.info.traceId).toBe(HEALTHY);
    expect(loaded.files).toEqual([fixture('get-healthy.json')]);
  });

  it('a search file: the trace named, else a usage error that suggests one', async () => {
    const file = fixture('search-wrapper-session.json');
    const second = 'tr-5229e7afdc5e38629b614ebbbb3acb68';
    expect((await loadTrace({ fromFile: file, traceId: second, cli: {} })).value.info.traceId).toBe(second);
    const which = await failure(loadTrace({ fromFile: file, cli: {} }));
    expect(which.kind).toBe('usage');
    expect(which.message).toBe(`${file} holds 3 traces; say which one.`);
    expect(which.hint).toBe('Pass a trace id too, e.g. tr-61e31eb1d65b59fc6cd2870ac84e6aad.');
  });

  it('an id the file lacks: not found, listing the ids it holds', async () => {
    const e = await failure(loadTrace({ fromFile: SESSION_FILE, traceId: 'tr-nope', cli: {} }));
    expect(e.kind).toBe('trace-not-found');
    expect(e.message).toBe(`Trace tr-nope is not in ${SESSION_FILE} (it holds 6).`);
    expect(e.hint).toMatch(/^Ids in the file: tr-4c6d0f69ad124f9e52a98716a77cbc88, (tr-\w+, ){4}…$/);
  });

  it('a file without traces is bad data', async () => {
    const empty = join(tempDir('src-'), 'empty.json');
    writeFileSync(empty, JSON.stringify({ traces: [] }));
    expect((await failure(loadTrace({ fromFile: empty, cli: {} }))).kind).toBe('bad-data');
  });
});

describe('one trace from mlflow', () => {
  it('checks the id first, then asks `traces get`', async () => {
    const fake = useFakeMlflow();
    fake.answer('get', readFileSync(fixture('get-healthy.json'), 'utf8'));
    expect((await failure(loadTrace({ traceId: 'bad id', cli: {} }))).kind).toBe('usage');
    expect(fake.calls()).toEqual([]);
    const loaded = await loadTrace({ traceId: HEALTHY, cli: {} });
    expect(loaded.value.info.traceId).toBe(HEALTHY);
    expect(fake.calls()).toEqual([['traces', 'get', '--trace-id', HEALTHY]]);
  });
});

describe('a session', () => {
  it('from a file: its traces (and those without a session id), oldest first, since a time', () => {
    const all = sessionFromFile(SESSION_FILE, 'hotel-booking-42');
    expect(all.value).toHaveLength(6);
    const times = all.value.map((t) => t.info.requestTimeMs ?? 0);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(sessionFromFile(SESSION_FILE, 'other-session').value).toEqual([]);
    expect(sessionFromFile(SESSION_FILE, 'hotel-booking-42', Date.parse('2026-11-20T10:20:00Z')).value).toHaveLength(2);
  });

  it('from mlflow: a filter on the session (and --since), oldest first, every page followed', async () => {
    const fake = useFakeMlflow('http://localhost:5000');
    const search = JSON.parse(readFileSync(SESSION_FILE, 'utf8')) as { traces: unknown[] };
    fake.answer('search', JSON.stringify({ traces: search.traces.slice(0, 4), next_page_token: 'p2' }));
    fake.answer('search', JSON.stringify({ traces: search.traces.slice(4), next_page_token: null }), 'p2');
    const loaded = await loadSession({ experimentId: '1', sessionId: "it's-42", includeSpans: false, sinceMs: 0 }, {});
    expect(loaded.value).toHaveLength(6);
    expect(loaded.files).toHaveLength(2);
    const [first] = fake.calls();
    const filter = first?.[(first?.indexOf('--filter-string') ?? 0) + 1];
    expect(filter).toContain('mlflow.trace.session');
    expect(filter).toContain('timestamp_ms >= 0');
    expect(first?.slice(first.indexOf('--order-by'), first.indexOf('--order-by') + 2)).toEqual(['--order-by', 'timestamp_ms ASC']);
  });

  it("read without spans, its spans from the trace cache: all turns held or none used; the info is the read's", async () => {
    const fake = useFakeMlflow();
    const wrapper = readFileSync(fixture('search-wrapper-session.json'), 'utf8');
    fake.answer('search', wrapper);
    // A search with spans (as triage_sessions makes) leaves each finished trace in the cache.
    await searchTraces({ experimentId: '1', maxResults: 100, includeSpans: true }, {});
    const raw = JSON.parse(wrapper) as { traces: Array<{ info: Record<string, unknown> }> };
    const infos = parseSearch({ traces: raw.traces.map((t) => ({ info: t.info })) }).traces;
    (infos[1] as (typeof infos)[number]).info.tags.logged_since = 'yes';
    const held = withCachedSpans(infos, {});
    expect(held?.value.map((t) => t.info.traceId)).toEqual(infos.map((t) => t.info.traceId));
    expect(held?.value.every((t) => t.spans.length > 0)).toBe(true);
    expect(held?.value[1]?.info.tags.logged_since).toBe('yes');
    expect(held?.files).toHaveLength(3);
    expect(fake.calls()).toHaveLength(1);
    // A turn added since the cache was filled: not held, so nothing of the cache is used.
    const added = parseSearch({ traces: [raw.traces[0], { info: { ...raw.traces[0]?.info, trace_id: 'tr-00000000000000000000000000000abc' } }] }).traces;
    expect(withCachedSpans(added, {})).toBeNull();
    expect(withCachedSpans(infos, { fresh: true })).toBeNull();
  });

  it('a limit stops after that many traces, in one call', async () => {
    const fake = useFakeMlflow('http://localhost:5000');
    fake.answer('search', readFileSync(SESSION_FILE, 'utf8'));
    const loaded = await loadSession({ experimentId: '1', sessionId: 's', includeSpans: false, limit: 1 }, {});
    expect(loaded.value).toHaveLength(1);
    expect(fake.calls()[0]).toContain('1');
  });
});
