/**
 * The records split by their value of the cohort key, the two sides compared when no change was
 * found (the two largest), and the time range both sides' span samples cover.
 */
import type { KeyValue } from './trace-pairs.js';
import type { TraceRecord } from './trace-record.js';

/** The records by their value of the cohort key (`(unset)` without one), in record order. */
export function cohortGroups(recs: readonly TraceRecord[], keyValue: KeyValue): Map<string, TraceRecord[]> {
  const groups = new Map<string, TraceRecord[]>();
  for (const r of recs) {
    const v = keyValue(r) ?? '(unset)';
    let g = groups.get(v);
    if (!g) groups.set(v, (g = []));
    g.push(r);
  }
  return groups;
}

/** With --by and no switch: the two largest cohorts (the older first at a tie), the one with the older newest trace as `from`. */
export function twoLargest(groups: ReadonlyMap<string, readonly TraceRecord[]>): { from: string | null; to: string | null } {
  const sides = [...groups]
    .map(([value, rs]) => ({ value, n: rs.length, first: rs.reduce((m, r) => Math.min(m, r.t), Number.POSITIVE_INFINITY), newestT: rs[0]?.t ?? 0 }))
    .sort((a, b) => a.first - b.first)
    .sort((a, b) => b.n - a.n)
    .slice(0, 2)
    .sort((x, y) => x.newestT - y.newestT);
  return { from: sides[0]?.value ?? null, to: sides[1]?.value ?? null };
}

/** The time range both cohorts' traces read with spans cover (null: one has none, or they do not overlap). */
export function commonSampleRange(a: readonly TraceRecord[], b: readonly TraceRecord[], hasSpans: (r: TraceRecord) => boolean): [number, number] | null {
  const span = (rs: readonly TraceRecord[]) => {
    const ts = rs.filter(hasSpans).map((r) => r.t);
    return ts.length ? [Math.min(...ts), Math.max(...ts)] : null;
  };
  const x = span(a);
  const y = span(b);
  if (!x || !y) return null;
  const lo = Math.max(x[0] as number, y[0] as number);
  const hi = Math.min(x[1] as number, y[1] as number);
  return lo <= hi ? [lo, hi] : null;
}
