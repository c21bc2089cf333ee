/**
 * A triage section: one question triage answers across many traces (failures, verdicts, latency …),
 * with its own state. The accumulator (triage.ts) reads each trace info and each trace with spans
 * once and hands it to every section in the registry (registry.ts); at the end each section's
 * `result()` is spread into the findings, in registry order. Its view is `render/triage/<name>.ts`.
 *
 * A section can also be filled from numbers the tracking server aggregated (`addAggregate`), so
 * the metrics path and the paging path fill the same result and the views do not know which answered.
 */
import { BUILTIN_PRICES, type PriceTable } from '../cost/prices.js';
import type { Trace } from '../../trace/trace.js';
import type { SpanTree } from '../../trace/tree.js';
import type { Member, TraceRef, TracesRead } from './traces-read.js';

export type { Member, TraceRef };

/** Why a trace's spans were read: it failed, it is in the slow tail, every trace was (--spans), or a sample (cohorts, OK calls). */
export type SpanRole = 'failing' | 'slow' | 'all' | 'sample';

/** One trace's info (spans, if present, are not needed here) with the facts shared by sections. */
export interface InfoRead {
  trace: Trace;
  /** Its id, time and the `key\u0000value` pairs over-representation looks at. */
  member: Member;
}

/** One trace with its spans; the tree is built once for every section. */
export interface SpansRead {
  trace: Trace;
  tree: SpanTree;
  role: SpanRole;
  /** The first time this failing trace's spans are read: it joins the failure clusters now. */
  firstOfFailing: boolean;
}

/**
 * Numbers the tracking server aggregated over the whole window (issue 28's metrics path): they
 * replace the section's whole-window figures, while the traces read (a sample then) still give
 * its examples. Each kind is filled by whichever section it concerns; new kinds are added here.
 */
export type TraceAggregate =
  /** Traces per state over the whole window; first/last: its first and last hour with traces. */
  | { kind: 'states'; counts: Record<string, number>; first: number | null; last: number | null; hours?: Array<{ t: number; state: string; n: number }> }
  /** Trace latency percentiles as the server computes them (interpolated, not nearest-rank). */
  | { kind: 'latency'; count: number; p50: number | null; p95: number | null; max: number | null }
  | { kind: 'tokens'; median: number; total: number | null }
  /** Span cost (mlflow.llm.cost) per UTC day of span start, beside the day's traces. */
  | { kind: 'costPerDay'; days: Array<{ day: string; traces: number; usd: number }> }
  | { kind: 'costByModel'; models: Array<{ model: string; usd: number }> }
  | { kind: 'assessments'; counts: Record<string, number> }
  /** Feedback per name over the window, every source together (the endpoint has no source dimension). */
  | { kind: 'verdictTotals'; perName: Record<string, VerdictTotal> };

/** One assessment name's feedback over the window: with a value, positive, negative; with none (a judge's error). */
export interface VerdictTotal {
  judged: number;
  positive: number;
  negative: number;
  noValue: number;
}

export interface TriageSection<R extends object> {
  addInfo?(read: InfoRead, shared: TracesRead): void;
  addSpans?(read: SpansRead, shared: TracesRead): void;
  addAggregate?(aggregate: TraceAggregate): void;
  /** Spread into the findings: its keys are the findings' (and the --json output's) keys. */
  result(shared: TracesRead): R;
}

/** What a triage hands every section it creates: the prices for calls MLflow recorded no cost on (--prices FILE over the built-in table). */
export interface SectionOptions {
  prices: PriceTable;
}

export const DEFAULT_SECTION_OPTIONS: SectionOptions = { prices: BUILTIN_PRICES };

/** A registry entry: the section's name (its view's file name) and a fresh state per triage. */
export interface SectionDef<N extends string = string, S extends TriageSection<object> = TriageSection<object>> {
  name: N;
  create: (o: SectionOptions) => S;
}

export const defineSection = <N extends string, S extends TriageSection<object>>(name: N, create: (o: SectionOptions) => S): SectionDef<N, S> => ({
  name,
  create,
});

/** What a section definition's `result()` returns. */
export type ResultOf<D> = D extends SectionDef<string, infer S> ? ReturnType<S['result']> : never;
