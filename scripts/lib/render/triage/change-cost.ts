/** WHAT CHANGED: what a request costs now against before, and the spans and models that explain the difference. */
import type { ChangeReport, RollbackStretch } from '../../analysis/changes/change-report.js';
import type { CostSplit, CostUnsplit } from '../../analysis/cost/price-volume.js';
import { fmtInt, fmtRatio } from '../format.js';
import { paint } from '../style.js';
import { short, tok, usd } from './change-format.js';

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

/** A stretch's cost per request, or why it has none. */
const stretchCost = (x: RollbackStretch) => (x.perTrace === null ? (x.spansRead ? '? (no call priced)' : '? (none read with spans)') : usd(x.perTrace));

/**
 * After a rollback, in time order: what each stretch cost per request, each from its own traces read
 * with spans ("2.7.0 → 2.8.0 → 2.7.0 (rolled back): $0.00032 → $0.0114 → $0.00032 per request").
 */
export function rollbackLine(r: Pick<ChangeReport, 'rollback' | 'by'>, indent = '  '): string[] {
  const b = r.rollback;
  if (!b) return [];
  const [x, y, z] = b.stretches;
  const up = x.perTrace !== null && y.perTrace !== null ? fmtRatio(y.perTrace, x.perTrace) : null;
  const down = y.perTrace !== null && z.perTrace !== null ? fmtRatio(z.perTrace, y.perTrace) : null;
  const ratios = [up && `the release ${up}`, down && `the rollback ${down}`].filter(Boolean).join(', ');
  const rose = x.perTrace !== null && y.perTrace !== null && y.perTrace > x.perTrace * 1.2;
  const label = rose ? paint.warn('cost per request') : 'cost per request';
  const path = `${short(b.key)} ${x.value} → ${y.value} → ${z.value} (rolled back)`;
  const over = `over ${fmtInt(x.spansRead)}, ${fmtInt(y.spansRead)} and ${fmtInt(z.spansRead)} traces read with spans, one sample per stretch`;
  return [
    `${indent}${label}, ${path}: ${[x, y, z].map(stretchCost).join(' → ')} per request${ratios ? ` (${ratios})` : ''}, ${over}` +
      `${b.source ? `; from ${b.source}` : ''}`,
  ];
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

const factor = (f: number) => fmtRatio(f, 1) ?? '?';

/**
 * A span's rise split: "on this span, ×30.4 per request: ×16.7 price (gpt-4o-mini → gpt-4o at the same tokens, priced from
 * the built-in price table (2026-11)), ×1.8 tokens (input 1,223 → 3,626, output 234 → 234 per call)".
 */
export function splitLine(s: CostSplit | CostUnsplit, indent = '      on this span, '): string {
  if ('why' in s) return `${indent.replace(/, $/, ': ')}not split into price and tokens: ${s.why}`;
  const out = s.outputPerCall.from !== null && s.outputPerCall.to !== null ? `, output ${tok(s.outputPerCall.from)} → ${tok(s.outputPerCall.to)}` : '';
  const parts = [
    `${factor(s.price)} price (${s.modelFrom} → ${s.modelTo} at the same tokens, priced from ${s.priceFrom})`,
    `${factor(s.tokens)} tokens (input ${tok(s.inputPerCall.from)} → ${tok(s.inputPerCall.to)}${out} per call)`,
  ];
  // Calls per trace that barely moved are no factor worth a word.
  if (Math.abs(s.calls - 1) >= 0.05) parts.push(`${factor(s.calls)} calls per trace (${s.callsPerTrace.from.toFixed(1)} → ${s.callsPerTrace.to.toFixed(1)})`);
  return `${indent}${factor(s.ratio)} per request: ${parts.join(', ')}`;
}

/** The spans that move the cost most (a twentieth of the dearer side's cost or more), each with its rise split when its model switched. */
function driverLines(r: ChangeReport, dearer: number): string[] {
  const lines: string[] = [];
  for (const d of r.costDrivers.slice(0, 3)) {
    if (Math.abs(d.perTraceTo - d.perTraceFrom) < 0.05 * dearer) continue;
    const why: string[] = [];
    if (d.modelFrom.join(',') !== d.modelTo.join(',')) why.push(`model ${d.modelFrom.join('+') || '–'} → ${d.modelTo.join('+') || '–'}`);
    if (d.inputPerCallFrom !== null && d.inputPerCallTo !== null && Math.abs(d.inputPerCallTo / d.inputPerCallFrom - 1) >= 0.2)
      why.push(`input tokens per call ${tok(d.inputPerCallFrom)} → ${tok(d.inputPerCallTo)} (${inputWhy(d.inputPerCallTo, d.inputPerCallFrom)})${unlogged(d)}`);
    if (Math.abs(d.callsPerTraceTo - d.callsPerTraceFrom) >= 0.2)
      why.push(`calls per trace ${d.callsPerTraceFrom.toFixed(1)} → ${d.callsPerTraceTo.toFixed(1)}`);
    lines.push(`    ${d.span}: ${usd(d.perTraceFrom)} → ${usd(d.perTraceTo)} per trace${why.length ? `: ${why.join('; ')}` : ''}`);
    const split = r.rollback ? undefined : r.costSplits.find((s) => s.span === d.span);
    if (split) lines.push(splitLine(split));
  }
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
  // After a rollback the stretches in time order say it: the server's per-value sums mix a's two stretches.
  const rolled = rollbackLine(r, served ? '    in time order, from the traces read with spans: ' : '  ');
  const lines = served
    ? [...served, ...rolled]
    : rolled.length
      ? rolled.map((l) => l + notServed)
      : [perRequestLine(r, a as PerRequest, b as PerRequest, `${sampled}${notServed}`)];
  if (!a || !b || a.perTrace === null || b.perTrace === null) return lines;
  if (rolled.length) {
    // The rise the rollback undid, split: the release's (the cohorts the other way).
    for (const split of r.costSplits) lines.push(splitLine(split, `    ${split.span}, the release ${r.to} → ${r.from}: `));
    lines.push(`    what the rollback changed (${r.from} → ${r.to}), by span:`);
  }
  lines.push(...driverLines(r, Math.max(a.perTrace, b.perTrace)));
  for (const u of [...a.unknownModels, ...b.unknownModels].filter((u, i, all) => all.findIndex((x) => x.model === u.model) === i))
    lines.push(`    no price for model ${u.model} (no recorded cost, not in the price table; --prices FILE adds it): its calls are left out`);
  return lines;
}
