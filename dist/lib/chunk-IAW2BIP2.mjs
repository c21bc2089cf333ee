import {
  ancestry,
  decodeValue,
  parseCost,
  parseUsageDict,
  spanCost,
  spanExceptions,
  spanModel,
  spanTokenUsage,
  spanType
} from "./chunk-YPYMG2EK.mjs";

// scripts/lib/analysis/errors.ts
function findErrors(tree) {
  const failing = tree.nodes.filter((n) => n.span.status === "ERROR");
  const hasFailingDescendant = /* @__PURE__ */ new Set();
  for (const n of failing) for (let p = n.parent; p && !hasFailingDescendant.has(p); p = p.parent) hasFailingDescendant.add(p);
  const deepest = failing.filter((n) => !hasFailingDescendant.has(n));
  const groups = /* @__PURE__ */ new Map();
  for (const node of deepest) {
    const exception = spanExceptions(node.span).at(-1) ?? null;
    const key = `${node.parent?.span.id ?? ""}\0${node.span.name}\0${exception?.type ?? ""}\0${exception?.message ?? node.span.statusMessage}`;
    const seen = groups.get(key);
    if (seen) {
      seen.count += 1;
      seen.spanIds.push(node.span.id);
      continue;
    }
    const chain = ancestry(node);
    groups.set(key, {
      spanId: node.span.id,
      name: node.span.name,
      type: spanType(node.span),
      count: 1,
      spanIds: [node.span.id],
      statusMessage: node.span.statusMessage,
      exception,
      path: chain.map((a) => a.span.name),
      propagatedThrough: chain.filter((a) => a.span.status === "ERROR").reverse().map((a) => a.span.name)
    });
  }
  return { errorSpanCount: failing.length, culprits: [...groups.values()] };
}

// scripts/lib/analysis/tokens.ts
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
  const cost = parseCost(decodeValue(trace.info.metadata["mlflow.trace.cost"])) ?? sumSpanCosts();
  return { total, source, byModel: [...models.values()].sort((a, b) => (b.total ?? 0) - (a.total ?? 0)), cost };
}

export {
  findErrors,
  analyseTokens
};
