import { expect, it } from 'vitest';
import { Candidates } from '../../../scripts/lib/code/candidates.js';
import { addEntryScript } from '../../../scripts/lib/code/entry-script.js';
import { locateQuery, sourceTree } from '../../support/source-tree.js';

const root = sourceTree({ 'run.py': 'from app import answer\n\ndef main():\n    print(answer("q"))\n\nif __name__ == "__main__":\n    main()\n' });

it('points at the line that calls into the traced code, else at the main guard', () => {
  const found = new Candidates();
  expect(addEntryScript(root, locateQuery({ entryScript: '/ci/run.py', entryCalls: ['answer'] }), found, new Map())).toEqual({
    given: '/ci/run.py',
    found: 'run.py',
  });
  expect(found.ranked()[0]).toMatchObject({ nowLine: 4, tracedFile: '/ci/run.py', kind: 'entry script' });
  expect(found.ranked()[0]?.why[0]).toBe('entry script (mlflow.source.name /ci/run.py), where it calls the traced code');
  const guard = new Candidates();
  addEntryScript(root, locateQuery({ entryScript: 'run.py', entryCalls: ['other'] }), guard, new Map());
  expect(guard.ranked()[0]).toMatchObject({ nowLine: 6, tracedFile: null });
});

it('says when the entry script is not in the repository, and nothing without one', () => {
  expect(addEntryScript(root, locateQuery({ entryScript: '/x/missing.py' }), new Candidates(), new Map())).toEqual({ given: '/x/missing.py', found: null });
  expect(addEntryScript(root, locateQuery(), new Candidates(), new Map())).toBeNull();
});
