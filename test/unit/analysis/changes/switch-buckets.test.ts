import { describe, expect, it } from 'vitest';
import {
  bucketsOf,
  countQuery,
  finer,
  firstWith,
  lastOther,
  pairAround,
  rangeOfBucket,
  readFrom,
} from '../../../../scripts/lib/analysis/changes/switch-buckets.js';
import type { DataPoint } from '../../../../scripts/lib/mlflow/metrics.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 1);
/** A data point as the server answers it: the bucket's start as ISO with +00:00, its COUNT. */
const point = (ms: number, n: number): DataPoint => ({
  metric: 'trace_count',
  dimensions: { time_bucket: new Date(ms).toISOString().replace('Z', '+00:00') },
  values: { COUNT: n },
});

describe('where a value began, from counts per time bucket', () => {
  const range = { startMs: 0, endMs: T0 + 10 * DAY };
  // Days 0-3 all v41, day 4 a canary (2 of 30), day 5 the take-over with 5 stragglers, days 6-7 all v42.
  const all = [0, 1, 2, 3, 4, 5, 6, 7].map((d) => point(T0 + d * DAY, 30));
  const v42 = [point(T0 + 4 * DAY, 2), point(T0 + 5 * DAY, 25), point(T0 + 6 * DAY, 30), point(T0 + 7 * DAY, 30)];
  const days = bucketsOf(all, v42, range, 86_400);

  it('first seen: the first bucket holding the value (the canary); the last bucket holding a trace without it (the stragglers)', () => {
    expect(firstWith(days)?.startMs).toBe(T0 + 4 * DAY);
    expect(lastOther(days)).toEqual({ startMs: T0 + 5 * DAY, sizeS: 86_400, all: 30, value: 25 });
  });

  it('every trace counted with the value: no bucket without it', () => {
    expect(lastOther(bucketsOf(all.slice(6), v42.slice(2), range, 86_400))).toBeNull();
  });

  it('narrows day → hour → minute, within the range counted, the end one millisecond short (the server includes it)', () => {
    expect([finer(86_400), finer(3_600), finer(60)]).toEqual([3_600, 60, null]);
    const day = lastOther(days);
    const r = rangeOfBucket(day!, { startMs: T0 + 5 * DAY + 7_200_000, endMs: range.endMs });
    expect(r).toEqual({ startMs: T0 + 5 * DAY + 7_200_000, endMs: T0 + 6 * DAY });
    expect(countQuery('1', ['trace.tag.v = "2"'], r, 3_600)).toMatchObject({
      metric: 'trace_count',
      intervalSeconds: 3_600,
      startMs: r.startMs,
      endMs: r.endMs - 1,
      filters: ['trace.tag.v = "2"'],
    });
  });

  it('leaves out buckets outside the range (a bucket at the inclusive end belongs to the next range)', () => {
    const r = { startMs: T0, endMs: T0 + DAY };
    expect(bucketsOf([point(T0, 3), point(T0 + DAY, 9)], [], r, 86_400).map((b) => b.all)).toEqual([3]);
  });

  it('the pair around it: the last trace with another value and the first with the value after it; unset values are no other value', () => {
    const traces = [
      { id: 'c', t: 30, value: 'v42' },
      { id: 'a', t: 10, value: 'v41' },
      { id: 'u', t: 25, value: undefined },
      { id: 'b', t: 20, value: 'v41' },
      { id: 'd', t: 40, value: 'v42' },
    ];
    const p = pairAround(traces, 'v42');
    expect([p.lastGood?.id, p.onset?.id]).toEqual(['b', 'c']);
    expect(
      pairAround(
        traces.filter((x) => x.value !== 'v41'),
        'v42',
      ),
    ).toMatchObject({ lastGood: null, onset: { id: 'c' } });
  });
});

describe('where the read around the switch starts', () => {
  const b = (startMs: number, all: number) => ({ startMs, sizeS: 60, all, value: 0 });
  const level = [b(0, 40), b(60_000, 30), b(120_000, 20), b(180_000, 5)];
  it('back over the buckets beside the last one until about that many traces precede its end', () => {
    expect(readFrom(level, level[3]!, 50)).toBe(60_000);
    expect(readFrom(level, level[3]!, 5)).toBe(180_000);
    expect(readFrom(level, level[3]!, 1_000)).toBe(0);
  });
});
