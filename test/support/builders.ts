/**
 * Small builders for unit tests: spans from a nested spec (attributes JSON-encoded as MLflow
 * stores them), a trace around them, and assessments of every source type. Append new builders
 * at the end of the file, each with its own section; keep the existing signatures.
 */
import { TraceFacts } from '../../scripts/lib/analysis/findings/trace-facts.js';
import type { Assessment, Span, Trace, TraceInfo } from '../../scripts/lib/trace/trace.js';
import { buildTree, type SpanTree } from '../../scripts/lib/trace/tree.js';

// ---------------------------------------------------------------------------------------------
// spans
// ---------------------------------------------------------------------------------------------

export interface SpanSpec {
  name: string;
  /** Times in ms; a child without them starts 1 ms after its previous sibling and lasts 1 ms. */
  start?: number;
  end?: number;
  /** `mlflow.spanType`: LLM, CHAT_MODEL, TOOL, RETRIEVER, AGENT, CHAIN… */
  type?: string;
  inputs?: unknown;
  outputs?: unknown;
  /** ERROR with this exception (type and message), or a status alone. */
  error?: { type: string; message: string } | true;
  status?: Span['status'];
  /** More attributes, JSON-encoded on the way in. */
  attributes?: Record<string, unknown>;
  children?: SpanSpec[];
}

/** Spans from a nested spec, ids 0000000000000001… in walk order. */
export function spans(spec: SpanSpec): Span[] {
  const out: Span[] = [];
  let n = 0;
  const walk = (s: SpanSpec, parentId: string | null, from: number): number => {
    const id = (++n).toString(16).padStart(16, '0');
    const attrs: Record<string, unknown> = {};
    if (s.type) attrs['mlflow.spanType'] = JSON.stringify(s.type);
    if (s.inputs !== undefined) attrs['mlflow.spanInputs'] = JSON.stringify(s.inputs);
    if (s.outputs !== undefined) attrs['mlflow.spanOutputs'] = JSON.stringify(s.outputs);
    for (const [k, v] of Object.entries(s.attributes ?? {})) attrs[k] = JSON.stringify(v);
    const start = s.start ?? from;
    const span: Span = {
      id,
      parentId,
      name: s.name,
      startMs: start,
      endMs: s.end ?? start + 1,
      status: s.error ? 'ERROR' : (s.status ?? 'OK'),
      statusMessage: s.error && s.error !== true ? `${s.error.type}: ${s.error.message}` : '',
      rawAttributes: attrs,
      events:
        s.error && s.error !== true
          ? [{ name: 'exception', timeMs: start, attributes: { 'exception.type': s.error.type, 'exception.message': s.error.message } }]
          : [],
    };
    out.push(span);
    let next = start + 1;
    for (const c of s.children ?? []) next = walk(c, id, next) + 1;
    if (s.end === undefined) span.endMs = Math.max(next, start + 1);
    return span.endMs as number;
  };
  walk(spec, null, 0);
  return out;
}

/** The span tree of a nested spec. */
export const treeOf = (spec: SpanSpec): SpanTree => buildTree(spans(spec));

/** A chat message list, as model spans log their inputs. */
export const chat = (...messages: Array<[role: string, content: string]>) => ({ messages: messages.map(([role, content]) => ({ role, content })) });

/** An OpenAI-style chat completion, as model spans log their outputs. */
export const completion = (content: string, finishReason = 'stop') => ({
  choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: finishReason }],
});

// ---------------------------------------------------------------------------------------------
// traces
// ---------------------------------------------------------------------------------------------

/** A trace around the spans (state OK, id tr-1 unless told). */
export function traceOf(spanList: Span[], info: Partial<TraceInfo> = {}): Trace {
  return {
    format: '3.x',
    spans: spanList,
    info: {
      traceId: 'tr-1',
      experimentId: '1',
      requestTimeMs: 0,
      durationMs: null,
      state: 'OK',
      requestPreview: null,
      responsePreview: null,
      metadata: {},
      tags: {},
      assessments: [],
      sessionId: null,
      userId: null,
      ...info,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// assessments
// ---------------------------------------------------------------------------------------------

/** An assessment as parsed from a trace; feedback by an LLM judge unless told. */
export function assessment(name: string, value: unknown, o: Partial<Assessment> = {}): Assessment {
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

export const judgeVerdict = (name: string, value: unknown, rationale: string | null = null, o: Partial<Assessment> = {}) =>
  assessment(name, value, { sourceType: 'LLM_JUDGE', rationale, ...o });
export const humanVerdict = (name: string, value: unknown, rationale: string | null = null, o: Partial<Assessment> = {}) =>
  assessment(name, value, { sourceType: 'HUMAN', rationale, ...o });
export const codeVerdict = (name: string, value: unknown, rationale: string | null = null, o: Partial<Assessment> = {}) =>
  assessment(name, value, { sourceType: 'CODE', rationale, ...o });
export const expectation = (name: string, value: unknown, o: Partial<Assessment> = {}) => assessment(name, value, { kind: 'expectation', sourceType: 'HUMAN', ...o });
/** A scorer that failed: an error instead of a value. */
export const scorerError = (name: string, code: string, message = 'the judge failed', o: Partial<Assessment> = {}) =>
  assessment(name, null, { error: { code, message, stackTrace: null }, ...o });

// ---------------------------------------------------------------------------------------------
// finding kinds
// ---------------------------------------------------------------------------------------------

/** The facts a finding kind reads, from a nested spec (the trace OK unless told; `reply`: the turn's answer). */
export function factsOf(spec: SpanSpec, o: { info?: Partial<TraceInfo>; reply?: string | null } = {}): TraceFacts {
  const list = spans(spec);
  return new TraceFacts(traceOf(list, o.info), buildTree(list), { reply: o.reply ?? null });
}
