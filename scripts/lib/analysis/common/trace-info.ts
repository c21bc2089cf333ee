/**
 * What the passes over many traces read from each trace's info, worked out once: triage's
 * failure clusters and its cohorts both read every one of up to tens of thousands of infos.
 */
import { parseUsageDict } from '../../trace/conventions.js';
import { decodeValue, type TraceInfo } from '../../trace/trace.js';

/** mlflow's own keys that can explain a trace: who asked, which commit, which model. */
const MLFLOW_TELLING = ['trace.user', 'source.git.commit', 'modelId'];
const mlflowKeysBut = (kept: readonly string[]) => new RegExp(`^mlflow\\.(?!${kept.map((k) => `${k.replace(/\./g, '\\.')}$`).join('|')})`);
/** mlflow's own bookkeeping keys (ids, paths, sizes): never a cohort, and some are unique per trace. */
export const MLFLOW_BOOKKEEPING = mlflowKeysBut(MLFLOW_TELLING);
/**
 * The same, but keeping `mlflow.source.name` (the entry point that ran): one script can stand out
 * in a failure cluster, while as a cohort key it is no release to split by.
 */
export const MLFLOW_BOOKKEEPING_BUT_SOURCE = mlflowKeysBut([...MLFLOW_TELLING, 'source.name']);

const totals = new WeakMap<TraceInfo, number | null>();

/** The trace's total tokens from MLflow's `mlflow.trace.tokenUsage` (input + output when no total). */
export function tokenTotalOf(info: TraceInfo): number | null {
  let total = totals.get(info);
  if (total === undefined) {
    const usage = parseUsageDict(decodeValue(info.metadata['mlflow.trace.tokenUsage']));
    total = usage?.total ?? (usage ? (usage.input ?? 0) + (usage.output ?? 0) : null);
    totals.set(info, total);
  }
  return total;
}

/**
 * The tag and metadata values worth splitting traces by, as `tag.k` / `metadata.k` → value.
 * `skip` names mlflow's own keys (ids, paths); its verdict per key is kept, because every trace
 * repeats the same few keys.
 */
export function keyedValues(skip: RegExp): (info: TraceInfo) => Array<[string, string]> {
  const named = (prefix: string) => {
    const names = new Map<string, string | null>();
    return (k: string): string | null => {
      let name = names.get(k);
      if (name === undefined) names.set(k, (name = skip.test(k) ? null : `${prefix}.${k}`));
      return name;
    };
  };
  const tagName = named('tag');
  const metadataName = named('metadata');
  return (info) => {
    const out: Array<[string, string]> = [];
    for (const k in info.tags) {
      const name = tagName(k);
      if (name !== null) out.push([name, info.tags[k] as string]);
    }
    for (const k in info.metadata) {
      const name = metadataName(k);
      if (name !== null) out.push([name, info.metadata[k] as string]);
    }
    return out;
  };
}
