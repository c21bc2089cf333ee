/** The records by cohort, the two largest sides, and the time range both sides' span samples cover. */
import { expect, it } from 'vitest';
import { cohortGroups, commonSampleRange, twoLargest } from '../../../../scripts/lib/analysis/changes/cohort-sides.js';
import { record } from '../../../support/change-records.js';

const recs = [record(9, { region: 'eu' }), record(8, { region: 'us' }), record(7, {}), record(6, { region: 'eu' }), record(5, { region: 'ap' })];
const groups = cohortGroups(recs, (r) => r.kv.region ?? null);

it('groups by the value, (unset) without one, in record order', () => {
  expect([...groups].map(([v, rs]) => [v, rs.map((r) => r.t / 1_000)])).toEqual([
    ['eu', [9, 6]],
    ['us', [8]],
    ['(unset)', [7]],
    ['ap', [5]],
  ]);
});

it('compares the two largest cohorts, the one whose newest trace is older first', () => {
  expect(twoLargest(groups)).toEqual({ from: 'ap', to: 'eu' });
});

it('cuts the samples to the range both cover, or none when they do not overlap', () => {
  const all = () => true;
  expect(commonSampleRange([record(1), record(5)], [record(3), record(9)], all)).toEqual([3_000, 5_000]);
  expect(commonSampleRange([record(1), record(2)], [record(3)], all)).toBeNull();
  expect(commonSampleRange([record(1)], [record(3)], () => false)).toBeNull();
});
