/** Negative verdicts' rationales clustered per verdict and counted per cohort, with their trend across the change. */
import { expect, it } from 'vitest';
import type { Cohort } from '../../../../scripts/lib/analysis/changes/change-report.js';
import { rationaleClusters } from '../../../../scripts/lib/analysis/changes/rationale-clusters.js';
import { record, verdict } from '../../../support/change-records.js';

const judged = (value: string, of: number) => ({ value, verdicts: [{ name: 'quality', n: 0, of, rate: null }] }) as unknown as Cohort;

it('a rationale only the new cohort has is new; one both have alike is steady', () => {
  const recs = [
    ...[1, 2].map((i) => record(i, { v: 'v7' }, { verdicts: [verdict('quality', true, 'No baggage info.')] })),
    ...[3, 4].map((i) => record(i, { v: 'v8' }, { verdicts: [verdict('quality', true, 'No baggage info.')] })),
    ...[5, 6, 7].map((i) => record(i, { v: 'v8' }, { verdicts: [verdict('quality', true, 'Cut off mid-sentence at 212 chars.')] })),
  ];
  const clusters = rationaleClusters(recs, [judged('v7', 10), judged('v8', 10)], {
    cohortOf: (r) => r.kv.v ?? '(unset)',
    label: (v) => v.name,
    from: 'v7',
    to: 'v8',
  });
  expect(clusters.map((c) => [c.example, c.total, c.trend])).toEqual([
    ['No baggage info.', 4, 'steady'],
    ['Cut off mid-sentence at 212 chars.', 3, 'new'],
  ]);
  expect(clusters[1]?.byCohort).toEqual([
    { value: 'v7', count: 0, judged: 10, newest: null, request: null },
    { value: 'v8', count: 3, judged: 10, newest: 'tr-7', request: null },
  ]);
});
