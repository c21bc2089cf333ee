/** WHAT CHANGED's cohort samples picked by id among the traces read (the metrics path's one search by id). */
import { describe, expect, it } from 'vitest';
import { ChangeAccumulator } from '../../../../scripts/lib/analysis/changes/changes.js';
import { COHORT_SAMPLE, cohortSampleIds } from '../../../../scripts/lib/commands/triage/changes-job.js';
import type { TriageArgs } from '../../../../scripts/lib/commands/triage/triage-args.js';
import { trace } from '../../../support/spans.js';

const a = { experimentId: '1', spec: {} } as unknown as TriageArgs;
const switched = (n: number) => {
  const changes = new ChangeAccumulator();
  for (let i = 0; i < n; i++) changes.addInfo(trace(`tr-${i}`, { requestTimeMs: i * 60_000, tags: { app_version: i < n / 2 ? 'v41' : 'v42' } }));
  return changes;
};

describe('cohortSampleIds', () => {
  it('the newest traces before the switch and the first after it, as the cohort searches would return them', () => {
    const s = cohortSampleIds(a, switched(40));
    expect(s).toMatchObject({ by: 'tag.app_version', from: 'v41', to: 'v42' });
    expect(s?.ids.slice(0, 2)).toEqual(['tr-19', 'tr-18']);
    expect(s?.ids.slice(20, 22)).toEqual(['tr-20', 'tr-21']);
  });
  it('at most COHORT_SAMPLE a side; none with --by (its cohorts may interleave) or without a switch', () => {
    expect(cohortSampleIds(a, switched(4 * COHORT_SAMPLE))?.ids).toHaveLength(2 * COHORT_SAMPLE);
    expect(cohortSampleIds({ ...a, by: 'app_version' } as TriageArgs, switched(40))).toBeNull();
    const one = new ChangeAccumulator();
    for (let i = 0; i < 30; i++) one.addInfo(trace(`tr-${i}`, { requestTimeMs: i, tags: { app_version: 'v42' } }));
    expect(cohortSampleIds(a, one)).toBeNull();
  });
});

describe('after a rollback (v41 → v42 → v41): the v41 sample is half after the rollback, half before the release', () => {
  const rolled = () => {
    const changes = new ChangeAccumulator();
    for (let i = 0; i < 300; i++) changes.addInfo(trace(`tr-${i}`, { requestTimeMs: i * 60_000, tags: { app_version: i >= 100 && i < 200 ? 'v42' : 'v41' } }));
    return changes;
  };
  it('by id on the metrics path: the same traces', () => {
    const ids = cohortSampleIds(a, rolled())?.ids ?? [];
    expect(ids.slice(0, 2)).toEqual(['tr-199', 'tr-198']);
    expect(ids.slice(COHORT_SAMPLE, COHORT_SAMPLE + 2)).toEqual(['tr-200', 'tr-201']);
    expect(ids.slice(COHORT_SAMPLE * 1.5, COHORT_SAMPLE * 1.5 + 2)).toEqual(['tr-99', 'tr-98']);
  });
});
