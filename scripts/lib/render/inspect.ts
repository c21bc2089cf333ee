/** inspect_turn's views: the whole trace in depth, and one span whole (--span). */
import type { TraceReport } from '../analysis/trace-report.js';
import { summariseAssessments } from '../analysis/assessments.js';
import { spanExceptions, spanInputs, spanOutputs, spanType } from '../conventions.js';
import { attr, type Trace } from '../model/trace.js';
import { ancestry, durationOf, type SpanNode, type SpanTree } from '../model/tree.js';
import { selfTimeMs } from '../analysis/timing.js';
import { assessmentLines } from './assessments.js';
import type { Section } from './budget.js';
import { clip, fmtMs, fmtValue, oneLine, plural } from './format.js';
import { errorLines, headerLines, tokenLines, type Follow } from './health.js';
import { paint } from './style.js';
import { DEFAULT_TREE, renderTree } from './tree.js';

export function inspectSections(r: TraceReport, tree: SpanTree, follow: Follow, spanCommand: (id: string) => string): Section[] {
  const sections: Section[] = [{ name: 'header', priority: 0, lines: headerLines(r) }];
  const t = renderTree(tree, tree.roots, { ...DEFAULT_TREE, spanCommand });
  sections.push({ name: 'span tree', priority: 4, lines: [paint.head(`SPAN TREE — ${plural(r.spanCount, 'span')} (✓ OK  ✗ ERROR  ○ UNSET, not an error; waterfall on the trace's time axis)`), ...t.lines], more: spanCommand('<span_id>') });
  sections.push({ name: 'errors', priority: 2, lines: errorLines(r, follow, 3000) });

  const a = r.assessments;
  const n = a.verdicts.length + a.scorerErrors.length + a.expectations.length + a.overridden.length + a.issues.length;
  if (n) sections.push({ name: 'assessments', priority: 3, lines: [paint.head(`ASSESSMENTS (${n}; span-level ones name their span)`), ...assessmentLines(a, '  ', 600)] });

  const io = r.turn;
  const ioLines = [paint.head('WHERE THE TURN LIVES')];
  if (r.root) ioLines.push(`  root ${r.root.name} attribute keys: ${r.root.attributeKeys.join(', ') || '(none)'}`);
  ioLines.push(`  ${io.rootIsWrapper ? `root is a wrapper; the turn is on span "${io.spanName}" (depth ${io.depth}, ${io.spanId})` : `the root span carries the turn`}`);
  if (io.inputs) ioLines.push(`  inputs:  ${io.inputs.key} [${io.inputs.convention}]${io.user ? ` → ${io.user.shape}` : ''}`);
  if (io.outputs) ioLines.push(`  outputs: ${io.outputs.key} [${io.outputs.convention}]${io.reply ? ` → ${io.reply.shape}` : ''}`);
  if (io.user) ioLines.push(`  user:  ${clip(oneLine(io.user.text), 400)}`);
  if (io.reply) ioLines.push(`  reply: ${clip(oneLine(io.reply.text), 400)}`);
  sections.push({ name: 'turn', priority: 1, lines: ioLines });
  sections.push({ name: 'tokens', priority: 5, lines: tokenLines(r) });
  if (r.warnings.length) sections.push({ name: 'warnings', priority: 1, lines: [paint.head('WARNINGS'), ...r.warnings.map((w) => `  ${paint.warn('!')} ${w}`)] });
  if (r.link) sections.push({ name: 'link', priority: 0, lines: [`MLflow UI: ${r.link}`] });
  return sections.filter((s) => s.lines.length);
}

/** Finds a span by id (hex or as printed) or by name (the first with that name). */
export function findSpan(tree: SpanTree, key: string): SpanNode[] {
  const byId = tree.byId.get(key) ?? tree.byId.get(key.toLowerCase());
  if (byId) return [byId];
  return tree.nodes.filter((n) => n.span.name === key);
}

const pretty = (v: unknown): string => {
  if (typeof v === 'string') return v;
  try {
    return JSON.stringify(v, null, 2) ?? String(v);
  } catch {
    return String(v);
  }
};

/** One span whole: attributes decoded, inputs, outputs, events, its assessments and subtree. */
export function spanDetailText(trace: Trace, tree: SpanTree, node: SpanNode, spanCommand: (id: string) => string): string {
  const s = node.span;
  const out: string[] = [];
  out.push(paint.head(`Span ${s.name} (${s.id}) in ${trace.info.traceId}`));
  out.push(`type ${spanType(s) ?? '?'} · status ${s.status}${s.statusMessage ? ` (${s.statusMessage})` : ''} · ${fmtMs(durationOf(s))} (self ${fmtMs(selfTimeMs(node))})`);
  out.push(`path: ${[...ancestry(node).map((a) => a.span.name), s.name].join(' › ')}`);
  if (node.parent) out.push(`parent: ${node.parent.span.name} (${node.parent.span.id})`);
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
  if (node.children.length) {
    out.push('', paint.head(`SUBTREE (${node.children.length} children)`));
    out.push(...renderTree(tree, [node], { ...DEFAULT_TREE, maxSpans: 60, spanCommand }).lines);
  }
  return out.join('\n');
}

/**
 * Where each page of a long text starts. A page ends at a line break in its second half, else at
 * a space in its last fifth, so that a word — an id, or a secret the redaction pass must see
 * whole — is not split across two pages. A space that joins a name to its value (`key: value`,
 * `key = value`, `Bearer value`) is not a break either: the value would start the next page
 * without the name that marks it secret.
 */
export function pageStarts(text: string, room: number): number[] {
  const starts = [0];
  for (let at = 0; text.length - at > room;) {
    let end = at + room;
    const nl = text.lastIndexOf('\n', end - 1);
    if (nl >= at + room * 0.5) end = nl + 1;
    else {
      for (let i = end - 1; i >= at + room * 0.8; i--) {
        if (text[i] !== ' ') continue;
        const before = text.slice(Math.max(at, i - 12), i);
        if (/[:=]\s*$|\b(?:Bearer|Basic|Token)\s*$/i.test(before) || /^\s*[:=]/.test(text.slice(i, i + 3))) continue;
        end = i + 1;
        break;
      }
    }
    starts.push(end);
    at = end;
  }
  return starts;
}

/** A page of a long text, for --span output bounded by --max-chars. */
export function pageOf(text: string, maxChars: number, page: number, nextCommand: (page: number) => string): string {
  const room = Math.max(200, maxChars - 200);
  const starts = pageStarts(text, room);
  const pages = starts.length;
  const p = Math.min(Math.max(1, page), pages);
  const end = starts[p] ?? text.length;
  const body = text.slice(starts[p - 1], end);
  if (pages === 1) return body;
  const tail = p < pages ? `… page ${p} of ${pages} (${(text.length - end).toLocaleString('en-US')} more chars); next: ${nextCommand(p + 1)}` : `(page ${p} of ${pages}, the last)`;
  return `${body}\n${tail}`;
}
