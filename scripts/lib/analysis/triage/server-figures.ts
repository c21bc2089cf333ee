/**
 * Triage's whole-window figures as the tracking server aggregates them (QueryTraceMetrics): the
 * queries to send for a filter, and their data points turned into the aggregates the sections
 * take (section.ts `TraceAggregate`). Pure: the requests are sent by commands/triage/server-pass.ts.
 * Facts of MLflow 3.17.2 this follows: trace_status is a dimension of trace_count only; latency
 * and tokens take no COUNT; span cost groups by span_model_name/provider only; span filters only
 * on the SPANS view; values keyed SUM, MAX, P50.0 …; a bucket's start in dimensions.time_bucket.
 */
import type { DataPoint, MetricsQuery } from '../../mlflow/metrics.js';
import type { TraceFilterSpec } from '../../mlflow/filter.js';
import { polarityOf } from '../trace/assessments.js';
import type { TraceAggregate, VerdictTotal } from './section.js';

/** The figures the server can answer, each answered (or not) on its own. */
export const SERVER_FIGURES = ['traces', 'latency', 'tokens', 'costPerDay', 'costByModel', 'assessments', 'verdictTotals'] as const;
export type ServerFigure = (typeof SERVER_FIGURES)[number];

/** Which path answered a figure, and why not the server when it did not. */
export interface FigureSource {
  figure: ServerFigure;
  path: 'server' | 'paging';
  why?: string;
}

/** Which path answered triage's whole-window figures (its --json `figures`). */
export interface ServerFigures {
  /** `server`: the whole-window counts came from the metrics endpoint (the traces read are a sample). */
  path: 'server' | 'paging';
  /** Why paging answered everything (no server, a filter it cannot express, counts refused). */
  why: string | null;
  /** Matching traces in the window, as the server counted them. */
  traces: number | null;
  /** Requests sent to the metrics endpoint. */
  requests: number;
  figures: FigureSource[];
}

/** The window and filters as the endpoint takes them, or why it cannot express this filter. */
export type MetricsScope = { filters: string[]; startMs: number; endMs: number } | { unexpressible: string };

/** The far end of an open window (the endpoint needs one with time buckets). */
export const OPEN_END_MS = Date.UTC(2100, 0, 1);

const quoted = (v: string): string | null => (v.includes('"') ? null : `"${v}"`);

/** Trace filters as the metrics endpoint words them; a clause it cannot express names itself. */
export function metricsScope(spec: TraceFilterSpec): MetricsScope {
  if (spec.raw?.trim()) return { unexpressible: 'a --filter string (the metrics endpoint takes only tag, metadata and status filters)' };
  if (spec.minExecutionMs !== undefined) return { unexpressible: '--min-ms (the metrics endpoint has no execution-time filter)' };
  if (spec.feedback?.length) return { unexpressible: '--feedback (the metrics endpoint filters traces by tag, metadata and status only)' };
  if (spec.spanName !== undefined) return { unexpressible: '--span-name (the metrics endpoint filters spans only in its span view)' };
  const clauses: Array<[string, string]> = [];
  if (spec.status) clauses.push(['trace.status', spec.status]);
  for (const [k, v] of spec.tags ?? []) clauses.push([`trace.tag.${k}`, v]);
  for (const [k, v] of spec.metadata ?? []) clauses.push([`trace.metadata.${k}`, v]);
  if (spec.user !== undefined) clauses.push(['trace.metadata.mlflow.trace.user', spec.user]);
  if (spec.session !== undefined) clauses.push(['trace.metadata.mlflow.trace.session', spec.session]);
  if (spec.traceName !== undefined) clauses.push(['trace.tag.mlflow.traceName', spec.traceName]);
  const filters: string[] = [];
  for (const [key, value] of clauses) {
    const q = quoted(value);
    // The endpoint's filter parser has no escapes; a key with spaces or quotes is not a name it reads.
    if (q === null || !/^[\w.-]+$/.test(key)) return { unexpressible: `the filter ${key} = ${value} (not expressible in the metrics endpoint's syntax)` };
    filters.push(`${key} = ${q}`);
  }
  return { filters, startMs: spec.sinceMs ?? 0, endMs: spec.untilMs ?? OPEN_END_MS };
}

type Scope = Extract<MetricsScope, { filters: string[] }>;
const HOUR_S = 3_600;
const DAY_S = 86_400;

/** The request behind each figure (cost per day takes its traces per day from the `traces` one). */
export function figureQueries(experimentId: string, s: Scope): Record<ServerFigure, MetricsQuery> {
  const base = { experimentIds: [experimentId], filters: s.filters, startMs: s.startMs, endMs: s.endMs };
  return {
    // Per state, no buckets: exact totals in one data point per state (bucketsQuery gives the times).
    traces: { ...base, view: 'TRACES', metric: 'trace_count', aggregations: [{ type: 'COUNT' }], dimensions: ['trace_status'] },
    latency: {
      ...base,
      view: 'TRACES',
      metric: 'latency',
      aggregations: [{ type: 'PERCENTILE', percentile: 50 }, { type: 'PERCENTILE', percentile: 95 }, { type: 'MAX' }],
    },
    tokens: { ...base, view: 'TRACES', metric: 'total_tokens', aggregations: [{ type: 'PERCENTILE', percentile: 50 }, { type: 'SUM' }] },
    costPerDay: { ...base, view: 'SPANS', metric: 'total_cost', aggregations: [{ type: 'SUM' }], intervalSeconds: DAY_S },
    costByModel: { ...base, view: 'SPANS', metric: 'total_cost', aggregations: [{ type: 'SUM' }], dimensions: ['span_model_name'] },
    assessments: { ...base, view: 'ASSESSMENTS', metric: 'assessment_count', aggregations: [{ type: 'COUNT' }], dimensions: ['assessment_name'] },
    // Feedback per name and value (no source dimension exists): positive and negative over the window, every source together.
    verdictTotals: {
      ...base,
      filters: [...s.filters, 'assessment.type = "feedback"'],
      view: 'ASSESSMENTS',
      metric: 'assessment_count',
      aggregations: [{ type: 'COUNT' }],
      dimensions: ['assessment_name', 'assessment_value'],
    },
  };
}

/** Traces per state and day (or hour): the histogram, the window's ends, traces per day. */
export function bucketsQuery(experimentId: string, s: Scope, unit: 'day' | 'hour'): MetricsQuery {
  const base = { experimentIds: [experimentId], filters: s.filters, startMs: s.startMs, endMs: s.endMs };
  return {
    ...base,
    view: 'TRACES',
    metric: 'trace_count',
    aggregations: [{ type: 'COUNT' }],
    dimensions: ['trace_status'],
    intervalSeconds: unit === 'day' ? DAY_S : HOUR_S,
  };
}

/** The total of bucketed counts: buckets are used only when they add up to the exact totals. */
export const countOf = (points: readonly DataPoint[]): number => points.reduce((n, p) => n + (p.values.COUNT ?? 0), 0);

const bucketMs = (p: DataPoint): number | null => {
  const t = p.dimensions.time_bucket;
  const ms = t ? Date.parse(t) : Number.NaN;
  return Number.isFinite(ms) ? ms : null;
};
const num = (v: number | undefined): number | null => (v === undefined || !Number.isFinite(v) ? null : v);

/**
 * Trace counts per state over the window (exact: `totals`, per state without buckets), and from
 * `buckets` (per hour or day and state, when they add up to the totals) its first and last bucket.
 */
export function statesAggregate(
  totals: readonly DataPoint[],
  buckets: readonly DataPoint[] | null = null,
  unitMs = HOUR_S * 1000,
): Extract<TraceAggregate, { kind: 'states' }> {
  const counts: Record<string, number> = {};
  for (const p of totals) {
    const n = p.values.COUNT ?? 0;
    if (n) counts[p.dimensions.trace_status ?? 'UNKNOWN'] = (counts[p.dimensions.trace_status ?? 'UNKNOWN'] ?? 0) + n;
  }
  if (!buckets) return { kind: 'states', counts, first: null, last: null };
  const points = buckets;
  const hours: Array<{ t: number; state: string; n: number }> = [];
  let first: number | null = null;
  let last: number | null = null;
  for (const p of points) {
    const n = p.values.COUNT ?? 0;
    if (!n) continue;
    const state = p.dimensions.trace_status ?? 'UNKNOWN';
    const t = bucketMs(p);
    if (t === null) continue;
    hours.push({ t, state, n });
    first = first === null ? t : Math.min(first, t);
    // The last bucket's end, less a millisecond: the newest trace is inside that bucket.
    last = last === null ? t + unitMs - 1 : Math.max(last, t + unitMs - 1);
  }
  return { kind: 'states', counts, first, last, hours };
}

/** Trace latency p50/p95/max (one point, no dimensions); null when the window has none. */
export function latencyAggregate(points: readonly DataPoint[], traces: number): Extract<TraceAggregate, { kind: 'latency' }> | null {
  const v = points[0]?.values;
  if (!v || num(v.MAX) === null) return null;
  return { kind: 'latency', count: traces, p50: num(v['P50.0']), p95: num(v['P95.0']), max: num(v.MAX) };
}

/** The median of tokens per trace; null when no trace records its usage. */
export function tokensAggregate(points: readonly DataPoint[]): Extract<TraceAggregate, { kind: 'tokens' }> | null {
  const v = points[0]?.values;
  const median = num(v?.['P50.0']);
  return median === null ? null : { kind: 'tokens', median, total: num(v?.SUM) };
}

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Span cost per UTC day (by span start) beside traces per day (summed from the hourly states). */
export function costPerDayAggregate(hourly: readonly DataPoint[], costDaily: readonly DataPoint[]): Extract<TraceAggregate, { kind: 'costPerDay' }> | null {
  const traces = new Map<string, number>();
  for (const p of hourly) {
    const t = bucketMs(p);
    if (t !== null) traces.set(dayOf(t), (traces.get(dayOf(t)) ?? 0) + (p.values.COUNT ?? 0));
  }
  const usd = new Map<string, number>();
  for (const p of costDaily) {
    const t = bucketMs(p);
    const v = num(p.values.SUM);
    if (t !== null && v !== null && v > 0) usd.set(dayOf(t), (usd.get(dayOf(t)) ?? 0) + v);
  }
  if (!usd.size) return null;
  const days = [...new Set([...traces.keys(), ...usd.keys()])].sort().map((day) => ({ day, traces: traces.get(day) ?? 0, usd: usd.get(day) ?? 0 }));
  return { kind: 'costPerDay', days };
}

/** Span cost per model over the window, largest first; null when no span records a cost. */
export function costByModelAggregate(points: readonly DataPoint[]): Extract<TraceAggregate, { kind: 'costByModel' }> | null {
  const models = points
    .map((p) => ({ model: p.dimensions.span_model_name || '(no model name)', usd: num(p.values.SUM) ?? 0 }))
    .filter((m) => m.usd > 0)
    .sort((a, b) => b.usd - a.usd);
  return models.length ? { kind: 'costByModel', models } : null;
}

/** Assessments logged per name over the window (feedback and expectations alike). */
export function assessmentsAggregate(points: readonly DataPoint[]): Extract<TraceAggregate, { kind: 'assessments' }> {
  const counts: Record<string, number> = {};
  for (const p of points) {
    const name = p.dimensions.assessment_name;
    if (name) counts[name] = (counts[name] ?? 0) + (p.values.COUNT ?? 0);
  }
  return { kind: 'assessments', counts };
}

/** A value as the server groups it: the JSON text MLflow stored (`true`, `"yes"`, `0.8`). */
const storedValue = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/** Feedback per name over the window, positive and negative as the traces read are judged; `null` values (a judge's error) apart. */
export function verdictTotalsAggregate(points: readonly DataPoint[]): Extract<TraceAggregate, { kind: 'verdictTotals' }> {
  const perName: Record<string, VerdictTotal> = {};
  for (const p of points) {
    const name = p.dimensions.assessment_name;
    const n = p.values.COUNT ?? 0;
    if (!name || !n) continue;
    const t = (perName[name] ??= { judged: 0, positive: 0, negative: 0, noValue: 0 });
    const value = storedValue(p.dimensions.assessment_value ?? 'null');
    if (value === null) {
      t.noValue += n;
      continue;
    }
    t.judged += n;
    const polarity = polarityOf(value, name);
    if (polarity === 'positive') t.positive += n;
    if (polarity === 'negative') t.negative += n;
  }
  return { kind: 'verdictTotals', perName };
}
