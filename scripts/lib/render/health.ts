/** health_check's one screen: what happened, what failed, what the judges said, where time went. */
import type { TraceReport } from '../analysis/trace-report.js';
import { assessmentCount, assessmentLines } from './assessments.js';
import type { Section } from './budget.js';
import { clip, fmtInt, fmtMs, oneLine, plural } from './format.js';
import { locateHint } from './code.js';
import { paint } from './style.js';

export interface Follow {
  inspect: string;
  inspectSpan: (spanId: string) => string;
  locate?: (spanId: string) => string;
}

export function stateLine(state: string): string {
  if (state === 'ERROR') return `${paint.error('ERROR')} (an unhandled exception ended the trace)`;
  if (state === 'OK') return `${paint.ok('OK')} (only means no unhandled exception; correctness is in the assessments and outputs)`;
  if (state === 'IN_PROGRESS') return `${paint.warn('IN_PROGRESS')} (not finished, or its process died)`;
  return state;
}

export function headerLines(r: TraceReport): string[] {
  const lines = [
    paint.head(`Trace ${r.traceId}`) + ` — ${stateLine(r.state)}`,
    `${r.requestTime ?? 'time unknown'} · ${fmtMs(r.durationMs)} · ${plural(r.spanCount, 'span')} · root ${r.root ? `${r.root.name} [${r.root.type ?? '?'}]` : '(none)'}${r.experimentId ? ` · experiment ${r.experimentId}` : ''}`,
  ];
  const who = [r.sessionId ? `Session ${r.sessionId}` : '', r.userId ? `user ${r.userId}` : ''].filter(Boolean).join(' · ');
  const whoLine = who.charAt(0).toUpperCase() + who.slice(1);
  if (who) lines.push(whoLine);
  const req = r.turn.user?.text ?? r.requestPreview;
  const res = r.turn.reply?.text ?? r.responsePreview;
  if (req) lines.push(`Request:  ${clip(oneLine(req), 300)}`);
  if (res) lines.push(`Response: ${clip(oneLine(res), 300)}`);
  if (r.turn.rootIsWrapper) lines.push(paint.dim(`(the root is a wrapper; the turn was read from ${r.turn.source})`));
  return lines;
}

export function errorLines(r: TraceReport, follow: Follow, stackMax = 1200): string[] {
  if (!r.errors.culprits.length) return [];
  const lines = [paint.head(`ERRORS — ${plural(r.errors.errorSpanCount, 'error span')}, ${plural(r.errors.culprits.length, 'root cause')} (the deepest failing spans)`)];
  let stackShown = false;
  for (const c of r.errors.culprits) {
    const ex = c.exception ? `${c.exception.type}: ${oneLine(c.exception.message)}` : c.statusMessage || '(no message)';
    lines.push(`  ${paint.error('✗')} ${c.name} [${c.type ?? '?'}]${c.count > 1 ? ` ×${c.count}` : ''} — ${clip(ex, 300)}`);
    lines.push(`    path: ${[...c.path, c.name].join(' › ')}`);
    if (c.propagatedThrough.length) lines.push(`    propagated through: ${c.propagatedThrough.join(' ← ')}`);
    lines.push(`    span: ${c.spanId}  (${follow.inspectSpan(c.spanId)})`);
    const code = locateHint(r, c, follow.locate);
    if (code) lines.push(code);
    // Each traceback once: ancestors re-raising the same error would repeat it.
    if (!stackShown && c.exception?.stackTrace) {
      stackShown = true;
      lines.push('    traceback:');
      for (const l of clip(c.exception.stackTrace.trim(), stackMax, follow.inspectSpan(c.spanId)).split('\n').slice(-14)) lines.push(`      ${l}`);
    }
  }
  return lines;
}

export function timingLines(r: TraceReport): string[] {
  const t = r.timing;
  if (!r.spanCount) return [];
  const lines = [paint.head('TIME')];
  lines.push(`  slowest by self time: ${t.slowestBySelf.slice(0, 5).map((s) => `${s.name} ${fmtMs(s.selfMs)}${s.durationMs > s.selfMs + 0.5 ? ` (of ${fmtMs(s.durationMs)})` : ''}`).join(', ')}`);
  if (t.criticalPath.length > 1) lines.push(`  critical path: ${t.criticalPath.map((s) => `${s.name} ${fmtMs(s.durationMs)}`).join(' › ')}`);
  for (const g of t.gaps.slice(0, 3)) lines.push(`  gap: ${g.parent} waited on nothing for ${fmtMs(g.durationMs)}${g.afterChild ? ` after ${g.afterChild}` : ' before its first child'} (at +${fmtMs(g.startOffsetMs)})`);
  for (const rep of t.repeats.slice(0, 5)) {
    const where = rep.parents === 1 ? `under ${rep.parent ?? '(root)'}` : `under ${rep.parents} parents, up to ×${rep.maxUnderOneParent} under one`;
    lines.push(`  repeated: ${rep.name} ×${rep.count} ${where} (${fmtMs(rep.totalMs)} in all) — retries or a loop?`);
  }
  if (t.repeats.length > 5) lines.push(`  … ${t.repeats.length - 5} more repeated span names`);
  return lines;
}

export function tokenLines(r: TraceReport): string[] {
  const k = r.tokens;
  if (!k.total && !k.cost) return [];
  const lines = [paint.head('TOKENS')];
  if (k.total) lines.push(`  total ${fmtInt(k.total.total)} (in ${fmtInt(k.total.input)}, out ${fmtInt(k.total.output)}) — from ${k.source}`);
  for (const m of k.byModel.slice(0, 6)) lines.push(`  ${m.model}: ${fmtInt(m.total)} (in ${fmtInt(m.input)}, out ${fmtInt(m.output)}) in ${plural(m.calls, 'call')}`);
  if (k.cost?.total != null) lines.push(`  cost: $${k.cost.total.toFixed(6)} (in $${(k.cost.input ?? 0).toFixed(6)}, out $${(k.cost.output ?? 0).toFixed(6)})`);
  return lines;
}

export function healthSections(r: TraceReport, follow: Follow): Section[] {
  const sections: Section[] = [{ name: 'header', priority: 0, lines: headerLines(r) }];
  sections.push({ name: 'errors', priority: 2, lines: errorLines(r, follow), more: follow.inspect });
  const a = r.assessments;
  if (assessmentCount(a)) sections.push({ name: 'assessments', priority: 3, lines: [paint.head(`ASSESSMENTS (${assessmentCount(a)})`), ...assessmentLines(a)], more: `${follow.inspect} --json` });
  sections.push({ name: 'time', priority: 5, lines: timingLines(r), more: follow.inspect });
  sections.push({ name: 'tokens', priority: 4, lines: tokenLines(r), more: follow.inspect });
  if (r.warnings.length) sections.push({ name: 'warnings', priority: 1, lines: [paint.head('WARNINGS'), ...r.warnings.map((w) => `  ${paint.warn('!')} ${w}`)] });
  if (r.link) sections.push({ name: 'link', priority: 0, lines: [`MLflow UI: ${r.link}`] });
  return sections.filter((s) => s.lines.length);
}
