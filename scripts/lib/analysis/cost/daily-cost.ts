/**
 * Money per day over every trace read, from the roll-up MLflow records on each trace at ingest
 * (metadata `mlflow.trace.cost`: the sum of its spans' `mlflow.llm.cost`). No spans are needed, so
 * it covers all traces read, not a sample. A trace without the roll-up (a client or store that
 * computes none) is counted apart and never priced here: the cohorts' span samples price those.
 */
import { parseCost } from '../../trace/conventions.js';
import { decodeValue, type TraceInfo } from '../../trace/trace.js';

export interface DayCost {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  traces: number;
  /** Traces whose info carries MLflow's recorded cost. */
  costed: number;
  usd: number;
  /** usd / costed (null: none costed). */
  perTrace: number | null;
}

export interface DailyCost {
  traces: number;
  costed: number;
  usd: number;
  perDay: DayCost[];
  source: string;
}

export const TRACE_COST_SOURCE = "MLflow's recorded cost (mlflow.trace.cost)";
/** On the metrics path: span costs summed by the server per day of span start, per request over all the day's traces. */
export const SERVER_COST_SOURCE = "the tracking server's sum of span costs (mlflow.llm.cost; per request over all the day's traces)";

/**
 * Recorded cost of one trace info, in USD (null: none recorded). MLflow 3.17 prints a roll-up of
 * 0.0 for a trace none of whose spans has a cost (its cost columns default to 0): that is no cost
 * recorded, not a free request, so it is never summed as $0.
 */
export function traceCostOf(info: TraceInfo): number | null {
  const total = parseCost(decodeValue(info.metadata['mlflow.trace.cost']))?.total ?? null;
  return total ? total : null;
}

export class DailyCostAccumulator {
  private readonly days = new Map<string, { traces: number; costed: number; usd: number }>();

  constructor(private readonly source: string = TRACE_COST_SOURCE) {}

  addInfo(info: TraceInfo): void {
    if (info.requestTimeMs === null) return;
    this.add(new Date(info.requestTimeMs).toISOString().slice(0, 10), 1, traceCostOf(info));
  }

  /** A day's totals aggregated elsewhere (the tracking server's metrics). */
  addDay(day: string, traces: number, costed: number, usd: number): void {
    const d = this.day(day);
    d.traces += traces;
    d.costed += costed;
    d.usd += usd;
  }

  private add(day: string, traces: number, usd: number | null): void {
    const d = this.day(day);
    d.traces += traces;
    if (usd !== null) {
      d.costed += 1;
      d.usd += usd;
    }
  }

  private day(day: string) {
    let d = this.days.get(day);
    if (!d) this.days.set(day, (d = { traces: 0, costed: 0, usd: 0 }));
    return d;
  }

  /** Null when no trace read carries a recorded cost (nothing to say per day). */
  result(): DailyCost | null {
    const perDay = [...this.days].map(([day, d]) => ({ day, ...d, perTrace: d.costed ? d.usd / d.costed : null })).sort((a, b) => a.day.localeCompare(b.day));
    const costed = perDay.reduce((s, d) => s + d.costed, 0);
    if (!costed) return null;
    return { traces: perDay.reduce((s, d) => s + d.traces, 0), costed, usd: perDay.reduce((s, d) => s + d.usd, 0), perDay, source: this.source };
  }
}
