import {
  polarityOf
} from "./chunk-FKLLUULS.mjs";
import {
  spanInputs,
  spanModel,
  spanOutputs,
  spanTokenUsage,
  spanType
} from "./chunk-SN7MIARC.mjs";
import {
  attr,
  buildTree,
  durationOf,
  endOf
} from "./chunk-S6G2NY6H.mjs";

// scripts/lib/analysis/compare/compare.ts
function pathsOf(tree) {
  const out = /* @__PURE__ */ new Map();
  const stack = [{ nodes: tree.roots, prefix: "" }];
  while (stack.length) {
    const { nodes, prefix } = stack.pop();
    const seen = /* @__PURE__ */ new Map();
    for (const n of nodes) {
      const k = (seen.get(n.span.name) ?? 0) + 1;
      seen.set(n.span.name, k);
      const path = `${prefix}${prefix ? " › " : ""}${n.span.name}${k > 1 ? `#${k}` : ""}`;
      out.set(path, n);
      if (n.children.length) stack.push({ nodes: n.children, prefix: path });
    }
  }
  return out;
}
function alignTrees(a, b) {
  const pa = pathsOf(a);
  const pb = pathsOf(b);
  const pairs = [];
  const onlyA = [];
  for (const [path, node] of pa) {
    const other = pb.get(path);
    if (other) pairs.push({ path, a: node, b: other });
    else onlyA.push({ path, node });
  }
  const onlyB = [...pb.entries()].filter(([p]) => !pa.has(p)).map(([path, node]) => ({ path, node }));
  return { pairs, onlyA, onlyB };
}
function canonical(v) {
  const sort = (x) => {
    if (Array.isArray(x)) return x.map(sort);
    if (x && typeof x === "object")
      return Object.fromEntries(
        Object.keys(x).sort().map((k) => [k, sort(x[k])])
      );
    return x;
  };
  return JSON.stringify(sort(v), null, 1) ?? "null";
}
function shortDiff(a, b, max = 8) {
  const la = canonical(a).split("\n").map((l) => l.trim().replace(/,$/, "")).slice(0, 400);
  const lb = canonical(b).split("\n").map((l) => l.trim().replace(/,$/, "")).slice(0, 400);
  const m = la.length;
  const n = lb.length;
  const lcs = Array.from({ length: m + 1 }, () => new Array(n + 1).fill(0));
  for (let i2 = m - 1; i2 >= 0; i2--)
    for (let j2 = n - 1; j2 >= 0; j2--) lcs[i2][j2] = la[i2] === lb[j2] ? lcs[i2 + 1][j2 + 1] + 1 : Math.max(lcs[i2 + 1][j2], lcs[i2][j2 + 1]);
  const out = [];
  let i = 0;
  let j = 0;
  while (i < m || j < n) {
    if (i < m && j < n && la[i] === lb[j]) {
      i++;
      j++;
    } else if (i < m && (j >= n || lcs[i + 1][j] >= lcs[i][j + 1])) out.push(`- ${la[i++]}`);
    else out.push(`+ ${lb[j++]}`);
  }
  const meaningful = out.filter((l) => !/^[-+] [\]}[{]$/.test(l));
  return { lines: meaningful.slice(0, max), more: Math.max(0, meaningful.length - max) };
}
var obj = (v) => v && typeof v === "object" && !Array.isArray(v) ? v : {};
function modelParams(node) {
  const inputs = obj(spanInputs(node.span)?.value);
  const invocation = { ...obj(attr(node.span, "invocation_params")), ...obj(attr(node.span, "llm.invocation_parameters")) };
  const pick = (...keys) => {
    for (const k of keys) {
      const v = inputs[k] ?? invocation[k] ?? attr(node.span, `gen_ai.request.${k}`);
      if (v !== void 0) return v;
    }
    return null;
  };
  const tools = Array.isArray(inputs.tools) ? inputs.tools : Array.isArray(invocation.tools) ? invocation.tools : [];
  const toolName = (t) => {
    const o = obj(t);
    return String(obj(o.function).name ?? o.name ?? JSON.stringify(t).slice(0, 40));
  };
  return {
    model: spanModel(node.span),
    temperature: pick("temperature"),
    maxTokens: pick("max_tokens", "max_output_tokens", "max_completion_tokens"),
    topP: pick("top_p"),
    tools: tools.map(toolName)
  };
}
function retrievedDocs(node) {
  const out = spanOutputs(node.span)?.value;
  const list = Array.isArray(out) ? out : Array.isArray(obj(out).documents) ? obj(out).documents : [];
  return list.map((d) => {
    const o = obj(d);
    const meta = obj(o.metadata);
    const s = (v) => typeof v === "string" || typeof v === "number" ? String(v) : null;
    return { id: s(o.id ?? meta.id ?? meta.chunk_id ?? meta.doc_id), source: s(meta.doc_uri ?? meta.source ?? meta.url ?? o.source) };
  });
}
var isLlm = (n) => ["LLM", "CHAT_MODEL"].includes(spanType(n.span) ?? "") || spanModel(n.span) !== null;
var PARAM_NAMES = { model: "model", temperature: "temperature", maxTokens: "max_tokens", topP: "top_p", tools: "tools" };
function samenessOf(pairs) {
  const models = pairs.filter((p) => p.model);
  const docs = pairs.filter((p) => p.docs);
  const keys = Object.keys(PARAM_NAMES);
  const isSet = (m, k) => Array.isArray(m[k]) ? m[k].length > 0 : m[k] !== null && m[k] !== void 0;
  const set = keys.filter((k) => models.some((p) => p.model && (isSet(p.model.a, k) || isSet(p.model.b, k))));
  const differ = [...new Set(models.flatMap((p) => p.model?.differs ?? []))];
  return {
    modelParams: models.length ? { identical: differ.length === 0, set: set.map((k) => PARAM_NAMES[k]), differ: differ.map((k) => PARAM_NAMES[k]) } : null,
    documents: docs.length ? { identical: docs.every((p) => !p.docs?.onlyA.length && !p.docs?.onlyB.length), spans: docs.length } : null
  };
}
var side = (n) => ({
  spanId: n.span.id,
  status: n.span.status,
  durationMs: durationOf(n.span),
  tokens: spanTokenUsage(n.span)?.total ?? null
});
function traceSide(t) {
  return {
    traceId: t.info.traceId,
    experimentId: t.info.experimentId,
    state: t.info.state,
    requestTime: t.info.requestTimeMs === null ? null : new Date(t.info.requestTimeMs).toISOString(),
    durationMs: t.info.durationMs,
    spans: t.spans.length,
    request: t.info.requestPreview,
    response: t.info.responsePreview,
    verdicts: t.info.assessments.filter((a) => a.kind === "feedback" && !a.error && a.valid).map((a) => ({ name: a.name, value: a.value, negative: polarityOf(a.value, a.name) === "negative", rationale: a.rationale }))
  };
}
var BOOKKEEPING = /^mlflow\.(?!trace\.user$|source\.|modelId$)|^mlflow\.trace\.session$/;
function compareTraces(ta, tb) {
  const treeA = buildTree(ta.spans);
  const treeB = buildTree(tb.spans);
  const { pairs, onlyA, onlyB } = alignTrees(treeA, treeB);
  const diffs = [];
  let first = null;
  for (const p of [...pairs].sort((x, y) => endOf(x.a.span) - endOf(y.a.span))) {
    const ia = spanInputs(p.a.span)?.value;
    const ib = spanInputs(p.b.span)?.value;
    const oa = spanOutputs(p.a.span)?.value;
    const ob = spanOutputs(p.b.span)?.value;
    const inputDiff = canonical(ia) === canonical(ib) ? null : shortDiff(ia, ib);
    const outputDiff = canonical(oa) === canonical(ob) ? null : shortDiff(oa, ob);
    if (!first && outputDiff) first = { path: p.path, diff: outputDiff };
    let model = null;
    if (isLlm(p.a) || isLlm(p.b)) {
      const ma = modelParams(p.a);
      const mb = modelParams(p.b);
      const differs = ["model", "temperature", "maxTokens", "topP", "tools"].filter((k) => canonical(ma[k]) !== canonical(mb[k]));
      model = { a: ma, b: mb, differs };
    }
    let docs = null;
    if (spanType(p.a.span) === "RETRIEVER" || spanType(p.b.span) === "RETRIEVER") {
      const da = retrievedDocs(p.a);
      const db = retrievedDocs(p.b);
      const key = (d) => `${d.id ?? "?"}${d.source ? ` (${d.source})` : ""}`;
      const ka = new Set(da.map(key));
      const kb = new Set(db.map(key));
      docs = { a: da, b: db, onlyA: [...ka].filter((k) => !kb.has(k)), onlyB: [...kb].filter((k) => !ka.has(k)) };
    }
    diffs.push({
      path: p.path,
      type: spanType(p.a.span),
      a: side(p.a),
      b: side(p.b),
      statusDiffers: p.a.span.status !== p.b.span.status,
      inputDiff,
      outputDiff,
      model,
      docs
    });
  }
  const order = new Map(treeA.nodes.map((n, i) => [n.span.id, i]));
  diffs.sort((x, y) => (order.get(x.a.spanId) ?? 0) - (order.get(y.a.spanId) ?? 0));
  const context = [];
  for (const [prefix, ma, mb] of [
    ["tag", ta.info.tags, tb.info.tags],
    ["metadata", ta.info.metadata, tb.info.metadata]
  ]) {
    for (const k of /* @__PURE__ */ new Set([...Object.keys(ma), ...Object.keys(mb)])) {
      if (BOOKKEEPING.test(k)) continue;
      if (ma[k] !== mb[k]) context.push({ key: `${prefix}.${k}`, a: ma[k] ?? null, b: mb[k] ?? null });
    }
  }
  const only = (list) => list.map(({ path, node }) => ({ path, spanId: node.span.id, type: spanType(node.span) }));
  return {
    a: traceSide(ta),
    b: traceSide(tb),
    sameExperiment: ta.info.experimentId === tb.info.experimentId,
    contextDiffers: context,
    aligned: pairs.length,
    firstDivergence: first,
    pairs: diffs,
    onlyA: only(onlyA),
    onlyB: only(onlyB),
    sameness: samenessOf(diffs)
  };
}

export {
  modelParams,
  compareTraces
};
