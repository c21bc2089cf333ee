/**
 * Where the time went. Self time subtracts the union of child intervals (parallel children are
 * not double-counted); the critical path is the chain of children that ran one after another
 * (analysis/critical-path.ts); gaps are stretches where a parent waited on no child; shares say
 * how much of the trace each span name covered; sequential independent calls and model calls'
 * prompt sizes are the findings (analysis/sequential-calls.ts, analysis/model-calls.ts).
 */
import { durationOf, endOf, mainRoot, type SpanNode, type SpanTree } from '../../trace/tree.js';
import { criticalPath, pattern, type PathLevel } from './critical-path.js';
import { HUGE_PROMPT, modelCalls, type ModelCall } from './model-calls.js';
import { sameInputsOf } from './same-inputs.js';
import { sequentialCalls, type SequentialRun } from './sequential-calls.js';

export type { ModelCall, PathLevel, SequentialRun };

export interface SpanTime {
  spanId: string;
  name: string;
  durationMs: number;
  selfMs: number;
}

export interface Gap {
  parentId: string;
  parent: string;
  afterChild: string | null;
  startOffsetMs: number;
  durationMs: number;
}

export interface Repeat {
  name: string;
  /** The parent when all repeats share one; null when spread over several (see parents). */
  parent: string | null;
  parents: number;
  /** Most repeats under one parent. */
  maxUnderOneParent: number;
  count: number;
  totalMs: number;
  /** Most repeats under one parent that had identical inputs (0 when all differed or none logged). */
  sameInputs: number;
  /** Repeats that failed. */
  failed: number;
  /** Whether the repeats logged inputs at all (without them, "same inputs" cannot be told). */
  inputsLogged: boolean;
  /** Retries or a loop are likely: identical inputs, or repeated failures. Not an agent → tool → agent turn. */
  suspicious: boolean;
}

export interface NameShare {
  name: string;
  count: number;
  /** Time covered by spans of this name (overlaps counted once). */
  wallMs: number;
  /** wallMs over the trace's duration (0–1). */
  share: number;
}

export interface TimingSummary {
  traceStartMs: number;
  traceDurationMs: number;
  slowestBySelf: SpanTime[];
  /** One level per parent from the root down: the children that ran one after another. */
  criticalPath: PathLevel[];
  gaps: Gap[];
  repeats: Repeat[];
  /** Span names by the share of the trace they covered (the root and lone wrappers left out). */
  byName: NameShare[];
  /** Back-to-back calls with different inputs, none fed by the one before (a heuristic). */
  sequential: SequentialRun[];
  /** Back-to-back runs that must wait (an output fed the next input) or cannot be told apart: no finding. */
  sequentialChained: SequentialRun[];
  /** Model calls by input tokens (the first 10), and how many there were. */
  modelCalls: ModelCall[];
  modelCallCount: number;
  /** Model calls whose prompt held at least hugePromptTokens input tokens. */
  hugePrompts: ModelCall[];
  hugePromptTokens: number;
}

/** Merged [start, end] intervals of a node's children, clipped to the node: one pass, as the tree keeps children in start order. */
function childIntervals(node: SpanNode): Array<[number, number]> {
  const lo = node.span.startMs;
  const hi = endOf(node.span);
  const merged: Array<[number, number]> = [];
  let last: [number, number] | undefined;
  for (const c of node.children) {
    const a = Math.max(lo, c.span.startMs);
    const b = Math.min(hi, endOf(c.span));
    if (b <= a) continue;
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push((last = [a, b]));
  }
  return merged;
}

export function selfTimeMs(node: SpanNode): number {
  const total = durationOf(node.span) ?? 0;
  // A leaf's self time is its duration: no intervals to build (most of a 30,000-span trace).
  if (!node.children.length) return Math.max(0, total);
  const covered = childIntervals(node).reduce((s, [a, b]) => s + (b - a), 0);
  return Math.max(0, total - covered);
}

/**
 * Per span name, the union of its spans' intervals: one sort per name, no pairwise scans. Names
 * that differ only in their numbers (worker_1, worker_2) count as one, shown as worker_N.
 */
function nameShares(tree: SpanTree, root: SpanNode | null, traceMs: number): NameShare[] {
  const byName = new Map<string, { count: number; iv: Array<[number, number]>; wrapper: boolean; name: string }>();
  // A few names repeat over 30,000 spans: each name's pattern once.
  const patterns = new Map<string, string>();
  for (const n of tree.nodes) {
    if (n.span.endMs === null) continue;
    let key = patterns.get(n.span.name);
    if (key === undefined) patterns.set(n.span.name, (key = pattern(n.span.name)));
    const e = byName.get(key) ?? { count: 0, iv: [], wrapper: true, name: n.span.name };
    if (e.name !== n.span.name) e.name = key;
    e.count += 1;
    e.iv.push([n.span.startMs, n.span.endMs]);
    // A lone span holding nearly the whole trace is a wrapper: its share says nothing.
    e.wrapper &&= n === root || (n.children.length > 0 && (durationOf(n.span) ?? 0) >= 0.95 * traceMs);
    byName.set(key, e);
  }
  const out: NameShare[] = [];
  for (const e of byName.values()) {
    const name = e.name;
    if (e.wrapper && e.count === 1) continue;
    e.iv.sort((a, b) => a[0] - b[0]);
    let wall = 0;
    let [a, b] = e.iv[0] as [number, number];
    for (const [x, y] of e.iv.slice(1)) {
      if (x <= b) b = Math.max(b, y);
      else (wall += b - a), ([a, b] = [x, y]);
    }
    wall += b - a;
    out.push({ name, count: e.count, wallMs: wall, share: traceMs > 0 ? wall / traceMs : 0 });
  }
  return out.sort((x, y) => y.wallMs - x.wallMs);
}

/** The `top` nodes by self time, in the order a stable sort of them all would give (ties keep tree order), without sorting 30,000. */
function slowestNodes(nodes: readonly SpanNode[], top: number): SpanNode[] {
  const kept: Array<{ node: SpanNode; self: number }> = [];
  for (const node of nodes) {
    const self = selfTimeMs(node);
    if (kept.length >= top && self <= (kept.at(-1)?.self ?? 0)) continue;
    let at = kept.length;
    while (at > 0 && (kept[at - 1]?.self ?? 0) < self) at--;
    kept.splice(at, 0, { node, self });
    if (kept.length > top) kept.pop();
  }
  return kept.map((k) => k.node);
}

const timeOf = (n: SpanNode): SpanTime => ({ spanId: n.span.id, name: n.span.name, durationMs: durationOf(n.span) ?? 0, selfMs: selfTimeMs(n) });

/** Whether some stretch between merged intervals (or before the first) is at least minGap long. */
function hasGap(start: number, intervals: ReadonlyArray<readonly [number, number]>, minGap: number): boolean {
  let cursor = start;
  for (const [a, b] of intervals) {
    if (a - cursor >= minGap) return true;
    cursor = Math.max(cursor, b);
  }
  return false;
}

/** Idle stretches inside a parent (no child running), longest first. */
function gapsIn(tree: SpanTree, traceStartMs: number, traceDurationMs: number): Gap[] {
  // A gap must matter: at least 50 ms and 2% of the whole trace.
  const minGap = Math.max(50, traceDurationMs * 0.02);
  const gaps: Gap[] = [];
  for (const node of tree.nodes) {
    if (!node.children.length || node.span.endMs === null) continue;
    const intervals = childIntervals(node);
    intervals.push([endOf(node.span), endOf(node.span)]);
    // Most parents have no gap: the map of which child ended when is built only for those that do.
    if (!hasGap(node.span.startMs, intervals, minGap)) continue;
    let cursor = node.span.startMs;
    let after: string | null = null;
    const byEnd = new Map(node.children.map((c) => [endOf(c.span), c.span.name]));
    for (const [a, b] of intervals) {
      if (a - cursor >= minGap)
        gaps.push({ parentId: node.span.id, parent: node.span.name, afterChild: after, startOffsetMs: cursor - traceStartMs, durationMs: a - cursor });
      cursor = Math.max(cursor, b);
      after = byEnd.get(b) ?? after;
    }
  }
  gaps.sort((a, b) => b.durationMs - a.durationMs);
  return gaps;
}

/** Spans repeated under one parent, grouped by name, the retry-like first. */
function repeatsIn(tree: SpanTree): Repeat[] {
  // Same name under the same parent: retries or a loop. Grouped by name across parents, so a
  // batch of 50 workers doing the same steps is one line, not 350.
  type Group = { name: string; parent: string | null; count: number; totalMs: number; nodes: SpanNode[]; failed: number };
  // Looked up by parent, then name (no key string per span); kept in the order first seen.
  const groups: Group[] = [];
  const byParent = new Map<SpanNode | null, Map<string, Group>>();
  for (const node of tree.nodes) {
    let names = byParent.get(node.parent);
    if (!names) byParent.set(node.parent, (names = new Map()));
    let r = names.get(node.span.name);
    if (!r) {
      r = { name: node.span.name, parent: node.parent?.span.name ?? null, count: 0, totalMs: 0, nodes: [], failed: 0 };
      names.set(node.span.name, r);
      groups.push(r);
    }
    r.count += 1;
    r.totalMs += durationOf(node.span) ?? 0;
    if (node.span.status === 'ERROR') r.failed += 1;
    r.nodes.push(node);
  }
  const byName = new Map<string, Repeat>();
  for (const r of groups) {
    if (r.count < 2) continue;
    // Inputs are compared only among repeats, and stringified only where their fingerprints match (30,000 spans: 324 ms → a few).
    const { most: same, logged } = sameInputsOf(r.nodes);
    const sameInputs = same >= 2 ? same : 0;
    // One failure in a batch of different calls is not a retry; several failures, or all, are.
    const retryLike = sameInputs > 0 || r.failed >= 2 || (r.failed > 0 && r.failed === r.count);
    const agg = byName.get(r.name);
    if (!agg) {
      byName.set(r.name, {
        name: r.name,
        parent: r.parent,
        parents: 1,
        maxUnderOneParent: r.count,
        count: r.count,
        totalMs: r.totalMs,
        sameInputs,
        failed: r.failed,
        inputsLogged: logged,
        suspicious: retryLike,
      });
      continue;
    }
    agg.parents += 1;
    agg.parent = null;
    agg.count += r.count;
    agg.totalMs += r.totalMs;
    agg.maxUnderOneParent = Math.max(agg.maxUnderOneParent, r.count);
    agg.sameInputs = Math.max(agg.sameInputs, sameInputs);
    agg.failed += r.failed;
    agg.suspicious ||= retryLike;
    agg.inputsLogged ||= logged;
  }
  return [...byName.values()].sort((a, b) => Number(b.suspicious) - Number(a.suspicious) || b.maxUnderOneParent - a.maxUnderOneParent || b.count - a.count);
}

export function analyseTiming(tree: SpanTree, opts: { top?: number } = {}): TimingSummary {
  const top = opts.top ?? 5;
  const root = mainRoot(tree);
  const traceStartMs = tree.nodes.reduce((m, n) => Math.min(m, n.span.startMs), Number.POSITIVE_INFINITY);
  const traceEnd = tree.nodes.reduce((m, n) => Math.max(m, endOf(n.span)), Number.NEGATIVE_INFINITY);
  const traceDurationMs = tree.nodes.length ? traceEnd - traceStartMs : 0;

  const slowestBySelf = slowestNodes(tree.nodes, top).map(timeOf);

  const path = criticalPath(root, traceStartMs, traceDurationMs);

  const gaps = gapsIn(tree, traceStartMs, traceDurationMs);
  const repeats = repeatsIn(tree);

  const calls = modelCalls(tree, traceDurationMs);
  const runs = sequentialCalls(tree, traceDurationMs);
  return {
    traceStartMs,
    traceDurationMs,
    slowestBySelf,
    criticalPath: path,
    gaps: gaps.slice(0, top),
    repeats,
    byName: nameShares(tree, root, traceDurationMs).slice(0, 10),
    sequential: runs.independent,
    sequentialChained: runs.chained.slice(0, 10),
    modelCalls: calls.slice(0, 10),
    modelCallCount: calls.length,
    hugePrompts: calls.filter((c) => (c.inputTokens ?? 0) >= HUGE_PROMPT).slice(0, 5),
    hugePromptTokens: HUGE_PROMPT,
  };
}
