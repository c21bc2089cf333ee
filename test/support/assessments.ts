/**
 * Assessments of every kind a store holds, built the way trace.ts parses them: feedback and
 * expectations from a person (HUMAN), a judge (LLM_JUDGE) or a code scorer (CODE), overridden
 * ones, scorer errors and session-level ones. `rawAssessment` builds the JSON mlflow prints,
 * for tests that go through the parser.
 */
import { type Assessment, SESSION_KEY } from '../../scripts/lib/trace/trace.js';

export type SourceType = 'HUMAN' | 'LLM_JUDGE' | 'CODE';

/** Everything but the name and value, each defaulting to a valid, trace-level judge feedback. */
export type AssessmentFields = Partial<Omit<Assessment, 'name' | 'value'>>;

/** A feedback (a verdict): by default an LLM judge's, valid, with no rationale. */
export function feedback(name: string, value: unknown, o: AssessmentFields = {}): Assessment {
  return {
    id: null,
    name,
    kind: 'feedback',
    value,
    error: null,
    rationale: null,
    sourceType: 'LLM_JUDGE',
    sourceId: null,
    spanId: null,
    valid: true,
    overrides: null,
    metadata: {},
    sessionLevel: false,
    createTime: null,
    ...o,
  };
}

/** An expectation (ground truth): by default a person's. */
export const expectation = (name: string, value: unknown, o: AssessmentFields = {}): Assessment =>
  feedback(name, value, { kind: 'expectation', sourceType: 'HUMAN', ...o });

/** A person's feedback, as annotate_trace or the MLflow UI logs it. */
export const humanFeedback = (name: string, value: unknown, o: AssessmentFields = {}): Assessment =>
  feedback(name, value, { sourceType: 'HUMAN', sourceId: 'alice@example.com', ...o });

/** A judge's feedback with its rationale. */
export const judgeFeedback = (name: string, value: unknown, rationale: string | null = null, o: AssessmentFields = {}): Assessment =>
  feedback(name, value, { sourceType: 'LLM_JUDGE', rationale, ...o });

/** A code scorer's feedback (no rationale: code says what it checked in its name). */
export const codeFeedback = (name: string, value: unknown, o: AssessmentFields = {}): Assessment =>
  feedback(name, value, { sourceType: 'CODE', sourceId: 'checks.py', ...o });

/** A scorer that failed: no value, an error code and message. */
export const scorerError = (name: string, code = 'RATE_LIMIT', message = 'judge call failed', o: AssessmentFields = {}): Assessment =>
  feedback(name, null, { error: { code, message, stackTrace: null }, ...o });

/** An assessment replaced by a later one (`valid: false`), and the one that replaced it (a person's, without rationale). */
export function overridden(old: Assessment, byId: string, value: unknown): [Assessment, Assessment] {
  const oldId = old.id ?? `a-${old.name}-old`;
  return [
    { ...old, id: oldId, valid: false },
    { ...old, id: byId, value, rationale: null, overrides: oldId, sourceType: 'HUMAN', sourceId: 'alice@example.com' },
  ];
}

/** Logged by a session-level scorer: its metadata names the session. */
export const sessionLevel = (a: Assessment, sessionId: string): Assessment => ({
  ...a,
  metadata: { ...a.metadata, [SESSION_KEY]: sessionId },
  sessionLevel: true,
});

/** The JSON mlflow prints for one assessment (what `trace.info.assessments[]` holds). */
export function rawAssessment(a: Assessment): Record<string, unknown> {
  const body =
    a.kind === 'expectation'
      ? { expectation: { value: a.value } }
      : {
          feedback: {
            value: a.value,
            ...(a.error ? { error: { error_code: a.error.code, error_message: a.error.message, stack_trace: a.error.stackTrace } } : {}),
          },
        };
  return {
    assessment_id: a.id,
    assessment_name: a.name,
    source: { source_type: a.sourceType, source_id: a.sourceId },
    span_id: a.spanId,
    create_time: a.createTime,
    rationale: a.rationale,
    metadata: a.metadata,
    overrides: a.overrides,
    valid: a.valid,
    ...body,
  };
}
