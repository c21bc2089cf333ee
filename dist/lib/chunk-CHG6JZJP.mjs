import {
  HUGE_PROMPT
} from "./chunk-NHAFKXKJ.mjs";
import {
  ioKeysPresent,
  messagesOf,
  replyText,
  spanExceptions,
  spanInputs,
  spanOutputs,
  spanTokenUsage,
  spanType
} from "./chunk-YXRKWWWI.mjs";
import {
  nameRef
} from "./chunk-SHHID745.mjs";
import {
  attr,
  clip,
  endOf,
  fmtInt,
  fmtMs,
  msRange,
  oneLine,
  pct,
  plural
} from "./chunk-P6LUVIS6.mjs";

// scripts/lib/analysis/trace/model-history.ts
var MODEL_TYPES = /* @__PURE__ */ new Set(["LLM", "CHAT_MODEL"]);
var modelSpans = (tree) => tree.nodes.filter((n) => MODEL_TYPES.has(spanType(n.span) ?? "")).sort((a, b) => a.span.startMs - b.span.startMs);
function modelHistory(tree, fallback = null) {
  for (const node of [...modelSpans(tree), ...fallback ? [fallback] : []]) {
    const value = spanInputs(node.span)?.value;
    const msgs = value === void 0 ? null : messagesOf(value);
    if (!msgs) continue;
    let lastUser = -1;
    msgs.forEach((m, i) => {
      if (m.role === "user") lastUser = i;
    });
    if (lastUser < 0) continue;
    const earlier = msgs.slice(0, lastUser).filter((m) => m.role === "user" || m.role === "assistant").length;
    return { spanId: node.span.id, spanName: node.span.name, earlierMessages: earlier };
  }
  return null;
}

// scripts/lib/analysis/common/text-facts.ts
var numKey = (v) => String(Number(v.toFixed(6)));
function numberReadings(raw) {
  const s = raw.replace(/[\s\u00a0\u202f']/g, "");
  if (!/^\d[\d.,]*$/.test(s)) return [];
  const lastDot = s.lastIndexOf(".");
  const lastComma = s.lastIndexOf(",");
  const out = /* @__PURE__ */ new Set();
  if (lastDot >= 0 && lastComma >= 0) {
    const dec = lastDot > lastComma ? "." : ",";
    const other = dec === "." ? "," : ".";
    out.add(Number(s.split(other).join("").replace(dec, ".")));
  } else if (lastDot >= 0 || lastComma >= 0) {
    const sep = lastDot >= 0 ? "." : ",";
    const parts = s.split(sep);
    const grouped = parts.length > 1 && parts[0].length <= 3 && parts.slice(1).every((p) => p.length === 3);
    if (grouped) out.add(Number(parts.join("")));
    if (parts.length === 2) out.add(Number(`${parts[0]}.${parts[1]}`));
  } else out.add(Number(s));
  return [...out].filter((v) => Number.isFinite(v));
}
var CURRENCY_BEFORE = "[$€£¥₹]|(?:USD|EUR|GBP|CHF|JPY|CAD|AUD)\\s?";
var CURRENCY_AFTER = "\\s?(?:[€£$]|USD|EUR|GBP|CHF|JPY|CAD|AUD|dollars?|euros?|pounds?)(?![\\p{L}])";
var NUM = "\\d{1,3}(?:[,.\\u00a0\\u202f]\\d{3})+(?:[.,]\\d+)?|\\d+(?:[.,]\\d+)?";
var SCALE = "(?:\\s?(k|K|m|M|bn)\\b)?";
var AMOUNT_RE = new RegExp(`(?:${CURRENCY_BEFORE})\\s?(${NUM})${SCALE}|(?<![\\p{L}\\d.,])(${NUM})${SCALE}${CURRENCY_AFTER}`, "gu");
var PERCENT_RE = new RegExp(`(?<![\\p{L}\\d.,])(${NUM})\\s?%`, "gu");
var NUMBER_RE = new RegExp(`(?<![\\p{L}\\d.,_/-])(${NUM})(?![\\p{L}\\d_/]|[.,]\\d)`, "gu");
var ISO_DATE_RE = /\b(\d{4})-(\d{2})-(\d{2})\b/g;
var ID_RE = /(?<![\w-])([A-Z][A-Z0-9]{0,5}[-_]\d{3,}[A-Z0-9]*)(?![\w-])/g;
var QUOTED_RE = /["“«]([^"”»\n]{3,60})["”»]/g;
var scaled = (values, scale) => {
  if (!scale) return values;
  const f = /^k$/i.test(scale) ? 1e3 : /^m$/i.test(scale) ? 1e6 : 1e9;
  return [...values, ...values.map((v) => v * f)];
};
var SCAN_MAX = 2e4;
function extractFacts(input) {
  const text = input.slice(0, SCAN_MAX);
  const facts = [];
  const taken = [];
  const overlaps = (a, b) => taken.some(([x, y]) => a < y && b > x);
  const add = (kind, m, values) => {
    const start = m.index;
    const end = start + m[0].length;
    if (overlaps(start, end)) return;
    taken.push([start, end]);
    const written = m[0].trim();
    if (!facts.some((f) => f.kind === kind && f.text === written)) facts.push({ kind, text: written, values });
  };
  for (const m of text.matchAll(ISO_DATE_RE)) add("date", m, []);
  for (const m of text.matchAll(ID_RE)) add("id", m, []);
  for (const m of text.matchAll(AMOUNT_RE)) add("amount", m, scaled(numberReadings(m[1] ?? m[3] ?? ""), m[2] ?? m[4]));
  for (const m of text.matchAll(PERCENT_RE)) {
    const v = numberReadings(m[1] ?? "");
    add("percent", m, [...v, ...v.map((x) => x / 100)]);
  }
  for (const m of text.matchAll(NUMBER_RE)) {
    const raw = m[1] ?? "";
    const values = numberReadings(raw);
    const plainInt = /^\d+$/.test(raw);
    if (plainInt && (Number(raw) < 100 || raw.length === 4 && Number(raw) >= 1900 && Number(raw) <= 2100)) continue;
    if (!values.length) continue;
    add("number", m, values);
  }
  for (const m of text.matchAll(QUOTED_RE)) {
    const inner = (m[1] ?? "").trim();
    if (new RegExp("\\p{L}", "u").test(inner) && inner.split(/\s+/).length <= 8) add("quoted", m, []);
  }
  return facts.sort((a, b) => text.indexOf(a.text) - text.indexOf(b.text));
}
function numbersIn(input, cap = 2e3) {
  const out = /* @__PURE__ */ new Set();
  for (const m of input.matchAll(/\d[\d.,]*\d|\d/g)) {
    for (const v of numberReadings(m[0])) out.add(v);
    if (out.size >= cap) break;
  }
  return [...out];
}
function normaliseText(s) {
  if (/^[\x00-\x7f]*$/.test(s))
    return s.toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();
  return s.normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

// scripts/lib/analysis/findings/claims.ts
var SUCCESS = /\b(done|all set|successfully|i(?:'ve| have) (?:now )?(?:cancell?ed|booked|updated|sent|processed|refunded|scheduled|added|changed|completed|submitted|placed|transferred|reset|renewed|registered|deleted|removed|filed)|(?:has|have) been (?:successfully )?(?:cancell?ed|booked|updated|sent|processed|refunded|scheduled|added|changed|completed|submitted|placed|transferred|reset|renewed|registered|confirmed|deleted|removed|filed)|is (?:now )?(?:cancell?ed|confirmed|booked|scheduled|complete)|(?:booking|order|payment|transfer|claim|refund|reservation|request) (?:is )?confirmed)\b/i;
var NOT_DONE = /\b(could ?n[o']t|can ?n[o']t|cannot|unable|failed|failure|error|sorry|unfortunately|try again|not (?:been |yet )?(?:able|possible|done|completed|processed)|did ?n[o']t|was ?n[o']t|issue|problem|went wrong)\b/i;
function successClaim(reply) {
  const text = reply.slice(0, 4e3);
  if (NOT_DONE.test(text)) return null;
  const m = SUCCESS.exec(text);
  if (!m) return null;
  const start = Math.max(0, text.lastIndexOf(".", m.index - 1) + 1, text.lastIndexOf("!", m.index - 1) + 1, text.lastIndexOf("?", m.index - 1) + 1);
  const sentenceEnd = (from) => {
    const e = text.slice(from).search(/[.!?](\s|$)/);
    return e < 0 ? text.length : from + e + 1;
  };
  let end = sentenceEnd(m.index);
  if (end - start < 30 && end < text.length) end = sentenceEnd(end);
  return text.slice(start, end).trim().slice(0, 160);
}

// scripts/lib/analysis/findings/finding-kind.ts
var MAX_EACH = 20;
var defineKind = (kind) => kind;

// scripts/lib/analysis/common/text-match.ts
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

// scripts/lib/analysis/findings/kinds/answered-after-failed-tool.ts
function errorText(node) {
  const ex = spanExceptions(node.span).at(-1);
  if (ex) return `${ex.type}: ${ex.message}`.trim();
  return node.span.statusMessage || "(no message)";
}
function toolMessages(node) {
  const inputs = spanInputs(node.span)?.value;
  const msgs = inputs === void 0 ? null : messagesOf(inputs);
  return (msgs ?? []).filter((m) => m.role === "tool").map((m) => m.text);
}
var producedAnswer = (node) => {
  if (node.span.status === "ERROR") return false;
  const out = spanOutputs(node.span)?.value;
  if (out === void 0 || out === null) return false;
  const reply = replyText(out);
  return reply ? reply.text.trim() !== "" && !reply.text.startsWith("[tool call") : true;
};
var claimOf = (node) => {
  const out = spanOutputs(node.span)?.value;
  const reply = out === void 0 || out === null ? null : replyText(out);
  return reply ? successClaim(reply.text) : null;
};
function mentions(text, tool) {
  const ex = spanExceptions(tool.span).at(-1);
  return mentionsError(text, ex?.message || tool.span.statusMessage, tool.span.name);
}
function detect(tree) {
  const failedTools = tree.nodes.filter((n) => n.span.status === "ERROR" && spanType(n.span) === "TOOL");
  const answered = [];
  const usedTools = /* @__PURE__ */ new Set();
  const found = (m, tool, error, errorInInput) => answered.push({
    llmSpanId: m.span.id,
    llmName: m.span.name,
    llmRef: nameRef(tree, m),
    toolSpanId: tool?.span.id ?? "",
    toolName: tool?.span.name ?? "a tool",
    toolRef: tool ? nameRef(tree, tool) : "a tool",
    error,
    errorInInput,
    successClaim: claimOf(m)
  });
  for (const m of modelSpans(tree)) {
    if (answered.length >= MAX_EACH) break;
    if (!producedAnswer(m)) continue;
    const given = toolMessages(m);
    const fromInput = failedTools.find((t) => !usedTools.has(t) && given.some((g) => mentions(g, t)));
    const tool = fromInput ?? failedTools.filter((t) => !usedTools.has(t) && endOf(t.span) <= m.span.startMs).at(-1);
    if (tool) {
      usedTools.add(tool);
      const msg = given.find((g) => mentions(g, tool));
      found(m, tool, msg ?? errorText(tool), msg !== void 0);
      continue;
    }
    const errMsg = given.find((g) => ERROR_WORDS.test(g));
    if (errMsg === void 0) continue;
    const toolSpan = tree.nodes.filter((n) => spanType(n.span) === "TOOL" && endOf(n.span) <= m.span.startMs).at(-1);
    if (toolSpan && usedTools.has(toolSpan)) continue;
    if (toolSpan) usedTools.add(toolSpan);
    found(m, toolSpan, errMsg, true);
  }
  return answered;
}
var cut = (s, n) => s.length > n ? `${s.slice(0, n - 1)}…` : s;
var answeredAfterFailedTool = defineKind({
  kind: "answeredAfterFailedTool",
  about: "a model answered after a tool failed (whether its input held the error, whether the reply claims success)",
  heuristic: false,
  section: "findings",
  detect: ({ tree }) => detect(tree),
  line(a) {
    const held = a.errorInInput ? " (its input held the error as a tool message)" : " (the error was not in its input)";
    const claim = a.successClaim ? ` and the reply claims success: "${clip(oneLine(a.successClaim), 140)}"` : "";
    return `${a.llmRef} answered after ${a.toolRef} failed${held}${claim} — ${clip(oneLine(a.error), 160)}`;
  },
  spans: (a) => [a.llmSpanId, a.toolSpanId],
  // A success claimed after a failure is the strongest finding: it ranks first.
  order: (a, b) => Number(!!b.successClaim) - Number(!!a.successClaim),
  turnWeight: (a) => a.successClaim ? 10 : 3,
  turnLine: (a) => `${a.toolRef} failed${a.successClaim ? `; the reply claims success: "${clip(oneLine(a.successClaim), 120)}"` : ""} (${a.errorInInput ? "error in the model input" : "error not in the model input"})`,
  turnReason(a) {
    const error = cut(a.error.slice(0, 300), 120);
    if (a.successClaim)
      return `${a.toolRef} failed and the reply claimed success: "${cut(a.successClaim, 120)}" (${a.errorInInput ? "the model was given the error" : "the error was not in the model input"}) — ${error}`;
    return `answered after ${a.toolRef} failed${a.errorInInput ? "" : " (the error was not in the model input)"} — ${error}`;
  }
});

// scripts/lib/analysis/findings/kinds/caught.ts
function catcher(node) {
  for (let p = node.parent; p; p = p.parent) if (p.span.status !== "ERROR") return p;
  return null;
}
var caught = defineKind({
  kind: "caught",
  about: "a failing span whose nearest non-failing ancestor ended normally: the error was caught there",
  heuristic: false,
  section: "errors",
  detect({ tree, errors }) {
    const out = [];
    for (const c of errors.culprits) {
      const node = tree.byId.get(c.spanId);
      const by = node ? catcher(node) : null;
      if (!node || !by) continue;
      out.push({ spanId: c.spanId, name: c.name, caughtIn: { spanId: by.span.id, name: by.span.name, status: by.span.status === "OK" ? "OK" : "UNSET" } });
    }
    return out.slice(0, MAX_EACH);
  },
  line: (c) => `${c.name} failed and was caught in ${c.caughtIn.name} (status ${c.caughtIn.status})`,
  spans: (c) => [c.spanId, c.caughtIn.spanId],
  // Its trace's okDespiteFailures already weighs the caught failures once.
  turnWeight: () => 0
});

// scripts/lib/analysis/findings/kinds/ok-despite-failures.ts
var okDespiteFailures = defineKind({
  kind: "okDespiteFailures",
  about: "the trace reports OK although some of its spans failed",
  heuristic: false,
  section: "errors",
  detect({ trace, errors }) {
    return trace.info.state === "OK" && errors.errorSpanCount > 0 ? [{ failedSpans: errors.errorSpanCount }] : [];
  },
  line: (o) => `the trace reports OK although ${plural(o.failedSpans, "span")} failed`,
  spans: () => [],
  // Evidence like an outlier: the app handled the failure, which may still have changed the answer.
  turnWeight: () => 1,
  json: {
    of: (items) => items[0]?.failedSpans ?? null,
    items: (n) => n === null ? [] : [{ failedSpans: n }]
  }
});

// scripts/lib/analysis/trace/dataflow.ts
var MODEL_TYPES2 = /* @__PURE__ */ new Set(["LLM", "CHAT_MODEL"]);
var TEXT_CAP = 2e4;
var PROMPT_CAP = 4e5;
var MIN_DOC_TEXT = 24;
var WINDOW = 40;
var MAX_DOCS = 200;
var isObj = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
var str = (v) => typeof v === "string" && v.trim() ? v : typeof v === "number" ? String(v) : null;
var num = (v) => {
  const n = typeof v === "string" && v.trim() ? Number(v) : v;
  return typeof n === "number" && Number.isFinite(n) ? n : null;
};
function roleOf(span) {
  const t = spanType(span) ?? "";
  if (MODEL_TYPES2.has(t)) return "model";
  if (t === "RETRIEVER") return "retriever";
  if (t === "RERANKER") return "reranker";
  if (t === "TOOL") return "tool";
  return "other";
}
function sideText(span, loc, cap) {
  if (!loc) return "";
  const raw = span.rawAttributes[loc.key];
  if (typeof raw === "string") return raw.slice(0, cap);
  if (typeof loc.value === "string") return loc.value.slice(0, cap);
  try {
    return (JSON.stringify(loc.value) ?? "").slice(0, cap);
  } catch {
    return "";
  }
}
function rawSide(span, side) {
  const first = ioKeysPresent(span, side)[0];
  if (!first) return null;
  const raw = span.rawAttributes[first.key];
  if (typeof raw === "string") return raw === "null" || raw === "" ? null : { value: raw, key: first.key, convention: first.convention };
  return side === "in" ? spanInputs(span) : spanOutputs(span);
}
function docWindows(text) {
  const n = normaliseText(text.slice(0, 4e3));
  if (n.length < MIN_DOC_TEXT) return [];
  if (n.length <= WINDOW) return [n];
  const mid = Math.floor((n.length - WINDOW) / 2);
  return [.../* @__PURE__ */ new Set([n.slice(0, WINDOW), n.slice(mid, mid + WINDOW), n.slice(-WINDOW)])].map((w) => w.trim());
}
function docFrom(item, rank) {
  if (typeof item === "string") return { id: null, rank, score: null, windows: docWindows(item) };
  if (!isObj(item)) return null;
  const nested = isObj(item.document) ? item.document : null;
  const body = nested ?? item;
  const meta = isObj(body.metadata) ? body.metadata : isObj(item.metadata) ? item.metadata : {};
  const text = str(body.page_content) ?? str(body.content) ?? str(body.text) ?? str(body.chunk) ?? str(body.snippet) ?? (typeof item.document === "string" ? item.document : null);
  const id = str(body.id) ?? str(meta.id) ?? str(meta.doc_id) ?? str(meta.document_id) ?? str(body.uri) ?? str(body.url) ?? str(meta.source) ?? str(meta.uri) ?? str(meta.url) ?? str(body.source) ?? str(meta.title) ?? str(body.title);
  const score = num(item.score) ?? num(body.score) ?? num(item.relevance_score) ?? num(meta.score) ?? num(meta.relevance_score) ?? num(meta.rerank_score);
  if (text === null && id === null) return null;
  return { id, rank, score, windows: text ? docWindows(text) : [] };
}
function docsOf(value) {
  let list = value;
  if (isObj(value)) list = value.documents ?? value.docs ?? value.results ?? value.output ?? value.data;
  if (!Array.isArray(list) || !list.length) return null;
  const docs = [];
  for (const item of list.slice(0, MAX_DOCS)) {
    const d = docFrom(Array.isArray(item) ? item[0] : item, docs.length + 1);
    if (!d) return null;
    if (Array.isArray(item) && d.score === null) d.score = num(item[1]);
    docs.push(d);
  }
  return docs;
}
function flatDocs(span, prefix) {
  const re = new RegExp(`^${prefix.replace(/\./g, "\\.")}\\.(\\d+)\\.document\\.(id|content|score)$`);
  const slots = /* @__PURE__ */ new Map();
  for (const key of Object.keys(span.rawAttributes)) {
    const m = re.exec(key);
    if (!m) continue;
    const slot = slots.get(Number(m[1])) ?? {};
    slot[m[2]] = attr(span, key);
    slots.set(Number(m[1]), slot);
  }
  if (!slots.size) return null;
  return [...slots.entries()].sort((a, b) => a[0] - b[0]).slice(0, MAX_DOCS).map(([, s], i) => docFrom({ id: s.id, content: s.content, score: s.score }, i + 1)).filter((d) => d !== null);
}
var LIMIT_KEYS = ["top_n", "top_k", "topN", "topK", "k", "n_results", "num_results"];
function limitOf(span, input) {
  const look = (o) => {
    for (const k of LIMIT_KEYS) {
      const v = num(o[k]);
      if (v !== null && Number.isInteger(v) && v > 0) return { key: k, value: v };
    }
    return isObj(o.search_kwargs) ? look(o.search_kwargs) : null;
  };
  if (isObj(input)) {
    const found = look(input);
    if (found) return found;
  }
  for (const k of ["reranker.top_k", "retrieval.top_k", "top_k", "top_n"]) {
    const v = num(attr(span, k));
    if (v !== null && v > 0) return { key: k, value: v };
  }
  return null;
}
function modelInput(value) {
  const msgs = messagesOf(value);
  if (!msgs) {
    const text = typeof value === "string" ? value : (() => {
      try {
        return JSON.stringify(value) ?? "";
      } catch {
        return "";
      }
    })();
    return { norm: normaliseText(text.slice(0, PROMPT_CAP)), systemChars: 0, messages: 0, given: text.slice(0, TEXT_CAP), toolMessages: [] };
  }
  let lastUser = -1;
  msgs.forEach((m, i) => {
    if (m.role === "user") lastUser = i;
  });
  const all = msgs.map((m) => m.text).join("\n").slice(0, PROMPT_CAP);
  const given = msgs.filter((m, i) => !(m.role === "assistant" && i > lastUser)).map((m) => m.text).join("\n");
  return {
    norm: normaliseText(all),
    systemChars: msgs.filter((m) => m.role === "system").reduce((a, m) => a + m.text.length, 0),
    messages: msgs.length,
    given: given.slice(0, PROMPT_CAP),
    toolMessages: msgs.filter((m) => m.role === "tool").map((m) => m.text.slice(0, 2e3))
  };
}
var CUT_REASONS = /^(length|max_tokens|max_output_tokens|model_length|finish_reason_max_tokens|max_tokens_reached|token_limit)$/i;
var isCutReason = (r) => r !== null && CUT_REASONS.test(r.trim());
function finishReason(span, out) {
  const fromAttr = attr(span, "gen_ai.response.finish_reasons") ?? attr(span, "llm.response.finish_reason") ?? attr(span, "gen_ai.response.finish_reason");
  if (Array.isArray(fromAttr) && typeof fromAttr[0] === "string") return fromAttr[0];
  if (typeof fromAttr === "string" && fromAttr) return fromAttr;
  if (!isObj(out)) return null;
  const choice = Array.isArray(out.choices) && isObj(out.choices[0]) ? out.choices[0] : null;
  const gen = Array.isArray(out.generations) ? Array.isArray(out.generations[0]) ? out.generations[0][0] : out.generations[0] : null;
  const genInfo = isObj(gen) && isObj(gen.generation_info) ? gen.generation_info : null;
  const genMsg = isObj(gen) && isObj(gen.message) ? gen.message : null;
  const meta = (m) => isObj(m) && isObj(m.response_metadata) ? m.response_metadata : isObj(m) && isObj(m.kwargs) && isObj(m.kwargs.response_metadata) ? m.kwargs.response_metadata : null;
  const candidates = [
    choice?.finish_reason,
    out.stop_reason,
    out.finish_reason,
    genInfo?.finish_reason,
    genInfo?.stop_reason,
    meta(genMsg)?.finish_reason,
    meta(genMsg)?.stop_reason,
    meta(out)?.finish_reason,
    meta(out)?.stop_reason,
    Array.isArray(out.candidates) && isObj(out.candidates[0]) ? out.candidates[0].finishReason ?? out.candidates[0].finish_reason : void 0,
    out.status === "incomplete" && isObj(out.incomplete_details) ? out.incomplete_details.reason : void 0
  ];
  for (const c of candidates) if (typeof c === "string" && c) return c;
  return null;
}
var MAX_TOKEN_KEYS = ["max_tokens", "max_completion_tokens", "max_output_tokens", "maxOutputTokens", "max_new_tokens"];
function maxTokensOf(span, input) {
  const look = (o, where) => {
    if (!isObj(o)) return null;
    for (const k of MAX_TOKEN_KEYS) {
      const v = num(o[k]);
      if (v !== null && v > 0) return { key: `${where}${k}`, value: v };
    }
    return null;
  };
  const fromAttr = num(attr(span, "gen_ai.request.max_tokens")) ?? num(attr(span, "llm.request.max_tokens"));
  if (fromAttr !== null && fromAttr > 0) return { key: "max_tokens", value: fromAttr };
  const inv = attr(span, "invocation_params") ?? attr(span, "llm.invocation_parameters");
  return look(input, "") ?? (isObj(input) ? look(input.generation_config ?? input.config ?? input.params, "") : null) ?? look(inv, "");
}
function refIndex(tree) {
  const byName = /* @__PURE__ */ new Map();
  for (const n of tree.nodes) {
    const list = byName.get(n.span.name);
    if (list) list.push(n);
    else byName.set(n.span.name, [n]);
  }
  const pos = /* @__PURE__ */ new Map();
  for (const list of byName.values()) {
    if (list.length < 2) continue;
    list.sort((a, b) => a.span.startMs - b.span.startMs);
    list.forEach((n, i) => pos.set(n, i + 1));
  }
  return (node) => pos.has(node) ? `${node.span.name}#${pos.get(node)}` : node.span.name;
}
function recordDataflow(tree) {
  const records = [];
  const byNode = /* @__PURE__ */ new Map();
  for (const node of tree.nodes) {
    const span = node.span;
    const role = roleOf(span);
    const decode = role !== "other" && role !== "tool" || /rerank/i.test(span.name);
    const inLoc = decode ? spanInputs(span) : rawSide(span, "in");
    const outLoc = decode ? spanOutputs(span) : rawSide(span, "out");
    const rec = {
      node,
      role,
      docsOut: null,
      limit: null,
      model: null,
      finish: null,
      inText: sideText(span, inLoc, TEXT_CAP),
      outText: sideText(span, outLoc, TEXT_CAP),
      hasInput: inLoc !== null,
      hasOutput: outLoc !== null,
      carriesAnswer: false
    };
    if (role === "retriever" || role === "reranker" || role === "other" && /rerank/i.test(span.name)) {
      rec.docsOut = (outLoc ? docsOf(outLoc.value) : null) ?? flatDocs(span, role === "reranker" ? "reranker.output_documents" : "retrieval.documents");
      if (role === "other" && rec.docsOut) rec.role = "reranker";
      rec.limit = limitOf(span, inLoc?.value);
    }
    if (role === "model") {
      rec.model = inLoc ? modelInput(inLoc.value) : null;
      rec.finish = {
        reason: finishReason(span, outLoc?.value),
        maxTokens: maxTokensOf(span, inLoc?.value),
        outputTokens: spanTokenUsage(span)?.output ?? null
      };
      for (let p = node.parent; p; p = p.parent) {
        const pr = byNode.get(p);
        if (!pr || pr.carriesAnswer) break;
        pr.carriesAnswer = true;
      }
    }
    records.push(rec);
    byNode.set(node, rec);
  }
  const byStart = (a, b) => a.node.span.startMs - b.node.span.startMs;
  return {
    records,
    byNode,
    models: records.filter((r) => r.role === "model").sort(byStart),
    retrievals: records.filter((r) => r.role === "retriever" || r.role === "reranker").sort(byStart),
    ref: refIndex(tree)
  };
}

// scripts/lib/analysis/findings/span-mention.ts
var mention = (flow, r) => ({ ref: flow.ref(r.node), spanId: r.node.span.id });
var q = (s) => `\`${s}\``;
function firstFrom(list, t) {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = lo + hi >> 1;
    if (list[mid].node.span.startMs < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// scripts/lib/analysis/findings/kinds/gaps.ts
function gapFindings(flow, culprits2) {
  const out = [];
  const seen = /* @__PURE__ */ new Set();
  for (const c of culprits2) {
    if (seen.has(c.node) || out.length >= MAX_EACH) continue;
    seen.add(c.node);
    const r = flow.byNode.get(c.node);
    if (!r || r.hasInput || r.hasOutput && c.need !== "inputs") continue;
    const span = mention(flow, r);
    const missing = r.hasOutput ? "inputs" : "inputs and outputs";
    out.push({
      kind: "gap",
      span,
      blamedBy: c.blamedBy,
      missing,
      heuristic: false,
      summary: `${q(span.ref)} (${c.blamedBy}) logged no ${missing === "inputs" ? "inputs" : "inputs or outputs"}: nothing recorded — instrument it (log its ${missing}) to see why`
    });
  }
  return out;
}
function promptGaps(flow) {
  const out = [];
  for (const r of flow.retrievals) {
    if (r.role !== "retriever" || !r.docsOut?.length) continue;
    const m = flow.models[firstFrom(flow.models, endOf(r.node.span))];
    if (m && !m.hasInput)
      out.push({ node: m.node, blamedBy: `the model after ${q(flow.ref(r.node))}: whether its documents arrived is unknown`, need: "inputs" });
  }
  return out;
}
function culprits(facts) {
  const { tree } = facts;
  return [
    ...facts.errors.culprits.map((c) => ({ node: tree.byId.get(c.spanId), blamedBy: "failed" })),
    ...facts.of(answeredAfterFailedTool).map((a) => ({ node: tree.byId.get(a.toolSpanId), blamedBy: "the failed tool" })),
    ...promptGaps(facts.flow)
  ].filter((c) => c.node !== void 0);
}
var gaps = defineKind({
  kind: "gaps",
  about: "a span another finding blames that logged no inputs (or outputs): nothing to look at",
  heuristic: false,
  section: "findings",
  detect: (facts) => gapFindings(facts.flow, culprits(facts)),
  line: (g) => g.summary,
  spans: (g) => [g.span.spanId],
  // Not a fault of the turn: a reason to instrument, shown in the turn.
  turnWeight: () => 0
});

// scripts/lib/analysis/findings/kinds/grounding.ts
var CORPUS_TEXT_CAP = 2e6;
var ARITH_MAX = 300;
function buildCorpus(flow) {
  const keys = /* @__PURE__ */ new Set();
  const values = /* @__PURE__ */ new Set();
  const texts = [];
  let size = 0;
  const take = (t) => {
    if (!t) return;
    for (const v of numbersIn(t)) {
      values.add(v);
      for (const k of [v, Math.round(v), Number(v.toFixed(1)), Number(v.toFixed(2))]) keys.add(numKey(k));
    }
    if (size < CORPUS_TEXT_CAP) {
      texts.push(t);
      size += t.length;
    }
  };
  const totals = new FieldTotals();
  for (const r of flow.records) {
    take(r.model ? r.model.given : r.inText);
    if (r.role !== "model" && !r.carriesAnswer) {
      take(r.outText);
      totals.add(r.node.span.name, r.outText);
    }
  }
  for (const v of totals.sums()) {
    values.add(v);
    for (const k of [v, Math.round(v), Number(v.toFixed(1)), Number(v.toFixed(2))]) keys.add(numKey(k));
  }
  const joined = texts.join("\n").slice(0, CORPUS_TEXT_CAP);
  return { keys, values: [...values], lower: joined.toLowerCase(), norm: normaliseText(joined) };
}
var FieldTotals = class {
  by = /* @__PURE__ */ new Map();
  add(spanName, outText) {
    if (!outText || outText.length > 1e5 || !/^\s*\{/.test(outText)) return;
    let parsed;
    try {
      parsed = JSON.parse(outText);
    } catch {
      return;
    }
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return;
    for (const [field, v] of Object.entries(parsed)) {
      if (typeof v !== "number" || !Number.isFinite(v)) continue;
      const key = `${spanName}\0${field}`;
      const t = this.by.get(key) ?? { sum: 0, n: 0 };
      this.by.set(key, { sum: t.sum + v, n: t.n + 1 });
    }
  }
  /** Sums over at least two calls (one call's value is in the corpus already). */
  sums() {
    return [...this.by.values()].filter((t) => t.n >= 2).map((t) => Number(t.sum.toFixed(2)));
  }
};
function arithmeticHit(fact, values) {
  if (values.length > ARITH_MAX) return false;
  const want = new Set(fact.values.map((v) => numKey(Number(v.toFixed(2)))));
  const hit = (v) => want.has(numKey(Number(v.toFixed(2)))) || want.has(numKey(Math.round(v)));
  const big = (v) => v >= 10 || !Number.isInteger(v);
  const factor = (v) => !Number.isInteger(v) || v >= 2 && v <= 20;
  for (let i = 0; i < values.length; i++) {
    for (let j = i + 1; j < values.length; j++) {
      const a = values[i];
      const b = values[j];
      if (big(a) && big(b) && (hit(a + b) || hit(Math.abs(a - b)))) return true;
      if ((factor(a) || factor(b)) && hit(a * b)) return true;
    }
  }
  return false;
}
function isGrounded(fact, corpus) {
  switch (fact.kind) {
    case "amount":
    case "percent":
    case "number":
      return fact.values.some((v) => corpus.keys.has(numKey(v))) || arithmeticHit(fact, corpus.values);
    case "date": {
      const [y, m, d] = fact.text.split("-");
      return corpus.lower.includes(fact.text) || corpus.lower.includes(`${d}/${m}/${y}`) || corpus.lower.includes(`${m}/${d}/${y}`) || corpus.lower.includes(`${d}.${m}.${y}`);
    }
    case "id":
      return corpus.lower.includes(fact.text.toLowerCase());
    case "quoted": {
      const n = normaliseText(fact.text);
      return n === "" || corpus.norm.includes(n);
    }
  }
}
var worthChecking = (f) => !(f.kind === "percent" && f.values.some((v) => v === 0 || v === 100));
var evidenceText = (t) => t.replace(/\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+Z?)?|\b\d{1,2}:\d{2}(?::\d{2})?\b|[A-Za-z]+[-_]\d+/g, " ");
function groundingFindings(flow, reply) {
  if (!reply || !flow.models.length) return [];
  const sources = flow.records.filter((r) => (r.role === "tool" || r.role === "retriever" || r.role === "reranker") && r.hasOutput && !r.carriesAnswer);
  if (!sources.length) return [];
  const facts = extractFacts(reply).filter(worthChecking);
  if (!facts.length) return [];
  const corpus = buildCorpus(flow);
  const ungrounded = facts.filter((f) => !isGrounded(f, corpus));
  if (!ungrounded.length) return [];
  const numeric = ungrounded.some((f) => f.values.length);
  const srcList = sources.slice(0, 3).map((s) => ({
    ...mention(flow, s),
    numbers: numeric ? numbersIn(evidenceText(s.outText), 40).filter((v) => !Number.isInteger(v) || v >= 10).slice(0, 6).map(String) : []
  }));
  const answerModel = [...flow.models].reverse().find((m) => m.hasOutput);
  const listed = ungrounded.slice(0, 5).map((f) => f.text);
  const more = ungrounded.length > 5 ? ` and ${ungrounded.length - 5} more` : "";
  const held = srcList.map((s) => `${q(s.ref)}${s.numbers.length ? ` returned ${s.numbers.join(", ")}` : ""}`).join("; ");
  const summary = `${listed.map(q).join(", ")}${more} in the answer ${ungrounded.length === 1 ? "is" : "are"} in no input of the trace and no tool or retriever output (${held}${sources.length > 3 ? `; ${sources.length - 3} more sources` : ""}) — heuristic: facts found by pattern; sums, differences, products and roundings of the numbers found count as grounded`;
  return [
    {
      kind: "grounding",
      answerSpan: answerModel ? mention(flow, answerModel) : null,
      facts: ungrounded.map((f) => ({ kind: f.kind, text: f.text })),
      sources: srcList,
      heuristic: true,
      summary
    }
  ];
}
var grounding = defineKind({
  kind: "grounding",
  about: "facts in the answer (amounts, numbers, dates, ids, quoted names) that no input or tool/retriever output holds",
  heuristic: true,
  section: "findings",
  detect: ({ flow, reply }) => groundingFindings(flow, reply),
  line: (g) => g.summary,
  spans: (g) => [g.answerSpan?.spanId, ...g.sources.map((s) => s.spanId)],
  turnWeight: () => 2
});

// scripts/lib/analysis/findings/kinds/huge-prompts.ts
var hugePrompts = defineKind({
  kind: "hugePrompts",
  about: `model calls whose prompt held ${HUGE_PROMPT.toLocaleString("en-US")} input tokens or more, and the message that holds most of it`,
  heuristic: false,
  section: "findings",
  shown: 2,
  measured: true,
  detect: ({ timing }) => timing.hugePrompts,
  line(c) {
    const b = c.bulk;
    const bulk = b ? `; message #${b.index} (${b.role}) is ${pct(b.shareOfChars)} of its text (${fmtInt(b.chars)} chars${b.repeated ? ", mostly one passage repeated" : ""})` : "";
    return `${c.name} took ${fmtMs(c.durationMs)} (${pct(c.shareOfTime)} of the trace) with a prompt of ${fmtInt(c.inputTokens)} tokens = ${pct(c.shareOfInputTokens)} of the trace's input tokens (≥ ${fmtInt(HUGE_PROMPT)}: the first thing to cut if it is slow)${bulk}`;
  },
  spans: (c) => [c.spanId],
  turnWeight: () => 0
});

// scripts/lib/analysis/findings/kinds/retrieval.ts
var fmtScore = (s) => s === null ? "?" : String(Number(s.toFixed(3)));
function sameDoc(a, b) {
  if (a.id && b.id) return a.id === b.id;
  return a.windows.length > 0 && a.windows[0] === b.windows[0];
}
function docLabel(d) {
  return d.id ? q(d.id) : "(a document without id)";
}
function retrievalSummary(f) {
  const times = f.count > 1 ? ` (×${f.count} in this trace)` : "";
  const how = " — heuristic: documents matched by id and by text";
  if (f.problem === "none-reached") {
    const via = f.reranker ? ` (nor any ${q(f.reranker.ref)} kept)` : "";
    return `${q(f.model.ref)}'s input holds none of the ${f.retrieved} document${f.retrieved === 1 ? "" : "s"} ${q(f.retriever.ref)} retrieved${via}: the prompt was built without its context${times}${how}`;
  }
  const top = f.dropped[0];
  const limit = f.limit ? ` and dropped by ${f.limit.key}: ${f.limit.value}` : "";
  let fate;
  if (f.reranker && top.rerankRank !== null) {
    fate = `was ranked #${top.rerankRank} by ${q(f.reranker.ref)} (${fmtScore(top.rerankScore)} vs ${fmtScore(f.topRerankScore)} for its #1)${limit}`;
  } else if (f.reranker) fate = `is not in ${q(f.reranker.ref)}'s output${f.limit ? ` (${f.limit.key}: ${f.limit.value})` : ""}`;
  else fate = "did not reach it";
  const others = f.dropped.length > 1 ? `; also dropped: ${f.dropped.slice(1, 4).map((d) => `#${d.rank} ${docLabel(d)}`).join(", ")}` : "";
  return `${q(f.model.ref)}'s prompt held ${f.reached} of ${f.retrieved} documents ${q(f.retriever.ref)} retrieved; ${q(f.retriever.ref)}'s #1 ${docLabel(top)}${top.score !== null ? ` (score ${fmtScore(top.score)})` : ""} ${fate}${others}${times}${how}`;
}
function checkRetriever(flow, r, rerankers) {
  const docs = r.docsOut;
  if (!docs?.length) return null;
  const end = endOf(r.node.span);
  const m = flow.models[firstFrom(flow.models, end)];
  if (!m?.model) return null;
  const rrCandidate = rerankers[firstFrom(rerankers, r.node.span.startMs)];
  const rr = rrCandidate && rrCandidate !== r && endOf(rrCandidate.node.span) <= m.node.span.startMs ? rrCandidate : null;
  const verdicts = docs.map((d) => docInPrompt(d, m.model.norm));
  const decided = verdicts.filter((v) => v !== null).length;
  const reached = verdicts.filter((v) => v === true).length;
  if (!decided) return null;
  const rrDocs = rr?.docsOut ?? [];
  const rrReached = rrDocs.some((d) => docInPrompt(d, m.model.norm) === true);
  let problem = null;
  if (reached === 0 && !rrReached && decided === docs.length && !m.model.toolMessages.length) problem = "none-reached";
  else if (verdicts[0] === false && reached > 0) problem = "top-dropped";
  if (!problem) return null;
  const dropped = docs.filter((_, i) => verdicts[i] === false).slice(0, 10).map((d) => {
    const inRr = rrDocs.find((x) => sameDoc(x, d));
    return { id: d.id, rank: d.rank, score: d.score, rerankRank: inRr?.rank ?? null, rerankScore: inRr?.score ?? null };
  });
  return {
    kind: "retrieval",
    problem,
    retriever: mention(flow, r),
    reranker: rr ? mention(flow, rr) : null,
    model: mention(flow, m),
    retrieved: docs.length,
    decided,
    reached,
    dropped,
    limit: rr?.limit ?? r.limit,
    count: 1,
    heuristic: true,
    topRerankScore: rrDocs[0]?.score ?? null
  };
}
function retrievalFindings(flow) {
  const rerankers = flow.retrievals.filter((r) => r.role === "reranker");
  const groups = /* @__PURE__ */ new Map();
  for (const r of flow.retrievals) {
    if (r.role !== "retriever") continue;
    const f = checkRetriever(flow, r, rerankers);
    if (!f) continue;
    const base = (m) => m ? m.ref.replace(/#\d+$/, "") : "";
    const key = [f.problem, r.node.span.name, base(f.reranker), base(f.model)].join("\0");
    const seen = groups.get(key);
    if (seen) seen.count += 1;
    else groups.set(key, f);
  }
  return [...groups.values()].slice(0, MAX_EACH).map(({ topRerankScore, ...f }) => ({ ...f, summary: retrievalSummary({ ...f, topRerankScore }) }));
}
var retrieval = defineKind({
  kind: "retrieval",
  about: "a retriever's best document (or every document) never reached the next model's prompt",
  heuristic: true,
  section: "findings",
  detect: ({ flow }) => retrievalFindings(flow),
  line: (r) => r.summary,
  spans: (r) => [r.retriever.spanId, r.reranker?.spanId, r.model.spanId],
  turnWeight: () => 2
});

// scripts/lib/analysis/findings/kinds/sequential-calls.ts
var sequentialCalls = defineKind({
  kind: "sequentialCalls",
  about: "calls of one name that ran one after another with independent inputs: time a parallel run would save",
  heuristic: true,
  section: "findings",
  shown: 3,
  measured: true,
  detect({ timing }) {
    const traceMs = timing.traceDurationMs;
    return timing.sequential.map((s) => ({ ...s, shareOfTrace: traceMs > 0 ? s.wallMs / traceMs : null }));
  },
  line(s) {
    const checked = s.pairsChecked < s.count - 1 ? ` (the first ${s.pairsChecked} pairs checked)` : "";
    return `${s.count} calls to ${s.name} under ${s.parent} ran one after another (${msRange(s.minMs, s.maxMs)} each, ${fmtMs(s.wallMs)} = ${pct(s.shareOfTrace)} of the trace), each with different inputs, and no output fed the next input${checked}: ~${fmtMs(s.savingMs)} could be saved by running them in parallel (heuristic: a text comparison of each output with the next input)`;
  },
  spans: (s) => s.spanIds,
  // Time, not correctness: shown in the turn, not ranked.
  turnWeight: () => 0
});

// scripts/lib/analysis/findings/kinds/truncation.ts
function detect2({ flow, reply }) {
  const groups = /* @__PURE__ */ new Map();
  const replyHead = reply ? normaliseText(reply.slice(0, 300)).slice(0, 80) : "";
  for (const m of flow.models) {
    const f = m.finish;
    if (!f) continue;
    const byReason = isCutReason(f.reason);
    const byCount = f.maxTokens !== null && f.outputTokens !== null && f.outputTokens === f.maxTokens.value;
    if (!byReason && !byCount) continue;
    const name = m.node.span.name;
    const seen = groups.get(name);
    if (seen) {
      seen.count += 1;
      continue;
    }
    const finalAnswer = replyHead.length >= 8 && normaliseText(m.outText).includes(replyHead);
    groups.set(name, {
      kind: "truncation",
      model: mention(flow, m),
      reason: f.reason,
      maxTokens: f.maxTokens,
      outputTokens: f.outputTokens,
      finalAnswer,
      count: 1,
      heuristic: !byReason,
      summary: ""
    });
  }
  return [...groups.values()].slice(0, MAX_EACH).map((t) => ({ ...t, summary: truncationSummary(t) }));
}
function truncationSummary(t) {
  const at = t.maxTokens ? `at ${t.maxTokens.key}=${t.maxTokens.value}` : "by its output limit";
  const evidence = [t.reason ? `finish reason ${JSON.stringify(t.reason)}` : "", t.outputTokens !== null ? `${t.outputTokens} output tokens` : ""].filter(Boolean).join(", ");
  const what = t.finalAnswer ? "the answer" : "its output";
  const times = t.count > 1 ? ` (×${t.count} calls of ${q(t.model.ref.replace(/#\d+$/, ""))})` : "";
  const tail = t.heuristic ? " — heuristic: output tokens equal the limit, no finish reason logged" : "";
  return `${q(t.model.ref)}: ${what} was cut ${at} (${evidence})${t.maxTokens ? "" : "; the request's max tokens were not logged"}${times}${tail}`;
}
var truncation = defineKind({
  kind: "truncation",
  about: "a model's output cut at its token limit (the answer, or an intermediate output)",
  heuristic: "some",
  section: "findings",
  detect: detect2,
  line: (t) => t.summary,
  spans: (t) => [t.model.spanId],
  turnWeight: () => 3
});

// scripts/lib/analysis/findings/registry.ts
var FINDING_KINDS = [
  answeredAfterFailedTool,
  truncation,
  retrieval,
  grounding,
  okDespiteFailures,
  caught,
  gaps,
  sequentialCalls,
  hugePrompts
];
function collectFindings(facts) {
  const out = {};
  for (const kind of FINDING_KINDS) {
    const items = facts.of(kind);
    out[kind.kind] = kind.json ? kind.json.of(items) : items;
  }
  return out;
}
function itemsOf(findings, kind) {
  const value = findings[kind.kind];
  const k = kind;
  return k.json ? k.json.items(value) : value;
}
function foundKinds(findings) {
  return FINDING_KINDS.map((kind) => ({ kind, items: itemsOf(findings, kind) })).filter((f) => f.items.length > 0);
}

export {
  modelHistory,
  successClaim,
  normaliseText,
  answeredAfterFailedTool,
  caught,
  okDespiteFailures,
  recordDataflow,
  collectFindings,
  itemsOf,
  foundKinds
};
