/**
 * Can the two cohorts' negative-verdict rates be compared? A cohort's rate counts a trace judged by
 * any source, so a judge or a reviewer that scored one cohort and not (or far less) the other makes
 * the two rates measure different things: 8% of what a code check found against 33% of what a
 * judge and people found is not a regression. Said with the sources that scored both alike.
 */
import type { Cohort, CoverageSide, VerdictCoverage } from './change-report.js';

export type { VerdictCoverage };

/** A source scoring one cohort's traces this many times as often as the other's is "far rarer" there. */
export const FAR_RARER = 3;

const share = (s: CoverageSide) => (s.traces ? s.judged / s.traces : 0);

export function verdictCoverage(from: Cohort, to: Cohort): VerdictCoverage | null {
  const labels = [...new Set([...from.verdicts, ...to.verdicts].map((v) => v.name))];
  if (!labels.length) return null;
  const uneven: VerdictCoverage['uneven'] = [];
  const even: VerdictCoverage['even'] = [];
  for (const label of labels) {
    const a = from.verdicts.find((v) => v.name === label);
    const b = to.verdicts.find((v) => v.name === label);
    const known = (a ?? b) as Cohort['verdicts'][number];
    const row = {
      label,
      assessment: known.assessment,
      source: known.source,
      from: { judged: a?.of ?? 0, traces: from.traces },
      to: { judged: b?.of ?? 0, traces: to.traces },
    };
    const [lo, hi] = [share(row.from), share(row.to)].sort((x, y) => x - y) as [number, number];
    if (a && b && lo * FAR_RARER >= hi) even.push({ ...row, fromRate: { n: a.n, of: a.of, rate: a.rate }, toRate: { n: b.n, of: b.of, rate: b.rate } });
    else uneven.push({ ...row, absentFrom: !a ? 'from' : !b ? 'to' : null });
  }
  return { comparable: uneven.length === 0, uneven, even };
}
