import {
  spanExceptions,
  spanType
} from "./chunk-2IPHA5SA.mjs";
import {
  ancestry
} from "./chunk-V3PRQPWM.mjs";

// scripts/lib/analysis/trace/failures.ts
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

export {
  findErrors
};
