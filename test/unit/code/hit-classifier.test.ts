import { expect, it } from 'vitest';
import { Candidates } from '../../../scripts/lib/code/candidates.js';
import { HitClassifier } from '../../../scripts/lib/code/hit-classifier.js';
import { locateQuery, sourceTree } from '../../support/source-tree.js';

const files = {
  'app/agent.py': 'class Agent:\n    def plan(self, q):\n        return q\n',
  'app/traced.py': '@mlflow.trace(name="retrieve_docs")\ndef fetch():\n    pass\n',
  'node_modules/x/plan.js': 'function plan() {}\n',
};
const root = sourceTree(files);
const hit = (path: keyof typeof files, line: number) => ({ path, line, text: files[path].split('\n')[line - 1] as string });

it('finds definitions (a method with its class) and span names given to a tracing call, skipping vendored folders', () => {
  const found = new Candidates();
  const q = locateQuery({ functions: [{ name: 'plan', from: 'span name', span: 'plan' }], spanNames: ['retrieve_docs'] });
  const c = new HitClassifier(root, q, new Set(['app/traced.py']), 5, new Map(), found);
  expect(c.allFound()).toBe(false);
  c.classify([hit('node_modules/x/plan.js', 1), hit('app/agent.py', 2), hit('app/traced.py', 1)]);
  expect(c.allFound()).toBe(true);
  expect(found.ranked().map((x) => [x.path, x.kind, x.score, x.why[0]])).toEqual([
    ['app/traced.py', 'span name', 80, 'span name "retrieve_docs" given to a tracing call'],
    ['app/agent.py', 'definition', 60, 'definition of method Agent.plan (named like span plan)'],
  ]);
});

it('keeps at most maxPerName places per name', () => {
  const found = new Candidates();
  const q = locateQuery({ functions: [{ name: 'plan', from: 'mlflow.spanFunctionName', span: 'plan' }] });
  const c = new HitClassifier(root, q, new Set(), 1, new Map(), found);
  c.classify([hit('app/agent.py', 2), { path: 'app/other.py', line: 1, text: 'def plan():' }]);
  expect(found.ranked()).toHaveLength(1);
});
