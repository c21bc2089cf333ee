/**
 * Model calls' latency beside their prompt size: each span that records token usage (the
 * topmost one on its branch, as analysis/tokens.ts counts them), its time, its input tokens and
 * their share of the trace's input tokens. A prompt of ≥ HUGE_PROMPT tokens is a finding: its
 * size is measured, not guessed, and is the first thing to cut when the call is slow.
 */
import { spanModel, spanTokenUsage } from '../trace/conventions.js';
import { durationOf, type SpanNode, type SpanTree } from '../trace/tree.js';

export interface ModelCall {
  spanId: string;
  name: string;
  model: string | null;
  durationMs: number;
  inputTokens: number | null;
  outputTokens: number | null;
  /** inputTokens over the trace's input tokens (0–1), null when unknown. */
  shareOfInputTokens: number | null;
  /** durationMs over the trace's duration (0–1). */
  shareOfTime: number;
}

export const HUGE_PROMPT = 20_000;

export function modelCalls(tree: SpanTree, traceMs: number): ModelCall[] {
  const found: Array<{ node: SpanNode; input: number | null; output: number | null }> = [];
  const stack = [...tree.roots];
  while (stack.length) {
    const node = stack.pop() as SpanNode;
    const u = spanTokenUsage(node.span);
    if (u) found.push({ node, input: u.input, output: u.output });
    else stack.push(...node.children);
  }
  const totalIn = found.reduce((s, f) => s + (f.input ?? 0), 0);
  return found
    .map(({ node, input, output }): ModelCall => {
      const d = durationOf(node.span) ?? 0;
      return {
        spanId: node.span.id,
        name: node.span.name,
        model: spanModel(node.span),
        durationMs: d,
        inputTokens: input,
        outputTokens: output,
        shareOfInputTokens: input !== null && totalIn > 0 ? input / totalIn : null,
        shareOfTime: traceMs > 0 ? d / traceMs : 0,
      };
    })
    .sort((a, b) => (b.inputTokens ?? -1) - (a.inputTokens ?? -1) || b.durationMs - a.durationMs);
}
