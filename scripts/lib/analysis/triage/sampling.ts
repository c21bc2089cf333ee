/**
 * Beyond --limit: the part of the window older than the newest N traces, read as equal time
 * slices of at most `cap` traces each (each slice's newest), so an experiment of any size costs a
 * bounded number of calls and the history is seen evenly rather than not at all. A slice whose
 * read stopped at the cap is extrapolated from its rate in the part read: a heuristic that assumes
 * steady traffic within the slice, and says so, with a range.
 */
import type { Trace } from '../../trace/trace.js';
import { verdictsOf } from '../common/verdicts.js';
import { percentile } from '../common/percentile.js';

/** A count that may be extrapolated: `n` the estimate, [lo, hi] its range; exact when all were read. */
export interface Estimate {
  n: number;
  lo: number;
  hi: number;
  exact: boolean;
}

export interface SliceStats {
  fromMs: number;
  toMs: number;
  read: number;
  /** How many the slice holds: exact unless its read stopped at the cap. */
  traces: Estimate;
  errors: number;
  judged: number;
  negative: number;
  p50Ms: number | null;
}

export interface SampleFindings {
  /** The sampled part: from the window's start to the oldest of the newest N (exclusive). */
  fromMs: number;
  toMs: number;
  /** The most read per slice; null when the slices were read whole (a SQL store's one page). */
  cap: number | null;
  slices: SliceStats[];
  /** Traces in the sampled part, summed over the slices. */
  traces: Estimate;
}

/** `count` equal slices of [fromMs, toMs), oldest first; fewer when the span is only a few ms. */
export function sliceBounds(fromMs: number, toMs: number, count: number): Array<[number, number]> {
  const n = Math.max(1, Math.min(count, toMs - fromMs));
  const bounds: Array<[number, number]> = [];
  for (let i = 0; i < n; i++) bounds.push([fromMs + Math.floor(((toMs - fromMs) * i) / n), fromMs + Math.floor(((toMs - fromMs) * (i + 1)) / n)]);
  return bounds;
}

/**
 * A slice's size from its newest `read` traces. Under the cap the read is everything. At the cap
 * the `read` traces took (toMs - oldestReadMs) of the slice: the rest is extrapolated at that
 * rate, with a 95 % range for a Poisson count (read ± 1.96·√read over the part read).
 */
export function estimateSlice(read: number, cap: number, fromMs: number, toMs: number, oldestReadMs: number | null): Estimate {
  if (read < cap || oldestReadMs === null) return { n: read, lo: read, hi: read, exact: true };
  const covered = Math.max(1, toMs - oldestReadMs);
  const rest = Math.max(0, oldestReadMs - fromMs) / covered;
  const spread = 1.96 * Math.sqrt(read);
  return {
    n: Math.round(read + read * rest),
    lo: Math.round(read + Math.max(0, read - spread) * rest),
    hi: Math.round(read + (read + spread) * rest),
    exact: false,
  };
}

export const sumEstimates = (xs: Estimate[]): Estimate => ({
  n: xs.reduce((s, x) => s + x.n, 0),
  lo: xs.reduce((s, x) => s + x.lo, 0),
  hi: xs.reduce((s, x) => s + x.hi, 0),
  exact: xs.every((x) => x.exact),
});

/** One slice's traces as they are read: counts only, nothing per trace kept but its duration. */
export class SliceAccumulator {
  private read = 0;
  private errors = 0;
  private judged = 0;
  private negative = 0;
  private oldestMs: number | null = null;
  private readonly durations: number[] = [];
  /** A single-call (SQL) store tells how many matched in all: then nothing is extrapolated. */
  totalKnown: number | null = null;

  add(trace: Trace): void {
    const { info } = trace;
    this.read += 1;
    if (info.state === 'ERROR') this.errors += 1;
    if (info.durationMs !== null) this.durations.push(info.durationMs);
    if (info.requestTimeMs !== null) this.oldestMs = this.oldestMs === null ? info.requestTimeMs : Math.min(this.oldestMs, info.requestTimeMs);
    const verdicts = verdictsOf(trace);
    if (verdicts.length) this.judged += 1;
    if (verdicts.some((v) => v.negative)) this.negative += 1;
  }

  result(fromMs: number, toMs: number, cap: number): SliceStats {
    return {
      fromMs,
      toMs,
      read: this.read,
      traces:
        this.totalKnown !== null
          ? { n: this.totalKnown, lo: this.totalKnown, hi: this.totalKnown, exact: true }
          : estimateSlice(this.read, cap, fromMs, toMs, this.oldestMs),
      errors: this.errors,
      judged: this.judged,
      negative: this.negative,
      p50Ms: percentile(this.durations, 0.5),
    };
  }
}

/** Slices of traces already read (a SQL store's one page): every one counted, nothing extrapolated. */
export function sliceTraces(traces: readonly Trace[], beforeMs: number, count: number): SampleFindings | null {
  let startMs = Number.POSITIVE_INFINITY;
  for (const t of traces) {
    const at = t.info.requestTimeMs;
    if (at !== null && at < beforeMs && at < startMs) startMs = at;
  }
  if (startMs === Number.POSITIVE_INFINITY) return null;
  const bounds = sliceBounds(startMs, beforeMs, count);
  const accs = bounds.map(() => new SliceAccumulator());
  for (const t of traces) {
    const at = t.info.requestTimeMs;
    // A handful of slices: a linear look-up is all it takes.
    const i = at === null ? -1 : bounds.findIndex(([from, to]) => at >= from && at < to);
    if (i >= 0) accs[i]?.add(t);
  }
  const slices = bounds.map(([fromMs, toMs], i) => (accs[i] as SliceAccumulator).result(fromMs, toMs, Number.POSITIVE_INFINITY));
  return { fromMs: startMs, toMs: beforeMs, cap: null, slices, traces: sumEstimates(slices.map((s) => s.traces)) };
}
