/** locate_code's git calls on a repository made here: state, commits, grep, files at a commit, diffs. */
import { realpathSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  commitsSince,
  commitsSinceByPath,
  diffNumstat,
  diffZeroByPath,
  git,
  gitCallCount,
  gitGrep,
  isAncestor,
  repoState,
  resolveCommit,
  showManyAt,
} from '../../../scripts/lib/code/git.js';
import { testRepo, type TestRepo } from '../../support/git-repo.js';
import { tempDir } from '../../support/helpers.js';

const V1 = {
  'app/agent.py': 'import tools\n\ndef answer(q):\n    return tools.get_weather(q)\n',
  'app/tools.py': 'def get_weather(city):\n    raise LookupError(city)\n',
  'README.md': 'get_weather is documented here\n',
};

let repo: TestRepo;
let first: string;
let second: string;
beforeAll(async () => {
  repo = await testRepo(V1);
  first = await repo.commit('first: the traced version');
  repo.write({ 'app/tools.py': '# moved down\n\ndef get_weather(city):\n    raise LookupError(city)\n' });
  second = await repo.commit('second: tools.py\tedited');
  repo.write({ 'app/agent.py': `${V1['app/agent.py']}\nanswer("x")\n`, 'app/new.py': 'get_weather = None\n' });
});

describe('the repository', () => {
  it('its root, HEAD, branch, and that it is not shallow; from a subdirectory too', async () => {
    const state = await repoState(`${repo.root}/app`);
    expect(state).toEqual({ root: realpathSync(repo.root), head: second, branch: 'main', shallow: false });
  });

  it('a repository without a commit: root only', async () => {
    const empty = await testRepo();
    expect(await repoState(empty.root)).toEqual({ root: realpathSync(empty.root), head: null, branch: null, shallow: false });
  });

  it('outside any repository: null; a missing directory is a failed git, not an exception', async () => {
    expect(await repoState(tempDir('no-repo-'))).toBeNull();
    const r = await git('/nonexistent/dir', ['status']);
    expect(r.ok).toBe(false);
  });

  it('resolves a short hash it holds; not a hash, or one it lacks: null', async () => {
    expect(await resolveCommit(repo.root, first.slice(0, 7))).toBe(first);
    expect(await resolveCommit(repo.root, 'HEAD')).toBeNull();
    expect(await resolveCommit(repo.root, 'deadbeefdeadbeef')).toBeNull();
    expect(await isAncestor(repo.root, first)).toBe(true);
  });

  it('counts every git process it starts', async () => {
    const before = gitCallCount();
    await commitsSince(repo.root, first);
    expect(gitCallCount()).toBe(before + 1);
  });
});

describe('searching', () => {
  it('finds every needle in tracked and untracked source files of the kinds asked, minus excluded dirs', async () => {
    repo.write({ 'node_modules/lib/x.py': 'get_weather\n' });
    const hits = await gitGrep(repo.root, ['get_weather', 'answer('], ['*.py'], ['node_modules']);
    expect(hits?.map((h) => `${h.path}:${h.line}:${h.text}`).sort()).toEqual([
      'app/agent.py:3:def answer(q):',
      'app/agent.py:4:    return tools.get_weather(q)',
      'app/agent.py:6:answer("x")',
      'app/new.py:1:get_weather = None',
      'app/tools.py:3:def get_weather(city):',
    ]);
  });

  it('nothing found is an empty list; no needle asks nothing', async () => {
    expect(await gitGrep(repo.root, ['no_such_name_anywhere'], ['*.py'], [])).toEqual([]);
    const before = gitCallCount();
    expect(await gitGrep(repo.root, [], ['*.py'], [])).toEqual([]);
    expect(gitCallCount()).toBe(before);
  });

  it('outside a repository: null (the caller walks the files instead)', async () => {
    expect(await gitGrep(tempDir('no-repo-'), ['x'], ['*.py'], [])).toBeNull();
  });
});

describe('history', () => {
  it('files as they were at a commit, in one process; a path the commit lacks is null', async () => {
    const files = await showManyAt(repo.root, first, ['app/tools.py', 'app/new.py', 'README.md']);
    expect(files.get('app/tools.py')).toBe(V1['app/tools.py']);
    expect(files.get('app/new.py')).toBeNull();
    expect(files.get('README.md')).toBe(V1['README.md']);
  });

  it('commits since the traced one, newest first, per path too (a tab in a subject kept)', async () => {
    const short = second.slice(0, 7);
    expect(await commitsSince(repo.root, first)).toEqual([{ hash: short, subject: 'second: tools.py\tedited' }]);
    expect(await commitsSince(repo.root, first, 'app/agent.py')).toEqual([]);
    const byPath = await commitsSinceByPath(repo.root, first, ['app/tools.py', 'app/agent.py']);
    expect(byPath.get('app/tools.py')).toEqual([{ hash: short, subject: 'second: tools.py\tedited' }]);
    expect(byPath.get('app/agent.py')).toEqual([]);
    expect(await commitsSince(repo.root, 'not-a-commit')).toEqual([]);
  });

  it('zero-context diffs against the working tree, split per path, and line counts', async () => {
    const diffs = await diffZeroByPath(repo.root, first, ['app/tools.py', 'app/agent.py', 'README.md']);
    expect(diffs.get('app/tools.py')).toBe('--- a/app/tools.py\n+++ b/app/tools.py\n@@ -0,0 +1,2 @@\n+# moved down\n+\n\n');
    expect(diffs.get('app/agent.py')).toMatch(/^--- a\/app\/agent\.py\n\+\+\+ b\/app\/agent\.py\n@@ -4,0 \+5,2 @@[^\n]*\n\+\n\+answer\("x"\)\n$/);
    expect(diffs.get('README.md')).toBe('');
    const stat = await diffNumstat(repo.root, first, ['app/tools.py', 'app/agent.py', 'README.md']);
    expect(Object.fromEntries(stat)).toEqual({ 'app/tools.py': { added: 2, deleted: 0 }, 'app/agent.py': { added: 2, deleted: 0 } });
  });

  it('no paths: no git process', async () => {
    const before = gitCallCount();
    expect((await showManyAt(repo.root, first, [])).size).toBe(0);
    expect((await diffZeroByPath(repo.root, first, [])).size).toBe(0);
    expect((await diffNumstat(repo.root, first, [])).size).toBe(0);
    expect((await commitsSinceByPath(repo.root, first, [])).size).toBe(0);
    expect(gitCallCount()).toBe(before);
  });
});
