/**
 * The front half of the experiment-wide reads that are not triage (judge_agreement,
 * triage_sessions): an experiment and a window → its traces, page by page, bounded, with the
 * cut counted. Infos only unless spans are asked for.
 */
import { resolve } from 'node:path';
import { list, text } from '../../cli/options.js';
import { prepareOutDir } from '../../cli/out-dir.js';
import { experimentLabel } from '../../core/format.js';
import { SkillError } from '../../core/errors.js';
import { readJsonFile } from '../../core/read-json.js';
import { experimentIdOf } from '../../mlflow/experiments.js';
import { buildTraceFilter, parseTimeArg, type TraceFilterSpec } from '../../mlflow/filter.js';
import { searchPages } from '../../mlflow/pages.js';
import type { WindowBounds } from '../../render/window-line.js';
import type { CliOptions } from '../../mlflow/reads.js';
import { mlflowCallCount } from '../../mlflow/runner.js';
import { parseTraces, type Trace } from '../../trace/trace.js';

export const WINDOW_OPTIONS = {
  since: text('24h|7d|DATE', 'traces at or after (DATE: 2026-11-20 or 2026-11-20T09:00Z; UTC)'),
  until: text('DUR|DATE', 'traces before'),
  user: text('ID', 'metadata mlflow.trace.user'),
  tag: list('K=V', 'a trace tag (ANDed)'),
  filter: text("'F'", 'your own MLflow filter string, ANDed'),
  limit: text('N', 'read the newest N traces of the window (default 20000; 0 for all)'),
  fromFile: text('PATH', 'read a saved `mlflow traces search --output json` file; no mlflow call'),
};

export interface WindowInput {
  experimentId: string | undefined;
  since?: string;
  until?: string;
  user?: string;
  tag: string[];
  filter?: string;
  limit?: string;
  fromFile?: string;
  outDir: string | undefined;
  timeout: number;
  fresh: boolean;
}

export interface WindowArgs {
  /** Resolved to an id before any read; `given` is what the user typed, for follow-ups and headers. */
  experimentId: string;
  given: string;
  filter: string;
  limit: number | null;
  fromFile: string | undefined;
  cli: CliOptions;
  /** The options as given, for follow-up commands. */
  source: string[];
  /** The time bounds read, for the header and --json; a saved file's has no clock. */
  window: WindowBounds;
}

export interface WindowRead {
  traces: Trace[];
  files: string[];
  /** More traces matched than --limit let in. */
  more: boolean;
  calls: number;
}

export function windowArgs(input: WindowInput, nowMs = Date.now()): WindowArgs {
  if (!input.experimentId && !input.fromFile)
    throw new SkillError('usage', 'An experiment is required.', {
      hint: 'Pass its id or name first, or set MLFLOW_EXPERIMENT_ID / MLFLOW_EXPERIMENT_NAME; list them with `mlflow experiments search`.',
    });
  const tags = input.tag.map((v): [string, string] => {
    const at = v.indexOf('=');
    if (at <= 0) throw new SkillError('usage', `--tag takes KEY=VALUE, not ${JSON.stringify(v.slice(0, 60))}.`);
    return [v.slice(0, at), v.slice(at + 1)];
  });
  if (input.limit !== undefined && !/^\d+$/.test(input.limit))
    throw new SkillError('usage', `--limit takes a whole number (0 for all), not ${JSON.stringify(input.limit)}.`);
  const spec: TraceFilterSpec = {
    sinceMs: input.since === undefined ? undefined : parseTimeArg(input.since, '--since', nowMs),
    untilMs: input.until === undefined ? undefined : parseTimeArg(input.until, '--until', nowMs),
    user: input.user,
    tags,
    raw: input.filter,
  };
  const source = [
    ...(input.fromFile ? ['--from-file', input.fromFile] : []),
    ...(input.since ? ['--since', input.since] : []),
    ...(input.until ? ['--until', input.until] : []),
    ...(input.user ? ['--user', input.user] : []),
    ...input.tag.flatMap((t) => ['--tag', t]),
    ...(input.filter ? ['--filter', input.filter] : []),
    ...(input.limit ? ['--limit', input.limit] : []),
  ];
  return {
    experimentId: input.experimentId ?? '-',
    given: input.experimentId ?? '-',
    filter: buildTraceFilter(spec),
    limit: input.limit === undefined ? 20_000 : Number(input.limit) || null,
    fromFile: input.fromFile,
    cli: { dir: input.outDir ? prepareOutDir(input.outDir) : undefined, timeoutMs: input.timeout * 1000, fresh: input.fresh },
    source,
    window: {
      sinceMs: spec.sinceMs,
      untilMs: spec.untilMs,
      nowMs: input.fromFile ? undefined : nowMs,
      flags: [...(input.since ? ['--since', input.since] : []), ...(input.until ? ['--until', input.until] : [])],
    },
  };
}

/**
 * The experiment as an id, in place: a name costs one mlflow process (`experiments search`, cached
 * five minutes), an id none. Returns the calls it made, for the footer: they are as slow as a read.
 */
export async function resolveWindowExperiment(a: WindowArgs): Promise<number> {
  if (a.fromFile) return 0;
  const before = mlflowCallCount();
  a.experimentId = await experimentIdOf(a.experimentId, a.cli);
  return mlflowCallCount() - before;
}

/** The footer's clause for the name lookup, when one ran. */
export const lookupClause = (calls: number): string => (calls ? `, ${calls} to look the experiment name up (cached 5 min; an id needs none)` : '');

/** No trace in the window: the experiment named as the user gave it, with its id beside a name. */
export const noTraceIn = (a: WindowArgs): SkillError =>
  new SkillError('experiment-not-found', `No trace in experiment ${experimentLabel(a.given, a.experimentId)}${a.filter ? ` matches ${a.filter}` : ''}.`, {
    hint: 'Check the experiment id with `mlflow experiments search` and MLFLOW_TRACKING_URI, or widen --since.',
  });

/** The window's traces, newest first, at most --limit of them. */
export async function readWindow(a: WindowArgs, includeSpans: boolean, label: string): Promise<WindowRead> {
  if (a.fromFile) {
    const file = resolve(a.fromFile);
    const { sinceMs, untilMs } = a.window;
    // The header states --since / --until, so they hold for a saved file too (as session_transcript's --from-file does).
    const traces = parseTraces(readJsonFile(file, 'the --from-file input'), `--from-file ${file}`).filter((t) => {
      const ms = t.info.requestTimeMs ?? 0;
      return (sinceMs === undefined || ms >= sinceMs) && (untilMs === undefined || ms < untilMs);
    });
    return { traces: a.limit ? traces.slice(0, a.limit) : traces, files: [file], more: !!a.limit && traces.length > a.limit, calls: 0 };
  }
  const traces: Trace[] = [];
  const files: string[] = [];
  let more = false;
  // mlflow processes run, not pages read: a page the cache answered cost none.
  const before = mlflowCallCount();
  for await (const page of searchPages(
    { experimentId: a.experimentId, filter: a.filter || undefined, orderBy: 'timestamp_ms DESC', includeSpans, limit: a.limit ?? undefined, label },
    a.cli,
  )) {
    traces.push(...page.traces);
    files.push(page.file);
    more = page.more;
  }
  return { traces, files, more, calls: mlflowCallCount() - before };
}
