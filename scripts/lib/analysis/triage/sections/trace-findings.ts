/**
 * health_check's findings over the OK traces triage read with spans: the failures no trace state
 * shows (a wrong tool argument, a reply that contradicts its sources, a failure inside an OK
 * output, a loop), counted by kind across traces, with examples to open. Failing traces are
 * FAILURES' to tell.
 */
import type { Trace } from '../../../trace/trace.js';
import type { SpanTree } from '../../../trace/tree.js';
import { FINDING_KINDS } from '../../findings/registry.js';
import { wantsEarlierTurns } from '../../findings/kinds/argument-origin.js';
import { replyValuesUnsettled } from '../../findings/kinds/reply-contradiction.js';
import { earlierTurns, spanTurnTexts, type TurnTexts } from '../../session/earlier-turns.js';
import type { AnyKind } from '../../findings/finding-kind.js';
import { TraceFacts } from '../../findings/trace-facts.js';
import { recordDataflow, type Dataflow } from '../../trace/dataflow.js';
import { locateTurn, replyProse, type TurnIO } from '../../trace/turn-io.js';
import type { InfoRead, SpanRole, SpansRead, TriageSection } from '../section.js';
import { defineSection } from '../section.js';

/** Past this many traces the rest are counted, not checked: the pass costs CPU per span. */
export const MAX_CHECKED = 1000;
const EXAMPLES = 3;
/** Traces kept (with spans) until their session's earlier turns are all read: those with an id argument nothing in them holds. */
const MAX_DEFERRED = 200;
/** And as many whose reply holds a value no source of theirs binds: an earlier turn's tool output may (health_check's look). */
const MAX_DEFERRED_REPLY = 200;
/** Characters of session turns read with spans kept as earlier turns (texts and tool outputs); past it, later reads are previews. */
const MAX_KEPT_CHARS = 8_000_000;

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

/** A trace with items of a kind, with its first item's line and its place in the reading order. */
interface Hit {
  ord: number;
  traceId: string;
  line: string;
}

export class TraceFindingsSection implements TriageSection<{ traceFindings: TraceFindings }> {
  private readonly seen = new Set<string>();
  private readonly roles: Partial<Record<SpanRole, number>> = {};
  /** Each kind's traces, with their place in the reading order. */
  private readonly hits = new Map<AnyKind, Hit[]>();
  private readonly order = new Map<string, number>();
  private unchecked = 0;
  /** Each session's traces read, without spans: earlier turns from MLflow's previews. */
  private readonly sessions = new Map<string, Trace[]>();
  /** Session turns read with spans (any state), as health_check reads an earlier turn: texts and tools' outputs, no spans kept. */
  private readonly spanTurns = new Map<string, TurnTexts>();
  private keptChars = 0;
  private readonly deferred: TraceFacts[] = [];
  private deferredReply = 0;

  addInfo({ trace }: InfoRead): void {
    const id = trace.info.sessionId;
    if (!id) return;
    const list = this.sessions.get(id) ?? [];
    list.push({ ...trace, spans: [] });
    this.sessions.set(id, list);
  }

  addSpans({ trace, tree, role }: SpansRead): void {
    const checks = trace.info.state !== 'ERROR' && !this.seen.has(trace.info.traceId);
    if (!checks || this.seen.size >= MAX_CHECKED) {
      if (checks) this.unchecked++;
      this.keepTurn(trace, tree);
      return;
    }
    this.order.set(trace.info.traceId, this.seen.size);
    this.seen.add(trace.info.traceId);
    this.roles[role] = (this.roles[role] ?? 0) + 1;
    const turn = locateTurn(trace, tree);
    const facts = new TraceFacts(trace, tree, { reply: replyProse(turn), turn });
    this.keepTurn(trace, tree, turn, facts.flow);
    if (this.defers(facts)) this.deferred.push(facts);
    else this.tallyAll(facts);
  }

  /**
   * As health_check: an id argument nothing in the trace holds, or a reply value no source of it binds, is
   * looked up in the session's earlier turns, once every trace's info is in (pages come newest first).
   */
  private defers(facts: TraceFacts): boolean {
    if (!facts.trace.info.sessionId) return false;
    if (this.deferred.length - this.deferredReply < MAX_DEFERRED && wantsEarlierTurns(facts.provenance)) return true;
    if (this.deferredReply >= MAX_DEFERRED_REPLY || !replyValuesUnsettled(facts.provenance)) return false;
    this.deferredReply++;
    return true;
  }

  /** A session's turn read with spans, kept as an earlier turn of its later ones: its texts and its tools' outputs (no extra read). */
  private keepTurn(trace: Trace, tree: SpanTree, io?: TurnIO, flow?: Dataflow): void {
    const id = trace.info.traceId;
    if (!trace.info.sessionId || this.spanTurns.has(id) || this.keptChars > MAX_KEPT_CHARS) return;
    const texts = spanTurnTexts(io ?? locateTurn(trace, tree), flow ?? recordDataflow(tree));
    this.keptChars += (texts.user?.length ?? 0) + (texts.reply?.length ?? 0) + (texts.tools ?? []).reduce((n, r) => n + r.text.length, 0);
    this.spanTurns.set(id, texts);
  }

  private tallyAll(facts: TraceFacts): void {
    const traceId = facts.trace.info.traceId;
    const ord = this.order.get(traceId) ?? 0;
    for (const kind of FINDING_KINDS as readonly AnyKind[]) {
      const items = facts.of(kind);
      if (!items.length) continue;
      const hits = this.hits.get(kind) ?? [];
      // The line now, as text: an item holds its trace's spans, which are not kept.
      hits.push({ ord, traceId, line: kind.line(items[0]) });
      this.hits.set(kind, hits);
    }
  }

  /** A kind's traces in the order read (a trace deferred for its session's earlier turns keeps its place). */
  private tally(kind: AnyKind, hits: Hit[]): FindingTally {
    hits.sort((a, b) => a.ord - b.ord);
    const examples = hits.slice(0, EXAMPLES).map((h) => ({ traceId: h.traceId, line: h.line }));
    return { kind: kind.kind, about: kind.about, heuristic: kind.heuristic, traces: hits.length, examples, traceIds: hits.map((h) => h.traceId) };
  }

  result(): { traceFindings: TraceFindings } {
    for (const facts of this.deferred.splice(0)) {
      facts.addEarlier(earlierTurns(this.sessions.get(facts.trace.info.sessionId ?? '') ?? [], facts.trace, this.spanTurns));
      this.tallyAll(facts);
    }
    // Registry order: what makes an answer wrong first.
    const kinds = (FINDING_KINDS as readonly AnyKind[]).flatMap((k) => {
      const hits = this.hits.get(k);
      return hits ? [this.tally(k, hits)] : [];
    });
    return { traceFindings: { checked: this.seen.size, unchecked: this.unchecked, roles: this.roles, kinds } };
  }
}

export const traceFindingsSection = defineSection('traceFindings', () => new TraceFindingsSection());
