import { expect, it } from 'vitest';
import { readLines, walkHits } from '../../../scripts/lib/code/source-lines.js';
import { sourceTree } from '../../support/source-tree.js';

const root = sourceTree({
  'app/agent.py': 'import os\n\ndef plan(q):\n    return q\n',
  'app/readme.txt': 'def plan is documented here\n',
  'web/client.ts': 'export const plan = () => 1;\n',
});

it('reads a file once per search (the cache answers the second time), null for a file that is not there', () => {
  const cache = new Map<string, string[] | null>();
  expect(readLines(root, 'app/agent.py', cache)?.[2]).toBe('def plan(q):');
  cache.set('app/agent.py', ['cached']);
  expect(readLines(root, 'app/agent.py', cache)).toEqual(['cached']);
  expect(readLines(root, 'missing.py', cache)).toBeNull();
});

it('finds the lines holding a name in source files only, without git, and keeps the files it read', () => {
  const cache = new Map<string, string[] | null>();
  const w = walkHits(root, ['plan'], 4_000, cache);
  expect(w.hits.map((h) => `${h.path}:${h.line}`).sort()).toEqual(['app/agent.py:3', 'web/client.ts:1']);
  expect(w.files).toBe(2);
  expect(w.stoppedEarly).toBeNull();
  expect(cache.has('app/agent.py')).toBe(true);
});
