/**
 * Money per model call: MLflow's own `mlflow.llm.cost` where the span carries it (computed at
 * ingest), else tokens × the price table, else said unknown. Summed per model, per span name, per
 * day over a set of traces, each figure with where it came from and over how many traces.
 */
import { spanCost, spanInputs, spanModel, spanTokenUsage } from '../../trace/conventions.js';
import { modelCallIds } from '../../trace/model-spans.js';
import type { Trace } from '../../trace/trace.js';
import { callCost, type PriceTable } from './prices.js';

export interface CallCost {
  span: string;
  model: string;
  input: number | null;
  output: number | null;
  usd: number | null;
  /** recorded: the span's mlflow.llm.cost; priced: tokens × the table; unknown: a model no table knows. */
  source: 'recorded' | 'priced' | 'unknown';
  /** Characters of the span's logged inputs (JSON): what the app says it sent, against the tokens billed. */
  loggedChars: number | null;
}

function loggedChars(span: Trace['spans'][number]): number | null {
  const v = spanInputs(span)?.value;
  return v === undefined || v === null ? null : (typeof v === 'string' ? v : JSON.stringify(v)).length;
}

/** Every model call of a trace that records tokens or a cost. */
export function callCostsOf(trace: Trace, prices: PriceTable): CallCost[] {
  const out: CallCost[] = [];
  const calls = modelCallIds(trace.spans);
  for (const span of trace.spans) {
    const recorded = spanCost(span);
    const usage = spanTokenUsage(span);
    if (!recorded && !(usage && calls.has(span.id))) continue;
    const model = spanModel(span) ?? '(model not recorded)';
    const input = usage?.input ?? null;
    const output = usage?.output ?? null;
    const chars = loggedChars(span);
    if (recorded?.total != null) out.push({ span: span.name, model, input, output, usd: recorded.total, source: 'recorded', loggedChars: chars });
    else {
      const usd = callCost(prices, model, input, output);
      out.push({ span: span.name, model, input, output, usd, source: usd === null ? 'unknown' : 'priced', loggedChars: chars });
    }
  }
  return out;
}

export interface CostLine {
  key: string;
  calls: number;
  usd: number;
  /** Input and output tokens per call (null: none recorded). */
  inputPerCall: number | null;
  outputPerCall: number | null;
  /** Characters of logged input per call (null: none logged). */
  loggedPerCall: number | null;
  models: string[];
}

export interface CostSummary {
  /** Traces read with spans that these figures cover. */
  traces: number;
  usd: number;
  perTrace: number | null;
  callsPerTrace: number | null;
  recordedCalls: number;
  pricedCalls: number;
  /** Models with calls but no price anywhere: their calls are left out of every sum. */
  unknownModels: Array<{ model: string; calls: number }>;
  byModel: CostLine[];
  bySpan: CostLine[];
  byDay: Array<{ day: string; usd: number; traces: number }>;
  source: string;
}

function lines(calls: readonly CallCost[], keyOf: (c: CallCost) => string): CostLine[] {
  type Tally = { calls: number; usd: number; input: number; withInput: number; output: number; withOutput: number; chars: number; withChars: number };
  const m = new Map<string, Tally & { models: Set<string> }>();
  for (const c of calls) {
    const k = keyOf(c);
    let x = m.get(k);
    if (!x) m.set(k, (x = { calls: 0, usd: 0, input: 0, withInput: 0, output: 0, withOutput: 0, chars: 0, withChars: 0, models: new Set() }));
    x.calls += 1;
    x.usd += c.usd ?? 0;
    x.models.add(c.model);
    if (c.input !== null) {
      x.input += c.input;
      x.withInput += 1;
    }
    if (c.output !== null) {
      x.output += c.output;
      x.withOutput += 1;
    }
    if (c.loggedChars != null) {
      x.chars += c.loggedChars;
      x.withChars += 1;
    }
  }
  return [...m]
    .map(([key, x]) => ({
      key,
      calls: x.calls,
      usd: x.usd,
      inputPerCall: x.withInput ? x.input / x.withInput : null,
      outputPerCall: x.withOutput ? x.output / x.withOutput : null,
      loggedPerCall: x.withChars ? x.chars / x.withChars : null,
      models: [...x.models].sort(),
    }))
    .sort((a, b) => b.usd - a.usd || a.key.localeCompare(b.key));
}

/** The cost of a set of traces (each with its time and its calls). */
export function summariseCost(traces: ReadonlyArray<{ t: number; calls: readonly CallCost[] }>, prices: PriceTable): CostSummary | null {
  const all = traces.flatMap((x) => x.calls);
  if (!all.length) return null;
  const priced = all.filter((c) => c.source === 'priced').length;
  const recorded = all.filter((c) => c.source === 'recorded').length;
  const unknown = lines(
    all.filter((c) => c.source === 'unknown'),
    (c) => c.model,
  ).map((l) => ({ model: l.key, calls: l.calls }));
  const usd = all.reduce((s, c) => s + (c.usd ?? 0), 0);
  const days = new Map<string, { usd: number; traces: number }>();
  for (const x of traces) {
    const day = new Date(x.t).toISOString().slice(0, 10);
    const d = days.get(day) ?? { usd: 0, traces: 0 };
    d.usd += x.calls.reduce((s, c) => s + (c.usd ?? 0), 0);
    d.traces += 1;
    days.set(day, d);
  }
  const source =
    recorded && priced
      ? `MLflow's recorded cost (mlflow.llm.cost) on ${recorded} calls, ${prices.source} on ${priced}`
      : recorded
        ? "MLflow's recorded cost (mlflow.llm.cost, computed at ingest)"
        : priced
          ? prices.source
          : 'no call could be priced';
  return {
    traces: traces.length,
    usd,
    perTrace: traces.length ? usd / traces.length : null,
    callsPerTrace: traces.length ? all.length / traces.length : null,
    recordedCalls: recorded,
    pricedCalls: priced,
    unknownModels: unknown,
    byModel: lines(all, (c) => c.model),
    bySpan: lines(all, (c) => c.span),
    byDay: [...days].map(([day, d]) => ({ day, ...d })).sort((a, b) => a.day.localeCompare(b.day)),
    source,
  };
}

export interface CostDriver {
  span: string;
  /** Per trace, before and after. */
  perTraceFrom: number;
  perTraceTo: number;
  modelFrom: string[];
  modelTo: string[];
  inputPerCallFrom: number | null;
  inputPerCallTo: number | null;
  loggedPerCallFrom: number | null;
  loggedPerCallTo: number | null;
  callsPerTraceFrom: number;
  callsPerTraceTo: number;
}

/** What moves the cost from one cohort to the other, span by span, the largest change first. */
export function costDrivers(a: CostSummary, b: CostSummary): CostDriver[] {
  const names = new Set([...a.bySpan.map((s) => s.key), ...b.bySpan.map((s) => s.key)]);
  const out: CostDriver[] = [];
  for (const span of names) {
    const x = a.bySpan.find((s) => s.key === span);
    const y = b.bySpan.find((s) => s.key === span);
    out.push({
      span,
      perTraceFrom: (x?.usd ?? 0) / (a.traces || 1),
      perTraceTo: (y?.usd ?? 0) / (b.traces || 1),
      modelFrom: x?.models ?? [],
      modelTo: y?.models ?? [],
      inputPerCallFrom: x?.inputPerCall ?? null,
      inputPerCallTo: y?.inputPerCall ?? null,
      loggedPerCallFrom: x?.loggedPerCall ?? null,
      loggedPerCallTo: y?.loggedPerCall ?? null,
      callsPerTraceFrom: (x?.calls ?? 0) / (a.traces || 1),
      callsPerTraceTo: (y?.calls ?? 0) / (b.traces || 1),
    });
  }
  return out.sort((p, q) => Math.abs(q.perTraceTo - q.perTraceFrom) - Math.abs(p.perTraceTo - p.perTraceFrom));
}
