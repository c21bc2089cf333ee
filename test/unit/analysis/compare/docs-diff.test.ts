/** Two retrievers' documents: by id and source, and by the text each carries. */
import { describe, expect, it } from 'vitest';
import { docsDiff, partingSnippets } from '../../../../scripts/lib/analysis/compare/docs-diff.js';
import { retrievedContents } from '../../../../scripts/lib/analysis/compare/span-docs.js';
import { treeOf } from '../../../support/span-trees.js';

const contents = (outputs: unknown) => retrievedContents(treeOf({ name: 'retrieve', type: 'RETRIEVER', outputs }).nodes[0]!);
const doc = (page_content: string, meta: Record<string, unknown> = { doc_uri: 'policy/home-standard-2026.md' }) => ({ page_content, metadata: meta });

describe('docsDiff', () => {
  it('the same document with another text is not the same document: both texts, from where they part', () => {
    const d = docsDiff(
      contents([doc('There is no deductible for water damage.')]),
      contents([doc('Your water damage deductible is 300 EUR, as in your policy schedule.')]),
    );
    expect(d.onlyA).toEqual([]);
    expect(d.onlyB).toEqual([]);
    expect(d.changed).toEqual([
      {
        doc: 'policy/home-standard-2026.md',
        a: 'There is no deductible for water damage.',
        b: 'Your water damage deductible is 300 EUR, as in your policy schedule.',
        countA: 1,
        countB: 1,
      },
    ]);
    expect(d.a[0]?.hash).not.toBe(d.b[0]?.hash);
  });

  it('the same ids and texts are the same; in another order they are said to be', () => {
    const one = [doc('Flood is excluded.', { id: 'p-4.2' }), doc('Escape of water is covered.', { id: 'p-4.1' })];
    expect(docsDiff(contents(one), contents(one))).toMatchObject({ onlyA: [], onlyB: [], changed: [], reordered: false });
    expect(docsDiff(contents(one), contents([...one].reverse()))).toMatchObject({ onlyA: [], onlyB: [], changed: [], reordered: true });
  });

  it('documents with no id or source are known by their text; a score is not content', () => {
    const a = contents([{ page_content: 'Shipping takes 3-5 business days.', metadata: { score: 0.8 } }]);
    const b = contents([{ page_content: 'Refunds within 30 days.', metadata: { score: 0.8 } }]);
    expect(docsDiff(a, b)).toMatchObject({ onlyA: ['(no id) "Shipping takes 3-5 business days."'], onlyB: ['(no id) "Refunds within 30 days."'], changed: [] });
    const rescored = contents([{ page_content: 'Shipping takes 3-5 business days.', metadata: { score: 0.3 } }]);
    expect(docsDiff(a, rescored)).toMatchObject({ onlyA: [], onlyB: [], changed: [], reordered: false });
  });

  it('one document retrieved twice on one side and once on the other is counted, not called the same', () => {
    const d = docsDiff(contents([doc('x'), doc('x')]), contents([doc('x')]));
    expect(d.changed).toEqual([{ doc: 'policy/home-standard-2026.md', a: null, b: null, countA: 2, countB: 1 }]);
  });
});

describe('partingSnippets', () => {
  it('long texts are shown from a little before where they differ, bounded, on one line', () => {
    const head = 'Section 4. '.repeat(30);
    const [a, b] = partingSnippets(`${head}The deductible is\n0 EUR.${' tail'.repeat(100)}`, `${head}The deductible is 300 EUR.`);
    expect(a.startsWith('…')).toBe(true);
    expect(a).toContain('The deductible is 0 EUR.');
    expect(a.endsWith('…')).toBe(true);
    expect(a.length).toBeLessThanOrEqual(162);
    expect(b).toContain('The deductible is 300 EUR.');
    expect(b.endsWith('…')).toBe(false);
  });
});
