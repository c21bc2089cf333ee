/**
 * The provenance pass's sources and tool calls, built span by span: what each span adds (a
 * model's messages and reply, a retriever's documents, a tool's call and output, any other
 * span's text), each source once within the caps. provenance.ts indexes and reads them.
 */
import { spanInputs, spanOutputs } from '../../trace/conventions.js';
import { messagesOf, replyText } from '../../trace/messages.js';
import { retrievedDocs } from '../../trace/retrieved-docs.js';
import type { SpanNode } from '../../trace/tree.js';
import { endOf } from '../../trace/tree.js';
import type { FlowRecord } from './dataflow.js';
import { SOURCE_CAP, toolOutputText } from './tool-output.js';

/** At most this many sources are kept: the rest of a huge trace is repetition. */
const MAX_SOURCES = 6_000;
const MAX_TOTAL_CHARS = 4_000_000;

export type SourceKind = 'user' | 'system' | 'document' | 'tool-output' | 'model-output' | 'other';

export interface Source {
  kind: SourceKind;
  node: SpanNode;
  /** A document's id or uri, its rank and score in the list that returned it. */
  docId: string | null;
  rank: number | null;
  score: number | null;
  text: string;
  /** When the text existed: a span's input at its start, its output at its end. */
  atMs: number;
  /**
   * An earlier turn of the session (its number and trace): what the user or the reply said there, or
   * a tool's output there (`tool`; `changedSince`: a tool that may write ran after it). Its node is this trace's root.
   */
  turn?: { n: number; traceId: string; tool?: string; changedSince?: boolean };
}

export interface ToolCall {
  node: SpanNode;
  tool: string;
  /** Arguments and result as stored (JSON text); decoded on first use (30,000 tool spans are mostly never read). */
  argsText: string;
  args: () => unknown;
  resultText: string;
  result: () => unknown;
  startMs: number;
  endMs: number;
}

/** A source's fields other than its kind, node, text and time (a document's id, rank and score; an earlier turn). */
type SourceExtra = Partial<Pick<Source, 'docId' | 'rank' | 'score' | 'turn'>>;

/** The sources in the order added, each once, within the caps. */
export class SourceList {
  readonly sources: Source[] = [];
  private readonly seen = new Set<string>();
  private total = 0;

  /** Checked before anything is built: 30,000 tool outputs that say the same are one source and 29,999 cheap refusals. */
  add(kind: SourceKind, node: SpanNode, fullText: string, atMs: number, extra?: SourceExtra): void {
    const text = fullText.length > SOURCE_CAP ? fullText.slice(0, SOURCE_CAP) : fullText;
    if (this.sources.length >= MAX_SOURCES || this.total > MAX_TOTAL_CHARS || !text.trim()) return;
    // A conversation replayed on every model call is one source, at its first appearance.
    const key = `${kind}\u0000${extra?.docId ?? ''}\u0000${text.length > 200 ? text.slice(0, 100) + text.slice(-100) + text.length : text}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.total += text.length;
    this.sources.push({
      node,
      docId: extra?.docId ?? null,
      rank: extra?.rank ?? null,
      score: extra?.score ?? null,
      kind,
      text,
      atMs,
      ...(extra?.turn ? { turn: extra.turn } : {}),
    });
  }
}

/** A tool call; its arguments and result decoded on first use, by methods rather than a closure pair per call. */
class Call implements ToolCall {
  readonly tool: string;
  readonly argsText: string;
  readonly resultText: string;
  readonly startMs: number;
  readonly endMs: number;

  constructor(
    readonly node: SpanNode,
    rec: FlowRecord,
  ) {
    this.tool = node.span.name;
    this.argsText = rec.inText;
    this.resultText = rec.outText;
    this.startMs = node.span.startMs;
    this.endMs = endOf(node.span);
  }

  args(): unknown {
    return spanInputs(this.node.span)?.value;
  }

  result(): unknown {
    return spanOutputs(this.node.span)?.value;
  }
}

const MESSAGE_KIND = new Map<string, SourceKind>([
  ['user', 'user'],
  ['system', 'system'],
  ['tool', 'tool-output'],
  ['assistant', 'model-output'],
]);

/** What one span adds: a model's messages and reply, a retriever's documents, a tool's call and output, any other span's input and output. */
export function addSpan(rec: FlowRecord, list: SourceList, calls: ToolCall[]): void {
  const node = rec.node;
  const span = node.span;
  if (rec.role === 'model') {
    const msgs = messagesOf(spanInputs(span)?.value);
    for (const m of msgs ?? []) list.add(MESSAGE_KIND.get(m.role) ?? 'other', node, m.text, span.startMs);
    if (!msgs) list.add('other', node, rec.inText, span.startMs);
    const out = replyText(spanOutputs(span)?.value);
    if (out && !out.text.startsWith('[tool call')) list.add('model-output', node, out.text, endOf(span));
    return;
  }
  if (rec.role === 'retriever' || rec.role === 'reranker') {
    const docs = retrievedDocs(span) ?? [];
    docs.forEach((d, i) => list.add('document', node, d.text, endOf(span), { docId: d.id, rank: i + 1, score: d.score }));
    if (!docs.length) list.add('document', node, rec.outText, endOf(span));
    return;
  }
  if (rec.role === 'tool') {
    calls.push(new Call(node, rec));
    list.add('tool-output', node, toolOutputText(rec), endOf(span));
    return;
  }
  // Any other span: its input is what it was handed (the request, for a root); its output may
  // carry the answer up, so it is a source only for values produced after it ended.
  list.add(node.parent ? 'other' : 'user', node, rec.inText, span.startMs);
  if (!rec.carriesAnswer) list.add('other', node, rec.outText, endOf(span));
}
