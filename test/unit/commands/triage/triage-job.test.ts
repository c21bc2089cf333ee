/** runTriage over the fake mlflow: the passes it makes, and the mlflow calls counted per pass. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { triageArgs, TRIAGE_OPTIONS, type TriageInput } from '../../../../scripts/lib/commands/triage/triage-args.js';
import { runTriage } from '../../../../scripts/lib/commands/triage/triage-job.js';
import { mlflowTimeline } from '../../../../scripts/lib/mlflow/runner.js';
import { useFakeMlflow } from '../../../support/fake-mlflow.js';
import { fixture, tempDir } from '../../../support/helpers.js';

afterEach(() => vi.unstubAllEnvs());

const input = (o: Partial<TriageInput> = {}): TriageInput =>
  ({
    ...Object.fromEntries(Object.keys(TRIAGE_OPTIONS).map((k) => [k, undefined])),
    tag: [],
    metadata: [],
    feedback: [],
    slices: 8,
    maxFailing: 1_000,
    spans: false,
    experimentId: '1',
    outDir: tempDir('triage-'),
    timeout: 30,
    fresh: true,
    maxChars: 20_000,
    ...o,
  }) as TriageInput;

describe('runTriage', () => {
  it('reads the infos, then the failing traces’ spans, and counts the calls of each pass', async () => {
    const fake = useFakeMlflow();
    fake.answer('search', readFileSync(fixture('search-wrapper-session.json'), 'utf8'));
    const r = await runTriage(triageArgs(input(), []));
    const labels = fake.calls().map((c) => c[c.indexOf('--filter-string') + 1] ?? '');
    expect(r.read).toBeGreaterThan(0);
    const { total, ...byPass } = r.mlflowCalls;
    expect(Object.keys(byPass)).toEqual(['infos', 'sample', 'failingSpans', 'slowSpans', 'changes', 'okCalls']);
    expect(total).toBe(fake.calls().length);
    expect(Object.values(byPass).reduce((a, b) => a + b, 0)).toBe(total);
    expect(r.mlflowCalls.infos).toBe(1);
    expect(r.mlflowCalls.failingSpans).toBe(r.findings.failing.count ? 1 : 0);
    expect(labels.filter((f) => f.includes("trace.status = 'ERROR'"))).toHaveLength(r.mlflowCalls.failingSpans);
    expect(Object.keys(r.files)).toEqual(Object.keys(byPass));
  });

  it('reads every trace’s spans in the info pass with --spans: no span pass follows', async () => {
    const fake = useFakeMlflow();
    fake.answer('search', readFileSync(fixture('search-wrapper-session.json'), 'utf8'));
    const r = await runTriage(triageArgs(input({ spans: true }), []));
    expect([r.mlflowCalls.failingSpans, r.mlflowCalls.slowSpans, r.mlflowCalls.okCalls]).toEqual([0, 0, 0]);
    expect(r.findings.latency.spansFrom.all).toBe(true);
  });

  it('without --out-dir the search JSON is the cache entry under XDG_CACHE_HOME, as the other scripts print; with it, a copy there', async () => {
    const fake = useFakeMlflow();
    fake.answer('search', readFileSync(fixture('search-wrapper-session.json'), 'utf8'));
    const a = triageArgs(input({ outDir: undefined }), []);
    expect(a.cli.dir).toBeUndefined();
    const r = await runTriage(a);
    const cache = join(process.env.XDG_CACHE_HOME as string, 'analyzing-mlflow-traces');
    expect(r.files.infos.length).toBeGreaterThan(0);
    for (const f of Object.values(r.files).flat()) expect(f.startsWith(cache), f).toBe(true);
    const out = tempDir('triage-out-');
    const kept = await runTriage(triageArgs(input({ outDir: out }), []));
    expect(kept.files.infos[0]?.startsWith(out)).toBe(true);
  });

  it('--source: every pass reads the traces as that source saw them; an unknown source is a usage error before any call', async () => {
    const fake = useFakeMlflow();
    fake.answer('search', readFileSync(fixture('search-wrapper-session.json'), 'utf8'));
    const a = triageArgs(input({ source: 'human' }), []);
    expect(a.source).toBe('HUMAN');
    const r = await runTriage(a);
    expect(r.findings.verdicts.every((v) => v.source === 'HUMAN')).toBe(true);
    expect(() => triageArgs(input({ source: 'qa-team' }), [])).toThrow(/--source takes HUMAN, LLM_JUDGE or CODE/);
  });
});

/** 30 traces of one version, every fifth failed, durations 100…3,000 ms: a slow tail, failing spans, a constant release key. */
function streamSearch(): string {
  const base = JSON.parse(readFileSync(fixture('search-wrapper-session.json'), 'utf8')).traces[0];
  const traces = Array.from({ length: 30 }, (_, i) => ({
    ...base,
    info: {
      ...base.info,
      trace_id: `tr-${String(i).padStart(32, '0')}`,
      request_time: new Date(Date.parse('2026-11-20T10:00:00Z') + i * 60_000).toISOString(),
      state: i % 5 === 0 ? 'ERROR' : 'OK',
      execution_duration_ms: 100 * (i + 1),
      tags: { ...base.info.tags, app_version: '3.1.0' },
    },
  }));
  return JSON.stringify({ traces: traces.reverse() });
}

describe('runTriage: passes side by side', () => {
  it('the failing and slow-tail span passes and the look-back run at once; each pass still counts its own calls', async () => {
    const fake = useFakeMlflow();
    fake.answer('search', streamSearch());
    const from = mlflowTimeline().length;
    const r = await runTriage(triageArgs(input({ since: '2026-11-20T10:00:00Z' }), []));
    const calls = fake.calls();
    const filterOf = (c: string[]) => c[c.indexOf('--filter-string') + 1] ?? '';
    const failing = calls.findIndex((c) => filterOf(c).includes("trace.status = 'ERROR'"));
    const slow = calls.findIndex((c) => filterOf(c).includes('trace.execution_time_ms >='));
    const lookBack = calls.findIndex((c) => /trace\.timestamp_ms < \d+/.test(filterOf(c)) && c.includes('--no-include-spans'));
    expect([failing, slow, lookBack].every((i) => i > 0)).toBe(true);
    // All three started before any of them ended: their processes overlap.
    const timed = mlflowTimeline().slice(from);
    expect(timed).toHaveLength(calls.length);
    type Timed = { atMs: number; ms: number };
    const [f, s, l] = [failing, slow, lookBack].map((i) => timed[i]) as unknown as [Timed, Timed, Timed];
    const lastStart = Math.max(f.atMs, s.atMs, l.atMs);
    expect(lastStart).toBeLessThan(Math.min(f.atMs + f.ms, s.atMs + s.ms, l.atMs + l.ms));
    const { total, ...byPass } = r.mlflowCalls;
    expect(total).toBe(calls.length);
    expect(Object.values(byPass).reduce((a, b) => a + b, 0)).toBe(total);
    expect([r.mlflowCalls.failingSpans, r.mlflowCalls.slowSpans, r.mlflowCalls.changes]).toEqual([1, 1, 1]);
    expect(r.changes.onset).toMatchObject({ key: 'tag.app_version', value: '3.1.0' });
    expect(r.findings.failing.count).toBe(6);
  });
});
