import {
  findErrors
} from "./chunk-PRFK2NEF.mjs";
import {
  analyseTiming,
  recordDataflow,
  traceProvenance
} from "./chunk-7BX5UJTQ.mjs";

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
  }
  reply;
  earlier;
  errorsValue;
  flowValue;
  timingValue;
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
  /** Where each value the model produced came from (the provenance pass, once per trace). */
  get provenance() {
    this.provenanceValue ??= traceProvenance(this.tree, this.flow, this.reply, this.earlier);
    return this.provenanceValue;
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

export {
  TraceFacts
};
