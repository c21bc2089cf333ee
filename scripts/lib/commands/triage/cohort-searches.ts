/**
 * WHAT CHANGED's span samples per cohort, as searches: the newest traces before the change, the
 * first after it; for cohorts that interleave in time both newest first; after a rollback the
 * rolled-back-to value half after the rollback, half before the release. Pure: changes-job.ts runs
 * them, and on the metrics path picks the same traces by id among those read (pickSample).
 */
import type { ChangeReport } from '../../analysis/changes/change-report.js';
import { rollbackPlan } from '../../analysis/changes/rollback.js';
import type { TraceRecord } from '../../analysis/changes/trace-record.js';
import { andFilter } from '../../mlflow/filter.js';

/** Traces with spans read per cohort. */
export const COHORT_SAMPLE = 100;

/** One cohort's span sample: its value, the time bound and order that pick it, and how many. */
export interface CohortSearch {
  value: string;
  order: 'timestamp_ms DESC' | 'timestamp_ms ASC';
  /** Traces from this time on, and before that one (null: unbounded). */
  fromMs: number | null;
  beforeMs: number | null;
  limit: number;
  label: string;
}

/**
 * The span samples of a plan: the newest before the change, the first after it; for cohorts that
 * interleave in time (--by region), both newest first (cut later to the range both cover). After a
 * rollback (a → b → a) the first a after it and the newest a before the release, half each: `a`'s
 * first traces in time are the ones before the release, not after the rollback.
 */
export function cohortSearches(plan: Pick<ChangeReport, 'by' | 'from' | 'to' | 'switches' | 'sampling'>): CohortSearch[] {
  const { from, to } = plan;
  if (!from || !to) return [];
  const toOrder = plan.sampling === 'same range' ? 'timestamp_ms DESC' : 'timestamp_ms ASC';
  const open = { fromMs: null, beforeMs: null };
  const before: CohortSearch = { value: from, order: 'timestamp_ms DESC', ...open, limit: COHORT_SAMPLE, label: `cohort-${from}` };
  const back = plan.sampling === 'either side' ? rollbackPlan(plan) : null;
  if (!back) return [before, { value: to, order: toOrder, ...open, limit: COHORT_SAMPLE, label: `cohort-${to}` }];
  const half = Math.ceil(COHORT_SAMPLE / 2);
  return [
    before,
    { value: to, order: 'timestamp_ms ASC', fromMs: back.backMs, beforeMs: null, limit: half, label: `cohort-${to}` },
    { value: to, order: 'timestamp_ms DESC', fromMs: back.beforeFromMs, beforeMs: back.releaseMs, limit: half, label: `cohort-${to}-before` },
  ];
}

/** A search's time bounds as filter clauses. */
export const timeClause = (c: CohortSearch) =>
  andFilter(c.fromMs === null ? undefined : `trace.timestamp_ms >= ${c.fromMs}`, c.beforeMs === null ? undefined : `trace.timestamp_ms < ${c.beforeMs}`);

/** The traces among `recs` a search would return. */
export function pickSample(c: CohortSearch, recs: readonly TraceRecord[], keyValue: (r: TraceRecord) => string | null): TraceRecord[] {
  const rs = recs.filter((r) => keyValue(r) === c.value && (c.fromMs === null || r.t >= c.fromMs) && (c.beforeMs === null || r.t < c.beforeMs));
  return rs.sort((x, y) => (c.order === 'timestamp_ms ASC' ? x.t - y.t : y.t - x.t)).slice(0, c.limit);
}
