/**
 * WHAT CHANGED's cost per request on the metrics path: each compared cohort's traces, tokens and
 * recorded cost (mlflow.llm.cost) summed by the tracking server over every trace of the cohort in
 * the window (its tag or metadata value as a filter), not over the span sample. Pure: the queries
 * to send and their answers read; commands/triage/cohort-cost-pass.ts sends them. Where the server
 * cannot answer (a span-parameter key, no recorded cost, a refused request) the sample answers, and
 * the reason is kept for the text and --json.
 */
import type { DataPoint, MetricsQuery } from '../../mlflow/metrics.js';

/** One cohort as the server summed it. */
export interface CohortWindowCost {
  value: string;
  traces: number;
  usd: number;
  perTrace: number | null;
  /** Tokens summed over the cohort's traces (null: none recorded its usage). */
  tokens: number | null;
  tokensPerTrace: number | null;
  byModel: Array<{ model: string; usd: number }>;
  /** The time range summed (ISO; null: open). */
  from: string | null;
  to: string | null;
}

/** Which path answered WHAT CHANGED's cost per request (its --json `changes.report.cohortCost`). */
export interface CohortCost {
  /** server: every trace of each cohort in the window, summed by the metrics endpoint; sample: the traces read with spans. */
  path: 'server' | 'sample';
  /** Why the sample answered (null when the server did). */
  why: string | null;
  /** Requests sent to the metrics endpoint for it. */
  requests: number;
  cohorts: CohortWindowCost[];
}

/** The cohort, as the metrics endpoint filters it: its key and value, within a time range. */
export interface CohortScope {
  value: string;
  /** The triage's own filters (metricsScope) and the application's, without the cohort's. */
  filters: string[];
  startMs: number;
  endMs: number;
}

/** `tag.app_version` + `2.8.0` → `trace.tag.app_version = "2.8.0"`; null with the reason when the endpoint cannot say it. */
export function cohortMetricsFilter(key: string, value: string): { filter: string } | { why: string } {
  const m = /^(tag|metadata)\.(.+)$/.exec(key);
  if (!m) return { why: `${key} is a span parameter, and the metrics endpoint filters traces by tag, metadata and status only` };
  if (value === '(unset)') return { why: `the cohort without ${key} cannot be filtered (the endpoint has no "is not set")` };
  const name = m[2] as string;
  // The endpoint's filter parser has no escapes: a key with spaces or quotes, or a quoted value, is not a name it reads.
  if (!/^[\w.-]+$/.test(name) || value.includes('"')) return { why: `${key} = ${value} is not expressible in the metrics endpoint's filter syntax` };
  return { filter: `trace.${m[1]}.${name} = "${value}"` };
}

export type CohortQueryName = 'traces' | 'tokens' | 'cost';

/** Three requests per cohort: its traces, their tokens, its recorded cost per model. */
export function cohortQueries(experimentId: string, s: CohortScope, cohortFilter: string): Record<CohortQueryName, MetricsQuery> {
  const base = { experimentIds: [experimentId], filters: [...s.filters, cohortFilter], startMs: s.startMs, endMs: s.endMs };
  return {
    traces: { ...base, view: 'TRACES', metric: 'trace_count', aggregations: [{ type: 'COUNT' }] },
    tokens: { ...base, view: 'TRACES', metric: 'total_tokens', aggregations: [{ type: 'SUM' }] },
    cost: { ...base, view: 'SPANS', metric: 'total_cost', aggregations: [{ type: 'SUM' }], dimensions: ['span_model_name'] },
  };
}

const sum = (points: readonly DataPoint[], label: string): number | null => {
  let total: number | null = null;
  for (const p of points) {
    const v = p.values[label];
    if (v !== undefined && Number.isFinite(v)) total = (total ?? 0) + v;
  }
  return total;
};

const isoOrNull = (ms: number, open: boolean) => (open ? null : new Date(ms).toISOString());

/**
 * One cohort's figures from its three answers, or why they cannot stand in for the sample's: no
 * trace counted, or no span with a recorded cost (the sample then prices the calls from the table).
 */
export function cohortWindowCost(
  s: CohortScope,
  answers: Record<CohortQueryName, readonly DataPoint[]>,
  openEndMs: number,
): CohortWindowCost | { why: string } {
  const traces = sum(answers.traces, 'COUNT') ?? 0;
  if (!traces) return { why: `the server counted no trace of cohort ${s.value} in the window` };
  const byModel = answers.cost
    .map((p) => ({ model: p.dimensions.span_model_name || '(no model name)', usd: p.values.SUM ?? 0 }))
    .filter((m) => Number.isFinite(m.usd) && m.usd > 0)
    .sort((a, b) => b.usd - a.usd);
  const usd = byModel.reduce((n, m) => n + m.usd, 0);
  if (!usd) return { why: `no span of cohort ${s.value} has a cost recorded by MLflow (mlflow.llm.cost), so its calls are priced over the sample` };
  const tokens = sum(answers.tokens, 'SUM');
  return {
    value: s.value,
    traces,
    usd,
    perTrace: usd / traces,
    tokens,
    tokensPerTrace: tokens === null ? null : tokens / traces,
    byModel,
    from: isoOrNull(s.startMs, s.startMs <= 0),
    to: isoOrNull(s.endMs, s.endMs >= openEndMs),
  };
}
