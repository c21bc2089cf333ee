/**
 * Where the time went, as text: the TIME section (critical path as chains, shares by span name,
 * model calls beside their prompt size, self time, gaps, repeats). The timing findings (sequential
 * independent calls, huge prompts) are finding kinds: analysis/findings/kinds/.
 */
import type { TraceReport } from '../analysis/trace/trace-report.js';
import type { ModelCall, PathLevel } from '../analysis/trace/timing.js';
import type { PathStep } from '../analysis/trace/critical-path.js';
import { fmtInt, fmtMs, msRange, pct, plural } from './format.js';
import { paint } from './style.js';

function stepText(s: PathStep): string {
  if (s.count === 1) return `${s.name} ${fmtMs(s.durationMs)}${s.share >= 0.05 ? ` (${pct(s.share)})` : ''}`;
  return `[${s.count} × ${s.name} ${msRange(s.minMs, s.maxMs)} in sequence = ${fmtMs(s.durationMs)}, ${pct(s.share)}]`;
}

/** A cycle of steps repeated back to back on the path (a plan → tool loop): one unit, one line. */
interface Cycle {
  names: string[];
  times: number;
  durationMs: number;
  share: number;
}
type Unit = PathStep | Cycle;
const isCycle = (u: Unit): u is Cycle => 'times' in u;
const unitMs = (u: Unit): number => u.durationMs;

const stepKey = (s: PathStep): string => `${s.name}\u0000${s.count}`;

/** Runs of 3 or more back-to-back repeats of a 2- or 3-step cycle, each made one unit. */
export function cycles(steps: PathStep[]): Unit[] {
  const out: Unit[] = [];
  let i = 0;
  while (i < steps.length) {
    let best: { k: number; reps: number } | null = null;
    for (let k = 2; k <= 3 && i + 3 * k <= steps.length; k++) {
      const key = steps
        .slice(i, i + k)
        .map(stepKey)
        .join('|');
      if (new Set(steps.slice(i, i + k).map(stepKey)).size < k) continue;
      let reps = 1;
      while (
        i + (reps + 1) * k <= steps.length &&
        steps
          .slice(i + reps * k, i + (reps + 1) * k)
          .map(stepKey)
          .join('|') === key
      )
        reps++;
      if (reps >= 3 && (!best || reps * k > best.reps * best.k)) best = { k, reps };
    }
    if (!best) {
      out.push(steps[i] as PathStep);
      i++;
      continue;
    }
    const run = steps.slice(i, i + best.k * best.reps);
    const first = run[0] as PathStep;
    const last = run.at(-1) as PathStep;
    out.push({
      names: run.slice(0, best.k).map((s) => (s.count > 1 ? `${s.count} × ${s.name}` : s.name)),
      times: best.reps,
      durationMs: last.startOffsetMs + last.durationMs - first.startOffsetMs,
      share: run.reduce((a, s) => a + s.share, 0),
    });
    i += best.k * best.reps;
  }
  return out;
}

const unitText = (u: Unit): string => (isCycle(u) ? `[${u.times} × ${u.names.join(' → ')} = ${fmtMs(u.durationMs)}, ${pct(u.share)}]` : stepText(u));

/** A level's steps (repeated cycles as one), the longest kept when there are too many to print. */
function levelText(level: PathLevel, max = 8): string {
  const units = cycles(level.steps);
  if (units.length <= max) return units.map(unitText).join(' › ');
  const keep = new Set([...units].sort((a, b) => unitMs(b) - unitMs(a)).slice(0, max - 1));
  const out: string[] = [];
  let skipped = 0;
  for (const s of units) {
    if (keep.has(s)) {
      if (skipped) out.push(`(${plural(skipped, 'shorter step')})`);
      skipped = 0;
      out.push(unitText(s));
    } else skipped += 1;
  }
  if (skipped) out.push(`(${plural(skipped, 'shorter step')})`);
  return out.join(' › ');
}

/**
 * The critical path: the root and its chain on one line; a one-step level continues the line
 * (a wrapper); deeper chains go on their own "inside X" lines.
 */
export function pathLines(levels: PathLevel[]): string[] {
  const first = levels[0];
  if (!first) return [];
  const lines: string[] = [];
  let head = `${first.within.name} ${fmtMs(first.within.durationMs)}`;
  let label = 'critical path:';
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i] as PathLevel;
    const next = levels[i + 1];
    const only = level.steps.length === 1 ? level.steps[0] : undefined;
    // A lone child that the next level descends into is a wrapper: keep the line going.
    if (only && next && only.spanIds[0] === next.within.spanId) {
      head += ` › ${stepText(only)}`;
      continue;
    }
    lines.push(`  ${label} ${head} › ${levelText(level)}`);
    if (next) {
      head = `${next.within.name} ${fmtMs(next.within.durationMs)}`;
      label = '  inside';
    }
  }
  return lines;
}

function modelLine(c: ModelCall): string {
  const tokens =
    c.inputTokens === null ? 'input tokens not recorded' : `${fmtInt(c.inputTokens)} input tokens = ${pct(c.shareOfInputTokens)} of the trace's input tokens`;
  return `${c.name} ${fmtMs(c.durationMs)} (${pct(c.shareOfTime)} of the trace) with ${tokens}`;
}

export function timingLines(r: TraceReport, jsonCommand?: string): string[] {
  const t = r.timing;
  if (!r.spanCount) return [`${paint.head('TIME')}: no spans`];
  const lines = [paint.head('TIME')];
  lines.push(...pathLines(t.criticalPath));
  const shares = t.byName.filter((n) => n.share >= 0.01).slice(0, 6);
  if (shares.length)
    lines.push(`  share of the trace by span name: ${shares.map((n) => `${n.name} ${pct(n.share)}${n.count > 1 ? ` (×${n.count})` : ''}`).join(', ')}`);
  if (t.modelCalls.length) {
    const where = jsonCommand ? ` (${jsonCommand}: timing.modelCalls)` : '';
    const more = t.modelCallCount > 3 ? `; … ${plural(t.modelCallCount - 3, 'more call')}${where}` : '';
    lines.push(`  model calls by prompt size: ${t.modelCalls.slice(0, 3).map(modelLine).join('; ')}${more}`);
  }
  lines.push(
    `  slowest by self time: ${t.slowestBySelf
      .slice(0, 5)
      .map((s) => `${s.name} ${fmtMs(s.selfMs)}${s.durationMs > s.selfMs + 0.5 ? ` (of ${fmtMs(s.durationMs)})` : ''}`)
      .join(', ')}`,
  );
  for (const g of t.gaps.slice(0, 3)) {
    const after = g.afterChild ? ` after ${g.afterChild}` : ' before its first child';
    lines.push(`  gap: ${g.parent} waited on nothing for ${fmtMs(g.durationMs)}${after} (at +${fmtMs(g.startOffsetMs)})`);
  }
  for (const rep of t.repeats.slice(0, 5)) {
    const where = rep.parents === 1 ? `under ${rep.parent ?? '(root)'}` : `under ${rep.parents} parents, up to ×${rep.maxUnderOneParent} under one`;
    const why = [rep.sameInputs ? `${rep.sameInputs} with the same inputs` : '', rep.failed ? `${rep.failed} failed` : ''].filter(Boolean).join(', ');
    const chained = t.sequentialChained.find((s) => s.name === rep.name);
    const sequential = t.sequential.some((s) => s.name === rep.name)
      ? '; ran one after another: see FINDINGS'
      : chained
        ? `; ran one after another and ${chained.notParallel}: no parallel saving claimed`
        : '';
    const verdict = rep.suspicious
      ? `${why}: retries or a loop?`
      : `${rep.inputsLogged ? 'different inputs each time' : 'no inputs logged to compare'}${rep.failed ? ` (${rep.failed} failed)` : ''}${sequential}`;
    lines.push(`  repeated: ${rep.name} ×${rep.count} ${where} (${fmtMs(rep.totalMs)} in all) — ${verdict}`);
  }
  if (t.repeats.length > 5)
    lines.push(`  … ${t.repeats.length - 5} more repeated span names${jsonCommand ? `; all of them: ${jsonCommand} (timing.repeats)` : ''}`);
  return lines;
}

/** inspect_turn's short TIME section: the critical path and the shares (health_check has the rest). */
export function timeSummaryLines(r: TraceReport): string[] {
  const t = r.timing;
  if (!r.spanCount) return [];
  const shares = t.byName.filter((n) => n.share >= 0.01).slice(0, 6);
  return [
    paint.head('TIME'),
    ...pathLines(t.criticalPath),
    ...(shares.length
      ? [`  share of the trace by span name: ${shares.map((n) => `${n.name} ${pct(n.share)}${n.count > 1 ? ` (×${n.count})` : ''}`).join(', ')}`]
      : []),
  ];
}
