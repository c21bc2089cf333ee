/** Pairs of traces for compare_traces: either side of a switch, and the last good / first bad asking the same thing. */
import type { SwitchPair, TracePair } from './change-report.js';
import { isBad, iso, type TraceRecord } from './trace-record.js';

/** A record's value of the cohort key (null: it has none). */
export type KeyValue = (r: TraceRecord) => string | null;

/**
 * The last trace with `from` before `to` took over (its first trace at or after `atMs`; by
 * default `to`'s first trace), and that first trace: the pair either side of the change.
 */
export function switchPair(recs: readonly TraceRecord[], keyValue: KeyValue, from: string, to: string, atMs?: number): SwitchPair | null {
  let after: TraceRecord | null = null;
  for (const r of recs) if (keyValue(r) === to && (atMs === undefined || r.t >= atMs) && (!after || r.t < after.t)) after = r;
  if (!after) return null;
  let before: TraceRecord | null = null;
  for (const r of recs) if (keyValue(r) === from && r.t <= after.t && (!before || r.t > before.t)) before = r;
  if (!before) for (const r of recs) if (keyValue(r) === from && (!before || r.t > before.t)) before = r;
  if (!before) return null;
  return { before: { traceId: before.id, time: iso(before.t), value: from }, after: { traceId: after.id, time: iso(after.t), value: to } };
}

/**
 * The first bad trace after the change (a negative verdict or an error), and the newest good
 * one before it asking the same thing, else the good one nearest in time.
 */
export function badAfterGood(recs: readonly TraceRecord[], keyValue: KeyValue, from: string, to: string): TracePair | null {
  const good = (r: TraceRecord) => r.state === 'OK' && r.verdicts.length > 0 && !isBad(r);
  const after = recs.filter((r) => keyValue(r) === to && isBad(r)).sort((a, b) => a.t - b.t);
  const before = recs.filter((r) => keyValue(r) === from && good(r)).sort((a, b) => b.t - a.t);
  const fb = after.find((r) => r.verdicts.some((v) => v.negative)) ?? after[0];
  if (!fb || !before.length) return null;
  const same = before.find((r) => r.request !== null && r.request === fb.request);
  const lg = same ?? (before[0] as TraceRecord);
  const why = fb.verdicts.find((v) => v.negative);
  return {
    lastGood: { traceId: lg.id, time: iso(lg.t), request: lg.request },
    firstBad: { traceId: fb.id, time: iso(fb.t), request: fb.request, why: why ? `${why.name}: ${why.rationale ?? 'negative'}` : 'ERROR' },
    sameRequest: !!same,
  };
}
