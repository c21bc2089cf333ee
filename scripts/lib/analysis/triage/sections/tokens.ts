/** Tokens per trace (MLflow's trace-level usage): the median, and the traces far above it. */
import { isoOrNull, percentile } from '../../common/percentile.js';
import { tokenTotalOf } from '../../common/trace-info.js';
import type { InfoRead, TraceAggregate, TraceRef, TriageSection } from '../section.js';
import { defineSection } from '../section.js';

export interface Tokens {
  median: number | null;
  outliers: Array<TraceRef & { total: number }>;
}

export class TokensSection implements TriageSection<{ tokens: Tokens }> {
  private readonly totals: Array<{ id: string; t: number | null; total: number }> = [];
  private serverMedian: number | null = null;

  /** The whole window's median from the tracking server; outliers stay among the traces read. */
  addAggregate(a: TraceAggregate): void {
    if (a.kind === 'tokens') this.serverMedian = a.median;
  }

  addInfo({ trace: { info } }: InfoRead): void {
    const total = tokenTotalOf(info);
    if (total !== null) this.totals.push({ id: info.traceId, t: info.requestTimeMs, total });
  }

  result(): { tokens: Tokens } {
    const median =
      this.serverMedian ??
      percentile(
        this.totals.map((x) => x.total),
        0.5,
      );
    // An outlier: five times the median and a thousand tokens more, over ten traces or more.
    const outliers =
      median === null || this.totals.length < 10
        ? []
        : this.totals
            .filter((x) => x.total >= Math.max(5 * median, median + 1_000))
            .sort((a, b) => b.total - a.total)
            .slice(0, 5)
            .map((x) => ({ traceId: x.id, time: isoOrNull(x.t), total: x.total }));
    return { tokens: { median, outliers } };
  }
}

export const tokensSection = defineSection('tokens', () => new TokensSection());
