/** runTriage over the fake mlflow: the passes it makes, and the mlflow calls counted per pass. */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { triageArgs, TRIAGE_OPTIONS, type TriageInput } from '../../../../scripts/lib/commands/triage/triage-args.js';
import { runTriage } from '../../../../scripts/lib/commands/triage/triage-job.js';
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
