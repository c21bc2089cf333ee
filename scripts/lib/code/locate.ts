/**
 * From what a trace says about a span to places in a repository, ranked: stack frames that fall
 * inside the repository (deepest first), the definition of the function behind the span, the
 * span's name passed literally to a tracing call, functions named like the span, and the entry
 * script. git grep does the searching where git exists; otherwise a bounded file walk.
 * Over 300 lines on purpose: the five steps share the query, the candidates and the lines read.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { definitionOn, enclosingClass, langOf, SOURCE_GLOBS, spanNameLiteralAt, type Lang } from './definitions.js';
import { isLibraryPath, mapFrame, type Frame, type MappedFrame } from './frames.js';
import { gitGrep, type GrepHit } from './git.js';
import { SKIPPED_DIRS, walkRepo } from './walk.js';

const SKIPPED = new Set(SKIPPED_DIRS);

export interface LocateQuery {
  /** Functions whose definitions to find; `from` says where the name came from. */
  functions: Array<{ name: string; from: 'mlflow.spanFunctionName' | 'span name'; span: string }>;
  /** Span names to find as literals in tracing calls. */
  spanNames: string[];
  /** Stack frames, deepest first. */
  frames: Frame[];
  entryScript: string | null;
  /** Functions the entry script is expected to call (the outermost traced ones). */
  entryCalls: string[];
}

export type CandidateKind = 'stack frame' | 'definition' | 'span name' | 'entry script';

export interface Candidate {
  path: string;
  kind: CandidateKind;
  why: string[];
  score: number;
  /** The line in the working tree (found there), when known. */
  nowLine: number | null;
  /** The line as the trace recorded it (stack frames): a line of the trace's commit. */
  tracedLine: number | null;
  /** The path as the trace printed it, when it differs from `path`. */
  tracedFile: string | null;
  /** The code on that line as the stack trace printed it (Python), for finding it again. */
  tracedCode: string | null;
}

export interface SearchInfo {
  method: 'git grep' | 'file walk';
  /** The whole repository, or only the files the stack trace names (every name was found there). */
  scope: 'repository' | 'files in the stack trace';
  filesSearched: number | null;
  stoppedEarly: string | null;
  searchedFor: string[];
  frames: { total: number; inRepo: number; library: number; unmapped: string[] };
  entryScript: { given: string; found: string | null } | null;
}

export interface LocateOptions {
  useGit: boolean;
  /** Bound on the walk and scan without git (ms). */
  timeLimitMs?: number;
  maxPerName?: number;
}

const MAX_FILE_BYTES = 2_000_000;

function readLines(root: string, path: string, cache: Map<string, string[] | null>): string[] | null {
  if (cache.has(path)) return cache.get(path) ?? null;
  let lines: string[] | null = null;
  try {
    const abs = join(root, path);
    if (statSync(abs).size <= MAX_FILE_BYTES) lines = readFileSync(abs, 'utf8').split('\n');
  } catch {
    lines = null;
  }
  cache.set(path, lines);
  return lines;
}

/** Hits of `needles` without git: walk, then scan each source file holding one of them. */
function walkHits(
  root: string,
  needles: string[],
  timeLimitMs: number,
  cache: Map<string, string[] | null>,
): { hits: GrepHit[]; files: number; stoppedEarly: string | null } {
  const deadline = Date.now() + timeLimitMs;
  const walked = walkRepo(root, { keep: (n) => langOf(n) !== null, timeLimitMs });
  const hits: GrepHit[] = [];
  let scanned = 0;
  let stoppedEarly = walked.stoppedEarly;
  for (const path of walked.files) {
    if (Date.now() > deadline) {
      stoppedEarly = `scanned ${scanned.toLocaleString('en-US')} of ${walked.files.length.toLocaleString('en-US')} source files (time limit ${timeLimitMs} ms)`;
      break;
    }
    scanned += 1;
    let text: string;
    try {
      const abs = join(root, path);
      if (statSync(abs).size > MAX_FILE_BYTES) continue;
      text = readFileSync(abs, 'utf8');
    } catch {
      continue;
    }
    if (!needles.some((n) => text.includes(n))) continue;
    const lines = text.split('\n');
    cache.set(path, lines);
    lines.forEach((l, i) => {
      if (needles.some((n) => l.includes(n))) hits.push({ path, line: i + 1, text: l });
    });
  }
  return { hits, files: scanned, stoppedEarly };
}

/** The candidates found so far, one per place (path and line): a second reason joins the first. */
class Candidates {
  private readonly byKey = new Map<string, Candidate>();

  add(c: Omit<Candidate, 'why'> & { why: string }): void {
    const key = `${c.path}:${c.nowLine ?? `t${c.tracedLine}`}`;
    const seen = this.byKey.get(key);
    if (seen) {
      if (!seen.why.includes(c.why)) seen.why.push(c.why);
      seen.score = Math.max(seen.score, c.score);
      return;
    }
    this.byKey.set(key, { ...c, why: [c.why] });
  }

  /** Best first; equal scores in the order found. */
  ranked(): Candidate[] {
    return [...this.byKey.values()].sort((a, b) => b.score - a.score);
  }
}

interface FrameScan {
  mapped: MappedFrame[];
  unmapped: string[];
  library: number;
  /** Repository paths the stack trace names. */
  paths: Set<string>;
}

/** 1. Stack frames inside the repository, deepest first. */
function addStackFrames(root: string, frames: Frame[], found: Candidates): FrameScan {
  const mapped: MappedFrame[] = [];
  const unmapped: string[] = [];
  let library = 0;
  for (const f of frames) {
    const m = mapFrame(f, root);
    if (m) mapped.push(m);
    else if (isLibraryPath(f.file)) library += 1;
    else if (!unmapped.includes(f.file)) unmapped.push(f.file);
  }
  const seenFrames = new Set<string>();
  let rank = 0;
  for (const m of mapped) {
    const key = `${m.path}:${m.line}`;
    if (seenFrames.has(key)) continue;
    seenFrames.add(key);
    const where = m.func ? ` in ${m.func}` : '';
    const how = m.how === 'by path suffix' ? `; the trace printed ${m.file}, mapped by path suffix` : '';
    found.add({
      path: m.path,
      kind: 'stack frame',
      score: 100 - Math.min(rank, 20),
      nowLine: null,
      tracedLine: m.line,
      tracedFile: m.file === m.path ? null : m.file,
      tracedCode: m.code,
      why: `${rank === 0 ? 'stack frame where it was raised' : 'stack frame'}${where}${how}`,
    });
    rank += 1;
  }
  return { mapped, unmapped, library, paths: new Set(mapped.map((m) => m.path)) };
}

/** What one search for every name reads and finds: the lines read, and the hits kept per name. */
class HitClassifier {
  private readonly perName = new Map<string, Set<string>>();

  constructor(
    private readonly root: string,
    private readonly q: LocateQuery,
    private readonly framePaths: Set<string>,
    private readonly maxPerName: number,
    private readonly cache: Map<string, string[] | null>,
    private readonly found: Candidates,
  ) {}

  /** 2–4. Definitions and span-name literals among the hits. */
  classify(hits: GrepHit[]): void {
    const framePaths = this.framePaths;
    // Files named in the stack first, then shallower paths: the likelier home of a definition.
    hits.sort(
      (a, b) =>
        Number(framePaths.has(b.path)) - Number(framePaths.has(a.path)) ||
        a.path.split('/').length - b.path.split('/').length ||
        a.path.localeCompare(b.path) ||
        a.line - b.line,
    );
    for (const h of hits) {
      const lang: Lang | null = langOf(h.path);
      if (!lang || h.path.split('/').some((seg) => SKIPPED.has(seg))) continue;
      const near = framePaths.has(h.path) ? 5 : 0;
      this.definitionsOn(h, lang, near);
      this.literalsOn(h, near);
    }
  }

  /** Every name was found at least once. */
  allFound(): boolean {
    return this.q.functions.every((f) => this.perName.get(`def\0${f.name}`)?.size) && this.q.spanNames.every((sn) => this.perName.get(`lit\0${sn}`)?.size);
  }

  private definitionsOn(h: GrepHit, lang: Lang, near: number): void {
    for (const f of this.q.functions) {
      const kind = definitionOn(h.text, f.name, lang);
      if (!kind || !this.bump(`def\0${f.name}`, `${h.path}:${h.line}`)) continue;
      const lines = readLines(this.root, h.path, this.cache);
      const cls = lines ? enclosingClass(lines, h.line - 1, lang) : null;
      const what = cls ? `method ${cls}.${f.name}` : `${kind} ${f.name}`;
      const why =
        f.from === 'mlflow.spanFunctionName'
          ? `definition of ${what} (span ${f.span}'s mlflow.spanFunctionName)`
          : `definition of ${what} (named like span ${f.span})`;
      this.found.add({
        path: h.path,
        kind: 'definition',
        score: (f.from === 'mlflow.spanFunctionName' ? 85 : 60) + near,
        nowLine: h.line,
        tracedLine: null,
        tracedFile: null,
        tracedCode: null,
        why,
      });
    }
  }

  private literalsOn(h: GrepHit, near: number): void {
    for (const sn of this.q.spanNames) {
      if (!['"', "'", '`'].some((qt) => h.text.includes(`${qt}${sn}${qt}`))) continue;
      const lines = readLines(this.root, h.path, this.cache);
      if (!lines || !spanNameLiteralAt(lines, h.line - 1, sn) || !this.bump(`lit\0${sn}`, `${h.path}:${h.line}`)) continue;
      this.found.add({
        path: h.path,
        kind: 'span name',
        score: 75 + near,
        nowLine: h.line,
        tracedLine: null,
        tracedFile: null,
        tracedCode: null,
        why: `span name "${sn}" given to a tracing call`,
      });
    }
  }

  /** Counts a place for a name once; false past the first maxPerName places. */
  private bump(k: string, at: string): boolean {
    const seen = this.perName.get(k) ?? new Set<string>();
    this.perName.set(k, seen);
    if (seen.has(at)) return false;
    seen.add(at);
    return seen.size <= this.maxPerName;
  }
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

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** 5. The entry script, at the line that calls into the traced code when one does. */
function addEntryScript(root: string, q: LocateQuery, found: Candidates, cache: Map<string, string[] | null>): SearchInfo['entryScript'] {
  if (!q.entryScript) return null;
  const m = mapFrame({ file: q.entryScript, line: 1, func: null, code: null }, root);
  if (!m) return { given: q.entryScript, found: null };
  const lines = readLines(root, m.path, cache) ?? [];
  const callRe = q.entryCalls.length ? new RegExp(`\\b(?:${q.entryCalls.map(escapeRe).join('|')})\\s*\\(`) : null;
  let idx = callRe ? lines.findIndex((l) => callRe.test(l) && !/^\s*(?:async\s+)?def\s|^\s*(?:from|import)\s/.test(l)) : -1;
  if (idx < 0) idx = lines.findIndex((l) => /__name__\s*==\s*['"]__main__['"]/.test(l));
  found.add({
    path: m.path,
    kind: 'entry script',
    score: 20,
    nowLine: idx < 0 ? 1 : idx + 1,
    tracedLine: null,
    tracedFile: m.path === q.entryScript ? null : q.entryScript,
    tracedCode: null,
    why: `entry script (mlflow.source.name ${q.entryScript})${idx >= 0 && callRe?.test(lines[idx] ?? '') ? ', where it calls the traced code' : ''}`,
  });
  return { given: q.entryScript, found: m.path };
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
