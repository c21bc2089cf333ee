/** Beyond --limit: slices of the older window, exact when read whole, extrapolated (with a range) when not. */
import { describe, expect, it } from 'vitest';
import { estimateSlice, SliceAccumulator, sliceBounds, sliceTraces, sumEstimates } from '../../../../scripts/lib/analysis/triage/sampling.js';
import { sampleSection } from '../../../../scripts/lib/render/triage/sample.js';
import type { Assessment, Trace } from '../../../../scripts/lib/trace/trace.js';
import { feedback } from '../../../support/assessments.js';

const MIN = 60_000;
const T0 = Date.parse('2026-11-01T00:00:00Z');

const verdict = (value: string): Assessment => feedback('correctness', value);

const trace = (i: number, t: number, o: { state?: string; dur?: number; verdict?: string } = {}): Trace => ({
  format: '3.x',
  spans: [],
  info: {
    traceId: `tr-${i}`,
    experimentId: '1',
    requestTimeMs: t,
    durationMs: o.dur ?? 100,
    state: o.state ?? 'OK',
    requestPreview: null,
    responsePreview: null,
    metadata: {},
    tags: {},
    assessments: o.verdict ? [verdict(o.verdict)] : [],
    sessionId: null,
    userId: null,
  },
});

describe('sliceBounds', () => {
  it('covers [from, to) in equal, adjacent slices, oldest first', () => {
    const b = sliceBounds(0, 1000, 4);
    expect(b).toEqual([
      [0, 250],
      [250, 500],
      [500, 750],
      [750, 1000],
    ]);
  });
  it('never makes empty slices of a window of a few ms', () => {
    expect(sliceBounds(10, 12, 8)).toEqual([
      [10, 11],
      [11, 12],
    ]);
  });
});

describe('estimateSlice', () => {
  it('is exact when the read stopped under the cap', () => {
    expect(estimateSlice(40, 100, 0, 1000, 500)).toEqual({ n: 40, lo: 40, hi: 40, exact: true });
  });
  it('extrapolates a capped read at the rate of the part read, with a Poisson range around it', () => {
    // 100 traces in the newest quarter of the slice: about 400 in all.
    const e = estimateSlice(100, 100, 0, 4000, 3000);
    expect(e.exact).toBe(false);
    expect(e.n).toBe(400);
    expect(e.lo).toBeLessThan(400);
    expect(e.hi).toBeGreaterThan(400);
    expect(e.lo).toBeGreaterThanOrEqual(100);
    expect(e.lo).toBe(Math.round(100 + (100 - 1.96 * 10) * 3));
  });
  it('sums slices, exact only when every slice is', () => {
    expect(sumEstimates([estimateSlice(5, 10, 0, 1, 0), estimateSlice(100, 100, 0, 4000, 3000)])).toMatchObject({ n: 405, exact: false });
  });
});

describe('SliceAccumulator', () => {
  it('counts errors, judged and negative traces, and the median duration', () => {
    const acc = new SliceAccumulator();
    acc.add(trace(1, T0, { state: 'ERROR', dur: 300 }));
    acc.add(trace(2, T0 + MIN, { verdict: 'no', dur: 100 }));
    acc.add(trace(3, T0 + 2 * MIN, { verdict: 'yes', dur: 200 }));
    expect(acc.result(T0, T0 + 10 * MIN, 10)).toMatchObject({ read: 3, errors: 1, judged: 2, negative: 1, p50Ms: 200, traces: { n: 3, exact: true } });
  });
  it('takes a SQL store’s total as exact, whatever the cap', () => {
    const acc = new SliceAccumulator();
    acc.add(trace(1, T0));
    acc.totalKnown = 7;
    expect(acc.result(T0, T0 + MIN, 1).traces).toEqual({ n: 7, lo: 7, hi: 7, exact: true });
  });
});

describe('sliceTraces (the traces a SQL store already returned)', () => {
  // One trace a minute for 100 minutes; errors in the last 20.
  const traces = Array.from({ length: 100 }, (_, i) => trace(i, T0 + i * MIN, { state: i >= 80 ? 'ERROR' : 'OK' }));
  it('puts every trace before the cut in exactly one slice, and none after', () => {
    const s = sliceTraces(traces, T0 + 90 * MIN, 3);
    expect(s?.slices.map((x) => x.read)).toEqual([30, 30, 30]);
    expect(s?.traces).toEqual({ n: 90, lo: 90, hi: 90, exact: true });
    expect(s?.slices.map((x) => x.errors)).toEqual([0, 0, 10]);
    expect(s?.cap).toBeNull();
  });
  it('is nothing when no trace is older than the cut', () => {
    expect(sliceTraces(traces, T0, 8)).toBeNull();
  });
});

describe('the EARLIER IN THE WINDOW section', () => {
  it('marks estimates as a heuristic with their range, and exact counts plainly', () => {
    const acc = new SliceAccumulator();
    for (let i = 0; i < 100; i++) acc.add(trace(i, T0 + 3000 + i * 10));
    const slice = acc.result(T0, T0 + 4000, 100);
    const text = sampleSection({ fromMs: T0, toMs: T0 + 4000, cap: 100, slices: [slice], traces: slice.traces }, 5000, 'MORE').lines.join('\n');
    expect(text).toMatch(/sampled: the newest ≤ 100 of each/);
    expect(text).toMatch(/≈ [\d,]+ \([\d,]+–[\d,]+\) traces from/);
    expect(text).toMatch(/a heuristic: .*steady traffic assumed/);
    expect(text).toMatch(/over the newest traces only/);
  });
});
