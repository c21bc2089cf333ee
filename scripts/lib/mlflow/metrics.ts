/**
 * The one module that asks a tracking server to aggregate traces on its own database:
 * `POST /api/3.0/mlflow/traces/metrics` (QueryTraceMetrics, MLflow 3.x; no `mlflow` CLI command
 * exposes it). Called over REST from Node with the credentials the CLI would use
 * (MLFLOW_TRACKING_USERNAME/PASSWORD, MLFLOW_TRACKING_TOKEN, user:password in the URI, the TLS
 * settings). Refused credentials and a dead server end the script as the CLI path does (exit 9,
 * exit 4); anything else the server declines (no endpoint, a metric or dimension it does not
 * know, a timeout, a 5xx) is an answer `{ refused }`, so the caller pages instead and says why.
 * Shapes checked against mlflow 3.17.2: server/handlers.py `_query_trace_metrics`,
 * store/tracking/utils/sql_trace_metrics_utils.py (metrics, aggregations, dimensions per view).
 */
import { z } from 'zod';
import { type Endpoint, postJson, restTimeline, serverEndpoint, serverMessage } from './rest.js';

export type { Endpoint };

export const METRICS_PATH = '/api/3.0/mlflow/traces/metrics';

export type ViewType = 'TRACES' | 'SPANS' | 'ASSESSMENTS';
export type AggregationType = 'COUNT' | 'SUM' | 'AVG' | 'PERCENTILE' | 'MIN' | 'MAX';

export interface Aggregation {
  type: AggregationType;
  /** 0-100, for PERCENTILE only. */
  percentile?: number;
}

export interface MetricsQuery {
  experimentIds: string[];
  view: ViewType;
  /**
   * trace_count, latency, input_tokens, output_tokens, total_tokens (traces); span_count, latency,
   * input_cost, output_cost, total_cost (spans); assessment_count, assessment_value.
   */
  metric: string;
  aggregations: Aggregation[];
  /** trace_name, trace_status; span_name, span_type, span_status, span_model_name, span_model_provider; assessment_name, assessment_value. */
  dimensions?: string[];
  /** ANDed: `trace.status = "ERROR"`, `trace.tag.k = "v"`, `trace.metadata.k = "v"`, `span.name = "x"`, `assessment.name = "x"`. */
  filters?: string[];
  /** Buckets of this many seconds (the server then needs startMs and endMs). */
  intervalSeconds?: number;
  startMs?: number;
  endMs?: number;
}

export interface DataPoint {
  metric: string;
  /** Dimension → value; `time_bucket` is the bucket's start as ISO 8601. */
  dimensions: Record<string, string>;
  /** Aggregation label (COUNT, SUM, AVG, MIN, MAX, P50.0 …) → value. */
  values: Record<string, number>;
}

export type MetricsAnswer = { points: DataPoint[]; requests: number } | { refused: string; requests: number };

/** The label the server gives an aggregation's value (`str(MetricAggregation)`). */
export const aggregationLabel = (a: Aggregation): string => (a.type === 'PERCENTILE' ? `P${Number(a.percentile ?? 50).toFixed(1)}` : a.type);

const Answer = z.object({
  data_points: z
    .array(
      z.object({
        metric_name: z.string().optional(),
        dimensions: z.record(z.string(), z.string()).optional(),
        values: z.record(z.string(), z.number()).optional(),
      }),
    )
    .optional(),
  next_page_token: z.string().optional(),
});

/** Where the endpoint lives, or why this tracking URI cannot have one (a file/SQL store, Databricks). */
export const metricsEndpoint = (env: NodeJS.ProcessEnv = process.env): Endpoint => serverEndpoint(METRICS_PATH, env);

/** Every metrics request of this run with its time (the REST timeline: SKILL_PROFILE's breakdown). */
export const metricsTimeline = restTimeline;

function requestBody(q: MetricsQuery, pageToken: string | undefined): string {
  const body: Record<string, unknown> = {
    experiment_ids: q.experimentIds,
    view_type: q.view,
    metric_name: q.metric,
    aggregations: q.aggregations.map((a) =>
      a.type === 'PERCENTILE' ? { aggregation_type: a.type, percentile_value: a.percentile ?? 50 } : { aggregation_type: a.type },
    ),
    max_results: PAGE,
  };
  if (q.dimensions?.length) body.dimensions = q.dimensions;
  if (q.filters?.length) body.filters = q.filters;
  if (q.intervalSeconds) body.time_interval_seconds = q.intervalSeconds;
  if (q.startMs !== undefined) body.start_time_ms = Math.floor(q.startMs);
  if (q.endMs !== undefined) body.end_time_ms = Math.ceil(q.endMs);
  if (pageToken) body.page_token = pageToken;
  return JSON.stringify(body);
}

/** Data points per request (the server's own cap is 1,000), and pages at most. */
const PAGE = 1000;
const MAX_PAGES = 20;

/**
 * One metric, every page of it. Throws SkillError for refused credentials (exit 9) and a server
 * that does not answer at all (exit 4), as the CLI path would; any other refusal is returned.
 */
export async function queryMetrics(q: MetricsQuery, opts: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<MetricsAnswer> {
  const env = opts.env ?? process.env;
  const where = metricsEndpoint(env);
  if ('none' in where) return { refused: `the tracking URI is ${where.none}`, requests: 0 };
  const points: DataPoint[] = [];
  let token: string | undefined;
  let sent = 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    sent += 1;
    const by = q.dimensions?.length ? ` by ${q.dimensions.join(', ')}` : '';
    const every = q.intervalSeconds ? ` per ${q.intervalSeconds} s` : '';
    const posted = await postJson(where, requestBody(q, token), `${q.view.toLowerCase()} ${q.metric}${by}${every}`, { timeoutMs: opts.timeoutMs, env });
    if ('failed' in posted) return { refused: `the metrics ${posted.failed.startsWith('gave') ? 'endpoint' : 'request'} ${posted.failed}`, requests: sent };
    const answer = posted.answer;
    if (answer.status === 404 || answer.status === 405)
      return { refused: `this server has no trace-metrics endpoint (HTTP ${answer.status} on ${METRICS_PATH}; it needs MLflow 3.x)`, requests: sent };
    if (answer.status !== 200) {
      return { refused: `the server declined ${q.view.toLowerCase()} ${q.metric}${by} (HTTP ${answer.status}): ${serverMessage(answer)}`, requests: sent };
    }
    let parsed: z.infer<typeof Answer>;
    try {
      parsed = Answer.parse(JSON.parse(answer.body));
    } catch {
      return { refused: 'the metrics answer was not the expected JSON', requests: sent };
    }
    for (const p of parsed.data_points ?? []) points.push({ metric: p.metric_name ?? q.metric, dimensions: p.dimensions ?? {}, values: p.values ?? {} });
    token = parsed.next_page_token || undefined;
    if (!token) return { points, requests: sent };
  }
  return { refused: `more than ${MAX_PAGES * PAGE} data points: narrow the window`, requests: sent };
}

/** A filter value quoted as the metrics filter parser reads it (double quotes, no escapes: refused if it holds one). */
export function metricsFilterValue(value: string): string | null {
  return value.includes('"') ? null : `"${value}"`;
}
