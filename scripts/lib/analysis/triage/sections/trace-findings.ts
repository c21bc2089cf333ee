/**
 * health_check's findings over the OK traces triage read with spans: the failures no trace state
 * shows (a wrong tool argument, a reply that contradicts its sources, a failure inside an OK
 * output, a loop), counted by kind across traces, with examples to open. Failing traces are
 * FAILURES' to tell.
 */
import { FINDING_KINDS } from '../../findings/registry.js';
import type { AnyKind } from '../../findings/finding-kind.js';
import { TraceFacts } from '../../findings/trace-facts.js';
import { locateTurn, replyProse } from '../../trace/turn-io.js';
import type { SpanRole, SpansRead, TriageSection } from '../section.js';
import { defineSection } from '../section.js';

/** Past this many traces the rest are counted, not checked: the pass costs CPU per span. */
export const MAX_CHECKED = 1000;
const EXAMPLES = 3;

export interface FindingTally {
  kind: string;
  about: string;
  heuristic: boolean | 'some';
  /** Traces with at least one item of this kind. */
  traces: number;
  /** The first traces found, each with its first item's line. */
  examples: Array<{ traceId: string; line: string }>;
  /** Every trace with this kind, in the order read ("which ones?" needs them all). */
  traceIds: string[];
}

export interface TraceFindings {
  checked: number;
  /** Traces read with spans past MAX_CHECKED. */
  unchecked: number;
  /** How many of the checked traces were read for each reason (slow, every trace, a sample). */
  roles: Partial<Record<SpanRole, number>>;
  kinds: FindingTally[];
}

export class TraceFindingsSection implements TriageSection<{ traceFindings: TraceFindings }> {
  private readonly seen = new Set<string>();
  private readonly roles: Partial<Record<SpanRole, number>> = {};
  private readonly tallies = new Map<string, FindingTally>();
  private unchecked = 0;

  addSpans({ trace, tree, role }: SpansRead): void {
    if (trace.info.state === 'ERROR' || this.seen.has(trace.info.traceId)) return;
    if (this.seen.size >= MAX_CHECKED) {
      this.unchecked++;
      return;
    }
    this.seen.add(trace.info.traceId);
    this.roles[role] = (this.roles[role] ?? 0) + 1;
    const turn = locateTurn(trace, tree);
    const facts = new TraceFacts(trace, tree, { reply: replyProse(turn) });
    for (const kind of FINDING_KINDS as readonly AnyKind[]) this.tally(kind, facts.of(kind), trace.info.traceId);
  }

  private tally(kind: AnyKind, items: unknown[], traceId: string): void {
    if (!items.length) return;
    const t = this.tallies.get(kind.kind) ?? { kind: kind.kind, about: kind.about, heuristic: kind.heuristic, traces: 0, examples: [], traceIds: [] };
    t.traces++;
    t.traceIds.push(traceId);
    if (t.examples.length < EXAMPLES) t.examples.push({ traceId, line: kind.line(items[0]) });
    this.tallies.set(kind.kind, t);
  }

  result(): { traceFindings: TraceFindings } {
    // Registry order: what makes an answer wrong first.
    const order = (FINDING_KINDS as readonly AnyKind[]).map((k) => k.kind);
    const kinds = [...this.tallies.values()].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
    return { traceFindings: { checked: this.seen.size, unchecked: this.unchecked, roles: this.roles, kinds } };
  }
}

export const traceFindingsSection = defineSection('traceFindings', () => new TraceFindingsSection());
