import { expect, it } from 'vitest';
import { type Candidate, Candidates } from '../../../scripts/lib/code/candidates.js';

const at = (path: string, nowLine: number | null, score: number, why: string): Omit<Candidate, 'why'> & { why: string } => ({
  path,
  kind: 'definition',
  score,
  nowLine,
  tracedLine: nowLine === null ? 7 : null,
  tracedFile: null,
  tracedCode: null,
  why,
});

it('keeps one candidate per place, a second reason joining the first at the higher score; best first, ties in the order found', () => {
  const found = new Candidates();
  found.add(at('a.py', 3, 60, 'named like span a'));
  found.add(at('b.py', 9, 75, 'span name "b"'));
  found.add(at('a.py', 3, 85, 'definition of a'));
  found.add(at('a.py', 3, 85, 'definition of a'));
  found.add(at('c.py', null, 75, 'stack frame'));
  expect(found.ranked().map((c) => [c.path, c.score, c.why])).toEqual([
    ['a.py', 85, ['named like span a', 'definition of a']],
    ['b.py', 75, ['span name "b"']],
    ['c.py', 75, ['stack frame']],
  ]);
});
