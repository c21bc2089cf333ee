/** A small git repository made in a temp dir for a test: files written, then committed (git only, no network). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { tempDir } from './helpers.js';

const AUTHOR = ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main'];

export interface TestRepo {
  root: string;
  /** Writes files (path relative to root → text), creating their directories. */
  write: (files: Record<string, string>) => void;
  /** Commits everything in the work tree; returns the full hash. */
  commit: (message: string) => Promise<string>;
  git: (...args: string[]) => Promise<string>;
}

export async function testRepo(files: Record<string, string> = {}): Promise<TestRepo> {
  const root = tempDir('git-repo-');
  const git = async (...args: string[]) => String((await execa('git', [...AUTHOR, ...args], { cwd: root })).stdout);
  const write = (more: Record<string, string>) => {
    for (const [path, text] of Object.entries(more)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
  };
  const commit = async (message: string) => {
    await git('add', '-A');
    await git('commit', '-q', '-m', message);
    return git('rev-parse', 'HEAD');
  };
  await git('init', '-q');
  write(files);
  return { root, write, commit, git };
}
