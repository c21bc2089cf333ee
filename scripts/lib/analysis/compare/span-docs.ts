/**
 * The documents a retriever span returned, as the comparison keys them: id and source, and their
 * content (a hash and the text), so one id that carries another text is never read as the same document.
 */
import { createHash } from 'node:crypto';
import { spanOutputs } from '../../trace/conventions.js';
import { docText } from '../../trace/retrieved-docs.js';
import type { SpanNode } from '../../trace/tree.js';
import { canonical } from './json-diff.js';

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

export interface RetrievedDoc {
  id: string | null;
  source: string | null;
  /** sha256 of the content, 12 hex digits: the same id with another hash is another text. */
  hash: string;
  chars: number;
}

/** A document with its text, kept for the comparison only (the --json carries the hash, not every page). */
export interface DocContent {
  doc: RetrievedDoc;
  text: string;
}

/** The document's text; without one, the document itself less its metadata (a score is not content). */
function contentOf(d: unknown): string {
  if (typeof d === 'string') return d;
  const o = obj(d);
  const text = docText(o);
  if (text !== undefined) return text;
  const { metadata: _metadata, ...rest } = o;
  return canonical(rest);
}

export function retrievedContents(node: SpanNode): DocContent[] {
  const out = spanOutputs(node.span)?.value;
  const list = Array.isArray(out) ? out : Array.isArray(obj(out).documents) ? (obj(out).documents as unknown[]) : [];
  return list.map((d) => {
    const o = obj(d);
    const meta = obj(o.metadata);
    const s = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : null);
    const text = contentOf(d);
    const hash = createHash('sha256').update(text).digest('hex').slice(0, 12);
    return {
      doc: { id: s(o.id ?? meta.id ?? meta.chunk_id ?? meta.doc_id), source: s(meta.doc_uri ?? meta.source ?? meta.url ?? o.source), hash, chars: text.length },
      text,
    };
  });
}

export function retrievedDocs(node: SpanNode): RetrievedDoc[] {
  return retrievedContents(node).map((c) => c.doc);
}
