/** How many traces were read, over which window, in which states: the header of every triage. */
import { isoOrNull } from '../../common/percentile.js';
import type { InfoRead, TraceAggregate, TriageSection, VerdictTotal } from '../section.js';
import { defineSection } from '../section.js';

export interface Overview {
  traces: number;
  window: { first: string | null; last: string | null };
  states: Record<string, number>;
  /** Assessments logged per name over the window (tracking server only; null when paging). */
  assessments: Record<string, number> | null;
  /** Feedback per name over the window, positive and negative (tracking server only; null when paging). */
  verdictTotals: VerdictTotals | null;
}

/** Why the server's assessment figures are not split by source, as the text and --json say it. */
export const NO_SOURCE_SPLIT = "the tracking server's metrics endpoint groups assessments by name and value only (no source dimension or filter in MLflow 3.x)";

export interface VerdictTotals {
  perName: Record<string, VerdictTotal>;
  /** Per figure: split by source (HUMAN, LLM_JUDGE, CODE) or not, over what, and why not. */
  bySource: Array<{ figure: 'assessments' | 'verdictTotals' | 'verdicts'; split: boolean; over: 'window' | 'traces read'; why: string | null }>;
}

export class OverviewSection implements TriageSection<Overview> {
  private traces = 0;
  private first: number | null = null;
  private last: number | null = null;
  private readonly states = new Map<string, number>();
  private server: Extract<TraceAggregate, { kind: 'states' }> | null = null;
  private assessments: Record<string, number> | null = null;
  private verdictTotals: Record<string, VerdictTotal> | null = null;

  addInfo({ trace: { info } }: InfoRead): void {
    this.traces += 1;
    this.widen(info.requestTimeMs);
    this.states.set(info.state, (this.states.get(info.state) ?? 0) + 1);
  }

  /** Trace counts per state over the whole window from the tracking server: they replace the sample's. */
  addAggregate(a: TraceAggregate): void {
    if (a.kind === 'assessments') this.assessments = a.counts;
    if (a.kind === 'verdictTotals') this.verdictTotals = a.perName;
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
    const verdictTotals = this.totals();
    if (!s)
      return {
        traces: this.traces,
        window: this.window(this.first, this.last),
        states: Object.fromEntries(this.states),
        assessments: this.assessments,
        verdictTotals,
      };
    const traces = Object.values(s.counts).reduce((a, b) => a + b, 0);
    // The traces read are exact where they reach; the server's hours widen what they did not read.
    const whole = this.traces >= traces && this.first !== null;
    const first = whole ? this.first : min(this.first, s.first);
    const last = this.last ?? s.last;
    return { traces, window: this.window(first, last), states: { ...s.counts }, assessments: this.assessments, verdictTotals };
  }

  /** The server's feedback totals, and per figure whether it is split by source: only the verdicts of the traces read are. */
  private totals(): VerdictTotals | null {
    if (!this.verdictTotals) return null;
    const unsplit = (figure: 'assessments' | 'verdictTotals') => ({ figure, split: false, over: 'window' as const, why: NO_SOURCE_SPLIT });
    return {
      perName: this.verdictTotals,
      bySource: [
        ...(this.assessments ? [unsplit('assessments')] : []),
        unsplit('verdictTotals'),
        { figure: 'verdicts', split: true, over: 'traces read', why: null },
      ],
    };
  }

  private window(first: number | null, last: number | null): Overview['window'] {
    return { first: isoOrNull(first), last: isoOrNull(last) };
  }
}

const min = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : Math.min(a, b));

export const overviewSection = defineSection('overview', () => new OverviewSection());
