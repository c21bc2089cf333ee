import { describe, expect, it } from 'vitest';
import { histogram, histogramSection } from '../../../../../scripts/lib/analysis/triage/sections/histogram.js';
import { HOUR, T0, traceAt, triageOver } from '../../../../support/builders.js';

describe('histogram section: traces and failures per hour or per day', () => {
  it('per hour within two days, failures counted per bucket', () => {
    const infos = [traceAt(1, 0), traceAt(2, 0.5, { state: 'ERROR' }), traceAt(3, 2, { state: 'ERROR' })];
    const { histogram: h } = triageOver([histogramSection], infos).result();
    expect(h.unit).toBe('hour');
    expect(h.buckets.map((b) => [b.traces, b.failures])).toEqual([
      [2, 1],
      [0, 0],
      [1, 1],
    ]);
  });

  it('per day beyond two days, keeping the newest 60 and saying how many went', () => {
    const times = Array.from({ length: 70 }, (_, d) => ({ t: T0 + d * 24 * HOUR, failed: d % 2 === 0 }));
    const h = histogram(times);
    expect(h.unit).toBe('day');
    expect(h.buckets).toHaveLength(60);
    expect(h.omitted).toBe(10);
    expect(h.buckets[0]?.start).toBe(new Date(T0 + 10 * 24 * HOUR).toISOString());
  });

  it('has no bucket without a timed trace', () => {
    expect(histogram([])).toEqual({ unit: 'day', buckets: [], omitted: 0 });
  });

  it('from the server’s traces per hour and state: the whole window, not the traces read', () => {
    const acc = triageOver([histogramSection], [traceAt(1, 2)]);
    acc.addAggregate({
      kind: 'states',
      counts: { OK: 30, ERROR: 5 },
      first: T0,
      last: T0 + 3 * HOUR - 1,
      hours: [
        { t: T0, state: 'OK', n: 20 },
        { t: T0, state: 'ERROR', n: 5 },
        { t: T0 + 2 * HOUR, state: 'OK', n: 10 },
      ],
    });
    expect(acc.result().histogram.buckets.map((b) => [b.traces, b.failures])).toEqual([
      [25, 5],
      [0, 0],
      [10, 0],
    ]);
  });
});
