/**
 * One fetch per trace per investigation, proved on the real CLI: every mlflow process is counted
 * by a wrapper that logs its arguments and then runs the real mlflow. The runs of a scenario share
 * one cache directory on purpose (helpers.run gives every other test a cache of its own).
 */
import { chmodSync, copyFileSync, existsSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { storeKey } from '../../scripts/lib/mlflow/cache.js';
import { hasStackTrace, rawJsonPath, main, MLFLOW, MLFLOW_FORKED, ROOT, run, tempDir, type Run } from '../support/helpers.js';

const X = main.experiment_id;
const failing = main.traces.failing as string;
const hotel = main.sessions.hotel;
const wrapper = main.sessions.wrapper;

/** An MLFLOW_BIN that appends one line per call to its log, then becomes the real mlflow. */
function countingMlflow(): { bin: string; calls: () => string[] } {
  const dir = tempDir('counting-mlflow-');
  const log = join(dir, 'calls.log');
  const bin = join(dir, 'mlflow');
  writeFileSync(bin, `#!/bin/sh\necho "$1 $2" >> '${log}'\nexec '${MLFLOW_FORKED}' "$@"\n`);
  chmodSync(bin, 0o755);
  return { bin, calls: () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : []) };
}

const CACHE_LINE = /^\(from cache: fetched \d+ (s|min) ago; --fresh to refetch\)$/m;
const traceJsonPath = (r: Run) => rawJsonPath(r.stdout);
type CacheJson = { mlflowCalls: number; cache: { hit: boolean; ageS: number; fallback?: string } | null; files: { traceJson?: string; searchJson?: string[] } };
const j = (r: Run) => r.json() as unknown as CacheJson;
const mode = (p: string) => (statSync(p).mode & 0o777).toString(8);

describe('health_check → inspect_turn → two --span views of one trace: one mlflow call in all', () => {
  const xdg = tempDir('cache-views-');
  const mlflow = countingMlflow();
  const env = { XDG_CACHE_HOME: xdg, MLFLOW_BIN: mlflow.bin };
  let health: Run;
  let tree: Run;
  let byName: Run;
  let byId: Run;
  let culpritId = '';
  beforeAll(async () => {
    health = await run('health_check', [failing, '--json'], env);
    culpritId = (health.json() as { errors: { culprits: Array<{ spanId: string }> } }).errors.culprits[0]?.spanId ?? '';
    [tree, byName, byId] = await Promise.all([
      run('inspect_turn', [failing], env),
      run('inspect_turn', [failing, '--span', 'call_airline_api', '--json'], env),
      run('inspect_turn', [failing, '--span', culpritId], env),
    ]);
  });

  it('spawns mlflow once, and the --json counts agree', () => {
    expect([health, tree, byName, byId].map((r) => r.exitCode)).toEqual([0, 0, 0, 0]);
    expect(mlflow.calls()).toEqual(['traces get']);
    expect(j(health).mlflowCalls + j(byName).mlflowCalls).toBe(1);
    expect(j(health).cache).toEqual({ hit: false, ageS: 0 });
    expect(j(byName).cache).toMatchObject({ hit: true });
  });

  it('the later views are the same analysis, each saying it came from the cache and how old it is', () => {
    expect(tree.stdout).toMatch(/✗ call_airline_api \[TOOL\]/);
    expect(byId.stdout).toMatch(new RegExp(`Span call_airline_api(#\\d+)? \\(${culpritId}\\)`));
    expect(tree.stdout).toMatch(CACHE_LINE);
    expect(byId.stdout).toMatch(CACHE_LINE);
    expect(j(byName).cache?.ageS).toBeGreaterThanOrEqual(0);
  });

  it('every view names the same Full trace JSON: the cache entry', () => {
    const entry = j(health).files.traceJson as string;
    expect(traceJsonPath(tree)).toBe(entry);
    expect(traceJsonPath(byId)).toBe(entry);
    expect(j(byName).files.traceJson).toBe(entry);
    expect(JSON.parse(readFileSync(entry, 'utf8')).info.trace_id).toBe(failing);
  });

  it('lives under $XDG_CACHE_HOME/analyzing-mlflow-traces/<hash of the store>, dirs 0700, files 0600', () => {
    const entry = j(health).files.traceJson as string;
    const store = dirname(entry);
    expect(dirname(store)).toBe(join(xdg, 'analyzing-mlflow-traces'));
    expect(store.split('/').at(-1)).toMatch(/^[0-9a-f]{16}$/);
    expect([mode(dirname(store)), mode(store), mode(entry)]).toEqual(['700', '700', '600']);
    expect(readdirSync(store).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('holds neither the tracking URI nor any part of it in its paths', () => {
    const entry = j(health).files.traceJson as string;
    for (const part of ['sqlite', 'mlflow.db', '.testbed', 'testbed']) expect(entry).not.toContain(part);
  });
});

describe('a session read with spans serves inspect_turn of its turns', () => {
  const xdg = tempDir('cache-session-');
  const mlflow = countingMlflow();
  const env = { XDG_CACHE_HOME: xdg, MLFLOW_BIN: mlflow.bin };
  const turn5 = hotel?.traces?.[4] as string;
  const wrapperTurn = wrapper?.traces?.[1] as string;
  let transcript: Run;
  let again: Run;
  let inspect: Run;
  let health: Run;
  let wrapped: Run;
  let wrappedTurn: Run;
  beforeAll(async () => {
    [transcript, wrapped] = await Promise.all([
      run('session_transcript', [X, hotel?.id as string, '--spans', '--json'], env),
      run('session_transcript', [X, wrapper?.id as string], env),
    ]);
    [again, inspect, health, wrappedTurn] = await Promise.all([
      run('session_transcript', [X, hotel?.id as string, '--spans'], env),
      run('inspect_turn', [turn5], env),
      run('health_check', [hotel?.traces?.[2] as string, '--json'], env),
      run('inspect_turn', [wrapperTurn, '--json'], env),
    ]);
  });

  it('the transcript makes its calls (one with --spans; two when previews lack the text), the turns none', () => {
    expect(j(transcript).mlflowCalls).toBe(1);
    expect(wrapped.exitCode).toBe(0);
    expect(mlflow.calls()).toHaveLength(3);
    expect(mlflow.calls().every((c) => c === 'traces search')).toBe(true);
    expect(j(health).mlflowCalls).toBe(0);
    expect(j(wrappedTurn).mlflowCalls).toBe(0);
  });

  it('inspect_turn of a turn shows the whole trace, from the cache', () => {
    expect(inspect.exitCode).toBe(0);
    expect(inspect.stdout).toMatch(/SPAN TREE/);
    expect(inspect.stdout).toMatch(/That's wrong, the hotel told me check-out is 11 am/);
    expect(inspect.stdout).toMatch(CACHE_LINE);
    expect(j(health).cache).toMatchObject({ hit: true });
  });

  it('the per-turn entry is that trace, as `mlflow traces get` prints it', () => {
    const entry = traceJsonPath(inspect) as string;
    const trace = JSON.parse(readFileSync(entry, 'utf8')) as { info: { trace_id: string; state: string }; data: { spans: unknown[] } };
    expect(trace.info.trace_id).toBe(turn5);
    expect(trace.data.spans.length).toBeGreaterThan(0);
    expect(readFileSync(entry, 'utf8')).toMatch(/^\{\n {2}"info": \{\n {4}"trace_id"/);
    expect(mode(entry)).toBe('600');
  });

  it('the same search again is served whole from the cache, with its note', () => {
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toMatch(/TURNS/);
    expect(again.stdout).toMatch(CACHE_LINE);
    expect(mlflow.calls()).toHaveLength(3);
  });
});

describe('a turn whose reply needs its earlier turns, nothing cached', () => {
  const mlflow = countingMlflow();
  const env = { XDG_CACHE_HOME: tempDir('cache-earlier-'), MLFLOW_BIN: mlflow.bin };
  let health: Run;
  beforeAll(async () => {
    health = await run('health_check', [hotel?.traces?.[3] as string, '--json'], env);
  });

  it('reads the trace, its session without spans, then the earlier turns with spans by id (their tools outputs): three calls', () => {
    expect(health.exitCode).toBe(0);
    expect(j(health).mlflowCalls).toBe(3);
    expect(mlflow.calls()).toEqual(['traces get', 'traces search', 'traces search']);
  });
});

describe('what is never reused', () => {
  const xdg = tempDir('cache-never-');
  const mlflow = countingMlflow();
  const env = { XDG_CACHE_HOME: xdg, MLFLOW_BIN: mlflow.bin };
  let first: Run;
  let fresh: Run;
  let corrupted: Run;
  let emptied: Run;
  beforeAll(async () => {
    first = await run('health_check', [main.traces.healthy as string, '--json'], env);
    fresh = await run('health_check', [main.traces.healthy as string, '--fresh', '--json'], env);
    const entry = j(first).files.traceJson as string;
    // Half an entry, as a writer that died mid-file would leave it without the rename.
    const whole = readFileSync(entry, 'utf8');
    writeFileSync(entry, whole.slice(0, whole.length / 2));
    corrupted = await run('health_check', [main.traces.healthy as string, '--json'], env);
    writeFileSync(entry, '');
    emptied = await run('inspect_turn', [main.traces.healthy as string], env);
  });

  it('--fresh asks mlflow again even though the entry is recent', () => {
    expect(fresh.exitCode).toBe(0);
    expect(j(fresh)).toMatchObject({ mlflowCalls: 1, cache: { hit: false } });
  });

  it('a half-written or empty entry is fetched again, never a crash', () => {
    expect(corrupted.exitCode).toBe(0);
    expect(j(corrupted)).toMatchObject({ mlflowCalls: 1, cache: { hit: false }, traceId: main.traces.healthy });
    expect(emptied.exitCode).toBe(0);
    expect(emptied.stdout).toMatch(/SPAN TREE/);
    expect(emptied.stdout).not.toMatch(CACHE_LINE);
    expect(hasStackTrace(corrupted.stderr + emptied.stderr)).toBe(false);
    expect(JSON.parse(readFileSync(j(first).files.traceJson as string, 'utf8')).info.trace_id).toBe(main.traces.healthy);
    expect(mlflow.calls()).toHaveLength(4);
  });
});

describe('a trace still running (IN_PROGRESS) is fetched every time', () => {
  const work = tempDir('in-progress-');
  const manifest = join(work, 'manifest.json');
  const uri = `sqlite:///${join(work, 'mlflow.db')}`;
  const python = join(dirname(MLFLOW), 'python');
  const seed = (...extra: string[]) =>
    execa(python, [join(ROOT, 'testbed', 'in_progress.py'), '--tracking-uri', uri, '--manifest', manifest, ...extra], {
      cwd: work,
      env: { PYTHONWARNINGS: 'ignore', MLFLOW_LOGGING_LEVEL: 'WARNING' },
    });
  const xdg = tempDir('cache-running-');
  const mlflow = countingMlflow();
  const env = { XDG_CACHE_HOME: xdg, MLFLOW_BIN: mlflow.bin, MLFLOW_TRACKING_URI: uri };
  let traceId = '';
  let running: Run[] = [];
  let done: Run[] = [];
  beforeAll(async () => {
    await seed();
    traceId = (JSON.parse(readFileSync(manifest, 'utf8')) as { trace_id: string }).trace_id;
    running = [await run('health_check', [traceId, '--json'], env), await run('health_check', [traceId, '--json'], env)];
    await seed('--finish');
    done = [await run('health_check', [traceId, '--json'], env), await run('health_check', [traceId, '--json'], env)];
  });

  it('two runs on the running trace are two mlflow calls', () => {
    expect(running.map((r) => (r.json() as { state: string }).state)).toEqual(['IN_PROGRESS', 'IN_PROGRESS']);
    expect(running.map((r) => j(r).cache?.hit)).toEqual([false, false]);
  });

  it('so the first look after it ends sees it finished, and that answer is reused', () => {
    expect(done.map((r) => (r.json() as { state: string }).state)).toEqual(['OK', 'OK']);
    expect(done.map((r) => j(r).mlflowCalls)).toEqual([1, 0]);
    expect(mlflow.calls()).toHaveLength(3);
  });
});

describe('the tracking server is down', () => {
  // A real entry (fetched from the store) planted under the key of a dead server's URI: what
  // the cache holds after the server answered once and then went away.
  const dead = 'http://bob:s3cret@127.0.0.1:9';
  const xdg = tempDir('cache-dead-');
  const env = { XDG_CACHE_HOME: xdg, MLFLOW_TRACKING_URI: dead };
  let recent: Run;
  let fresh: Run;
  let stale: Run;
  beforeAll(async () => {
    const fetched = await run('health_check', [failing, '--json'], { XDG_CACHE_HOME: xdg });
    const store = join(xdg, 'analyzing-mlflow-traces', storeKey({ MLFLOW_TRACKING_URI: dead }));
    await execa('mkdir', ['-p', '-m', '700', store]);
    const entry = join(store, `trace-${failing}.json`);
    copyFileSync(j(fetched).files.traceJson as string, entry);
    [recent, fresh] = await Promise.all([run('inspect_turn', [failing, '--json'], env), run('inspect_turn', [failing, '--fresh', '--json'], env)]);
    const old = (Date.now() - 16 * 60_000) / 1000;
    utimesSync(entry, old, old);
    stale = await run('health_check', [failing], env);
  });

  it('an entry younger than 15 minutes still answers (that is what the cache is for)', () => {
    expect(recent.exitCode).toBe(0);
    expect(j(recent)).toMatchObject({ mlflowCalls: 0, cache: { hit: true } });
  });

  it('--fresh gets the usual unreachable error, not the cached answer', () => {
    expect(fresh.exitCode).toBe(4);
    expect(fresh.stderr).toMatch(/^error: The tracking server did not answer/);
    expect(fresh.json()).toMatchObject({ error: { kind: 'unreachable' }, mlflowCalls: 1 });
    expect(fresh.stdout + fresh.stderr).not.toMatch(/s3cret/);
  });

  it('an entry older than 15 minutes is not used silently: the same error', () => {
    expect(stale.exitCode).toBe(4);
    expect(stale.stdout).toBe('');
    expect(stale.stderr.split('\n').filter(Boolean)).toHaveLength(2);
  });
});

describe('a cache directory that cannot be created', () => {
  const blocker = join(tempDir('cache-blocked-'), 'not-a-dir');
  writeFileSync(blocker, 'a file where the cache directory should go');
  let health: Run;
  let session: Run;
  beforeAll(async () => {
    [health, session] = await Promise.all([
      run('health_check', [failing, '--json'], { XDG_CACHE_HOME: blocker }),
      run('session_transcript', [X, wrapper?.id as string], { XDG_CACHE_HOME: blocker }),
    ]);
  });

  it('falls back to a private temp directory and still answers', () => {
    expect(health.exitCode).toBe(0);
    const file = j(health).files.traceJson as string;
    expect(file.startsWith(tmpdir())).toBe(true);
    expect(mode(dirname(file))).toBe('700');
    expect(j(health).cache?.fallback).toMatch(/not-a-dir\/analyzing-mlflow-traces cannot be used \(ENOTDIR\)/);
  });

  it('says so once, on stderr, even when the run fetches twice', () => {
    expect(session.exitCode).toBe(0);
    expect(session.stdout).toMatch(/TURNS/);
    const notes = session.stderr.split('\n').filter((l) => l.startsWith('note: the trace cache'));
    expect(notes).toHaveLength(1);
    expect(session.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });
});

describe('--out-dir', () => {
  it('keeps a file of the entry there, and that path is the one printed', async () => {
    const out = tempDir();
    const xdg = tempDir('cache-out-');
    const r = await run('health_check', [failing, '--out-dir', out], { XDG_CACHE_HOME: xdg });
    const printed = traceJsonPath(r) as string;
    expect(printed).toBe(join(out, `trace-${failing}.json`));
    const entry = join(xdg, 'analyzing-mlflow-traces', readdirSync(join(xdg, 'analyzing-mlflow-traces'))[0] as string, `trace-${failing}.json`);
    expect(readFileSync(printed, 'utf8')).toBe(readFileSync(entry, 'utf8'));
    expect(mode(printed)).toBe('600');
  });
});
