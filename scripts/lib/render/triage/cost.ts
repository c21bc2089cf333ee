/** COST PER DAY: money per UTC day over every trace read, from MLflow's per-trace roll-up. */
import { type DailyCost, SERVER_COST_SOURCE } from '../../analysis/cost/daily-cost.js';
import type { CostFindings } from '../../analysis/triage/sections/cost.js';
import { fmtInt, fmtRatio } from '../format.js';
import { paint } from '../style.js';
import type { TriageView } from './view.js';

const usd = (n: number) => (n === 0 ? '$0' : n >= 1 ? `$${n.toFixed(2)}` : n >= 0.01 ? `$${n.toFixed(4)}` : `$${n.toPrecision(2)}`);

export function costPerDayLines(c: DailyCost, byModel: CostFindings['costByModel'] = null): string[] {
  const read = c.source === SERVER_COST_SOURCE ? 'traces' : 'traces read';
  const lines = [
    `${paint.head('COST PER DAY (UTC)')} — ${usd(c.usd)} over ${c.costed < c.traces ? `${fmtInt(c.costed)} of ` : ''}${fmtInt(c.traces)} ${read}, ` +
      `from ${c.source}`,
    '  day         traces  cost       per request',
  ];
  for (const d of c.perDay) {
    const partly = d.costed < d.traces ? ` (${fmtInt(d.costed)} with a recorded cost)` : '';
    lines.push(`  ${d.day}  ${fmtInt(d.traces).padStart(6)}  ${usd(d.usd).padEnd(9)}  ${d.perTrace === null ? '–' : usd(d.perTrace)}${partly}`);
  }
  const first = c.perDay.find((d) => d.perTrace !== null);
  const last = [...c.perDay].reverse().find((d) => d.perTrace !== null);
  const ratio = first && last && first !== last ? fmtRatio(last.perTrace as number, first.perTrace as number) : null;
  if (ratio && first && last)
    lines.push(`  per request ${usd(first.perTrace as number)} (${first.day}) → ${usd(last.perTrace as number)} (${last.day}): ${ratio}`);
  if (byModel?.length) lines.push(`  per model over the window (tracking server): ${byModel.map((m) => `${m.model} ${usd(m.usd)}`).join(' · ')}`);
  return lines;
}

export const costView: TriageView = (f, _run, follow) =>
  f.costPerDay ? [{ name: 'cost', priority: 5, lines: costPerDayLines(f.costPerDay, f.costByModel), more: follow.json }] : [];
