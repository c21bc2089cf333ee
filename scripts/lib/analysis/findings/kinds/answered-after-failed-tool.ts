/**
 * An answer given after a failed tool: a model span that ran after a tool failed, or was handed
 * the tool's error as a `role: tool` message, and still produced an answer (worst when the
 * reply says the action succeeded).
 */
import { clip, oneLine } from '../../../core/format.js';
import { spanExceptions, spanInputs, spanOutputs, spanType } from '../../../trace/conventions.js';
import { messagesOf, replyText } from '../../../trace/messages.js';
import { nameRef } from '../../../trace/span-ref.js';
import { endOf, type SpanNode, type SpanTree } from '../../../trace/tree.js';
import { modelSpans } from '../../trace/model-history.js';
import { successClaim } from '../claims.js';
import { defineKind, MAX_EACH } from '../finding-kind.js';
import { ERROR_WORDS, mentionsError } from '../../common/text-match.js';

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
  /** The sentence of the model's reply that says the action succeeded (null: it claims nothing). */
  successClaim: string | null;
}

function errorText(node: SpanNode): string {
  const ex = spanExceptions(node.span).at(-1);
  if (ex) return `${ex.type}: ${ex.message}`.trim();
  return node.span.statusMessage || '(no message)';
}

/** The text of the tool messages a model span was given. */
function toolMessages(node: SpanNode): string[] {
  const inputs = spanInputs(node.span)?.value;
  const msgs = inputs === undefined ? null : messagesOf(inputs);
  return (msgs ?? []).filter((m) => m.role === 'tool').map((m) => m.text);
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

/** Whether a tool message carries this tool's error (its message, or an error word). */
function mentions(text: string, tool: SpanNode): boolean {
  const ex = spanExceptions(tool.span).at(-1);
  return mentionsError(text, ex?.message || tool.span.statusMessage, tool.span.name);
}

function detect(tree: SpanTree): AnsweredAfterFailure[] {
  const failedTools = tree.nodes.filter((n) => n.span.status === 'ERROR' && spanType(n.span) === 'TOOL');
  const answered: AnsweredAfterFailure[] = [];
  const usedTools = new Set<SpanNode>();
  const found = (m: SpanNode, tool: SpanNode | undefined, error: string, errorInInput: boolean) =>
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
    });
  // Each model span that answered, checked against the tools that failed before it started.
  for (const m of modelSpans(tree)) {
    if (answered.length >= MAX_EACH) break;
    if (!producedAnswer(m)) continue;
    const given = toolMessages(m);
    // The tool whose error the model was handed, else the latest tool that failed before it.
    const fromInput = failedTools.find((t) => !usedTools.has(t) && given.some((g) => mentions(g, t)));
    const tool = fromInput ?? failedTools.filter((t) => !usedTools.has(t) && endOf(t.span) <= m.span.startMs).at(-1);
    if (tool) {
      usedTools.add(tool);
      const msg = given.find((g) => mentions(g, tool));
      found(m, tool, msg ?? errorText(tool), msg !== undefined);
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

const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export const answeredAfterFailedTool = defineKind({
  kind: 'answeredAfterFailedTool',
  about: 'a model answered after a tool failed (whether its input held the error, whether the reply claims success)',
  heuristic: false,
  section: 'findings',
  detect: ({ tree }) => detect(tree),
  line(a: AnsweredAfterFailure) {
    const held = a.errorInInput ? ' (its input held the error as a tool message)' : ' (the error was not in its input)';
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
