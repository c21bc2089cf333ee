/**
 * triage_traces: what is going wrong across many traces — what changed (a deploy's switch and
 * cohorts side by side), failure clusters, negative verdicts and judge failures apart, latency
 * and the slow tail.
 */
import { defineCommand } from '../../cli/command.js';
import { SkillError } from '../../core/errors.js';
import { cacheStatus } from '../../mlflow/cache.js';
import { experimentIdOf, numberAsName } from '../../mlflow/experiments.js';
import { type NewestTrace, newestTrace } from '../../mlflow/newest-trace.js';
import { mlflowCallCount } from '../../mlflow/runner.js';
import type { ChangeReport } from '../../analysis/changes/change-report.js';
import { changeSections } from '../../render/triage/changes.js';
import { renderBudgeted } from '../../render/budget.js';
import { rawJsonLines } from '../../render/files.js';
import { sampleSection, windowEstimate } from '../../render/triage/sample.js';
import { commandFor } from '../../render/follow-up.js';
import { experimentLabel, plural } from '../../render/format.js';
import { cutLine, silenceLine } from '../../render/triage/overview.js';
import { noMatchText, triageSections, withChanges } from '../../render/triage/triage-view.js';
import type { TriageRun } from '../../render/triage/view.js';
import { windowJson } from '../../render/window-line.js';
import { TRIAGE_ARGS, TRIAGE_OPTIONS, triageArgs, triageCommand, type TriageArgs } from './triage-args.js';
import { runTriage, SLOW_SPANS, TRIAGE_SUMMARY, type TriageResult } from './triage-job.js';

export const triageTraces = defineCommand({
  name: 'triage_traces',
  summary: TRIAGE_SUMMARY,
  args: TRIAGE_ARGS,
  options: TRIAGE_OPTIONS,
  async run({ args, opts, argv }) {
    const a = triageArgs(
      { ...opts, experimentId: args.experimentId },
      argv.filter((x) => x !== '--json' && !x.startsWith('--json=')),
    );
    a.experimentId = await experimentIdOf(a.experimentId, a.cli);
    let r = await runTriage(a);
    if (r.read > 0) return triageResult(a, r);
    // Nothing matched: one cheap read of the newest trace tells an empty experiment from a window after its data.
    let newest = await newestTrace(a.experimentId, a.cli);
    // A number with no traces may be an experiment's name ("2024"): said on stderr when so.
    const named = newest === null ? await numberAsName(a.experimentId, a.cli) : null;
    if (!named) return noMatch(a, newest);
    r = await runTriage(Object.assign(a, { experimentId: named }));
    if (r.read > 0) return triageResult(a, r);
    newest = await newestTrace(a.experimentId, a.cli);
    return noMatch(a, newest);
  },
});

/** An ISO time to the minute, as --since / --until take it. */
const isoMinute = (ms: number) => `${new Date(ms).toISOString().slice(0, 16)}Z`;

/** Under 100 traces of the older cohort, all from --since's first hour: the window cut it; twice the window gives it more. */
const SHORT_COHORT = 100;
export function widerWindow(a: TriageArgs, report: ChangeReport | undefined, nowMs = Date.now()): string | null {
  const older = report?.cohorts.find((c) => c.value === report.from);
  const since = a.spec.sinceMs;
  if (!older || since === undefined || older.traces >= SHORT_COHORT || Date.parse(older.first) - since > 3_600_000) return null;
  // --since N h counts back from now, not from --until: with --until, the wider start as a time.
  const until = a.spec.untilMs;
  if (until !== undefined) return triageCommand(a, [`--since ${isoMinute(until - 2 * (until - since))}`]);
  return triageCommand(a, [`--since ${Math.round((2 * (nowMs - since)) / 3_600_000)}h`]);
}

const WEEK_MS = 7 * 86_400_000;

/** The window starts after the experiment's newest trace: the week up to it, as a command (null: not so). */
export function weekUpTo(a: TriageArgs, newest: NewestTrace | null): { newestMs: number; command: string } | null {
  const since = a.spec.sinceMs;
  if (!newest || newest.timeMs === null || since === undefined || newest.timeMs >= since) return null;
  // --until is exclusive: the minute after the newest trace's.
  const until = Math.floor(newest.timeMs / 60_000) * 60_000 + 60_000;
  return { newestMs: newest.timeMs, command: triageCommand(a, [`--since ${isoMinute(until - WEEK_MS)}`, `--until ${isoMinute(until)}`]) };
}

function noMatch(a: TriageArgs, newest: NewestTrace | null) {
  if (newest === null) {
    const named = experimentLabel(a.given, a.experimentId);
    throw new SkillError('experiment-not-found', `Experiment ${named} has no traces (or does not exist in this tracking store).`, {
      hint: 'Check the experiment with `mlflow experiments search` and MLFLOW_TRACKING_URI.',
    });
  }
  const week = weekUpTo(a, newest);
  const newestJson = { traceId: newest.traceId, time: newest.timeMs === null ? null : new Date(newest.timeMs).toISOString() };
  return {
    json: {
      experimentId: a.experimentId,
      filter: a.filter,
      bounds: windowJson(a.window),
      traces: 0,
      matched: false,
      newest: newestJson,
      weekUpToNewest: week?.command ?? null,
    },
    text: () => noMatchText(a.experimentId, a.filter, a.traceName, week, a.given),
  };
}

/** The window triage read, for a judge_agreement over the same traces. */
const windowFlags = (a: TriageArgs): string[] => [
  ...(a.spec.sinceMs !== undefined ? ['--since', new Date(a.spec.sinceMs).toISOString()] : []),
  ...(a.spec.untilMs !== undefined ? ['--until', new Date(a.spec.untilMs).toISOString()] : []),
  ...(a.spec.user !== undefined ? ['--user', a.spec.user] : []),
  ...(a.spec.tags ?? []).flatMap(([k, v]) => ['--tag', `${k}=${v}`]),
];

/** With --since and no --until the window ends now: how quiet its end has been. */
/** How many mlflow calls each pass made, as the footer says it. */
function callsLine(c: TriageResult['mlflowCalls'], metricsRequests: number, searchRequests: number): string {
  const sample = c.sample ? `${c.sample} for the sample of the earlier window, ` : '';
  const okCalls = c.okCalls ? `, ${c.okCalls} for OK calls of the failing span` : '';
  const spans = `${c.failingSpans} for spans of failing traces, ${c.slowSpans} for the slow tail`;
  const metrics = metricsRequests ? `; ${plural(metricsRequests, 'request')} to the metrics endpoint` : '';
  const search = searchRequests ? `; ${plural(searchRequests, 'page')} of trace infos from the search endpoint over REST (no mlflow process)` : '';
  return `mlflow calls: ${c.infos} for trace infos, ${sample}${spans}, ${c.changes} for what changed${okCalls}${metrics}${search}`;
}

function silence(a: TriageArgs, r: TriageResult): { silentForMs: number | null; windowMs: number | null } {
  const last = r.findings.window.last;
  if (a.spec.sinceMs === undefined || a.spec.untilMs !== undefined || !last) return { silentForMs: null, windowMs: null };
  const now = a.window.nowMs ?? Date.now();
  return { silentForMs: now - Date.parse(last), windowMs: now - a.spec.sinceMs };
}

function triageResult(a: TriageArgs, r: TriageResult) {
  const run: TriageRun = {
    experimentId: a.experimentId,
    given: a.given,
    filter: a.filter,
    window: a.window,
    source: a.source ?? null,
    read: r.read,
    limit: a.limit,
    more: r.more,
    totalKnown: r.totalKnown,
    sampled: r.sample !== null,
    ...silence(a, r),
    failingSpanBound: a.maxFailing,
    slowSpanBound: SLOW_SPANS,
    mlflowCalls: mlflowCallCount(),
    server: r.server,
  };
  const follow = {
    inspect: (id: string) => commandFor('inspect_turn', [id]),
    compare: (x: string, y: string) => commandFor('compare_traces', [x, y]),
    all: triageCommand(a, ['--limit 0']),
    paging: triageCommand(a, ['--paging', '--limit 0']),
    json: triageCommand(a, ['--json']),
    ...(a.allSpans ? {} : { spans: triageCommand(a, ['--spans']) }),
    judges: (name: string) => commandFor('judge_agreement', [a.given, '--name', name, ...windowFlags(a)]),
  };
  const { total: _total, ...callsBy } = r.mlflowCalls;
  return {
    json: {
      experimentId: a.experimentId,
      filter: a.filter,
      bounds: windowJson(a.window),
      source: a.source ?? null,
      read: r.read,
      limit: a.limit,
      more: r.more,
      totalKnown: r.totalKnown,
      cut: cutLine(run, follow),
      silence: silenceLine(run),
      sample: r.sample,
      windowTraces: r.sample ? windowEstimate(r.read, r.sample) : null,
      figures: r.server,
      ...r.findings,
      changes: r.changes,
    },
    files: r.files,
    mlflowCallsBy: { ...callsBy, restSearches: r.restSearches },
    text: () => {
      const footer = [
        ...rawJsonLines('search', [...r.files.infos, ...r.files.sample, ...r.files.failingSpans, ...r.files.slowSpans, ...r.files.okCalls], {
          cache: cacheStatus(),
        }),
        callsLine(r.mlflowCalls, r.server.requests, r.restSearches),
        `One trace in depth: ${commandFor('inspect_turn', ['<trace_id>'])} · two side by side: ${commandFor('compare_traces', ['<trace_a>', '<trace_b>'])}`,
      ];
      const changeFollow = {
        compare: (x: string, y: string) => commandFor('compare_traces', [x, y, '--experiment-id', a.given]),
        byKey: (k: string) => triageCommand(a, [`--by ${k}`]),
        traceName: (n: string) => triageCommand(a, [`--trace-name ${n}`]),
        spanName: (n: string) => triageCommand(a, [`--span-name ${n}`]),
        wider: widerWindow(a, r.changes?.report),
        json: follow.json,
      };
      const sections = triageSections(r.findings, run, follow);
      if (r.sample) sections.push(sampleSection(r.sample, r.read, follow.json));
      return renderBudgeted(withChanges(sections, changeSections(r.changes.report, r.changes.onset, changeFollow)), footer, a.maxChars, follow.json).text;
    },
  };
}
