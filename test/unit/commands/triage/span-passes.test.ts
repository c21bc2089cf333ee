/** The failing and slow-tail span passes over the fake mlflow: both searches at once, their pages fed failing first, calls counted per pass. */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TriageAccumulator } from '../../../../scripts/lib/analysis/triage/accumulator.js';
import type { ChangeAccumulator } from '../../../../scripts/lib/analysis/changes/changes.js';
import { readSpanPasses } from '../../../../scripts/lib/commands/triage/span-passes.js';
import type { TriageArgs } from '../../../../scripts/lib/commands/triage/triage-args.js';
import { useFakeMlflow } from '../../../support/fake-mlflow.js';
import { fixture, tempDir } from '../../../support/helpers.js';

afterEach(() => vi.unstubAllEnvs());

/** What both passes are given besides the accumulator: the arguments, a change accumulator, the file lists. */
const passInputs = () => ({
  changes: { addSpans: () => {} } as unknown as ChangeAccumulator,
  a: {
    experimentId: '1',
    filter: '',
    spec: {},
    maxFailing: 1_000,
    cli: { timeoutMs: 30_000, dir: tempDir('spans-'), fresh: true },
  } as unknown as TriageArgs,
  files: { failingSpans: [] as string[], slowSpans: [] as string[] },
});

describe('readSpanPasses', () => {
  it('sends both searches before either answers, feeds the failing pages before the slow ones, and counts each pass’s calls', async () => {
    const fake = useFakeMlflow();
    fake.answer('search', readFileSync(fixture('search-wrapper-session.json'), 'utf8'));
    const fed: string[] = [];
    const acc = {
      failingIdsNewestFirst: () => [{ id: 'tr-1', t: 1 }],
      slowThresholdMs: () => 500,
      addSpans: (_t: unknown, role: string) => fed.push(role),
    } as unknown as TriageAccumulator;
    const { changes, a, files } = passInputs();
    const calls = await readSpanPasses(a, acc, changes, undefined, files);
    expect(calls).toEqual({ failing: 1, slow: 1, sampled: false });
    expect([files.failingSpans.length, files.slowSpans.length]).toEqual([1, 1]);
    expect(fed.indexOf('slow')).toBeGreaterThan(fed.lastIndexOf('failing'));
    const filters = fake.calls().map((c) => c[c.indexOf('--filter-string') + 1]);
    expect(filters).toEqual(expect.arrayContaining(["trace.status = 'ERROR'", 'trace.execution_time_ms >= 500']));
  });

  it('on the metrics path: the failing, slow and cohort-sample traces by id in one search, fed in that order', async () => {
    const fake = useFakeMlflow();
    fake.answer('search', readFileSync(fixture('search-wrapper-session.json'), 'utf8'));
    const [x, y, z] = ['tr-61e31eb1d65b59fc6cd2870ac84e6aad', 'tr-5229e7afdc5e38629b614ebbbb3acb68', 'tr-215304b4f6b2fdf26332c223a8cd49f5'];
    const fed: string[] = [];
    const acc = {
      failingIdsNewestFirst: () => [{ id: z, t: 1 }],
      slowIds: () => [y, z],
      addSpans: (t: { info: { traceId: string } }, role: string) => fed.push(`${role}:${t.info.traceId}`),
    } as unknown as TriageAccumulator;
    const { changes, a, files } = passInputs();
    const calls = await readSpanPasses(a, acc, changes, undefined, files, true, [x as string]);
    expect(calls).toEqual({ failing: 1, slow: 0, sampled: true });
    expect(fed).toEqual([`failing:${z}`, `slow:${y}`, `slow:${z}`, `sample:${x}`]);
    const filters = fake.calls().map((c) => c[c.indexOf('--filter-string') + 1]);
    expect(filters).toEqual([`trace.request_id IN ('${z}', '${y}', '${x}')`]);
  });
});
