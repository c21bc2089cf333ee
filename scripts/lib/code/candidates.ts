/** What locate_code looks for (the query from the trace) and what it found: candidate places, one per path and line, ranked. */
import type { Frame } from './frames.js';

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

/** The candidates found so far, one per place (path and line): a second reason joins the first. */
export class Candidates {
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
