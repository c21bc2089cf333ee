/**
 * WHAT CHANGED: the cohorts side by side, one column per value (traces, errors, verdicts, latency, tokens, finish reasons, span
 * self times); under the negative-verdict row, whether its sources cover the cohorts alike (verdict-coverage.ts).
 */
import type { ChangeReport, Cohort } from '../../analysis/changes/change-report.js';
import { fmtInt, fmtMs } from '../format.js';
import { pct, short } from './change-format.js';
import { verdictCoverageLines } from './verdict-coverage.js';

function row(label: string, cells: string[], w: number): string {
  return `    ${label.padEnd(30)}${cells.map((c) => c.padEnd(w)).join('')}`.trimEnd();
}

/** A cohort's first and last trace; the last carries its date when it is another day's (a cohort often spans several). */
const firstLast = (c: Cohort): string =>
  `${c.first.slice(5, 16).replace('T', ' ')}…${c.last.slice(0, 10) === c.first.slice(0, 10) ? c.last.slice(11, 16) : c.last.slice(5, 16).replace('T', ' ')}`;

export function cohortTable(r: ChangeReport): string[] {
  const shown = r.cohorts.filter((c) => c.value === r.from || c.value === r.to || r.cohorts.length <= 4).slice(0, 4);
  if (!shown.length) return [];
  const w = Math.max(22, ...shown.map((c) => firstLast(c).length + 2));
  const lines = [
    row(
      `by ${short(r.by ?? '')}`,
      shown.map((c) => c.value),
      w,
    ),
  ];
  const cell = (f: (c: Cohort) => string) => shown.map(f);
  lines.push(
    row(
      'traces',
      cell((c) => fmtInt(c.traces)),
      w,
    ),
  );
  lines.push(row('first … last', cell(firstLast), w));
  lines.push(
    row(
      'errors',
      cell((c) => pct(c.errors)),
      w,
    ),
  );
  lines.push(
    row(
      'negative (of judged)',
      cell((c) => pct(c.negative)),
      w,
    ),
    ...verdictCoverageLines(r),
  );
  const names = [...new Set(shown.flatMap((c) => c.verdicts.map((v) => v.name)))];
  for (const n of names)
    lines.push(
      row(
        `  ${n.length > 26 ? `${n.slice(0, 25)}…` : n}`,
        cell((c) => {
          const v = c.verdicts.find((x) => x.name === n);
          return v ? pct(v) : '–';
        }),
        w,
      ),
    );
  lines.push(
    row(
      'latency p50 / p95',
      cell((c) => `${fmtMs(c.latency.p50)} / ${fmtMs(c.latency.p95)}`),
      w,
    ),
  );
  lines.push(
    row(
      'tokens p50',
      cell((c) => fmtInt(c.tokensP50)),
      w,
    ),
  );
  lines.push(
    row(
      'spans read (traces)',
      cell((c) => fmtInt(c.spansRead)),
      w,
    ),
  );
  if (shown.some((c) => c.finishReasons.length))
    lines.push(
      row(
        'finish_reason',
        cell(
          (c) =>
            c.finishReasons
              .slice(0, 2)
              .map((f) => `${f.value} ${fmtInt(f.count)}`)
              .join(', ') || '–',
        ),
        w,
      ),
    );
  const spanNames = [...new Set(shown.flatMap((c) => c.spans.slice(0, 6).map((s) => s.name)))].slice(0, 6);
  for (const s of spanNames)
    lines.push(
      row(
        `  ${s.length > 17 ? `${s.slice(0, 16)}…` : s} self p50`,
        cell((c) => fmtMs(c.spans.find((x) => x.name === s)?.selfP50)),
        w,
      ),
    );
  return lines;
}
