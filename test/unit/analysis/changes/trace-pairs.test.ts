/** Pairs for compare_traces: either side of a switch, and the first bad trace after it beside a good one asking the same. */
import { expect, it } from 'vitest';
import { badAfterGood, switchPair } from '../../../../scripts/lib/analysis/changes/trace-pairs.js';
import { record, verdict } from '../../../support/change-records.js';

const v = (r: { kv: Record<string, string> }) => r.kv.v ?? null;

it('pairs the last trace before the switch with the first after it', () => {
  const recs = [record(1, { v: 'a' }), record(2, { v: 'a' }), record(3, { v: 'b' }), record(4, { v: 'b' })];
  expect(switchPair(recs, v, 'a', 'b')).toMatchObject({ before: { traceId: 'tr-2', value: 'a' }, after: { traceId: 'tr-3', value: 'b' } });
  expect(switchPair(recs, v, 'a', 'c')).toBeNull();
});

it('pairs the first bad trace after the change with the good one before it asking the same', () => {
  const good = [verdict('quality', false)];
  const recs = [
    record(1, { v: 'a' }, { verdicts: good, request: 'baggage?' }),
    record(2, { v: 'a' }, { verdicts: good, request: 'refund?' }),
    record(3, { v: 'b' }, { state: 'ERROR', request: 'refund?' }),
    record(4, { v: 'b' }, { verdicts: [verdict('quality', true, 'Cut off.')], request: 'baggage?' }),
  ];
  expect(badAfterGood(recs, v, 'a', 'b')).toMatchObject({
    lastGood: { traceId: 'tr-1' },
    firstBad: { traceId: 'tr-4', why: 'quality: Cut off.' },
    sameRequest: true,
  });
});
