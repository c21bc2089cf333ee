/**
 * A rollback (a → b → a): the release it undid, and the cost per request of each stretch in time
 * order (a before the release, b, a after the rollback), each from its own traces read with spans.
 * The cohort `a` mixes both of its stretches; a figure per stretch does not, so "2.7.0 → 2.8.0 →
 * 2.7.0: $0.00032 → $0.0114 → $0.00032" is what each stretch cost, not one figure printed twice.
 */
import type { ChangeReport, Rollback, RollbackStretch } from './change-report.js';
import { type CohortSource, cohortOf } from './cohort-stats.js';
import type { Change } from './switches.js';
import { iso, type TraceRecord } from './trace-record.js';

/** The release a rollback undid and the rollback, with the moments that bound the three stretches. */
export interface RollbackPlan {
  release: Change;
  back: Change;
  /** The stretch before the release starts here (the change before it; null: the window's start). */
  beforeFromMs: number | null;
  /** The release took over here, and the rollback here (a canary's first trace when it was a rollout). */
  releaseMs: number;
  backMs: number;
}

/** The moment a change began: its canary's first trace for a rollout, else its first trace of the new value. */
const began = (c: Change) => c.rollout?.firstSeenMs ?? c.firstToMs;

/**
 * The release a rollback undid (null: no rollback). A rollback returns to the value the window
 * began with (a → b → a; a → b → a → b ends on a release again); the release is the latest earlier change the other way.
 */
export function rollbackPlan(r: Pick<ChangeReport, 'by' | 'from' | 'to' | 'switches'>): RollbackPlan | null {
  const lead = r.switches.find((s) => s.key === r.by);
  const back = lead?.changes.at(-1);
  if (!lead || !back || lead.changes.length < 2 || lead.changes[0]?.from !== r.to || back.from !== r.from || back.to !== r.to) return null;
  let i = lead.changes.length - 2;
  while (i >= 0 && !(lead.changes[i]?.from === r.to && lead.changes[i]?.to === r.from)) i -= 1;
  const release = lead.changes[i];
  if (!release) return null;
  const prior = lead.changes[i - 1];
  return { release, back, beforeFromMs: prior ? began(prior) : null, releaseMs: began(release), backMs: began(back) };
}

/** Each stretch's traces and cost per request, from the records with span facts (the cohort statistics' own reading). */
export function rollbackCost(
  p: RollbackPlan,
  key: string,
  recs: readonly TraceRecord[],
  keyValue: (r: TraceRecord) => string | null,
  src: CohortSource,
): Rollback {
  const picked: TraceRecord[] = [];
  const stretch = (value: string, fromMs: number | null, toMs: number | null): RollbackStretch => {
    const rs = recs.filter((r) => keyValue(r) === value && (fromMs === null || r.t >= fromMs) && (toMs === null || r.t < toMs));
    picked.push(...rs);
    const c = cohortOf(value, rs, src);
    const bound = (ms: number | null) => (ms === null ? null : iso(ms));
    return { value, from: bound(fromMs), to: bound(toMs), traces: rs.length, spansRead: c.spansRead, perTrace: c.cost?.perTrace ?? null };
  };
  const a = p.release.from;
  const b = p.release.to;
  const stretches: Rollback['stretches'] = [stretch(a, p.beforeFromMs, p.releaseMs), stretch(b, p.releaseMs, p.backMs), stretch(a, p.backMs, null)];
  // Where the figures come from (recorded, the price table, or both), over the three stretches' calls.
  return { key, stretches, source: cohortOf(a, picked, src).cost?.source ?? null };
}
