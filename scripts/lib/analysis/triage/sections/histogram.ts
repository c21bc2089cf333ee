/** Traces and failures per hour (a window of up to two days) or per day. */
import type { InfoRead, TraceAggregate, TriageSection } from '../section.js';
import { defineSection } from '../section.js';

const MAX_BUCKETS = 60;

export interface Histogram {
  unit: 'hour' | 'day';
  buckets: Array<{ start: string; traces: number; failures: number }>;
  /** Buckets left out at the old end (at most 60 are kept). */
  omitted: number;
}

export class HistogramSection implements TriageSection<{ histogram: Histogram }> {
  private times: Array<{ t: number; failed: boolean; n?: number }> = [];
  private served = false;

  addInfo({ trace: { info } }: InfoRead): void {
    if (!this.served && info.requestTimeMs !== null) this.times.push({ t: info.requestTimeMs, failed: info.state === 'ERROR' });
  }

  /** The server's traces per hour and state: the whole window's histogram, not the sample's. */
  addAggregate(a: TraceAggregate): void {
    if (a.kind !== 'states' || !a.hours) return;
    this.served = true;
    this.times = a.hours.map((h) => ({ t: h.t, failed: h.state === 'ERROR', n: h.n }));
  }

  result(): { histogram: Histogram } {
    return { histogram: histogram(this.times) };
  }
}

/** `n`: how many traces the entry stands for (the server's hourly counts); 1 when absent. */
export function histogram(times: ReadonlyArray<{ t: number; failed: boolean; n?: number }>): Histogram {
  if (!times.length) return { unit: 'day', buckets: [], omitted: 0 };
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const { t } of times) {
    lo = Math.min(lo, t);
    hi = Math.max(hi, t);
  }
  const unit: Histogram['unit'] = hi - lo <= 48 * 3_600_000 ? 'hour' : 'day';
  const width = unit === 'hour' ? 3_600_000 : 86_400_000;
  const start = Math.floor(lo / width) * width;
  const n = Math.floor((hi - start) / width) + 1;
  const keep = Math.min(n, MAX_BUCKETS);
  const first = n - keep;
  const buckets = Array.from({ length: keep }, (_, i) => ({ start: new Date(start + (first + i) * width).toISOString(), traces: 0, failures: 0 }));
  for (const { t, failed, n = 1 } of times) {
    const b = buckets[Math.floor((t - start) / width) - first];
    if (!b) continue;
    b.traces += n;
    if (failed) b.failures += n;
  }
  return { unit, buckets, omitted: first };
}

export const histogramSection = defineSection('histogram', () => new HistogramSection());
