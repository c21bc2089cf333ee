/**
 * The documents a retriever or reranker handed on, as the dataflow record keeps them: id, rank,
 * score and a few normalised text windows to find each again in a prompt; and the `top_k` /
 * `top_n` the call asked for. Reads MLflow / LangChain document lists, plain strings, dicts
 * wrapping a list, and OpenInference's flattened attributes.
 */
import { flattenedSlots } from '../../trace/retrieved-docs.js';
import { attr, type Span } from '../../trace/trace.js';
import { normaliseText } from '../common/text-match.js';
import { isObj, type Json, num, str } from './json-fields.js';

export interface FlowDoc {
  /** id, uri or source, when the document carries one. */
  id: string | null;
  /** 1-based position in the list the span handed on. */
  rank: number;
  score: number | null;
  /** Normalised text windows (start, middle, end) to find the document in a prompt; empty when too short to decide. */
  windows: string[];
}

/** A document shorter than this (normalised) is not told apart by its text. */
const MIN_DOC_TEXT = 24;
const WINDOW = 40;
const MAX_DOCS = 200;

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

/** OpenInference flattens documents: retrieval.documents.0.document.content … (read by trace/retrieved-docs). */
export function flatDocs(span: Span, prefix: string): FlowDoc[] | null {
  const slots = flattenedSlots(span, prefix);
  if (!slots) return null;
  return slots
    .slice(0, MAX_DOCS)
    .map((s, i) => docFrom({ id: s.id, content: s.content, score: s.score }, i + 1))
    .filter((d): d is FlowDoc => d !== null);
}

const LIMIT_KEYS = ['top_n', 'top_k', 'topN', 'topK', 'k', 'n_results', 'num_results'];

/** The result limit the call asked for: in its input (or its search_kwargs), else in an attribute. */
export function limitOf(span: Span, input: Json): { key: string; value: number } | null {
  const look = (o: Record<string, Json>): { key: string; value: number } | null => {
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
