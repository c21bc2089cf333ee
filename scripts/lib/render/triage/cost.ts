/**
 * COST PER DAY: money per UTC day over every trace read, from MLflow's per-trace roll-up; where MLflow
 * recorded none, the days priced from the table over the traces read with spans, saying so, or why not.
 */
import { type DailyCost, SERVER_COST_SOURCE } from '../../analysis/cost/daily-cost.js';
import type { PricedDays } from '../../analysis/cost/priced-days.js';
import type { CostFindings } from '../../analysis/triage/sections/cost.js';
import { fmtInt, fmtRatio, plural } from '../format.js';
import { paint } from '../style.js';
import type { TriageFollow, TriageView } from './view.js';

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

const ROLE_WORDS: Record<string, string> = { failing: 'failing', slow: 'the slow tail', sample: 'samples (cohorts, OK calls)', all: 'all' };
const HEAD = 'COST PER DAY (UTC)';

/** What the traces read with spans are: every one (--spans), or the passes that read them. */
function overWhich(p: PricedDays): string {
  if (p.roles.all === p.withSpans) return `every trace read (${fmtInt(p.withSpans)}, --spans)`;
  const why = Object.entries(p.roles)
    .map(([role, n]) => `${ROLE_WORDS[role] ?? role} ${fmtInt(n)}`)
    .join(', ');
  return `the ${fmtInt(p.withSpans)} of them read with spans (${why}), not every trace`;
}

/** No recorded cost: the days priced from the table over the traces read with spans, or why none could be. */
export function pricedDayLines(p: PricedDays, follow: Pick<TriageFollow, 'spans'>): string[] {
  const none = `MLflow recorded no cost on these traces (no mlflow.trace.cost on any of the ${plural(p.traces, 'trace')} read)`;
  const every = follow.spans && p.roles.all !== p.withSpans ? [`  every trace read priced: ${follow.spans}`] : [];
  if (p.cannot) return [`${paint.head(HEAD)} — ${none}; not priced from the table either: ${p.cannot}`, ...every];
  const lines = [
    `${paint.head(HEAD)} — ${none}; priced from ${p.source}, over ${overWhich(p)}: ${usd(p.usd)}`,
    '  day         traces  with spans  cost (table)  per request',
  ];
  for (const d of p.perDay)
    lines.push(
      `  ${d.day}  ${fmtInt(d.traces).padStart(6)}  ${fmtInt(d.read).padStart(10)}  ${usd(d.usd).padEnd(12)}  ${d.perTrace === null ? '–' : usd(d.perTrace)}`,
    );
  for (const u of p.unknownModels)
    lines.push(`  no price for model ${u.model} (${plural(u.calls, 'call')}; not in the price table; --prices FILE adds it): its calls are left out`);
  return [...lines, ...every];
}

export const costView: TriageView = (f, _run, follow) => {
  if (f.costPerDay) return [{ name: 'cost', priority: 5, lines: costPerDayLines(f.costPerDay, f.costByModel), more: follow.json }];
  if (f.costPerDayPriced) return [{ name: 'cost', priority: 5, lines: pricedDayLines(f.costPerDayPriced, follow), more: follow.json }];
  return [];
};
