/**
 * triage_traces' front half: flags → a typed filter → the passes over the store.
 *   1. every matching trace's info, without spans, newest first, page by page (bounded by --limit);
 *   2. spans of the failing ones and of the slow tail (span-passes.ts), at once, beside the
 *      look-back that WHAT CHANGED may need (each an mlflow process: a Python start-up of seconds);
 *      on the metrics path both span passes are one search by id, and the server locates the
 *      switch in place of the look-back (server-onset.ts), reading only the traces around it;
 *   3. what changed (changes-job.ts), then its cohorts' cost over the window on a server (cohort-cost-pass.ts).
 * On a tracking server that answers trace metrics, its figures (server-pass.ts) come in while the infos are read.
 */
import { SkillError } from '../../core/errors.js';
import { TriageAccumulator, type TriageFindings } from '../../analysis/triage/accumulator.js';
import { TRIAGE_SECTIONS } from '../../analysis/triage/registry.js';
import { ChangeAccumulator } from '../../analysis/changes/changes.js';
import { SliceAccumulator, type SampleFindings, type SliceStats, sliceBounds, sliceTraces, sumEstimates } from '../../analysis/triage/sampling.js';
import { assertByKey, cohortSampleIds, runChanges, startLookBack, type ChangesResult } from './changes-job.js';
import { SQL_STORE_PAGE, storeNamedTraces } from '../../mlflow/reads.js';
import { type Trace } from '../../trace/trace.js';
import { andFilter, buildTraceFilter } from '../../mlflow/filter.js';
import { type PageQuery, searchPages } from '../../mlflow/pages.js';
import { restSearchCount } from '../../mlflow/rest-search.js';
import { mlflowCallCount } from '../../mlflow/runner.js';
import type { ServerFigures } from '../../analysis/triage/server-figures.js';
import type { OnsetFinding } from '../../analysis/changes/change-report.js';
import { type CohortSpec, readCohortCost, sameCohorts } from './cohort-cost-pass.js';
import { readSpanPasses, SLOW_SPANS } from './span-passes.js';
import { startServerOnset } from './server-onset.js';
import { readServerFigures } from './server-pass.js';
import type { TriageArgs } from './triage-args.js';

export const TRIAGE_SUMMARY = `What is going wrong across many traces of an MLflow experiment: failures clustered by culprit span,
exception and message fingerprint (count, share, first/last seen, over-represented tag values,
per-hour/day histogram), negative verdicts by assessment with their rationale clusters, judge
failures apart, latency p50/p95/max per span (self time too) and the slow tail, token outliers.
mlflow calls: one per page of trace infos (a sqlite store answers in one; a tracking server pages 500
and answers them over REST from its search endpoint, no mlflow process), plus
the pages of spans of the failing and of the slow-tail traces, and of up to 100 OK traces that
called a failing span when no other pass read enough of them (its inputs are set beside them).

What it reads: every trace that matches the filters; with no --since, the whole experiment.
Clusters, verdicts and latency cover the newest 5,000 (--limit); older matches are sampled as 8
time slices (EARLIER IN THE WINDOW: counts and rates, estimated from the newest 500 of each slice
on a server). Every trace of the experiment in full: no --since and --limit 0 (on a server, one
mlflow call per 500 traces). --since 24h reads the last day only.

WHAT CHANGED (first, when a tag or metadata value switched in the window, e.g. a deploy): the switch
and its time, cohorts side by side (traces, error rate, negative verdicts among judged traces,
latency p50/p95, tokens, finish reasons, per-span self time, model parameters; counts behind every
rate), the span whose time grew, the parameter that changed, rationale clusters per cohort (new vs
unchanged), a last-good / first-bad pair for compare_traces. Several applications (root span names)
in one experiment are kept apart. When the whole window has one version, one bounded search looks
further back for the real onset and the last good trace. Costs 1-3 more mlflow calls.
On a tracking server that answers trace metrics: the failing and slow-tail traces of the newest 500
are read by id in one search, and when every trace read has one version the server's counts per
day, hour and minute locate where it began (first seen, the last trace without it) over every
trace; one search then reads the traces around that point (the pair and both cohorts' spans).`;

/** A store that refuses the user's --filter says so in its own words; that is a usage error. */
function asFilterError(err: unknown, a: TriageArgs): unknown {
  if (!(err instanceof SkillError) || err.kind !== 'mlflow-failed' || !a.spec.raw) return err;
  if (!/filter|Invalid (clause|entity|attribute|comparator|value|identifier|search)|pars(e|ing)|INVALID_PARAMETER_VALUE|Expected/i.test(err.message))
    return err;
  const line = err.message.replace(/^mlflow (failed \(exit \d+\)|rejected the command): /, '').replace(/^mlflow\.exceptions\.\w+: /, '');
  return new SkillError('usage', `MLflow rejected the filter: ${line}`, {
    hint:
      `Filter sent: ${a.filter}. Syntax: tag.k = 'v', metadata.\`a.b\` = 'v', trace.status = 'ERROR', trace.timestamp_ms > N, ` +
      "span.name = 'x', feedback.name = 'v'; clauses joined by AND.",
  });
}

/** A search of this triage's experiment; --source's check applies to every pass (the store's filter has no source). */
const storeQuery = (a: TriageArgs, q: Omit<PageQuery, 'experimentId' | 'keep'>): PageQuery => ({ experimentId: a.experimentId, keep: a.keep, ...q });

/** The passes over the store, in the order they run: mlflow calls are counted per pass. */
const PASSES = ['infos', 'sample', 'failingSpans', 'slowSpans', 'changes', 'okCalls'] as const;
type Pass = (typeof PASSES)[number];

export interface TriageResult {
  findings: TriageFindings;
  read: number;
  more: boolean;
  totalKnown: number | null;
  files: Record<Pass, string[]>;
  mlflowCalls: Record<Pass | 'total', number>;
  changes: ChangesResult;
  /** Beyond --limit: the older window, sampled by time slice (null when everything was read). */
  sample: SampleFindings | null;
  /** Which path answered the whole-window figures (the tracking server's metrics endpoint, or paging). */
  server: ServerFigures;
  /** Pages of trace infos a tracking server's search endpoint answered over REST (no mlflow process for them). */
  restSearches: number;
}

/** mlflow calls per pass, each counted around the pass that made them. */
function passCalls() {
  const start = mlflowCallCount();
  const calls = Object.fromEntries(PASSES.map((p) => [p, 0])) as Record<Pass, number>;
  return {
    async during<T>(pass: Pass, run: () => Promise<T>): Promise<T> {
      const before = mlflowCallCount();
      try {
        return await run();
      } finally {
        calls[pass] += mlflowCallCount() - before;
      }
    },
    /** Calls of a pass that ran beside another (its pages: one call each). */
    add(pass: Pass, n: number) {
      calls[pass] += n;
    },
    counts: (): TriageResult['mlflowCalls'] => ({ ...calls, total: mlflowCallCount() - start }),
  };
}

/** Pass 1 over every matching trace's info, newest first (with spans under --spans). */
async function readInfos(a: TriageArgs, acc: TriageAccumulator, changes: ChangeAccumulator, files: string[]) {
  const seen = { read: 0, more: false, totalKnown: null as number | null, oldestMs: null as number | null, rest: [] as Trace[] };
  try {
    for await (const page of searchPages(
      storeQuery(a, { filter: a.filter, orderBy: 'timestamp_ms DESC', includeSpans: a.allSpans, limit: a.limit ?? undefined, label: 'infos' }),
      a.cli,
    )) {
      files.push(page.file);
      for (const t of page.traces) {
        acc.addInfo(t);
        changes.addInfo(t);
        if (a.allSpans) {
          acc.addSpans(t, 'all');
          changes.addSpans(t);
        }
        const ms = t.info.requestTimeMs;
        if (ms !== null) seen.oldestMs = seen.oldestMs === null ? ms : Math.min(seen.oldestMs, ms);
      }
      Object.assign(seen, { read: seen.read + page.traces.length, more: page.more, rest: page.rest, totalKnown: page.totalKnown });
    }
  } catch (err) {
    throw asFilterError(err, a);
  }
  return seen;
}

/** Trace infos read on the metrics path without --limit: one page of a tracking server. */
export const SERVER_SAMPLE = 500;

export { SLOW_SPANS };

export async function runTriage(given: TriageArgs): Promise<TriageResult> {
  const searchesBefore = restSearchCount();
  const acc = new TriageAccumulator(TRIAGE_SECTIONS, { prices: given.prices });
  const changes = new ChangeAccumulator(given.prices);
  const files = Object.fromEntries(PASSES.map((p) => [p, []])) as unknown as TriageResult['files'];
  const calls = passCalls();
  // The server's figures come in while the traces are read: only which path answers is awaited first (its counts).
  let decided: (path: ServerFigures['path']) => void = () => {};
  const path = new Promise<ServerFigures['path']>((resolve) => {
    decided = resolve;
  });
  const figures = readServerFigures(given, acc, decided);
  figures.catch(() => undefined); // awaited before the findings: its figures go to sections no pass reads
  // On the metrics path the server counted the window: the traces read are the newest page, for examples.
  const onServer = (await Promise.race([path, figures.then((f) => f.path)])) === 'server';
  const a = onServer && !given.limitGiven ? { ...given, limit: SERVER_SAMPLE } : given;
  // The passes need only the infos and which path answers: the rest of the server's figures come in meanwhile.
  const infos = await calls.during('infos', () => readInfos(a, acc, changes, files.infos));
  const { read, more, oldestMs, rest } = infos;
  // Before any span is read: a --by key no trace has costs no further call.
  if (a.by && read) assertByKey(a.by, changes);
  // A SQL store's one page under its cap held every match: the rest is the whole older window.
  const whole = infos.totalKnown !== null && infos.totalKnown < SQL_STORE_PAGE ? rest : null;
  const sample = await calls.during('sample', async () =>
    more && oldestMs !== null && a.slices > 0 && !onServer ? await sampleOlderWindow(a, oldestMs, files.sample, whole) : null,
  );
  // When --limit cut the newest N, the span passes stay inside the same window.
  const window = more && oldestMs !== null ? `trace.timestamp_ms >= ${oldestMs}` : undefined;
  // The window's start, when bounded: --since, or the oldest trace a --limit kept.
  const windowStartMs = a.spec.sinceMs ?? (more ? oldestMs : null);
  // Passes at once, each counting its own calls (one per page fetched): the look-back the infos call for, the failing and slow spans.
  // On the metrics path the server locates a switch older than the traces read, in place of the look-back.
  const located = read && windowStartMs !== null && oldestMs !== null ? startServerOnset(a, changes, onServer, oldestMs) : null;
  located?.run.catch(() => undefined); // awaited by runChanges
  // The located switch names both cohorts: their cost over the window is asked now, beside the span reads.
  const earlyCost = located?.located.then((onset) => cohortCostAt(a, changes, onset)) ?? null;
  earlyCost?.catch(() => undefined); // awaited below, or dropped when the report split otherwise
  const early = read && !located ? startLookBack(a, changes, windowStartMs) : null;
  // On the metrics path the traces read are the window's newest page: the failing and slow ones are among them, and the cohort samples of a switch there.
  const presampled = read && onServer && !a.allSpans ? cohortSampleIds(a, changes) : null;
  let sampled = false;
  if (!a.allSpans) {
    const spanCalls = await readSpanPasses(a, acc, changes, window, files, onServer, presampled?.ids ?? []);
    calls.add('failingSpans', spanCalls.failing);
    calls.add('slowSpans', spanCalls.slow);
    sampled = spanCalls.sampled;
  }
  const changed = read ? await runChanges(a, changes, acc, windowStartMs, window, early, located && { run: located.run }, sampled ? presampled : null) : null;
  const onsetRun = located ? await located.run : null;
  calls.add('changes', (changed?.calls.lookBack ?? 0) + (changed?.calls.samples ?? 0));
  files.changes = changed?.files ?? [];
  // The cohorts' cost over the whole window (metrics requests) while the OK calls are read (an mlflow process).
  const asked = await earlyCost?.catch(() => null);
  const cohortCost =
    asked && changed && sameCohorts(asked.spec, changed.report)
      ? asked.cost
      : changed
        ? readCohortCost(a, onServer, changed.report, changed.onset)
        : Promise.resolve(null);
  cohortCost.catch(() => undefined); // awaited below: a refusal there is thrown once the OK calls are read
  if (!a.allSpans) await calls.during('okCalls', () => readOkCalls(a, acc, window, files.okCalls));
  if (changed) changed.report = { ...changed.report, cohortCost: await cohortCost };
  const server = await figures;
  server.requests += (onsetRun?.requests ?? 0) + (changed?.report.cohortCost?.requests ?? 0);
  const totalKnown = server.traces ?? infos.totalKnown;
  const findings = acc.result();
  // The traces an agent will ask about next are the ones the answer names: those are cached alone.
  storeNamedTraces(JSON.stringify([findings, changed]).match(TRACE_ID) ?? []);
  const restSearches = restSearchCount() - searchesBefore;
  return { findings, read, more, totalKnown, files, changes: changed as ChangesResult, sample, mlflowCalls: calls.counts(), server, restSearches };
}

const TRACE_ID = /tr-[0-9a-f]{32}/g;

/** The cohorts a located switch names (before the last trace without it, and with it), and their cost asked at once. */
function cohortCostAt(a: TriageArgs, changes: ChangeAccumulator, onset: OnsetFinding | null) {
  if (!onset?.lastGood) return null;
  const plan = changes.plan({ app: a.traceName });
  const spec: CohortSpec = { by: onset.key, from: onset.lastGood.value, to: onset.value, app: plan.app, applications: plan.applications };
  const cost = readCohortCost(a, true, spec, onset);
  cost.catch(() => undefined); // awaited when the report's cohorts are these
  return { spec, cost };
}
/** OK traces read per failing span whose inputs lack a comparison. */
export const OK_CALLS_SAMPLE = 100;

/**
 * The newest OK traces that called a failing span, when the passes above read too few of them
 * (no slow tail, no switch): one call per span (at most 2). A --status filter scopes the window
 * to other traces, and a --span-name filter to another span: then none is read.
 */
async function readOkCalls(a: TriageArgs, acc: TriageAccumulator, window: string | undefined, files: string[]): Promise<void> {
  if (a.spec.status) return;
  for (const [i, name] of acc.spansWantingOkCalls().entries()) {
    if (a.spec.spanName !== undefined && a.spec.spanName !== name) continue;
    const filter = andFilter(a.filter, window, buildTraceFilter({ status: 'OK', spanName: a.spec.spanName === name ? undefined : name }));
    for await (const page of searchPages(
      storeQuery(a, { filter, orderBy: 'timestamp_ms DESC', includeSpans: true, limit: OK_CALLS_SAMPLE, label: `ok-calls-${i + 1}`, deferEach: true }),
      a.cli,
    )) {
      files.push(page.file);
      for (const t of page.traces) acc.addSpans(t, 'sample');
    }
  }
}

/** The largest slice read in one page of a tracking server. */
const SLICE_CAP = 500;

/**
 * The window before the newest N, as equal time slices, each its newest ≤ 500 trace infos: one
 * call per slice, plus one for the window's start when --since does not give it. A SQL store
 * answered the first search whole (`rest`, up to 50,000): then its slices cost no call and are exact.
 */
async function sampleOlderWindow(a: TriageArgs, beforeMs: number, files: string[], whole: Trace[] | null): Promise<SampleFindings | null> {
  if (whole) return sliceTraces(whole, beforeMs, a.slices);
  const startMs = a.spec.sinceMs ?? (await oldestTraceMs(a, files));
  if (startMs === null || startMs >= beforeMs) return null;
  const cap = Math.min(SLICE_CAP, Math.max(1, Math.ceil((a.limit ?? SLICE_CAP) / a.slices)));
  const slices: SliceStats[] = [];
  for (const [i, [fromMs, toMs]] of sliceBounds(startMs, beforeMs, a.slices).entries()) {
    const acc = new SliceAccumulator();
    // The first slice starts at --since, which the filter already holds.
    const filter = andFilter(a.filter, fromMs === a.spec.sinceMs ? undefined : `trace.timestamp_ms >= ${fromMs}`, `trace.timestamp_ms < ${toMs}`);
    for await (const page of searchPages(
      storeQuery(a, { filter, orderBy: 'timestamp_ms DESC', includeSpans: false, limit: cap, label: `sample-${i + 1}` }),
      a.cli,
    )) {
      files.push(page.file);
      for (const t of page.traces) acc.add(t);
      if (page.totalKnown !== null) acc.totalKnown = page.totalKnown;
    }
    slices.push(acc.result(fromMs, toMs, cap));
  }
  return { fromMs: startMs, toMs: beforeMs, cap, slices, traces: sumEstimates(slices.map((s) => s.traces)) };
}

async function oldestTraceMs(a: TriageArgs, files: string[]): Promise<number | null> {
  for await (const page of searchPages(
    storeQuery(a, { filter: a.filter, orderBy: 'timestamp_ms ASC', includeSpans: false, limit: 1, label: 'oldest' }),
    a.cli,
  )) {
    files.push(page.file);
    return page.traces[0]?.info.requestTimeMs ?? null;
  }
  return null;
}
