/**
 * Findings an agent would otherwise work out by hand from two or three spans, computed once
 * here (model in, findings out) and shown by health_check and inspect_turn alike:
 * - a caught exception: a failing span whose nearest non-failing ancestor ended normally, so
 *   the error stopped there (and an OK trace can hide failed spans);
 * - an answer given after a failed tool: a model span that ran after a tool failed, or was
 *   handed the tool's error as a `role: tool` message, and still produced an answer.
 */
import { spanExceptions, spanInputs, spanOutputs, spanType } from '../../trace/conventions.js';
import { messagesOf, replyText } from '../../trace/messages.js';
import type { Trace } from '../../trace/trace.js';
import { endOf, type SpanNode, type SpanTree } from '../../trace/tree.js';
import { nameRef } from '../../trace/span-ref.js';
import type { ErrorSummary } from '../trace/failures.js';
import { successClaim } from './claims.js';
import { recordDataflow, type Dataflow } from '../trace/dataflow.js';
import { analyseDataflow, type Culprit, type DataflowFindings } from './dataflow-findings.js';

export interface CaughtError {
  /** The failing span (a culprit of the ERRORS section). */
  spanId: string;
  name: string;
  /** The nearest ancestor that did not fail: the error stopped there. */
  caughtIn: { spanId: string; name: string; status: 'OK' | 'UNSET' };
}

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

export interface Findings extends DataflowFindings {
  caught: CaughtError[];
  /** When the trace says OK although spans failed: how many failed (else null). */
  okDespiteFailures: number | null;
  answeredAfterFailedTool: AnsweredAfterFailure[];
}

const MODEL_TYPES = new Set(['LLM', 'CHAT_MODEL']);
const ERROR_WORDS = /\b(error|exception|traceback|failed|failure|refused|timed? ?out|unavailable)\b/i;

/** The nearest ancestor that did not fail, or null when the error reached the root. */
function catcher(node: SpanNode): SpanNode | null {
  for (let p = node.parent; p; p = p.parent) if (p.span.status !== 'ERROR') return p;
  return null;
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

/** A bounded number of findings per kind: a batch of 5,000 failures is one story, not 5,000 lines. */
const MAX_EACH = 20;

const claimOf = (node: SpanNode): string | null => {
  const out = spanOutputs(node.span)?.value;
  const reply = out === undefined || out === null ? null : replyText(out);
  return reply ? successClaim(reply.text) : null;
};

/**
 * `flow` is the trace's one dataflow record (built here when not given); `reply` the turn's
 * answer (turn-io), for the grounding and truncation checks.
 */
export function analyseFindings(
  trace: Trace,
  tree: SpanTree,
  errors: ErrorSummary,
  flow: Dataflow = recordDataflow(tree),
  reply: string | null = null,
): Findings {
  const caught: CaughtError[] = [];
  for (const c of errors.culprits) {
    const node = tree.byId.get(c.spanId);
    const by = node ? catcher(node) : null;
    if (!node || !by) continue;
    caught.push({ spanId: c.spanId, name: c.name, caughtIn: { spanId: by.span.id, name: by.span.name, status: by.span.status === 'OK' ? 'OK' : 'UNSET' } });
  }
  const okDespiteFailures = trace.info.state === 'OK' && errors.errorSpanCount > 0 ? errors.errorSpanCount : null;

  // Model spans in start order, each checked against the tools that failed before it started.
  const models = tree.nodes.filter((n) => MODEL_TYPES.has(spanType(n.span) ?? '')).sort((a, b) => a.span.startMs - b.span.startMs);
  const failedTools = tree.nodes.filter((n) => n.span.status === 'ERROR' && spanType(n.span) === 'TOOL');
  const answered: AnsweredAfterFailure[] = [];
  if (models.length) {
    const usedTools = new Set<SpanNode>();
    for (const m of models) {
      if (answered.length >= MAX_EACH) break;
      if (!producedAnswer(m)) continue;
      const given = toolMessages(m);
      // The tool whose error the model was handed, else the latest tool that failed before it.
      const fromInput = failedTools.find((t) => !usedTools.has(t) && given.some((g) => mentions(g, t)));
      const before = failedTools.filter((t) => !usedTools.has(t) && endOf(t.span) <= m.span.startMs).at(-1);
      const tool = fromInput ?? before;
      if (tool) {
        usedTools.add(tool);
        const msg = given.find((g) => mentions(g, tool));
        answered.push({
          llmSpanId: m.span.id,
          llmName: m.span.name,
          llmRef: nameRef(tree, m),
          toolSpanId: tool.span.id,
          toolName: tool.span.name,
          toolRef: nameRef(tree, tool),
          error: msg ?? errorText(tool),
          errorInInput: msg !== undefined,
          successClaim: claimOf(m),
        });
        continue;
      }
      // A tool that reported its error as a result (status OK) and the model was handed it.
      const errMsg = given.find((g) => ERROR_WORDS.test(g));
      if (errMsg !== undefined) {
        const toolSpan = tree.nodes.filter((n) => spanType(n.span) === 'TOOL' && endOf(n.span) <= m.span.startMs).at(-1);
        if (toolSpan && usedTools.has(toolSpan)) continue;
        if (toolSpan) usedTools.add(toolSpan);
        answered.push({
          llmSpanId: m.span.id,
          llmName: m.span.name,
          llmRef: nameRef(tree, m),
          toolSpanId: toolSpan?.span.id ?? '',
          toolName: toolSpan?.span.name ?? 'a tool',
          toolRef: toolSpan ? nameRef(tree, toolSpan) : 'a tool',
          error: errMsg,
          errorInInput: true,
          successClaim: claimOf(m),
        });
      }
    }
  }
  const culprits: Culprit[] = [
    ...errors.culprits.map((c) => ({ node: tree.byId.get(c.spanId) as SpanNode, blamedBy: 'failed' })),
    ...answered.map((a) => ({ node: tree.byId.get(a.toolSpanId) as SpanNode, blamedBy: 'the failed tool' })),
  ].filter((c) => c.node !== undefined);
  return { caught: caught.slice(0, MAX_EACH), okDespiteFailures, answeredAfterFailedTool: answered, ...analyseDataflow(flow, reply, culprits) };
}

/** Whether a tool message carries this tool's error (its message, or an error word). */
function mentions(text: string, tool: SpanNode): boolean {
  const ex = spanExceptions(tool.span).at(-1);
  const needle = (ex?.message || tool.span.statusMessage).trim().slice(0, 60);
  if (needle && text.includes(needle)) return true;
  return ERROR_WORDS.test(text) && (text.includes(tool.span.name) || !needle);
}

export interface ModelHistory {
  /** The model span whose input was read. */
  spanId: string;
  spanName: string;
  /** User and assistant messages before the current user message: the conversation it was given. */
  earlierMessages: number;
}

/**
 * How much of the conversation the model was given in this trace: the first model span (or,
 * without one, the given span) whose input is a message list, counting the user and assistant
 * messages before the last user message. Null when no input is a message list.
 */
export function modelHistory(tree: SpanTree, fallback: SpanNode | null = null): ModelHistory | null {
  const models = tree.nodes.filter((n) => MODEL_TYPES.has(spanType(n.span) ?? '')).sort((a, b) => a.span.startMs - b.span.startMs);
  for (const node of [...models, ...(fallback ? [fallback] : [])]) {
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
