/**
 * Span trees from a nested spec (children inside their parent, times filled in), chat payloads
 * as model spans log them, and the facts a finding kind reads. Built on spans.ts; append new
 * helpers at the end.
 */
import { TraceFacts } from '../../scripts/lib/analysis/findings/trace-facts.js';
import type { Span, TraceInfo } from '../../scripts/lib/trace/trace.js';
import { buildTree, type SpanTree } from '../../scripts/lib/trace/tree.js';
import { span, trace } from './spans.js';

export interface SpanSpec {
  name: string;
  /** Times in ms; without them a span starts 1 ms after its previous sibling (or its parent) and ends after its children. */
  start?: number;
  end?: number;
  /** `mlflow.spanType`: LLM, CHAT_MODEL, TOOL, RETRIEVER, RERANKER, AGENT, CHAIN… */
  type?: string;
  inputs?: unknown;
  outputs?: unknown;
  /** An exception (type, message) recorded as mlflow records one; `true`: status ERROR without one. */
  error?: [string, string] | true;
  attrs?: Record<string, unknown>;
  children?: SpanSpec[];
}

/** Spans from a nested spec, ids 0000000000000001… in walk order. */
export function spans(spec: SpanSpec): Span[] {
  const out: Span[] = [];
  let n = 0;
  const walk = (s: SpanSpec, parentId: string | null, from: number): number => {
    const id = (++n).toString(16).padStart(16, '0');
    const start = s.start ?? from;
    const built = span(id, s.name, { ...s, parentId, start, end: s.end ?? start + 1, error: s.error === true ? undefined : s.error });
    if (s.error === true) built.status = 'ERROR';
    out.push(built);
    let next = start + 1;
    for (const c of s.children ?? []) next = walk(c, id, next) + 1;
    if (s.end === undefined) built.endMs = Math.max(next, start + 1);
    return built.endMs as number;
  };
  walk(spec, null, 0);
  return out;
}

export const treeOf = (spec: SpanSpec): SpanTree => buildTree(spans(spec));

/** A chat message list, as model spans log their inputs. */
export const chat = (...messages: Array<[role: string, content: string]>) => ({ messages: messages.map(([role, content]) => ({ role, content })) });

/** An OpenAI-style chat completion, as model spans log their outputs. */
export const completion = (content: string, finishReason = 'stop') => ({
  choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: finishReason }],
});

/** The facts a finding kind reads, from a nested spec (the trace OK unless told; `reply`: the turn's answer). */
export function factsOf(spec: SpanSpec, o: { info?: Partial<TraceInfo>; reply?: string | null } = {}): TraceFacts {
  const list = spans(spec);
  const t = trace('tr-1', { spans: list, durationMs: list[0]?.endMs ?? 0 });
  return new TraceFacts({ ...t, info: { ...t.info, ...o.info } }, buildTree(list), { reply: o.reply ?? null });
}
