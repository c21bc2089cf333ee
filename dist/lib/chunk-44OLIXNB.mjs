import {
  isModelCall,
  messagesOf,
  spanInputs,
  spanModel,
  spanOutputs,
  spanTokenUsage,
  spanType
} from "./chunk-LB542P5W.mjs";
import {
  durationOf,
  endOf,
  mainRoot
} from "./chunk-PRZ35W4A.mjs";

// scripts/lib/analysis/common/text-match.ts
function normaliseText(s) {
  if (/^[\x00-\x7f]*$/.test(s))
    return s.toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();
  return s.normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}
var passageHead = (text, chars, rawCap) => normaliseText(rawCap === void 0 ? text : text.slice(0, rawCap)).slice(0, chars);
var ERROR_WORDS = /\b(error|exception|traceback|failed|failure|refused|timed? ?out|unavailable)\b/i;
function mentionsError(text, message, spanName) {
  const needle = message.trim().slice(0, 60);
  if (needle && text.includes(needle)) return true;
  return ERROR_WORDS.test(text) && (text.includes(spanName) || !needle);
}
var usableId = (id) => {
  if (!id) return null;
  const n = normaliseText(id);
  return n.length >= 4 && !/^\d+$/.test(n) ? n : null;
};
function docInPrompt(doc, promptNorm) {
  const id = usableId(doc.id);
  if (id && promptNorm.includes(id)) return true;
  if (doc.windows.some((w) => promptNorm.includes(w))) return true;
  return doc.windows.length ? false : null;
}
var FLOW_LIMITS = { values: 40, nodes: 400, valueChars: 160, textChars: 5e4 };
var textCache = /* @__PURE__ */ new WeakMap();
function inputText(node) {
  if (textCache.has(node)) return textCache.get(node) ?? null;
  const i = spanInputs(node.span);
  let text = null;
  if (i) {
    try {
      text = (JSON.stringify(i.value) ?? "").slice(0, FLOW_LIMITS.textChars);
    } catch {
      text = null;
    }
  }
  textCache.set(node, text);
  return text;
}
var ROLES = "assistant|user|system|tool|tools|function|developer|human|ai";
var FLAGS = String.raw`stop|length|tool_calls|end_turn|chat\.completion|text|json|auto|none|null|true|false|success|ok|error`;
var VOCABULARY = new RegExp(`^(?:${ROLES}|${FLAGS})$`, "i");
function distinctiveValues(value) {
  const out = /* @__PURE__ */ new Set();
  const queue = [value];
  let visited = 0;
  while (queue.length && visited < FLOW_LIMITS.nodes && out.size < FLOW_LIMITS.values) {
    const v = queue.shift();
    visited += 1;
    if (typeof v === "string") {
      const s = v.trim();
      if (s.length >= 4 && !VOCABULARY.test(s)) out.add(JSON.stringify(s.slice(0, FLOW_LIMITS.valueChars)).slice(1, -1));
      else if (s.length >= 2 && s === v && !VOCABULARY.test(s)) out.add(JSON.stringify(s));
    } else if (typeof v === "number" && Number.isFinite(v)) {
      const s = String(v);
      if (s.replace(/[^0-9]/g, "").length >= 3) out.add(s);
    } else if (Array.isArray(v)) queue.push(...v.slice(0, 50));
    else if (v && typeof v === "object") queue.push(...Object.values(v).slice(0, 50));
  }
  return [...out];
}
function outputFeeds(from, to) {
  const out = spanOutputs(from.span);
  const target = inputText(to);
  if (!out || target === null) return "unknown";
  const own = inputText(from) ?? "";
  const values = distinctiveValues(out.value);
  if (!values.length) return "unknown";
  return values.some((v) => !own.includes(v) && target.includes(v)) ? "fed" : "independent";
}
var SCALES = [100, 1e3, 0.01, 1e-3];
function scalarRelation(input, output) {
  if (typeof input === "string" || typeof output === "string") return input === output ? "" : null;
  if (input === output) return "";
  for (const k of SCALES) {
    const scaled = output * k;
    const close = Number.isInteger(input) && Math.abs(scaled) >= 10 ? Math.abs(input - scaled) < 1 : Math.abs(input - scaled) <= 1e-9 * Math.abs(input);
    if (close) return ` × ${k}`;
  }
  return null;
}

// scripts/lib/analysis/trace/critical-path.ts
function sequentialChain(node) {
  const kids = node.children.filter((c) => c.span.endMs !== null);
  if (!kids.length) return [];
  const byEnd = [...kids].sort((a, b) => endOf(b.span) - endOf(a.span));
  const chain = [byEnd[0]];
  let i = 1;
  for (; ; ) {
    const cur = chain.at(-1);
    while (i < byEnd.length && endOf(byEnd[i].span) > cur.span.startMs) i += 1;
    const prev = byEnd[i];
    if (!prev || prev.span.startMs >= cur.span.startMs) break;
    chain.push(prev);
    i += 1;
  }
  return chain.reverse();
}
var pattern = (name) => name.replace(/\d+/g, "N");
function steps(chain, t0, total) {
  const out = [];
  for (const n of chain) {
    const d = durationOf(n.span) ?? 0;
    const last = out.at(-1);
    if (last && pattern(last.name) === pattern(n.span.name)) {
      if (last.name !== n.span.name) last.name = pattern(n.span.name);
      last.spanIds.push(n.span.id);
      last.count += 1;
      last.durationMs = endOf(n.span) - (last.startOffsetMs + t0);
      last.minMs = Math.min(last.minMs, d);
      last.maxMs = Math.max(last.maxMs, d);
      last.share = total > 0 ? last.durationMs / total : 0;
      continue;
    }
    out.push({
      name: n.span.name,
      type: spanType(n.span),
      spanIds: [n.span.id],
      count: 1,
      startOffsetMs: n.span.startMs - t0,
      durationMs: d,
      minMs: d,
      maxMs: d,
      share: total > 0 ? d / total : 0
    });
  }
  return out;
}
var DESCEND_SHARE = 0.2;
function criticalPath(root, t0, total, maxLevels = 6) {
  const levels = [];
  for (let node = root; node && levels.length < maxLevels; ) {
    const chain = sequentialChain(node);
    if (!chain.length) break;
    levels.push({ within: { spanId: node.span.id, name: node.span.name, durationMs: durationOf(node.span) ?? 0 }, steps: steps(chain, t0, total) });
    node = chain.filter((c) => c.children.length).reduce((best, c) => !best || (durationOf(c.span) ?? 0) > (durationOf(best.span) ?? 0) ? c : best, null);
    if (node && total > 0 && (durationOf(node.span) ?? 0) < DESCEND_SHARE * total) break;
  }
  return levels;
}

// scripts/lib/analysis/trace/model-calls.ts
var HUGE_PROMPT = 2e4;
function modelCalls(tree, traceMs) {
  const found = [];
  const aboveCalls = /* @__PURE__ */ new Set();
  for (const n of tree.nodes) {
    if (!isModelCall(n) || !spanTokenUsage(n.span)) continue;
    for (let p = n.parent; p && !aboveCalls.has(p); p = p.parent) aboveCalls.add(p);
  }
  const stack = [...tree.roots];
  while (stack.length) {
    const node = stack.pop();
    const u = aboveCalls.has(node) ? null : spanTokenUsage(node.span);
    if (u) found.push({ node, input: u.input, output: u.output });
    else stack.push(...node.children);
  }
  const totalIn = found.reduce((s, f) => s + (f.input ?? 0), 0);
  return found.map(({ node, input, output }) => {
    const d = durationOf(node.span) ?? 0;
    return {
      spanId: node.span.id,
      name: node.span.name,
      model: spanModel(node.span),
      durationMs: d,
      inputTokens: input,
      outputTokens: output,
      shareOfInputTokens: input !== null && totalIn > 0 ? input / totalIn : null,
      shareOfTime: traceMs > 0 ? d / traceMs : 0,
      ...input !== null && input >= HUGE_PROMPT ? { bulk: promptBulk(node) } : {}
    };
  }).sort((a, b) => (b.inputTokens ?? -1) - (a.inputTokens ?? -1) || b.durationMs - a.durationMs);
}
function promptBulk(node) {
  const msgs = messagesOf(spanInputs(node.span)?.value);
  if (!msgs?.length) return null;
  const total = msgs.reduce((n, m) => n + m.text.length, 0);
  let at = 0;
  msgs.forEach((m, i) => {
    if (m.text.length > (msgs[at]?.text.length ?? 0)) at = i;
  });
  const big = msgs[at];
  if (!total || big.text.length < 2e3) return null;
  return { role: big.role, index: at + 1, chars: big.text.length, shareOfChars: big.text.length / total, repeated: mostlyRepeated(big.text) };
}
function mostlyRepeated(text) {
  const chunks = /* @__PURE__ */ new Set();
  let n = 0;
  const stride = Math.max(200, Math.floor(text.length / 2e3 / 200) * 200);
  for (let i = 0; i + 200 <= text.length; i += stride, n++) chunks.add(text.slice(i, i + 200));
  return n >= 10 && chunks.size / n < 0.2;
}

// scripts/lib/analysis/trace/sequential-calls.ts
var SIDE_BY_SIDE_TYPES = /* @__PURE__ */ new Set(["TOOL", "RETRIEVER", "RERANKER", "EMBEDDING"]);
var MAX_PAIRS = 100;
var keyOf = (n) => {
  const t = spanType(n.span);
  return t && SIDE_BY_SIDE_TYPES.has(t) ? `type:${t}` : `name:${n.span.name}`;
};
var follows = (a, b) => {
  const slack = Math.min(1, 0.05 * (durationOf(a.span) ?? 0));
  return b.span.startMs >= endOf(a.span) - slack;
};
function runsUnder(node) {
  const runs = [];
  let cur = [];
  for (const c of node.children) {
    const prev = cur.at(-1);
    if (prev && c.span.endMs !== null && keyOf(prev) === keyOf(c) && follows(prev, c)) cur.push(c);
    else {
      if (cur.length >= 2) runs.push(cur);
      cur = c.span.endMs === null ? [] : [c];
    }
  }
  if (cur.length >= 2) runs.push(cur);
  return runs;
}
function describe(parent, run, pairsChecked) {
  const ds = run.map((n) => durationOf(n.span) ?? 0);
  const first = run[0];
  const last = run.at(-1);
  const wallMs = endOf(last.span) - first.span.startMs;
  const names = [...new Set(run.map((n) => n.span.name))];
  return {
    parentId: parent.span.id,
    parent: parent.span.name,
    name: names.join(" / "),
    type: spanType(first.span),
    spanIds: run.map((n) => n.span.id),
    count: run.length,
    minMs: Math.min(...ds),
    maxMs: Math.max(...ds),
    wallMs,
    savingMs: Math.max(0, wallMs - Math.max(...ds)),
    pairsChecked,
    heuristic: true
  };
}
function independentPairs(run) {
  const inputs = /* @__PURE__ */ new Set();
  let pairs = 0;
  for (let i = 0; i < run.length; i++) {
    const n = run[i];
    const text = inputText(n);
    if (text === null) return "inputs or outputs not logged";
    if (inputs.has(text)) return "the same inputs repeated";
    inputs.add(text);
    for (let j = i - 1; j >= 0 && pairs < MAX_PAIRS; j--) {
      const flow = outputFeeds(run[j], n);
      if (flow === "fed") return "an output fed the next input";
      if (flow === "unknown") return "inputs or outputs not logged";
      pairs += 1;
    }
  }
  return pairs;
}
var worthReporting = (savingMs, traceMs) => savingMs >= 100 && savingMs >= 0.1 * traceMs;
function sequentialCalls(tree, traceMs) {
  const independent = [];
  const chained = [];
  for (const node of tree.nodes) {
    if (node.children.length < 2) continue;
    for (const run of runsUnder(node)) {
      const rough = describe(node, run, 0);
      if (!worthReporting(rough.savingMs, traceMs)) continue;
      const pairs = independentPairs(run);
      if (typeof pairs === "number") independent.push({ ...rough, pairsChecked: pairs });
      else chained.push({ ...rough, notParallel: pairs });
    }
  }
  const bySaving = (a, b) => b.savingMs - a.savingMs;
  return { independent: independent.sort(bySaving), chained: chained.sort(bySaving) };
}

// scripts/lib/analysis/trace/timing.ts
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
function nameShares(tree, root, traceMs) {
  const byName = /* @__PURE__ */ new Map();
  for (const n of tree.nodes) {
    if (n.span.endMs === null) continue;
    const key = pattern(n.span.name);
    const e = byName.get(key) ?? { count: 0, iv: [], wrapper: true, name: n.span.name };
    if (e.name !== n.span.name) e.name = key;
    e.count += 1;
    e.iv.push([n.span.startMs, n.span.endMs]);
    e.wrapper &&= n === root || n.children.length > 0 && (durationOf(n.span) ?? 0) >= 0.95 * traceMs;
    byName.set(key, e);
  }
  const out = [];
  for (const e of byName.values()) {
    const name = e.name;
    if (e.wrapper && e.count === 1) continue;
    e.iv.sort((a2, b2) => a2[0] - b2[0]);
    let wall = 0;
    let [a, b] = e.iv[0];
    for (const [x, y] of e.iv.slice(1)) {
      if (x <= b) b = Math.max(b, y);
      else wall += b - a, [a, b] = [x, y];
    }
    wall += b - a;
    out.push({ name, count: e.count, wallMs: wall, share: traceMs > 0 ? wall / traceMs : 0 });
  }
  return out.sort((x, y) => y.wallMs - x.wallMs);
}
var timeOf = (n) => ({ spanId: n.span.id, name: n.span.name, durationMs: durationOf(n.span) ?? 0, selfMs: selfTimeMs(n) });
function gapsIn(tree, traceStartMs, traceDurationMs) {
  const minGap = Math.max(50, traceDurationMs * 0.02);
  const gaps = [];
  for (const node of tree.nodes) {
    if (!node.children.length || node.span.endMs === null) continue;
    let cursor = node.span.startMs;
    let after = null;
    const byEnd = new Map(node.children.map((c) => [endOf(c.span), c.span.name]));
    for (const [a, b] of [...childIntervals(node), [endOf(node.span), endOf(node.span)]]) {
      if (a - cursor >= minGap)
        gaps.push({ parentId: node.span.id, parent: node.span.name, afterChild: after, startOffsetMs: cursor - traceStartMs, durationMs: a - cursor });
      cursor = Math.max(cursor, b);
      after = byEnd.get(b) ?? after;
    }
  }
  gaps.sort((a, b) => b.durationMs - a.durationMs);
  return gaps;
}
function repeatsIn(tree) {
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
      byName.set(r.name, {
        name: r.name,
        parent: r.parent,
        parents: 1,
        maxUnderOneParent: r.count,
        count: r.count,
        totalMs: r.totalMs,
        sameInputs,
        failed: r.failed,
        inputsLogged: r.inputs.size > 0,
        suspicious: retryLike
      });
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
  return [...byName.values()].sort((a, b) => Number(b.suspicious) - Number(a.suspicious) || b.maxUnderOneParent - a.maxUnderOneParent || b.count - a.count);
}
function analyseTiming(tree, opts = {}) {
  const top = opts.top ?? 5;
  const root = mainRoot(tree);
  const traceStartMs = tree.nodes.reduce((m, n) => Math.min(m, n.span.startMs), Number.POSITIVE_INFINITY);
  const traceEnd = tree.nodes.reduce((m, n) => Math.max(m, endOf(n.span)), Number.NEGATIVE_INFINITY);
  const traceDurationMs = tree.nodes.length ? traceEnd - traceStartMs : 0;
  const slowestBySelf = tree.nodes.map(timeOf).sort((a, b) => b.selfMs - a.selfMs).slice(0, top);
  const path = criticalPath(root, traceStartMs, traceDurationMs);
  const gaps = gapsIn(tree, traceStartMs, traceDurationMs);
  const repeats = repeatsIn(tree);
  const calls = modelCalls(tree, traceDurationMs);
  const runs = sequentialCalls(tree, traceDurationMs);
  return {
    traceStartMs,
    traceDurationMs,
    slowestBySelf,
    criticalPath: path,
    gaps: gaps.slice(0, top),
    repeats,
    byName: nameShares(tree, root, traceDurationMs).slice(0, 10),
    sequential: runs.independent,
    sequentialChained: runs.chained.slice(0, 10),
    modelCalls: calls.slice(0, 10),
    modelCallCount: calls.length,
    hugePrompts: calls.filter((c) => (c.inputTokens ?? 0) >= HUGE_PROMPT).slice(0, 5),
    hugePromptTokens: HUGE_PROMPT
  };
}

export {
  normaliseText,
  passageHead,
  ERROR_WORDS,
  mentionsError,
  docInPrompt,
  scalarRelation,
  HUGE_PROMPT,
  selfTimeMs,
  analyseTiming
};
