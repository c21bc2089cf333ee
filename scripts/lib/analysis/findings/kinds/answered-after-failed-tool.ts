/**
 * An answer given after a failed tool: a model span that ran after a tool failed, or was handed
 * the tool's error as a `role: tool` message, and still produced an answer (worst when the
 * reply says the action succeeded). A tool that ended OK with a failure stated in its output
 * (`{"ok": false, "error": …}`: failureInOkOutput's test) counts as failed.
 */
import { clip, oneLine } from '../../../core/format.js';
import { spanExceptions, spanInputs, spanOutputs, spanType } from '../../../trace/conventions.js';
import { type Message, messagesOf, replyText } from '../../../trace/messages.js';
import { nameRef } from '../../../trace/span-ref.js';
import { endOf, type SpanNode, type SpanTree } from '../../../trace/tree.js';
import { modelSpans } from '../../trace/model-history.js';
import { successClaim } from '../claims.js';
import { defineKind, MAX_EACH } from '../finding-kind.js';
import { ERROR_WORDS, mentionsError } from '../../common/text-match.js';
import type { TraceFacts } from '../trace-facts.js';
import { statedToolFailures } from './ok-failures.js';

export interface AnsweredAfterFailure {
  llmSpanId: string;
  llmName: string;
  /** `NAME#N` when several spans share the name (what `--span` takes). */
  llmRef: string;
  toolSpanId: string;
  toolName: string;
  toolRef: string;
  /** The tool's error, from its exception or from the tool message the model was given. */
  error: string;
  /** Whether the model's own input held the error (a `role: tool` message), not just the timing. */
  errorInInput: boolean;
  /** The error was in another message's text (DSPy's ReAct hands it on as an observation), not a tool message. */
  inOtherMessage?: true;
  /** The sentence of the model's reply that says the action succeeded (null: it claims nothing). */
  successClaim: string | null;
}

/** Tools that ended OK with a failure in their output, and its words. */
type Stated = Map<SpanNode, string>;

function errorText(node: SpanNode, stated: Stated): string {
  const s = stated.get(node);
  if (s !== undefined) return s;
  const ex = spanExceptions(node.span).at(-1);
  if (ex) return `${ex.type}: ${ex.message}`.trim();
  return node.span.statusMessage || '(no message)';
}

/** The tool's own error message: its exception's, its status message, or the failure its output states. */
const messageOf = (tool: SpanNode, stated: Stated): string => stated.get(tool) ?? (spanExceptions(tool.span).at(-1)?.message || tool.span.statusMessage);

/** The messages a model span was given. */
function inputMessages(node: SpanNode): Message[] {
  const inputs = spanInputs(node.span)?.value;
  return (inputs === undefined ? null : messagesOf(inputs)) ?? [];
}

const producedAnswer = (node: SpanNode): boolean => {
  if (node.span.status === 'ERROR') return false;
  const out = spanOutputs(node.span)?.value;
  if (out === undefined || out === null) return false;
  const reply = replyText(out);
  return reply ? reply.text.trim() !== '' && !reply.text.startsWith('[tool call') : true;
};

const claimOf = (node: SpanNode): string | null => {
  const out = spanOutputs(node.span)?.value;
  const reply = out === undefined || out === null ? null : replyText(out);
  return reply ? successClaim(reply.text) : null;
};

/** The start of a tool's error message, long enough to be told apart (null: too short or none). */
function heldVerbatim(tool: SpanNode, stated: Stated): string | null {
  const needle = (messageOf(tool, stated) || '').trim().slice(0, 60);
  return needle.length >= 12 ? needle : null;
}

/** The line of a received text that holds the error: its last mention (a traceback's exception line, not its `raise`). */
function errorExcerpt(text: string, tool: SpanNode, stated: Stated): string {
  const needle = heldVerbatim(tool, stated);
  const at = needle ? text.lastIndexOf(needle) : -1;
  if (at < 0) return text;
  const start = text.lastIndexOf('\n', at) + 1;
  const end = text.indexOf('\n', at);
  return text.slice(start, end < 0 ? undefined : end);
}

/** Whether a tool message carries this tool's error (its message, or an error word). */
function mentions(text: string, tool: SpanNode, stated: Stated): boolean {
  return mentionsError(text, messageOf(tool, stated) || '', tool.span.name);
}

/** For each failed tool, when the same tool, run again after it, first ended OK (Infinity: never). */
function recoveries(tree: SpanTree, failed: readonly SpanNode[]): Map<SpanNode, number> {
  const failedSet = new Set(failed);
  const okByName = new Map<string, SpanNode[]>();
  for (const n of tree.nodes) {
    if (spanType(n.span) !== 'TOOL' || failedSet.has(n) || n.span.status === 'ERROR') continue;
    const same = okByName.get(n.span.name);
    if (same) same.push(n);
    else okByName.set(n.span.name, [n]);
  }
  const at = (t: SpanNode) =>
    (okByName.get(t.span.name) ?? []).reduce((first, n) => (n.span.startMs >= endOf(t.span) ? Math.min(first, endOf(n.span)) : first), Infinity);
  return new Map(failed.map((t) => [t, at(t)]));
}

function detect(tree: SpanTree, stated: Stated = new Map()): AnsweredAfterFailure[] {
  const failedTools = tree.nodes.filter((n) => (n.span.status === 'ERROR' && spanType(n.span) === 'TOOL') || stated.has(n));
  const recovered = recoveries(tree, failedTools);
  const answered: AnsweredAfterFailure[] = [];
  const usedTools = new Set<SpanNode>();
  const found = (m: SpanNode, tool: SpanNode | undefined, error: string, errorInInput: boolean, inOther = false) =>
    answered.push({
      llmSpanId: m.span.id,
      llmName: m.span.name,
      llmRef: nameRef(tree, m),
      toolSpanId: tool?.span.id ?? '',
      toolName: tool?.span.name ?? 'a tool',
      toolRef: tool ? nameRef(tree, tool) : 'a tool',
      error,
      errorInInput,
      successClaim: claimOf(m),
      ...(inOther ? { inOtherMessage: true as const } : {}),
    });
  // Each model span that answered, checked against the tools that failed before it started.
  for (const m of modelSpans(tree)) {
    if (answered.length >= MAX_EACH) break;
    if (!producedAnswer(m)) continue;
    const msgs = inputMessages(m);
    const given = msgs.filter((x) => x.role === 'tool').map((x) => x.text);
    // Frameworks that hand the error on in another message (DSPy's ReAct: an observation in the
    // user message's trajectory) count when that text holds the error's own message.
    const others = msgs.filter((x) => x.role !== 'tool' && x.role !== 'system').map((x) => x.text);
    const received = (t: SpanNode): string | undefined =>
      given.find((g) => mentions(g, t, stated)) ?? (heldVerbatim(t, stated) ? others.find((o) => o.includes(heldVerbatim(t, stated) as string)) : undefined);
    // A failure the agent got past (the same tool called again and OK before this answer: Pydantic
    // AI's ModelRetry) is not one the answer ignored.
    const open = failedTools.filter((t) => (recovered.get(t) ?? Infinity) > m.span.startMs);
    // The tool whose error the model was handed, else the latest tool that failed before it.
    const fromInput = open.find((t) => !usedTools.has(t) && received(t) !== undefined);
    const tool = fromInput ?? open.filter((t) => !usedTools.has(t) && endOf(t.span) <= m.span.startMs).at(-1);
    if (tool) {
      usedTools.add(tool);
      const msg = received(tool);
      const inOther = msg !== undefined && !given.includes(msg);
      found(m, tool, msg !== undefined ? errorExcerpt(msg, tool, stated) : errorText(tool, stated), msg !== undefined, inOther);
      continue;
    }
    // A tool that reported its error as a result (status OK) and the model was handed it.
    const errMsg = given.find((g) => ERROR_WORDS.test(g));
    if (errMsg === undefined) continue;
    const toolSpan = tree.nodes.filter((n) => spanType(n.span) === 'TOOL' && endOf(n.span) <= m.span.startMs).at(-1);
    if (toolSpan && usedTools.has(toolSpan)) continue;
    if (toolSpan) usedTools.add(toolSpan);
    found(m, toolSpan, errMsg, true);
  }
  return answered;
}

/** The OK tools whose output states a failure, read only when some tool output may say so. */
function statedFailures(facts: TraceFacts): Stated {
  const mayFail = facts.tree.nodes.some((n) => n.span.status !== 'ERROR' && spanType(n.span) === 'TOOL');
  if (!mayFail) return new Map();
  return new Map(statedToolFailures(facts.provenance, MAX_EACH).map(({ call, failure }) => [call.node, failure]));
}

const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export const answeredAfterFailedTool = defineKind({
  kind: 'answeredAfterFailedTool',
  about: 'a model answered after a tool failed (whether its input held the error, whether the reply claims success)',
  heuristic: false,
  section: 'findings',
  detect: (facts) => detect(facts.tree, statedFailures(facts)),
  line(a: AnsweredAfterFailure) {
    const held = !a.errorInInput
      ? ' (the error was not in its input)'
      : a.inOtherMessage
        ? " (its input held the error, in a message's text)"
        : ' (its input held the error as a tool message)';
    const claim = a.successClaim ? ` and the reply claims success: "${clip(oneLine(a.successClaim), 140)}"` : '';
    return `${a.llmRef} answered after ${a.toolRef} failed${held}${claim} — ${clip(oneLine(a.error), 160)}`;
  },
  spans: (a: AnsweredAfterFailure) => [a.llmSpanId, a.toolSpanId],
  // A success claimed after a failure is the strongest finding: it ranks first.
  order: (a: AnsweredAfterFailure, b: AnsweredAfterFailure) => Number(!!b.successClaim) - Number(!!a.successClaim),
  turnWeight: (a: AnsweredAfterFailure) => (a.successClaim ? 10 : 3),
  turnLine(a: AnsweredAfterFailure) {
    const claim = a.successClaim ? `; the reply claims success: "${clip(oneLine(a.successClaim), 120)}"` : '';
    return `${a.toolRef} failed${claim} (${a.errorInInput ? 'error in the model input' : 'error not in the model input'})`;
  },
  turnReason(a: AnsweredAfterFailure) {
    const error = cut(a.error.slice(0, 300), 120);
    const given = a.errorInInput ? 'the model was given the error' : 'the error was not in the model input';
    if (a.successClaim) return `${a.toolRef} failed and the reply claimed success: "${cut(a.successClaim, 120)}" (${given}) — ${error}`;
    return `answered after ${a.toolRef} failed${a.errorInInput ? '' : ' (the error was not in the model input)'} — ${error}`;
  },
});
