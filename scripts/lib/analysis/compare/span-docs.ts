/** The documents a retriever span returned, as the comparison keys them: id and source. */
import { spanOutputs } from '../../trace/conventions.js';
import type { SpanNode } from '../../trace/tree.js';

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

export interface RetrievedDoc {
  id: string | null;
  source: string | null;
}

export function retrievedDocs(node: SpanNode): RetrievedDoc[] {
  const out = spanOutputs(node.span)?.value;
  const list = Array.isArray(out) ? out : Array.isArray(obj(out).documents) ? (obj(out).documents as unknown[]) : [];
  return list.map((d) => {
    const o = obj(d);
    const meta = obj(o.metadata);
    const s = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : null);
    return { id: s(o.id ?? meta.id ?? meta.chunk_id ?? meta.doc_id), source: s(meta.doc_uri ?? meta.source ?? meta.url ?? o.source) };
  });
}
