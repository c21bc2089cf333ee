/**
 * Where a script's traces come from: one mlflow call, or a saved file (--from-file). Either
 * way the caller gets parsed traces plus the path of the raw JSON, for follow-up with jq.
 */
import { resolve } from 'node:path';
import { SkillError, shown } from '../core/errors.js';
import { readJsonFile } from '../core/read-json.js';
import { cachedTrace, cachedTraces, getTrace, pageSizeFor, searchTraces, type CliOptions } from './reads.js';
import { andFilter, sessionFilter, sinceFilter, traceIdsFilter } from './filter.js';
import { parseSearch, parseTrace, parseTraces, type Trace } from '../trace/trace.js';

export interface Loaded<T> {
  value: T;
  /** Raw JSON files read, first one first. */
  files: string[];
}

const TRACE_ID = /^(tr-[0-9a-f]{32}|[\w:/.-]{4,200})$/i;

export function checkTraceId(id: string | undefined): string {
  if (!id)
    throw new SkillError('usage', 'A trace id is required.', {
      hint: 'Pass it as the first argument or --trace-id (it looks like tr-<32 hex>), or use --from-file.',
    });
  if (!TRACE_ID.test(id))
    throw new SkillError('usage', `${shown(id, 80)} is not a trace id.`, {
      hint: 'MLflow trace ids look like tr-<32 hex>; find one with `mlflow traces search -x <EXPERIMENT_ID>`.',
    });
  return id;
}

/** One trace: `mlflow traces get`, or a saved get/search output (picking traceId if given). */
export async function loadTrace(opts: { traceId?: string; fromFile?: string; cli: CliOptions }): Promise<Loaded<Trace>> {
  if (opts.fromFile) {
    const file = resolve(opts.fromFile);
    const traces = parseTraces(readJsonFile(file, 'the --from-file input'), `--from-file ${file}`);
    if (!traces.length)
      throw new SkillError('bad-data', `${file} holds no traces.`, { hint: 'Save a trace with `mlflow traces get --trace-id <ID> > trace.json`.' });
    const pick = opts.traceId ? traces.find((t) => t.info.traceId === opts.traceId) : traces.length === 1 ? traces[0] : undefined;
    if (!pick) {
      if (opts.traceId)
        throw new SkillError('trace-not-found', `Trace ${opts.traceId} is not in ${file} (it holds ${traces.length}).`, {
          hint: `Ids in the file: ${traces
            .slice(0, 5)
            .map((t) => t.info.traceId)
            .join(', ')}${traces.length > 5 ? ', …' : ''}`,
        });
      throw new SkillError('usage', `${file} holds ${traces.length} traces; say which one.`, { hint: `Pass a trace id too, e.g. ${traces[0]?.info.traceId}.` });
    }
    return { value: pick, files: [file] };
  }
  const id = checkTraceId(opts.traceId);
  const fetched = await getTrace(id, opts.cli);
  return { value: parseTrace(fetched.json, `mlflow traces get output (${fetched.file})`), files: [fetched.file] };
}

export interface SessionQuery {
  experimentId: string;
  sessionId: string;
  includeSpans: boolean;
  /** Stop after this many traces (discover_schema needs only the first). */
  limit?: number;
  /** Only traces that started at or after this time (epoch ms; --since). */
  sinceMs?: number;
  /** Without spans asked: a cached read of the session with spans serves (no call). */
  spansAnswerOk?: boolean;
}

/**
 * All traces of a session, oldest first, following page tokens until the end: no 100 or 500
 * cap. One mlflow call per page, pages as large as the store accepts.
 */
export async function loadSession(q: SessionQuery, cli: CliOptions): Promise<Loaded<Trace[]>> {
  const filter = andFilter(sessionFilter(q.sessionId), q.sinceMs === undefined ? null : sinceFilter(q.sinceMs));
  const pageSize = pageSizeFor(process.env.MLFLOW_TRACKING_URI, q.limit);
  const traces: Trace[] = [];
  const files: string[] = [];
  let token: string | undefined;
  for (let page = 1; ; page++) {
    const fetched = await searchTraces(
      {
        experimentId: q.experimentId,
        filter,
        orderBy: 'timestamp_ms ASC',
        maxResults: pageSize,
        pageToken: token,
        includeSpans: q.includeSpans,
        spansAnswerOk: q.spansAnswerOk,
      },
      cli,
      page,
    );
    files.push(fetched.file);
    const result = parseSearch(fetched.json, `mlflow traces search output (${fetched.file})`);
    traces.push(...(q.limit === undefined ? result.traces : result.traces.slice(0, q.limit - traces.length)));
    token = result.nextPageToken ?? undefined;
    // A full page can be followed by an empty one: stop on no token or an empty page.
    if (!token || result.traces.length === 0 || (q.limit !== undefined && traces.length >= q.limit)) break;
  }
  return { value: traces, files };
}

/** Some traces of an experiment with their spans, by id: those the cache holds cost nothing, the rest one mlflow call. */
export async function loadTracesById(experimentId: string, ids: readonly string[], cli: CliOptions): Promise<Loaded<Trace[]>> {
  const held = ids.map((id) => ({ id, json: cachedTrace(id, cli) }));
  const value = held.flatMap(({ json }) => (json ? [parseTrace(json, 'a cached trace')] : []));
  const filter = traceIdsFilter(held.filter((h) => !h.json).map((h) => h.id));
  if (!filter) return { value, files: [] };
  // One more than asked: a full page makes the CLI print a page token, which it cannot on SQL stores.
  const fetched = await searchTraces({ experimentId, filter, maxResults: ids.length + 1, includeSpans: true }, cli, 1);
  return { value: [...value, ...parseSearch(fetched.json, `mlflow traces search output (${fetched.file})`).traces], files: [fetched.file] };
}

/**
 * A session's traces just read without spans, with their spans from the trace cache (a triage_sessions
 * or an earlier read left them there): null unless every one is held, finished. Which traces make
 * the session is the read's, so a turn added since is not held and the caller reads them all; the
 * info is the read's too (a verdict logged since shows), the spans the cache's (a finished trace's are fixed).
 */
export function withCachedSpans(traces: readonly Trace[], cli: CliOptions): Loaded<Trace[]> | null {
  const held = cachedTraces(
    traces.map((t) => t.info.traceId),
    cli,
  );
  if (!held) return null;
  const value: Trace[] = [];
  for (const [i, h] of held.entries()) {
    const whole = parseTrace(h.json, `a cached trace (${h.file})`);
    const read = traces[i] as Trace;
    if (!whole.spans.length || whole.info.traceId !== read.info.traceId) return null;
    value.push({ ...whole, info: { ...read.info, requestTimeMs: read.info.requestTimeMs ?? whole.info.requestTimeMs } });
  }
  return { value, files: held.map((h) => h.file) };
}

/** A saved `traces search` output standing in for a session (--from-file). */
export function sessionFromFile(path: string, sessionId: string | undefined, sinceMs?: number): Loaded<Trace[]> {
  const file = resolve(path);
  let traces = parseTraces(readJsonFile(file, 'the --from-file input'), `--from-file ${file}`);
  if (sessionId) traces = traces.filter((t) => t.info.sessionId === sessionId || t.info.sessionId === null);
  if (sinceMs !== undefined) traces = traces.filter((t) => (t.info.requestTimeMs ?? 0) >= sinceMs);
  traces.sort((a, b) => (a.info.requestTimeMs ?? 0) - (b.info.requestTimeMs ?? 0));
  return { value: traces, files: [file] };
}
