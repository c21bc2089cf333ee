/**
 * triage_traces' front half: flags → a typed filter → the passes over the store.
 *   1. every matching trace's info, without spans, newest first, page by page (bounded by --limit);
 *   2. spans of the failing ones only (one more search filtered to ERROR, paged, bounded), which
 *      name each failure's culprit span and exception;
 *   3. spans of the slow tail (one search filtered to execution time ≥ p95), for where its time goes.
 * A paged search beats per-trace gets: ⌈F/500⌉ calls for F failing traces instead of F.
 */
import type { ArgDef } from '../../cli/help.js';
import { count, flag, grouped, list, type OptionValues, text, whole } from '../../cli/options.js';
import { prepareOutDir } from '../../cli/out-dir.js';
import { EXPERIMENT_ARG } from '../experiment-arg.js';
import { SkillError, shown } from '../../core/errors.js';
import { TriageAccumulator, type TriageFindings } from '../../analysis/triage/clusters.js';
import { ChangeAccumulator } from '../../analysis/changes/cohorts.js';
import { SliceAccumulator, type SampleFindings, type SliceStats, sliceBounds, sliceTraces, sumEstimates } from '../../analysis/triage/sampling.js';
import { assertByKey, runChanges, type ChangesResult } from './changes-job.js';
import { SQL_STORE_PAGE, searchTraces, storeNamedTraces, type CliOptions } from '../../mlflow/reads.js';
import { parseSearch, type Trace } from '../../trace/trace.js';
import { andFilter, buildTraceFilter, parseTimeArg, type TraceFilterSpec, type TraceStatus } from '../../mlflow/filter.js';
import { searchPages } from '../../mlflow/pages.js';
import { mlflowCallCount } from '../../mlflow/runner.js';
import { commandFor } from '../../render/follow-up.js';

export const TRIAGE_SUMMARY = `What is going wrong across many traces of an MLflow experiment: failures clustered by culprit span,
exception and message fingerprint (count, share, first/last seen, over-represented tag values,
per-hour/day histogram), negative verdicts by assessment with their rationale clusters, judge
failures apart, latency p50/p95/max per span (self time too) and the slow tail, token outliers.
mlflow calls: one per page of trace infos (a server pages 500; a sqlite store answers in one), plus
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
further back for the real onset and the last good trace. Costs 1-3 more mlflow calls.`;

export const TRIAGE_ARGS: ArgDef[] = [EXPERIMENT_ARG];

/** Filters are ANDed and pushed to the store with one quoting rule (mlflow/filter.ts). */
export const TRIAGE_OPTIONS = {
  ...grouped('Filters (ANDed, pushed to the store, values quoted safely)', {
    since: text('24h|7d|30m|2w|DATE', 'traces at or after (DATE: 2026-11-20 or 2026-11-20T09:00Z; UTC)'),
    until: text('DUR|DATE', 'traces before'),
    status: text('OK|ERROR|IN_PROGRESS', 'traces in that state'),
    user: text('ID', 'metadata mlflow.trace.user'),
    session: text('ID', 'metadata mlflow.trace.session'),
    tag: list('K=V', 'a trace tag'),
    metadata: list('K=V', 'a trace metadata entry'),
    spanName: text('NAME', 'traces with a span of that name'),
    minMs: text('N', 'execution time at least N ms'),
    feedback: list('NAME=V', 'traces with that feedback value'),
    traceName: text('NAME', 'one application: traces whose root span is NAME (tag mlflow.traceName)'),
    filter: text("'F'", 'your own MLflow filter string, ANDed to the above'),
  }),
  limit: text('N', 'read the newest N matching traces (default 5000; 0 for all)'),
  slices: whole(
    'N',
    'beyond --limit, sample the older window as N equal time slices of up to 500 traces each, counts estimated (default 8; 0: the newest only)',
    8,
  ),
  maxFailing: count('N', 'read the spans of at most N failing traces (default 1000; the rest are counted)', 1_000),
  spans: flag("read every trace's spans (per-span latency over all traces; more data)"),
  by: text('KEY', 'cohorts by this tag / metadata key (app_version, tag.x, metadata.y); default: the switch found'),
};

/** What triage_traces is given, parsed and typed. */
export type TriageInput = OptionValues<typeof TRIAGE_OPTIONS> & {
  experimentId: string | undefined;
  outDir: string | undefined;
  timeout: number;
  fresh: boolean;
  maxChars: number;
};

const pair = (flag: string, v: string): [string, string] => {
  const at = v.indexOf('=');
  if (at <= 0) throw new SkillError('usage', `--${flag} takes KEY=VALUE, not ${shown(v)}.`, { hint: `e.g. --${flag} model=gpt-4o.` });
  return [v.slice(0, at), v.slice(at + 1)];
};

export interface TriageArgs {
  experimentId: string;
  spec: TraceFilterSpec;
  filter: string;
  limit: number | null;
  maxFailing: number;
  /** Beyond --limit: how many time slices of the older window to sample (0: none). */
  slices: number;
  allSpans: boolean;
  cli: CliOptions;
  maxChars: number;
  /** This run's arguments, for follow-up commands (--limit 0 etc.). */
  argv: string[];
  /** --by KEY: the cohort key (default: the switch found); --trace-name: one application. */
  by?: string;
  traceName?: string;
}

export function triageArgs(input: TriageInput, argv: readonly string[], nowMs = Date.now()): TriageArgs {
  const experimentId = input.experimentId;
  if (!experimentId)
    throw new SkillError('usage', 'An experiment is required.', {
      hint: 'Pass its id or name first, or as --experiment-id, or set MLFLOW_EXPERIMENT_ID / MLFLOW_EXPERIMENT_NAME; list them with `mlflow experiments search`.',
    });

  const since = input.since;
  const until = input.until;
  const sinceMs = since === undefined ? undefined : parseTimeArg(since, '--since', nowMs);
  const untilMs = until === undefined ? undefined : parseTimeArg(until, '--until', nowMs);
  if (sinceMs !== undefined && untilMs !== undefined && untilMs <= sinceMs) {
    throw new SkillError('usage', `--until ${until} is not after --since ${since} (${new Date(untilMs).toISOString()} ≤ ${new Date(sinceMs).toISOString()}).`);
  }
  const status = input.status?.toUpperCase();
  if (status !== undefined && !['OK', 'ERROR', 'IN_PROGRESS'].includes(status))
    throw new SkillError('usage', `--status takes OK, ERROR or IN_PROGRESS, not ${shown(status)}.`, { hint: 'e.g. --status ERROR.' });
  const minMs = input.minMs;
  if (minMs !== undefined && !/^\d+$/.test(minMs))
    throw new SkillError('usage', `--min-ms takes a whole number of milliseconds, not ${shown(minMs)}.`, { hint: 'e.g. --min-ms 2000.' });
  const limitRaw = input.limit;
  if (limitRaw !== undefined && !/^\d+$/.test(limitRaw))
    throw new SkillError('usage', `--limit takes a whole number (0 for all), not ${shown(limitRaw)}.`, {
      hint: 'e.g. --limit 500, or --limit 0 for every trace in the window.',
    });
  const limit = limitRaw === undefined ? 5_000 : Number(limitRaw) === 0 ? null : Number(limitRaw);

  const spec: TraceFilterSpec = {
    sinceMs,
    untilMs,
    status: status as TraceStatus | undefined,
    minExecutionMs: minMs === undefined ? undefined : Number(minMs),
    tags: input.tag.map((v) => pair('tag', v)),
    metadata: input.metadata.map((v) => pair('metadata', v)),
    feedback: input.feedback.map((v) => pair('feedback', v)),
    user: input.user,
    session: input.session,
    spanName: input.spanName,
    traceName: input.traceName,
    raw: input.filter,
  };
  // Built (and so checked for unquotable values) before any mlflow process starts.
  const filter = buildTraceFilter(spec);
  return {
    experimentId,
    spec,
    filter,
    limit,
    maxFailing: input.maxFailing,
    slices: input.slices,
    allSpans: input.spans,
    cli: { dir: prepareOutDir(input.outDir), timeoutMs: input.timeout * 1000, fresh: input.fresh },
    maxChars: input.maxChars,
    argv: [...argv],
    by: input.by,
    traceName: input.traceName,
  };
}

/** A store that refuses the user's --filter says so in its own words; that is a usage error. */
function asFilterError(err: unknown, a: TriageArgs): unknown {
  if (!(err instanceof SkillError) || err.kind !== 'mlflow-failed' || !a.spec.raw) return err;
  if (!/filter|Invalid (clause|entity|attribute|comparator|value|identifier|search)|pars(e|ing)|INVALID_PARAMETER_VALUE|Expected/i.test(err.message))
    return err;
  const line = err.message.replace(/^mlflow (failed \(exit \d+\)|rejected the command): /, '').replace(/^mlflow\.exceptions\.\w+: /, '');
  return new SkillError('usage', `MLflow rejected the filter: ${line}`, {
    hint: `Filter sent: ${a.filter}. Syntax: tag.k = 'v', metadata.\`a.b\` = 'v', trace.status = 'ERROR', trace.timestamp_ms > N, span.name = 'x', feedback.name = 'v'; clauses joined by AND.`,
  });
}

export interface TriageResult {
  findings: TriageFindings;
  read: number;
  more: boolean;
  totalKnown: number | null;
  files: { infos: string[]; sample: string[]; failingSpans: string[]; slowSpans: string[]; changes: string[]; okCalls: string[] };
  mlflowCalls: { infos: number; sample: number; failingSpans: number; slowSpans: number; changes: number; okCalls: number; total: number };
  changes: ChangesResult;
  /** Beyond --limit: the older window, sampled by time slice (null when everything was read). */
  sample: SampleFindings | null;
}

export async function runTriage(a: TriageArgs): Promise<TriageResult> {
  const acc = new TriageAccumulator();
  const changes = new ChangeAccumulator();
  const files: TriageResult['files'] = { infos: [], sample: [], failingSpans: [], slowSpans: [], changes: [], okCalls: [] };
  let read = 0;
  let more = false;
  let totalKnown: number | null = null;
  let oldestMs: number | null = null;
  let rest: Trace[] = [];
  const calls0 = mlflowCallCount();
  try {
    for await (const page of searchPages(
      { experimentId: a.experimentId, filter: a.filter, orderBy: 'timestamp_ms DESC', includeSpans: a.allSpans, limit: a.limit ?? undefined, label: 'infos' },
      a.cli,
    )) {
      files.infos.push(page.file);
      for (const t of page.traces) {
        acc.addInfo(t);
        changes.addInfo(t);
        if (a.allSpans) {
          acc.addSpans(t, 'all');
          changes.addSpans(t);
        }
        if (t.info.requestTimeMs !== null) oldestMs = oldestMs === null ? t.info.requestTimeMs : Math.min(oldestMs, t.info.requestTimeMs);
      }
      read += page.traces.length;
      more = page.more;
      rest = page.rest;
      totalKnown = page.totalKnown;
    }
  } catch (err) {
    throw asFilterError(err, a);
  }
  const calls0b = mlflowCallCount();
  // Before any span is read: a --by key no trace has costs no further call.
  if (a.by && read) assertByKey(a.by, changes);
  // A SQL store's one page under its cap held every match: the rest is the whole older window.
  const whole = totalKnown !== null && totalKnown < SQL_STORE_PAGE ? rest : null;
  const sample = more && oldestMs !== null && a.slices > 0 ? await sampleOlderWindow(a, oldestMs, files.sample, whole) : null;
  const calls1 = mlflowCallCount();
  // When --limit cut the newest N, the span passes stay inside the same window.
  const window = more && oldestMs !== null ? `trace.timestamp_ms >= ${oldestMs}` : undefined;

  if (!a.allSpans) {
    const failing = acc.failingIdsNewestFirst();
    if (failing.length) {
      const bound = Math.min(failing.length, a.maxFailing);
      // Bounded by time rather than by id: the bound-th newest failing trace's time.
      const fromMs = failing.length > bound ? (failing[bound - 1]?.t ?? null) : null;
      // With --status ERROR the filter already says so.
      const errorOnly = a.spec.status === 'ERROR' ? undefined : "trace.status = 'ERROR'";
      const filter = andFilter(a.filter, window, errorOnly, fromMs !== null ? `trace.timestamp_ms >= ${fromMs}` : undefined);
      for await (const page of searchPages(
        { experimentId: a.experimentId, filter, orderBy: 'timestamp_ms DESC', includeSpans: true, limit: bound, label: 'failing-spans', deferEach: true },
        a.cli,
      )) {
        files.failingSpans.push(page.file);
        for (const t of page.traces) {
          acc.addSpans(t, 'failing');
          changes.addSpans(t);
        }
      }
    }
  }
  const calls2 = mlflowCallCount();
  const threshold = acc.slowThresholdMs();
  if (!a.allSpans && threshold !== null) {
    const filter = andFilter(a.filter, window, `trace.execution_time_ms >= ${Math.floor(threshold)}`);
    for await (const page of searchPages(
      { experimentId: a.experimentId, filter, orderBy: 'execution_time_ms DESC', includeSpans: true, limit: 200, label: 'slow-spans', deferEach: true },
      a.cli,
    )) {
      files.slowSpans.push(page.file);
      for (const t of page.traces) {
        acc.addSpans(t, 'slow');
        changes.addSpans(t);
      }
    }
  }
  const calls3 = mlflowCallCount();
  // The window's start, when bounded: --since, or the oldest trace a --limit kept.
  const windowStartMs = a.spec.sinceMs ?? (more ? oldestMs : null);
  const changed = read ? await runChanges(a, changes, acc, windowStartMs, window) : null;
  files.changes = changed?.files ?? [];
  const calls4 = mlflowCallCount();
  if (!a.allSpans) await readOkCalls(a, acc, window, files.okCalls);
  const calls5 = mlflowCallCount();
  const findings = acc.result();
  // The traces an agent will ask about next are the ones the answer names: those are cached alone.
  storeNamedTraces(JSON.stringify([findings, changed]).match(TRACE_ID) ?? []);
  return {
    findings,
    read,
    more,
    totalKnown,
    files,
    changes: changed as ChangesResult,
    sample,
    mlflowCalls: {
      infos: calls0b - calls0,
      sample: calls1 - calls0b,
      failingSpans: calls2 - calls1,
      slowSpans: calls3 - calls2,
      changes: calls4 - calls3,
      okCalls: calls5 - calls4,
      total: calls5 - calls0,
    },
  };
}

const TRACE_ID = /tr-[0-9a-f]{32}/g;
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
      {
        experimentId: a.experimentId,
        filter,
        orderBy: 'timestamp_ms DESC',
        includeSpans: true,
        limit: OK_CALLS_SAMPLE,
        label: `ok-calls-${i + 1}`,
        deferEach: true,
      },
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
      { experimentId: a.experimentId, filter, orderBy: 'timestamp_ms DESC', includeSpans: false, limit: cap, label: `sample-${i + 1}` },
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
    { experimentId: a.experimentId, filter: a.filter, orderBy: 'timestamp_ms ASC', includeSpans: false, limit: 1, label: 'oldest' },
    a.cli,
  )) {
    files.push(page.file);
    return page.traces[0]?.info.requestTimeMs ?? null;
  }
  return null;
}

/**
 * Nothing matched: an empty (or unknown) experiment, or a filter that selects nothing? One
 * trace is enough to tell. A SQL store cannot print a full page (the page-token crash), so there
 * a crash on a one-trace page means "at least one trace" too.
 */
export async function experimentIsEmpty(a: TriageArgs): Promise<boolean> {
  try {
    const fetched = await searchTraces({ experimentId: a.experimentId, maxResults: 1, includeSpans: false }, { ...a.cli, dir: a.cli.dir }, 0);
    return parseSearch(fetched.json, 'mlflow traces search output').traces.length === 0;
  } catch (err) {
    if (err instanceof SkillError && err.kind === 'page-token-bug') return false;
    throw err;
  }
}

export const triageCommand = (a: TriageArgs, extra: string[] = []): string => {
  const args = [...a.argv];
  for (const flag of extra) {
    const name = flag.split(' ')[0] as string;
    const at = args.findIndex((x) => x === name || x.startsWith(`${name}=`));
    if (at >= 0) args.splice(at, args[at]?.includes('=') ? 1 : 2);
  }
  return commandFor('triage_traces', [...args, ...extra.flatMap((f) => f.split(' '))]);
};
