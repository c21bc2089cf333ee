/**
 * triage_traces' "what changed" passes, after the info, failing and slow-tail passes:
 *   1. onset beyond the window: when no key switches inside it but a release-like key holds one
 *      value throughout a bounded window (--since, or a --limit cut), one bounded search of the
 *      traces before it (newest first, no spans) finds the last trace with another value: the
 *      real onset and the last good trace. Those traces join the comparison (not the triage).
 *   2. span samples per cohort: the newest traces before the change and the first after it
 *      (one search each, with spans, bounded), for per-span times, parameters and finish reasons;
 *      for cohorts that interleave in time (--by region), the newest of each, cut to the range both cover.
 */
import { commandFor } from '../../render/follow-up.js';
import { SkillError } from '../../core/errors.js';
import type { ChangeReport, OnsetFinding } from '../../analysis/changes/change-report.js';
import { ChangeAccumulator } from '../../analysis/changes/changes.js';
import type { TraceRecord } from '../../analysis/changes/trace-record.js';
import { COHORT_SAMPLE, cohortSearches, pickSample, timeClause } from './cohort-searches.js';

export type { OnsetFinding };
import type { TriageAccumulator } from '../../analysis/triage/accumulator.js';
import { RELEASE_KEY } from '../../analysis/changes/switches.js';
import { andFilter, buildTraceFilter, filterKey, quoteFilterValue } from '../../mlflow/filter.js';
import { type Page, type PageQuery, searchPages } from '../../mlflow/pages.js';
import type { ServerOnsetRun } from './server-onset.js';
import type { TriageArgs } from './triage-args.js';

/** Traces read before the window, at most (one page on a server). */
export const LOOK_BACK = 500;
export { COHORT_SAMPLE };

export interface ChangesResult {
  report: ChangeReport;
  onset: OnsetFinding | null;
  files: string[];
  calls: { lookBack: number; samples: number };
}

/** `--by KEY` → the key as recorded; a key no trace read has is a usage error naming the keys there are. */
export function assertByKey(by: string, changes: ChangeAccumulator): string {
  // A session id is per chat, not a cohort: the sessions have a command of their own.
  if (/^(metadata\.)?(mlflow\.trace\.)?session(\.id)?$/i.test(by))
    throw new SkillError('usage', `--by ${by}: a session id names one chat, not a cohort to compare.`, {
      hint:
        `Every chat of the window ranked by what went wrong: ${commandFor('triage_sessions', ['<EXPERIMENT>', '--since', '7d'])}; ` +
        `one chat: ${commandFor('session_transcript', ['<EXPERIMENT>', '<SESSION_ID>'])}.`,
    });
  const key = changes.resolveKey(by);
  if (key) return key;
  const keys = changes.knownKeys();
  throw new SkillError('usage', `--by ${by}: no trace read has that key.`, {
    hint: keys.length
      ? `Keys on these traces: ${keys.slice(0, 15).join(', ')}${keys.length > 15 ? ', …' : ''}.`
      : 'These traces carry no tags or metadata to split by.',
  });
}

/** `tag.app_version` + `v8` → the filter clause selecting that cohort (null: not filterable). */
export function cohortClause(key: string, value: string): string | null {
  if (value === '(unset)') return null;
  const m = /^(tag|metadata)\.(.+)$/.exec(key);
  return m ? `${filterKey(m[1] as string, m[2] as string)} = ${quoteFilterValue(value, `${key} value`)}` : null;
}

function appClause(report: ChangeReport, a: TriageArgs): string | undefined {
  if (a.traceName || report.applications.length < 2 || !report.app) return undefined;
  return `${filterKey('tag', 'mlflow.traceName')} = ${quoteFilterValue(report.app, 'trace name')}`;
}

/** The look-back's search for this plan: the first release-like key that holds one value over the window (null: none does). */
function lookBackQuery(a: TriageArgs, plan: ChangeReport, windowStartMs: number): { key: { key: string; value: string }; query: PageQuery } | null {
  const constant = plan.constantKeys.filter((k) => RELEASE_KEY.test(k.key) && cohortClause(k.key, k.value));
  const key = constant[0];
  if (!key) return null;
  const filter = andFilter(buildTraceFilter({ ...a.spec, sinceMs: undefined, untilMs: windowStartMs }), appClause(plan, a));
  return {
    key,
    query: { experimentId: a.experimentId, filter, orderBy: 'timestamp_ms DESC', keep: a.keep, includeSpans: false, limit: LOOK_BACK, label: 'look-back' },
  };
}

/** Both cohorts' span samples picked by id among the traces read, for the metrics path's one search by id. */
export interface PreSampled {
  by: string;
  from: string;
  to: string;
  ids: string[];
}

/**
 * On the metrics path, with a switch among the traces read: the traces each cohort's search would
 * return (the newest of `from`, the first of `to`), all among the infos read, by id; null when the
 * searches are still needed (--by, cohorts sampled from the same range).
 */
export function cohortSampleIds(a: TriageArgs, changes: ChangeAccumulator): PreSampled | null {
  if (a.by) return null;
  const plan = changes.plan({ app: a.traceName });
  const by = plan.by;
  if (!by || !plan.from || !plan.to || plan.sampling !== 'either side') return null;
  const app = appClause(plan, a) ? plan.app : undefined;
  const recs = changes.records.filter((r) => app === undefined || r.app === app);
  const keyValue = (r: TraceRecord) => changes.valueOf(r, by);
  const ids = cohortSearches(plan).flatMap((c) => (cohortClause(by, c.value) ? pickSample(c, recs, keyValue) : []).map((r) => r.id));
  return { by, from: plan.from, to: plan.to, ids };
}

/** A look-back started early, its pages held until runChanges knows whether its plan still wants it. */
export interface EarlyLookBack {
  filter: string | undefined;
  pages: Promise<Page[]>;
  /** mlflow processes it ran (counted as what changed's, used or not). */
  calls: () => number;
}

/**
 * The look-back as the trace infos alone call for it, started at once so its mlflow process runs
 * beside the span passes' (each a Python start-up of seconds). Spans read later can still find a
 * switch of a span parameter: then runChanges leaves it unused.
 */
export function startLookBack(a: TriageArgs, changes: ChangeAccumulator, windowStartMs: number | null): EarlyLookBack | null {
  if (a.by || windowStartMs === null) return null;
  const plan = changes.plan({ app: a.traceName });
  const q = plan.switches.length ? null : lookBackQuery(a, plan, windowStartMs);
  if (!q) return null;
  let calls = 0;
  const pages = (async () => {
    const all: Page[] = [];
    for await (const page of searchPages(q.query, a.cli)) {
      if (page.fetched) calls += 1;
      all.push(page);
    }
    return all;
  })();
  pages.catch(() => undefined); // awaited only if used: an unused one's failure is no failure of the triage
  return { filter: q.query.filter, pages, calls: () => calls };
}

async function lookBack(
  a: TriageArgs,
  changes: ChangeAccumulator,
  plan: ChangeReport,
  windowStartMs: number,
  files: string[],
  early: EarlyLookBack | null,
  fetched: () => void,
): Promise<OnsetFinding | null> {
  const q = lookBackQuery(a, plan, windowStartMs);
  if (!q) return null;
  const { key, query } = q;
  let read = 0;
  let cut = false;
  let newestSame: { id: string; t: number } | null = null;
  let lastGood: OnsetFinding['lastGood'] = null;
  const pages: AsyncIterable<Page> | Page[] = early && early.filter === query.filter ? await early.pages : searchPages(query, a.cli);
  for await (const page of pages) {
    files.push(page.file);
    // The early one's calls are counted once it is done, used or not.
    if (page.fetched && !Array.isArray(pages)) fetched();
    cut = page.more;
    for (const t of page.traces) {
      read += 1;
      changes.addInfo(t);
      if (lastGood) continue;
      const v = t.info.tags[key.key.replace(/^tag\./, '')] ?? t.info.metadata[key.key.replace(/^metadata\./, '')];
      const time = t.info.requestTimeMs ?? 0;
      if (v === key.value) newestSame = { id: t.info.traceId, t: time };
      else if (v !== undefined) lastGood = { traceId: t.info.traceId, time: new Date(time).toISOString(), value: v };
    }
  }
  const onset = newestSame ?? null;
  return {
    key: key.key,
    value: key.value,
    read,
    cut: cut && !lastGood,
    lastGood,
    // Pages come newest first: the last same-valued trace seen before the change is the onset.
    onset: onset ? { traceId: onset.id, time: new Date(onset.t).toISOString() } : null,
    windowStart: new Date(windowStartMs).toISOString(),
  };
}

/** The traces read around a switch the server located: to what changed (newest first, as the infos) and as samples to the sections. */
function feedAround(pages: readonly Page[], changes: ChangeAccumulator, acc: TriageAccumulator, files: string[]): boolean {
  const traces = pages.flatMap((p) => p.traces).reverse();
  for (const page of pages) files.push(page.file);
  for (const t of traces) {
    changes.addInfo(t);
    changes.addSpans(t);
    acc.addSpans(t, 'sample');
  }
  return traces.length > 0;
}

/**
 * The newest same-valued trace seen is overwritten as pages go back in time, so at the end it
 * holds the oldest one before the change: the onset.
 */
export async function runChanges(
  a: TriageArgs,
  changes: ChangeAccumulator,
  acc: TriageAccumulator,
  windowStartMs: number | null,
  window: string | undefined,
  early: EarlyLookBack | null = null,
  server: { run: Promise<ServerOnsetRun> } | null = null,
  presampled: PreSampled | null = null,
): Promise<ChangesResult> {
  const files: string[] = [];
  const calls = { lookBack: 0, samples: 0 };
  const by = a.by ? assertByKey(a.by, changes) : undefined;
  // The plan picks the cohorts to sample; the report's statistics wait for the samples.
  let plan = changes.plan({ by, app: a.traceName });
  let onset: OnsetFinding | null = null;
  // The server located the switch and read the traces around it: those are both cohorts' samples.
  let sampledAround = false;
  if (!plan.switches.length && !by && windowStartMs !== null) {
    const located = await server?.run;
    if (located && 'onset' in located) {
      onset = located.onset;
      calls.lookBack += located.calls;
      sampledAround = feedAround(located.pages, changes, acc, files);
    } else {
      onset = await lookBack(a, changes, plan, windowStartMs, files, early, () => {
        calls.lookBack += 1;
      });
      if (onset && located) onset.declined = located.declined;
    }
    if (onset?.lastGood) plan = changes.plan({ app: a.traceName });
  }
  // Read already by id beside the failing and slow traces, when the plan is still the one they were picked for.
  const readById = !onset && presampled?.by === plan.by && presampled?.from === plan.from && presampled?.to === plan.to;
  if (plan.by && plan.from && plan.to && !sampledAround && !readById) {
    for (const c of cohortSearches(plan)) {
      const clause = cohortClause(plan.by, c.value);
      if (!clause) continue;
      // The look-back's cohort lies before the window: its sample is not bound by it.
      const inWindow = onset?.lastGood && c.value !== onset.value ? undefined : window;
      const since = onset?.lastGood && c.value !== onset.value ? undefined : a.spec.sinceMs;
      const filter = andFilter(buildTraceFilter({ ...a.spec, sinceMs: since }), inWindow, timeClause(c), clause, appClause(plan, a));
      for await (const page of searchPages(
        { experimentId: a.experimentId, filter, orderBy: c.order, keep: a.keep, includeSpans: true, limit: c.limit, label: c.label, deferEach: true },
        a.cli,
      )) {
        files.push(page.file);
        if (page.fetched) calls.samples += 1;
        for (const t of page.traces) {
          changes.addSpans(t);
          acc.addSpans(t, 'sample');
        }
      }
    }
  }
  // An early look-back is done before the report, used or not: its mlflow call is what changed's.
  if (early) calls.lookBack += await early.pages.then(early.calls, early.calls);
  // A look-back that found no other value adds traces but no cohort: the plan is the report (as before it).
  const report = onset && !onset.lastGood ? plan : changes.report({ by, app: a.traceName });
  return { report, onset, files, calls };
}
