/**
 * The two mlflow commands this skill uses, as typed calls. Each asks the cache first (see
 * cache.ts); a miss is one mlflow process whose stdout becomes the cache entry. The path
 * returned is that entry (the same for every view of the same trace), or its copy in --out-dir.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readJsonFile } from '../core/read-json.js';
import { cacheStore, pruneOnce, recordUse } from './cache.js';
import { argvKey, commit, entryName, keepIn, readEntry, tempFor, writeEntry } from './cache-entries.js';
import { searchInfosOverRest } from './rest-search.js';
import { runMlflow } from './runner.js';
import { traceTexts } from './search-split.js';

export interface Fetched {
  /** The raw JSON mlflow printed, kept for follow-up with jq. */
  file: string;
  json: unknown;
  /** An mlflow process ran for it (false: the trace cache answered). */
  fetched?: boolean;
}

export interface CliOptions {
  /** --out-dir: also keep the raw JSON here (a hard link or copy of the cache entry). */
  dir?: string;
  timeoutMs?: number;
  /** --fresh: ask mlflow even when the cache holds a recent answer. */
  fresh?: boolean;
}

const safeName = (s: string) => s.replace(/[^\w.-]+/g, '_').slice(0, 80);

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null);

/**
 * A trace whose state can no longer change. IN_PROGRESS (spans still arriving) and anything
 * unknown are fetched again every time.
 */
function finished(trace: unknown): boolean {
  const info = obj(obj(trace)?.info);
  const state = info?.state ?? info?.status;
  return state === 'OK' || state === 'ERROR';
}

const traceIdOf = (trace: unknown): unknown => obj(obj(trace)?.info)?.trace_id ?? obj(obj(trace)?.info)?.request_id;

/** A cached `traces get` is reused when it is that trace and it has finished. */
const reusableTrace = (traceId: string) => (json: unknown) => traceIdOf(json) === traceId && finished(json);

/**
 * A cached search is reused when every trace in it has finished. An empty answer is always asked
 * again: "no such session" should not outlive the session's first turn.
 */
function reusableSearch(json: unknown): boolean {
  const traces = obj(json)?.traces;
  return Array.isArray(traces) && traces.length > 0 && traces.every(finished);
}

/** The entry for `argv`: reused when allowed, else fetched into it (temp file, then rename). */
async function cached(
  name: string,
  argv: string[],
  reusable: (json: unknown) => boolean,
  opts: CliOptions,
  what: string,
  fetchInto: (tmp: string) => Promise<unknown> = (tmp) => runMlflow(argv, tmp, { timeoutMs: opts.timeoutMs }),
): Promise<Fetched & { fetched: boolean }> {
  const entry = join(cacheStore().dir, name);
  if (!opts.fresh) {
    const hit = readEntry(entry, reusable);
    if (hit) {
      recordUse(true, hit.ageMs);
      return { file: entry, json: hit.json, fetched: false };
    }
  }
  const tmp = tempFor(entry);
  try {
    await fetchInto(tmp);
    commit(tmp, entry);
  } catch (err) {
    rmQuiet(tmp);
    throw err;
  }
  recordUse(false, 0);
  pruneOnce([entry]);
  return { file: entry, json: readJsonFile(entry, what), fetched: true };
}

function rmQuiet(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // nothing to remove
  }
}

/** `mlflow traces get --trace-id ID`. */
export async function getTrace(traceId: string, opts: CliOptions): Promise<Fetched> {
  const name = entryName('trace', traceId);
  const got = await cached(name, ['traces', 'get', '--trace-id', traceId], reusableTrace(traceId), opts, 'mlflow traces get');
  return { file: opts.dir ? keepIn(got.file, opts.dir, `trace-${safeName(traceId)}.json`) : got.file, json: got.json };
}

export interface SearchArgs {
  experimentId: string;
  filter?: string;
  orderBy?: string;
  maxResults: number;
  pageToken?: string;
  includeSpans: boolean;
  /**
   * Store each trace of a search with spans alone only once it is named (storeNamedTraces), not
   * all of them at once: a triage reads thousands and names a handful.
   */
  deferEach?: boolean;
  /** Without spans asked, a cached answer of the same search with spans serves too (it holds the infos). */
  spansAnswerOk?: boolean;
}

/** What a SQL store is asked for in one call (it cannot page: see pageSizeFor). */
export const SQL_STORE_PAGE = 50_000;

/**
 * How many traces to ask for in one call. A tracking server caps a request at 500, so a server
 * gets min(wanted, 500). A SQL store takes up to 50,000, and it always gets that many: MLflow
 * 3.x's CLI crashes printing the (bytes) page token a SQL store returns whenever a page is full,
 * so on a SQL store only a page that is not full can be printed at all. Large pages also keep
 * mlflow processes (seconds each) to a minimum.
 */
export function pageSizeFor(trackingUri: string | undefined, wanted = Number.POSITIVE_INFINITY): number {
  const server = !!trackingUri && /^(https?|databricks|databricks-uc|uc):/i.test(trackingUri);
  return server ? Math.max(1, Math.min(500, wanted)) : SQL_STORE_PAGE;
}

/**
 * `mlflow traces search --output json`, one page. A search with spans also leaves each finished
 * trace in the cache as if fetched alone, so `inspect_turn` of a turn costs no mlflow call.
 */
export async function searchTraces(args: SearchArgs, opts: CliOptions, page = 1): Promise<Fetched> {
  const argv = ['traces', 'search', '--experiment-id', args.experimentId, '--output', 'json', '--max-results', String(args.maxResults)];
  if (args.filter) argv.push('--filter-string', args.filter);
  if (args.orderBy) argv.push('--order-by', args.orderBy);
  if (args.pageToken) argv.push('--page-token', args.pageToken);
  if (!args.includeSpans) argv.push('--no-include-spans');
  const name = `search-${safeName(args.experimentId)}-${argvKey(argv)}.json`;
  const withSpans = args.spansAnswerOk && !args.includeSpans && !opts.fresh ? cachedSearchWithSpans(args, argv) : null;
  if (withSpans)
    return { ...withSpans, file: opts.dir ? keepIn(withSpans.file, opts.dir, `search-${safeName(args.experimentId)}-p${page}.json`) : withSpans.file };
  const got = await cached(name, argv, reusableSearch, opts, 'mlflow traces search', args.includeSpans ? undefined : infosInto(args, argv, opts));
  if (got.fetched && args.includeSpans) {
    if (args.deferEach) deferred.set(got.file, storableIds(got.json));
    else writeTraceEntries(got.file, storableIds(got.json), () => true);
  }
  const file = opts.dir ? keepIn(got.file, opts.dir, `search-${safeName(args.experimentId)}-p${page}.json`) : got.file;
  return { file, json: got.json, fetched: got.fetched };
}

/** The cached answer of the same search asked with spans, if one is reusable (no call). */
function cachedSearchWithSpans(args: SearchArgs, argv: readonly string[]): Fetched | null {
  const spansArgv = argv.filter((a) => a !== '--no-include-spans');
  const entry = join(cacheStore().dir, `search-${safeName(args.experimentId)}-${argvKey(spansArgv)}.json`);
  const hit = readEntry(entry, reusableSearch);
  if (!hit) return null;
  recordUse(true, hit.ageMs);
  return { file: entry, json: hit.json, fetched: false };
}

/** A trace the cache holds whole and finished (a `traces get`, or a search with spans that stored it), else null: no call. */
export function cachedTrace(traceId: string, opts: CliOptions): unknown {
  if (opts.fresh) return null;
  const hit = readEntry(join(cacheStore().dir, entryName('trace', traceId)), reusableTrace(traceId));
  if (!hit) return null;
  recordUse(true, hit.ageMs);
  return hit.json;
}

/**
 * Each of these traces whole and finished from the cache (paths and JSON, in order), or null when
 * one is not held: then nothing is recorded as a cache use, the caller asks mlflow for them all.
 */
export function cachedTraces(traceIds: readonly string[], opts: CliOptions): Array<{ file: string; json: unknown }> | null {
  if (opts.fresh || !traceIds.length) return null;
  const hits: Array<{ file: string; json: unknown; ageMs: number }> = [];
  for (const id of traceIds) {
    const file = join(cacheStore().dir, entryName('trace', id));
    const hit = readEntry(file, reusableTrace(id));
    if (!hit) return null;
    hits.push({ file, ...hit });
  }
  for (const h of hits) recordUse(true, h.ageMs);
  return hits.map((h, i) => ({ file: opts.dir ? keepIn(h.file, opts.dir, `trace-${safeName(traceIds[i] as string)}.json`) : h.file, json: h.json }));
}

/**
 * A page of infos without spans from a tracking server's search endpoint, in the CLI's JSON (no
 * Python start-up); where the server does not answer it, the CLI asks and speaks for itself.
 */
const infosInto = (args: SearchArgs, argv: string[], opts: CliOptions) => async (tmp: string) => {
  const rest = await searchInfosOverRest(args, { timeoutMs: opts.timeoutMs });
  if ('json' in rest) writeFileSync(tmp, JSON.stringify(rest.json, null, 2), { mode: 0o600 });
  else await runMlflow(argv, tmp, { timeoutMs: opts.timeoutMs });
};

/** A search's trace ids in page order: null where the trace is unfinished or has no spans. */
function storableIds(json: unknown): Array<string | null> {
  const traces = obj(json)?.traces;
  if (!Array.isArray(traces)) return [];
  return traces.map((trace) => {
    const id = traceIdOf(trace);
    const spans = obj(obj(trace)?.data)?.spans;
    return typeof id === 'string' && finished(trace) && Array.isArray(spans) && spans.length ? id : null;
  });
}

/** Per-trace entries from a search with spans, for the ids `keep` accepts, as if fetched alone. */
function writeTraceEntries(searchFile: string, ids: Array<string | null>, keep: (id: string) => boolean): void {
  if (!ids.some((id) => id !== null && keep(id))) return;
  const texts = traceTexts(readFileSync(searchFile, 'utf8'), 'traces', (i) => {
    const id = ids[i];
    return id !== null && id !== undefined && keep(id);
  });
  // The text and the parsed value must agree element for element, or nothing is stored.
  if (texts.length !== ids.length) return;
  const dir = cacheStore().dir;
  ids.forEach((id, i) => {
    if (id !== null && keep(id)) writeEntry(join(dir, entryName('trace', id)), texts[i] as string);
  });
}

/** Searches made with `deferEach` this run: their file and storable ids. */
const deferred = new Map<string, Array<string | null>>();

/** Stores alone the traces of deferred searches that `ids` names, so that a follow-up on one costs no call. */
export function storeNamedTraces(ids: Iterable<string>): void {
  const named = new Set(ids);
  for (const [file, order] of deferred) writeTraceEntries(file, order, (id) => named.has(id));
  deferred.clear();
}
