/** JUDGE FAILURES, under the verdicts: scorer errors by name and code, not counted as failures. */
import { clip, fmtInt, oneLine, plural } from '../format.js';
import { paint } from '../style.js';
import type { TriageView } from './view.js';

export const judgeFailuresView: TriageView = (f, _run, follow) => {
  const groups = f.judgeFailures;
  const lines: string[] = [];
  if (!groups.length) lines.push(paint.head('JUDGE FAILURES — none (no scorer error among the traces read)'));
  else {
    const errors = plural(
      groups.reduce((s, g) => s + g.count, 0),
      'scorer error',
    );
    lines.push(paint.head(`JUDGE FAILURES — ${errors}: the judge failed, not the trace (not counted as failures)`));
    for (const g of groups)
      lines.push(`  ${g.name} ${g.code} ×${fmtInt(g.count)} — ${JSON.stringify(clip(oneLine(g.example), 160))} (newest ${g.newest.traceId})`);
  }
  return [{ name: 'verdicts', priority: 2, lines, more: follow.json }];
};
