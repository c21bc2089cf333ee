/** Cost per day over every trace read, from MLflow's per-trace roll-up (null when none is recorded). */
import { type DailyCost, DailyCostAccumulator } from '../../cost/daily-cost.js';
import type { InfoRead, TriageSection } from '../section.js';
import { defineSection } from '../section.js';

export class CostSection implements TriageSection<{ costPerDay: DailyCost | null }> {
  private readonly days = new DailyCostAccumulator();

  addInfo({ trace: { info } }: InfoRead): void {
    this.days.addInfo(info);
  }

  result(): { costPerDay: DailyCost | null } {
    return { costPerDay: this.days.result() };
  }
}

export const costSection = defineSection('cost', () => new CostSection());
