/**
 * Model calls' latency beside their prompt size: each span that records token usage (the
 * topmost one on its branch, as analysis/tokens.ts counts them), its time, its input tokens and
 * their share of the trace's input tokens. A prompt of ≥ HUGE_PROMPT tokens is a finding: its
 * size is measured, not guessed, and is the first thing to cut when the call is slow.
 */
import { spanInputs, spanModel, spanTokenUsage } from '../../trace/conventions.js';
import { type Json, messagesOf } from '../../trace/messages.js';
import { isModelCall } from '../../trace/model-spans.js';
import { durationOf, type SpanNode, type SpanTree } from '../../trace/tree.js';

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
  /** For a huge prompt only: the message that holds most of it (what to cut first). */
  bulk?: PromptBulk | null;
}

export interface PromptBulk {
  role: string;
  /** Position in the prompt, 1-based. */
  index: number;
  chars: number;
  /** This message's share of the prompt's characters (0–1). */
  shareOfChars: number;
  /** Most of its text is one passage repeated (fewer than 1 in 5 of its 200-char chunks differ). */
  repeated: boolean;
}

export const HUGE_PROMPT = 20_000;

export function modelCalls(tree: SpanTree, traceMs: number): ModelCall[] {
  const found: Array<{ node: SpanNode; input: number | null; output: number | null }> = [];
  // A wrapper (a CHAIN, an agent, DSPy's Predict) may total its calls' usage: the calls are the
  // model calls, and the wrapper counts only when no model call inside it records usage.
  const aboveCalls = new Set<SpanNode>();
  for (const n of tree.nodes) {
    if (!isModelCall(n) || !spanTokenUsage(n.span)) continue;
    for (let p = n.parent; p && !aboveCalls.has(p); p = p.parent) aboveCalls.add(p);
  }
  const stack = [...tree.roots];
  while (stack.length) {
    const node = stack.pop() as SpanNode;
    const u = aboveCalls.has(node) ? null : spanTokenUsage(node.span);
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
        ...(input !== null && input >= HUGE_PROMPT ? { bulk: promptBulk(node) } : {}),
      };
    })
    .sort((a, b) => (b.inputTokens ?? -1) - (a.inputTokens ?? -1) || b.durationMs - a.durationMs);
}

/** The largest message of a model call's prompt, and whether it is one passage repeated. */
export function promptBulk(node: SpanNode): PromptBulk | null {
  const msgs = messagesOf(spanInputs(node.span)?.value as Json);
  if (!msgs?.length) return null;
  const total = msgs.reduce((n, m) => n + m.text.length, 0);
  let at = 0;
  msgs.forEach((m, i) => {
    if (m.text.length > (msgs[at]?.text.length ?? 0)) at = i;
  });
  const big = msgs[at] as { role: string; text: string };
  if (!total || big.text.length < 2_000) return null;
  return { role: big.role, index: at + 1, chars: big.text.length, shareOfChars: big.text.length / total, repeated: mostlyRepeated(big.text) };
}

/** Fewer than 1 in 5 of the text's 200-char chunks are distinct (chunks cut at a steady stride). */
function mostlyRepeated(text: string): boolean {
  const chunks = new Set<string>();
  let n = 0;
  // A bounded sample: at most 2,000 chunks, evenly spread.
  const stride = Math.max(200, Math.floor(text.length / 2_000 / 200) * 200);
  for (let i = 0; i + 200 <= text.length; i += stride, n++) chunks.add(text.slice(i, i + 200));
  return n >= 10 && chunks.size / n < 0.2;
}
