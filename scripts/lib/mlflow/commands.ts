/**
 * The two mlflow commands this skill uses, as typed calls. Each call is one mlflow process;
 * its stdout is kept in the run directory and its path returned with the parsed result.
 */
import { join } from 'node:path';
import { readJsonFile } from '../json.js';
import { runMlflow } from './runner.js';

export interface Fetched {
  /** The raw JSON mlflow printed, kept for follow-up with jq. */
  file: string;
  json: unknown;
}

export interface CliOptions {
  dir: string;
  timeoutMs?: number;
}

const safeName = (s: string) => s.replace(/[^\w.-]+/g, '_').slice(0, 80);

/** `mlflow traces get --trace-id ID`. */
export async function getTrace(traceId: string, opts: CliOptions): Promise<Fetched> {
  const file = join(opts.dir, `trace-${safeName(traceId)}.json`);
  await runMlflow(['traces', 'get', '--trace-id', traceId], file, { timeoutMs: opts.timeoutMs });
  return { file, json: readJsonFile(file, 'mlflow traces get') };
}

export interface SearchArgs {
  experimentId: string;
  filter?: string;
  orderBy?: string;
  maxResults: number;
  pageToken?: string;
  includeSpans: boolean;
}

/**
 * How many traces to ask for in one call. A tracking server caps a request at 500, so a server
 * gets min(wanted, 500). A SQL store takes up to 50,000, and it always gets that many: MLflow
 * 3.x's CLI crashes printing the (bytes) page token a SQL store returns whenever a page is full,
 * so on a SQL store only a page that is not full can be printed at all. Large pages also keep
 * mlflow processes (seconds each) to a minimum.
 */
export function pageSizeFor(trackingUri: string | undefined, wanted = Number.POSITIVE_INFINITY): number {
  const server = !!trackingUri && /^(https?|databricks|databricks-uc|uc):/i.test(trackingUri);
  return server ? Math.max(1, Math.min(500, wanted)) : 50_000;
}

/** `mlflow traces search --output json`, one page. */
export async function searchTraces(args: SearchArgs, opts: CliOptions, page = 1): Promise<Fetched> {
  const file = join(opts.dir, `search-${safeName(args.experimentId)}-p${page}.json`);
  const argv = ['traces', 'search', '--experiment-id', args.experimentId, '--output', 'json',
    '--max-results', String(args.maxResults)];
  if (args.filter) argv.push('--filter-string', args.filter);
  if (args.orderBy) argv.push('--order-by', args.orderBy);
  if (args.pageToken) argv.push('--page-token', args.pageToken);
  if (!args.includeSpans) argv.push('--no-include-spans');
  await runMlflow(argv, file, { timeoutMs: opts.timeoutMs });
  return { file, json: readJsonFile(file, 'mlflow traces search') };
}
