/** Traces still IN_PROGRESS: not finished, or their process died. */
import { isoOrNull } from '../../common/percentile.js';
import type { InfoRead, Member, TraceRef, TriageSection } from '../section.js';
import { defineSection } from '../section.js';

export interface InProgress {
  count: number;
  newest: TraceRef[];
}

export class InProgressSection implements TriageSection<{ inProgress: InProgress }> {
  private readonly members: Member[] = [];

  addInfo({ trace, member }: InfoRead): void {
    if (trace.info.state === 'IN_PROGRESS') this.members.push(member);
  }

  result(): { inProgress: InProgress } {
    const newest = [...this.members]
      .sort((a, b) => (b.t ?? 0) - (a.t ?? 0))
      .slice(0, 5)
      .map((m) => ({ traceId: m.id, time: isoOrNull(m.t) }));
    return { inProgress: { count: this.members.length, newest } };
  }
}

export const inProgressSection = defineSection('inProgress', () => new InProgressSection());
