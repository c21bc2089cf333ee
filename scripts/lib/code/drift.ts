/**
 * Commit drift: how the located code compares with the code the trace ran. When the trace's
 * commit is in the repository, each located file gets the commits that touched it since and a
 * diff stat, and each located line its counterpart on the other side (a stack frame's line is a
 * line of the trace's commit; a definition found today is a line of the working tree). When the
 * commit is missing, or the trace has none, that is said, and lines are shown as they are now.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commitsSince, diffNumstat, diffZero, isAncestor, resolveCommit, showAt, type CommitLine, type RepoState } from './git.js';
import { mapLine, parseHunks, type Hunk } from './line-map.js';
import type { Candidate } from './locate.js';

export type DriftState =
  | { kind: 'no-commit' }
  | { kind: 'no-git' }
  | { kind: 'missing'; commit: string; shallow: boolean }
  | { kind: 'compared'; commit: string; head: string | null; commitsSince: number; ancestor: boolean };

export interface FileDrift {
  path: string;
  existedThen: boolean;
  changed: boolean;
  added: number | null;
  deleted: number | null;
  commits: CommitLine[];
}

export interface LineAt {
  line: number;
  text: string | null;
}

export interface Located extends Omit<Candidate, 'nowLine' | 'tracedLine'> {
  /** In the working tree; null when the line is gone. */
  now: LineAt | null;
  /** At the trace's commit; null when unknown (no commit) or the line did not exist then. */
  then: LineAt | null;
  /** The line's own text changed (or it was added/removed) between then and now. */
  lineChanged: boolean | null;
}

export async function driftState(repo: RepoState | null, commit: string | null): Promise<DriftState> {
  if (!commit) return { kind: 'no-commit' };
  if (!repo) return { kind: 'no-git' };
  const full = await resolveCommit(repo.root, commit);
  if (!full) return { kind: 'missing', commit, shallow: repo.shallow };
  const [since, ancestor] = await Promise.all([commitsSince(repo.root, full), isAncestor(repo.root, full)]);
  return { kind: 'compared', commit: full, head: repo.head, commitsSince: since.length, ancestor };
}

const lineOf = (lines: string[] | null, n: number | null): string | null => (lines && n !== null && n >= 1 && n <= lines.length ? (lines[n - 1] as string) : null);

function workingLines(root: string, path: string): string[] | null {
  try {
    return readFileSync(join(root, path), 'utf8').split('\n');
  } catch {
    return null;
  }
}

/** Pairs every candidate's line now with its line at the trace's commit, and sums up each file. */
export async function resolveDrift(root: string, state: DriftState, candidates: Candidate[]): Promise<{ located: Located[]; files: FileDrift[] }> {
  const paths = [...new Set(candidates.map((c) => c.path))];
  const now = new Map(paths.map((p) => [p, workingLines(root, p)]));
  const then = new Map<string, string[] | null>();
  const hunks = new Map<string, Hunk[]>();
  const files: FileDrift[] = [];
  if (state.kind === 'compared') {
    const stats = await diffNumstat(root, state.commit, paths);
    await Promise.all(paths.map(async (p) => {
      const [old, diff, commits] = await Promise.all([showAt(root, state.commit, p), diffZero(root, state.commit, p), commitsSince(root, state.commit, p)]);
      then.set(p, old === null ? null : old.split('\n'));
      hunks.set(p, parseHunks(diff));
      const st = stats.get(p);
      files.push({ path: p, existedThen: old !== null, changed: !!st || old === null, added: st?.added ?? null, deleted: st?.deleted ?? null, commits });
    }));
    files.sort((a, b) => paths.indexOf(a.path) - paths.indexOf(b.path));
  }

  const located = candidates.map(({ nowLine, tracedLine, ...c }): Located => {
    const cur = now.get(c.path) ?? null;
    if (state.kind !== 'compared') {
      // No commit to compare with: a frame's line is taken as it stands today (it may have moved).
      const n = nowLine ?? tracedLine;
      return { ...c, now: n === null ? null : { line: n, text: lineOf(cur, n) }, then: tracedLine === null ? null : { line: tracedLine, text: null }, lineChanged: null };
    }
    const old = then.get(c.path) ?? null;
    const h = hunks.get(c.path) ?? [];
    if (tracedLine !== null) {
      if (!old) return { ...c, now: null, then: { line: tracedLine, text: null }, lineChanged: null };
      const m = mapLine(h, tracedLine, 'old-to-new');
      return { ...c, now: { line: m.line, text: lineOf(cur, m.line) }, then: { line: tracedLine, text: lineOf(old, tracedLine) }, lineChanged: m.changed };
    }
    const n = nowLine ?? 1;
    if (!old) return { ...c, now: { line: n, text: lineOf(cur, n) }, then: null, lineChanged: true };
    const m = mapLine(h, n, 'new-to-old');
    return { ...c, now: { line: n, text: lineOf(cur, n) }, then: { line: m.line, text: lineOf(old, m.line) }, lineChanged: m.changed };
  });
  return { located, files };
}
