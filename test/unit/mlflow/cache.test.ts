/** The trace cache's parts: keys, entries, atomic writes, pruning, the split of a search. */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cacheStatus, cacheStore, preferredRoot, recordUse, resetCacheForTests, storeKey } from '../../../scripts/lib/mlflow/cache.js';
import { entryName, readEntry, REUSE_MS, writeEntry } from '../../../scripts/lib/mlflow/cache-entries.js';
import { KEEP_MS, prune } from '../../../scripts/lib/mlflow/cache-prune.js';
import { traceTexts } from '../../../scripts/lib/mlflow/search-split.js';
import { cacheLines } from '../../../scripts/lib/render/cache-note.js';
import { fixture, ROOT, tempDir } from '../../support/helpers.js';

const age = (file: string, ms: number) => {
  const t = (Date.now() - ms) / 1000;
  utimesSync(file, t, t);
};

describe('where the cache lives and how it is keyed', () => {
  it('XDG_CACHE_HOME when absolute, else ~/.cache', () => {
    expect(preferredRoot({ XDG_CACHE_HOME: '/x/cache', HOME: '/home/a' })).toBe('/x/cache/analyzing-mlflow-traces');
    expect(preferredRoot({ XDG_CACHE_HOME: 'relative/cache', HOME: '/home/a' })).toBe('/home/a/.cache/analyzing-mlflow-traces');
    expect(preferredRoot({ HOME: '/home/a' })).toBe('/home/a/.cache/analyzing-mlflow-traces');
  });

  it('one key per store: 16 hex chars, never the URI or a credential', () => {
    const key = storeKey({ MLFLOW_TRACKING_URI: 'http://bob:s3cret@host:5000' });
    expect(key).toMatch(/^[0-9a-f]{16}$/);
    expect(storeKey({ MLFLOW_TRACKING_URI: 'http://bob:s3cret@host:5000' })).toBe(key);
    expect(storeKey({ MLFLOW_TRACKING_URI: 'http://bob:s3cret@host:5001' })).not.toBe(key);
    expect(storeKey({ MLFLOW_TRACKING_URI: 'http://host:5000', MLFLOW_TRACKING_USERNAME: 'alice' })).not.toBe(
      storeKey({ MLFLOW_TRACKING_URI: 'http://host:5000', MLFLOW_TRACKING_USERNAME: 'bob' }),
    );
  });

  it("a relative store (or mlflow's default) depends on the working directory; an absolute one does not", () => {
    expect(storeKey({ MLFLOW_TRACKING_URI: 'sqlite:///mlflow.db' }, '/a')).not.toBe(storeKey({ MLFLOW_TRACKING_URI: 'sqlite:///mlflow.db' }, '/b'));
    expect(storeKey({}, '/a')).not.toBe(storeKey({}, '/b'));
    expect(storeKey({ MLFLOW_TRACKING_URI: 'sqlite:////abs/mlflow.db' }, '/a')).toBe(storeKey({ MLFLOW_TRACKING_URI: 'sqlite:////abs/mlflow.db' }, '/b'));
    expect(storeKey({ MLFLOW_TRACKING_URI: 'http://h:5000' }, '/a')).toBe(storeKey({ MLFLOW_TRACKING_URI: 'http://h:5000' }, '/b'));
    expect(storeKey({ MLFLOW_TRACKING_URI: 'databricks', DATABRICKS_CONFIG_PROFILE: 'a' })).not.toBe(
      storeKey({ MLFLOW_TRACKING_URI: 'databricks', DATABRICKS_CONFIG_PROFILE: 'b' }),
    );
  });

  it('entry names are readable for plain ids and hashed when an id had to change', () => {
    expect(entryName('trace', 'tr-0123abcd')).toBe('trace-tr-0123abcd.json');
    const odd = entryName('trace', 'trace:/catalog.schema/abc');
    expect(odd).toMatch(/^trace-trace_catalog\.schema_abc-[0-9a-f]{16}\.json$/);
    expect(odd).not.toContain('/');
    expect(entryName('trace', 'a/b')).not.toBe(entryName('trace', 'a:b'));
  });
});

describe('reading an entry', () => {
  const dir = tempDir('entries-');
  const ok = () => true;

  it('a recent entry is reused with its age; an old or future-dated one is not', () => {
    const f = join(dir, 'recent.json');
    writeEntry(f, '{"info": {"trace_id": "tr-1", "state": "OK"}}');
    age(f, 2 * 60_000);
    expect(readEntry(f, ok)?.ageMs).toBeGreaterThanOrEqual(2 * 60_000 - 1000);
    age(f, REUSE_MS + 1000);
    expect(readEntry(f, ok)).toBeNull();
    age(f, -10 * 60_000);
    expect(readEntry(f, ok)).toBeNull();
  });

  it('missing, empty, truncated, not JSON, a directory, or refused by the caller: null, never a throw', () => {
    const write = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    expect(readEntry(join(dir, 'missing.json'), ok)).toBeNull();
    expect(readEntry(write('empty.json', ''), ok)).toBeNull();
    expect(readEntry(write('half.json', '{"info": {"trace_id": "tr-1", "sta'), ok)).toBeNull();
    expect(readEntry(write('garbage.json', 'Traceback (most recent call last):'), ok)).toBeNull();
    mkdirSync(join(dir, 'adir.json'));
    expect(readEntry(join(dir, 'adir.json'), ok)).toBeNull();
    expect(readEntry(write('refused.json', '{"a": 1}'), () => false)).toBeNull();
    expect(readEntry(write('fine.json', '{"a": 1}'), ok)?.json).toEqual({ a: 1 });
  });

  it('writes entries 0600 and leaves no temp file behind', () => {
    const f = join(dir, 'mode.json');
    writeEntry(f, '{}');
    expect((statSync(f).mode & 0o777).toString(8)).toBe('600');
    expect(readdirSync(dir).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });

  it('two writers racing on one entry never let a reader see half a file', async () => {
    const f = join(dir, 'raced.json');
    const big = (c: string) => JSON.stringify({ info: { trace_id: 'tr-race', state: 'OK' }, pad: c.repeat(2_000_000) });
    writeEntry(f, big('a'));
    const script = join(dir, 'writer.mts');
    writeFileSync(
      script,
      `import { writeEntry } from ${JSON.stringify(join(ROOT, 'scripts/lib/mlflow/cache-entries.ts'))};
const [file, c] = process.argv.slice(2);
const text = JSON.stringify({ info: { trace_id: 'tr-race', state: 'OK' }, pad: c.repeat(2_000_000) });
for (let i = 0; i < 40; i++) writeEntry(file, text);
`,
    );
    const writer = (c: string) => execa('node', ['--import', 'tsx', script, f, c], { cwd: ROOT });
    const racing = Promise.all([writer('b'), writer('c')]);
    let reads = 0;
    let done = false;
    void racing.finally(() => (done = true));
    while (!done) {
      const got = readEntry(f, () => true);
      expect(got).not.toBeNull();
      expect((got?.json as { pad: string }).pad.length).toBe(2_000_000);
      reads += 1;
      await new Promise((r) => setTimeout(r, 5));
    }
    await racing;
    expect(reads).toBeGreaterThan(0);
    expect(readdirSync(dir).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });
});

describe('pruning', () => {
  it('drops entries past their keep time and orphaned temp files, keeps the rest', () => {
    const root = tempDir('prune-age-');
    const store = join(root, 'aaaaaaaaaaaaaaaa');
    mkdirSync(store);
    const file = (name: string, ms: number, size = 10) => {
      const p = join(store, name);
      writeFileSync(p, 'x'.repeat(size));
      age(p, ms);
      return p;
    };
    file('trace-old.json', KEEP_MS + 60_000);
    file('trace-young.json', 60_000);
    file('trace-young.json.tmp-1-abcd', 60_000);
    file('trace-dead.json.tmp-2-abcd', 11 * 60_000);
    const r = prune(root);
    expect(r.removed).toBe(2);
    expect(readdirSync(store).sort()).toEqual(['trace-young.json', 'trace-young.json.tmp-1-abcd']);
  });

  it('over the size bound, the oldest go first and the entry just written stays', () => {
    const root = tempDir('prune-size-');
    const stores = ['1111111111111111', '2222222222222222'].map((s) => join(root, s));
    stores.forEach((s) => mkdirSync(s));
    const paths = [0, 1, 2, 3, 4].map((i) => {
      const p = join(stores[i % 2] as string, `trace-${i}.json`);
      writeFileSync(p, 'x'.repeat(100));
      age(p, (10 - i) * 60_000); // trace-0 is the oldest
      return p;
    });
    const r = prune(root, { maxBytes: 250, spare: [paths[0] as string] });
    expect(r.bytes).toBeLessThanOrEqual(250);
    expect(paths.map((p) => existsSync(p))).toEqual([true, false, false, false, true]);
  });

  it('an empty store directory long unused goes; a young one stays', () => {
    const root = tempDir('prune-dirs-');
    mkdirSync(join(root, 'old'));
    mkdirSync(join(root, 'new'));
    age(join(root, 'old'), KEEP_MS + 60_000);
    prune(root);
    expect(readdirSync(root)).toEqual(['new']);
  });
});

describe('the cache directory falls back, and says so once', () => {
  const saved = process.env.XDG_CACHE_HOME;
  afterEach(() => {
    process.env.XDG_CACHE_HOME = saved;
    resetCacheForTests();
    vi.restoreAllMocks();
  });

  it('a file where the directory should be → a private per-user temp directory, one note', () => {
    const blocker = join(tempDir(), 'file');
    writeFileSync(blocker, '');
    process.env.XDG_CACHE_HOME = blocker;
    resetCacheForTests();
    const notes: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => notes.push(String(s)) > 0);
    const a = cacheStore();
    const b = cacheStore();
    expect(a).toBe(b);
    expect(a.fallback).toMatch(/cannot be used \(ENOTDIR\)/);
    expect((statSync(a.dir).mode & 0o777).toString(8)).toBe('700');
    expect(notes.filter((n) => n.startsWith('note: the trace cache'))).toHaveLength(1);
  });

  it('a cache directory left group- or world-readable is made private again', () => {
    const xdg = tempDir();
    mkdirSync(join(xdg, 'analyzing-mlflow-traces'), { mode: 0o755 });
    process.env.XDG_CACHE_HOME = xdg;
    resetCacheForTests();
    const s = cacheStore();
    expect(s.fallback).toBeNull();
    expect((statSync(join(xdg, 'analyzing-mlflow-traces')).mode & 0o777).toString(8)).toBe('700');
  });
});

describe('what a run reports', () => {
  // Other files share this module when the unit project runs unisolated: start from nothing too.
  beforeEach(() => resetCacheForTests());
  afterEach(() => resetCacheForTests());

  it('hit only when every lookup was served, aged by the oldest entry used', () => {
    expect(cacheStatus()).toBeNull();
    recordUse(true, 125_000);
    expect(cacheStatus()).toEqual({ hit: true, ageS: 125 });
    recordUse(false, 0);
    expect(cacheStatus()).toEqual({ hit: false, ageS: 125, partial: true });
  });

  it('one short line, only when something came from the cache', () => {
    expect(cacheLines({ hit: true, ageS: 125 })).toEqual(['(from cache: fetched 2 min ago; --fresh to refetch)']);
    expect(cacheLines({ hit: true, ageS: 7 })).toEqual(['(from cache: fetched 7 s ago; --fresh to refetch)']);
    expect(cacheLines({ hit: false, ageS: 40, partial: true })).toEqual(['(partly from cache: oldest part fetched 40 s ago; --fresh to refetch)']);
    expect(cacheLines({ hit: false, ageS: 0 })).toEqual([]);
    expect(cacheLines(null)).toEqual([]);
  });
});

describe('a search split into its traces', () => {
  it('each piece of a real search is that trace, as `traces get` lays it out', () => {
    const files = readdirSync(join(ROOT, 'fixtures')).filter((f) => f.startsWith('search') && f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const text = readFileSync(fixture(f), 'utf8');
      const parsed = JSON.parse(text) as { traces: unknown[] };
      const pieces = traceTexts(text);
      expect(pieces.map((p) => JSON.parse(p))).toEqual(parsed.traces);
      for (const p of pieces) expect(p).toMatch(/^\{\n {2}"info"/);
    }
  });

  it('any JSON with hostile strings splits exactly as JSON.parse reads it', () => {
    const hostile = fc.string({ unit: fc.constantFrom('"', '\\', '[', ']', '{', '}', ',', ':', 'traces', '\n', 'a', 'é') });
    const value = fc.letrec((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        hostile,
        fc.integer(),
        fc.constant(null),
        fc.array(tie('v'), { maxLength: 3 }),
        fc.dictionary(hostile, tie('v'), { maxKeys: 3 }),
      ),
    })).v;
    fc.assert(
      fc.property(fc.array(fc.dictionary(hostile, value, { maxKeys: 4 }), { maxLength: 4 }), hostile, fc.boolean(), (traces, token, pretty) => {
        const doc = { before: { traces: ['not this one'] }, traces, next_page_token: token };
        const text = pretty ? JSON.stringify(doc, null, 2) : JSON.stringify(doc);
        expect(traceTexts(text).map((p) => JSON.parse(p))).toEqual(traces);
      }),
      { numRuns: 300 },
    );
  });
});
