/** The documents a retriever or reranker returned, in order, whatever shape they were logged in. */
import { describe, expect, it } from 'vitest';
import { readJsonFile } from '../../../scripts/lib/core/read-json.js';
import { flattenedSlots, retrievedDocs, resultLimit } from '../../../scripts/lib/trace/retrieved-docs.js';
import { parseTrace } from '../../../scripts/lib/trace/trace.js';
import { fixture } from '../../support/helpers.js';
import { span } from '../../support/spans.js';

const retriever = (outputs: unknown, o: { inputs?: unknown; attrs?: Record<string, unknown> } = {}) =>
  span('r', 'search', { type: 'RETRIEVER', outputs, ...o });

describe('document lists', () => {
  it("MLflow / LangChain Documents: page_content, and the id from the metadata (the weather trace's retriever)", () => {
    const t = parseTrace(readJsonFile(fixture('get-healthy.json'), 'fixture'));
    const docs = retrievedDocs(t.spans.find((s) => s.name === 'search_city_docs') as never);
    expect(docs?.[0]).toEqual({ id: 'wiki/paris', text: 'Paris is the capital of France.', score: null });
    expect(docs).toHaveLength(2);
  });

  it('wrapped in {documents|results|docs|…}; ids and scores from the document or its metadata', () => {
    const docs = retrievedDocs(
      retriever({
        results: [
          { content: 'a', id: 7, score: '0.9' },
          { text: 'b', metadata: { source: 'kb/b.md', relevance_score: 0.5 } },
          { chunk: 'c', metadata: { chunk_id: '' }, url: 'http://c' },
        ],
      }),
    );
    expect(docs).toEqual([
      { id: '7', text: 'a', score: 0.9 },
      { id: 'kb/b.md', text: 'b', score: 0.5 },
      { id: 'http://c', text: 'c', score: null },
    ]);
  });

  it('plain strings mixed with documents count; strings alone, or anything without text, do not', () => {
    expect(retrievedDocs(retriever(['plain', { page_content: 'doc' }]))).toEqual([
      { id: null, text: 'plain', score: null },
      { id: null, text: 'doc', score: null },
    ]);
    expect(retrievedDocs(retriever(['a', 'b']))).toBeNull();
    expect(retrievedDocs(retriever([{ title: 'no text' }]))).toBeNull();
    expect(retrievedDocs(retriever([]))).toBeNull();
    expect(retrievedDocs(span('x', 'no outputs'))).toBeNull();
  });

  it("OpenInference's flattened attributes, in slot order; the reranker's output first", () => {
    const flat = span('r', 'rerank', {
      attrs: {
        'retrieval.documents.1.document.content': 'second',
        'retrieval.documents.0.document.content': 'first',
        'retrieval.documents.0.document.id': 'd0',
        'retrieval.documents.0.document.score': 0.7,
      },
    });
    expect(retrievedDocs(flat)).toEqual([
      { id: 'd0', text: 'first', score: 0.7 },
      { id: null, text: 'second', score: null },
    ]);
    // The raw slots, as the dataflow record reads them too (analysis/trace/flow-docs.ts).
    expect(flattenedSlots(flat, 'retrieval.documents')).toEqual([{ content: 'first', id: 'd0', score: 0.7 }, { content: 'second' }]);
    expect(flattenedSlots(flat, 'reranker.output_documents')).toBeNull();
    flat.rawAttributes['reranker.output_documents.0.document.content'] = JSON.stringify({ kept: true });
    expect(retrievedDocs(flat)).toEqual([{ id: null, text: '{"kept":true}', score: null }]);
  });
});

describe('the result limit asked for', () => {
  it('from the inputs, or one level down in them', () => {
    expect(resultLimit(retriever([], { inputs: { query: 'q', top_k: 5 } }))).toEqual({ key: 'top_k', value: 5 });
    expect(resultLimit(retriever([], { inputs: { query: 'q', kwargs: { similarity_top_k: '3' } } }))).toEqual({ key: 'similarity_top_k', value: 3 });
  });

  it("from the span's attributes, plain or prefixed", () => {
    expect(resultLimit(retriever([], { attrs: { 'reranker.top_n': 1 } }))).toEqual({ key: 'top_n', value: 1 });
    expect(resultLimit(retriever([], { attrs: { limit: 10 } }))).toEqual({ key: 'limit', value: 10 });
  });

  it('none given, or not a number: null', () => {
    expect(resultLimit(retriever([], { inputs: { query: 'q', top_k: 'many' } }))).toBeNull();
    expect(resultLimit(retriever([]))).toBeNull();
  });
});
