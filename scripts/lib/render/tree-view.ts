/**
 * The span tree as text: a status mark (✓ OK, ✗ ERROR, ○ UNSET — UNSET is not an error), name,
 * type, total and self time, start offset, and a waterfall bar on the trace's time axis, with a
 * one-line preview of inputs and outputs under each span. Big trees are collapsed by depth,
 * width and line count; every collapse names the command that expands it.
 */
import { spanExceptions, spanInputs, spanOutputs, spanType } from '../trace/conventions.js';
import { textOrPreview } from '../trace/messages.js';
import { isModelCall, modelCallNote } from '../trace/model-spans.js';
import { descendants, durationOf, endOf, type SpanNode, type SpanTree } from '../trace/tree.js';
import { selfTimeMs } from '../analysis/trace/timing.js';
import { shortIds } from '../trace/span-ref.js';
import { fmtMs } from './format.js';
import { docsOutputLine, identicalItems, type Keep, keptCut, keptRoom, modelInputLine, NO_KEEP, outputText, toolCallsLine } from './span-preview.js';
import { paint } from './style.js';

export interface TreeOptions {
  maxDepth: number;
  maxChildren: number;
  maxSpans: number;
  previews: boolean;
  barWidth: number;
  /** The command that shows one span (and its subtree): `… --span <id>`. */
  spanCommand: (spanId: string) => string;
  /**
   * The command that shows the children of `parent` from position `from` on (in
   * `childOrder`): `… --span <parent> --page N`. Defaults to the parent's span view.
   */
  childrenCommand?: (parent: SpanNode, from: number) => string;
  /** Draw the starts as children of an unseen parent (├─ / └─), for a span's child list. */
  asChildren?: { lastIsFinal: boolean };
  /** Fixed label column width, so blocks drawn apart line up (and their sizes are known). */
  width?: number;
  /** Values the trace's findings quote: a preview's cut keeps them (analysis/findings/finding-values.ts). */
  keep?: readonly string[];
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

const idCache = new WeakMap<SpanTree, Map<SpanNode, string>>();
/** The short id a row prints (8 hex chars, more where two spans share them). */
export function shortIdOf(tree: SpanTree, node: SpanNode): string {
  let ids = idCache.get(tree);
  if (!ids) idCache.set(tree, (ids = shortIds(tree)));
  return ids.get(node) ?? node.span.id.slice(0, 8);
}

const pathCache = new WeakMap<SpanTree, Set<SpanNode>>();
/** Spans that failed or have a failing descendant: a cut never hides them. */
export function errorPath(tree: SpanTree): Set<SpanNode> {
  let set = pathCache.get(tree);
  if (set) return set;
  set = new Set();
  for (const n of tree.nodes) {
    if (n.span.status !== 'ERROR') continue;
    for (let p: SpanNode | null = n; p && !set.has(p); p = p.parent) set.add(p);
  }
  pathCache.set(tree, set);
  return set;
}

/**
 * A node's children in the order cuts take them: the failing ones and those on the path to a
 * failure first, then the rest by start time. Every paged view uses this one order.
 */
export function childOrder(tree: SpanTree, node: SpanNode): SpanNode[] {
  const path = errorPath(tree);
  if (!node.children.some((c) => path.has(c))) return node.children;
  return [...node.children.filter((c) => path.has(c)), ...node.children.filter((c) => !path.has(c))];
}

export function spanLabel(node: SpanNode, t0: number, id?: string): string {
  const s = node.span;
  const type = spanType(s);
  const dur = durationOf(s);
  const self = selfTimeMs(node);
  const anomaly = node.anomaly ? paint.warn(` (${node.anomaly})`) : '';
  const timing = dur === null ? paint.warn('never ended') : `${fmtMs(dur)}${node.children.length ? ` (self ${fmtMs(self)})` : ''}`;
  const model = isModelCall(node) ? modelCallNote(s) : null;
  const kind = type ? ` [${type}${model ? `: ${model}` : ''}]` : model ? ` [${model}]` : '';
  return `${mark(node)} ${s.name}${kind} ${timing} +${fmtMs(s.startMs - t0)}${id ? paint.dim(` · ${id}`) : ''}${anomaly}`;
}

/**
 * A span's one-line previews. Model calls, retrievers and rerankers get their own (see
 * span-preview.ts); with a tree, a model call's prompt is compared with the documents retrieved
 * before it.
 */
export function previewLines(node: SpanNode, max = 110, tree?: SpanTree, keep: Keep = NO_KEEP): string[] {
  const lines: string[] = [];
  const i = spanInputs(node.span);
  const o = spanOutputs(node.span);
  // A model call's line carries several facts (system, context, last tool): it gets more room.
  const model = tree ? modelInputLine(tree, node, Math.round(max * 1.8), keep) : null;
  const it = !model && i ? textOrPreview(i.value, 'in', keptRoom(keep, max)) : null;
  const same = o ? identicalItems(o.value, max - 40, keep.values) : null;
  const docs = same ? null : docsOutputLine(node, max, keep);
  const calls = same || docs ? null : toolCallsLine(node, Math.round(max * 1.8), keep);
  const ot = !same && !docs && !calls && o ? outputText(o.value, max, keep) : null;
  if (model) lines.push(model);
  if (it) lines.push(`in:  ${keptCut(keep, node, it.text, max)}`);
  if (same) lines.push(`out: ${same}`);
  if (docs) lines.push(docs);
  if (calls) lines.push(calls);
  if (ot) lines.push(`out: ${keptCut(keep, node, ot, max)}`);
  const ex = node.span.status === 'ERROR' ? spanExceptions(node.span).at(-1) : undefined;
  const err = node.span.statusMessage || (ex ? `${ex.type}: ${ex.message}` : '');
  if (node.span.status === 'ERROR' && err) lines.push(paint.error(`err: ${keptCut(keep, node, err, max)}`));
  return lines;
}

const timeAxis = new WeakMap<SpanTree, [number, number]>();
function axisOf(tree: SpanTree): [number, number] {
  let axis = timeAxis.get(tree);
  if (!axis) {
    const t0 = tree.nodes.reduce((m, n) => Math.min(m, n.span.startMs), Number.POSITIVE_INFINITY);
    const t1 = tree.nodes.reduce((m, n) => Math.max(m, endOf(n.span)), Number.NEGATIVE_INFINITY);
    timeAxis.set(tree, (axis = [t0, t1 - t0]));
  }
  return axis;
}

type Row = { label: string; prefix: string; node: SpanNode | null; childPrefix: string };
type NodeItem = { node: SpanNode; prefix: string; childPrefix: string; parent: SpanNode | null; index: number };
type MoreItem = { more: string; prefix: string; parent: SpanNode | null; children: number; spans: number; from: number };
type Item = NodeItem | MoreItem;

/** The rows of a tree, walked depth-first within the limits: spans drawn, "+N more" rows, spans left out. */
class TreeLayout {
  readonly rows: Row[] = [];
  shown = 0;
  hidden = 0;
  private readonly stack: Item[];
  private readonly baseDepth: number;
  private readonly childrenCommand: NonNullable<TreeOptions['childrenCommand']>;

  constructor(
    private readonly tree: SpanTree,
    starts: SpanNode[],
    private readonly opts: TreeOptions,
    private readonly t0: number,
  ) {
    this.baseDepth = starts[0]?.depth ?? 0;
    this.childrenCommand = opts.childrenCommand ?? ((p: SpanNode) => opts.spanCommand(p.span.id));
    this.stack = starts
      .map((n, i): Item => {
        if (!opts.asChildren) return { node: n, prefix: '', childPrefix: '', parent: n.parent, index: i };
        const last = i === starts.length - 1 && opts.asChildren.lastIsFinal;
        return { node: n, prefix: last ? '└─ ' : '├─ ', childPrefix: last ? '   ' : '│  ', parent: n.parent, index: i };
      })
      .reverse();
  }

  walk(): this {
    while (this.stack.length) {
      const item = this.stack.pop() as Item;
      if (this.shown >= this.opts.maxSpans) this.collapseRest(item);
      else if ('more' in item) this.rows.push({ label: paint.dim(item.more), prefix: item.prefix, node: null, childPrefix: '' });
      else this.drawSpan(item);
    }
    return this;
  }

  private moreRow(parent: SpanNode | null, from: number, children: number, spans: number, first?: SpanNode): string {
    return parent || !first
      ? `+${children} more children (${spans} spans) of ${parent?.span.name ?? '(root)'} (${parent ? this.childrenCommand(parent, from) : ''})`
      : `+${children} more root spans (${spans} spans), the first: ${this.opts.spanCommand(first.span.id)}`;
  }

  /**
   * Over the span limit: the rest of this parent's children become one row naming the command
   * that shows exactly them, never a hint that repeats this view. ("more" items were counted as
   * hidden when they were queued.)
   */
  private collapseRest(item: Item): void {
    const stack = this.stack;
    let children = 'more' in item ? item.children : 1;
    let spans = 'more' in item ? item.spans : 1 + descendants(item.node).length;
    if (!('more' in item)) this.hidden += spans;
    const from = 'more' in item ? item.from : item.index;
    while (stack.length && (stack.at(-1) as Item).parent === item.parent) {
      const next = stack.pop() as Item;
      const n = 'more' in next ? next.spans : 1 + descendants(next.node).length;
      if (!('more' in next)) this.hidden += n;
      children += 'more' in next ? next.children : 1;
      spans += n;
    }
    this.rows.push({
      label: paint.dim(this.moreRow(item.parent, from, children, spans, 'more' in item ? undefined : item.node)),
      prefix: item.prefix.replace('├─ ', '└─ '),
      node: null,
      childPrefix: '',
    });
  }

  /** A span's row, then its children queued: below the depth limit one "+N more spans below" row, past maxChildren one "+N more children". */
  private drawSpan(item: NodeItem): void {
    const { node } = item;
    const opts = this.opts;
    this.shown += 1;
    this.rows.push({ label: spanLabel(node, this.t0, shortIdOf(this.tree, node)), prefix: item.prefix, node, childPrefix: item.childPrefix });
    const kids = node.children;
    if (!kids.length) return;
    const depth = node.depth - this.baseDepth;
    if (depth + 1 > opts.maxDepth) {
      const n = descendants(node).length;
      this.hidden += n;
      this.stack.push({
        more: `+${n} more spans below (${opts.spanCommand(node.span.id)})`,
        prefix: `${item.childPrefix}└─ `,
        parent: node,
        children: kids.length,
        spans: n,
        from: 0,
      });
      return;
    }
    const ordered = kids.length > opts.maxChildren ? childOrder(this.tree, node) : kids;
    const visible = ordered.slice(0, opts.maxChildren);
    const rest = kids.length - visible.length;
    const pending: Item[] = [];
    visible.forEach((child, idx) => {
      const last = idx === visible.length - 1 && rest === 0;
      pending.push({
        node: child,
        prefix: `${item.childPrefix}${last ? '└─ ' : '├─ '}`,
        childPrefix: `${item.childPrefix}${last ? '   ' : '│  '}`,
        parent: node,
        index: idx,
      });
    });
    if (rest > 0) {
      const n = ordered.slice(opts.maxChildren).reduce((s, c) => s + 1 + descendants(c).length, 0);
      this.hidden += n;
      pending.push({
        more: this.moreRow(node, opts.maxChildren, rest, n),
        prefix: `${item.childPrefix}└─ `,
        parent: node,
        children: rest,
        spans: n,
        from: opts.maxChildren,
      });
    }
    for (let i = pending.length - 1; i >= 0; i--) this.stack.push(pending[i] as Item);
  }
}

/** The rows as lines: labels padded to one column, each span's time bar after it, its previews under it. */
function drawRows(tree: SpanTree, rows: Row[], opts: TreeOptions, t0: number, total: number): string[] {
  const width = opts.width ?? Math.min(72, Math.max(...rows.map((r) => r.prefix.length + visibleLength(r.label)), 0));
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
      for (const p of previewLines(r.node, 110, tree, { values: opts.keep ?? [], whole: opts.spanCommand })) lines.push(`${cont}${paint.dim(p)}`);
    }
  }
  return lines;
}

/** Renders the subtree(s) under `starts`; returns lines and how many spans were left out. */
export function renderTree(tree: SpanTree, starts: SpanNode[], opts: TreeOptions): { lines: string[]; hidden: number } {
  const [t0, total] = axisOf(tree);
  const layout = new TreeLayout(tree, starts, opts, t0).walk();
  const extra: string[] = [];
  if (layout.hidden && layout.shown >= opts.maxSpans)
    extra.push(paint.dim(`… ${layout.hidden} more spans not drawn (limit ${opts.maxSpans}); each "+N more" line names the command that shows them`));
  return { lines: [...drawRows(tree, layout.rows, opts, t0, total), ...extra], hidden: layout.hidden };
}

/** The label column a set of rows needs (capped), so separately drawn blocks line up. */
export function labelWidth(tree: SpanTree, nodes: SpanNode[], indent: number): number {
  const [t0] = axisOf(tree);
  return Math.min(72, Math.max(0, ...nodes.map((n) => indent + visibleLength(spanLabel(n, t0, shortIdOf(tree, n))))));
}

const visibleLength = (s: string): number => s.replace(/\u001b\[[0-9;]*m/g, '').length;
