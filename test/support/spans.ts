/**
 * Spans and traces as trace.ts parses them, for tests of pure logic: attribute values are stored
 * as the JSON text mlflow prints, so `attr()` decodes them exactly as it does a real trace's.
 */
import type { Assessment, Span, Trace } from '../../scripts/lib/trace/trace.js';

export interface SpanFields {
  parentId?: string | null;
  start?: number;
  end?: number | null;
  type?: string;
  inputs?: unknown;
  outputs?: unknown;
  /** Further attributes, each stored as JSON text. */
  attrs?: Record<string, unknown>;
  /** An exception: its type and message, recorded as mlflow records one (status ERROR). */
  error?: [string, string];
}

export function span(id: string, name: string, o: SpanFields = {}): Span {
  const raw: Record<string, unknown> = { 'mlflow.spanType': JSON.stringify(o.type ?? 'UNKNOWN') };
  if (o.inputs !== undefined) raw['mlflow.spanInputs'] = JSON.stringify(o.inputs);
  if (o.outputs !== undefined) raw['mlflow.spanOutputs'] = JSON.stringify(o.outputs);
  for (const [k, v] of Object.entries(o.attrs ?? {})) raw[k] = JSON.stringify(v);
  const start = o.start ?? 0;
  const end = o.end === undefined ? start + 100 : o.end;
  return {
    id,
    parentId: o.parentId ?? null,
    name,
    startMs: start,
    endMs: end,
    status: o.error ? 'ERROR' : 'OK',
    statusMessage: o.error?.[1] ?? '',
    rawAttributes: raw,
    events: o.error ? [{ name: 'exception', timeMs: end, attributes: { 'exception.type': o.error[0], 'exception.message': o.error[1] } }] : [],
  };
}

export interface TraceFields {
  spans?: Span[];
  assessments?: Assessment[];
  state?: string;
  requestTimeMs?: number;
  durationMs?: number;
  tags?: Record<string, string>;
  metadata?: Record<string, string>;
  sessionId?: string | null;
  request?: string | null;
}

export function trace(id: string, o: TraceFields = {}): Trace {
  return {
    format: '3.x',
    spans: o.spans ?? [],
    info: {
      traceId: id,
      experimentId: '1',
      requestTimeMs: o.requestTimeMs ?? 0,
      durationMs: o.durationMs ?? 1_000,
      state: o.state ?? 'OK',
      requestPreview: o.request ?? null,
      responsePreview: null,
      metadata: o.metadata ?? {},
      tags: o.tags ?? {},
      assessments: o.assessments ?? [],
      sessionId: o.sessionId ?? null,
      userId: null,
    },
  };
}
