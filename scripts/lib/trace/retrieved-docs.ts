/**
 * The documents a retriever or reranker span returned, in order, whatever shape they were logged
 * in: MLflow / LangChain Document lists (`page_content`, `metadata`), `{documents|results|docs:
 * [...]}`, OpenInference's flattened `retrieval.documents.N.document.*` / `reranker.output_documents.N.document.*`.
 * Plus the `top_k` / `top_n` the call asked for, from its inputs or attributes.
 */
import { spanInputs, spanOutputs } from './conventions.js';
import { attr, type Span } from './trace.js';

export interface RetrievedDoc {
  /** id, doc_uri, source, … (null when the document names none). */
  id: string | null;
  text: string;
  score: number | null;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : typeof v === 'number' ? String(v) : null);
const numOf = (v: unknown): number | null => {
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
};

const ID_KEYS = ['id', 'doc_id', 'document_id', 'doc_uri', 'uri', 'source', 'url', 'title', 'chunk_id'];
const TEXT_KEYS = ['page_content', 'content', 'text', 'document', 'chunk'];
const SCORE_KEYS = ['score', 'relevance_score', 'rerank_score', 'similarity'];

/** A logged document's text: the first text field it has (`page_content`, `content`, …). */
export const docText = (o: Record<string, unknown>): string | undefined => TEXT_KEYS.map((k) => o[k]).find((x) => typeof x === 'string') as string | undefined;

function docOf(v: unknown): RetrievedDoc | null {
  if (typeof v === 'string') return { id: null, text: v, score: null };
  if (!isObj(v)) return null;
  const meta = isObj(v.metadata) ? v.metadata : {};
  const text = docText(v);
  if (text === undefined) return null;
  const id = [...ID_KEYS.map((k) => meta[k]), ...ID_KEYS.map((k) => v[k])].map(str).find((x) => x !== null) ?? null;
  const score = [...SCORE_KEYS.map((k) => meta[k]), ...SCORE_KEYS.map((k) => v[k])].map(numOf).find((x) => x !== null) ?? null;
  return { id, text, score };
}

function listOf(value: unknown): unknown[] | null {
  if (Array.isArray(value)) return value;
  if (isObj(value)) for (const k of ['documents', 'results', 'docs', 'output', 'nodes']) if (Array.isArray(value[k])) return value[k] as unknown[];
  return null;
}

/** One document as OpenInference flattens it: the raw values of its `id`, `content` and `score` attributes. */
export type FlattenedSlot = Partial<Record<'id' | 'content' | 'score', unknown>>;

/** OpenInference's flattened documents (`retrieval.documents.0.document.content` …) under `prefix`, in slot order; null when there are none. */
export function flattenedSlots(span: Span, prefix: string): FlattenedSlot[] | null {
  const re = new RegExp(`^${prefix.replace(/\./g, '\\.')}\\.(\\d+)\\.document\\.(id|content|score)$`);
  const slots = new Map<number, FlattenedSlot>();
  for (const key of Object.keys(span.rawAttributes)) {
    const m = re.exec(key);
    if (!m) continue;
    const slot = slots.get(Number(m[1])) ?? {};
    slot[m[2] as keyof FlattenedSlot] = attr(span, key);
    slots.set(Number(m[1]), slot);
  }
  return slots.size ? [...slots.entries()].sort((a, b) => a[0] - b[0]).map(([, s]) => s) : null;
}

function flattened(span: Span): RetrievedDoc[] | null {
  for (const prefix of ['reranker.output_documents', 'retrieval.documents']) {
    const slots = flattenedSlots(span, prefix);
    if (slots)
      return slots.map((s) => ({
        id: str(s.id),
        text: typeof s.content === 'string' ? s.content : (JSON.stringify(s.content) ?? ''),
        score: numOf(s.score),
      }));
  }
  return null;
}

/** The span's documents in order, or null when its output is not a document list. */
export function retrievedDocs(span: Span): RetrievedDoc[] | null {
  const out = spanOutputs(span);
  const list = out ? listOf(out.value) : null;
  if (list && list.length) {
    const docs = list.map(docOf);
    // Strings alone are documents only where the span is a retriever's: the caller decides.
    if (docs.every((d) => d !== null) && list.some((x) => isObj(x))) return docs as RetrievedDoc[];
  }
  return flattened(span);
}

const LIMIT_KEYS = ['top_k', 'top_n', 'k', 'n', 'limit', 'num_results', 'similarity_top_k'];

/** The result limit a retriever or reranker was asked for: `top_k=5`, `top_n=1`. */
export function resultLimit(span: Span): { key: string; value: number } | null {
  const i = spanInputs(span)?.value;
  const places: Array<Record<string, unknown>> = [];
  if (isObj(i)) places.push(i, ...Object.values(i).filter(isObj));
  for (const p of places)
    for (const k of LIMIT_KEYS) {
      const v = numOf(p[k]);
      if (v !== null) return { key: k, value: v };
    }
  for (const k of LIMIT_KEYS)
    for (const key of [k, `retrieval.${k}`, `reranker.${k}`]) {
      const v = numOf(attr(span, key));
      if (v !== null) return { key: k, value: v };
    }
  return null;
}
