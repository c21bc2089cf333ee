/** How many traces were read, over which window, in which states: the header of every triage. */
import { isoOrNull } from '../../common/percentile.js';
import type { InfoRead, TraceAggregate, TriageSection } from '../section.js';
import { defineSection } from '../section.js';

export interface Overview {
  traces: number;
  window: { first: string | null; last: string | null };
  states: Record<string, number>;
  /** Assessments logged per name over the window (tracking server only; null when paging). */
  assessments: Record<string, number> | null;
}

export class OverviewSection implements TriageSection<Overview> {
  private traces = 0;
  private first: number | null = null;
  private last: number | null = null;
  private readonly states = new Map<string, number>();
  private server: Extract<TraceAggregate, { kind: 'states' }> | null = null;
  private assessments: Record<string, number> | null = null;

  addInfo({ trace: { info } }: InfoRead): void {
    this.traces += 1;
    this.widen(info.requestTimeMs);
    this.states.set(info.state, (this.states.get(info.state) ?? 0) + 1);
  }

  /** Trace counts per state over the whole window from the tracking server: they replace the sample's. */
  addAggregate(a: TraceAggregate): void {
    if (a.kind === 'assessments') this.assessments = a.counts;
    if (a.kind !== 'states') return;
    this.server = a;
  }

  private widen(t: number | null): void {
    if (t === null) return;
    this.first = this.first === null ? t : Math.min(this.first, t);
    this.last = this.last === null ? t : Math.max(this.last, t);
  }

  result(): Overview {
    const s = this.server;
    if (!s) return { traces: this.traces, window: this.window(this.first, this.last), states: Object.fromEntries(this.states), assessments: this.assessments };
    const traces = Object.values(s.counts).reduce((a, b) => a + b, 0);
    // The traces read are exact where they reach; the server's hours widen what they did not read.
    const whole = this.traces >= traces && this.first !== null;
    const first = whole ? this.first : min(this.first, s.first);
    const last = this.last ?? s.last;
    return { traces, window: this.window(first, last), states: { ...s.counts }, assessments: this.assessments };
  }

  private window(first: number | null, last: number | null): Overview['window'] {
    return { first: isoOrNull(first), last: isoOrNull(last) };
  }
}

const min = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : Math.min(a, b));

export const overviewSection = defineSection('overview', () => new OverviewSection());
