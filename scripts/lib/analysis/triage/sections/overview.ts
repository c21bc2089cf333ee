/** How many traces were read, over which window, in which states: the header of every triage. */
import { isoOrNull } from '../../common/percentile.js';
import type { InfoRead, TraceAggregate, TriageSection } from '../section.js';
import { defineSection } from '../section.js';

export interface Overview {
  traces: number;
  window: { first: string | null; last: string | null };
  states: Record<string, number>;
}

export class OverviewSection implements TriageSection<Overview> {
  private traces = 0;
  private first: number | null = null;
  private last: number | null = null;
  private readonly states = new Map<string, number>();

  addInfo({ trace: { info } }: InfoRead): void {
    this.traces += 1;
    this.widen(info.requestTimeMs);
    this.states.set(info.state, (this.states.get(info.state) ?? 0) + 1);
  }

  /** Trace counts per state from the tracking server: the same result without paging. */
  addAggregate(a: TraceAggregate): void {
    if (a.kind !== 'states') return;
    for (const [state, n] of Object.entries(a.counts)) {
      this.traces += n;
      this.states.set(state, (this.states.get(state) ?? 0) + n);
    }
    this.widen(a.first);
    this.widen(a.last);
  }

  private widen(t: number | null): void {
    if (t === null) return;
    this.first = this.first === null ? t : Math.min(this.first, t);
    this.last = this.last === null ? t : Math.max(this.last, t);
  }

  result(): Overview {
    return { traces: this.traces, window: { first: isoOrNull(this.first), last: isoOrNull(this.last) }, states: Object.fromEntries(this.states) };
  }
}

export const overviewSection = defineSection('overview', () => new OverviewSection());
