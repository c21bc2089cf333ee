import { expect, it } from 'vitest';
import { alignTrees } from '../../../../scripts/lib/analysis/compare/align.js';
import { buildTree } from '../../../../scripts/lib/trace/tree.js';
import { treeOf } from '../../../support/span-trees.js';
import { span } from '../../../support/spans.js';

it('meets the nth same-named sibling with the nth, whatever the retries', () => {
  const a = treeOf({ name: 'agent', children: [{ name: 'call_llm' }, { name: 'tool' }, { name: 'call_llm' }] });
  const b = treeOf({ name: 'agent', children: [{ name: 'call_llm' }, { name: 'call_llm' }, { name: 'call_llm' }] });
  const al = alignTrees(a, b);
  expect(al.pairs.map((p) => p.path)).toEqual(['agent', 'agent › call_llm', 'agent › call_llm#2']);
  expect(al.onlyA.map((p) => p.path)).toEqual(['agent › tool']);
  expect(al.onlyB.map((p) => p.path)).toEqual(['agent › call_llm#3']);
});

it('walks a very deep chain without overflowing the stack', () => {
  const chain = Array.from({ length: 5_001 }, (_, i) => span(`s${i}`, 'step', { parentId: i ? `s${i - 1}` : null, start: i }));
  const t = buildTree(chain);
  expect(alignTrees(t, t).pairs).toHaveLength(5_001);
});
