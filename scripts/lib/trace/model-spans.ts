/**
 * Which spans are calls to a model: the one test every view and analysis uses. A span of kind
 * LLM or CHAT_MODEL is a model call unless another model span runs inside it: DSPy's
 * `Predict.forward` [LLM] wraps the LM's own `__call__` [CHAT_MODEL], and counting both would
 * count the call twice and read the wrapper's fields ({question, trajectory}) as the prompt.
 */
import { attr, type Span } from './trace.js';
import { spanModel, spanType } from './conventions.js';
import type { SpanNode } from './tree.js';

const MODEL_SPAN_TYPES = new Set(['LLM', 'CHAT_MODEL']);

/** The span's kind is a model's (LLM, CHAT_MODEL), wrapper or not. */
export const isModelSpan = (span: Span): boolean => MODEL_SPAN_TYPES.has(spanType(span) ?? '');

const wrappers = new WeakMap<SpanNode, boolean>();
/** A model span with no model span inside it. */
export function isModelCall(node: SpanNode): boolean {
  if (!isModelSpan(node.span)) return false;
  let wraps = wrappers.get(node);
  if (wraps === undefined) {
    wraps = false;
    const stack = [...node.children];
    while (stack.length && !wraps) {
      const n = stack.pop() as SpanNode;
      if (isModelSpan(n.span)) wraps = true;
      else stack.push(...n.children);
    }
    wrappers.set(node, wraps);
  }
  return !wraps;
}

/** The model calls among a flat list of spans (no tree at hand): model spans no model span names as an ancestor. */
export function modelCallIds(spans: readonly Span[]): Set<string> {
  const parent = new Map(spans.map((s) => [s.id, s.parentId]));
  const wrapping = new Set<string>();
  for (const s of spans) {
    if (!isModelSpan(s)) continue;
    const seen = new Set<string>();
    for (let p = s.parentId; p && !seen.has(p); p = parent.get(p) ?? null) seen.add(p);
    for (const p of seen) wrapping.add(p);
  }
  return new Set(spans.filter((s) => isModelSpan(s) && !wrapping.has(s.id)).map((s) => s.id));
}

/** What a model call's row says of it: the model's name, and whether a cache was on or answered ("dummy, cache on"). */
export function modelCallNote(span: Span): string | null {
  const parts: string[] = [];
  const model = spanModel(span);
  if (model) parts.push(model);
  const cache = attr(span, 'cache');
  // DSPy records its LM's cache setting: a hit is not recorded, so the answer may be a cached one.
  if (cache === true || cache === 'true') parts.push('cache on');
  const hit = cachedTokens(span);
  if (hit) parts.push(`${hit.toLocaleString('en-US')} input tokens from cache`);
  return parts.length ? parts.join(', ') : null;
}

/** Input tokens served from the provider's prompt cache, where the usage records them. */
function cachedTokens(span: Span): number | null {
  for (const k of ['gen_ai.usage.cache_read_input_tokens', 'gen_ai.usage.cache_read.input_tokens', 'llm.token_count.prompt_details.cache_read']) {
    const v = Number(attr(span, k));
    if (Number.isFinite(v) && v > 0) return v;
  }
  return null;
}
