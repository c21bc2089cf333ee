import {
  recordDataflow,
  traceProvenance
} from "./chunk-PTFR6WNV.mjs";
import {
  findErrors
} from "./chunk-IXRJ3AJI.mjs";
import {
  analyseTiming
} from "./chunk-44OLIXNB.mjs";
import {
  parseCost,
  parseUsageDict,
  spanCost,
  spanModel,
  spanTokenUsage
} from "./chunk-LB542P5W.mjs";
import {
  decodeValue
} from "./chunk-PRZ35W4A.mjs";

// scripts/lib/analysis/findings/trace-facts.ts
var TraceFacts = class {
  constructor(trace, tree, known = {}) {
    this.trace = trace;
    this.tree = tree;
    this.reply = known.reply ?? null;
    this.errorsValue = known.errors;
    this.flowValue = known.flow;
    this.timingValue = known.timing;
  }
  reply;
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
    this.provenanceValue ??= traceProvenance(this.tree, this.flow, this.reply);
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

// scripts/lib/analysis/trace/tokens.ts
var add = (a, b) => a === null && b === null ? null : (a ?? 0) + (b ?? 0);
function analyseTokens(trace, tree) {
  const counted = [];
  const stack = [...tree.roots];
  while (stack.length) {
    const node = stack.pop();
    const u = spanTokenUsage(node.span);
    if (u) counted.push({ node, usage: u });
    else stack.push(...node.children);
  }
  let total = null;
  let source = null;
  const models = /* @__PURE__ */ new Map();
  if (counted.length) {
    total = { input: null, output: null, total: null };
    for (const { node, usage } of counted) {
      total = { input: add(total.input, usage.input), output: add(total.output, usage.output), total: add(total.total, usage.total) };
      const model = spanModel(node.span) ?? "(model not recorded)";
      const m = models.get(model) ?? { model, calls: 0, input: null, output: null, total: null };
      m.calls += 1;
      m.input = add(m.input, usage.input);
      m.output = add(m.output, usage.output);
      m.total = add(m.total, usage.total);
      models.set(model, m);
    }
    source = `span attributes (${[...new Set(counted.map((c) => c.usage.convention))].join(", ")})`;
  } else {
    const meta = parseUsageDict(decodeValue(trace.info.metadata["mlflow.trace.tokenUsage"]));
    if (meta) {
      total = meta;
      source = "trace metadata mlflow.trace.tokenUsage";
    }
  }
  const sumSpanCosts = () => {
    let sum = null;
    for (const node of tree.nodes) {
      const c = spanCost(node.span);
      if (!c) continue;
      const prev = sum ?? { input: null, output: null, total: null };
      sum = { input: add(prev.input, c.input), output: add(prev.output, c.output), total: add(prev.total, c.total) };
    }
    return sum;
  };
  const rollUp = parseCost(decodeValue(trace.info.metadata["mlflow.trace.cost"]));
  const cost = rollUp?.total ? rollUp : sumSpanCosts();
  return { total, source, byModel: [...models.values()].sort((a, b) => (b.total ?? 0) - (a.total ?? 0)), cost };
}

export {
  TraceFacts,
  analyseTokens
};
