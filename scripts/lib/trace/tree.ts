/**
 * The span tree, rebuilt from parent ids (the CLI's span order is not a tree order). Every walk
 * is iterative, so a 10,000-deep chain cannot overflow the stack, and bad data is reported
 * rather than trusted: orphans (parent missing) become extra roots, parent cycles are broken
 * at one span, and duplicate span ids keep the first span.
 */
import type { Span } from './trace.js';

export interface SpanNode {
  span: Span;
  parent: SpanNode | null;
  children: SpanNode[];
  depth: number;
  /** Why this node is a root although its span names a parent. */
  anomaly: 'orphan' | 'cycle' | null;
}

export interface SpanTree {
  roots: SpanNode[];
  /** Every node, in depth-first order (roots by start time, children by start time). */
  nodes: SpanNode[];
  byId: Map<string, SpanNode>;
  orphans: SpanNode[];
  cycles: SpanNode[];
  duplicateIds: string[];
  /** Spans never ended (end time missing): still running, or lost. */
  unended: SpanNode[];
}

const byStart = (a: SpanNode, b: SpanNode) => a.span.startMs - b.span.startMs;

/** One node per span id, the first span kept where ids repeat. */
function nodesById(spans: readonly Span[]): { byId: Map<string, SpanNode>; duplicateIds: string[] } {
  const byId = new Map<string, SpanNode>();
  const duplicateIds: string[] = [];
  for (const span of spans) {
    if (byId.has(span.id)) {
      duplicateIds.push(span.id);
      continue;
    }
    byId.set(span.id, { span, parent: null, children: [], depth: 0, anomaly: null });
  }
  return { byId, duplicateIds };
}

/** Each node under its parent; spans with no parent, a missing one or themselves as parent are roots. */
function linkParents(byId: Map<string, SpanNode>): { roots: SpanNode[]; orphans: SpanNode[] } {
  const roots: SpanNode[] = [];
  const orphans: SpanNode[] = [];
  for (const node of byId.values()) {
    const pid = node.span.parentId;
    if (pid === null || pid === '') {
      roots.push(node);
      continue;
    }
    const parent = pid === node.span.id ? undefined : byId.get(pid);
    if (!parent) {
      // A span that names itself as parent is a one-span cycle; a missing parent is an orphan.
      node.anomaly = pid === node.span.id ? 'cycle' : 'orphan';
      (node.anomaly === 'orphan' ? orphans : []).push(node);
      roots.push(node);
      continue;
    }
    node.parent = parent;
    parent.children.push(node);
  }
  return { roots, orphans };
}

/** Whatever no root reaches sits on a parent cycle: cut each cycle at its earliest span (a root from then on). */
function breakCycles(byId: Map<string, SpanNode>, roots: SpanNode[]): SpanNode[] {
  const reached = new Set<SpanNode>();
  const mark = (start: SpanNode) => {
    const stack = [start];
    while (stack.length) {
      const n = stack.pop() as SpanNode;
      if (reached.has(n)) continue;
      reached.add(n);
      for (const c of n.children) stack.push(c);
    }
  };
  roots.forEach(mark);
  const cycles: SpanNode[] = roots.filter((r) => r.anomaly === 'cycle');
  if (reached.size < byId.size) {
    const stranded = [...byId.values()].filter((n) => !reached.has(n)).sort(byStart);
    for (const node of stranded) {
      if (reached.has(node)) continue;
      const parent = node.parent;
      if (parent) parent.children.splice(parent.children.indexOf(node), 1);
      node.parent = null;
      node.anomaly = 'cycle';
      cycles.push(node);
      roots.push(node);
      mark(node);
    }
  }
  return cycles;
}

export function buildTree(spans: readonly Span[]): SpanTree {
  const { byId, duplicateIds } = nodesById(spans);
  const { roots, orphans } = linkParents(byId);
  const cycles = breakCycles(byId, roots);
  roots.sort(byStart);
  const nodes: SpanNode[] = [];
  const stack: SpanNode[] = [...roots].reverse();
  while (stack.length) {
    const node = stack.pop() as SpanNode;
    node.depth = node.parent ? node.parent.depth + 1 : 0;
    nodes.push(node);
    node.children.sort(byStart);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as SpanNode);
  }
  const unended = nodes.filter((n) => n.span.endMs === null);
  return { roots, nodes, byId, orphans, cycles, duplicateIds, unended };
}

/** The ancestors of a node, root first. */
export function ancestry(node: SpanNode): SpanNode[] {
  const chain: SpanNode[] = [];
  for (let n = node.parent; n; n = n.parent) chain.push(n);
  return chain.reverse();
}

/** Every descendant of a node (not the node itself), depth-first. */
export function descendants(node: SpanNode): SpanNode[] {
  const out: SpanNode[] = [];
  const stack = [...node.children].reverse();
  while (stack.length) {
    const n = stack.pop() as SpanNode;
    out.push(n);
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as SpanNode);
  }
  return out;
}

/** The main root: the earliest true root, else the earliest of the stand-in roots. */
export function mainRoot(tree: SpanTree): SpanNode | null {
  return tree.roots.find((r) => r.anomaly === null) ?? tree.roots[0] ?? null;
}

export const endOf = (span: Span): number => span.endMs ?? span.startMs;
export const durationOf = (span: Span): number | null => (span.endMs === null ? null : Math.max(0, span.endMs - span.startMs));
