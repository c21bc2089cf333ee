/**
 * Where a trace failed: the deepest failing spans (an ERROR span none of whose descendants
 * failed), the ancestors the error propagated through, and each exception once. Failing
 * siblings with the same name and exception (retries) are one finding with a count.
 * UNSET is not an error: OTel leaves most successful spans UNSET.
 */
import { spanExceptions, spanType, type ExceptionInfo } from '../../trace/conventions.js';
import { ancestry, type SpanNode, type SpanTree } from '../../trace/tree.js';

export interface ErrorFinding {
  spanId: string;
  name: string;
  type: string | null;
  /** Identical failures among siblings (same name and exception): retries, loops. */
  count: number;
  spanIds: string[];
  statusMessage: string;
  exception: ExceptionInfo | null;
  /** Names from the root down to the failing span's parent. */
  path: string[];
  /** The ancestors that are ERROR too: the error propagated (or was re-raised) through them. */
  propagatedThrough: string[];
}

export interface ErrorSummary {
  errorSpanCount: number;
  culprits: ErrorFinding[];
}

export function findErrors(tree: SpanTree): ErrorSummary {
  const failing = tree.nodes.filter((n) => n.span.status === 'ERROR');
  const hasFailingDescendant = new Set<SpanNode>();
  for (const n of failing) for (let p = n.parent; p && !hasFailingDescendant.has(p); p = p.parent) hasFailingDescendant.add(p);
  const deepest = failing.filter((n) => !hasFailingDescendant.has(n));

  const groups = new Map<string, ErrorFinding>();
  for (const node of deepest) {
    const exception = spanExceptions(node.span).at(-1) ?? null;
    const key = `${node.parent?.span.id ?? ''}\u0000${node.span.name}\u0000${exception?.type ?? ''}\u0000${exception?.message ?? node.span.statusMessage}`;
    const seen = groups.get(key);
    if (seen) {
      seen.count += 1;
      seen.spanIds.push(node.span.id);
      continue;
    }
    const chain = ancestry(node);
    groups.set(key, {
      spanId: node.span.id,
      name: node.span.name,
      type: spanType(node.span),
      count: 1,
      spanIds: [node.span.id],
      statusMessage: node.span.statusMessage,
      exception,
      path: chain.map((a) => a.span.name),
      propagatedThrough: chain
        .filter((a) => a.span.status === 'ERROR')
        .reverse()
        .map((a) => a.span.name),
    });
  }
  return { errorSpanCount: failing.length, culprits: [...groups.values()] };
}
