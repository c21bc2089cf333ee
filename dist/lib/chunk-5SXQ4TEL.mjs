import {
  isModelCall,
  parseCost,
  parseUsageDict,
  spanCost,
  spanModel,
  spanTokenUsage
} from "./chunk-2IPHA5SA.mjs";
import {
  decodeValue
} from "./chunk-V3PRQPWM.mjs";

// scripts/lib/analysis/trace/tokens.ts
var add = (a, b) => a === null && b === null ? null : (a ?? 0) + (b ?? 0);
function countedUsage(tree) {
  const callsBelow = modelCallsWithUsage(tree);
  const counted = [];
  const stack = [...tree.roots];
  while (stack.length) {
    const node = stack.pop();
    const u = spanTokenUsage(node.span);
    if (u && !(callsBelow.has(node) && !isModelCall(node))) counted.push({ node, usage: u });
    else stack.push(...node.children);
  }
  return counted;
}
function modelCallsWithUsage(tree) {
  const above = /* @__PURE__ */ new Set();
  for (const node of tree.nodes) {
    if (!isModelCall(node) || !spanTokenUsage(node.span)) continue;
    for (let p = node.parent; p && !above.has(p); p = p.parent) above.add(p);
  }
  return above;
}
function analyseTokens(trace, tree) {
  const counted = countedUsage(tree);
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
  analyseTokens
};
