/** inspect_turn's views: the whole trace in depth, and one span whole (--span). */
import type { TraceReport } from '../analysis/trace/trace-report.js';
import { summariseAssessments } from '../analysis/trace/assessments.js';
import { spanExceptions, spanInputs, spanOutputs, spanType } from '../trace/conventions.js';
import { attr, type Trace } from '../trace/trace.js';
import { ancestry, durationOf, type SpanNode, type SpanTree } from '../trace/tree.js';
import { selfTimeMs } from '../analysis/trace/timing.js';
import { assessmentLines } from './assessment-lines.js';
import type { Section } from './budget.js';
import { clipKeeping, fmtMs, fmtValue, oneLine, plural } from './format.js';
import { errorLines, findingLines, headerLines, tokenLines, turnCut, type Follow } from './health.js';
import { findingValues } from '../analysis/findings/finding-values.js';
import { paint } from './style.js';
import { timeSummaryLines } from './time-view.js';
import { DEFAULT_TREE, renderTree } from './tree-view.js';
import { nameRef } from '../trace/span-ref.js';

/** Trees this small are shown whole: a cut would hide more than it saves. */
export const WHOLE_TREE = 50;

export interface InspectOptions {
  spanCommand: (id: string) => string;
  childrenCommand: (parent: SpanNode, from: number) => string;
  maxChars: number;
}

export function inspectSections(r: TraceReport, tree: SpanTree, follow: Follow, opts: InspectOptions): Section[] {
  const sections: Section[] = [{ name: 'header', priority: 0, lines: headerLines(r, follow) }];
  const keep = findingValues(r.findings);
  const tree0 = { ...DEFAULT_TREE, keep, spanCommand: opts.spanCommand, childrenCommand: opts.childrenCommand };
  // The tree is drawn small enough to fit the budget whole, so each of its "+N more" lines
  // stays a command to run rather than being cut away by the budget.
  const treeRoom = Math.max(2_000, opts.maxChars * 0.7);
  let maxSpans = DEFAULT_TREE.maxSpans;
  // A tree of up to WHOLE_TREE spans is drawn whole (no child or depth cut) when it fits.
  const whole = tree.nodes.length <= WHOLE_TREE ? { maxChildren: WHOLE_TREE, maxDepth: WHOLE_TREE } : {};
  let t = renderTree(tree, tree.roots, { ...tree0, ...whole, maxSpans });
  while (maxSpans > 5 && t.lines.reduce((a, l) => a + l.length + 1, 0) > treeRoom) {
    maxSpans = Math.floor(maxSpans * 0.7);
    t = renderTree(tree, tree.roots, { ...tree0, maxSpans, maxChildren: Math.min(DEFAULT_TREE.maxChildren, maxSpans) });
  }
  const root = tree.roots[0];
  sections.push({
    name: 'span tree',
    priority: 4,
    lines: [
      paint.head(`SPAN TREE — ${plural(r.spanCount, 'span')} (✓ OK  ✗ ERROR  ○ UNSET, not an error; · id for --span; waterfall on the trace's time axis)`),
      ...t.lines,
    ],
    more: root ? opts.spanCommand(root.span.id) : `${follow.inspect} --json`,
  });
  sections.push({ name: 'errors', priority: 2, lines: follow.health ? errorPointer(r, follow) : errorLines(r, follow, 3000) });
  sections.push({ name: 'findings', priority: 2, lines: findingLines(r) });
  sections.push({ name: 'time', priority: 5, lines: timeSummaryLines(r) });

  const a = r.assessments;
  const n = a.verdicts.length + a.scorerErrors.length + a.expectations.length + a.overridden.length + a.issues.length;
  if (n)
    sections.push({
      name: 'assessments',
      priority: 3,
      lines: [paint.head(`ASSESSMENTS (${n}; span-level ones name their span)`), ...assessmentLines(a, '  ', 600, keep)],
    });

  const io = r.turn;
  const ioLines = [paint.head('WHERE THE TURN LIVES')];
  if (r.root) ioLines.push(`  root ${r.root.name} attribute keys: ${r.root.attributeKeys.join(', ') || '(none)'}`);
  ioLines.push(
    `  ${io.rootIsWrapper ? `root is a wrapper; the turn is on span "${io.spanName}" (depth ${io.depth}, ${io.spanId})` : `the root span carries the turn`}`,
  );
  if (io.inputs) ioLines.push(`  inputs:  ${io.inputs.key} [${io.inputs.convention}]${io.user ? ` → ${io.user.shape}` : ''}`);
  if (io.outputs) ioLines.push(`  outputs: ${io.outputs.key} [${io.outputs.convention}]${io.reply ? ` → ${io.reply.shape}` : ''}`);
  const cut = turnCut(r, follow);
  if (io.user) ioLines.push(`  user:  ${cut(io.user.text, 400)}`);
  if (io.reply) ioLines.push(`  reply: ${cut(io.reply.text, 400)}`);
  sections.push({ name: 'turn', priority: 1, lines: ioLines });
  sections.push({ name: 'tokens', priority: 5, lines: tokenLines(r) });
  if (r.warnings.length)
    sections.push({ name: 'warnings', priority: 1, lines: [paint.head('WARNINGS'), ...r.warnings.map((w) => `  ${paint.warn('!')} ${w}`)] });
  if (r.link) sections.push({ name: 'link', priority: 0, lines: [`MLflow UI: ${r.link}`] });
  return sections.filter((s) => s.lines.length);
}

/** One line instead of health_check's ERRORS block: the first root cause and where the rest is. */
function errorPointer(r: TraceReport, follow: Follow): string[] {
  const c = r.errors.culprits[0];
  if (!c) return errorLines(r, follow);
  const ex = c.exception ? `${c.exception.type}: ${oneLine(c.exception.message)}` : c.statusMessage || '(no message)';
  const more = r.errors.culprits.length > 1 ? ` (+${plural(r.errors.culprits.length - 1, 'more root cause')})` : '';
  const cause = `root cause ${c.name} [${c.type ?? '?'}] — ${clipKeeping(ex, 200, findingValues(r.findings))}${more} · span ${c.spanId.slice(0, 8)}`;
  return [`${paint.head('ERRORS')}: ${plural(r.errors.errorSpanCount, 'error span')}; ${cause} · whole block with traceback: ${follow.health}`];
}

const pretty = (v: unknown): string => {
  if (typeof v === 'string') return v;
  try {
    return JSON.stringify(v, null, 2) ?? String(v);
  } catch {
    return String(v);
  }
};

/** One span whole: attributes decoded, inputs, outputs, events, its assessments (the subtree: span-view.ts). */
export function spanDetailText(trace: Trace, tree: SpanTree, node: SpanNode): string {
  const s = node.span;
  const out: string[] = [];
  out.push(paint.head(`Span ${nameRef(tree, node)} (${s.id}) in ${trace.info.traceId}`));
  if (trace.format === '3.x') out.push(`span_id in the JSON (base64): ${hexToBase64(s.id)}`);
  const status = `${s.status}${s.statusMessage ? ` (${s.statusMessage})` : ''}`;
  out.push(`type ${spanType(s) ?? '?'} · status ${status} · ${fmtMs(durationOf(s))} (self ${fmtMs(selfTimeMs(node))})`);
  out.push(`path: ${[...ancestry(node).map((a) => a.span.name), s.name].join(' › ')}`);
  if (node.parent) out.push(`parent: ${nameRef(tree, node.parent)} (${node.parent.span.id})`);
  const i = spanInputs(s);
  const o = spanOutputs(s);
  if (i) out.push('', paint.head(`INPUTS (${i.key})`), pretty(i.value));
  if (o) out.push('', paint.head(`OUTPUTS (${o.key})`), pretty(o.value));
  const exceptions = spanExceptions(s);
  if (exceptions.length) {
    out.push('', paint.head('EXCEPTIONS'));
    for (const e of exceptions) out.push(`${e.type}: ${e.message}`, ...(e.stackTrace ? [e.stackTrace] : []));
  }
  const others = s.events.filter((e) => e.name !== 'exception');
  if (others.length) out.push('', paint.head('EVENTS'), ...others.map((e) => `${e.name} ${fmtValue(e.attributes)}`));
  const own = trace.info.assessments.filter((a) => a.spanId === s.id);
  if (own.length) out.push('', paint.head('ASSESSMENTS ON THIS SPAN'), ...assessmentLines(summariseAssessments(own, tree)));
  out.push('', paint.head('ATTRIBUTES (JSON-decoded)'));
  const skip = new Set([i?.key, o?.key]);
  for (const key of Object.keys(s.rawAttributes)) {
    if (skip.has(key)) continue;
    out.push(`${key}: ${oneLine(pretty(attr(s, key)))}`);
  }
  return out.join('\n');
}

/** 3.x JSON holds span ids in base64: the form to search the raw file for. */
export const hexToBase64 = (hex: string): string => (/^[0-9a-f]{16}$/.test(hex) ? Buffer.from(hex, 'hex').toString('base64') : hex);

/** How the ids in the raw JSON relate to the hex ids printed, for the line naming the JSON file. */
export function jsonIdNote(format: Trace['format']): string {
  return format === '3.x' ? 'span ids in the JSON are base64; the hex ids printed here decode them' : 'span ids in the JSON are hex, as printed here';
}
