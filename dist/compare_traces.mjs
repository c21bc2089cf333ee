#!/usr/bin/env node
import {
  modelParams,
  toolDefinitions
} from "./lib/chunk-P2QWAD2C.mjs";
import {
  sourceOf
} from "./lib/chunk-AHYV3VDS.mjs";
import {
  defaultExperiment,
  experimentIdOf
} from "./lib/chunk-CF3OK2NH.mjs";
import {
  docText
} from "./lib/chunk-B4YWSYFA.mjs";
import {
  paint,
  polarityOf,
  rawJsonLines,
  renderBudgeted
} from "./lib/chunk-NTVFJSFG.mjs";
import {
  isModelCall,
  prepareOutDir,
  spanInputs,
  spanModel,
  spanOutputs,
  spanTokenUsage,
  spanType
} from "./lib/chunk-2IPHA5SA.mjs";
import {
  checkTraceId,
  loadTrace
} from "./lib/chunk-XMU4V6IM.mjs";
import {
  SkillError,
  buildTree,
  cacheStatus,
  clip,
  commandFor,
  defineCommand,
  durationOf,
  endOf,
  fmtInt,
  fmtMs,
  fmtValue,
  mainRoot,
  mlflowCallCount,
  oneLine,
  pageSizeFor,
  parseSearch,
  plural,
  quoteFilterValue,
  runCommand,
  searchTraces,
  text,
  traceLink
} from "./lib/chunk-V3PRQPWM.mjs";

// scripts/lib/analysis/compare/align.ts
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

// scripts/lib/analysis/compare/json-diff.ts
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

// scripts/lib/analysis/compare/docs-diff.ts
var SNIPPET = 160;
var LEAD = 40;
var keyOf = (c) => {
  const { id, source } = c.doc;
  if (id && source) return `${id} (${source})`;
  return id ?? source ?? `(no id) "${oneLine(c.text).slice(0, 60)}"`;
};
function partingSnippets(a, b) {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const start = Math.max(0, i - LEAD);
  const cut = (t) => `${start > 0 ? "…" : ""}${oneLine(t.slice(start, start + SNIPPET))}${t.length > start + SNIPPET ? "…" : ""}`;
  return [cut(a), cut(b)];
}
function byKey(list) {
  const m = /* @__PURE__ */ new Map();
  for (const c of list) m.set(keyOf(c), [...m.get(keyOf(c)) ?? [], c]);
  return m;
}
function lacking(xs, ys) {
  const left = ys.map((y) => y.doc.hash);
  return xs.filter((x) => {
    const at = left.indexOf(x.doc.hash);
    if (at < 0) return true;
    left.splice(at, 1);
    return false;
  });
}
function changedDoc(doc, xs, ys) {
  const extraA = lacking(xs, ys)[0];
  const extraB = lacking(ys, xs)[0];
  if (!extraA && !extraB) return null;
  const counts = { countA: xs.length, countB: ys.length };
  if (extraA && extraB) {
    const [a, b] = partingSnippets(extraA.text, extraB.text);
    return { doc, a, b, ...counts };
  }
  return { doc, a: null, b: null, ...counts };
}
function docsDiff(da, db) {
  const ka = byKey(da);
  const kb = byKey(db);
  const changed = [];
  for (const [doc, xs] of ka) {
    const ys = kb.get(doc);
    const c = ys ? changedDoc(doc, xs, ys) : null;
    if (c) changed.push(c);
  }
  const onlyA = [...ka.keys()].filter((k) => !kb.has(k));
  const onlyB = [...kb.keys()].filter((k) => !ka.has(k));
  const order = (list) => list.map((c) => `${keyOf(c)}#${c.doc.hash}`).join("\n");
  const same = !onlyA.length && !onlyB.length && !changed.length;
  return { a: da.map((c) => c.doc), b: db.map((c) => c.doc), onlyA, onlyB, changed, reordered: same && order(da) !== order(db) };
}
var docsDiffer = (d) => d.onlyA.length > 0 || d.onlyB.length > 0 || d.changed.length > 0;

// scripts/lib/analysis/compare/sameness.ts
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
    documents: docs.length ? {
      identical: docs.every((p) => p.docs && !docsDiffer(p.docs)),
      reordered: docs.some((p) => p.docs?.reordered),
      changed: [...new Set(docs.flatMap((p) => p.docs?.changed.map((c) => c.doc) ?? []))],
      spans: docs.length
    } : null
  };
}

// scripts/lib/analysis/compare/span-docs.ts
import { createHash } from "node:crypto";
var obj = (v) => v && typeof v === "object" && !Array.isArray(v) ? v : {};
function contentOf(d) {
  if (typeof d === "string") return d;
  const o = obj(d);
  const text2 = docText(o);
  if (text2 !== void 0) return text2;
  const { metadata: _metadata, ...rest } = o;
  return canonical(rest);
}
function retrievedContents(node) {
  const out = spanOutputs(node.span)?.value;
  const list = Array.isArray(out) ? out : Array.isArray(obj(out).documents) ? obj(out).documents : [];
  return list.map((d) => {
    const o = obj(d);
    const meta = obj(o.metadata);
    const s = (v) => typeof v === "string" || typeof v === "number" ? String(v) : null;
    const text2 = contentOf(d);
    const hash = createHash("sha256").update(text2).digest("hex").slice(0, 12);
    return {
      doc: { id: s(o.id ?? meta.id ?? meta.chunk_id ?? meta.doc_id), source: s(meta.doc_uri ?? meta.source ?? meta.url ?? o.source), hash, chars: text2.length },
      text: text2
    };
  });
}

// scripts/lib/analysis/compare/trace-side.ts
var spanSide = (n) => ({
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
    verdicts: t.info.assessments.filter((a) => a.kind === "feedback" && !a.error && a.valid).map((a) => {
      const polarity = polarityOf(a.value, a.name);
      return {
        name: a.name,
        source: sourceOf(a),
        value: a.value,
        negative: polarity === "negative",
        positive: polarity === "positive",
        rationale: a.rationale
      };
    })
  };
}

// scripts/lib/analysis/compare/compare.ts
var isLlm = (n) => isModelCall(n) || spanModel(n.span) !== null;
function toolsRedefined(a, b, namesA, namesB) {
  const byName = (n, names) => new Map(toolDefinitions(n).map((t, i) => [names[i] ?? "", canonical(t)]));
  const da = byName(a, namesA);
  const db = byName(b, namesB);
  return [...da].filter(([name, def]) => db.has(name) && db.get(name) !== def).map(([name]) => name);
}
function modelDiff(p) {
  if (!isLlm(p.a) && !isLlm(p.b)) return null;
  const ma = modelParams(p.a);
  const mb = modelParams(p.b);
  const redefined = toolsRedefined(p.a, p.b, ma.tools, mb.tools);
  const differs = ["model", "temperature", "maxTokens", "topP", "tools"].filter(
    (k) => canonical(ma[k]) !== canonical(mb[k]) || k === "tools" && redefined.length > 0
  );
  return { a: ma, b: mb, differs, toolsRedefined: redefined };
}
function pairDocs(p) {
  if (spanType(p.a.span) !== "RETRIEVER" && spanType(p.b.span) !== "RETRIEVER") return null;
  return docsDiff(retrievedContents(p.a), retrievedContents(p.b));
}
function sameRequest(ta, tb) {
  const input = (t) => {
    const root = mainRoot(t);
    return root ? spanInputs(root.span)?.value : void 0;
  };
  const ia = input(ta);
  const ib = input(tb);
  return ia === void 0 || ib === void 0 ? null : canonical(ia) === canonical(ib);
}
function pairDiff(p) {
  const ia = spanInputs(p.a.span)?.value;
  const ib = spanInputs(p.b.span)?.value;
  const oa = spanOutputs(p.a.span)?.value;
  const ob = spanOutputs(p.b.span)?.value;
  return {
    path: p.path,
    type: spanType(p.a.span),
    a: spanSide(p.a),
    b: spanSide(p.b),
    statusDiffers: p.a.span.status !== p.b.span.status,
    inputDiff: canonical(ia) === canonical(ib) ? null : shortDiff(ia, ib),
    outputDiff: canonical(oa) === canonical(ob) ? null : shortDiff(oa, ob),
    model: modelDiff(p),
    docs: pairDocs(p)
  };
}
var BOOKKEEPING = /^mlflow\.(?!trace\.user$|source\.|modelId$)|^mlflow\.trace\.session$/;
function contextDiffers(ta, tb) {
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
  return context;
}
function compareTraces(ta, tb) {
  const treeA = buildTree(ta.spans);
  const treeB = buildTree(tb.spans);
  const { pairs, onlyA, onlyB } = alignTrees(treeA, treeB);
  const diffs = [];
  let first = null;
  for (const p of [...pairs].sort((x, y) => endOf(x.a.span) - endOf(y.a.span))) {
    const diff = pairDiff(p);
    if (!first && diff.outputDiff) first = { path: p.path, diff: diff.outputDiff };
    diffs.push(diff);
  }
  const order = new Map(treeA.nodes.map((n, i) => [n.span.id, i]));
  diffs.sort((x, y) => (order.get(x.a.spanId) ?? 0) - (order.get(y.a.spanId) ?? 0));
  const only = (list) => list.map(({ path, node }) => ({ path, spanId: node.span.id, type: spanType(node.span) }));
  return {
    a: traceSide(ta),
    b: traceSide(tb),
    sameExperiment: ta.info.experimentId === tb.info.experimentId,
    sameRequest: sameRequest(treeA, treeB),
    contextDiffers: contextDiffers(ta, tb),
    aligned: pairs.length,
    firstDivergence: first,
    pairs: diffs,
    onlyA: only(onlyA),
    onlyB: only(onlyB),
    sameness: samenessOf(diffs)
  };
}

// scripts/lib/render/compare-view.ts
var short = (t) => t ? t.replace(/\.\d{3}Z$/, "Z") : "?";
var sideLine = (label, s) => {
  const link = traceLink(s.experimentId, s.traceId);
  const experiment = s.experimentId ? `, experiment ${s.experimentId}` : "";
  const ui = link ? `
   MLflow UI: ${link}` : "";
  return `${label} ${s.traceId} — ${s.state}, ${short(s.requestTime)}, ${fmtMs(s.durationMs)}, ${plural(s.spans, "span")}${experiment}${ui}`;
};
var diffLines = (d, indent) => [
  ...d.lines.map((l) => `${indent}${l.startsWith("-") ? paint.error(clip(l, 200)) : paint.ok(clip(l, 200))}`),
  ...d.more ? [`${indent}… ${fmtInt(d.more)} more differing lines`] : []
];
var arrow = (a, b) => a === b ? a : `${a} → ${b}`;
function paramText(m, k) {
  const v = m[k];
  if (Array.isArray(v)) return v.length ? v.join(",") : "(none)";
  return v === null || v === void 0 ? "(unset)" : typeof v === "string" ? v : fmtValue(v);
}
function pairNotes(p) {
  const notes = [];
  if (p.statusDiffers) notes.push("status differs");
  if (p.model?.differs.length) notes.push(`model params differ (${p.model.differs.join(", ")})`);
  if (p.docs && (p.docs.onlyA.length || p.docs.onlyB.length)) notes.push("retrieved docs differ");
  else if (p.docs?.changed.length) notes.push("retrieved text differs");
  else if (p.docs?.reordered) notes.push("retrieved docs reordered");
  if (p.inputDiff) notes.push(p.type === "TOOL" ? "tool arguments differ" : "input differs");
  if (p.outputDiff) notes.push("output differs");
  return notes;
}
var bySource = (s) => [...new Set(s.verdicts.map((v) => v.source))].map((src) => {
  const mine = s.verdicts.filter((v) => v.source === src);
  return `${src} ${mine.filter((v) => v.negative).length} negative, ${mine.filter((v) => v.positive).length} positive`;
}).join("; ");
var verdictText = (s) => s.verdicts.length ? `${s.verdicts.map((v) => `${v.name}=${fmtValue(v.value)}${v.negative ? " ✗" : ""} [${v.source}]${v.rationale ? ` (${clip(oneLine(v.rationale), 100)})` : ""}`).join(" · ")} — ${bySource(s)}` : "(none)";
function sourceMismatch(c) {
  const sources = (s, name) => new Set(s.verdicts.filter((v) => v.name === name).map((v) => v.source));
  const out = [];
  for (const name of new Set(c.a.verdicts.map((v) => v.name))) {
    const a = sources(c.a, name);
    const b = sources(c.b, name);
    if (b.size && ![...a].some((x) => b.has(x)))
      out.push(paint.warn(`${name}: A's is from ${[...a].join("/")}, B's from ${[...b].join("/")}: different sources, not one judgement compared`));
  }
  return out.slice(0, 3);
}
function requestLines(c) {
  const preview = (r) => clip(oneLine(r ?? "(none)"), 240);
  if (c.a.request !== c.b.request) return [`Request A: ${preview(c.a.request)}`, `Request B: ${preview(c.b.request)}`];
  if (c.sameRequest === true) return [`Request (same): ${preview(c.a.request)}`];
  if (c.sameRequest === null) return [`Request (the same preview; a side logged no root input to compare whole): ${preview(c.a.request)}`];
  return [paint.warn(`Request: the same preview, but the root spans' inputs differ (a preview is the last user message, cut): ${preview(c.a.request)}`)];
}
function documentsLine(d) {
  if (d.identical && !d.reordered) return "Retrieved documents: identical (the same ids and texts)";
  if (d.identical) return paint.warn("Retrieved documents: the same ids and texts, in another order (see DIFFERENCES)");
  const changed = d.changed.length ? `; the same document with another text: ${clip(d.changed.join(", "), 160)}` : "";
  return paint.warn(`Retrieved documents: differ${changed} (see DIFFERENCES)`);
}
function headerLines(c) {
  const head = [
    paint.head("COMPARE two traces"),
    sideLine("A", c.a),
    sideLine("B", c.b),
    c.sameExperiment ? `Both in experiment ${c.a.experimentId ?? "?"}.` : paint.warn(`Different experiments (A: ${c.a.experimentId ?? "?"}, B: ${c.b.experimentId ?? "?"}): compared anyway.`)
  ];
  if (c.a.request || c.b.request) head.push(...requestLines(c));
  head.push(`Response A: ${clip(oneLine(c.a.response ?? "(none)"), 240)}`, `Response B: ${clip(oneLine(c.b.response ?? "(none)"), 240)}`);
  if (c.a.verdicts.length || c.b.verdicts.length) head.push(`Assessments A: ${verdictText(c.a)}`, `Assessments B: ${verdictText(c.b)}`, ...sourceMismatch(c));
  const m = c.sameness.modelParams;
  if (m)
    head.push(
      m.identical ? `Model parameters: identical (${m.set.join(", ") || "none set"})` : paint.warn(`Model parameters: differ (${m.differ.join(", ")}; see DIFFERENCES)`) + (m.set.filter((k) => !m.differ.includes(k)).length ? `; identical: ${m.set.filter((k) => !m.differ.includes(k)).join(", ")}` : "")
    );
  const d = c.sameness.documents;
  if (d) head.push(documentsLine(d));
  if (c.contextDiffers.length)
    head.push(
      `Context differs: ${c.contextDiffers.slice(0, 8).map((d2) => `${d2.key} ${d2.a ?? "(unset)"} → ${d2.b ?? "(unset)"}`).join(" · ")}`
    );
  return head;
}
function firstDivergenceLines(c) {
  const first = [paint.head("FIRST DIVERGENCE")];
  if (c.firstDivergence) {
    first.push(`  ${paint.warn(c.firstDivergence.path)}: the earliest-ending aligned span whose output differs`);
    first.push(...diffLines(c.firstDivergence.diff, "    "));
  } else first.push("  none: every aligned span produced the same output");
  return first;
}
function spanTableLines(c) {
  const table = [
    paint.head(`SPANS — ${fmtInt(c.aligned)} aligned by name path and order, ${fmtInt(c.onlyA.length)} only in A, ${fmtInt(c.onlyB.length)} only in B`)
  ];
  for (const p of c.pairs) {
    const depth = p.path.split(" › ").length - 1;
    const name = `${"  ".repeat(depth)}${p.path.split(" › ").at(-1)}`;
    const tokens = p.a.tokens !== null || p.b.tokens !== null ? ` · tokens ${arrow(fmtInt(p.a.tokens), fmtInt(p.b.tokens))}` : "";
    const notes = pairNotes(p);
    const noted = notes.length ? ` — ${paint.warn(notes.join("; "))}` : "";
    table.push(`  ${name} [${p.type ?? "?"}] ${arrow(p.a.status, p.b.status)} · ${arrow(fmtMs(p.a.durationMs), fmtMs(p.b.durationMs))}${tokens}${noted}`);
  }
  return table;
}
function paramChange(m, k) {
  const change = `${paramText(m.a, k)} → ${paramText(m.b, k)}`;
  const redefined = k === "tools" && m.toolsRedefined.length ? m.toolsRedefined : [];
  if (!redefined.length) return change;
  const names = paramText(m.a, k) === paramText(m.b, k) ? paramText(m.a, k) : change;
  return `${names}; the same name with another definition (description or parameters): ${redefined.join(", ")}`;
}
function docLines(d) {
  const lines = [];
  if (d.onlyA.length) lines.push(`    retrieved only in A: ${clip(d.onlyA.join(", "), 300)}`);
  if (d.onlyB.length) lines.push(`    retrieved only in B: ${clip(d.onlyB.join(", "), 300)}`);
  for (const c of d.changed.slice(0, 5)) {
    if (c.a === null || c.b === null) lines.push(`    ${c.doc}: retrieved ${c.countA}× in A, ${c.countB}× in B`);
    else {
      const what = c.doc.startsWith("(no id)") ? "another text, the same first 60 characters" : "the same document, another text";
      lines.push(`    ${what}: ${c.doc}`, `      A: ${JSON.stringify(c.a)}`, `      B: ${JSON.stringify(c.b)}`);
    }
  }
  if (d.changed.length > 5) lines.push(`    … ${d.changed.length - 5} more documents with another text (--json: docs.changed)`);
  if (d.reordered) lines.push("    the same documents and texts, in another order");
  const ids = (docs) => docs.map((x) => x.id ?? x.source ?? "?").join(", ") || "(none)";
  lines.push(`    retrieved: A ${d.a.length} (${clip(ids(d.a), 200)}) · B ${d.b.length} (${clip(ids(d.b), 200)})`);
  return lines;
}
function pairDetailLines(c, p, follow) {
  const detail = [`  ${p.path} [${p.type ?? "?"}]  (A ${follow.inspectSpan(c.a.traceId, p.a.spanId)})`];
  if (p.statusDiffers) detail.push(`    status: ${p.a.status} → ${p.b.status}`);
  if (p.model?.differs.length) detail.push(...p.model.differs.map((k) => `    ${k}: ${paramChange(p.model, k)}`));
  if (p.docs && (docsDiffer(p.docs) || p.docs.reordered)) detail.push(...docLines(p.docs));
  if (p.inputDiff) detail.push(`    ${p.type === "TOOL" ? "tool arguments" : "input"}:`, ...diffLines(p.inputDiff, "      "));
  if (p.outputDiff) detail.push("    output:", ...diffLines(p.outputDiff, "      "));
  return detail;
}
function detailLines(c, follow) {
  const detail = [paint.head("DIFFERENCES per aligned span")];
  for (const p of c.pairs) if (pairNotes(p).length) detail.push(...pairDetailLines(c, p, follow));
  if (detail.length === 1) detail.push("  none");
  return detail;
}
function oneSideLines(c) {
  const only = [paint.head("SPANS IN ONE TRACE ONLY")];
  for (const s of c.onlyA) only.push(`  only in A: ${s.path} [${s.type ?? "?"}] (${s.spanId})`);
  for (const s of c.onlyB) only.push(`  only in B: ${s.path} [${s.type ?? "?"}] (${s.spanId})`);
  return only;
}
function compareSections(c, follow) {
  const sections = [
    { name: "header", priority: 0, lines: headerLines(c) },
    { name: "first", priority: 0, lines: firstDivergenceLines(c) },
    { name: "spans", priority: 2, lines: spanTableLines(c), more: follow.json },
    { name: "details", priority: 3, lines: detailLines(c, follow), more: follow.json }
  ];
  if (c.onlyA.length || c.onlyB.length) sections.push({ name: "only", priority: 1, lines: oneSideLines(c), more: follow.json });
  return sections;
}

// scripts/lib/commands/compare/compare-job.ts
async function loadTracePair(o) {
  if (o.fromFile) {
    const a2 = await loadTrace({ traceId: o.idA, fromFile: o.fromFile, cli: o.cli });
    const b2 = await loadTrace({ traceId: o.idB, fromFile: o.fromFile, cli: o.cli });
    return { a: a2.value, b: b2.value, files: a2.files, how: "file" };
  }
  checkTraceId(o.idA);
  checkTraceId(o.idB);
  const found = /* @__PURE__ */ new Map();
  const files = [];
  if (o.experimentId) {
    const filter = `trace.request_id IN (${quoteFilterValue(o.idA, "trace id")}, ${quoteFilterValue(o.idB, "trace id")})`;
    const maxResults = pageSizeFor(process.env.MLFLOW_TRACKING_URI);
    const fetched = await searchTraces({ experimentId: o.experimentId, filter, maxResults, includeSpans: true }, o.cli, 0);
    files.push(fetched.file);
    for (const t of parseSearch(fetched.json, `mlflow traces search output (${fetched.file})`).traces) found.set(t.info.traceId, t);
  }
  for (const id of [o.idA, o.idB]) {
    if (found.has(id)) continue;
    const got = await loadTrace({ traceId: id, cli: o.cli });
    files.push(...got.files);
    found.set(id, got.value);
  }
  const a = found.get(o.idA);
  const b = found.get(o.idB);
  if (!a || !b) throw new SkillError("trace-not-found", `Trace ${a ? o.idB : o.idA} was not found.`);
  const gets = files.length - (o.experimentId ? 1 : 0);
  const how = !o.experimentId ? "two gets" : gets === 0 ? "one search" : "search and get";
  return { a, b, files, how };
}

// scripts/lib/commands/compare/compare-traces.ts
var compareTracesCommand = defineCommand({
  name: "compare_traces",
  summary: "Two MLflow traces side by side: span trees aligned by the path of names and order (tolerant of\ndifferent counts), status differences, the first aligned span whose output diverges, input/output\ndifferences (short diffs), model parameters (model, temperature, max tokens, tools), retrieved\ndocuments, tool arguments, tokens and latency per aligned span, and spans present in one only.\nmlflow calls: one search for both when the experiment is known (--experiment-id or\nMLFLOW_EXPERIMENT_ID), else one `traces get` each. Traces from different experiments are compared\ntoo (said in the output).",
  args: [
    { key: "traceA", metavar: "TRACE_A", help: "one trace (e.g. the right answer)" },
    { key: "traceB", metavar: "TRACE_B", help: "the other (e.g. the wrong one)" }
  ],
  options: {
    experimentId: text("ID|NAME", "fetch both with one search in this experiment (an id or a name)"),
    fromFile: text("PATH", "a saved `mlflow traces search --output json` file holding both; no mlflow call")
  },
  async run({ args, opts }) {
    const { traceA: idA, traceB: idB } = args;
    if (!idA || !idB)
      throw new SkillError("usage", `Expected two trace ids, got ${[idA, idB].filter(Boolean).length}.`, {
        hint: "Usage: compare_traces <TRACE_A> <TRACE_B>; find ids with triage_traces or `mlflow traces search -x <EXPERIMENT_ID>`."
      });
    if (idA === idB)
      throw new SkillError("usage", `Both ids are ${idA}: a trace compared with itself differs in nothing.`, {
        hint: "Pass two different trace ids (e.g. the same question answered right and wrong)."
      });
    const { fromFile } = opts;
    const experimentId = fromFile ? void 0 : await experimentIdOf(opts.experimentId ?? defaultExperiment(), { fresh: opts.fresh });
    const cli = { dir: fromFile || !opts.outDir ? void 0 : prepareOutDir(opts.outDir), timeoutMs: opts.timeout * 1e3, fresh: opts.fresh };
    const pair = await loadTracePair({ idA, idB, experimentId, fromFile, cli });
    const c = compareTraces(pair.a, pair.b);
    const source = fromFile ? ["--from-file", fromFile] : [];
    const json = commandFor("compare_traces", [idA, idB, ...source, "--json"]);
    return {
      json: { ...c, fetchedBy: pair.how },
      files: { [pair.how === "two gets" ? "traceJson" : "searchJson"]: pair.files },
      text: () => {
        const follow = { inspectSpan: (t, s) => commandFor("inspect_turn", [t, ...source, "--span", s]), json };
        const calls = mlflowCallCount();
        const footer = [
          ...rawJsonLines(pair.how === "two gets" ? "trace" : "search", pair.files, { fromUserFile: !!fromFile, cache: cacheStatus() }),
          `(fetched by ${pair.how}; ${calls} mlflow call${calls === 1 ? "" : "s"})`,
          `Each trace in depth: ${commandFor("inspect_turn", [idA])} · ${commandFor("inspect_turn", [idB])}`
        ];
        return renderBudgeted(compareSections(c, follow), footer, opts.maxChars, json).text;
      }
    };
  }
});

// scripts/compare_traces.ts
await runCommand(compareTracesCommand);
