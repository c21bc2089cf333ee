/**
 * One page of trace infos without spans, from a tracking server's search endpoint over REST
 * (`POST /api/3.0/mlflow/traces/search`, SearchTracesV3: what `mlflow traces search
 * --no-include-spans` sends), instead of an mlflow process that costs seconds of Python start-up
 * before the same request. The answer is written in the CLI's JSON shape, so the cache, --out-dir
 * and every reader see one format. Anything but an answer (no such endpoint, a filter the server
 * rejects, a 5xx, a timeout, no server) is `{ refused }`: the caller runs the CLI, whose error
 * lines and exit codes stay the ones users know. Refused credentials are exit 9 at once, in the CLI's words. Checked against mlflow 3.17.2: server/handlers.py
 * `_search_traces_v3`, store/tracking/rest_store.py `_search_traces`, entities/trace_info.py `to_dict`.
 */
import { z } from 'zod';
import { SkillError } from '../core/errors.js';
import { postJson, serverEndpoint } from './rest.js';

export const SEARCH_PATH = '/api/3.0/mlflow/traces/search';

export interface InfoSearch {
  experimentId: string;
  filter?: string;
  orderBy?: string;
  maxResults: number;
  pageToken?: string;
}

const Answer = z.object({
  traces: z.array(z.record(z.string(), z.unknown())).optional(),
  next_page_token: z.string().optional(),
});

/** What the CLI prints for the same page: `{traces: [{info, data: {spans: []}}], next_page_token}`. */
export interface CliSearchJson {
  traces: Array<{ info: Record<string, unknown>; data: { spans: [] } }>;
  next_page_token: string | null;
}

let sent = 0;
/** Search requests this process sent over REST (each one an mlflow process saved). */
export const restSearchCount = (): number => sent;

/** A protobuf JSON Duration ("1.250s") in whole milliseconds, as `Duration.ToMilliseconds()` gives the CLI. */
export function durationMs(d: unknown): number | null {
  if (typeof d !== 'string') return null;
  const m = /^(\d+)(?:\.(\d{1,9}))?s$/.exec(d);
  if (!m) return null;
  const nanos = Number((m[2] ?? '').padEnd(9, '0'));
  return Number(m[1]) * 1000 + Math.floor(nanos / 1e6);
}

/** One TraceInfoV3 as `TraceInfo.to_dict()` prints it: the duration as `execution_duration_ms`. */
export function cliInfo(info: Record<string, unknown>): Record<string, unknown> {
  const { execution_duration, ...rest } = info;
  const ms = durationMs(execution_duration);
  return ms === null ? rest : { ...rest, execution_duration_ms: ms };
}

export function requestBody(q: InfoSearch): string {
  return JSON.stringify({
    locations: [{ type: 'MLFLOW_EXPERIMENT', mlflow_experiment: { experiment_id: q.experimentId } }],
    max_results: q.maxResults,
    ...(q.filter ? { filter: q.filter } : {}),
    ...(q.orderBy ? { order_by: q.orderBy.split(',').map((o) => o.trim()) } : {}),
    ...(q.pageToken ? { page_token: q.pageToken } : {}),
  });
}

/** The page, or why the CLI should be asked instead; refused credentials throw (exit 9), as the CLI would end. */
export async function searchInfosOverRest(
  q: InfoSearch,
  opts: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<{ json: CliSearchJson } | { refused: string }> {
  const where = serverEndpoint(SEARCH_PATH, opts.env);
  if ('none' in where) return { refused: `the tracking URI is ${where.none}` };
  sent += 1;
  let posted: Awaited<ReturnType<typeof postJson>>;
  try {
    posted = await postJson(where, requestBody(q), `search ${q.maxResults} trace infos`, opts);
  } catch (err) {
    // Refused credentials end the run here, in the CLI's words (exit 9): MLflow would only be refused again.
    if (err instanceof SkillError && err.kind === 'auth') throw err;
    // No server: the CLI says so in the words and exit code users know, after its own retries.
    return { refused: err instanceof Error ? err.message : String(err) };
  }
  if ('failed' in posted) return { refused: `the search request ${posted.failed}` };
  if (posted.answer.status !== 200) return { refused: `the search endpoint answered HTTP ${posted.answer.status}` };
  let parsed: z.infer<typeof Answer>;
  try {
    parsed = Answer.parse(JSON.parse(posted.answer.body));
  } catch {
    return { refused: 'the search answer was not the expected JSON' };
  }
  const traces = (parsed.traces ?? []).map((info) => ({ info: cliInfo(info), data: { spans: [] as [] } }));
  return { json: { traces, next_page_token: parsed.next_page_token || null } };
}
