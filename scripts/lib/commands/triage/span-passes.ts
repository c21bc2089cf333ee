/**
 * triage_traces' span passes after the trace infos: the spans of the failing traces (one search
 * filtered to ERROR, paged, bounded), which name each failure's culprit span and exception, and of
 * the slow tail (one search filtered to execution time ≥ its threshold), for where its time goes.
 * A paged search beats per-trace gets: ⌈F/500⌉ calls for F failing traces instead of F.
 */
import type { TriageAccumulator } from '../../analysis/triage/accumulator.js';
import type { ChangeAccumulator } from '../../analysis/changes/changes.js';
import { andFilter, traceIdsFilter } from '../../mlflow/filter.js';
import { type Page, type PageQuery, searchPages } from '../../mlflow/pages.js';
import type { Trace } from '../../trace/trace.js';
import type { TriageArgs } from './triage-args.js';

/** Slow-tail traces whose spans are read, at most. */
export const SLOW_SPANS = 200;

/** A search of this triage's experiment; --source's check applies to every pass (the store's filter has no source). */
const storeQuery = (a: TriageArgs, q: Omit<PageQuery, 'experimentId' | 'keep'>): PageQuery => ({ experimentId: a.experimentId, keep: a.keep, ...q });

/** The search for the spans of the newest failing traces (at most --max-failing), in the same window; null when none failed. */
function failingSpansQuery(a: TriageArgs, acc: TriageAccumulator, window: string | undefined): PageQuery | null {
  const failing = acc.failingIdsNewestFirst();
  if (!failing.length) return null;
  const bound = Math.min(failing.length, a.maxFailing);
  // Bounded by time rather than by id: the bound-th newest failing trace's time.
  const fromMs = failing.length > bound ? (failing[bound - 1]?.t ?? null) : null;
  // With --status ERROR the filter already says so.
  const errorOnly = a.spec.status === 'ERROR' ? undefined : "trace.status = 'ERROR'";
  const filter = andFilter(a.filter, window, errorOnly, fromMs !== null ? `trace.timestamp_ms >= ${fromMs}` : undefined);
  return storeQuery(a, { filter, orderBy: 'timestamp_ms DESC', includeSpans: true, limit: bound, label: 'failing-spans', deferEach: true });
}

/** The search for the spans of the slow tail (the slowest 200 at or over its threshold), in the same window; null without a tail. */
function slowSpansQuery(a: TriageArgs, acc: TriageAccumulator, window: string | undefined): PageQuery | null {
  const threshold = acc.slowThresholdMs();
  if (threshold === null) return null;
  const filter = andFilter(a.filter, window, `trace.execution_time_ms >= ${Math.floor(threshold)}`);
  return storeQuery(a, { filter, orderBy: 'execution_time_ms DESC', includeSpans: true, limit: SLOW_SPANS, label: 'slow-spans', deferEach: true });
}

/** A tracking server's page: one search by id holds at most this many traces. */
const SERVER_PAGE = 500;

/**
 * On the metrics path every failing and slow trace of the window is among the infos read (its
 * newest page), and so are WHAT CHANGED's cohort samples when the switch is: all by id in one
 * search, one mlflow process instead of up to four.
 * Null when there are too many for one page, or none.
 */
function byIdsQuery(a: TriageArgs, acc: TriageAccumulator, samples: readonly string[]) {
  const failing = acc
    .failingIdsNewestFirst()
    .slice(0, a.maxFailing)
    .map((f) => f.id);
  const slow = acc.slowIds(SLOW_SPANS);
  const ids = [...new Set([...failing, ...slow, ...samples])];
  const filter = ids.length > SERVER_PAGE ? null : traceIdsFilter(ids);
  if (!filter) return null;
  const query = storeQuery(a, { filter, orderBy: 'timestamp_ms DESC', includeSpans: true, limit: ids.length, label: 'failing-slow-spans', deferEach: true });
  return { query, failing, slow, samples };
}

/** The one search by id, fed as the two passes would be: the failing traces newest first, then the slow tail slowest first. */
async function readByIds(a: TriageArgs, q: NonNullable<ReturnType<typeof byIdsQuery>>, acc: TriageAccumulator, changes: ChangeAccumulator, files: string[]) {
  const byId = new Map<string, Trace>();
  let calls = 0;
  for await (const page of searchPages(q.query, a.cli)) {
    if (page.fetched) calls += 1;
    files.push(page.file);
    for (const t of page.traces) byId.set(t.info.traceId, t);
  }
  for (const [ids, pass] of [
    [q.failing, 'failing'],
    [q.slow, 'slow'],
    [q.samples, 'sample'],
  ] as const)
    for (const id of ids) {
      const t = byId.get(id);
      if (!t) continue;
      acc.addSpans(t, pass);
      changes.addSpans(t);
    }
  return calls;
}

/**
 * The failing and the slow-tail span passes (both need only the infos): their mlflow processes
 * run at once, each a Python start-up of seconds, while their pages are fed in the order they
 * always were (failing first), so every finding is the same. The slow pages wait in memory (≤ 200 traces).
 */
export async function readSpanPasses(
  a: TriageArgs,
  acc: TriageAccumulator,
  changes: ChangeAccumulator,
  window: string | undefined,
  files: { failingSpans: string[]; slowSpans: string[] },
  serverPage = false,
  samples: readonly string[] = [],
) {
  const byIds = serverPage ? byIdsQuery(a, acc, samples) : null;
  if (byIds) return { failing: await readByIds(a, byIds, acc, changes, files.failingSpans), slow: 0, sampled: samples.length > 0 };
  const failing = failingSpansQuery(a, acc, window);
  const slow = slowSpansQuery(a, acc, window);
  const slowPages: Page[] = [];
  const [fed, read] = await Promise.allSettled([
    failing ? feedSpans(a, failing, 'failing', acc, changes, files.failingSpans) : Promise.resolve(0),
    (async () => {
      if (slow) for await (const page of searchPages(slow, a.cli)) slowPages.push(page);
    })(),
  ]);
  if (fed.status === 'rejected') throw fed.reason;
  if (read.status === 'rejected') throw read.reason;
  return { failing: fed.value, slow: feedPages(slowPages, 'slow', acc, changes, files.slowSpans), sampled: false };
}

/** One span pass: each page's traces to the triage sections and to what changed. Returns its mlflow calls. */
async function feedSpans(a: TriageArgs, query: PageQuery, pass: 'failing' | 'slow', acc: TriageAccumulator, changes: ChangeAccumulator, files: string[]) {
  let calls = 0;
  for await (const page of searchPages(query, a.cli)) calls += feedPages([page], pass, acc, changes, files);
  return calls;
}

/** Pages to the sections and to what changed; returns how many cost an mlflow call. */
function feedPages(pages: readonly Page[], pass: 'failing' | 'slow', acc: TriageAccumulator, changes: ChangeAccumulator, files: string[]): number {
  let calls = 0;
  for (const page of pages) {
    if (page.fetched) calls += 1;
    files.push(page.file);
    for (const t of page.traces) {
      acc.addSpans(t, pass);
      changes.addSpans(t);
    }
  }
  return calls;
}
