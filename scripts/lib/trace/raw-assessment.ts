/** An assessment flattened: feedback, expectation or issue, its error, its source, and whether a session-level scorer logged it. */
import { decodeValue, normaliseSpanId, toStringMap } from './raw-values.js';
import type { RawAssessment } from './schema.js';
import type { Assessment } from './types.js';

export const SESSION_KEY = 'mlflow.trace.session';

export function fromRawAssessment(a: RawAssessment): Assessment {
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
