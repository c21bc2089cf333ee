/** A span from the JSON each MLflow version prints: 3.x / 3.5.0 (OpenTelemetry-like) and 2.x (`context.span_id`). */
import { normaliseSpanId, nsToMs, statusOf } from './raw-values.js';
import type { RawSpanV2, RawSpanV3 } from './schema.js';
import type { Span } from './types.js';

export function fromV3(s: RawSpanV3): Span {
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

export function fromV2(s: RawSpanV2): Span {
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
