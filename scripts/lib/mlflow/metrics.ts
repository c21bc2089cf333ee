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
import { readFileSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { z } from 'zod';
import { SkillError } from '../core/errors.js';
import { redact } from '../core/redact.js';
import { credentialFailure } from './failures.js';

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
export type Endpoint = { url: URL; auth: string | null } | { none: string };

export function metricsEndpoint(env: NodeJS.ProcessEnv = process.env): Endpoint {
  const uri = env.MLFLOW_TRACKING_URI ?? '';
  if (/^(databricks|databricks-uc|uc)(:|$)/i.test(uri)) return { none: 'a Databricks workspace (its trace metrics are not this API)' };
  if (!/^https?:\/\//i.test(uri)) return { none: uri ? 'a local or SQL store, not a tracking server' : 'no MLFLOW_TRACKING_URI (a local store)' };
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return { none: 'a tracking URI that is not a valid URL' };
  }
  // Credentials in the URI are used, never kept in the URL (nor printed).
  const inUri = url.username ? `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}` : null;
  url.username = '';
  url.password = '';
  const base = url.pathname.replace(/\/+$/, '');
  const endpoint = new URL(`${base}${METRICS_PATH}`, url);
  const user = env.MLFLOW_TRACKING_USERNAME;
  const auth =
    user !== undefined && env.MLFLOW_TRACKING_PASSWORD !== undefined
      ? `Basic ${Buffer.from(`${user}:${env.MLFLOW_TRACKING_PASSWORD}`).toString('base64')}`
      : env.MLFLOW_TRACKING_TOKEN
        ? `Bearer ${env.MLFLOW_TRACKING_TOKEN}`
        : inUri
          ? `Basic ${Buffer.from(inUri).toString('base64')}`
          : null;
  return { url: endpoint, auth };
}

const truthy = (v: string | undefined) => !!v && /^(1|true|yes)$/i.test(v);

/** The TLS settings MLflow's REST client reads. */
function tlsOptions(env: NodeJS.ProcessEnv): RequestOptions & { rejectUnauthorized?: boolean; ca?: Buffer; cert?: Buffer; key?: Buffer } {
  const o: { rejectUnauthorized?: boolean; ca?: Buffer; cert?: Buffer; key?: Buffer } = {};
  if (truthy(env.MLFLOW_TRACKING_INSECURE_TLS)) o.rejectUnauthorized = false;
  if (env.MLFLOW_TRACKING_SERVER_CERT_PATH) o.ca = readFileSync(env.MLFLOW_TRACKING_SERVER_CERT_PATH);
  if (env.MLFLOW_TRACKING_CLIENT_CERT_PATH) {
    // MLflow passes one PEM holding both the certificate and its key.
    o.cert = readFileSync(env.MLFLOW_TRACKING_CLIENT_CERT_PATH);
    o.key = o.cert;
  }
  return o;
}

let requests = 0;
/** Requests sent to the metrics endpoint by this process (reported beside the mlflow calls). */
export const metricsRequestCount = (): number => requests;

const timeline: Array<{ what: string; atMs: number; ms: number }> = [];
/** Every metrics request of this run with its time (SKILL_PROFILE's breakdown beside the mlflow calls). */
export const metricsTimeline = (): ReadonlyArray<{ what: string; atMs: number; ms: number }> => timeline;

interface HttpAnswer {
  status: number;
  body: string;
}

function post(url: URL, auth: string | null, body: string, timeoutMs: number, env: NodeJS.ProcessEnv): Promise<HttpAnswer> {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) };
  if (auth) headers.authorization = auth;
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((ok, fail) => {
    const req = send(url, { method: 'POST', headers, ...(url.protocol === 'https:' ? tlsOptions(env) : {}) }, (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', fail);
    });
    req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error(`no answer within ${Math.round(timeoutMs / 1000)} s`), { code: 'ETIMEDOUT' })));
    // A kept-alive socket the server closed while idle resets on reuse (Node's documented race):
    // the query only reads, so it is sent once more on a fresh socket.
    req.on('error', (err: NodeJS.ErrnoException) =>
      req.reusedSocket && err.code === 'ECONNRESET' ? post(url, auth, body, timeoutMs, env).then(ok, fail) : fail(err),
    );
    req.end(body);
  });
}

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

/** The server's own message for a 4xx/5xx: `{error_code, message}`, else the body's first line. */
function serverMessage(a: HttpAnswer): string {
  try {
    const j = JSON.parse(a.body) as { error_code?: string; message?: string };
    if (j.message)
      return (
        redact(`${j.error_code ? `${j.error_code}: ` : ''}${j.message}`)
          .split('\n')[0]
          ?.slice(0, 300) ?? ''
      );
  } catch {
    // not JSON: an HTML 404 page or a proxy's text
  }
  return redact(
    a.body
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  ).slice(0, 200);
}

const NETWORK = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|EHOSTUNREACH|ENETUNREACH|socket hang up/;

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
    let answer: HttpAnswer;
    requests += 1;
    sent += 1;
    const started = performance.now();
    try {
      answer = await post(where.url, where.auth, requestBody(q, token), opts.timeoutMs ?? 60_000, env);
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      const text = redact(`${e.code ?? ''} ${e.message}`.trim());
      if (e.code === 'ETIMEDOUT') return { refused: `the metrics endpoint gave ${text}`, requests: sent };
      if (NETWORK.test(text) || (e.code && /^E[A-Z]+$/.test(e.code) && !/^ERR_TLS|CERT|SELF_SIGNED/.test(e.code)))
        throw new SkillError('unreachable', `The tracking server did not answer: ${text}`, {
          hint: 'Check that the server is running and MLFLOW_TRACKING_URI points at it.',
        });
      return { refused: `the metrics request failed: ${text}`, requests: sent };
    }
    const by = q.dimensions?.length ? ` by ${q.dimensions.join(', ')}` : '';
    const every = q.intervalSeconds ? ` per ${q.intervalSeconds} s` : '';
    timeline.push({ what: `${q.view.toLowerCase()} ${q.metric}${by}${every}`, atMs: Math.round(started), ms: Math.round(performance.now() - started) });
    if (answer.status === 401 || answer.status === 403) {
      // The CLI's words for the same refusal: the request line as MLflow's REST client words it.
      const refusal = credentialFailure(
        `Error: API request to endpoint ${METRICS_PATH} failed with error code ${answer.status} != 200. Response body: '${serverMessage(answer)}'`,
        env,
      );
      if (refusal) throw refusal;
    }
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
