/**
 * Cost per day over every trace read, from MLflow's per-trace roll-up (null when none is recorded);
 * on the metrics path the tracking server's span cost per day and per model over the whole window.
 */
import { type DailyCost, DailyCostAccumulator, SERVER_COST_SOURCE } from '../../cost/daily-cost.js';
import type { InfoRead, TraceAggregate, TriageSection } from '../section.js';
import { defineSection } from '../section.js';

export interface CostFindings {
  costPerDay: DailyCost | null;
  /** Span cost per model over the whole window (tracking server only; null when paging). */
  costByModel: Array<{ model: string; usd: number }> | null;
}

export class CostSection implements TriageSection<CostFindings> {
  private readonly days = new DailyCostAccumulator();
  private server: DailyCostAccumulator | null = null;
  private byModel: CostFindings['costByModel'] = null;

  addInfo({ trace: { info } }: InfoRead): void {
    this.days.addInfo(info);
  }

  addAggregate(a: TraceAggregate): void {
    if (a.kind === 'costByModel') this.byModel = a.models;
    if (a.kind !== 'costPerDay') return;
    this.server = new DailyCostAccumulator(SERVER_COST_SOURCE);
    // The server sums span costs: which traces lack one it cannot say, so every trace counts.
    for (const d of a.days) this.server.addDay(d.day, d.traces, d.traces, d.usd);
  }

  result(): CostFindings {
    return { costPerDay: (this.server ?? this.days).result(), costByModel: this.byModel };
  }
}

export const costSection = defineSection('cost', () => new CostSection());
