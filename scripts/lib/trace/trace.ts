/**
 * The one typed trace model every analysis works on, whatever MLflow version printed the JSON:
 * ids as hex strings where they can be decoded, times in ms, status as OK / ERROR / UNSET,
 * assessments flattened. Attribute values stay raw and are JSON-decoded on first use, since a
 * 50 MB trace is mostly attribute text that most analyses never read.
 */
import { z } from 'zod';
import { SkillError } from '../core/errors.js';
import { InfoV2, InfoV3, RawAssessment, RawTrace, SearchResult, type RawSpanV2, type RawSpanV3 } from './schema.js';

export type SpanStatus = 'OK' | 'ERROR' | 'UNSET';
export type TraceFormat = '3.x' | '3.5.0' | '2.x';

export interface SpanEvent {
  name: string;
  timeMs: number | null;
  attributes: Record<string, unknown>;
}

export interface Span {
  id: string;
  parentId: string | null;
  name: string;
  startMs: number;
  endMs: number | null;
  status: SpanStatus;
  statusMessage: string;
  rawAttributes: Record<string, unknown>;
  events: SpanEvent[];
}

export interface Assessment {
  id: string | null;
  name: string;
  kind: 'feedback' | 'expectation' | 'issue' | 'unknown';
  value: unknown;
  error: { code: string; message: string; stackTrace: string | null } | null;
  rationale: string | null;
  sourceType: string;
  sourceId: string | null;
  spanId: string | null;
  valid: boolean;
  overrides: string | null;
  metadata: Record<string, string>;
  /** Logged by a session-level scorer: its metadata names the session. */
  sessionLevel: boolean;
  createTime: string | null;
}

export interface TraceInfo {
  traceId: string;
  experimentId: string | null;
  requestTimeMs: number | null;
  durationMs: number | null;
  state: string;
  requestPreview: string | null;
  responsePreview: string | null;
  metadata: Record<string, string>;
  tags: Record<string, string>;
  assessments: Assessment[];
  sessionId: string | null;
  userId: string | null;
}

export interface Trace {
  info: TraceInfo;
  spans: Span[];
  format: TraceFormat;
}

// ---------------------------------------------------------------------------------------------
// ids, times, attribute values
// ---------------------------------------------------------------------------------------------

const B64_SPAN_ID = /^[A-Za-z0-9+/]{11}=$/;
const HEX_SPAN_ID = /^(?:0x)?([0-9a-fA-F]{16})$/;

/** 3.x prints base64 span ids, 3.5.0 and 2.x hex, assessments always hex: normalise to hex. */
export function normaliseSpanId(id: string): string {
  const hex = HEX_SPAN_ID.exec(id);
  if (hex?.[1]) return hex[1].toLowerCase();
  if (B64_SPAN_ID.test(id)) return Buffer.from(id, 'base64').toString('hex');
  return id;
}

const nsToMs = (ns: number | null | undefined): number | null => (typeof ns === 'number' && Number.isFinite(ns) ? ns / 1e6 : null);

/** Attribute values are JSON-encoded strings (`"\"LLM\""`); anything else is taken as it is. */
export function decodeValue(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  const c = raw.trimStart()[0];
  if (c === undefined) return raw;
  if (c === '"' || c === '{' || c === '[' || c === '-' || (c >= '0' && c <= '9') || raw === 'true' || raw === 'false' || raw === 'null') {
    try {
      return JSON.parse(raw);
    } catch {
      return raw;
    }
  }
  return raw;
}

const decoded = new WeakMap<Span, Map<string, unknown>>();

/** A span attribute, JSON-decoded once and cached. */
export function attr(span: Span, key: string): unknown {
  if (!(key in span.rawAttributes)) return undefined;
  let cache = decoded.get(span);
  if (!cache) decoded.set(span, (cache = new Map()));
  if (!cache.has(key)) cache.set(key, decodeValue(span.rawAttributes[key]));
  return cache.get(key);
}

/** Tags and metadata as strings. Nearly always they are already: then the parsed object itself, not a copy per trace. */
const toStringMap = (m: Record<string, unknown> | null | undefined): Record<string, string> => {
  if (!m) return {};
  if (Object.values(m).every((v) => typeof v === 'string')) return m as Record<string, string>;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(m)) out[k] = typeof v === 'string' ? v : JSON.stringify(v);
  return out;
};

function statusOf(code: string | null | undefined): SpanStatus {
  const c = (code ?? '').toUpperCase().replace(/^STATUS_CODE_/, '');
  return c === 'OK' ? 'OK' : c === 'ERROR' ? 'ERROR' : 'UNSET';
}

// ---------------------------------------------------------------------------------------------
// spans
// ---------------------------------------------------------------------------------------------

function fromV3(s: RawSpanV3): Span {
  return {
    id: normaliseSpanId(s.span_id),
    parentId: s.parent_span_id ? normaliseSpanId(s.parent_span_id) : null,
    name: s.name,
    startMs: nsToMs(s.start_time_unix_nano) ?? 0,
    endMs: nsToMs(s.end_time_unix_nano),
    status: statusOf(s.status?.code),
    statusMessage: s.status?.message ?? '',
    rawAttributes: s.attributes ?? {},
    events: (s.events ?? []).map((e) => ({ name: e.name, timeMs: nsToMs(e.time_unix_nano), attributes: e.attributes ?? {} })),
  };
}

function fromV2(s: RawSpanV2): Span {
  return {
    id: normaliseSpanId(s.context.span_id),
    parentId: s.parent_id ? normaliseSpanId(s.parent_id) : null,
    name: s.name,
    startMs: nsToMs(s.start_time) ?? 0,
    endMs: nsToMs(s.end_time),
    status: statusOf(s.status_code),
    statusMessage: s.status_message ?? '',
    rawAttributes: s.attributes ?? {},
    events: (s.events ?? []).map((e) => ({ name: e.name, timeMs: nsToMs(e.timestamp), attributes: e.attributes ?? {} })),
  };
}

// ---------------------------------------------------------------------------------------------
// assessments
// ---------------------------------------------------------------------------------------------

export const SESSION_KEY = 'mlflow.trace.session';

function fromRawAssessment(a: RawAssessment): Assessment {
  const metadata = toStringMap(a.metadata);
  const fbError = a.feedback?.error ?? null;
  const legacyError = a.error && typeof a.error === 'object' ? (a.error as Record<string, unknown>) : null;
  const errorCode = fbError?.error_code ?? (legacyError?.error_code as string | undefined) ?? null;
  const errorMessage = fbError?.error_message ?? (legacyError?.error_message as string | undefined) ?? null;
  let kind: Assessment['kind'] = 'unknown';
  let value: unknown = null;
  if (a.feedback) {
    kind = 'feedback';
    value = a.feedback.value ?? null;
  } else if (a.expectation) {
    kind = 'expectation';
    const ser = a.expectation.serialized_value;
    value = ser?.value != null ? decodeValue(ser.value) : (a.expectation.value ?? null);
  } else if (a.issue) {
    kind = 'issue';
    value = a.issue.issue_name ?? null;
  }
  return {
    id: a.assessment_id ?? null,
    name: a.assessment_name ?? a.name ?? '(unnamed)',
    kind,
    value,
    error: errorCode || errorMessage ? { code: errorCode ?? 'ERROR', message: errorMessage ?? '', stackTrace: fbError?.stack_trace ?? null } : null,
    rationale: a.rationale ?? null,
    sourceType: a.source?.source_type ?? 'SOURCE_TYPE_UNSPECIFIED',
    sourceId: a.source?.source_id ?? null,
    spanId: a.span_id ? normaliseSpanId(a.span_id) : null,
    // Expectations print no `valid`; only an explicit false marks an overridden assessment.
    valid: a.valid !== false,
    overrides: a.overrides ?? null,
    metadata,
    sessionLevel: SESSION_KEY in metadata,
    createTime: a.create_time ?? (a.create_time_ms != null ? new Date(a.create_time_ms).toISOString() : null),
  };
}

// ---------------------------------------------------------------------------------------------
// traces
// ---------------------------------------------------------------------------------------------

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
