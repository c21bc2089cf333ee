/**
 * What the finding kinds read about one trace, each computed once (on first use) and shared:
 * the span tree, the failures, the dataflow record, the timing, the turn's answer, and the
 * items of other kinds (gaps blame the tools other kinds blamed). Detectors read these, never
 * the raw JSON again.
 */
import type { Trace } from '../../trace/trace.js';
import type { SpanTree } from '../../trace/tree.js';
import { recordDataflow, type Dataflow } from '../trace/dataflow.js';
import { findErrors, type ErrorSummary } from '../trace/failures.js';
import { addEarlierTurns, traceProvenance, type EarlierTurn, type Provenance } from '../trace/provenance.js';
import { analyseTiming, type TimingSummary } from '../trace/timing.js';
import { locateTurn, type TurnIO } from '../trace/turn-io.js';

/** What `of` needs of a finding kind (finding-kind.ts's FindingKind is one): typed here, so the two modules do not import each other. */
export interface Detector<I> {
  detect(facts: TraceFacts): I[];
}

export interface KnownFacts {
  errors?: ErrorSummary;
  flow?: Dataflow;
  timing?: TimingSummary;
  /** Where the turn's user message and reply live (turn-io). */
  turn?: TurnIO;
  /** The turn's answer as text (turn-io; null when none, or when it is JSON). */
  reply?: string | null;
  /** The session's earlier turns: sources of values this turn's model produced (the user's order id in turn 1). */
  earlier?: readonly EarlierTurn[];
}

export class TraceFacts {
  readonly reply: string | null;
  private earlier: readonly EarlierTurn[];
  private errorsValue: ErrorSummary | undefined;
  private flowValue: Dataflow | undefined;
  private timingValue: TimingSummary | undefined;
  private turnValue: TurnIO | undefined;
  private provenanceValue: Provenance | undefined;
  private readonly found = new Map<Detector<unknown>, unknown[]>();

  constructor(
    readonly trace: Trace,
    readonly tree: SpanTree,
    known: KnownFacts = {},
  ) {
    this.reply = known.reply ?? null;
    this.earlier = known.earlier ?? [];
    this.errorsValue = known.errors;
    this.flowValue = known.flow;
    this.timingValue = known.timing;
    this.turnValue = known.turn;
  }

  get errors(): ErrorSummary {
    this.errorsValue ??= findErrors(this.tree);
    return this.errorsValue;
  }

  get flow(): Dataflow {
    this.flowValue ??= recordDataflow(this.tree);
    return this.flowValue;
  }

  get timing(): TimingSummary {
    this.timingValue ??= analyseTiming(this.tree);
    return this.timingValue;
  }

  get turn(): TurnIO {
    this.turnValue ??= locateTurn(this.trace, this.tree);
    return this.turnValue;
  }

  /** Where each value the model produced came from (the provenance pass, once per trace). */
  get provenance(): Provenance {
    this.provenanceValue ??= traceProvenance(this.tree, this.flow, this.reply, this.earlier);
    return this.provenanceValue;
  }

  /**
   * The session's earlier turns, read after a first look at the trace (is the session worth
   * reading?): they join the pass already made, and items detected before them are detected again.
   */
  addEarlier(earlier: readonly EarlierTurn[]): void {
    if (!earlier.length) return;
    this.earlier = [...this.earlier, ...earlier];
    if (this.provenanceValue) addEarlierTurns(this.provenanceValue, this.tree, earlier);
    this.found.clear();
  }

  /** A kind's items in this trace, detected once. */
  of<I>(kind: Detector<I>): I[] {
    const seen = this.found.get(kind);
    if (seen) return seen as I[];
    const items = kind.detect(this);
    this.found.set(kind, items);
    return items;
  }
}
