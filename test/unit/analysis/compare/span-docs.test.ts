import { expect, it } from 'vitest';
import { retrievedDocs } from '../../../../scripts/lib/analysis/compare/span-docs.js';
import { treeOf } from '../../../support/span-trees.js';

const docsOf = (outputs: unknown) => retrievedDocs(treeOf({ name: 'retrieve', type: 'RETRIEVER', outputs }).nodes[0]!);

it('keys each document by id and source, from the document or its metadata, with a hash of its content', () => {
  const [first, second] = docsOf([{ id: 'policy-v3', metadata: { doc_uri: 'kb/refunds.md' } }, { metadata: { chunk_id: 7, source: 's3://kb' } }]);
  expect(first).toMatchObject({ id: 'policy-v3', source: 'kb/refunds.md' });
  expect(second).toMatchObject({ id: '7', source: 's3://kb' });
  expect(docsOf({ documents: [{ page_content: 'x' }] })).toEqual([{ id: null, source: null, hash: '2d711642b726', chars: 1 }]);
  expect(docsOf('no list')).toEqual([]);
});

it('the content is the text; without one, the document less its metadata', () => {
  const [a] = docsOf([{ page_content: 'Refunds within 30 days.', metadata: { doc_uri: 'kb/r.md', score: 0.9 } }]);
  const [b] = docsOf([{ content: 'Refunds within 30 days.', metadata: { doc_uri: 'kb/r.md', score: 0.1 } }]);
  expect(a?.hash).toBe(b?.hash);
  const [c] = docsOf([{ id: 'x', body: 'one' }]);
  const [d] = docsOf([{ id: 'x', body: 'two' }]);
  expect(c?.hash).not.toBe(d?.hash);
});
