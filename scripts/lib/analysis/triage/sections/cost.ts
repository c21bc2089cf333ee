/**
 * Cost per day over every trace read, from MLflow's per-trace roll-up; on the metrics path the
 * tracking server's span cost per day and per model over the whole window. Where MLflow recorded
 * no cost on any trace read, the days priced from the price table over the traces read with spans
 * (priced-days.ts), or why none could be.
 */
import { type DailyCost, DailyCostAccumulator, SERVER_COST_SOURCE } from '../../cost/daily-cost.js';
import { type PricedDays, PricedDaysAccumulator } from '../../cost/priced-days.js';
import { BUILTIN_PRICES, type PriceTable } from '../../cost/prices.js';
import type { InfoRead, SpansRead, TraceAggregate, TriageSection } from '../section.js';
import { defineSection } from '../section.js';

export interface CostFindings {
  costPerDay: DailyCost | null;
  /** Span cost per model over the whole window (tracking server only; null when paging). */
  costByModel: Array<{ model: string; usd: number }> | null;
  /** With no recorded cost (costPerDay null): the days priced from the table over the traces read with spans. */
  costPerDayPriced: PricedDays | null;
}

export class CostSection implements TriageSection<CostFindings> {
  private readonly days = new DailyCostAccumulator();
  private readonly priced: PricedDaysAccumulator;
  private server: DailyCostAccumulator | null = null;
  private byModel: CostFindings['costByModel'] = null;

  constructor(prices: PriceTable = BUILTIN_PRICES) {
    this.priced = new PricedDaysAccumulator(prices);
  }

  addInfo({ trace: { info } }: InfoRead): void {
    this.days.addInfo(info);
    this.priced.addInfo(info);
  }

  addSpans({ trace, role }: SpansRead): void {
    this.priced.addSpans(trace, role);
  }

  addAggregate(a: TraceAggregate): void {
    if (a.kind === 'costByModel') this.byModel = a.models;
    if (a.kind !== 'costPerDay') return;
    this.server = new DailyCostAccumulator(SERVER_COST_SOURCE);
    // The server sums span costs: which traces lack one it cannot say, so every trace counts.
    for (const d of a.days) this.server.addDay(d.day, d.traces, d.traces, d.usd);
  }

  result(): CostFindings {
    const costPerDay = (this.server ?? this.days).result();
    return { costPerDay, costByModel: this.byModel, costPerDayPriced: costPerDay ? null : this.priced.result() };
  }
}

export const costSection = defineSection('cost', (o) => new CostSection(o.prices));
