/**
 * What is going wrong across many traces, computed as the pages stream in: each trace info and
 * each trace with spans is handed to every section of the registry (failures, verdicts, judge
 * failures, latency, tokens, in progress, histogram …), which folds it into its own counters and
 * keeps only the few facts its findings need, so memory does not grow with the spans of N traces.
 */
import type { Trace } from '../../trace/trace.js';
import { buildTree } from '../../trace/tree.js';
import { TRIAGE_SECTIONS } from './registry.js';
import {
  DEFAULT_SECTION_OPTIONS,
  type ResultOf,
  type SectionDef,
  type SectionOptions,
  type SpanRole,
  type TraceAggregate,
  type TriageSection,
} from './section.js';
import { FailuresSection } from './sections/failures.js';
import { LatencySection } from './sections/latency.js';
import { TracesRead } from './traces-read.js';

type Intersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** The sections' results, spread into one object. */
export type FindingsOf<D extends readonly SectionDef[]> = Intersection<ResultOf<D[number]>>;
/** Every registered section's result. */
export type TriageFindings = FindingsOf<typeof TRIAGE_SECTIONS>;

/** Runs the registry's sections (or the ones given: a test of one section runs it through the same fan-out). */
export class TriageAccumulator<D extends readonly SectionDef[] = typeof TRIAGE_SECTIONS> {
  private readonly shared = new TracesRead();
  private readonly sections: Map<SectionDef, TriageSection<object>>;

  constructor(defs: D = TRIAGE_SECTIONS as unknown as D, options: SectionOptions = DEFAULT_SECTION_OPTIONS) {
    this.sections = new Map(defs.map((d) => [d, d.create(options)]));
  }

  /** Pass 1: one trace's info (spans, if present, are not needed here). */
  addInfo(trace: Trace): void {
    const read = { trace, member: this.shared.addInfo(trace.info) };
    for (const s of this.sections.values()) s.addInfo?.(read, this.shared);
  }

  /** Pass 2/3: a trace with spans, read because it failed, is in the slow tail, all were read, or a sample. */
  addSpans(trace: Trace, role: SpanRole): void {
    const read = { trace, tree: buildTree(trace.spans), role, firstOfFailing: this.shared.markFailingSpansRead(trace.info) };
    for (const s of this.sections.values()) s.addSpans?.(read, this.shared);
  }

  /** Numbers the tracking server aggregated, to whichever section they concern. */
  addAggregate(aggregate: TraceAggregate): void {
    for (const s of this.sections.values()) s.addAggregate?.(aggregate);
  }

  /** The failing traces seen so far, newest first: whose spans name the culprits. */
  failingIdsNewestFirst(): Array<{ id: string; t: number | null }> {
    return this.shared.failingIdsNewestFirst();
  }

  /** The slow tail's threshold (latency section): which traces' spans the slow pass reads. */
  slowThresholdMs(): number | null {
    return this.state(LatencySection).slowThresholdMs();
  }

  /** The slow tail among the traces read, slowest first (at most `max`). */
  slowIds(max: number): string[] {
    return this.state(LatencySection).slowIds(max);
  }

  /** Failing spans whose inputs want OK calls to be set beside (failures section). */
  spansWantingOkCalls(min?: number, max?: number): string[] {
    return this.state(FailuresSection).spansWantingOkCalls(min, max);
  }

  /** The state of one section, for the job's questions between passes. */
  state<S extends TriageSection<object>>(kind: new () => S): S {
    for (const s of this.sections.values()) if (s instanceof kind) return s;
    throw new Error(`no ${kind.name} in the triage registry`);
  }

  result(): FindingsOf<D> {
    const findings = {};
    for (const s of this.sections.values()) Object.assign(findings, s.result(this.shared));
    return findings as FindingsOf<D>;
  }
}
