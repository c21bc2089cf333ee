import {
  locateTurn,
  turnFromInfo
} from "./chunk-L7NKPVFV.mjs";
import {
  findErrors
} from "./chunk-SUSXR56T.mjs";
import {
  addEarlierTurns,
  analyseTiming,
  recordDataflow,
  toolRecords,
  traceProvenance
} from "./chunk-MWQ5YTIN.mjs";
import {
  buildTree
} from "./chunk-V3PRQPWM.mjs";

// scripts/lib/analysis/findings/trace-facts.ts
var TraceFacts = class {
  constructor(trace, tree, known = {}) {
    this.trace = trace;
    this.tree = tree;
    this.reply = known.reply ?? null;
    this.earlier = known.earlier ?? [];
    this.errorsValue = known.errors;
    this.flowValue = known.flow;
    this.timingValue = known.timing;
    this.turnValue = known.turn;
  }
  reply;
  earlier;
  errorsValue;
  flowValue;
  timingValue;
  turnValue;
  provenanceValue;
  found = /* @__PURE__ */ new Map();
  get errors() {
    this.errorsValue ??= findErrors(this.tree);
    return this.errorsValue;
  }
  get flow() {
    this.flowValue ??= recordDataflow(this.tree);
    return this.flowValue;
  }
  get timing() {
    this.timingValue ??= analyseTiming(this.tree);
    return this.timingValue;
  }
  get turn() {
    this.turnValue ??= locateTurn(this.trace, this.tree);
    return this.turnValue;
  }
  /** Where each value the model produced came from (the provenance pass, once per trace). */
  get provenance() {
    this.provenanceValue ??= traceProvenance(this.tree, this.flow, this.reply, this.earlier);
    return this.provenanceValue;
  }
  /**
   * The session's earlier turns, read after a first look at the trace (is the session worth
   * reading?): they join the pass already made, and items detected before them are detected again.
   */
  addEarlier(earlier) {
    if (!earlier.length) return;
    this.earlier = [...this.earlier, ...earlier];
    if (this.provenanceValue) addEarlierTurns(this.provenanceValue, this.tree, earlier);
    this.found.clear();
  }
  /** A kind's items in this trace, detected once. */
  of(kind) {
    const seen = this.found.get(kind);
    if (seen) return seen;
    const items = kind.detect(this);
    this.found.set(kind, items);
    return items;
  }
};

// scripts/lib/analysis/session/earlier-turns.ts
var EARLIER_MAX = 30;
var RECORD_TURNS = 8;
function spanTurnTexts(io, flow) {
  const tools = toolRecords(flow);
  return { user: io.user?.text ?? null, reply: io.reply?.text ?? null, ...tools.length ? { tools } : {} };
}
function turnTexts(t) {
  if (!t.spans.length) {
    const io = turnFromInfo(t.info);
    return { user: io.user?.text ?? null, reply: io.reply?.text ?? null };
  }
  const tree = buildTree(t.spans);
  return spanTurnTexts(locateTurn(t, tree), recordDataflow(tree));
}
function earlierTurns(traces, current, read) {
  const at = current.info.requestTimeMs ?? Number.POSITIVE_INFINITY;
  const before = traces.filter((t) => t.info.traceId !== current.info.traceId && (t.info.requestTimeMs ?? Number.POSITIVE_INFINITY) < at).sort((a, b) => (a.info.requestTimeMs ?? 0) - (b.info.requestTimeMs ?? 0));
  const numbered = before.map((t, i) => ({ n: i + 1, traceId: t.info.traceId, t }));
  const kept = numbered.slice(-EARLIER_MAX);
  return kept.map(({ n, traceId, t }, i) => {
    const near = i >= kept.length - RECORD_TURNS;
    return { n, traceId, ...near && read?.get(traceId) || turnTexts(near ? t : { ...t, spans: [] }) };
  });
}
function turnsSoFar(read) {
  return read.slice(-EARLIER_MAX).map(({ turn: t, records }) => ({
    n: t.n,
    traceId: t.traceId,
    user: t.user?.text ?? null,
    reply: t.reply?.text ?? null,
    ...records?.length ? { tools: records } : {}
  }));
}

export {
  TraceFacts,
  RECORD_TURNS,
  spanTurnTexts,
  turnTexts,
  earlierTurns,
  turnsSoFar
};
