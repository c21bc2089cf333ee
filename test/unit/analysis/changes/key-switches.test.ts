/** Switch findings per key over records: a few-valued key is a cohort, an id is not. */
import { expect, it } from 'vitest';
import { keySwitches } from '../../../../scripts/lib/analysis/changes/key-switches.js';
import { record } from '../../../support/change-records.js';

it('finds the switch of a version key and drops a key with more than 12 values (an id)', () => {
  const recs = Array.from({ length: 40 }, (_, i) => record(i, { 'tag.app_version': i < 20 ? 'v7' : 'v8', 'tag.user': `u${i}` }));
  const found = keySwitches(recs, (r) => r.kv);
  expect(found.map((f) => [f.key, f.kind])).toEqual([['tag.app_version', 'switch']]);
});

it('skips records the key source says nothing of', () => {
  expect(keySwitches([record(1, { k: 'a' })], () => undefined)).toEqual([]);
});

it('says which keys shift over time: the version does, a region taking turns does not', () => {
  const recs = Array.from({ length: 80 }, (_, i) => record(i, { 'tag.app_version': i < 40 ? 'v7' : 'v8', 'tag.region': i % 2 ? 'eu' : 'us' }));
  const found = keySwitches(recs, (r) => r.kv);
  expect(Object.fromEntries(found.map((f) => [f.key, f.shifts]))).toEqual({ 'tag.app_version': true, 'tag.region': false });
});
