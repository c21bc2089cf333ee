/** Under the cohorts' negative-verdict row: the sources that make the two rates not comparable, and the ones to compare by. */
import type { ChangeReport } from '../../analysis/changes/change-report.js';
import type { VerdictCoverage } from '../../analysis/changes/verdict-coverage.js';
import { fmtInt } from '../format.js';
import { paint } from '../style.js';
import { pct, short } from './change-format.js';

const andList = (xs: readonly string[]) => (xs.length < 2 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`);
const named = (row: { source: string; assessment: string }) => `${row.source} ${row.assessment}`;

/** "LLM_JUDGE x and HUMAN x ran only on 2.4.0; CODE y scored 2 of 48 traces on 2.4.0, 10 of 12 on 2.3.0". */
function unevenText(c: VerdictCoverage, r: Pick<ChangeReport, 'from' | 'to'>): string {
  const parts: string[] = [];
  for (const [side, value] of [
    ['from', r.to],
    ['to', r.from],
  ] as const) {
    const only = c.uneven.filter((u) => u.absentFrom === side).map(named);
    if (only.length) parts.push(`${andList(only)} ran only on ${value}`);
  }
  const of = (s: { judged: number; traces: number }) => `${fmtInt(s.judged)} of ${fmtInt(s.traces)}`;
  for (const u of c.uneven.filter((x) => x.absentFrom === null)) parts.push(`${named(u)} scored ${of(u.from)} traces on ${r.from}, ${of(u.to)} on ${r.to}`);
  return parts.join('; ');
}

export function verdictCoverageLines(r: Pick<ChangeReport, 'from' | 'to' | 'by' | 'verdictCoverage'>): string[] {
  const c = r.verdictCoverage;
  if (!c || c.comparable) return [];
  const even = c.even.map((e) => `${named(e)} ${pct(e.fromRate)} → ${pct(e.toRate)}`);
  return [
    `    ${paint.warn(`! not comparable: ${unevenText(c, r)}`)}`,
    even.length
      ? `      compare by a source present on both: ${even.join(' · ')}`
      : `      no source scored both alike: the negative rate compares nothing across ${short(r.by ?? '')}`,
  ];
}
