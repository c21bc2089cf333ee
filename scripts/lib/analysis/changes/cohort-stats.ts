/**
 * One cohort's statistics: traces, error rate, negative-verdict rate among judged traces (per
 * verdict name too), latency p50/p95, tokens, and over its traces read with spans: per-span self
 * time, parameters, finish reasons and cost. Every rate keeps the counts behind it.
 */
import { percentile } from '../common/percentile.js';
import type { Verdict } from '../common/verdicts.js';
import { type CallCost, summariseCost } from '../cost/call-costs.js';
import type { PriceTable } from '../cost/prices.js';
import type { Cohort, Rate } from './change-report.js';
import type { SpanFacts } from './span-facts.js';
import { iso, type TraceRecord } from './trace-record.js';

/** Under this many traces a cohort's rates say little: said, not hidden. */
export const MIN_COHORT = 20;

/** What a cohort's figures are read from: the spans read per trace, the verdicts' labels, the prices. */
export interface CohortSource {
  facts: ReadonlyMap<string, SpanFacts>;
  label: (v: Verdict) => string;
  prices: PriceTable;
  /** When several applications share the window untagged: the one whose spans the cohort describes. */
  spanApp?: string | null;
  /** Whether a trace's spans count (the range both cohorts' samples cover). */
  inRange?: (r: TraceRecord) => boolean;
}

export const rate = (n: number, of: number): Rate => ({ n, of, rate: of ? n / of : null });

export const tally = (values: readonly string[]): Array<{ value: string; count: number }> => {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return [...m.entries()].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count);
};

/** The negative rate per verdict label, among the traces judged by it. */
function verdictRates(judged: readonly TraceRecord[], label: (v: Verdict) => string): Cohort['verdicts'] {
  const names = new Map<string, { n: number; of: number; assessment: string; source: string }>();
  for (const r of judged) {
    for (const v of new Map(r.verdicts.map((x) => [label(x), x])).values()) {
      const name = label(v);
      const s = names.get(name) ?? { n: 0, of: 0, assessment: v.name, source: v.source };
      s.of += 1;
      if (r.verdicts.some((x) => label(x) === name && x.negative)) s.n += 1;
      names.set(name, s);
    }
  }
  return [...names.entries()]
    .map(([name, s]) => ({ name, assessment: s.assessment, source: s.source, ...rate(s.n, s.of) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The cohort's figures from its traces read with spans (of the span app, in range). */
function spanFigures(rs: readonly TraceRecord[], src: CohortSource): Pick<Cohort, 'spansRead' | 'spans' | 'params' | 'finishReasons' | 'cost'> {
  const spanTimes = new Map<string, { self: number[]; dur: number[] }>();
  const params = new Map<string, string[]>();
  const finish: string[] = [];
  const costed: Array<{ t: number; calls: CallCost[] }> = [];
  const spanApp = src.spanApp ?? null;
  let spansRead = 0;
  for (const r of rs) {
    const f = src.facts.get(r.id);
    if (!f || (spanApp !== null && f.root !== null && f.root !== spanApp) || !(src.inRange?.(r) ?? true)) continue;
    spansRead += 1;
    for (const s of f.spans) {
      let x = spanTimes.get(s.name);
      if (!x) spanTimes.set(s.name, (x = { self: [], dur: [] }));
      x.self.push(s.self);
      x.dur.push(s.dur);
    }
    for (const [k, v] of Object.entries(f.params)) {
      let x = params.get(k);
      if (!x) params.set(k, (x = []));
      x.push(v);
    }
    finish.push(...f.finish);
    costed.push({ t: r.t, calls: f.calls });
  }
  const spans = [...spanTimes.entries()]
    .map(([name, x]) => ({ name, count: x.self.length, selfP50: percentile(x.self, 0.5), selfP95: percentile(x.self, 0.95), p50: percentile(x.dur, 0.5) }))
    .sort((a, b) => (b.selfP50 ?? 0) - (a.selfP50 ?? 0));
  const paramTallies = Object.fromEntries([...params.entries()].map(([k, v]) => [k, tally(v)]));
  return { spansRead, spans, params: paramTallies, finishReasons: tally(finish), cost: summariseCost(costed, src.prices) };
}

export function cohortOf(value: string, rs: readonly TraceRecord[], src: CohortSource): Cohort {
  const judged = rs.filter((r) => r.verdicts.length);
  const durs = rs.map((r) => r.durationMs).filter((d): d is number => d !== null);
  const toks = rs.map((r) => r.tokens).filter((d): d is number => d !== null);
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const r of rs) {
    first = Math.min(first, r.t);
    last = Math.max(last, r.t);
  }
  const { spansRead, spans, params, finishReasons, cost } = spanFigures(rs, src);
  return {
    value,
    traces: rs.length,
    first: iso(first),
    last: iso(last),
    errors: rate(rs.filter((r) => r.state === 'ERROR').length, rs.length),
    negative: rate(judged.filter((r) => r.verdicts.some((v) => v.negative)).length, judged.length),
    verdicts: verdictRates(judged, src.label),
    latency: { p50: percentile(durs, 0.5), p95: percentile(durs, 0.95) },
    tokensP50: percentile(toks, 0.5),
    spansRead,
    spans,
    params,
    finishReasons,
    cost,
  };
}
