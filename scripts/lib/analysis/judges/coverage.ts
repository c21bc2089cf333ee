/**
 * Which traces a source scored: how many, over what time, and on which tag values. A judge that
 * ran on one version only makes "negative verdicts over-represented on that version" a fact
 * about where it ran, not about the version: the warning says so.
 */
import type { Trace } from '../../trace/trace.js';

export interface SourceCoverage {
  source: string;
  sourceIds: string[];
  verdicts: number;
  traces: number;
  of: number;
  first: string | null;
  last: string | null;
  /** Tag values that hold all of this source's verdicts while the window has others: a cohort covered alone. */
  onlyOn: Array<{ key: string; value: string; scored: number; valueTraces: number; otherTraces: number }>;
  /** Counts of labels (pass, fail, or the value): positives as well as negatives. */
  labels: Record<string, number>;
}

/** Keys set by MLflow per trace (ids, sizes, previews): no cohort. */
const TRACE_KEYS = String.raw`trace\.(session|user|sizeBytes|sizeStats|tokenUsage|requestPreview|responsePreview)`;
const PER_TRACE = new RegExp(
  String.raw`^mlflow\.(${TRACE_KEYS}|traceInputs|traceOutputs|source\.|artifactLocation|modelId|spanInputs)|^mlflow\.trace_schema`,
  'i',
);

function cohortValues(t: Trace): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [k, v] of Object.entries(t.info.tags)) if (!PER_TRACE.test(k) && v.length <= 80) out.push([`tag.${k}`, v]);
  for (const [k, v] of Object.entries(t.info.metadata))
    if (!PER_TRACE.test(k) && /version|release|commit|model/i.test(k) && v.length <= 80) out.push([`metadata.${k}`, v]);
  return out;
}

export function coverageOf(
  source: string,
  verdicts: ReadonlyArray<{ traceId: string; sourceId: string | null; label: string }>,
  traces: readonly Trace[],
): SourceCoverage {
  const ids = new Set(verdicts.map((v) => v.traceId));
  const scored = traces.filter((t) => ids.has(t.info.traceId));
  const times = scored
    .map((t) => t.info.requestTimeMs)
    .filter((x): x is number => x !== null)
    .sort((a, b) => a - b);
  const labels: Record<string, number> = {};
  for (const v of verdicts) labels[v.label] = (labels[v.label] ?? 0) + 1;
  const onlyOn: SourceCoverage['onlyOn'] = [];
  // A key whose every scored trace has one value while unscored traces carry other values.
  const byKey = new Map<string, Map<string, { all: number; scored: number }>>();
  for (const t of traces) {
    const hit = ids.has(t.info.traceId);
    for (const [k, v] of cohortValues(t)) {
      const m = byKey.get(k) ?? new Map<string, { all: number; scored: number }>();
      const c = m.get(v) ?? { all: 0, scored: 0 };
      c.all++;
      if (hit) c.scored++;
      m.set(v, c);
      byKey.set(k, m);
    }
  }
  for (const [key, m] of byKey) {
    if (key === 'tag.mlflow.traceName' || m.size < 2) continue;
    const withScores = [...m].filter(([, c]) => c.scored > 0);
    if (withScores.length !== 1) continue;
    const [value, c] = withScores[0] as [string, { all: number; scored: number }];
    if (c.scored !== scored.length) continue;
    const otherTraces = [...m].filter(([v]) => v !== value).reduce((s, [, x]) => s + x.all, 0);
    if (otherTraces > 0) onlyOn.push({ key, value, scored: c.scored, valueTraces: c.all, otherTraces });
  }
  return {
    source,
    sourceIds: [...new Set(verdicts.map((v) => v.sourceId).filter((s): s is string => !!s))].slice(0, 5),
    verdicts: verdicts.length,
    traces: ids.size,
    of: traces.length,
    first: times.length ? new Date(times[0] as number).toISOString() : null,
    last: times.length ? new Date(times.at(-1) as number).toISOString() : null,
    onlyOn: onlyOn.slice(0, 5),
    labels,
  };
}
