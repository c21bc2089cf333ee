/** WHAT CHANGED's span samples as searches: either side of the change; after a rollback, half after it and half before the release. */
import { describe, expect, it } from 'vitest';
import { ChangeAccumulator } from '../../../../scripts/lib/analysis/changes/changes.js';
import { COHORT_SAMPLE, cohortSearches, pickSample, timeClause } from '../../../../scripts/lib/commands/triage/cohort-searches.js';
import { trace } from '../../../support/spans.js';

const versions = (n: number, versionOf: (i: number) => string) => {
  const changes = new ChangeAccumulator();
  for (let i = 0; i < n; i++) changes.addInfo(trace(`tr-${i}`, { requestTimeMs: i * 60_000, tags: { app_version: versionOf(i) } }));
  return changes;
};

describe('cohortSearches', () => {
  it('a plain switch: the newest before, the first after, unbounded in time', () => {
    const plan = versions(40, (i) => (i < 20 ? 'v41' : 'v42')).plan({});
    expect(cohortSearches(plan).map((c) => [c.value, c.order, c.fromMs, c.beforeMs, c.limit])).toEqual([
      ['v41', 'timestamp_ms DESC', null, null, COHORT_SAMPLE],
      ['v42', 'timestamp_ms ASC', null, null, COHORT_SAMPLE],
    ]);
  });
  it('after a rollback (v41 → v42 → v41): the newest v42, the first v41 from the rollback on, the newest v41 before the release', () => {
    const changes = versions(300, (i) => (i >= 100 && i < 200 ? 'v42' : 'v41'));
    const searches = cohortSearches(changes.plan({}));
    expect(searches.map((c) => [c.label, c.order, c.fromMs, c.beforeMs, c.limit])).toEqual([
      ['cohort-v42', 'timestamp_ms DESC', null, null, COHORT_SAMPLE],
      ['cohort-v41', 'timestamp_ms ASC', 200 * 60_000, null, COHORT_SAMPLE / 2],
      ['cohort-v41-before', 'timestamp_ms DESC', null, 100 * 60_000, COHORT_SAMPLE / 2],
    ]);
    expect(searches.map(timeClause)).toEqual(['', `trace.timestamp_ms >= ${200 * 60_000}`, `trace.timestamp_ms < ${100 * 60_000}`]);
    const picked = pickSample(searches[2] as (typeof searches)[number], changes.records, (r) => r.kv['tag.app_version'] ?? null);
    expect(picked.map((r) => r.id).slice(0, 2)).toEqual(['tr-99', 'tr-98']);
  });
});
