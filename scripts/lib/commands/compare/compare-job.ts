/**
 * compare_traces' source: both traces in one mlflow call when the experiment is known (a search
 * whose filter selects both ids: `trace.request_id IN (…)` works on SQL stores and servers alike),
 * else `traces get` for each (which a per-user trace cache, when present, answers).
 */
import { SkillError } from '../../core/errors.js';
import { pageSizeFor, searchTraces, type CliOptions } from '../../mlflow/reads.js';
import { quoteFilterValue } from '../../mlflow/filter.js';
import { parseSearch, type Trace } from '../../trace/trace.js';
import { checkTraceId, loadTrace } from '../../mlflow/source.js';

export interface TracePair {
  a: Trace;
  b: Trace;
  files: string[];
  how: 'one search' | 'two gets' | 'search and get' | 'file';
}

export async function loadTracePair(o: { idA: string; idB: string; experimentId?: string; fromFile?: string; cli: CliOptions }): Promise<TracePair> {
  if (o.fromFile) {
    const a = await loadTrace({ traceId: o.idA, fromFile: o.fromFile, cli: o.cli });
    const b = await loadTrace({ traceId: o.idB, fromFile: o.fromFile, cli: o.cli });
    return { a: a.value, b: b.value, files: a.files, how: 'file' };
  }
  checkTraceId(o.idA);
  checkTraceId(o.idB);
  const found = new Map<string, Trace>();
  const files: string[] = [];
  if (o.experimentId) {
    const filter = `trace.request_id IN (${quoteFilterValue(o.idA, 'trace id')}, ${quoteFilterValue(o.idB, 'trace id')})`;
    // Not 2: a SQL store's CLI cannot print a full page (50,000 there); a server refuses more than 500. Two traces fill neither.
    const maxResults = pageSizeFor(process.env.MLFLOW_TRACKING_URI);
    const fetched = await searchTraces({ experimentId: o.experimentId, filter, maxResults, includeSpans: true }, o.cli, 0);
    files.push(fetched.file);
    for (const t of parseSearch(fetched.json, `mlflow traces search output (${fetched.file})`).traces) found.set(t.info.traceId, t);
  }
  // Either is missing from that experiment (or none was given): fetch it by id, wherever it lives.
  for (const id of [o.idA, o.idB]) {
    if (found.has(id)) continue;
    const got = await loadTrace({ traceId: id, cli: o.cli });
    files.push(...got.files);
    found.set(id, got.value);
  }
  const a = found.get(o.idA);
  const b = found.get(o.idB);
  if (!a || !b) throw new SkillError('trace-not-found', `Trace ${a ? o.idB : o.idA} was not found.`);
  const gets = files.length - (o.experimentId ? 1 : 0);
  const how: TracePair['how'] = !o.experimentId ? 'two gets' : gets === 0 ? 'one search' : 'search and get';
  return { a, b, files, how };
}
