/**
 * A caught exception: a failing span whose nearest non-failing ancestor ended normally, so the
 * error stopped there (an OK trace can hide failed spans). Shown in ERRORS, beside the failure.
 */
import type { SpanNode } from '../../../trace/tree.js';
import { defineKind, MAX_EACH } from '../finding-kind.js';

export interface CaughtError {
  /** The failing span (a culprit of the ERRORS section). */
  spanId: string;
  name: string;
  /** The nearest ancestor that did not fail: the error stopped there. */
  caughtIn: { spanId: string; name: string; status: 'OK' | 'UNSET' };
}

/** The nearest ancestor that did not fail, or null when the error reached the root. */
function catcher(node: SpanNode): SpanNode | null {
  for (let p = node.parent; p; p = p.parent) if (p.span.status !== 'ERROR') return p;
  return null;
}

export const caught = defineKind({
  kind: 'caught',
  about: 'a failing span whose nearest non-failing ancestor ended normally: the error was caught there',
  heuristic: false,
  section: 'errors',
  detect({ tree, errors }) {
    const out: CaughtError[] = [];
    for (const c of errors.culprits) {
      const node = tree.byId.get(c.spanId);
      const by = node ? catcher(node) : null;
      if (!node || !by) continue;
      out.push({ spanId: c.spanId, name: c.name, caughtIn: { spanId: by.span.id, name: by.span.name, status: by.span.status === 'OK' ? 'OK' : 'UNSET' } });
    }
    return out.slice(0, MAX_EACH);
  },
  line: (c: CaughtError) => `${c.name} failed and was caught in ${c.caughtIn.name} (status ${c.caughtIn.status})`,
  spans: (c: CaughtError) => [c.spanId, c.caughtIn.spanId],
  // Its trace's okDespiteFailures already weighs the caught failures once.
  turnWeight: () => 0,
});
