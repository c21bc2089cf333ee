/**
 * A trace search as an async stream of pages, so a caller processes each page as it comes and
 * holds only one at a time. A tracking server pages 500 at a time (its cap); a SQL store answers
 * in one call of up to 50,000, because MLflow's CLI crashes printing a SQL store's page token
 * (see pageSizeFor). Each page's raw JSON stays on disk for follow-up with jq.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseSearch, type Trace } from '../trace/trace.js';
import { pageSizeFor, SQL_STORE_PAGE, searchTraces, type CliOptions } from './reads.js';

export interface PageQuery {
  experimentId: string;
  filter?: string;
  orderBy?: string;
  includeSpans: boolean;
  /** Traces the store matched but the filter cannot express (an assessment's source): the view kept, or null to drop. */
  keep?: (t: Trace) => Trace | null;
  /** Stop once this many traces were yielded (the last page is cut to fit). */
  limit?: number;
  /** A name for this search's files (several searches share one run directory). */
  label: string;
  /** Its traces are cached one by one only once named (reads.ts › storeNamedTraces). */
  deferEach?: boolean;
}

export interface Page {
  n: number;
  traces: Trace[];
  file: string;
  /** More traces match after this page (a further page, or ones the limit left out). */
  more: boolean;
  /** On a single-call store: how many matched in all (the limit may have cut them). */
  totalKnown: number | null;
  /** On a single-call store, the traces the limit cut from this page: already read, free to use. */
  rest: Trace[];
  /** An mlflow process ran for this page (false: the cache answered): passes run side by side count their calls so. */
  fetched: boolean;
}

export async function* searchPages(q: PageQuery, cli: CliOptions, trackingUri = process.env.MLFLOW_TRACKING_URI): AsyncGenerator<Page> {
  // Without --out-dir, each page's path is its cache entry: the same search names the same file.
  const dir = cli.dir === undefined ? undefined : join(cli.dir, q.label);
  if (dir) mkdirSync(dir, { recursive: true, mode: 0o700 });
  const size = pageSizeFor(trackingUri, q.limit ?? Number.POSITIVE_INFINITY);
  const singleCall = size === SQL_STORE_PAGE;
  let token: string | undefined;
  let yielded = 0;
  for (let n = 1; ; n++) {
    const fetched = await searchTraces(
      {
        experimentId: q.experimentId,
        filter: q.filter,
        orderBy: q.orderBy,
        maxResults: size,
        pageToken: token,
        includeSpans: q.includeSpans,
        deferEach: q.deferEach,
      },
      { ...cli, dir },
      n,
    );
    const page = parseSearch(fetched.json, `mlflow traces search output (${fetched.file})`);
    token = page.nextPageToken ?? undefined;
    const kept = q.keep ? page.traces.flatMap((t) => q.keep?.(t) ?? []) : page.traces;
    const room = q.limit === undefined ? Number.POSITIVE_INFINITY : q.limit - yielded;
    const traces = kept.length > room ? kept.slice(0, room) : kept;
    yielded += traces.length;
    const cutHere = traces.length < kept.length;
    const last = !token || page.traces.length === 0 || yielded >= (q.limit ?? Number.POSITIVE_INFINITY);
    yield {
      n,
      traces,
      file: fetched.file,
      more: cutHere || (last && !!token && page.traces.length > 0),
      totalKnown: singleCall ? kept.length : null,
      rest: singleCall && cutHere ? kept.slice(traces.length) : [],
      fetched: fetched.fetched !== false,
    };
    if (last) return;
  }
}
