import { expect, it } from 'vitest';
import { Candidates } from '../../../scripts/lib/code/candidates.js';
import { addStackFrames } from '../../../scripts/lib/code/frame-candidates.js';
import { sourceTree } from '../../support/source-tree.js';

const root = sourceTree({ 'app/tools.py': 'def lookup():\n    raise KeyError\n', 'app/agent.py': 'lookup()\n' });

it('takes frames inside the repository deepest first, counts library frames, names the unmapped ones once', () => {
  const found = new Candidates();
  const scan = addStackFrames(
    root,
    [
      { file: '/ci/build/app/tools.py', line: 2, func: 'lookup', code: 'raise KeyError' },
      { file: '/usr/lib/python3.11/site-packages/httpx/_client.py', line: 10, func: 'send', code: null },
      { file: '/ci/build/app/agent.py', line: 1, func: null, code: null },
      { file: '/elsewhere/gone.py', line: 4, func: null, code: null },
      { file: '/elsewhere/gone.py', line: 5, func: null, code: null },
    ],
    found,
  );
  expect([scan.mapped.length, scan.library, scan.unmapped]).toEqual([2, 1, ['/elsewhere/gone.py']]);
  expect([...scan.paths].sort()).toEqual(['app/agent.py', 'app/tools.py']);
  const [first, second] = found.ranked();
  expect(first).toMatchObject({ path: 'app/tools.py', kind: 'stack frame', score: 100, tracedLine: 2, tracedFile: '/ci/build/app/tools.py' });
  expect(first?.why[0]).toBe('stack frame where it was raised in lookup; the trace printed /ci/build/app/tools.py, mapped by path suffix');
  expect(second).toMatchObject({ path: 'app/agent.py', score: 99 });
});
