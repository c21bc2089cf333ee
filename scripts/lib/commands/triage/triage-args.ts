/**
 * triage_traces' flags, parsed and checked into the arguments every pass reads (the filter is
 * built, and so checked, before any mlflow process starts); and the command line that repeats
 * this run with a flag changed, for follow-ups.
 */
import { loadPrices, type PriceTable } from '../../analysis/cost/prices.js';
import type { ArgDef } from '../../cli/help.js';
import { count, flag, grouped, list, type OptionValues, text, whole } from '../../cli/options.js';
import { prepareOutDir } from '../../cli/out-dir.js';
import { SkillError, shown } from '../../core/errors.js';
import type { WindowBounds } from '../../render/window-line.js';
import { buildTraceFilter, parseTimeArg, type TraceFilterSpec, type TraceStatus } from '../../mlflow/filter.js';
import type { CliOptions } from '../../mlflow/reads.js';
import { commandFor } from '../../render/follow-up.js';
import { onlySource, parseSource } from '../../analysis/common/verdicts.js';
import type { Trace } from '../../trace/trace.js';
import { EXPERIMENT_ARG } from '../experiment-arg.js';

export const TRIAGE_ARGS: ArgDef[] = [EXPERIMENT_ARG];

/** MLflow's assessment source types; what an MLflow user reads in the UI and logs with AssessmentSource. */
const SOURCE_HELP = [
  "verdicts from this source only (MLflow's assessment source type; human, judge, code read too):",
  'every section counts its feedback alone, and --feedback NAME=V keeps the traces where this source gave V',
].join(' ');

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
    feedback: list('NAME=V', 'traces with that feedback value (from any source, unless --source)'),
    source: text('HUMAN|LLM_JUDGE|CODE', SOURCE_HELP),
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
  spans: flag("read every trace's spans: per-span latency over all traces, health_check's findings in each (a wrong argument…); more data"),
  paging: flag('page through every trace even when the tracking server aggregates them itself (its metrics endpoint)'),
  by: text('KEY', 'cohorts by this tag / metadata key (app_version, tag.x, metadata.y); default: the switch found. WHAT CHANGED lists the keys to split by'),
  prices: text(
    'FILE',
    'prices for models whose spans carry no cost: JSON {"as_of": DATE, "models": {NAME: {"input": USD, "output": USD}}} per 1M tokens, over the built-in table',
  ),
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
  /** Resolved to an id before any read; `given` is what the user typed, for follow-ups and the header. */
  experimentId: string;
  given: string;
  spec: TraceFilterSpec;
  filter: string;
  limit: number | null;
  /** --limit was given: the metrics path then reads that many too, not its own sample. */
  limitGiven: boolean;
  /** --paging: no metrics endpoint, every figure from the traces read. */
  paging: boolean;
  maxFailing: number;
  /** Beyond --limit: how many time slices of the older window to sample (0: none). */
  slices: number;
  allSpans: boolean;
  cli: CliOptions;
  maxChars: number;
  /** The time bounds read and this run's clock, for the header and --json. */
  window: WindowBounds;
  /** This run's arguments, for follow-up commands (--limit 0 etc.). */
  argv: string[];
  /** --by KEY: the cohort key (default: the switch found); --trace-name: one application. */
  by?: string;
  traceName?: string;
  /** The built-in price table, with --prices FILE over it (checked before any mlflow call). */
  prices: PriceTable;
  /** --source: the trace as that source sees it, or null when --feedback asked for a verdict it did not give. */
  keep?: (t: Trace) => Trace | null;
  source?: string;
}

export function triageArgs(input: TriageInput, argv: readonly string[], nowMs = Date.now()): TriageArgs {
  const experimentId = input.experimentId;
  if (!experimentId)
    throw new SkillError('usage', 'An experiment is required.', {
      hint:
        'Pass its id or name first, or as --experiment-id, or set MLFLOW_EXPERIMENT_ID / MLFLOW_EXPERIMENT_NAME; ' +
        'list them with `mlflow experiments search`.',
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
  // The store's filter has no source: its feedback clause matches any source, the rest is checked here.
  const source = input.source === undefined ? undefined : parseSource(input.source);
  const keep = source === undefined ? undefined : onlySource(source, spec.feedback);
  return {
    experimentId,
    given: experimentId,
    spec,
    filter,
    limit,
    limitGiven: limitRaw !== undefined,
    window: { sinceMs, untilMs, nowMs, flags: [...(since ? ['--since', since] : []), ...(until ? ['--until', until] : [])] },
    paging: input.paging,
    maxFailing: input.maxFailing,
    slices: input.slices,
    allSpans: input.spans,
    // Without --out-dir, each search's path is its cache entry, as every other script prints (no temp dir of links).
    cli: { dir: input.outDir ? prepareOutDir(input.outDir) : undefined, timeoutMs: input.timeout * 1000, fresh: input.fresh },
    maxChars: input.maxChars,
    argv: [...argv],
    by: input.by,
    traceName: input.traceName,
    prices: loadPrices(input.prices),
    keep,
    source,
  };
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
