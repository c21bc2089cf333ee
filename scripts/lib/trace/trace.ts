/**
 * Parsing `mlflow traces get` / `search` output into the one typed trace model (types.ts), whatever
 * MLflow version printed the JSON: ids as hex strings where they can be decoded, times in ms, status
 * as OK / ERROR / UNSET, assessments flattened (raw-spans.ts, raw-assessment.ts, raw-values.ts).
 * Every module imports the model and `attr` from here.
 */
import { z } from 'zod';
import { SkillError } from '../core/errors.js';
import { fromRawAssessment, SESSION_KEY } from './raw-assessment.js';
import { fromV2, fromV3 } from './raw-spans.js';
import { HEX_SPAN_ID, toStringMap } from './raw-values.js';
import { InfoV2, InfoV3, RawTrace, SearchResult, type RawSpanV2, type RawSpanV3 } from './schema.js';
import type { Trace, TraceFormat, TraceInfo } from './types.js';

export { SESSION_KEY } from './raw-assessment.js';
export { attr, decodeValue, normaliseSpanId } from './raw-values.js';
export type { Assessment, Span, SpanEvent, SpanStatus, Trace, TraceFormat, TraceInfo } from './types.js';

function describeIssue(error: z.ZodError, what: string): string {
  const issue = error.issues[0];
  const path = issue?.path.length
    ? issue.path
        .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
        .join('')
        .replace(/^\./, '')
    : '(top level)';
  return `${what} is not an MLflow trace: at ${path}: ${issue?.message ?? 'unexpected shape'}`;
}

function normaliseRaw(raw: RawTrace): Trace {
  const rawSpans = raw.data?.spans ?? [];
  const v2Spans = rawSpans.length > 0 && 'context' in (rawSpans[0] as object);
  const spans = rawSpans.map((s) => ('context' in s ? fromV2(s as RawSpanV2) : fromV3(s as RawSpanV3)));
  const first = rawSpans[0] as Record<string, unknown> | undefined;
  const isV2Info = 'request_id' in raw.info && !('trace_id' in raw.info);

  let info: TraceInfo;
  if (isV2Info) {
    // Already validated by RawTrace's union: parsing again cost a tenth of a 10,000-trace triage.
    const i = raw.info as z.infer<typeof InfoV2>;
    const metadata = toStringMap(i.request_metadata);
    info = {
      traceId: i.request_id,
      experimentId: i.experiment_id ?? null,
      requestTimeMs: i.timestamp_ms ?? null,
      durationMs: i.execution_time_ms ?? null,
      state: (i.status ?? 'STATE_UNSPECIFIED').replace(/^UNSPECIFIED$/, 'STATE_UNSPECIFIED'),
      requestPreview: metadata['mlflow.traceInputs'] ?? null,
      responsePreview: metadata['mlflow.traceOutputs'] ?? null,
      metadata,
      tags: toStringMap(i.tags),
      assessments: (i.assessments ?? []).map(fromRawAssessment),
      sessionId: metadata[SESSION_KEY] ?? null,
      userId: metadata['mlflow.trace.user'] ?? null,
    };
  } else {
    const i = raw.info as z.infer<typeof InfoV3>;
    const metadata = toStringMap(i.trace_metadata);
    const t = i.request_time ? Date.parse(i.request_time) : Number.NaN;
    info = {
      traceId: i.trace_id,
      experimentId: i.trace_location?.mlflow_experiment?.experiment_id ?? null,
      requestTimeMs: Number.isFinite(t) ? t : null,
      durationMs: i.execution_duration_ms ?? null,
      state: i.state ?? 'STATE_UNSPECIFIED',
      requestPreview: i.request_preview ?? null,
      responsePreview: i.response_preview ?? null,
      metadata,
      tags: toStringMap(i.tags),
      assessments: (i.assessments ?? []).map(fromRawAssessment),
      sessionId: metadata[SESSION_KEY] ?? null,
      userId: metadata['mlflow.trace.user'] ?? null,
    };
  }
  if (info.requestTimeMs === null && spans.length) info.requestTimeMs = Math.min(...spans.map((s) => s.startMs));

  let format: TraceFormat = '3.x';
  if (v2Spans || isV2Info) format = '2.x';
  else if (first && ((typeof first.span_id === 'string' && HEX_SPAN_ID.test(first.span_id)) || 'otel_trace_id' in first)) format = '3.5.0';
  return { info, spans, format };
}

/** One trace from `mlflow traces get` output (or any object with `info` and `data`). */
export function parseTrace(json: unknown, what = 'the input'): Trace {
  const parsed = RawTrace.safeParse(json);
  if (!parsed.success)
    throw new SkillError('bad-data', describeIssue(parsed.error, what), { hint: 'Expected the JSON printed by `mlflow traces get --trace-id <ID>`.' });
  return normaliseRaw(parsed.data);
}

export interface TracePage {
  traces: Trace[];
  nextPageToken: string | null;
}

/** `mlflow traces search --output json` output. */
export function parseSearch(json: unknown, what = 'the input'): TracePage {
  const parsed = SearchResult.safeParse(json);
  if (!parsed.success)
    throw new SkillError('bad-data', describeIssue(parsed.error, what), { hint: 'Expected the JSON printed by `mlflow traces search --output json`.' });
  return { traces: parsed.data.traces.map(normaliseRaw), nextPageToken: parsed.data.next_page_token ?? null };
}

/**
 * Either shape, for --from-file: a saved `traces get` (one trace) or `traces search` (many).
 */
export function parseTraces(json: unknown, what = 'the input'): Trace[] {
  if (json && typeof json === 'object' && 'traces' in json) return parseSearch(json, what).traces;
  if (Array.isArray(json)) return json.map((t, i) => parseTrace(t, `${what} item ${i}`));
  return [parseTrace(json, what)];
}
