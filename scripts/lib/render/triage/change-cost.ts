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

/** A cohort's cost per request and how many traces it is over: the server's whole window, else the sample's. */
type PerRequest = { perTrace: number; traces: number };

/** The first line: cost per request either side, and which path answered it. */
function perRequestLine(r: ChangeReport, a: PerRequest, b: PerRequest, over: string): string {
  const r1 = fmtRatio(b.perTrace, a.perTrace);
  const ratio = r1 ? ` (${r1})` : '';
  const label = b.perTrace > a.perTrace * 1.2 ? paint.warn('cost per request') : 'cost per request';
  return `  ${label}: ${usd(a.perTrace)} (${r.from}) → ${usd(b.perTrace)} (${r.to})${ratio}, ${over}`;
}

/** On the metrics path, the tracking server's sums over every trace of each cohort in the window (and tokens per request). */
function serverLines(r: ChangeReport, sampled: string): string[] | null {
  const c = r.cohortCost;
  const [x, y] = [r.from, r.to].map((v) => c?.cohorts.find((k) => k.value === v));
  if (c?.path !== 'server' || !x || !y || x.perTrace === null || y.perTrace === null) return null;
  const a = { perTrace: x.perTrace, traces: x.traces };
  const b = { perTrace: y.perTrace, traces: y.traces };
  const over =
    `over all ${fmtInt(x.traces)} and ${fmtInt(y.traces)} traces of each cohort in the window ` +
    "(tracking server's metrics endpoint, MLflow's recorded cost)";
  const lines = [perRequestLine(r, a, b, over)];
  if (x.tokensPerTrace !== null && y.tokensPerTrace !== null)
    lines.push(
      `    tokens per request: ${tok(x.tokensPerTrace)} → ${tok(y.tokensPerTrace)} (${fmtRatio(y.tokensPerTrace, x.tokensPerTrace) ?? '?'}), the same traces`,
    );
  if (sampled) lines.push(`    by span below: ${sampled}`);
  return lines;
}

/** What a request costs now against before, and the span and model that explain the difference. */
export function costLines(r: ChangeReport): string[] {
  const a = r.cohorts.find((c) => c.value === r.from)?.cost;
  const b = r.cohorts.find((c) => c.value === r.to)?.cost;
  const sampled =
    a && b && a.perTrace !== null && b.perTrace !== null ? `over ${fmtInt(a.traces)} and ${fmtInt(b.traces)} traces read with spans; from ${b.source}` : '';
  const served = serverLines(r, sampled);
  if (!served && (!a || !b || a.perTrace === null || b.perTrace === null)) return [];
  // The sample answered although a server was asked: why, on the same line.
  const notServed = r.cohortCost?.path === 'sample' && r.cohortCost.why ? ` (not from the tracking server: ${r.cohortCost.why})` : '';
  const lines = served ?? [perRequestLine(r, a as PerRequest, b as PerRequest, `${sampled}${notServed}`)];
  if (!a || !b || a.perTrace === null || b.perTrace === null) return lines;
  // What the release a rollback left cost against before it (the sample's figures).
  lines.splice(served ? served.length : 1, 0, ...releaseLine(r, b.perTrace, a.perTrace));
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
