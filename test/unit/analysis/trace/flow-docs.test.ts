/** The documents a retriever handed on, in each shape libraries log them, and the limit it was called with. */
import { describe, expect, it } from 'vitest';
import { docsOf, docWindows, flatDocs, limitOf } from '../../../../scripts/lib/analysis/trace/flow-docs.js';
import { span } from '../../../support/spans.js';

const LONG = 'The refund window for unused tickets is thirty days from the date of purchase.';

describe('docsOf', () => {
  it('reads LangChain documents, ids from metadata, scores from either level', () => {
    const docs = docsOf([
      { page_content: LONG, metadata: { source: 'policy.md', score: 0.9 } },
      { page_content: 'short', id: 'doc-2', score: '0.4' },
    ]);
    expect(docs?.map((d) => [d.id, d.rank, d.score])).toEqual([
      ['policy.md', 1, 0.9],
      ['doc-2', 2, 0.4],
    ]);
    expect(docs?.[0]?.windows.length).toBeGreaterThan(0);
    expect(docs?.[1]?.windows).toEqual([]);
  });
  it('reads a dict wrapping the list, [doc, score] pairs, and plain strings', () => {
    expect(docsOf({ documents: [LONG] })?.map((d) => d.rank)).toEqual([1]);
    expect(docsOf([[{ page_content: LONG, id: 'a' }, 0.7]])?.[0]?.score).toBe(0.7);
  });
  it('is null for what is no document list', () => {
    expect(docsOf([])).toBeNull();
    expect(docsOf({ answer: 'yes' })).toBeNull();
    expect(docsOf([{ unrelated: 1 }])).toBeNull();
  });
});

describe('docWindows', () => {
  it('keeps start, middle and end of a long text, one window of a short one, none of a tiny one', () => {
    expect(docWindows(LONG.repeat(3))).toHaveLength(3);
    expect(docWindows('thirty days from the date of purchase')).toHaveLength(1);
    expect(docWindows('thirty days')).toEqual([]);
  });
});

describe('flatDocs', () => {
  it("reads OpenInference's flattened attributes in slot order", () => {
    const s = span('1', 'retrieve', {
      attrs: { 'retrieval.documents.1.document.id': 'b', 'retrieval.documents.0.document.id': 'a', 'retrieval.documents.0.document.score': 0.5 },
    });
    expect(flatDocs(s, 'retrieval.documents')?.map((d) => [d.id, d.rank, d.score])).toEqual([
      ['a', 1, 0.5],
      ['b', 2, null],
    ]);
    expect(flatDocs(s, 'reranker.output_documents')).toBeNull();
  });
});

describe('limitOf', () => {
  it('finds top_k in the input, in search_kwargs, else in an attribute', () => {
    expect(limitOf(span('1', 'r'), { query: 'q', top_k: 5 })).toEqual({ key: 'top_k', value: 5 });
    expect(limitOf(span('1', 'r'), { search_kwargs: { k: '3' } })).toEqual({ key: 'k', value: 3 });
    expect(limitOf(span('1', 'r', { attrs: { 'reranker.top_k': 2 } }), 'q')).toEqual({ key: 'reranker.top_k', value: 2 });
    expect(limitOf(span('1', 'r'), { top_k: 0 })).toBeNull();
  });
});
