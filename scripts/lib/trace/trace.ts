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
export { attr, attrUnkept, decodeValue, normaliseSpanId } from './raw-values.js';
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

type Loose = Record<string, unknown>;
const isObj = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);
const nullish = (v: unknown, ok: (x: unknown) => boolean): boolean => v === undefined || v === null || ok(v);
const isStr = (v: unknown): boolean => typeof v === 'string';
const isNum = (v: unknown): boolean => typeof v === 'number';
const plainEvent = (e: unknown): boolean => isObj(e) && isStr(e.name) && nullish(e.time_unix_nano, isNum) && nullish(e.attributes, isObj);
const plainStatus = (st: unknown): boolean => isObj(st) && nullish(st.code, isStr) && nullish(st.message, isStr);

/**
 * A 3.x span that SpanV3 would pass unchanged (no default to fill, no numeric string to convert):
 * it is taken as it is, without zod's copy of it (30,000 spans: ~190 ms and their copies' memory).
 */
function plainSpanV3(s: unknown): boolean {
  if (!isObj(s) || 'context' in s) return false;
  return (
    isStr(s.span_id) &&
    isStr(s.name) &&
    isNum(s.start_time_unix_nano) &&
    nullish(s.trace_id, isStr) &&
    nullish(s.parent_span_id, isStr) &&
    nullish(s.end_time_unix_nano, isNum) &&
    nullish(s.status, plainStatus) &&
    nullish(s.attributes, isObj) &&
    nullish(s.events, (ev) => Array.isArray(ev) && ev.every(plainEvent))
  );
}

/** zod over everything but plain 3.x spans, which join the result as they are; null when some span is not plain (zod then reads it all). */
function fastParse(json: unknown): RawTrace | null {
  if (!isObj(json) || !isObj(json.data) || !Array.isArray(json.data.spans) || !json.data.spans.every(plainSpanV3)) return null;
  const rest = RawTrace.safeParse({ ...json, data: { ...json.data, spans: [] } });
  if (!rest.success || !rest.data.data) return null;
  return { ...rest.data, data: { ...rest.data.data, spans: json.data.spans as RawSpanV3[] } };
}

/** One trace from `mlflow traces get` output (or any object with `info` and `data`). */
export function parseTrace(json: unknown, what = 'the input'): Trace {
  const fast = fastParse(json);
  if (fast) return normaliseRaw(fast);
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
