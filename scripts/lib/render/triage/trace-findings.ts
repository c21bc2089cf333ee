/** FINDINGS ACROSS TRACES: health_check's findings in the OK traces read with spans, or how to have them. */
import type { FindingTally, TraceFindings } from '../../analysis/triage/sections/trace-findings.js';
import { clip, fmtInt, oneLine, plural } from '../format.js';
import { paint } from '../style.js';
import type { TriageFollow, TriageView } from './view.js';

const HEAD = 'FINDINGS ACROSS TRACES';
const ROLE_WORDS: Record<string, string> = { slow: 'in the slow tail', all: 'all', sample: 'sampled' };
const WHY = 'a wrong tool argument, a reply that contradicts its sources, a failure inside an OK output or a loop leave a trace OK; only its spans show them';

function readLine(t: TraceFindings): string {
  if (t.roles.all === t.checked) return `${paint.head(HEAD)} — health_check's findings in each of the ${plural(t.checked, 'OK trace')} read (--spans)`;
  const why = Object.entries(t.roles)
    .map(([role, n]) => `${ROLE_WORDS[role] ?? role}: ${fmtInt(n)}`)
    .join(', ');
  const cut = t.unchecked ? `; ${fmtInt(t.unchecked)} more read with spans were not checked` : '';
  return `${paint.head(HEAD)} — health_check's findings over the ${plural(t.checked, 'OK trace')} read with spans (${why})${cut}`;
}

const LISTED = 10;
const sameTraces = (a: FindingTally, b: FindingTally) => a.traceIds.length === b.traceIds.length && a.traceIds.every((id, i) => b.traceIds[i] === id);

/** Every trace of the kind, or the kind listed above with the very same traces (one problem seen two ways). */
function tracesLine(k: FindingTally, earlier: readonly FindingTally[]): string {
  const same = earlier.find((e) => sameTraces(e, k));
  if (same) return `      the same ${plural(k.traces, 'trace')} as ${same.kind}`;
  const rest = k.traceIds.length - LISTED;
  return `      traces: ${k.traceIds.slice(0, LISTED).join(', ')}${rest > 0 ? ` … ${fmtInt(rest)} more (--json: traceFindings.kinds[].traceIds)` : ''}`;
}

function kindLines(k: FindingTally, earlier: readonly FindingTally[], follow: TriageFollow): string[] {
  const h = k.heuristic === true ? ' (heuristic)' : k.heuristic === 'some' ? ' (some heuristic)' : '';
  const first = k.examples[0];
  return [
    `  ${paint.warn('!')} ${k.kind} in ${plural(k.traces, 'trace')}${h}: ${clip(oneLine(first?.line ?? k.about), 500)}`,
    `      e.g. ${follow.inspect(first?.traceId ?? '')}`,
    tracesLine(k, earlier),
  ];
}

export const traceFindingsView: TriageView = (f, run, follow) => {
  const t = f.traceFindings;
  const lines = t.checked ? [readLine(t), ...t.kinds.flatMap((k, i) => kindLines(k, t.kinds.slice(0, i), follow))] : [];
  if (t.checked && !t.kinds.length) lines.push('  none in the traces read with spans');
  // Silent failures sit in OK traces: only a read of every trace's spans looks for them all.
  if (!t.roles.all && run.read > 0) {
    const check = `${WHY}. Check every trace read${follow.spans ? `: ${follow.spans}` : ' (--spans)'}`;
    lines.push(t.checked ? `  the other OK traces were not checked: ${check}` : `${paint.head(HEAD)} — OK traces not checked: ${check}`);
  }
  return lines.length ? [{ name: 'traceFindings', priority: 2, lines, more: follow.json }] : [];
};
