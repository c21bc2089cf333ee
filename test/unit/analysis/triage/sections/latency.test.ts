import { describe, expect, it } from 'vitest';
import { latencySection } from '../../../../../scripts/lib/analysis/triage/sections/latency.js';
import { traceAt, triageOver } from '../../../../support/builders.js';
import { span } from '../../../../support/spans.js';

/** A trace whose retrieve step takes `retrieveMs` under a root of `total` ms. */
const timed = (n: number, total: number, retrieveMs: number) =>
  traceAt(n, n, {
    durationMs: total,
    spans: [span('r', 'agent', { start: 0, end: total }), span('a', 'retrieve', { parentId: 'r', start: 0, end: retrieveMs })],
  });

describe('latency section: percentiles, the slow tail and where its time goes', () => {
  const fast = Array.from({ length: 30 }, (_, i) => timed(i, 1_000, 200));
  const slow = Array.from({ length: 4 }, (_, i) => timed(100 + i, 5_000, 4_000));
  const acc = triageOver([latencySection], [...fast, ...slow], [...slow.map((t) => [t, 'slow'] as const), ...fast.slice(0, 5).map((t) => [t, 'all'] as const)]);
  const { latency } = acc.result();

  it('takes trace percentiles over every info and sets the tail at twice the median or p95', () => {
    expect(latency.traces).toEqual({ count: 34, p50: 1_000, p95: 5_000, max: 5_000 });
    expect(latency.slowTail.thresholdMs).toBe(5_000);
    expect(latency.slowTail.count).toBe(4);
    expect(acc.slowThresholdMs()).toBe(5_000);
    // The same traces by id, slowest first and bounded: what the one search by id reads on the metrics path.
    expect(acc.slowIds(10).sort()).toEqual(slow.map((t) => t.info.traceId).sort());
    expect(acc.slowIds(2)).toHaveLength(2);
  });

  it('finds the span whose self time grows in the tail, over the traces whose spans were read', () => {
    expect(latency.tailSpan).toEqual({ name: 'retrieve', tailSelfP50: 4_000, restSelfP50: 200 });
    expect(latency.spansFrom).toEqual({ traces: 9, failing: 0, slowTail: 4, all: true });
    expect(latency.spans.map((s) => s.name)).toEqual(['retrieve', 'agent']);
  });

  it('has no tail under 20 traces, and samples never enter the table', () => {
    const few = triageOver([latencySection], fast.slice(0, 10), [[fast[0] as never, 'sample']]).result().latency;
    expect(few.slowTail).toEqual({ thresholdMs: null, count: 0, slowest: [] });
    expect(few.spans).toEqual([]);
  });

  it('takes the whole window’s percentiles from the tracking server; the tail stays the traces read', () => {
    const served = triageOver([latencySection], [...fast, ...slow]);
    served.addAggregate({ kind: 'latency', count: 10_000, p50: 990, p95: 4_900, max: 9_000 });
    const l = served.result().latency;
    expect(l.traces).toEqual({ count: 10_000, p50: 990, p95: 4_900, max: 9_000 });
    expect(l.slowTail.count).toBe(4);
  });
});
