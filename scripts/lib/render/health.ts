/** health_check's one screen: what happened, what failed, what the judges said, where time went. */
import type { TraceReport } from '../analysis/trace/trace-report.js';
import { assessmentCount, assessmentLines } from './assessment-lines.js';
import type { Section } from './budget.js';
import { clip, clipKeeping, fmtInt, fmtMs, oneLine, plural } from './format.js';
import { locateHint } from './code.js';
import type { RepoMatch } from '../code/repo-match.js';
import { paint } from './style.js';
import { findingsBody, kindLines } from './findings-view.js';
import { timingLines } from './time-view.js';
import { itemsOf } from '../analysis/findings/registry.js';
import { findingValues } from '../analysis/findings/finding-values.js';
import { caught } from '../analysis/findings/kinds/caught.js';
import { okDespiteFailures } from '../analysis/findings/kinds/ok-despite-failures.js';

export { timingLines };

export interface Follow {
  inspect: string;
  inspectSpan: (spanId: string) => string;
  /** This view with --json: where lists cut on screen are whole. */
  json?: string;
  locate?: (spanId: string) => string;
  /** Whether the working directory holds the files the trace names (code/repo-match.ts). */
  repo?: RepoMatch;
  /** health_check on the same trace (inspect_turn points there instead of repeating ERRORS). */
  health?: string;
}

export function stateLine(state: string): string {
  if (state === 'ERROR') return `${paint.error('ERROR')} (an unhandled exception ended the trace)`;
  if (state === 'OK') return `${paint.ok('OK')} (only means no unhandled exception; correctness is in the assessments and outputs)`;
  if (state === 'IN_PROGRESS') return `${paint.warn('IN_PROGRESS')} (not finished, or its process died)`;
  return state;
}

export function headerLines(r: TraceReport, follow?: Follow): string[] {
  const root = r.root ? `${r.root.name} [${r.root.type ?? '?'}]` : '(none)';
  const experiment = r.experimentId ? ` · experiment ${r.experimentId}` : '';
  const lines = [
    paint.head(`Trace ${r.traceId}`) + ` — ${stateLine(r.state)}`,
    `${r.requestTime ?? 'time unknown'} · ${fmtMs(r.durationMs)} · ${plural(r.spanCount, 'span')} · root ${root}${experiment}`,
  ];
  const who = [r.sessionId ? `Session ${r.sessionId}` : '', r.userId ? `user ${r.userId}` : ''].filter(Boolean).join(' · ');
  const whoLine = who.charAt(0).toUpperCase() + who.slice(1);
  if (who) lines.push(whoLine);
  const req = r.turn.user?.text ?? r.requestPreview;
  const res = r.turn.reply?.text ?? r.responsePreview;
  const cut = turnCut(r, follow);
  if (req) lines.push(`Request:  ${cut(req, 300)}`);
  if (res) lines.push(`Response: ${cut(res, 300)}`);
  if (r.turn.rootIsWrapper) lines.push(paint.dim(`(the root is a wrapper; the turn was read from ${r.turn.source})`));
  return lines;
}

/** How the turn's request and reply are cut: keeping the values the findings quote, naming the span that holds them whole. */
export function turnCut(r: TraceReport, follow?: Follow): (text: string, max: number) => string {
  const keep = findingValues(r.findings);
  const whole = follow && keep.length ? (r.turn.spanId ? follow.inspectSpan(r.turn.spanId) : follow.inspect) : undefined;
  return (text, max) => clipKeeping(oneLine(text), max, keep, whole);
}

export function errorLines(r: TraceReport, follow: Follow, stackMax = 1200): string[] {
  if (!r.errors.culprits.length)
    return [`${paint.head('ERRORS')}: none${r.state === 'ERROR' ? ' in the spans (the trace state is ERROR: read the root span)' : ''}`];
  const lines = [
    paint.head(`ERRORS — ${plural(r.errors.errorSpanCount, 'error span')}, ${plural(r.errors.culprits.length, 'root cause')} (the deepest failing spans)`),
  ];
  // The finding kinds shown in ERRORS: the trace's OK state questioned, then each failure where it was caught.
  lines.push(...kindLines(okDespiteFailures, itemsOf(r.findings, okDespiteFailures)));
  const caughtIn = new Map(itemsOf(r.findings, caught).map((c) => [c.spanId, c.caughtIn]));
  let stackShown = false;
  const keep = findingValues(r.findings);
  for (const c of r.errors.culprits) {
    const ex = c.exception ? `${c.exception.type}: ${oneLine(c.exception.message)}` : c.statusMessage || '(no message)';
    const by = caughtIn.get(c.spanId);
    const where = by ? ` — caught in ${by.name} (status ${by.status})` : '';
    lines.push(`  ${paint.error('✗')} ${c.name} [${c.type ?? '?'}]${c.count > 1 ? ` ×${c.count}` : ''} — ${clipKeeping(ex, 300, keep)}${where}`);
    lines.push(`    path: ${[...c.path, c.name].join(' › ')}`);
    if (c.propagatedThrough.length) lines.push(`    propagated through: ${c.propagatedThrough.join(' ← ')}`);
    lines.push(`    span: ${c.spanId}  (${follow.inspectSpan(c.spanId)})`);
    if (c.spanIds.length > 1)
      lines.push(
        `    the same failure in: ${c.spanIds
          .slice(1, 9)
          .map((id) => id.slice(0, 8))
          .join(', ')}${c.spanIds.length > 9 ? `, … ${c.spanIds.length - 9} more` : ''}`,
      );
    const code = locateHint(r, c, follow.locate, follow.repo);
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

/** Conclusions drawn across spans (analysis/findings/registry.ts), beyond what each span says itself. */
export function findingLines(r: TraceReport): string[] {
  const body = findingsBody(r.findings);
  return body.length ? [paint.head('FINDINGS'), ...body] : [`${paint.head('FINDINGS')}: none`];
}

export function tokenLines(r: TraceReport, jsonCommand?: string): string[] {
  const k = r.tokens;
  if (!k.total && !k.cost) return [`${paint.head('TOKENS')}: none recorded`];
  const lines = [paint.head('TOKENS')];
  if (k.total) lines.push(`  total ${fmtInt(k.total.total)} (in ${fmtInt(k.total.input)}, out ${fmtInt(k.total.output)}) — from ${k.source}`);
  for (const m of k.byModel.slice(0, 6))
    lines.push(`  ${m.model}: ${fmtInt(m.total)} (in ${fmtInt(m.input)}, out ${fmtInt(m.output)}) in ${plural(m.calls, 'call')}`);
  if (k.byModel.length > 6)
    lines.push(`  … ${plural(k.byModel.length - 6, 'more model')}${jsonCommand ? `; all of them: ${jsonCommand} (tokens.byModel)` : ''}`);
  if (k.cost?.total != null) lines.push(`  cost: $${k.cost.total.toFixed(6)} (in $${(k.cost.input ?? 0).toFixed(6)}, out $${(k.cost.output ?? 0).toFixed(6)})`);
  return lines;
}

export function healthSections(r: TraceReport, follow: Follow): Section[] {
  // Every section is printed, "none" included: an absent section would leave a reader unsure
  // whether there was nothing or it was not shown.
  const sections: Section[] = [{ name: 'header', priority: 0, lines: headerLines(r, follow) }];
  sections.push({ name: 'errors', priority: 2, lines: errorLines(r, follow), more: follow.inspect });
  sections.push({ name: 'findings', priority: 2, lines: findingLines(r), more: follow.inspect });
  const a = r.assessments;
  sections.push(
    assessmentCount(a)
      ? {
          name: 'assessments',
          priority: 3,
          lines: [paint.head(`ASSESSMENTS (${assessmentCount(a)})`), ...assessmentLines(a, '  ', 240, findingValues(r.findings))],
          more: `${follow.inspect} --json`,
        }
      : { name: 'assessments', priority: 0, lines: [`${paint.head('ASSESSMENTS')}: none logged`] },
  );
  sections.push({ name: 'time', priority: 5, lines: timingLines(r, follow.json), more: follow.inspect });
  sections.push({ name: 'tokens', priority: 4, lines: tokenLines(r, follow.json), more: follow.inspect });
  sections.push({ name: 'warnings', priority: 1, lines: warningLines(r) });
  if (r.link) sections.push({ name: 'link', priority: 0, lines: [`MLflow UI: ${r.link}`] });
  return sections;
}

export const warningLines = (r: TraceReport): string[] =>
  r.warnings.length ? [paint.head('WARNINGS'), ...r.warnings.map((w) => `  ${paint.warn('!')} ${w}`)] : [`${paint.head('WARNINGS')}: none`];
