/**
 * One trace as the cohorts remember it: time, application, state, duration, tokens, the few
 * tag/metadata values worth splitting by, its request and its verdicts (never its spans).
 */
import type { Trace } from '../../trace/trace.js';
import { keyedValues, MLFLOW_BOOKKEEPING, tokenTotalOf } from '../common/trace-info.js';
import { type Verdict, verdictsOf } from '../common/verdicts.js';

/** The tag holding the root span's name (MLflow 3's SDK sets it; OTLP ingest does not: see rootApps). */
export const TRACE_NAME_TAG = 'mlflow.traceName';
const keyedOf = keyedValues(MLFLOW_BOOKKEEPING);

export interface TraceRecord {
  id: string;
  t: number;
  app: string | null;
  state: string;
  durationMs: number | null;
  tokens: number | null;
  kv: Record<string, string>;
  request: string | null;
  verdicts: Verdict[];
}

/** The record of a trace (null: no request time, so no place in time). */
export function recordOf(trace: Trace): TraceRecord | null {
  const { info } = trace;
  if (info.requestTimeMs === null) return null;
  const kv: Record<string, string> = {};
  for (const [k, v] of keyedOf(info)) kv[k] = v;
  return {
    id: info.traceId,
    t: info.requestTimeMs,
    app: info.tags[TRACE_NAME_TAG] ?? null,
    state: info.state,
    durationMs: info.durationMs,
    tokens: tokenTotalOf(info),
    kv,
    request: info.requestPreview ? info.requestPreview.slice(0, 300) : null,
    verdicts: verdictsOf(trace),
  };
}

export const iso = (ms: number): string => new Date(ms).toISOString();

/** A trace the change made worse: an error or a negative verdict. */
export const isBad = (r: TraceRecord): boolean => r.state === 'ERROR' || r.verdicts.some((v) => v.negative);

/** Verdict labels: a name given by more than one source gets a row per source (a judge's rate is never mixed with people's). */
export function verdictLabels(recs: readonly TraceRecord[]): (v: Verdict) => string {
  const sources = new Map<string, Set<string>>();
  for (const r of recs) for (const v of r.verdicts) sources.set(v.name, (sources.get(v.name) ?? new Set()).add(v.source));
  const multiSource = new Set([...sources].filter(([, s]) => s.size > 1).map(([n]) => n));
  return (v) => (multiSource.has(v.name) ? `${v.name} [${v.source}]` : v.name);
}
