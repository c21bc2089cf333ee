/**
 * Failures grouped by culprit span, exception type and message fingerprint, as the failures
 * section builds them for failing traces and for failures an OK trace caught: one cluster's
 * members, example and the inputs its span received, merged when only one word differs.
 */
import type { SpanTree } from '../../trace/tree.js';
import { fingerprint } from '../common/fingerprint.js';
import { wordVariantGroups } from '../common/word-variants.js';
import { findErrors } from '../trace/failures.js';
import { CallInputs } from './call-inputs.js';
import type { InputSource } from './input-sources.js';
import type { InputKeySummary } from './input-tally.js';
import type { Member, TraceRef } from './section.js';
import { ends, type OverRepresented } from './traces-read.js';

export interface FailureCluster {
  span: string | null;
  spanType: string | null;
  exceptionType: string | null;
  fingerprint: string;
  /** One real message (the newest), for reading. */
  example: string;
  count: number;
  /** Of the failing traces whose spans were read. */
  share: number;
  firstSeen: string | null;
  lastSeen: string | null;
  newest: TraceRef;
  oldest: TraceRef;
  overRepresented: OverRepresented[];
  /** The failing span's inputs across the cluster: scalar values per top-level key (does one input fail?). */
  inputs: InputKeySummary[];
  /** Where those inputs came from: earlier spans' outputs they equal (or scale), when that held nearly always. */
  sources: InputSource[];
  /** Clusters merged because their messages differ in one word only (from GLS / from DHL): the word and its count. */
  variants: Array<{ word: string; count: number }>;
}

export interface ClusterAcc {
  span: string | null;
  spanType: string | null;
  exceptionType: string | null;
  fingerprint: string;
  example: string;
  members: Member[];
  /** The newest member's time: its message is the example. */
  newestT: number;
  /** What the failing span received, over the members whose spans were read. */
  calls: CallInputs;
}

type Merged = ClusterAcc & { variants: Array<{ word: string; count: number }> };

const NO_SPAN = '(no failing span recorded: the trace failed outside any span)';

/** Clusters keyed by culprit, exception and fingerprint. */
export class ClusterSet {
  readonly byKey = new Map<string, ClusterAcc>();

  /**
   * `caught` (a failed span in an OK trace) clusters only traces with a failing span and keeps its
   * first example; a failing trace joins even without one, and the newest message is the example.
   */
  constructor(private readonly caught: boolean) {}

  /** The trace's culprit span (its deepest failing one), joined to its cluster; null when none is clustered. */
  add(tree: SpanTree, member: Member): ClusterAcc | null {
    const culprit = findErrors(tree).culprits[0];
    if (!culprit && this.caught) return null;
    const message = culprit ? culprit.exception?.message || culprit.statusMessage || '' : '';
    const c = {
      span: culprit?.name ?? null,
      spanType: culprit?.type ?? null,
      exceptionType: culprit?.exception?.type ?? null,
      fingerprint: culprit ? fingerprint(message) : NO_SPAN,
    };
    const key = `${c.span}\u0000${c.exceptionType}\u0000${c.fingerprint}`;
    let acc = this.byKey.get(key);
    if (!acc) this.byKey.set(key, (acc = { ...c, example: message, members: [], newestT: 0, calls: new CallInputs() }));
    // The newest member's message is the example (kept as a running maximum: clusters grow large).
    if (!this.caught && (member.t ?? 0) >= acc.newestT) Object.assign(acc, { example: message, newestT: member.t ?? 0 });
    acc.members.push(member);
    const node = culprit ? tree.byId.get(culprit.spanId) : undefined;
    if (node) acc.calls.add(tree, node, member.id);
    return acc;
  }

  /**
   * As findings, largest first: clusters whose fingerprints differ in one word only merged into
   * one that lists the word's variants (a carrier's name must not split one bug in three).
   */
  clusters(o: {
    of: number;
    overRep: (members: readonly Member[]) => OverRepresented[];
    ok: (span: string | null) => CallInputs | undefined;
  }): FailureCluster[] {
    return mergeWordVariants([...this.byKey.values()])
      .map((c) => {
        const { oldest, newest } = ends(c.members);
        return {
          span: c.span,
          spanType: c.spanType,
          exceptionType: c.exceptionType,
          fingerprint: c.fingerprint,
          example: c.example,
          count: c.members.length,
          share: c.members.length / Math.max(1, o.of),
          firstSeen: oldest.time,
          lastSeen: newest.time,
          newest,
          oldest,
          overRepresented: o.overRep(c.members),
          ...c.calls.summary(o.ok(c.span)),
          variants: c.variants,
        };
      })
      .sort((a, b) => b.count - a.count);
  }
}

function mergeWordVariants(accs: readonly ClusterAcc[]): Merged[] {
  const groups = wordVariantGroups(
    accs,
    (c) => `${c.span}\u0000${c.exceptionType}`,
    (c) => c.fingerprint,
  );
  return groups.map(({ items, words, text }) => {
    const first = items[0] as ClusterAcc;
    if (items.length < 2) return { ...first, variants: [] };
    const variants = items.map((c, i) => ({ word: words[i] ?? '', count: c.members.length })).sort((a, b) => b.count - a.count);
    const newest = items.reduce((a, b) => (b.newestT > a.newestT ? b : a));
    const calls = new CallInputs();
    for (const c of items) calls.merge(c.calls);
    const members = items.flatMap((c) => c.members);
    return { ...first, fingerprint: text, example: newest.example, newestT: newest.newestT, members, calls, variants };
  });
}
