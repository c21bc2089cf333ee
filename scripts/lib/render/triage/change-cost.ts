/** WHAT CHANGED: what a request costs now against before, and the spans and models that explain the difference. */
import type { ChangeReport } from '../../analysis/changes/change-report.js';
import type { Change } from '../../analysis/changes/switches.js';
import { fmtInt, fmtRatio } from '../format.js';
import { paint } from '../style.js';
import { between, short, tok, usd } from './change-format.js';

/** Input tokens per call grew or shrank: the explanation follows the direction. */
const inputWhy = (to: number, from: number) => `${fmtRatio(to, from) ?? '?'}: ${to > from ? 'a longer' : 'a shorter'} prompt or history`;

/**
 * Input tokens per call grew by half or more (or shrank to two thirds or less) while the span's
 * logged input stayed within 10 %: the tokens billed are not all in the trace (history or context
 * added after logging), on the later side when they grew, on the earlier side when they shrank.
 */
function unlogged(d: ChangeReport['costDrivers'][number]): string {
  const { inputPerCallFrom: a, inputPerCallTo: b, loggedPerCallFrom: x, loggedPerCallTo: y } = d;
  if (a === null || b === null || x === null || y === null || Math.abs(y / x - 1) > 0.1) return '';
  const chars = `(${fmtInt(x)} → ${fmtInt(y)} chars per call)`;
  if (b >= 1.5 * a) return `, but the logged input did not grow ${chars}: the app sends more than it logs`;
  if (a >= 1.5 * b) return `, but the logged input did not shrink ${chars}: the app sent more than it logged before`;
  return '';
}

/**
 * The release a rollback undid (null: no rollback). A rollback returns to the value the window
 * began with (a → b → a; a → b → a → b ends on a release again); the release is the latest earlier change the other way.
 */
export function rolledBackRelease(r: Pick<ChangeReport, 'by' | 'from' | 'to' | 'switches'>): Change | null {
  const lead = r.switches.find((s) => s.key === r.by);
  if (!lead || lead.changes.length < 2 || lead.changes[0]?.from !== r.to) return null;
  return (
    lead.changes
      .slice(0, -1)
      .reverse()
      .find((c) => c.from === r.to && c.to === r.from) ?? null
  );
}

/** After a rollback, what the release cost against before it: the same two cohorts, the other way. */
function releaseLine(r: ChangeReport, before: number, after: number): string[] {
  const c = rolledBackRelease(r);
  const ratio = fmtRatio(after, before);
  if (!c || !ratio) return [];
  const label = after > before * 1.2 ? paint.warn('the release') : 'the release';
  const release = `${short(r.by ?? '')} ${c.from} → ${c.to} ${between(c.lastFromMs, c.firstToMs)}`;
  return [`    ${label} it rolled back, ${release}: ${usd(before)} → ${usd(after)} per request (${ratio}), the same cohorts the other way`];
}

/** What a request costs now against before, and the span and model that explain the difference. */
export function costLines(r: ChangeReport): string[] {
  const a = r.cohorts.find((c) => c.value === r.from)?.cost;
  const b = r.cohorts.find((c) => c.value === r.to)?.cost;
  if (!a || !b || a.perTrace === null || b.perTrace === null) return [];
  const r1 = fmtRatio(b.perTrace, a.perTrace);
  const ratio = r1 ? ` (${r1})` : '';
  const label = b.perTrace > a.perTrace * 1.2 ? paint.warn('cost per request') : 'cost per request';
  const over = `over ${fmtInt(a.traces)} and ${fmtInt(b.traces)} traces read with spans; from ${b.source}`;
  const lines = [`  ${label}: ${usd(a.perTrace)} (${r.from}) → ${usd(b.perTrace)} (${r.to})${ratio}, ${over}`, ...releaseLine(r, b.perTrace, a.perTrace)];
  for (const d of r.costDrivers.slice(0, 3)) {
    if (Math.abs(d.perTraceTo - d.perTraceFrom) < 0.05 * Math.max(a.perTrace, b.perTrace)) continue;
    const why: string[] = [];
    if (d.modelFrom.join(',') !== d.modelTo.join(',')) why.push(`model ${d.modelFrom.join('+') || '–'} → ${d.modelTo.join('+') || '–'}`);
    if (d.inputPerCallFrom !== null && d.inputPerCallTo !== null && Math.abs(d.inputPerCallTo / d.inputPerCallFrom - 1) >= 0.2)
      why.push(`input tokens per call ${tok(d.inputPerCallFrom)} → ${tok(d.inputPerCallTo)} (${inputWhy(d.inputPerCallTo, d.inputPerCallFrom)})${unlogged(d)}`);
    if (Math.abs(d.callsPerTraceTo - d.callsPerTraceFrom) >= 0.2)
      why.push(`calls per trace ${d.callsPerTraceFrom.toFixed(1)} → ${d.callsPerTraceTo.toFixed(1)}`);
    lines.push(`    ${d.span}: ${usd(d.perTraceFrom)} → ${usd(d.perTraceTo)} per trace${why.length ? `: ${why.join('; ')}` : ''}`);
  }
  for (const u of [...a.unknownModels, ...b.unknownModels].filter((u, i, all) => all.findIndex((x) => x.model === u.model) === i))
    lines.push(`    no price for model ${u.model} (no recorded cost, not in the price table; --prices FILE adds it): its calls are left out`);
  return lines;
}
