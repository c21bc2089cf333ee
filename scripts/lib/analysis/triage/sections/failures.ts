/**
 * Failures: failing traces clustered by their deepest failing span, exception type and message
 * fingerprint, each with over-represented tag values and what the failing span received (beside
 * the same span's calls in OK traces); failures an OK trace caught, apart; failing traces whose
 * spans were not read (over the bound), counted.
 */
import { CallInputs } from '../call-inputs.js';
import { ClusterSet, type FailureCluster } from '../failure-clusters.js';
import type { SpansRead, TriageSection } from '../section.js';
import { defineSection } from '../section.js';
import type { TracesRead } from '../traces-read.js';

export interface Failures {
  failing: { count: number; spansRead: number };
  clusters: FailureCluster[];
  /** Failed spans inside OK traces (an exception handled by the app), over the OK traces whose spans were read. */
  caught: { okTracesRead: number; clusters: FailureCluster[] };
  /** Failing traces whose spans were not read (over the bound): counted, not clustered. */
  unclustered: number;
}

export class FailuresSection implements TriageSection<Failures> {
  private readonly clusters = new ClusterSet(false);
  private readonly caught = new ClusterSet(true);
  /** Calls of the failing spans' namesakes in OK traces read: what a failure's inputs are compared with. */
  private readonly okCalls = new Map<string, CallInputs>();
  private readonly okRead = new Set<string>();

  addSpans({ trace, tree, firstOfFailing }: SpansRead, shared: TracesRead): void {
    const id = trace.info.traceId;
    if (firstOfFailing) {
      const acc = this.clusters.add(tree, shared.failing.get(id) ?? { id, t: trace.info.requestTimeMs, kv: [] });
      if (acc?.span && !this.okCalls.has(acc.span)) this.okCalls.set(acc.span, new CallInputs());
    }
    if (trace.info.state !== 'OK' || this.okRead.has(id)) return;
    this.okRead.add(id);
    this.caught.add(tree, { id, t: trace.info.requestTimeMs, kv: [] });
    // Failing spans are read first: an OK trace read later adds the inputs of their namesakes.
    for (const node of tree.nodes) if (node.span.status !== 'ERROR') this.okCalls.get(node.span.name)?.add(tree, node, id);
  }

  /**
   * The failing spans of the largest clusters (3 traces or more) with under `min` OK calls read:
   * their inputs need OK calls to be set beside ("KRW in all 10; in 0 of 20 OK calls").
   */
  spansWantingOkCalls(min = 20, max = 2): string[] {
    const names = [...this.clusters.byKey.values()]
      .filter((c) => c.span !== null && c.members.length >= 3)
      .sort((a, b) => b.members.length - a.members.length)
      .map((c) => c.span as string);
    return [...new Set(names)].filter((name) => (this.okCalls.get(name)?.tally.calls ?? 0) < min).slice(0, max);
  }

  result(shared: TracesRead): Failures {
    const spansRead = shared.failingSpansRead.size;
    return {
      failing: { count: shared.failing.size, spansRead },
      clusters: this.clusters.clusters({
        of: spansRead,
        overRep: (members) => shared.overRepresented(members),
        ok: (span) => (span ? this.okCalls.get(span) : undefined),
      }),
      caught: {
        okTracesRead: this.okRead.size,
        clusters: this.caught.clusters({ of: this.okRead.size, overRep: () => [], ok: () => undefined }),
      },
      unclustered: shared.failing.size - spansRead,
    };
  }
}

export const failuresSection = defineSection('failures', () => new FailuresSection());
