/**
 * Two span trees aligned by the path of names from the root and the order among same-named
 * siblings (the 2nd `call_llm` under `agent` meets the 2nd), so two runs with a different number
 * of retries or steps still line up; what has no partner is "only in A/B".
 */
import type { SpanNode, SpanTree } from '../../trace/tree.js';

export interface AlignedPair {
  /** `agent › call_llm#2` (the occurrence number only from the 2nd on) */
  path: string;
  a: SpanNode;
  b: SpanNode;
}

export interface Alignment {
  pairs: AlignedPair[];
  onlyA: Array<{ path: string; node: SpanNode }>;
  onlyB: Array<{ path: string; node: SpanNode }>;
}

/** Paths of every node: names from the root, with the occurrence among same-named siblings. */
function pathsOf(tree: SpanTree): Map<string, SpanNode> {
  const out = new Map<string, SpanNode>();
  // Iterative (a 10,000-deep chain must not overflow the stack): each level names its children.
  const stack: Array<{ nodes: readonly SpanNode[]; prefix: string }> = [{ nodes: tree.roots, prefix: '' }];
  while (stack.length) {
    const { nodes, prefix } = stack.pop() as { nodes: readonly SpanNode[]; prefix: string };
    const seen = new Map<string, number>();
    for (const n of nodes) {
      const k = (seen.get(n.span.name) ?? 0) + 1;
      seen.set(n.span.name, k);
      const path = `${prefix}${prefix ? ' › ' : ''}${n.span.name}${k > 1 ? `#${k}` : ''}`;
      out.set(path, n);
      if (n.children.length) stack.push({ nodes: n.children, prefix: path });
    }
  }
  return out;
}

export function alignTrees(a: SpanTree, b: SpanTree): Alignment {
  const pa = pathsOf(a);
  const pb = pathsOf(b);
  const pairs: AlignedPair[] = [];
  const onlyA: Alignment['onlyA'] = [];
  for (const [path, node] of pa) {
    const other = pb.get(path);
    if (other) pairs.push({ path, a: node, b: other });
    else onlyA.push({ path, node });
  }
  const onlyB = [...pb.entries()].filter(([p]) => !pa.has(p)).map(([path, node]) => ({ path, node }));
  return { pairs, onlyA, onlyB };
}
