/**
 * Where a value began, from the tracking server's trace counts per time bucket (all traces, and
 * those with the value): the first bucket that holds it (first seen) and the last that holds a
 * trace without it (after which it had taken over), each narrowed day → hour → minute. Pure: the
 * queries and their answers; commands/triage/server-onset.ts sends them and reads the traces around the switch.
 */
import type { DataPoint, MetricsQuery } from '../../mlflow/metrics.js';

/** Bucket sizes tried in turn, in seconds: a day, an hour, a minute. */
export const LEVELS_S = [86_400, 3_600, 60] as const;
/** A bucket at or under this many traces is read whole; no finer counts are asked for. */
export const SMALL_BUCKET = 50;

export interface Bucket {
  startMs: number;
  sizeS: number;
  all: number;
  value: number;
}

/** The range counted, start inclusive, end exclusive. */
export interface Range {
  startMs: number;
  endMs: number;
}

/** Traces per bucket of `sizeS` in the range, filtered (the triage's scope, plus the value's filter for the value's series). */
export function countQuery(experimentId: string, filters: string[], range: Range, sizeS: number): MetricsQuery {
  // The server's end bound is inclusive: one millisecond short of the range's end.
  return {
    experimentIds: [experimentId],
    view: 'TRACES',
    metric: 'trace_count',
    aggregations: [{ type: 'COUNT' }],
    filters,
    intervalSeconds: sizeS,
    startMs: range.startMs,
    endMs: range.endMs - 1,
  };
}

const startOf = (p: DataPoint): number | null => {
  const ms = Date.parse(p.dimensions.time_bucket ?? '');
  return Number.isFinite(ms) ? ms : null;
};

/** Two answers (every trace, the value's) as buckets in time order, within the range. */
export function bucketsOf(all: readonly DataPoint[] | null, withValue: readonly DataPoint[], range: Range, sizeS: number): Bucket[] {
  const byStart = new Map<number, Bucket>();
  const at = (ms: number) => {
    let b = byStart.get(ms);
    if (!b) byStart.set(ms, (b = { startMs: ms, sizeS, all: 0, value: 0 }));
    return b;
  };
  for (const [points, field] of [
    [all ?? [], 'all'],
    [withValue, 'value'],
  ] as const)
    for (const p of points) {
      const ms = startOf(p);
      if (ms === null || ms + sizeS * 1000 <= range.startMs || ms >= range.endMs) continue;
      at(ms)[field] += p.values.COUNT ?? 0;
    }
  return [...byStart.values()].sort((a, b) => a.startMs - b.startMs);
}

/** The first bucket holding the value. */
export const firstWith = (buckets: readonly Bucket[]): Bucket | null => buckets.find((b) => b.value > 0) ?? null;

/** The last bucket holding a trace without the value (null: every trace counted has it). */
export function lastOther(buckets: readonly Bucket[]): Bucket | null {
  for (let i = buckets.length - 1; i >= 0; i--) {
    const b = buckets[i] as Bucket;
    if (b.all > b.value) return b;
  }
  return null;
}

/**
 * Where to start reading so that about `before` traces precede the end of the last bucket without
 * the value: back from it over the buckets counted beside it (the same level), at least that bucket's start.
 */
export function readFrom(buckets: readonly Bucket[], last: Bucket, before: number): number {
  let i = buckets.indexOf(last);
  if (i < 0) return last.startMs;
  let n = last.all;
  while (n < before && i > 0) {
    i -= 1;
    n += (buckets[i] as Bucket).all;
  }
  return (buckets[i] as Bucket).startMs;
}

/** A bucket's range, cut to the range it was counted in. */
export const rangeOfBucket = (b: Bucket, within: Range): Range => ({
  startMs: Math.max(b.startMs, within.startMs),
  endMs: Math.min(b.startMs + b.sizeS * 1000, within.endMs),
});

/** The next finer size, or null at the finest. */
export function finer(sizeS: number): number | null {
  const i = LEVELS_S.indexOf(sizeS as (typeof LEVELS_S)[number]);
  return i >= 0 && i < LEVELS_S.length - 1 ? (LEVELS_S[i + 1] as number) : null;
}

/** One trace read around the switch: its id, time and value of the key (undefined: unset). */
export interface AroundTrace {
  id: string;
  t: number;
  value: string | undefined;
}

/**
 * The pair, from the traces read around the switch (any order): the last with another value and
 * the first with the value after it. Null sides when the read did not reach them.
 */
export function pairAround(traces: readonly AroundTrace[], value: string) {
  const sorted = [...traces].sort((a, b) => a.t - b.t);
  let lastGood: AroundTrace | null = null;
  for (const x of sorted) if (x.value !== undefined && x.value !== value) lastGood = x;
  const onset = sorted.find((x) => x.value === value && (lastGood === null || x.t >= lastGood.t)) ?? null;
  return { lastGood, onset };
}
