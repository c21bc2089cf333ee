/** The root span name most traces carry (tag mlflow.traceName): the application the latency is about. */
import type { InfoRead, TriageSection } from '../section.js';
import { defineSection } from '../section.js';

export class ApplicationsSection implements TriageSection<{ mainApp: string | null }> {
  private readonly counts = new Map<string, number>();

  addInfo({ trace: { info } }: InfoRead): void {
    // Counted over the traces with a duration, as the latency figures are.
    const app = info.tags['mlflow.traceName'];
    if (info.durationMs === null || app === undefined) return;
    this.counts.set(app, (this.counts.get(app) ?? 0) + 1);
  }

  result(): { mainApp: string | null } {
    return { mainApp: [...this.counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null };
  }
}

export const applicationsSection = defineSection('applications', () => new ApplicationsSection());
