/** Scorers that errored, by name and error code: the judge failed, not the trace, so they are kept apart from verdicts. */
import { isoOrNull } from '../../common/percentile.js';
import { judgeErrorsOf } from '../../common/verdicts.js';
import type { InfoRead, TraceRef, TriageSection } from '../section.js';
import { defineSection } from '../section.js';

export interface JudgeFailureGroup {
  name: string;
  code: string;
  count: number;
  example: string;
  newest: TraceRef;
}

export class JudgeFailuresSection implements TriageSection<{ judgeFailures: JudgeFailureGroup[] }> {
  private readonly groups = new Map<string, JudgeFailureGroup & { newestT: number }>();

  addInfo({ trace }: InfoRead): void {
    const { traceId, requestTimeMs: t } = trace.info;
    for (const e of judgeErrorsOf(trace)) {
      const key = `${e.name}\u0000${e.code}`;
      const g = this.groups.get(key);
      const newest = { traceId, time: isoOrNull(t) };
      if (!g) this.groups.set(key, { name: e.name, code: e.code, count: 1, example: e.message, newest, newestT: t ?? 0 });
      else {
        g.count += 1;
        if ((t ?? 0) > g.newestT) Object.assign(g, { newest, newestT: t ?? 0, example: e.message || g.example });
      }
    }
  }

  result(): { judgeFailures: JudgeFailureGroup[] } {
    return { judgeFailures: [...this.groups.values()].map(({ newestT: _t, ...g }) => g).sort((a, b) => b.count - a.count) };
  }
}

export const judgeFailuresSection = defineSection('judgeFailures', () => new JudgeFailuresSection());
