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
    const changes = { addSpans: () => {} } as unknown as ChangeAccumulator;
    const a = {
      experimentId: '1',
      filter: '',
      spec: {},
      maxFailing: 1_000,
      cli: { timeoutMs: 30_000, dir: tempDir('spans-'), fresh: true },
    } as unknown as TriageArgs;
    const files = { failingSpans: [] as string[], slowSpans: [] as string[] };
    const calls = await readSpanPasses(a, acc, changes, undefined, files);
    expect(calls).toEqual({ failing: 1, slow: 1 });
    expect([files.failingSpans.length, files.slowSpans.length]).toEqual([1, 1]);
    expect(fed.indexOf('slow')).toBeGreaterThan(fed.lastIndexOf('failing'));
    const filters = fake.calls().map((c) => c[c.indexOf('--filter-string') + 1]);
    expect(filters).toEqual(expect.arrayContaining(["trace.status = 'ERROR'", 'trace.execution_time_ms >= 500']));
  });
});
