/**
 * Where a trace keeps the chat turn: the user's message and the reply. Often the root span,
 * but a wrapper root (an HTTP handler, middleware) may log nothing useful, and OTel GenAI
 * traces keep the messages on an LLM span below the agent. The answer is the shallowest span
 * whose inputs and outputs both hold readable text, with the keys and the convention used.
 */
import { spanInputs, spanOutputs, type Located } from '../../trace/conventions.js';
import { replyText, textOrPreview, userText, type Extracted } from '../../trace/messages.js';
import { decodeValue, type Trace, type TraceInfo } from '../../trace/trace.js';
import { mainRoot, type SpanNode, type SpanTree } from '../../trace/tree.js';

export interface TurnText {
  user: Extracted | null;
  reply: Extracted | null;
}

export interface TurnIO extends TurnText {
  /** The span the turn was read from (null when only trace-level fields were available). */
  spanId: string | null;
  spanName: string | null;
  depth: number;
  /** Which key and convention held each side (the values themselves: `inspect_turn --span`). */
  inputs: Omit<Located, 'value'> | null;
  outputs: Omit<Located, 'value'> | null;
  /** The root carries no readable turn: the chat lives further down. */
  rootIsWrapper: boolean;
  /** Where the text came from, for an agent to follow up in the raw JSON. */
  source: string;
}

const OPAQUE = /^<[\w.]+(?: object)? at 0x[0-9a-f]+>$|^<[\w.]+ object>$/i;
const readable = (e: Extracted | null): boolean => !!e && e.shape !== 'json' && !OPAQUE.test(e.text.trim()) && e.text.trim() !== '';

const keyOf = (l: Located | null): Omit<Located, 'value'> | null => (l ? { key: l.key, convention: l.convention } : null);

/** Turn text is for reading, and --json must stay usable: a 100 MB message is cut, and says so. */
export const TURN_TEXT_MAX = 4_000;
function bounded(e: Extracted | null): Extracted | null {
  if (!e || e.text.length <= TURN_TEXT_MAX) return e;
  return { ...e, text: `${e.text.slice(0, TURN_TEXT_MAX)}… [+${(e.text.length - TURN_TEXT_MAX).toLocaleString('en-US')} chars; whole: inspect_turn --span]` };
}

function readSpan(node: SpanNode) {
  const inputs = spanInputs(node.span);
  const outputs = spanOutputs(node.span);
  return { inputs, outputs, user: inputs ? userText(inputs.value) : null, reply: outputs ? replyText(outputs.value) : null };
}

/** The reply as prose the findings read (a JSON reply is data, not a claim): null when there is none. */
export const replyProse = (turn: TurnIO): string | null => (turn.reply && turn.reply.shape !== 'json' ? turn.reply.text : null);

export function locateTurn(trace: Trace, tree: SpanTree): TurnIO {
  const root = mainRoot(tree);
  if (!root)
    return {
      ...turnFromInfo(trace.info),
      spanId: null,
      spanName: null,
      depth: 0,
      inputs: null,
      outputs: null,
      rootIsWrapper: false,
      source: 'trace info (no spans)',
    };

  const rootRead = readSpan(root);
  type Candidate = { node: SpanNode; read: ReturnType<typeof readSpan> };
  let chosen: Candidate = { node: root, read: rootRead };
  // A root with a readable user message is the turn, even without a reply (it may have failed).
  // Otherwise it is a wrapper: take the shallowest span (breadth-first) with both sides
  // readable, else the shallowest with either.
  if (!readable(rootRead.user)) {
    let partial: Candidate | null = null;
    const queue: SpanNode[] = [...root.children];
    for (let i = 0; i < queue.length && i < 5_000; i++) {
      const node = queue[i] as SpanNode;
      const read = readSpan(node);
      const u = readable(read.user);
      const r = readable(read.reply);
      if (u && r) {
        partial = null;
        chosen = { node, read };
        break;
      }
      if (!partial && (u || r)) partial = { node, read };
      queue.push(...node.children);
    }
    if (partial) chosen = partial;
  }
  const rootIsWrapper = chosen.node !== root;
  const keys = [chosen.read.inputs?.key, chosen.read.outputs?.key].filter(Boolean).join(' / ');
  return {
    spanId: chosen.node.span.id,
    spanName: chosen.node.span.name,
    depth: chosen.node.depth,
    inputs: keyOf(chosen.read.inputs),
    outputs: keyOf(chosen.read.outputs),
    user: bounded(readable(chosen.read.user) ? chosen.read.user : chosen.read.inputs ? textOrPreview(chosen.read.inputs.value, 'in') : null),
    reply: bounded(readable(chosen.read.reply) ? chosen.read.reply : chosen.read.outputs ? textOrPreview(chosen.read.outputs.value, 'out') : null),
    rootIsWrapper,
    source: `span "${chosen.node.span.name}"${keys ? ` (${keys})` : ''}`,
  };
}

/**
 * The turn from trace-level fields only (a search without spans). MLflow's request preview
 * is already the last user message for chat payloads, else the JSON of the root's inputs.
 */
export function turnFromInfo(info: TraceInfo): TurnText {
  const from = (preview: string | null, meta: string | undefined, side: 'in' | 'out') => {
    for (const raw of [preview, meta]) {
      if (!raw) continue;
      const found = textOrPreview(decodeValue(raw), side);
      if (found && !OPAQUE.test(found.text.trim())) return found;
    }
    return null;
  };
  return {
    user: bounded(from(info.requestPreview, info.metadata['mlflow.traceInputs'], 'in')),
    reply: bounded(from(info.responsePreview, info.metadata['mlflow.traceOutputs'], 'out')),
  };
}
