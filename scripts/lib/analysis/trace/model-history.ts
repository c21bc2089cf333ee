/** How much of the conversation the model was given in one trace (session_transcript's "model input: N earlier messages"). */
import { spanInputs } from '../../trace/conventions.js';
import { isModelCall } from '../../trace/model-spans.js';
import { messagesOf } from '../../trace/messages.js';
import type { SpanNode, SpanTree } from '../../trace/tree.js';

/** The model spans (LLM, CHAT_MODEL) in start order. */
export const modelSpans = (tree: SpanTree): SpanNode[] => tree.nodes.filter((n) => isModelCall(n)).sort((a, b) => a.span.startMs - b.span.startMs);

export interface ModelHistory {
  /** The model span whose input was read. */
  spanId: string;
  spanName: string;
  /** User and assistant messages before the current user message: the conversation it was given. */
  earlierMessages: number;
}

/**
 * The first model span (or, without one, the given span) whose input is a message list,
 * counting the user and assistant messages before the last user message. Null when no input
 * is a message list.
 */
export function modelHistory(tree: SpanTree, fallback: SpanNode | null = null): ModelHistory | null {
  for (const node of [...modelSpans(tree), ...(fallback ? [fallback] : [])]) {
    const value = spanInputs(node.span)?.value;
    const msgs = value === undefined ? null : messagesOf(value);
    if (!msgs) continue;
    let lastUser = -1;
    msgs.forEach((m, i) => {
      if (m.role === 'user') lastUser = i;
    });
    if (lastUser < 0) continue;
    const earlier = msgs.slice(0, lastUser).filter((m) => m.role === 'user' || m.role === 'assistant').length;
    return { spanId: node.span.id, spanName: node.span.name, earlierMessages: earlier };
  }
  return null;
}
