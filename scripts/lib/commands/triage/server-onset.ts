/**
 * WHAT CHANGED's onset on the metrics path, in place of the look-back: when every trace read holds
 * one value of a release-like key, the tracking server counts the traces with it per day against
 * all traces (two requests), then per hour and per minute inside the day it first appeared and the
 * day a trace last went without it (a few more). Then the infos right around that last one (a REST
 * page: the last good / first bad pair, so `located` names both cohorts while their spans are read)
 * and their spans by id, both cohorts' span samples in one mlflow process. Anything the server
 * declines leaves the look-back to answer, and says why.
 */
import type { OnsetFinding } from '../../analysis/changes/change-report.js';
import type { ChangeAccumulator } from '../../analysis/changes/changes.js';
import { cohortMetricsFilter } from '../../analysis/changes/cohort-window-cost.js';
import {
  type Bucket,
  bucketsOf,
  countQuery,
  finer,
  firstWith,
  LEVELS_S,
  lastOther,
  readFrom,
  pairAround,
  type Range,
  rangeOfBucket,
  SMALL_BUCKET,
} from '../../analysis/changes/switch-buckets.js';
import { RELEASE_KEY } from '../../analysis/changes/switches.js';
import { metricsScope, OPEN_END_MS } from '../../analysis/triage/server-figures.js';
import { andFilter, buildTraceFilter, filterKey, quoteFilterValue, traceIdsFilter } from '../../mlflow/filter.js';
import { type DataPoint, type MetricsQuery, queryMetrics } from '../../mlflow/metrics.js';
import { type Page, searchPages } from '../../mlflow/pages.js';
import type { Trace } from '../../trace/trace.js';
import type { TriageArgs } from './triage-args.js';

/** Traces read around the switch, at most: both cohorts' span samples (about changes-job's COHORT_SAMPLE each). */
export const PAIR_READ = 200;

export type ServerOnsetRun = { onset: OnsetFinding; pages: Page[]; calls: number; requests: number } | { declined: string; requests: number };

type Send = (q: MetricsQuery) => Promise<DataPoint[]>;
class Declined extends Error {}

const keyValue = (t: Trace, key: string) =>
  key.startsWith('tag.') ? t.info.tags[key.slice(4)] : key.startsWith('metadata.') ? t.info.metadata[key.slice(9)] : undefined;

/** The key to locate: the first release-like one holding one value over every trace read that the endpoint can filter by. */
function keyToLocate(changes: ChangeAccumulator, a: TriageArgs) {
  const plan = changes.plan({ app: a.traceName });
  if (plan.switches.length) return null;
  for (const k of plan.constantKeys) {
    if (!RELEASE_KEY.test(k.key)) continue;
    const f = cohortMetricsFilter(k.key, k.value);
    if ('filter' in f) return { key: k.key, value: k.value, filter: f.filter, app: plan.applications.length > 1 && !a.traceName ? plan.app : null };
  }
  return null;
}

/** First seen: narrowed with the value's counts alone, one request per finer level. */
async function narrowFirst(send: Send, exp: string, filters: string[], b: Bucket | null, range: Range): Promise<Bucket | null> {
  let at = b;
  for (let size = at ? finer(at.sizeS) : null; at && size; size = finer(size)) {
    const r = rangeOfBucket(at, range);
    at = firstWith(bucketsOf(null, await send(countQuery(exp, filters, r, size)), r, size)) ?? at;
  }
  return at;
}

/** The last bucket holding another value: narrowed until it holds few traces, two requests per level. */
async function narrowLast(send: Send, exp: string, scope: string[], valueFilters: string[], days: Bucket[], range: Range) {
  let at = lastOther(days);
  let level = days;
  for (let size = at ? finer(at.sizeS) : null; at && size && at.all > SMALL_BUCKET; size = finer(size)) {
    const r = rangeOfBucket(at, range);
    const [all, value] = await Promise.all([send(countQuery(exp, scope, r, size)), send(countQuery(exp, valueFilters, r, size))]);
    const buckets = bucketsOf(all, value, r, size);
    const found = lastOther(buckets);
    if (!found) break;
    [at, level] = [found, buckets];
  }
  // Half the read before the switch: back over the buckets beside the last one.
  return at ? { last: at, fromMs: readFrom(level, at, PAIR_READ / 2) } : null;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Locates the switch on the server and reads the traces around it; null when it does not apply
 * (--by, a switch among the traces read, no release-like key the endpoint can filter, not the metrics path).
 */
export function startServerOnset(
  a: TriageArgs,
  changes: ChangeAccumulator,
  onServer: boolean,
  readOldestMs: number,
): { run: Promise<ServerOnsetRun>; located: Promise<OnsetFinding | null> } | null {
  if (a.by || !onServer) return null;
  const scope = metricsScope(a.spec);
  const k = 'filters' in scope ? keyToLocate(changes, a) : null;
  if (!k || !('filters' in scope)) return null;
  if (k.app?.includes('"')) return null;
  const filters = [...scope.filters, ...(k.app ? [`trace.tag.mlflow.traceName = "${k.app}"`] : [])];
  // Before the window too, as the look-back: a version older than --since began before it.
  const range: Range = { startMs: 0, endMs: scope.endMs };
  let requests = 0;
  const send: Send = async (q) => {
    const answer = await queryMetrics(q, { timeoutMs: a.cli.timeoutMs });
    requests += answer.requests;
    if ('refused' in answer) throw new Declined(answer.refused);
    return answer.points;
  };
  const run = async (): Promise<ServerOnsetRun> => {
    const withValue = [...filters, k.filter];
    const size = LEVELS_S[0];
    const [all, value] = await Promise.all([send(countQuery(a.experimentId, filters, range, size)), send(countQuery(a.experimentId, withValue, range, size))]);
    const days = bucketsOf(all, value, range, size);
    const [first, located] = await Promise.all([
      narrowFirst(send, a.experimentId, withValue, firstWith(days), range),
      narrowLast(send, a.experimentId, filters, withValue, days, range),
    ]);
    const last = located?.last ?? null;
    const counted = { traces: days.reduce((n, b) => n + b.all, 0), withValue: days.reduce((n, b) => n + b.value, 0) };
    // The infos around it first (a REST page on a server): the pair and the cohorts are known from them.
    const infos: Trace[] = [];
    if (located && last && last.startMs < readOldestMs) {
      const app = k.app ? `${filterKey('tag', 'mlflow.traceName')} = ${quoteFilterValue(k.app, 'trace name')}` : undefined;
      const filter = andFilter(buildTraceFilter({ ...a.spec, sinceMs: located.fromMs, untilMs: readOldestMs }), app);
      const q = {
        experimentId: a.experimentId,
        filter,
        orderBy: 'timestamp_ms ASC',
        keep: a.keep,
        includeSpans: false,
        limit: PAIR_READ,
        label: 'switch-pair',
      };
      for await (const page of searchPages(q, a.cli)) infos.push(...page.traces);
    }
    const around = infos.map((t) => ({ id: t.info.traceId, t: t.info.requestTimeMs ?? 0, value: keyValue(t, k.key) }));
    const pair = pairAround(around, k.value);
    const onset: OnsetFinding = {
      key: k.key,
      value: k.value,
      read: around.length,
      cut: false,
      lastGood: pair.lastGood?.value !== undefined ? { traceId: pair.lastGood.id, time: iso(pair.lastGood.t), value: pair.lastGood.value } : null,
      onset: pair.onset ? { traceId: pair.onset.id, time: iso(pair.onset.t) } : null,
      windowStart: iso(readOldestMs),
      server: {
        ...counted,
        to: scope.endMs < OPEN_END_MS ? iso(scope.endMs) : null,
        firstSeen: first ? { at: iso(first.startMs), sizeS: first.sizeS } : null,
        lastOther: last ? { at: iso(last.startMs), sizeS: last.sizeS, traces: last.all - last.value } : null,
        requests,
      },
    };
    located$(onset);
    // Then their spans, by id: one mlflow process (both cohorts' span samples).
    const { pages, calls } = await spansOf(a, infos);
    return { onset, pages, calls, requests };
  };
  let located$: (onset: OnsetFinding | null) => void = () => {};
  const locatedOnset = new Promise<OnsetFinding | null>((ok) => {
    located$ = ok;
  });
  const whole = run().catch((err: unknown) => {
    if (err instanceof Declined) return { declined: err.message, requests };
    throw err;
  });
  // Settled at the latest with the run: a declined or failed run located nothing.
  whole.then(
    () => located$(null),
    () => located$(null),
  );
  return { run: whole, located: locatedOnset };
}

/** The traces around the switch with their spans: one search by id (deferred caching, as the other span passes). */
async function spansOf(a: TriageArgs, infos: readonly Trace[]): Promise<{ pages: Page[]; calls: number }> {
  const ids = infos.map((t) => t.info.traceId);
  const filter = traceIdsFilter(ids);
  if (!filter) return { pages: [], calls: 0 };
  const q = { experimentId: a.experimentId, filter, orderBy: 'timestamp_ms ASC', keep: a.keep, includeSpans: true, limit: ids.length, label: 'switch-pair' };
  const pages: Page[] = [];
  let calls = 0;
  for await (const page of searchPages({ ...q, deferEach: true }, a.cli)) {
    if (page.fetched) calls += 1;
    pages.push(page);
  }
  return { pages, calls };
}
