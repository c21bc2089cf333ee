/**
 * Cost per day where MLflow recorded none (no `mlflow.trace.cost` roll-up on any trace read: a
 * client or store that computes none): each model call of the traces read with spans priced from
 * the dated table (tokens × price), per UTC day. Only those traces carry the model and tokens of
 * each call, so the figures are over them, said with why they were read; or why nothing could be priced.
 */
import type { Trace, TraceInfo } from '../../trace/trace.js';
import { tokenTotalOf } from '../common/trace-info.js';
import { callCostsOf } from './call-costs.js';
import type { PriceTable } from './prices.js';

export interface PricedDay {
  day: string;
  /** Traces read that day, and those read with spans (the ones priced). */
  traces: number;
  read: number;
  usd: number;
  /** usd / read (null: none read with spans that day). */
  perTrace: number | null;
}

export interface PricedDays {
  /** Traces read (infos) and those read with spans, by why they were read (failing, slow, sample, all). */
  traces: number;
  withSpans: number;
  roles: Record<string, number>;
  /** The price table the figures come from (and MLflow's recorded span cost where a span had one). */
  source: string;
  usd: number;
  perDay: PricedDay[];
  pricedCalls: number;
  recordedCalls: number;
  /** Models with calls but no price: their calls are left out of every sum. */
  unknownModels: Array<{ model: string; calls: number }>;
  /** Why no day could be priced (null: some were). */
  cannot: string | null;
}

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export class PricedDaysAccumulator {
  private readonly days = new Map<string, { traces: number; read: number; usd: number }>();
  private readonly seen = new Set<string>();
  private readonly roles = new Map<string, number>();
  private readonly unknown = new Map<string, number>();
  private infos = 0;
  /** Traces read whose info records token usage: none, and no call seen either, means no model ran that cost could be asked of. */
  private withTokens = 0;
  private calls = { priced: 0, recorded: 0, any: 0 };

  constructor(private readonly prices: PriceTable) {}

  addInfo(info: TraceInfo): void {
    this.infos += 1;
    if (tokenTotalOf(info) !== null) this.withTokens += 1;
    if (info.requestTimeMs !== null) this.day(dayOf(info.requestTimeMs)).traces += 1;
  }

  /** A trace read with spans (once, whatever the passes that read it). */
  addSpans(trace: Trace, role: string): void {
    const ms = trace.info.requestTimeMs;
    if (ms === null || this.seen.has(trace.info.traceId)) return;
    this.seen.add(trace.info.traceId);
    this.roles.set(role, (this.roles.get(role) ?? 0) + 1);
    const d = this.day(dayOf(ms));
    d.read += 1;
    for (const c of callCostsOf(trace, this.prices)) {
      this.calls.any += 1;
      if (c.source === 'unknown') this.unknown.set(c.model, (this.unknown.get(c.model) ?? 0) + 1);
      else {
        this.calls[c.source] += 1;
        d.usd += c.usd ?? 0;
      }
    }
  }

  private day(day: string) {
    let d = this.days.get(day);
    if (!d) this.days.set(day, (d = { traces: 0, read: 0, usd: 0 }));
    return d;
  }

  private cannot(unknownModels: PricedDays['unknownModels']): string | null {
    if (!this.seen.size) return 'no trace was read with spans, and the table prices each model call from its model and tokens';
    if (!this.calls.any) return `none of the ${this.seen.size} traces read with spans has a model call with token counts`;
    if (this.calls.priced + this.calls.recorded === 0)
      return `no model they call is in the price table (${unknownModels.map((u) => u.model).join(', ')}); --prices FILE adds them`;
    return null;
  }

  /** Null when no trace info was read, or none records tokens and no model call was seen (nothing to cost). */
  result(): PricedDays | null {
    if (!this.infos || (!this.withTokens && !this.calls.any)) return null;
    const perDay = [...this.days].map(([day, d]) => ({ day, ...d, perTrace: d.read ? d.usd / d.read : null })).sort((a, b) => a.day.localeCompare(b.day));
    const unknownModels = [...this.unknown].map(([model, calls]) => ({ model, calls })).sort((a, b) => b.calls - a.calls);
    const recorded = this.calls.recorded ? `; MLflow's recorded cost (mlflow.llm.cost) on ${this.calls.recorded} calls` : '';
    return {
      traces: this.infos,
      withSpans: this.seen.size,
      roles: Object.fromEntries(this.roles),
      source: `${this.prices.source}${recorded}`,
      usd: perDay.reduce((s, d) => s + d.usd, 0),
      perDay,
      pricedCalls: this.calls.priced,
      recordedCalls: this.calls.recorded,
      unknownModels,
      cannot: this.cannot(unknownModels),
    };
  }
}
