/** Steps 2–4 of locate: among the lines a search hit, the definitions of the functions behind the spans and the span names given to tracing calls. */
import type { Candidates, LocateQuery } from './candidates.js';
import { definitionOn, enclosingClass, langOf, spanNameLiteralAt, type Lang } from './definitions.js';
import type { GrepHit } from './git.js';
import { readLines } from './source-lines.js';
import { SKIPPED_DIRS } from './walk.js';

const SKIPPED = new Set(SKIPPED_DIRS);
/** What one search for every name reads and finds: the lines read, and the hits kept per name. */
export class HitClassifier {
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
