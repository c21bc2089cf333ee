import { expect, it } from 'vitest';
import { retrievedDocs } from '../../../../scripts/lib/analysis/compare/span-docs.js';
import { treeOf } from '../../../support/span-trees.js';

const docsOf = (outputs: unknown) => retrievedDocs(treeOf({ name: 'retrieve', type: 'RETRIEVER', outputs }).nodes[0]!);

it('keys each document by id and source, from the document or its metadata', () => {
  expect(docsOf([{ id: 'policy-v3', metadata: { doc_uri: 'kb/refunds.md' } }, { metadata: { chunk_id: 7, source: 's3://kb' } }])).toEqual([
    { id: 'policy-v3', source: 'kb/refunds.md' },
    { id: '7', source: 's3://kb' },
  ]);
  expect(docsOf({ documents: [{ page_content: 'x' }] })).toEqual([{ id: null, source: null }]);
  expect(docsOf('no list')).toEqual([]);
});
