/**
 * From what a trace says about a span to places in a repository, ranked: stack frames that fall
 * inside the repository (deepest first), the definition of the function behind the span, the
 * span's name passed literally to a tracing call, functions named like the span, and the entry
 * script. git grep does the searching where git exists; otherwise a bounded file walk.
 * The steps are modules of their own (frame-candidates, hit-classifier, entry-script); they share
 * the query and the candidates (candidates.ts) and the lines read (source-lines.ts).
 */
import { addEntryScript, type EntryScriptFound } from './entry-script.js';
import { addStackFrames } from './frame-candidates.js';
import { type Candidate, Candidates, type LocateQuery } from './candidates.js';
import { SOURCE_GLOBS } from './definitions.js';
import { gitGrep, type GrepHit } from './git.js';
import { HitClassifier } from './hit-classifier.js';
import { readLines, walkHits } from './source-lines.js';
import { SKIPPED_DIRS } from './walk.js';

export interface SearchInfo {
  method: 'git grep' | 'file walk';
  /** The whole repository, or only the files the stack trace names (every name was found there). */
  scope: 'repository' | 'files in the stack trace';
  filesSearched: number | null;
  stoppedEarly: string | null;
  searchedFor: string[];
  frames: { total: number; inRepo: number; library: number; unmapped: string[] };
  entryScript: EntryScriptFound;
}

export interface LocateOptions {
  useGit: boolean;
  /** Bound on the walk and scan without git (ms). */
  timeLimitMs?: number;
  maxPerName?: number;
}

type SearchSummary = Pick<SearchInfo, 'method' | 'scope' | 'filesSearched' | 'stoppedEarly'>;

/** The search for every name: the stack trace's files first, then git grep, else a file walk. */
async function searchNames(
  root: string,
  names: string[],
  framePaths: Set<string>,
  classifier: HitClassifier,
  opts: LocateOptions,
  cache: Map<string, string[] | null>,
): Promise<SearchSummary> {
  const out: SearchSummary = { method: opts.useGit ? 'git grep' : 'file walk', scope: 'repository', filesSearched: null, stoppedEarly: null };
  if (!names.length) return out;
  // The files the stack trace names first: when every name is found there, a large repository
  // need not be searched at all (the usual case for a failing span from @mlflow.trace code).
  if (framePaths.size) {
    const first: GrepHit[] = [];
    for (const path of framePaths) {
      (readLines(root, path, cache) ?? []).forEach((text, i) => {
        if (names.some((n) => text.includes(n))) first.push({ path, line: i + 1, text });
      });
    }
    classifier.classify(first);
    if (classifier.allFound()) return { ...out, scope: 'files in the stack trace' };
  }
  const viaGit = opts.useGit ? await gitGrep(root, names, SOURCE_GLOBS, SKIPPED_DIRS) : null;
  if (viaGit) {
    classifier.classify(viaGit);
    return out;
  }
  const w = walkHits(root, names, opts.timeLimitMs ?? 4_000, cache);
  classifier.classify(w.hits);
  return { ...out, method: 'file walk', filesSearched: w.files, stoppedEarly: w.stoppedEarly };
}
export async function locate(root: string, q: LocateQuery, opts: LocateOptions): Promise<{ candidates: Candidate[]; search: SearchInfo }> {
  const found = new Candidates();
  const frames = addStackFrames(root, q.frames, found);
  const names = [...new Set([...q.functions.map((f) => f.name), ...q.spanNames])].filter((n) => n.length >= 2);
  const cache = new Map<string, string[] | null>();
  const classifier = new HitClassifier(root, q, frames.paths, opts.maxPerName ?? 5, cache, found);
  const searched = await searchNames(root, names, frames.paths, classifier, opts, cache);
  const entryScript = addEntryScript(root, q, found, cache);
  return {
    candidates: found.ranked(),
    search: {
      ...searched,
      searchedFor: names,
      frames: { total: q.frames.length, inRepo: frames.mapped.length, library: frames.library, unmapped: frames.unmapped.slice(0, 5) },
      entryScript,
    },
  };
}
