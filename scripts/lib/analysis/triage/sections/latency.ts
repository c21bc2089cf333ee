/**
 * Latency: trace p50/p95/max and the slow tail (its threshold also chooses which traces' spans
 * the job reads next), and per span name total and self time over the traces whose spans were
 * read, with the span whose self time grows most in the tail.
 */
import { durationOf } from '../../../trace/tree.js';
import { isoOrNull, percentile } from '../../common/percentile.js';
import { selfTimeMs } from '../../trace/timing.js';
import type { InfoRead, SpansRead, TraceAggregate, TraceRef, TriageSection } from '../section.js';
import { defineSection } from '../section.js';
import type { TracesRead } from '../traces-read.js';

export interface SpanLatency {
  name: string;
  count: number;
  p50: number | null;
  p95: number | null;
  max: number | null;
  selfP50: number | null;
  selfP95: number | null;
  selfMax: number | null;
  /** Median self time of this span in the slow-tail traces, and in the other traces read. */
  tailSelfP50: number | null;
  restSelfP50: number | null;
}

export interface Latency {
  traces: { count: number; p50: number | null; p95: number | null; max: number | null };
  /** `app`: the trace's root span name (tag mlflow.traceName), to tell applications apart. */
  slowTail: { thresholdMs: number | null; count: number; slowest: Array<TraceRef & { durationMs: number; app: string | null }> };
  /** Whose spans the per-span figures come from. */
  spansFrom: { traces: number; failing: number; slowTail: number; all: boolean };
  spans: SpanLatency[];
  /** The span whose self time grows most in the slow tail: where the tail's time goes. */
  tailSpan: { name: string; tailSelfP50: number; restSelfP50: number | null } | null;
}

type SpanTimes = { durs: number[]; selfs: number[]; tail: number[]; rest: number[] };
const maxOf = (xs: readonly number[]) => (xs.length ? Math.max(...xs) : null);

export class LatencySection implements TriageSection<{ latency: Latency }> {
  private readonly durations: Array<{ id: string; t: number | null; d: number; app: string | null }> = [];
  private readonly spanTimes = new Map<string, SpanTimes>();
  /** Per span name, the slow-tail traces that have it. */
  private readonly tailPresence = new Map<string, number>();
  private readonly spanTraces = new Set<string>();
  private slowSpanTraces = 0;
  private allSpans = false;
  private threshold: { n: number; value: number | null } | null = null;
  private server: Extract<TraceAggregate, { kind: 'latency' }> | null = null;

  /** The whole window's trace percentiles from the tracking server; the slow tail stays the traces read. */
  addAggregate(a: TraceAggregate): void {
    if (a.kind === 'latency') this.server = a;
  }

  addInfo({ trace: { info } }: InfoRead): void {
    if (info.durationMs !== null)
      this.durations.push({ id: info.traceId, t: info.requestTimeMs, d: info.durationMs, app: info.tags['mlflow.traceName'] ?? null });
  }

  addSpans({ trace, tree, role }: SpansRead): void {
    const id = trace.info.traceId;
    if (role === 'all') this.allSpans = true;
    // Samples (cohorts, OK calls) are not the traces the table speaks of; each trace counts once.
    if (role === 'sample' || this.spanTraces.has(id)) return;
    this.spanTraces.add(id);
    const slow = role === 'slow' || this.isSlow(trace.info.durationMs);
    if (slow) {
      this.slowSpanTraces += 1;
      for (const name of new Set(tree.nodes.map((n) => n.span.name))) this.tailPresence.set(name, (this.tailPresence.get(name) ?? 0) + 1);
    }
    for (const node of tree.nodes) {
      const d = durationOf(node.span);
      if (d === null) continue;
      let s = this.spanTimes.get(node.span.name);
      if (!s) this.spanTimes.set(node.span.name, (s = { durs: [], selfs: [], tail: [], rest: [] }));
      const self = selfTimeMs(node);
      s.durs.push(d);
      s.selfs.push(self);
      (slow ? s.tail : s.rest).push(self);
    }
  }

  /**
   * The slow tail's threshold: twice the median trace, or p95 when that is higher (a heavy tail
   * is then its slowest 5 %). No tail when no trace reaches it, or under 20 traces.
   */
  slowThresholdMs(): number | null {
    // Asked once per trace with spans: sorted again only when trace infos were added since.
    if (this.threshold?.n === this.durations.length) return this.threshold.value;
    const ds = this.durations.map((d) => d.d);
    const threshold = ds.length < 20 ? null : Math.max(2 * (percentile(ds, 0.5) as number), percentile(ds, 0.95) as number);
    const value = threshold !== null && threshold > 0 && ds.some((d) => d >= threshold) ? threshold : null;
    this.threshold = { n: this.durations.length, value };
    return value;
  }

  /** The slowest traces read at or over the threshold, slowest first (at most `max`): the ones the slow pass's search returns. */
  slowIds(max: number): string[] {
    const threshold = this.slowThresholdMs();
    if (threshold === null) return [];
    const tail = this.durations.filter((d) => d.d >= threshold);
    return tail
      .sort((a, b) => b.d - a.d)
      .slice(0, max)
      .map((d) => d.id);
  }

  private isSlow(durationMs: number | null): boolean {
    const threshold = this.slowThresholdMs();
    return threshold !== null && durationMs !== null && durationMs >= threshold;
  }

  result(shared: TracesRead): { latency: Latency } {
    const ds = this.durations.map((d) => d.d);
    const thresholdMs = this.slowThresholdMs();
    const tail = thresholdMs === null ? [] : this.durations.filter((d) => d.d >= thresholdMs);
    const slowest = [...tail]
      .sort((a, b) => b.d - a.d)
      .slice(0, 5)
      .map((d) => ({ traceId: d.id, time: isoOrNull(d.t), durationMs: d.d, app: d.app }));
    const spans = this.spanLatencies();
    return {
      latency: {
        traces: this.server
          ? { count: this.server.count, p50: this.server.p50, p95: this.server.p95, max: this.server.max }
          : { count: ds.length, p50: percentile(ds, 0.5), p95: percentile(ds, 0.95), max: maxOf(ds) },
        slowTail: { thresholdMs, count: tail.length, slowest },
        spansFrom: { traces: this.spanTraces.size, failing: shared.failingSpansRead.size, slowTail: this.slowSpanTraces, all: this.allSpans },
        spans,
        tailSpan: this.tailSpan(spans),
      },
    };
  }

  private spanLatencies(): SpanLatency[] {
    return [...this.spanTimes.entries()]
      .map(([name, s]) => ({
        name,
        count: s.durs.length,
        p50: percentile(s.durs, 0.5),
        p95: percentile(s.durs, 0.95),
        max: maxOf(s.durs),
        selfP50: percentile(s.selfs, 0.5),
        selfP95: percentile(s.selfs, 0.95),
        selfMax: maxOf(s.selfs),
        tailSelfP50: percentile(s.tail, 0.5),
        restSelfP50: percentile(s.rest, 0.5),
      }))
      .sort((a, b) => (b.selfP95 ?? 0) - (a.selfP95 ?? 0));
  }

  private tailSpan(spans: readonly SpanLatency[]): Latency['tailSpan'] {
    // A span in one or two tail traces (a one-off of another application) explains no tail.
    const common = (name: string) => (this.tailPresence.get(name) ?? 0) >= Math.max(3, this.slowSpanTraces / 2);
    const best = spans
      .filter((s) => s.tailSelfP50 !== null && common(s.name))
      .map((s) => ({ name: s.name, tailSelfP50: s.tailSelfP50 as number, restSelfP50: s.restSelfP50, gain: (s.tailSelfP50 as number) - (s.restSelfP50 ?? 0) }))
      .sort((a, b) => b.gain - a.gain)[0];
    return best && best.gain > 0 ? { name: best.name, tailSelfP50: best.tailSelfP50, restSelfP50: best.restSelfP50 } : null;
  }
}

export const latencySection = defineSection('latency', () => new LatencySection());
