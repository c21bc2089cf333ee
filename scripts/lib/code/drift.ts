/**
 * Commit drift: how the located code compares with the code the trace ran. When the trace's
 * commit is in the repository, each located file gets the commits that touched it since and a
 * diff stat, and each located line its counterpart on the other side (a stack frame's line is a
 * line of the trace's commit; a definition found today is a line of the working tree). When the
 * commit is missing, or the trace has none, that is said, and lines are shown as they are now.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  commitsSince,
  commitsSinceByPath,
  diffNumstat,
  diffZeroByPath,
  isAncestor,
  resolveCommit,
  showManyAt,
  type CommitLine,
  type RepoState,
} from './git.js';
import { mapLine, parseHunks, type Hunk } from './line-map.js';
import type { Candidate } from './candidates.js';

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
  /** Without a commit to compare: the frame's line was found again by its text, elsewhere. */
  relocatedByText?: boolean;
}

/** The line holding `code` (trimmed) nearest to `near`, 1-based, or null. */
export function nearestLineWith(lines: readonly string[], code: string, near: number): number | null {
  let best: number | null = null;
  lines.forEach((l, i) => {
    if (l.trim() === code && (best === null || Math.abs(i + 1 - near) < Math.abs(best - near))) best = i + 1;
  });
  return best;
}

/** One entry per place: a line found several ways keeps its best rank and every reason. */
function mergeSamePlace(located: Located[]): Located[] {
  const out: Located[] = [];
  const at = new Map<string, Located>();
  for (const l of located) {
    const key = l.now ? `${l.path}:${l.now.line}` : null;
    const seen = key ? at.get(key) : undefined;
    if (seen) {
      for (const w of l.why) if (!seen.why.includes(w)) seen.why.push(w);
      continue;
    }
    if (key) at.set(key, l);
    out.push(l);
  }
  return out;
}

export async function driftState(repo: RepoState | null, commit: string | null): Promise<DriftState> {
  if (!commit) return { kind: 'no-commit' };
  if (!repo) return { kind: 'no-git' };
  const full = await resolveCommit(repo.root, commit);
  if (!full) return { kind: 'missing', commit, shallow: repo.shallow };
  const [since, ancestor] = await Promise.all([commitsSince(repo.root, full), isAncestor(repo.root, full)]);
  return { kind: 'compared', commit: full, head: repo.head, commitsSince: since.length, ancestor };
}

const lineOf = (lines: string[] | null, n: number | null): string | null =>
  lines && n !== null && n >= 1 && n <= lines.length ? (lines[n - 1] as string) : null;

function workingLines(root: string, path: string): string[] | null {
  try {
    return readFileSync(join(root, path), 'utf8').split('\n');
  } catch {
    return null;
  }
}

export interface DriftContext {
  state: DriftState;
  files: FileDrift[];
  now: Map<string, string[] | null>;
  then: Map<string, string[] | null>;
  hunks: Map<string, Hunk[]>;
}

/** Reads each located file now and at the trace's commit, with its diff and history since. */
export async function loadDrift(root: string, state: DriftState, paths: string[]): Promise<DriftContext> {
  const ctx: DriftContext = { state, files: [], now: new Map(paths.map((p) => [p, workingLines(root, p)])), then: new Map(), hunks: new Map() };
  if (state.kind !== 'compared') return ctx;
  // Four git processes whatever the number of files.
  const [stats, olds, diffs, history] = await Promise.all([
    diffNumstat(root, state.commit, paths),
    showManyAt(root, state.commit, paths),
    diffZeroByPath(root, state.commit, paths),
    commitsSinceByPath(root, state.commit, paths),
  ]);
  for (const p of paths) {
    const old = olds.get(p) ?? null;
    ctx.then.set(p, old === null ? null : old.split('\n'));
    ctx.hunks.set(p, parseHunks(diffs.get(p) ?? ''));
    const st = stats.get(p);
    ctx.files.push({
      path: p,
      existedThen: old !== null,
      changed: !!st || old === null,
      added: st?.added ?? null,
      deleted: st?.deleted ?? null,
      commits: history.get(p) ?? [],
    });
  }
  ctx.files.sort((a, b) => paths.indexOf(a.path) - paths.indexOf(b.path));
  return ctx;
}

/** Pairs every candidate's line now with its line at the trace's commit (best first, one per place). */
export function resolveLines(ctx: DriftContext, candidates: Candidate[]): Located[] {
  const { state, now, then, hunks } = ctx;
  const located = [...candidates]
    .sort((a, b) => b.score - a.score)
    .map(({ nowLine, tracedLine, ...c }): Located => {
      const cur = now.get(c.path) ?? null;
      if (state.kind !== 'compared') {
        // No commit to compare with: a frame's line is found again by the code the stack trace
        // printed (nearest line with that text), else taken as it stands today (it may have moved).
        if (tracedLine !== null && c.tracedCode && cur) {
          const found = nearestLineWith(cur, c.tracedCode, tracedLine);
          if (found !== null)
            return {
              ...c,
              now: { line: found, text: lineOf(cur, found) },
              then: { line: tracedLine, text: c.tracedCode },
              lineChanged: false,
              relocatedByText: found !== tracedLine,
            };
        }
        const n = nowLine ?? tracedLine;
        return {
          ...c,
          now: n === null ? null : { line: n, text: lineOf(cur, n) },
          then: tracedLine === null ? null : { line: tracedLine, text: c.tracedCode },
          lineChanged: null,
        };
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
  return mergeSamePlace(located);
}
