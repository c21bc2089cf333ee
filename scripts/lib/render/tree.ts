/**
 * The span tree as text: a status mark (✓ OK, ✗ ERROR, ○ UNSET — UNSET is not an error), name,
 * type, total and self time, start offset, and a waterfall bar on the trace's time axis, with a
 * one-line preview of inputs and outputs under each span. Big trees are collapsed by depth,
 * width and line count; every collapse names the command that expands it.
 */
import { spanInputs, spanOutputs, spanType } from '../conventions.js';
import { textOrPreview } from '../messages.js';
import { descendants, durationOf, endOf, type SpanNode, type SpanTree } from '../model/tree.js';
import { selfTimeMs } from '../analysis/timing.js';
import { clip, fmtMs, oneLine } from './format.js';
import { paint } from './style.js';

export interface TreeOptions {
  maxDepth: number;
  maxChildren: number;
  maxSpans: number;
  previews: boolean;
  barWidth: number;
  /** The command that shows one span (and its subtree): `… --span <id>`. */
  spanCommand: (spanId: string) => string;
}

export const DEFAULT_TREE: Omit<TreeOptions, 'spanCommand'> = { maxDepth: 10, maxChildren: 12, maxSpans: 150, previews: true, barWidth: 24 };

function mark(node: SpanNode): string {
  if (node.span.status === 'ERROR') return paint.error('✗');
  if (node.span.status === 'OK') return paint.ok('✓');
  return paint.dim('○');
}

function bar(node: SpanNode, t0: number, total: number, width: number): string {
  if (total <= 0) return '';
  const a = Math.floor(((node.span.startMs - t0) / total) * width);
  const b = Math.max(a + 1, Math.ceil(((endOf(node.span) - t0) / total) * width));
  // ASCII cells: one byte each, where block glyphs would take three (the bound is about 20 KB).
  const cells = Array.from({ length: width }, (_, i) => (i >= a && i < Math.min(b, width) ? '=' : '.'));
  return `|${cells.join('')}|`;
}

export function spanLabel(node: SpanNode, t0: number): string {
  const s = node.span;
  const type = spanType(s);
  const dur = durationOf(s);
  const self = selfTimeMs(node);
  const anomaly = node.anomaly ? paint.warn(` (${node.anomaly})`) : '';
  const timing = dur === null ? paint.warn('never ended') : `${fmtMs(dur)}${node.children.length ? ` (self ${fmtMs(self)})` : ''}`;
  return `${mark(node)} ${s.name}${type ? ` [${type}]` : ''} ${timing} +${fmtMs(s.startMs - t0)}${anomaly}`;
}

export function previewLines(node: SpanNode, max = 110): string[] {
  const lines: string[] = [];
  const i = spanInputs(node.span);
  const o = spanOutputs(node.span);
  const it = i ? textOrPreview(i.value, 'in', max + 20) : null;
  const ot = o ? textOrPreview(o.value, 'out', max + 20) : null;
  if (it) lines.push(`in:  ${clip(oneLine(it.text), max)}`);
  if (ot) lines.push(`out: ${clip(oneLine(ot.text), max)}`);
  if (node.span.status === 'ERROR' && node.span.statusMessage) lines.push(paint.error(`err: ${clip(oneLine(node.span.statusMessage), max)}`));
  return lines;
}

/** Renders the subtree(s) under `starts`; returns lines and how many spans were left out. */
export function renderTree(tree: SpanTree, starts: SpanNode[], opts: TreeOptions): { lines: string[]; hidden: number } {
  const all = tree.nodes;
  const t0 = all.reduce((m, n) => Math.min(m, n.span.startMs), Number.POSITIVE_INFINITY);
  const t1 = all.reduce((m, n) => Math.max(m, endOf(n.span)), Number.NEGATIVE_INFINITY);
  const total = t1 - t0;
  const rows: Array<{ label: string; prefix: string; node: SpanNode | null; childPrefix: string }> = [];
  const extra: string[] = [];
  let shown = 0;
  let hidden = 0;
  const baseDepth = starts[0]?.depth ?? 0;

  type Item = { node: SpanNode; prefix: string; childPrefix: string } | { more: string; prefix: string };
  const stack: Item[] = starts.map((n) => ({ node: n, prefix: '', childPrefix: '' })).reverse();
  while (stack.length) {
    const item = stack.pop() as Item;
    if ('more' in item) {
      rows.push({ label: paint.dim(item.more), prefix: item.prefix, node: null, childPrefix: '' });
      continue;
    }
    const { node } = item;
    if (shown >= opts.maxSpans) {
      hidden += 1 + descendants(node).length;
      continue;
    }
    shown += 1;
    rows.push({ label: spanLabel(node, t0), prefix: item.prefix, node, childPrefix: item.childPrefix });
    const kids = node.children;
    if (!kids.length) continue;
    const depth = node.depth - baseDepth;
    if (depth + 1 > opts.maxDepth) {
      const n = descendants(node).length;
      hidden += n;
      stack.push({ more: `+${n} more spans below (${opts.spanCommand(node.span.id)})`, prefix: `${item.childPrefix}└─ ` });
      continue;
    }
    const visible = kids.slice(0, opts.maxChildren);
    const rest = kids.length - visible.length;
    const pending: Item[] = [];
    visible.forEach((child, idx) => {
      const last = idx === visible.length - 1 && rest === 0;
      pending.push({ node: child, prefix: `${item.childPrefix}${last ? '└─ ' : '├─ '}`, childPrefix: `${item.childPrefix}${last ? '   ' : '│  '}` });
    });
    if (rest > 0) {
      const n = kids.slice(opts.maxChildren).reduce((s, c) => s + 1 + descendants(c).length, 0);
      hidden += n;
      pending.push({ more: `+${rest} more children (${n} spans) of ${node.span.name} (${opts.spanCommand(node.span.id)})`, prefix: `${item.childPrefix}└─ ` });
    }
    for (let i = pending.length - 1; i >= 0; i--) stack.push(pending[i] as Item);
  }
  if (hidden && shown >= opts.maxSpans) extra.push(paint.dim(`… ${hidden} more spans not drawn (limit ${opts.maxSpans}); see one subtree with ${opts.spanCommand('<span_id>')} or read the JSON`));

  const width = Math.min(72, Math.max(...rows.map((r) => r.prefix.length + visibleLength(r.label)), 0));
  const lines: string[] = [];
  for (const r of rows) {
    if (!r.node) {
      lines.push(`${r.prefix}${r.label}`);
      continue;
    }
    const head = `${r.prefix}${r.label}`;
    const pad = Math.max(1, width - r.prefix.length - visibleLength(r.label) + 1);
    lines.push(opts.barWidth ? `${head}${' '.repeat(pad)}${paint.dim(bar(r.node, t0, total, opts.barWidth))}` : head);
    if (opts.previews) {
      const cont = r.childPrefix + (r.node.children.length ? '│  ' : '   ');
      for (const p of previewLines(r.node)) lines.push(`${cont}${paint.dim(p)}`);
    }
  }
  return { lines: [...lines, ...extra], hidden };
}

const visibleLength = (s: string): number => s.replace(/\u001b\[[0-9;]*m/g, '').length;
