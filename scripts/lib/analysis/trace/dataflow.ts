/**
 * What flowed between spans, recorded in ONE pass over the tree: per span, the documents it
 * received and handed on (retrievers, rerankers), its `top_k`/`top_n`, what a model was given
 * (system prompt, messages) and how its output ended, and the text of its inputs and outputs,
 * capped. The finding kinds (findings/kinds/: retrieval, grounding, truncation, gaps) read this
 * record; they never walk the spans again, so a 30,000-span trace costs one linear pass.
 */
import { ioKeysPresent, spanInputs, spanOutputs, spanTokenUsage, spanType, type Located } from '../../trace/conventions.js';
import { isModelCall } from '../../trace/model-spans.js';
import { messagesOf, type Message } from '../../trace/messages.js';
import { attr, type Span } from '../../trace/trace.js';
import type { SpanNode, SpanTree } from '../../trace/tree.js';
import { normaliseText } from '../common/text-match.js';

export type FlowRole = 'retriever' | 'reranker' | 'model' | 'tool' | 'other';

export interface FlowDoc {
  /** id, uri or source, when the document carries one. */
  id: string | null;
  /** 1-based position in the list the span handed on. */
  rank: number;
  score: number | null;
  /** Normalised text windows (start, middle, end) to find the document in a prompt; empty when too short to decide. */
  windows: string[];
}

export interface ModelInput {
  /** Normalised text of everything the model was given, capped. */
  norm: string;
  /** Characters of system prompt (0: none). */
  systemChars: number;
  messages: number;
  /** Message text the grounding check may use: all but the model's own messages of this turn. */
  given: string;
  /** The tool messages it was handed. */
  toolMessages: string[];
}

export interface FlowRecord {
  node: SpanNode;
  role: FlowRole;
  /** Documents handed on (retriever / reranker outputs). */
  docsOut: FlowDoc[] | null;
  /** A `top_k` / `top_n` / `k` the span was called with. */
  limit: { key: string; value: number } | null;
  model: ModelInput | null;
  /** How a model's output ended: finish/stop reason, the request's max tokens, output tokens. */
  finish: { reason: string | null; maxTokens: { key: string; value: number } | null; outputTokens: number | null } | null;
  /** Input and output as text (JSON for structures), capped: what grounding searches. */
  inText: string;
  outText: string;
  hasInput: boolean;
  hasOutput: boolean;
  /** This span is an ancestor of a model span: its output carries the answer up, not evidence. */
  carriesAnswer: boolean;
}

export interface Dataflow {
  records: FlowRecord[];
  byNode: Map<SpanNode, FlowRecord>;
  /** Model records in start order. */
  models: FlowRecord[];
  /** Retriever and reranker records in start order. */
  retrievals: FlowRecord[];
  /** `NAME#N` where names repeat, else the name: computed once for the whole tree. */
  ref: (node: SpanNode) => string;
}

/** Text kept per span side; model inputs get more, they hold the retrieved context. */
const TEXT_CAP = 20_000;
const PROMPT_CAP = 400_000;
/** A document shorter than this (normalised) is not told apart by its text. */
const MIN_DOC_TEXT = 24;
const WINDOW = 40;
const MAX_DOCS = 200;

type Json = unknown;
const isObj = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: Json): string | null => (typeof v === 'string' && v.trim() ? v : typeof v === 'number' ? String(v) : null);
const num = (v: Json): number | null => {
  const n = typeof v === 'string' && v.trim() ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
};

function roleOf(node: SpanNode): FlowRole {
  if (isModelCall(node)) return 'model';
  const span = node.span;
  const t = spanType(span) ?? '';
  if (t === 'RETRIEVER') return 'retriever';
  if (t === 'RERANKER') return 'reranker';
  if (t === 'TOOL') return 'tool';
  return 'other';
}

/** Text of a side as stored (the raw attribute string when there is one: no re-serialising). */
function sideText(span: Span, loc: Located | null, cap: number): string {
  if (!loc) return '';
  const raw = span.rawAttributes[loc.key];
  if (typeof raw === 'string') return raw.slice(0, cap);
  if (typeof loc.value === 'string') return loc.value.slice(0, cap);
  try {
    return (JSON.stringify(loc.value) ?? '').slice(0, cap);
  } catch {
    return '';
  }
}

/** Where a side is stored, without decoding it when it is one JSON string (the common case). */
function rawSide(span: Span, side: 'in' | 'out'): Located | null {
  const first = ioKeysPresent(span, side)[0];
  if (!first) return null;
  const raw = span.rawAttributes[first.key];
  if (typeof raw === 'string') return raw === 'null' || raw === '' ? null : { value: raw, key: first.key, convention: first.convention };
  return side === 'in' ? spanInputs(span) : spanOutputs(span);
}

export function docWindows(text: string): string[] {
  const n = normaliseText(text.slice(0, 4_000));
  if (n.length < MIN_DOC_TEXT) return [];
  if (n.length <= WINDOW) return [n];
  const mid = Math.floor((n.length - WINDOW) / 2);
  return [...new Set([n.slice(0, WINDOW), n.slice(mid, mid + WINDOW), n.slice(-WINDOW)])].map((w) => w.trim());
}

function docFrom(item: Json, rank: number): FlowDoc | null {
  if (typeof item === 'string') return { id: null, rank, score: null, windows: docWindows(item) };
  if (!isObj(item)) return null;
  const nested = isObj(item.document) ? item.document : null;
  const body = nested ?? item;
  const meta = isObj(body.metadata) ? body.metadata : isObj(item.metadata) ? item.metadata : {};
  const text =
    str(body.page_content) ??
    str(body.content) ??
    str(body.text) ??
    str(body.chunk) ??
    str(body.snippet) ??
    (typeof item.document === 'string' ? item.document : null);
  const id =
    str(body.id) ??
    str(meta.id) ??
    str(meta.doc_id) ??
    str(meta.document_id) ??
    str(body.uri) ??
    str(body.url) ??
    str(meta.source) ??
    str(meta.uri) ??
    str(meta.url) ??
    str(body.source) ??
    str(meta.title) ??
    str(body.title);
  const score = num(item.score) ?? num(body.score) ?? num(item.relevance_score) ?? num(meta.score) ?? num(meta.relevance_score) ?? num(meta.rerank_score);
  if (text === null && id === null) return null;
  return { id, rank, score, windows: text ? docWindows(text) : [] };
}

/** Documents in a value: a list (MLflow / LangChain documents, plain strings), or a dict wrapping one. */
export function docsOf(value: Json): FlowDoc[] | null {
  let list: Json = value;
  if (isObj(value)) list = value.documents ?? value.docs ?? value.results ?? value.output ?? value.data;
  if (!Array.isArray(list) || !list.length) return null;
  const docs: FlowDoc[] = [];
  for (const item of list.slice(0, MAX_DOCS)) {
    const d = docFrom(Array.isArray(item) ? item[0] : item, docs.length + 1);
    if (!d) return null;
    // [doc, score] pairs, as similarity_search_with_score returns.
    if (Array.isArray(item) && d.score === null) d.score = num(item[1]);
    docs.push(d);
  }
  return docs;
}

/** OpenInference flattens documents: retrieval.documents.0.document.content … */
function flatDocs(span: Span, prefix: string): FlowDoc[] | null {
  const re = new RegExp(`^${prefix.replace(/\./g, '\\.')}\\.(\\d+)\\.document\\.(id|content|score)$`);
  const slots = new Map<number, Record<string, Json>>();
  for (const key of Object.keys(span.rawAttributes)) {
    const m = re.exec(key);
    if (!m) continue;
    const slot = slots.get(Number(m[1])) ?? {};
    slot[m[2] as string] = attr(span, key);
    slots.set(Number(m[1]), slot);
  }
  if (!slots.size) return null;
  return [...slots.entries()]
    .sort((a, b) => a[0] - b[0])
    .slice(0, MAX_DOCS)
    .map(([, s], i) => docFrom({ id: s.id, content: s.content, score: s.score }, i + 1))
    .filter((d): d is FlowDoc => d !== null);
}

const LIMIT_KEYS = ['top_n', 'top_k', 'topN', 'topK', 'k', 'n_results', 'num_results'];

function limitOf(span: Span, input: Json): FlowRecord['limit'] {
  const look = (o: Record<string, Json>): FlowRecord['limit'] => {
    for (const k of LIMIT_KEYS) {
      const v = num(o[k]);
      if (v !== null && Number.isInteger(v) && v > 0) return { key: k, value: v };
    }
    return isObj(o.search_kwargs) ? look(o.search_kwargs) : null;
  };
  if (isObj(input)) {
    const found = look(input);
    if (found) return found;
  }
  for (const k of ['reranker.top_k', 'retrieval.top_k', 'top_k', 'top_n']) {
    const v = num(attr(span, k));
    if (v !== null && v > 0) return { key: k, value: v };
  }
  return null;
}

function modelInput(value: Json): ModelInput | null {
  const msgs: Message[] | null = messagesOf(value);
  if (!msgs) {
    const text =
      typeof value === 'string'
        ? value
        : (() => {
            try {
              return JSON.stringify(value) ?? '';
            } catch {
              return '';
            }
          })();
    return { norm: normaliseText(text.slice(0, PROMPT_CAP)), systemChars: 0, messages: 0, given: text.slice(0, TEXT_CAP), toolMessages: [] };
  }
  let lastUser = -1;
  msgs.forEach((m, i) => {
    if (m.role === 'user') lastUser = i;
  });
  const all = msgs
    .map((m) => m.text)
    .join('\n')
    .slice(0, PROMPT_CAP);
  // The model's own messages after the current user message are its steps, not evidence.
  const given = msgs
    .filter((m, i) => !(m.role === 'assistant' && i > lastUser))
    .map((m) => m.text)
    .join('\n');
  return {
    norm: normaliseText(all),
    systemChars: msgs.filter((m) => m.role === 'system').reduce((a, m) => a + m.text.length, 0),
    messages: msgs.length,
    given: given.slice(0, PROMPT_CAP),
    toolMessages: msgs.filter((m) => m.role === 'tool').map((m) => m.text.slice(0, 2_000)),
  };
}

const CUT_REASONS = /^(length|max_tokens|max_output_tokens|model_length|finish_reason_max_tokens|max_tokens_reached|token_limit)$/i;
export const isCutReason = (r: string | null): boolean => r !== null && CUT_REASONS.test(r.trim());

/** The finish / stop reason of a model's output, across OpenAI, Anthropic, Gemini, LangChain and OTel. */
export function finishReason(span: Span, out: Json): string | null {
  const fromAttr = attr(span, 'gen_ai.response.finish_reasons') ?? attr(span, 'llm.response.finish_reason') ?? attr(span, 'gen_ai.response.finish_reason');
  if (Array.isArray(fromAttr) && typeof fromAttr[0] === 'string') return fromAttr[0];
  if (typeof fromAttr === 'string' && fromAttr) return fromAttr;
  if (!isObj(out)) return null;
  const choice = Array.isArray(out.choices) && isObj(out.choices[0]) ? out.choices[0] : null;
  const gen = Array.isArray(out.generations) ? (Array.isArray(out.generations[0]) ? out.generations[0][0] : out.generations[0]) : null;
  const genInfo = isObj(gen) && isObj(gen.generation_info) ? gen.generation_info : null;
  const genMsg = isObj(gen) && isObj(gen.message) ? gen.message : null;
  const meta = (m: Json) =>
    isObj(m) && isObj(m.response_metadata)
      ? m.response_metadata
      : isObj(m) && isObj(m.kwargs) && isObj(m.kwargs.response_metadata)
        ? m.kwargs.response_metadata
        : null;
  const candidates = [
    choice?.finish_reason,
    out.stop_reason,
    out.finish_reason,
    genInfo?.finish_reason,
    genInfo?.stop_reason,
    meta(genMsg)?.finish_reason,
    meta(genMsg)?.stop_reason,
    meta(out)?.finish_reason,
    meta(out)?.stop_reason,
    Array.isArray(out.candidates) && isObj(out.candidates[0]) ? (out.candidates[0].finishReason ?? out.candidates[0].finish_reason) : undefined,
    out.status === 'incomplete' && isObj(out.incomplete_details) ? out.incomplete_details.reason : undefined,
  ];
  for (const c of candidates) if (typeof c === 'string' && c) return c;
  return null;
}

const MAX_TOKEN_KEYS = ['max_tokens', 'max_completion_tokens', 'max_output_tokens', 'maxOutputTokens', 'max_new_tokens'];

function maxTokensOf(span: Span, input: Json): { key: string; value: number } | null {
  const look = (o: Json, where: string): { key: string; value: number } | null => {
    if (!isObj(o)) return null;
    for (const k of MAX_TOKEN_KEYS) {
      const v = num(o[k]);
      if (v !== null && v > 0) return { key: `${where}${k}`, value: v };
    }
    return null;
  };
  const fromAttr = num(attr(span, 'gen_ai.request.max_tokens')) ?? num(attr(span, 'llm.request.max_tokens'));
  if (fromAttr !== null && fromAttr > 0) return { key: 'max_tokens', value: fromAttr };
  const inv = attr(span, 'invocation_params') ?? attr(span, 'llm.invocation_parameters');
  return look(input, '') ?? (isObj(input) ? look(input.generation_config ?? input.config ?? input.params, '') : null) ?? look(inv, '');
}

/** `NAME#N` refs for the whole tree at once (span-ref's nameRef is per call, O(spans)). */
function refIndex(tree: SpanTree): (node: SpanNode) => string {
  const byName = new Map<string, SpanNode[]>();
  for (const n of tree.nodes) {
    const list = byName.get(n.span.name);
    if (list) list.push(n);
    else byName.set(n.span.name, [n]);
  }
  const pos = new Map<SpanNode, number>();
  for (const list of byName.values()) {
    if (list.length < 2) continue;
    list.sort((a, b) => a.span.startMs - b.span.startMs);
    list.forEach((n, i) => pos.set(n, i + 1));
  }
  return (node) => (pos.has(node) ? `${node.span.name}#${pos.get(node)}` : node.span.name);
}

export function recordDataflow(tree: SpanTree): Dataflow {
  const records: FlowRecord[] = [];
  const byNode = new Map<SpanNode, FlowRecord>();
  for (const node of tree.nodes) {
    const span = node.span;
    const role = roleOf(node);
    // Only models, retrievers and rerankers need their values decoded; the rest are read as stored.
    const decode = (role !== 'other' && role !== 'tool') || /rerank/i.test(span.name);
    const inLoc = decode ? spanInputs(span) : rawSide(span, 'in');
    const outLoc = decode ? spanOutputs(span) : rawSide(span, 'out');
    const rec: FlowRecord = {
      node,
      role,
      docsOut: null,
      limit: null,
      model: null,
      finish: null,
      inText: sideText(span, inLoc, TEXT_CAP),
      outText: sideText(span, outLoc, TEXT_CAP),
      hasInput: inLoc !== null,
      hasOutput: outLoc !== null,
      carriesAnswer: false,
    };
    if (role === 'retriever' || role === 'reranker' || (role === 'other' && /rerank/i.test(span.name))) {
      rec.docsOut = (outLoc ? docsOf(outLoc.value) : null) ?? flatDocs(span, role === 'reranker' ? 'reranker.output_documents' : 'retrieval.documents');
      if (role === 'other' && rec.docsOut) rec.role = 'reranker';
      rec.limit = limitOf(span, inLoc?.value);
    }
    if (role === 'model') {
      rec.model = inLoc ? modelInput(inLoc.value) : null;
      rec.finish = {
        reason: finishReason(span, outLoc?.value),
        maxTokens: maxTokensOf(span, inLoc?.value),
        outputTokens: spanTokenUsage(span)?.output ?? null,
      };
      // Mark the ancestors once each: the walk stops where an earlier model already marked.
      for (let p = node.parent; p; p = p.parent) {
        const pr = byNode.get(p);
        if (!pr || pr.carriesAnswer) break;
        pr.carriesAnswer = true;
      }
    }
    records.push(rec);
    byNode.set(node, rec);
  }
  const byStart = (a: FlowRecord, b: FlowRecord) => a.node.span.startMs - b.node.span.startMs;
  return {
    records,
    byNode,
    models: records.filter((r) => r.role === 'model').sort(byStart),
    retrievals: records.filter((r) => r.role === 'retriever' || r.role === 'reranker').sort(byStart),
    ref: refIndex(tree),
  };
}
