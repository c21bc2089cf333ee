import {
  spanInputs,
  spanOutputs
} from "./chunk-2IPHA5SA.mjs";
import {
  attr
} from "./chunk-V3PRQPWM.mjs";

// scripts/lib/trace/retrieved-docs.ts
var isObj = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
var str = (v) => typeof v === "string" && v ? v : typeof v === "number" ? String(v) : null;
var numOf = (v) => {
  const n = typeof v === "string" ? Number(v) : v;
  return typeof n === "number" && Number.isFinite(n) ? n : null;
};
var ID_KEYS = ["id", "doc_id", "document_id", "doc_uri", "uri", "source", "url", "title", "chunk_id"];
var TEXT_KEYS = ["page_content", "content", "text", "document", "chunk"];
var SCORE_KEYS = ["score", "relevance_score", "rerank_score", "similarity"];
var docText = (o) => TEXT_KEYS.map((k) => o[k]).find((x) => typeof x === "string");
function docOf(v) {
  if (typeof v === "string") return { id: null, text: v, score: null };
  if (!isObj(v)) return null;
  const meta = isObj(v.metadata) ? v.metadata : {};
  const text = docText(v);
  if (text === void 0) return null;
  const id = [...ID_KEYS.map((k) => meta[k]), ...ID_KEYS.map((k) => v[k])].map(str).find((x) => x !== null) ?? null;
  const score = [...SCORE_KEYS.map((k) => meta[k]), ...SCORE_KEYS.map((k) => v[k])].map(numOf).find((x) => x !== null) ?? null;
  return { id, text, score };
}
function listOf(value) {
  if (Array.isArray(value)) return value;
  if (isObj(value)) {
    for (const k of ["documents", "results", "docs", "output", "nodes"]) if (Array.isArray(value[k])) return value[k];
  }
  return null;
}
function flattenedSlots(span, prefix) {
  const re = new RegExp(`^${prefix.replace(/\./g, "\\.")}\\.(\\d+)\\.document\\.(id|content|score)$`);
  const slots = /* @__PURE__ */ new Map();
  for (const key of Object.keys(span.rawAttributes)) {
    const m = re.exec(key);
    if (!m) continue;
    const slot = slots.get(Number(m[1])) ?? {};
    slot[m[2]] = attr(span, key);
    slots.set(Number(m[1]), slot);
  }
  return slots.size ? [...slots.entries()].sort((a, b) => a[0] - b[0]).map(([, s]) => s) : null;
}
function flattened(span) {
  for (const prefix of ["reranker.output_documents", "retrieval.documents"]) {
    const slots = flattenedSlots(span, prefix);
    if (slots)
      return slots.map((s) => ({
        id: str(s.id),
        text: typeof s.content === "string" ? s.content : JSON.stringify(s.content) ?? "",
        score: numOf(s.score)
      }));
  }
  return null;
}
function retrievedDocs(span) {
  const out = spanOutputs(span);
  const list = out ? listOf(out.value) : null;
  if (list && list.length) {
    const docs = list.map(docOf);
    if (docs.every((d) => d !== null) && list.some((x) => isObj(x))) return docs;
  }
  return flattened(span);
}
var LIMIT_KEYS = ["top_k", "top_n", "k", "n", "limit", "num_results", "similarity_top_k"];
function resultLimit(span) {
  const i = spanInputs(span)?.value;
  const places = [];
  if (isObj(i)) places.push(i, ...Object.values(i).filter(isObj));
  for (const p of places)
    for (const k of LIMIT_KEYS) {
      const v = numOf(p[k]);
      if (v !== null) return { key: k, value: v };
    }
  for (const k of LIMIT_KEYS)
    for (const key of [k, `retrieval.${k}`, `reranker.${k}`]) {
      const v = numOf(attr(span, key));
      if (v !== null) return { key: k, value: v };
    }
  return null;
}

export {
  docText,
  flattenedSlots,
  retrievedDocs,
  resultLimit
};
