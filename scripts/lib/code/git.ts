/**
 * The one place that runs git for locate_code: argument arrays through execa (no shell ever
 * sees a path or a commit), bounded by a timeout, and every failure turned into a plain
 * answer (null, false, []) rather than an exception: a repository without git, or without the
 * trace's commit, is something to report, not a crash.
 */
import { execa } from 'execa';

const TIMEOUT_MS = 30_000;
let calls = 0;
/** How many git processes this run started (reported in --json). */
export const gitCallCount = (): number => calls;

export interface GitResult {
  ok: boolean;
  exitCode: number | null;
  stdout: string;
  /** git itself is missing (ENOENT), as opposed to git failing. */
  missing: boolean;
}

export async function git(cwd: string, args: string[], opts: { maxBuffer?: number } = {}): Promise<GitResult> {
  calls += 1;
  try {
    const r = await execa('git', ['-c', 'core.quotePath=false', ...args], {
      cwd,
      reject: false,
      timeout: TIMEOUT_MS,
      stripFinalNewline: false,
      maxBuffer: opts.maxBuffer ?? 200_000_000,
      // A user's pager or colour settings must not reach our parser.
      env: { GIT_PAGER: 'cat', GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
    });
    const missing = (r as { code?: string }).code === 'ENOENT';
    return { ok: r.exitCode === 0, exitCode: r.exitCode ?? null, stdout: String(r.stdout ?? ''), missing };
  } catch {
    return { ok: false, exitCode: null, stdout: '', missing: true };
  }
}

export interface RepoState {
  root: string;
  head: string | null;
  branch: string | null;
  shallow: boolean;
}

/** The git work tree holding `dir`, or null when git is missing or `dir` is in no repository. */
export async function repoState(dir: string): Promise<RepoState | null> {
  // One process in the usual case; a repository with no commit yet fails it (no HEAD).
  const all = await git(dir, ['rev-parse', '--show-toplevel', '--is-shallow-repository', 'HEAD', '--abbrev-ref', 'HEAD']);
  if (all.ok) {
    const [root = '', shallow, head = '', branch = ''] = all.stdout.trim().split('\n');
    return { root, head, branch: branch && branch !== 'HEAD' ? branch : null, shallow: shallow === 'true' };
  }
  const top = await git(dir, ['rev-parse', '--show-toplevel', '--is-shallow-repository']);
  if (!top.ok) return null;
  const [root = '', shallow] = top.stdout.trim().split('\n');
  return { root, head: null, branch: null, shallow: shallow === 'true' };
}

/** The full hash of a commit the repository holds, or null. */
export async function resolveCommit(root: string, rev: string): Promise<string | null> {
  if (!/^[0-9a-f]{4,64}$/i.test(rev)) return null;
  const r = await git(root, ['rev-parse', '--verify', '-q', `${rev}^{commit}`]);
  return r.ok ? r.stdout.trim() : null;
}

export interface GrepHit {
  path: string;
  line: number;
  text: string;
}

/**
 * Lines holding any of `needles` (fixed strings) in tracked and untracked-but-not-ignored files
 * of the given kinds, minus `excludeDirs`. One process for every needle; git grep is threaded.
 */
export async function gitGrep(root: string, needles: string[], globs: string[], excludeDirs: string[]): Promise<GrepHit[] | null> {
  if (!needles.length) return [];
  const args = ['grep', '-n', '-I', '-F', '--untracked', '--no-color', '-z'];
  for (const n of needles) args.push('-e', n);
  // Plain fnmatch pathspecs: `*.py` matches at any depth, and `*node_modules/*` anywhere on the
  // path. Far cheaper for git to match over 100,000 files than `:(glob)**/` forms.
  args.push('--', ...globs, ...excludeDirs.map((d) => `:(exclude)*${d}/*`));
  const r = await git(root, args);
  if (r.exitCode === 1) return [];
  if (!r.ok) return null;
  const hits: GrepHit[] = [];
  // -z: path NUL line NUL text, one hit per line.
  for (const row of r.stdout.split('\n')) {
    const a = row.indexOf('\0');
    const b = a < 0 ? -1 : row.indexOf('\0', a + 1);
    if (b < 0) continue;
    hits.push({ path: row.slice(0, a), line: Number(row.slice(a + 1, b)), text: row.slice(b + 1) });
  }
  return hits;
}

/**
 * Several files as they were at a commit, in one process (`git cat-file --batch`): null for a
 * path the commit does not hold.
 */
export async function showManyAt(root: string, commit: string, paths: string[]): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>(paths.map((p) => [p, null]));
  if (!paths.length) return out;
  calls += 1;
  let buf: Buffer;
  try {
    const r = await execa('git', ['cat-file', '--batch'], {
      cwd: root,
      reject: false,
      timeout: TIMEOUT_MS,
      input: paths.map((p) => `${commit}:${p}`).join('\n') + '\n',
      encoding: 'buffer',
      env: { GIT_PAGER: 'cat', LC_ALL: 'C' },
    });
    buf = Buffer.from(r.stdout as Uint8Array);
  } catch {
    return out;
  }
  // Each answer: "<sha> blob <size>\n<bytes>\n", or "<name> missing\n".
  let at = 0;
  for (const p of paths) {
    const nl = buf.indexOf(10, at);
    if (nl < 0) break;
    const head = buf.subarray(at, nl).toString('utf8');
    at = nl + 1;
    const m = / blob (\d+)$/.exec(head);
    if (!m) continue;
    const size = Number(m[1]);
    out.set(p, buf.subarray(at, at + size).toString('utf8'));
    at += size + 1;
  }
  return out;
}

/** Per path, the commits after `from` up to HEAD that touched it (one process for all). */
export async function commitsSinceByPath(root: string, from: string, paths: string[]): Promise<Map<string, CommitLine[]>> {
  const out = new Map<string, CommitLine[]>(paths.map((p) => [p, []]));
  if (!paths.length) return out;
  const r = await git(root, ['log', '--no-color', '--no-renames', '--format=%x00%h%x09%s', '--name-only', `${from}..HEAD`, '--', ...paths]);
  for (const block of r.stdout.split('\0').filter(Boolean)) {
    const [first = '', ...files] = block.split('\n');
    const [hash = '', ...rest] = first.split('\t');
    for (const f of files) out.get(f.trim())?.push({ hash, subject: rest.join('\t') });
  }
  return out;
}

/** Zero-context diffs between `commit` and the working tree, split per path (one process). */
export async function diffZeroByPath(root: string, commit: string, paths: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>(paths.map((p) => [p, '']));
  if (!paths.length) return out;
  const r = await git(root, ['diff', '--no-color', '--no-ext-diff', '--no-renames', '-U0', commit, '--', ...paths]);
  let current: string | null = null;
  for (const line of r.stdout.split('\n')) {
    const m = /^\+\+\+ b\/(.*)$/.exec(line) ?? /^--- a\/(.*)$/.exec(line);
    if (line.startsWith('diff --git ')) current = null;
    if (m && (current === null || line.startsWith('+++ '))) current = m[1] ?? null;
    if (current !== null && out.has(current)) out.set(current, `${out.get(current)}${line}\n`);
  }
  return out;
}

export interface CommitLine {
  hash: string;
  subject: string;
}

/** Commits after `from` up to HEAD (optionally touching `path`), newest first. */
export async function commitsSince(root: string, from: string, path?: string): Promise<CommitLine[]> {
  const r = await git(root, ['log', '--no-color', '--format=%h%x09%s', `${from}..HEAD`, ...(path ? ['--', path] : [])]);
  if (!r.ok) return [];
  return r.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const [hash = '', ...rest] = l.split('\t');
      return { hash, subject: rest.join('\t') };
    });
}

export async function isAncestor(root: string, commit: string): Promise<boolean> {
  return (await git(root, ['merge-base', '--is-ancestor', commit, 'HEAD'])).ok;
}

export interface NumStat {
  added: number | null;
  deleted: number | null;
}

/** Lines added and deleted per path between `commit` and the working tree (null for binary). */
export async function diffNumstat(root: string, commit: string, paths: string[]): Promise<Map<string, NumStat>> {
  const out = new Map<string, NumStat>();
  if (!paths.length) return out;
  const r = await git(root, ['diff', '--no-color', '--no-ext-diff', '--no-renames', '--numstat', commit, '--', ...paths]);
  for (const l of r.stdout.split('\n')) {
    const [a, d, ...p] = l.split('\t');
    if (!p.length) continue;
    out.set(p.join('\t'), { added: a === '-' ? null : Number(a), deleted: d === '-' ? null : Number(d) });
  }
  return out;
}
