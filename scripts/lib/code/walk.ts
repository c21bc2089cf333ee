/**
 * Listing a repository's files without git: a walk that honours `.gitignore` files (at every
 * level, with negation), always skips dependency and build caches (node_modules, .venv, …), and
 * stops at a file count or a time limit so a huge tree cannot hang the answer. The result says
 * whether it stopped early.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Never user code: installed dependencies, virtualenvs, VCS data, tool caches, and coding agents'
 * folders (where skills such as this one are installed: their files must not pass for the app's).
 */
export const SKIPPED_DIRS = [
  '.claude',
  '.agents',
  '.codex',
  '.cursor',
  '.gemini',
  '.opencode',
  '.windsurf',
  '.continue',
  'node_modules',
  '.venv',
  'venv',
  '.git',
  '.hg',
  '.svn',
  '__pycache__',
  '.mypy_cache',
  '.pytest_cache',
  '.ruff_cache',
  '.tox',
  '.nox',
  'site-packages',
  'dist-packages',
  '.next',
  '.nuxt',
  '.cache',
  '.terraform',
  'bower_components',
  '.yarn',
  '.pnpm-store',
  '.idea',
  '.gradle',
  '.eggs',
  '.ipynb_checkpoints',
];
const SKIPPED = new Set(SKIPPED_DIRS);

interface Rule {
  /** Directory (repo-relative, '' for the root) the .gitignore lives in. */
  base: string;
  re: RegExp;
  negate: boolean;
  dirOnly: boolean;
}

/** One .gitignore pattern as a regex over the path relative to its own directory. */
export function gitignoreRule(pattern: string, base: string): Rule | null {
  let p = pattern.replace(/\r$/, '');
  if (!p.trim() || p.startsWith('#')) return null;
  p = p.replace(/(?<!\\)\s+$/, '');
  const negate = p.startsWith('!');
  if (negate) p = p.slice(1);
  if (p.startsWith('\\')) p = p.slice(1);
  const dirOnly = p.endsWith('/');
  if (dirOnly) p = p.slice(0, -1);
  // A slash at the start or in the middle anchors the pattern to the .gitignore's directory.
  const anchored = p.includes('/');
  if (p.startsWith('/')) p = p.slice(1);
  let re = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i] as string;
    if (c === '*' && p[i + 1] === '*') {
      const slashAfter = p[i + 2] === '/';
      re += slashAfter ? '(?:.*/)?' : '.*';
      i += slashAfter ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = p.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        re += `[${p
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return { base, re: new RegExp(`^${anchored ? '' : '(?:.*/)?'}${re}$`), negate, dirOnly };
}

function ignored(rules: readonly Rule[], rel: string, isDir: boolean): boolean {
  let out = false;
  for (const r of rules) {
    if (r.dirOnly && !isDir) continue;
    if (r.base && !rel.startsWith(`${r.base}/`)) continue;
    const sub = r.base ? rel.slice(r.base.length + 1) : rel;
    if (r.re.test(sub)) out = !r.negate;
  }
  return out;
}

export interface WalkResult {
  files: string[];
  /** Why the walk stopped early, or null when it saw the whole tree. */
  stoppedEarly: string | null;
  dirsSkipped: number;
}

export interface WalkOptions {
  maxFiles?: number;
  timeLimitMs?: number;
  /** Only keep files whose name passes this test (the walk still descends everywhere). */
  keep?: (name: string) => boolean;
}

export function walkRepo(root: string, opts: WalkOptions = {}): WalkResult {
  const maxFiles = opts.maxFiles ?? 500_000;
  const deadline = Date.now() + (opts.timeLimitMs ?? 1_500);
  const files: string[] = [];
  let dirsSkipped = 0;
  let seen = 0;
  // Breadth first: shallow files (where an app's own modules usually sit) come before deep
  // trees, so a search cut short by the time limit has seen them.
  const queue: Array<{ rel: string; rules: Rule[] }> = [{ rel: '', rules: [] }];
  for (let next = 0; next < queue.length; next++) {
    const { rel, rules: inherited } = queue[next] as { rel: string; rules: Rule[] };
    const abs = rel ? join(root, rel) : root;
    let entries;
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch {
      continue;
    }
    let rules = inherited;
    if (entries.some((e) => e.name === '.gitignore' && e.isFile())) {
      try {
        const own = readFileSync(join(abs, '.gitignore'), 'utf8')
          .split('\n')
          .map((l) => gitignoreRule(l, rel))
          .filter((r): r is Rule => r !== null);
        if (own.length) rules = [...inherited, ...own];
      } catch {
        // an unreadable .gitignore ignores nothing
      }
    }
    for (const e of entries) {
      const childRel = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (SKIPPED.has(e.name) || ignored(rules, childRel, true)) {
          dirsSkipped += 1;
          continue;
        }
        queue.push({ rel: childRel, rules });
      } else if (e.isFile()) {
        seen += 1;
        if ((opts.keep && !opts.keep(e.name)) || ignored(rules, childRel, false)) continue;
        files.push(childRel);
      }
    }
    if (seen >= maxFiles) return { files, stoppedEarly: `stopped after ${seen.toLocaleString('en-US')} files (limit)`, dirsSkipped };
    if (Date.now() > deadline)
      return { files, stoppedEarly: `stopped after ${seen.toLocaleString('en-US')} files (time limit ${opts.timeLimitMs ?? 1_500} ms)`, dirsSkipped };
  }
  return { files, stoppedEarly: null, dirsSkipped };
}
