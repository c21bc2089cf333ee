/**
 * health_check's findings over the OK traces triage read with spans: the failures no trace state
 * shows (a wrong tool argument, a reply that contradicts its sources, a failure inside an OK
 * output, a loop), counted by kind across traces, with examples to open. Failing traces are
 * FAILURES' to tell.
 */
import type { Trace } from '../../../trace/trace.js';
import { FINDING_KINDS } from '../../findings/registry.js';
import { wantsEarlierTurns } from '../../findings/kinds/argument-origin.js';
import { earlierTurns } from '../../session/earlier-turns.js';
import type { AnyKind } from '../../findings/finding-kind.js';
import { TraceFacts } from '../../findings/trace-facts.js';
import { locateTurn, replyProse } from '../../trace/turn-io.js';
import type { InfoRead, SpanRole, SpansRead, TriageSection } from '../section.js';
import { defineSection } from '../section.js';

/** Past this many traces the rest are counted, not checked: the pass costs CPU per span. */
export const MAX_CHECKED = 1000;
const EXAMPLES = 3;
/** Traces kept (with spans) until their session's earlier turns are all read: those with an id argument nothing in them holds. */
const MAX_DEFERRED = 200;

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
  /** Each session's traces read, without spans: earlier turns as health_check reads them (previews). */
  private readonly sessions = new Map<string, Trace[]>();
  private readonly deferred: TraceFacts[] = [];

  addInfo({ trace }: InfoRead): void {
    const id = trace.info.sessionId;
    if (!id) return;
    const list = this.sessions.get(id) ?? [];
    list.push({ ...trace, spans: [] });
    this.sessions.set(id, list);
  }

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
    // As health_check: an id argument nothing in the trace holds is looked up in the session's earlier turns,
    // once every trace's info is in (pages come newest first).
    if (trace.info.sessionId && this.deferred.length < MAX_DEFERRED && wantsEarlierTurns(facts.provenance)) this.deferred.push(facts);
    else this.tallyAll(facts);
  }

  private tallyAll(facts: TraceFacts): void {
    for (const kind of FINDING_KINDS as readonly AnyKind[]) this.tally(kind, facts.of(kind), facts.trace.info.traceId);
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
    for (const facts of this.deferred.splice(0)) {
      facts.addEarlier(earlierTurns(this.sessions.get(facts.trace.info.sessionId ?? '') ?? [], facts.trace));
      this.tallyAll(facts);
    }
    // Registry order: what makes an answer wrong first.
    const order = (FINDING_KINDS as readonly AnyKind[]).map((k) => k.kind);
    const kinds = [...this.tallies.values()].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
    return { traceFindings: { checked: this.seen.size, unchecked: this.unchecked, roles: this.roles, kinds } };
  }
}

export const traceFindingsSection = defineSection('traceFindings', () => new TraceFindingsSection());
