import {
  durationOf,
  endOf,
  mainRoot,
  spanInputs
} from "./chunk-AWLKMLHY.mjs";

// scripts/lib/analysis/timing.ts
function childIntervals(node) {
  const lo = node.span.startMs;
  const hi = endOf(node.span);
  const iv = node.children.map((c) => [Math.max(lo, c.span.startMs), Math.min(hi, endOf(c.span))]).filter(([a, b]) => b > a).sort((a, b) => a[0] - b[0]);
  const merged = [];
  for (const [a, b] of iv) {
    const last = merged.at(-1);
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  return merged;
}
function inputKey(node) {
  const i = spanInputs(node.span);
  if (!i) return null;
  try {
    return JSON.stringify(i.value) ?? null;
  } catch {
    return null;
  }
}
function selfTimeMs(node) {
  const total = durationOf(node.span) ?? 0;
  const covered = childIntervals(node).reduce((s, [a, b]) => s + (b - a), 0);
  return Math.max(0, total - covered);
}
var timeOf = (n) => ({ spanId: n.span.id, name: n.span.name, durationMs: durationOf(n.span) ?? 0, selfMs: selfTimeMs(n) });
function analyseTiming(tree, opts = {}) {
  const top = opts.top ?? 5;
  const root = mainRoot(tree);
  const traceStartMs = tree.nodes.reduce((m, n) => Math.min(m, n.span.startMs), Number.POSITIVE_INFINITY);
  const traceEnd = tree.nodes.reduce((m, n) => Math.max(m, endOf(n.span)), Number.NEGATIVE_INFINITY);
  const traceDurationMs = tree.nodes.length ? traceEnd - traceStartMs : 0;
  const slowestBySelf = tree.nodes.map(timeOf).sort((a, b) => b.selfMs - a.selfMs).slice(0, top);
  const criticalPath = [];
  for (let n = root ?? void 0; n; ) {
    criticalPath.push(timeOf(n));
    n = n.children.reduce((best, c) => !best || endOf(c.span) > endOf(best.span) ? c : best, void 0);
  }
  const minGap = Math.max(50, traceDurationMs * 0.02);
  const gaps = [];
  for (const node of tree.nodes) {
    if (!node.children.length || node.span.endMs === null) continue;
    let cursor = node.span.startMs;
    let after = null;
    const byEnd = new Map(node.children.map((c) => [endOf(c.span), c.span.name]));
    for (const [a, b] of [...childIntervals(node), [endOf(node.span), endOf(node.span)]]) {
      if (a - cursor >= minGap) gaps.push({ parentId: node.span.id, parent: node.span.name, afterChild: after, startOffsetMs: cursor - traceStartMs, durationMs: a - cursor });
      cursor = Math.max(cursor, b);
      after = byEnd.get(b) ?? after;
    }
  }
  gaps.sort((a, b) => b.durationMs - a.durationMs);
  const perParent = /* @__PURE__ */ new Map();
  for (const node of tree.nodes) {
    const key = `${node.parent?.span.id ?? ""}\0${node.span.name}`;
    const r = perParent.get(key) ?? { name: node.span.name, parent: node.parent?.span.name ?? null, count: 0, totalMs: 0, inputs: /* @__PURE__ */ new Map(), failed: 0 };
    r.count += 1;
    r.totalMs += durationOf(node.span) ?? 0;
    if (node.span.status === "ERROR") r.failed += 1;
    const input = inputKey(node);
    if (input !== null) r.inputs.set(input, (r.inputs.get(input) ?? 0) + 1);
    perParent.set(key, r);
  }
  const byName = /* @__PURE__ */ new Map();
  for (const r of perParent.values()) {
    if (r.count < 2) continue;
    const same = Math.max(0, ...r.inputs.values());
    const sameInputs = same >= 2 ? same : 0;
    const retryLike = sameInputs > 0 || r.failed >= 2 || r.failed > 0 && r.failed === r.count;
    const agg = byName.get(r.name);
    if (!agg) {
      byName.set(r.name, { name: r.name, parent: r.parent, parents: 1, maxUnderOneParent: r.count, count: r.count, totalMs: r.totalMs, sameInputs, failed: r.failed, inputsLogged: r.inputs.size > 0, suspicious: retryLike });
      continue;
    }
    agg.parents += 1;
    agg.parent = null;
    agg.count += r.count;
    agg.totalMs += r.totalMs;
    agg.maxUnderOneParent = Math.max(agg.maxUnderOneParent, r.count);
    agg.sameInputs = Math.max(agg.sameInputs, sameInputs);
    agg.failed += r.failed;
    agg.suspicious ||= retryLike;
    agg.inputsLogged ||= r.inputs.size > 0;
  }
  const repeats = [...byName.values()].sort((a, b) => Number(b.suspicious) - Number(a.suspicious) || b.maxUnderOneParent - a.maxUnderOneParent || b.count - a.count);
  return { traceStartMs, traceDurationMs, slowestBySelf, criticalPath, gaps: gaps.slice(0, top), repeats };
}

export {
  selfTimeMs,
  analyseTiming
};
