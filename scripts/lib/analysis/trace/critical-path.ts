/**
 * The critical path: the chain of children that ran one after another and made up a parent's
 * time, not just the child that finished last. From the last-ending child, step back to the
 * child that ended latest before it started, and so on; parallel siblings that ended earlier are
 * off the path. Back-to-back runs of one name fold into one step ("lookup ×6 in sequence").
 * Then the same inside the longest step, a few levels down. Children are sorted once per parent:
 * O(k log k), never a scan of siblings per sibling.
 */
import { spanType } from '../../trace/conventions.js';
import { durationOf, endOf, type SpanNode } from '../../trace/tree.js';

export interface PathStep {
  name: string;
  type: string | null;
  /** One span, or each span of a run of one name. */
  spanIds: string[];
  count: number;
  startOffsetMs: number;
  /** From the first span's start to the last one's end. */
  durationMs: number;
  minMs: number;
  maxMs: number;
  /** durationMs over the trace's duration (0–1). */
  share: number;
}

export interface PathLevel {
  within: { spanId: string; name: string; durationMs: number };
  steps: PathStep[];
}

/** The children on `node`'s critical chain, in time order. */
export function sequentialChain(node: SpanNode): SpanNode[] {
  const kids = node.children.filter((c) => c.span.endMs !== null);
  if (!kids.length) return [];
  const byEnd = [...kids].sort((a, b) => endOf(b.span) - endOf(a.span));
  const chain: SpanNode[] = [byEnd[0] as SpanNode];
  let i = 1;
  for (;;) {
    const cur = chain.at(-1) as SpanNode;
    // The next one back: the latest-ending child that ended before `cur` started (and is not cur).
    while (i < byEnd.length && endOf((byEnd[i] as SpanNode).span) > cur.span.startMs) i += 1;
    const prev = byEnd[i];
    if (!prev || prev.span.startMs >= cur.span.startMs) break;
    chain.push(prev);
    i += 1;
  }
  return chain.reverse();
}

/** A name with its numbers as N: batch_07 and batch_08 are one kind of step. */
export const pattern = (name: string): string => name.replace(/\d+/g, 'N');

/** Consecutive spans of one name (or one numbered pattern: worker_1, worker_2) fold into one step. */
function steps(chain: SpanNode[], t0: number, total: number): PathStep[] {
  const out: PathStep[] = [];
  for (const n of chain) {
    const d = durationOf(n.span) ?? 0;
    const last = out.at(-1);
    if (last && pattern(last.name) === pattern(n.span.name)) {
      if (last.name !== n.span.name) last.name = pattern(n.span.name);
      last.spanIds.push(n.span.id);
      last.count += 1;
      last.durationMs = endOf(n.span) - (last.startOffsetMs + t0);
      last.minMs = Math.min(last.minMs, d);
      last.maxMs = Math.max(last.maxMs, d);
      last.share = total > 0 ? last.durationMs / total : 0;
      continue;
    }
    out.push({
      name: n.span.name,
      type: spanType(n.span),
      spanIds: [n.span.id],
      count: 1,
      startOffsetMs: n.span.startMs - t0,
      durationMs: d,
      minMs: d,
      maxMs: d,
      share: total > 0 ? d / total : 0,
    });
  }
  return out;
}

/** A step below this share of the trace is not worth a level of its own. */
const DESCEND_SHARE = 0.2;

/** The path from `root` down: one level per parent, descending into the longest step with children (when it matters). */
export function criticalPath(root: SpanNode | null, t0: number, total: number, maxLevels = 6): PathLevel[] {
  const levels: PathLevel[] = [];
  for (let node = root; node && levels.length < maxLevels; ) {
    const chain = sequentialChain(node);
    if (!chain.length) break;
    levels.push({ within: { spanId: node.span.id, name: node.span.name, durationMs: durationOf(node.span) ?? 0 }, steps: steps(chain, t0, total) });
    node = chain
      .filter((c) => c.children.length)
      .reduce<SpanNode | null>((best, c) => (!best || (durationOf(c.span) ?? 0) > (durationOf(best.span) ?? 0) ? c : best), null);
    if (node && total > 0 && (durationOf(node.span) ?? 0) < DESCEND_SHARE * total) break;
  }
  return levels;
}
