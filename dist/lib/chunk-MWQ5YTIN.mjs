import {
  flattenedSlots,
  retrievedDocs
} from "./chunk-B4YWSYFA.mjs";
import {
  isModelCall,
  messagesOf,
  replyText,
  spanExceptions,
  spanInputs,
  spanInputsUnkept,
  spanModel,
  spanOutputs,
  spanTokenUsage,
  spanType,
  storedInput,
  storedSide
} from "./chunk-2IPHA5SA.mjs";
import {
  nameRef
} from "./chunk-5R3F2B7O.mjs";
import {
  attr,
  clip,
  clipKeeping,
  durationOf,
  endOf,
  fmtInt,
  fmtMs,
  mainRoot,
  msRange,
  oneLine,
  pct,
  plural
} from "./chunk-V3PRQPWM.mjs";

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
    const scaled2 = output * k;
    const close = Number.isInteger(input) && Math.abs(scaled2) >= 10 ? Math.abs(input - scaled2) < 1 : Math.abs(input - scaled2) <= 1e-9 * Math.abs(input);
    if (close) return ` × ${k}`;
  }
  return null;
}

// scripts/lib/analysis/common/values.ts
import { strict as chrono } from "../vendor/chrono-node__en.mjs";

// scripts/lib/analysis/common/sentences.ts
var TITLES = /* @__PURE__ */ new Set(["dr", "mr", "mrs", "ms", "mx", "st", "prof", "rev", "hon", "capt", "sgt", "lt", "col", "gen"]);
var ABBREVIATIONS = /* @__PURE__ */ new Set(["no", "nr", "approx", "ca", "vs", "etc", "e.g", "i.e", "cf", "incl", "excl", "min", "max", "jr", "sr"]);
var END = /[.!?…]+["'”’)\]]*(?=\s|$)|\n/gu;
var REACH = 240;
function endAt(text, m) {
  if (m[0] === "\n") return { end: m.index, next: m.index + 1 };
  const close = m.index + m[0].length;
  let next = close;
  while (next < text.length && /\s/.test(text[next])) next++;
  const c = text[next];
  if (c === void 0 || text.slice(close, next).includes("\n")) return { end: close, next };
  const capital = new RegExp("\\p{Lu}", "u").test(c);
  const punct = m[0].replace(/["'”’)\]]+$/u, "");
  if (punct === ".") {
    const word = (/[\p{L}.]*$/u.exec(text.slice(Math.max(0, m.index - 12), m.index))?.[0] ?? "").replace(/^\.+/, "").toLowerCase();
    if (TITLES.has(word) || ABBREVIATIONS.has(word) && !capital) return null;
  }
  if ((punct.includes("..") || punct.includes("…")) && !/[!?]/.test(punct) && !capital) return null;
  return new RegExp("\\p{Ll}", "u").test(c) ? null : { end: close, next };
}
function* endsBetween(text, from, to) {
  const re = new RegExp(END.source, END.flags);
  re.lastIndex = from;
  for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) {
    const e = endAt(text, m);
    if (!e) continue;
    yield e;
    re.lastIndex = Math.max(re.lastIndex, e.next);
  }
}
function sentenceStart(text, index, reach = REACH) {
  const from = Math.max(0, index - reach);
  let start = from;
  for (const e of endsBetween(text, from, index)) if (e.next <= index) start = e.next;
  return start;
}
function sentenceBounds(text, index, reach = REACH) {
  const start = sentenceStart(text, index, reach);
  const limit = Math.min(text.length, index + reach);
  for (const e of endsBetween(text, index, limit)) return { start, end: Math.min(e.end, limit), next: e.next };
  return { start, end: limit, next: limit };
}
function sentenceAt(text, index) {
  const { start, end } = sentenceBounds(text, index, 80);
  return text.slice(start, end).trim();
}
function sentencesOf(text) {
  const out = [];
  let start = 0;
  for (const e of endsBetween(text, 0, text.length)) {
    out.push(text.slice(start, e.end).trim());
    start = e.next;
  }
  out.push(text.slice(start).trim());
  return out.filter((s) => s !== "");
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
var TIME = String.raw`\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?`;
var DATE_PARTS = new RegExp(
  [
    String.raw`\b\d{4}-\d{2}(?:-\d{2}(?:[T ]${TIME}(?:Z|[+-]\d{2}:?\d{2})?)?)?(?![\d-])`,
    String.raw`\b\d{1,2}([./-])\d{1,2}\1(?:19|20)\d{2}\b`,
    String.raw`\b\d{4}/\d{1,2}/\d{1,2}\b`,
    String.raw`\b(?:0[1-9]|1[0-2])[./](?:19|20)\d{2}\b(?![.,]\d)`,
    String.raw`\b${TIME}\b`
  ].join("|"),
  "g"
);
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
  for (const m of text.matchAll(DATE_PARTS)) if (!overlaps(m.index, m.index + m[0].length)) taken.push([m.index, m.index + m[0].length]);
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

// scripts/lib/analysis/common/values.ts
var ID_RE2 = /(?<![\w-])([A-Z][A-Z0-9]{0,7}(?:[-_][A-Z0-9]+)*[-_]\d{3,}[A-Z0-9]*)(?![\w-])/g;
var PHONE_RE = /(?<![\w+])\+\d{1,3}(?:[ .-]?\d){6,13}(?![\w])/g;
var EMAIL_RE = /(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?![\w-])/g;
var CODES = "USD|EUR|GBP|CHF|JPY|CAD|AUD|SEK|NOK|DKK";
var CURRENCY = `[$€£¥₹]|(?:${CODES})\\s?`;
var CODE_AFTER = new RegExp(`^[\\s\\u00a0]*(${CODES}|euros?|dollars?|pounds?)\\b`, "i");
var NUM2 = "\\d{1,3}(?:[,.]\\d{3})+(?:[.,]\\d+)?|\\d+(?:[.,]\\d+)?";
var QTY_RE = new RegExp(`(?<![\\p{L}\\d.,:/_-])(${CURRENCY})?(${NUM2})(\\s?(?:k|K|m|M|bn)\\b)?(?![\\d/-]|:\\d|[.,]\\d|\\p{L})`, "gu");
var WORD_AFTER = /^[ \t\u00a0]*(%|[\p{L}][\p{L}'-]*)/u;
var STOP = new Set(
  [
    "a an the of to in on at by for from with and or but per each every is are was were be been",
    "it its this that than as up into within over under about around"
  ].join(" ").split(" ")
);
var APPROX = /\b(about|around|roughly|approximately|approx|nearly|almost|over|under|up to|at least|at most|more than|less than|fewer than|some|~)\s*$/i;
var NEGATED = /\b(not|no|never|instead of|rather than|n't|isn't|aren't|wasn't)\b/i;
var YEAR = /^(19|20)\d\d$/;
var singular = (w) => w.length > 3 && /[^s]s$/.test(w) ? w.slice(0, -1) : w;
function nounAfter(text, end) {
  const words = [];
  let at = end;
  for (let i = 0; i < 2; i++) {
    const m = WORD_AFTER.exec(text.slice(at, at + 40));
    if (!m) break;
    const w = m[1].toLowerCase();
    if (w === "%") return { noun: "%", end: at + m[0].length };
    if (STOP.has(w)) break;
    words.push(w);
    at += m[0].length;
  }
  return words.length ? { noun: words.map(singular).join(" "), end: at } : null;
}
function wordsBefore(text, index, n = 3) {
  return (text.slice(Math.max(0, index - 60), index).toLowerCase().match(/[\p{L}']+/gu) ?? []).slice(-n);
}
function wordBefore(text, index) {
  const ws = wordsBefore(text, index, 4).filter((w) => !STOP.has(w));
  return ws.at(-1) ?? null;
}
var pad = (n) => String(n).padStart(2, "0");
var RELATIVE = /\b(ago|next|last|this|tomorrow|today|tonight|yesterday|in \d+|within|after|before|from now|for|days?|weeks?|months?|years?|hours?|minutes?)\b/i;
function dateKey(c) {
  const md = `${pad(c.get("month") ?? 0)}-${pad(c.get("day") ?? 0)}`;
  return c.isCertain("year") ? `${c.get("year")}-${md}` : md;
}
var timeKey = (c) => `${pad(c.get("hour") ?? 0)}:${pad(c.get("minute") ?? 0)}`;
function datesAndTimes(text, out) {
  let results;
  try {
    results = chrono.parse(text, new Date(Date.UTC(2e3, 0, 1)));
  } catch {
    return;
  }
  for (const r of results.slice(0, 200)) {
    if (RELATIVE.test(r.text)) continue;
    const s = r.start;
    const base = {
      text: r.text,
      phrase: r.text,
      numbers: [],
      bound: wordBefore(text, r.index),
      before: wordsBefore(text, r.index).join(" "),
      approximate: false,
      negated: false,
      index: r.index
    };
    const e = r.end;
    if (s.isCertain("month") && s.isCertain("day")) {
      const end = e?.isCertain("day") ? { end: dateKey(e) } : {};
      out.push({ ...base, kind: "date", key: dateKey(s), ...end });
    }
    if (s.isCertain("hour")) {
      const end = e?.isCertain("hour") ? { end: timeKey(e) } : {};
      out.push({ ...base, kind: "time", key: timeKey(s), ...end });
    }
  }
}
var SCAN_MAX2 = 2e4;
var phoneKey = (written) => written.replace(/\D/g, "");
function locateKey(text, key) {
  const i = text.toUpperCase().indexOf(key);
  if (i >= 0) return { index: i, written: text.slice(i, i + key.length) };
  if (/^\d+$/.test(key) && text.includes("+")) {
    for (const m of text.matchAll(PHONE_RE)) if (phoneKey(m[0]) === key) return { index: m.index, written: m[0] };
  }
  return null;
}
function extractValues(input, { dates = true } = {}) {
  const text = input.slice(0, SCAN_MAX2);
  const out = [];
  const taken = [];
  const free = (a, b) => !taken.some(([x, y]) => a < y && b > x);
  for (const m of text.matchAll(EMAIL_RE)) {
    taken.push([m.index, m.index + m[0].length]);
    out.push(plain("email", m[0], m[0].toLowerCase(), text, m.index));
  }
  for (const m of text.matchAll(PHONE_RE)) {
    if (!free(m.index, m.index + m[0].length)) continue;
    taken.push([m.index, m.index + m[0].length]);
    out.push(plain("id", m[0], phoneKey(m[0]), text, m.index));
  }
  for (const m of text.matchAll(ID_RE2)) {
    if (!free(m.index, m.index + m[0].length)) continue;
    taken.push([m.index, m.index + m[0].length]);
    out.push(plain("id", m[0], m[0].toUpperCase(), text, m.index));
  }
  if (dates) {
    const found = [];
    datesAndTimes(text, found);
    for (const v of found) {
      if (!free(v.index, v.index + v.text.length)) continue;
      out.push(v);
    }
    for (const v of found) taken.push([v.index, v.index + v.text.length]);
  }
  for (const m of text.matchAll(QTY_RE)) {
    const end = m.index + m[0].length;
    if (!free(m.index, end)) continue;
    const raw = m[2];
    if (!m[1] && YEAR.test(raw)) continue;
    let numbers = numberReadings(raw);
    const scale = m[3]?.trim();
    if (scale) numbers = [...numbers, ...numbers.map((v) => v * (/^k$/i.test(scale) ? 1e3 : /^m$/i.test(scale) ? 1e6 : 1e9))];
    const code = m[1] ? null : CODE_AFTER.exec(text.slice(end, end + 12));
    const after = nounAfter(text, code ? end + code[0].length : end);
    const noun = after?.noun ?? null;
    const currency = currencyCode(m[1] ?? code?.[1]);
    const bound = currency ? noun ? `${currency} ${noun}` : currency : noun;
    const prefix = text.slice(Math.max(0, m.index - 30), m.index);
    out.push({
      kind: "quantity",
      text: m[0].trim(),
      phrase: text.slice(m.index, after?.end ?? (code ? end + code[0].length : end)).trim(),
      key: raw,
      numbers,
      bound,
      before: wordsBefore(text, m.index).join(" "),
      approximate: APPROX.test(prefix),
      negated: NEGATED.test(text.slice(sentenceStart(text, m.index, 80), m.index)),
      index: m.index
    });
  }
  return out.sort((a, b) => a.index - b.index);
}
function currencyCode(written) {
  const c = written?.trim().toUpperCase();
  if (!c) return void 0;
  if (c === "$" || c.startsWith("DOLLAR")) return "USD";
  if (c === "€" || c.startsWith("EURO")) return "EUR";
  if (c === "£" || c.startsWith("POUND")) return "GBP";
  return c;
}
function plain(kind, written, key, text, index) {
  return {
    kind,
    text: written,
    phrase: written,
    key,
    numbers: [],
    bound: null,
    before: wordsBefore(text, index).join(" "),
    approximate: false,
    negated: false,
    index
  };
}
var currencyOnly = (v) => v.kind === "quantity" && v.bound !== null && !v.bound.includes(" ") && /^[A-Z]{3}$/.test(v.bound);
function within(a, b) {
  const short = (k) => a.kind === "date" ? k.slice(-5) : k;
  const [x, lo, hi] = [short(a.key), short(b.key), short(b.end ?? b.key)];
  return lo <= hi ? x >= lo && x <= hi : x === lo || x === hi;
}
function editDistance(a, b, max = 2) {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    let rowMin = Number.POSITIVE_INFINITY;
    const row = d[i];
    const prev = d[i - 1];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2][j - 2] + 1);
      row[j] = v;
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
  }
  return d[a.length][b.length];
}
function howDiffers(wrongAsWritten, rightAsWritten) {
  const wrong = wrongAsWritten.toUpperCase();
  const right = rightAsWritten.toUpperCase();
  if (wrong.length === right.length) {
    const diff = [...wrong].map((c, i) => c === right[i] ? -1 : i).filter((i) => i >= 0);
    if (diff.length === 2 && diff[1] === diff[0] + 1 && wrong[diff[0]] === right[diff[1]]) {
      return /\d/.test(wrong[diff[0]] ?? "") ? "two digits swapped" : "two characters swapped";
    }
    if (diff.length === 1) return /\d/.test(right[diff[0]] ?? "") ? "one digit changed" : "one character changed";
    if (diff.length === 2) return "two characters changed";
  }
  if (wrong.length === right.length - 1) return "one character missing";
  if (wrong.length === right.length + 1) return "one character added";
  return "a near spelling";
}

// scripts/lib/analysis/common/tool-verbs.ts
var READS = new Set(
  "get list search lookup look find check fetch read show query describe retrieve view count calculate compute estimate quote verify validate status info details summary history balance usage lookup retriever rerank rank score classify extract parse translate summarize summarise".split(" ")
);
var WRITES = new Set(
  "add set update change cancel book create delete remove move modify extend renew pay refund transfer send submit open close reset apply upgrade downgrade activate deactivate assign reserve schedule reschedule edit write post put patch insert save register enroll subscribe unsubscribe terminate port swap replace charge credit debit issue block unblock suspend resume approve reject confirm void rebook top".split(" ")
);
function nameWords(name) {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}
function readsOnly(name) {
  const words = nameWords(name);
  return words.some((w) => READS.has(w)) && !words.some((w) => WRITES.has(w));
}

// scripts/lib/analysis/trace/json-fields.ts
var isObj = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
var str = (v) => typeof v === "string" && v.trim() ? v : typeof v === "number" ? String(v) : null;
var num = (v) => {
  const n = typeof v === "string" && v.trim() ? Number(v) : v;
  return typeof n === "number" && Number.isFinite(n) ? n : null;
};

// scripts/lib/analysis/trace/flow-docs.ts
var MIN_DOC_TEXT = 24;
var WINDOW = 40;
var MAX_DOCS = 200;
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
  const slots = flattenedSlots(span, prefix);
  if (!slots) return null;
  return slots.slice(0, MAX_DOCS).map((s, i) => docFrom({ id: s.id, content: s.content, score: s.score }, i + 1)).filter((d) => d !== null);
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

// scripts/lib/analysis/trace/model-finish.ts
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

// scripts/lib/analysis/trace/model-input.ts
var TEXT_CAP = 2e4;
var PROMPT_CAP = 4e5;
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

// scripts/lib/analysis/trace/dataflow.ts
var TEXT_CAP2 = 2e4;
function roleOf(node) {
  if (isModelCall(node)) return "model";
  const span = node.span;
  const t = spanType(span) ?? "";
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
var dataflowPasses = { count: 0 };
function recordDataflow(tree) {
  dataflowPasses.count++;
  const records = [];
  const byNode = /* @__PURE__ */ new Map();
  for (const node of tree.nodes) {
    const span = node.span;
    const role = roleOf(node);
    const decode = role !== "other" && role !== "tool" || /rerank/i.test(span.name);
    const inLoc = decode ? spanInputs(span) : storedSide(span, "in");
    const outLoc = decode ? spanOutputs(span) : storedSide(span, "out");
    const rec = {
      node,
      role,
      docsOut: null,
      limit: null,
      model: null,
      finish: null,
      inText: sideText(span, inLoc, TEXT_CAP2),
      outText: sideText(span, outLoc, TEXT_CAP2),
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
    ref: (node) => nameRef(tree, node)
  };
}

// scripts/lib/analysis/trace/tool-output.ts
var SOURCE_CAP = 2e4;
var HAS_PROSE = /"[^"\\:]*\s[^"\\]*"\s*[,}\]]/;
function readable(value, raw) {
  if (!value || typeof value !== "object") return raw;
  const lines = argumentLeaves(value, 2e3).map((l) => /\s/.test(l.value) ? l.value : `${l.key}: ${l.value}`);
  const text = lines.join("\n");
  return text.length <= SOURCE_CAP ? text : raw;
}
function toolOutputText(rec) {
  return HAS_PROSE.test(rec.outText) ? readable(spanOutputs(rec.node.span)?.value, rec.outText) : rec.outText;
}
function toolRecords(flow) {
  return flow.records.filter((r) => r.role === "tool").sort((a, b) => a.node.span.startMs - b.node.span.startMs).map((r) => ({ tool: r.node.span.name, text: toolOutputText(r).slice(0, SOURCE_CAP) }));
}
function argumentLeaves(args, max = 200, scalars = false) {
  const out = [];
  const walk = (v, key, depth) => {
    if (out.length >= max || depth > 6) return;
    if (typeof v === "string") out.push({ key, value: v.slice(0, 2e3) });
    else if (typeof v === "number" || scalars && (v === null || typeof v === "boolean")) out.push({ key, value: String(v) });
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${key}[${i}]`, depth + 1));
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, key ? `${key}.${k}` : k, depth + 1);
  };
  walk(args, "", 0);
  return out;
}

// scripts/lib/analysis/trace/source-list.ts
var MAX_SOURCES = 6e3;
var MAX_TOTAL_CHARS = 4e6;
var SourceList = class {
  sources = [];
  seen = /* @__PURE__ */ new Set();
  total = 0;
  /** Checked before anything is built: 30,000 tool outputs that say the same are one source and 29,999 cheap refusals. */
  add(kind, node, fullText, atMs, extra) {
    const text = fullText.length > SOURCE_CAP ? fullText.slice(0, SOURCE_CAP) : fullText;
    if (this.sources.length >= MAX_SOURCES || this.total > MAX_TOTAL_CHARS || !text.trim()) return;
    const key = `${kind}\0${extra?.docId ?? ""}\0${text.length > 200 ? text.slice(0, 100) + text.slice(-100) + text.length : text}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.total += text.length;
    this.sources.push({
      node,
      docId: extra?.docId ?? null,
      rank: extra?.rank ?? null,
      score: extra?.score ?? null,
      kind,
      text,
      atMs,
      ...extra?.turn ? { turn: extra.turn } : {}
    });
  }
};
var Call = class {
  constructor(node, rec) {
    this.node = node;
    this.tool = node.span.name;
    this.argsText = rec.inText;
    this.resultText = rec.outText;
    this.startMs = node.span.startMs;
    this.endMs = endOf(node.span);
  }
  tool;
  argsText;
  resultText;
  startMs;
  endMs;
  args() {
    return spanInputs(this.node.span)?.value;
  }
  result() {
    return spanOutputs(this.node.span)?.value;
  }
};
var MESSAGE_KIND = /* @__PURE__ */ new Map([
  ["user", "user"],
  ["system", "system"],
  ["tool", "tool-output"],
  ["assistant", "model-output"]
]);
function addSpan(rec, list, calls) {
  const node = rec.node;
  const span = node.span;
  if (rec.role === "model") {
    const msgs = messagesOf(spanInputs(span)?.value);
    for (const m of msgs ?? []) list.add(MESSAGE_KIND.get(m.role) ?? "other", node, m.text, span.startMs);
    if (!msgs) list.add("other", node, rec.inText, span.startMs);
    const out = replyText(spanOutputs(span)?.value);
    if (out && !out.text.startsWith("[tool call")) list.add("model-output", node, out.text, endOf(span));
    return;
  }
  if (rec.role === "retriever" || rec.role === "reranker") {
    const docs = retrievedDocs(span) ?? [];
    docs.forEach((d, i) => list.add("document", node, d.text, endOf(span), { docId: d.id, rank: i + 1, score: d.score }));
    if (!docs.length) list.add("document", node, rec.outText, endOf(span));
    return;
  }
  if (rec.role === "tool") {
    calls.push(new Call(node, rec));
    list.add("tool-output", node, toolOutputText(rec), endOf(span));
    return;
  }
  list.add(node.parent ? "other" : "user", node, rec.inText, span.startMs);
  if (!rec.carriesAnswer) list.add("other", node, rec.outText, endOf(span));
}

// scripts/lib/analysis/trace/provenance.ts
var TOKEN_RE = /[A-Za-z0-9][\w.@+-]*[A-Za-z0-9]|\d/g;
var PER_TOKEN = 6;
function indexText(index, text, at) {
  const add = (key) => {
    const list = index.get(key);
    if (!list) index.set(key, [at]);
    else if (list.length < PER_TOKEN && list.at(-1) !== at) list.push(at);
  };
  for (const m of text.matchAll(TOKEN_RE)) if (/[\d@]/.test(m[0])) add(m[0].toUpperCase());
  if (text.includes("+")) for (const m of text.matchAll(PHONE_RE)) add(phoneKey(m[0]));
}
function addTurnSources(tree, earlier, list, current) {
  const root = tree.roots[0];
  if (!root) return;
  const before = Number.NEGATIVE_INFINITY;
  const changed = changedAfter(earlier, current);
  for (const t of earlier) {
    const turn = { n: t.n, traceId: t.traceId };
    if (t.user) list.add("user", root, t.user, before, { turn });
    if (t.reply) list.add("model-output", root, t.reply, before, { turn });
    (t.tools ?? []).forEach((r, j) => list.add("tool-output", root, r.text, before, { turn: { ...turn, tool: r.tool, changedSince: changed(t, j) } }));
  }
}
function changedAfter(earlier, current) {
  const writes = (tools) => tools.some((x) => !readsOnly(x.tool));
  const now = writes(current);
  return (t, j) => now || writes((t.tools ?? []).slice(j + 1)) || earlier.some((u) => u.n > t.n && writes(u.tools ?? []));
}
var isTurnRecord = (s) => s.kind === "tool-output" && !!s.turn?.tool && !s.turn.changedSince;
var sourceLists = /* @__PURE__ */ new WeakMap();
function addEarlierTurns(p, tree, earlier) {
  const list = sourceLists.get(p);
  if (!list || !earlier.length) return;
  const from = list.sources.length;
  addTurnSources(tree, earlier, list, p.calls);
  for (let i = from; i < list.sources.length; i++) indexText(p.index, list.sources[i].text, i);
}
function tokensBetween(models, fromMs, toMs) {
  let sum = 0;
  let any = false;
  for (const m of models) {
    if (m.node.span.startMs < fromMs || m.node.span.startMs > toMs) continue;
    const u = spanTokenUsage(m.node.span);
    if (u?.total != null) {
      sum += u.total;
      any = true;
    }
  }
  return any ? sum : null;
}
var provenancePasses = { count: 0 };
function traceProvenance(tree, flow = recordDataflow(tree), reply = null, earlier = []) {
  provenancePasses.count++;
  const list = new SourceList();
  const calls = [];
  const byStart = [...flow.records].sort((a, b) => a.node.span.startMs - b.node.span.startMs);
  for (const rec of byStart) addSpan(rec, list, calls);
  const sources = list.sources;
  const index = /* @__PURE__ */ new Map();
  for (let i = 0; i < sources.length; i++) indexText(index, sources[i].text, i);
  const root = tree.roots[0];
  const replyText_ = reply ?? (root ? replyText(spanOutputs(root.span)?.value)?.text ?? null : null);
  const models = flow.models;
  const p = {
    flow,
    sources,
    calls,
    reply: replyText_ ? { text: replyText_, atMs: root ? endOf(root.span) : Number.POSITIVE_INFINITY } : null,
    index,
    ref: flow.ref,
    reachedModel: (text, afterMs) => {
      const needle = normaliseText(text.slice(0, 400)).slice(0, 120);
      if (needle.length < 8) return null;
      return models.find((m) => m.node.span.startMs >= afterMs && (m.model?.norm.includes(needle) ?? false)) ?? null;
    },
    tokensBetween: (fromMs, toMs) => tokensBetween(models, fromMs, toMs)
  };
  sourceLists.set(p, list);
  addEarlierTurns(p, tree, earlier);
  return p;
}
function decidedAt(p, atMs) {
  let t = atMs;
  for (const m of p.flow.models) {
    const s = m.node.span.startMs;
    if (s <= atMs) t = s;
  }
  return t;
}
function sourcesHolding(p, token, beforeMs) {
  return (p.index.get(token.toUpperCase()) ?? []).map((i) => p.sources[i]).filter((s) => s.atMs <= beforeMs);
}
function nearestTokens(p, token, beforeMs, kinds) {
  const want = token.toUpperCase();
  const shape = (t) => t.replace(/\d/g, "9").replace(/[A-Z]/g, "A");
  const out = [];
  let scanned = 0;
  for (const [t, at] of p.index) {
    if (++scanned > 2e5) break;
    if (t === want || Math.abs(t.length - want.length) > 1) continue;
    if (t.length === want.length && shape(t) !== shape(want)) continue;
    const d = editDistance(want, t, 2);
    if (d > 2) continue;
    const src = at.map((i) => p.sources[i]).find((s) => s.atMs <= beforeMs && kinds.includes(s.kind));
    if (src) out.push({ token: t, source: src, distance: d });
  }
  const fromEarlier = (c) => c.source.turn ? 1 : 0;
  return out.sort((a, b) => a.distance - b.distance || kindOrder(a.source.kind) - kindOrder(b.source.kind) || fromEarlier(a) - fromEarlier(b));
}
var ORDER = ["user", "system", "document", "tool-output", "model-output", "other"];
var kindOrder = (k) => ORDER.indexOf(k);
var valueCache = /* @__PURE__ */ new WeakMap();
function valuesOnce(key, text) {
  let v = valueCache.get(key);
  if (!v) valueCache.set(key, v = extractValues(text));
  return v;
}
var sourceValues = (s) => valuesOnce(s, s.text);
var replyValues = (p) => p.reply ? valuesOnce(p.reply, p.reply.text) : [];

// scripts/lib/analysis/common/number-relations.ts
var NOT_AMOUNTS = /* @__PURE__ */ new Set(["id", "email", "date", "time"]);
var ID_LIKE = /[\p{L}\d]+(?:[-_][\p{L}\d]+)*/gu;
var idLike = (t) => new RegExp("\\p{L}", "u").test(t) && /\d/.test(t) && ((t.match(/\d/g)?.length ?? 0) >= 3 || t.length >= 8);
function operandNumbers(text, values = extractValues(text), cap = 2e3) {
  const cuts = values.filter((v) => NOT_AMOUNTS.has(v.kind)).map((v) => [v.index, v.index + v.text.length]);
  for (const m of text.matchAll(ID_LIKE)) if (idLike(m[0])) cuts.push([m.index, m.index + m[0].length]);
  if (!cuts.length) return numbersIn(text, cap);
  let out = "";
  let at = 0;
  for (const [a, b] of cuts.sort((x, y) => x[0] - y[0])) {
    if (b <= at) continue;
    out += `${text.slice(at, Math.max(at, a))} `;
    at = b;
  }
  return numbersIn(out + text.slice(at), cap);
}
function derived(values, sources) {
  return derivation(values, sources) !== null;
}
function derivation(values, sources) {
  const nums = [...sources].slice(0, 150);
  for (const v of values)
    for (const [i, a] of nums.entries())
      for (const [j, b] of nums.entries()) {
        if (Math.abs(a * b - v) < 1e-9) return `${a} × ${b}`;
        if (i !== j && Math.abs(a + b - v) < 1e-9) return `${a} + ${b}`;
        if (i !== j && Math.abs(a - b - v) < 1e-9) return `${a} − ${b}`;
      }
  return null;
}
function rounded(reply, source) {
  const digits = (n) => String(n).replace(/0+$/, "").replace(".", "").length;
  return reply.some((r) => source.some((s) => s !== 0 && Math.abs(r - s) / Math.abs(s) <= 0.05 && digits(r) < digits(s)));
}

// scripts/lib/analysis/common/relative-days.ts
var RELATIVE_DAYS = [
  [/\bthe day after tomorrow\b/i, 2],
  [/\bthe day before yesterday\b/i, -2],
  [/\b(?<!after )tomorrow\b/i, 1],
  [/\b(?<!before )yesterday\b/i, -1],
  [/\b(today|tonight|this (morning|afternoon|evening))\b/i, 0]
];
function relativeDays(text) {
  const out = [];
  for (const [re, days] of RELATIVE_DAYS) {
    const m = re.exec(text);
    if (m) out.push({ phrase: m[0], days, index: m.index });
  }
  return out;
}
var isToday = (v) => v.kind === "date" && /^\d{4}-/.test(v.key) && v.before.split(" ").some((w) => w === "today" || w === "today's");
function addDays(key, days) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days));
  return d.toISOString().slice(0, 10);
}

// scripts/lib/analysis/trace/value-evidence.ts
var MAX_SOURCES2 = 2;
var MAX_CANDIDATES = 2;
function passageOf(p, s, at) {
  const inPrompt = s.kind !== "document" && s.atMs === s.node.span.startMs && p.flow.models.some((m) => m.node === s.node);
  const passage = sentenceAt(s.text, Math.max(0, at));
  const turn = s.turn ? { n: s.turn.n, traceId: s.turn.traceId, ...s.turn.tool ? { tool: s.turn.tool } : {} } : null;
  return { kind: s.kind, spanId: s.node.span.id, ref: p.ref(s.node), docId: s.docId, rank: s.rank, score: s.score, passage, inPrompt, turn };
}
var jsonish = (s) => Number(/^\s*[[{]/.test(s.text));
var rankSource = (a, b) => kindOrder(a.kind) - kindOrder(b.kind) || Number(!!a.turn) - Number(!!b.turn) || jsonish(a) - jsonish(b);
var byKind = (a, b) => rankSource(a.s, b.s);
var numberCache = /* @__PURE__ */ new WeakMap();
function numbersOf(s) {
  let n = numberCache.get(s);
  if (!n) numberCache.set(s, n = new Set(numbersIn(s.text, 2e3)));
  return n;
}
var operandCache = /* @__PURE__ */ new WeakMap();
function sourceOperands(s) {
  let n = operandCache.get(s);
  if (!n) operandCache.set(s, n = operandNumbers(s.text, sourceValues(s)));
  return n;
}
var WORDS = "zero one two three four five six seven eight nine ten eleven twelve".split(" ");
function valueEvidence(p, v, given, cutoff, boundTo = v.bound) {
  const base = { text: v.text, kind: v.kind, boundTo, other: null, candidates: [], note: null };
  if (v.kind === "id" || v.kind === "email") return tokenEvidence(p, v, cutoff, base);
  const matches = given.flatMap((s) => sourceValues(s).map((w) => ({ s, w })));
  const held = matches.filter(({ w }) => w.kind === v.kind && agrees(v, w)).sort((a, b) => Number(b.w.bound === v.bound) - Number(a.w.bound === v.bound) || byKind(a, b));
  const fromToday = v.kind === "date" && !held.some(({ s }) => !s.turn) ? dayWorkedOut(p, v, given) : null;
  if (fromToday) return { ...base, ...fromToday };
  if (held.length)
    return {
      ...base,
      // Held by earlier turns only: the conversation has it, but none of this trace's model calls was given it.
      note: held.every(({ s }) => s.turn) ? "an earlier turn holds it; this trace's model input does not" : null,
      verdict: "same",
      sources: distinct(
        p,
        held.map(({ s, w }) => [s, w.index])
      )
    };
  const ordered = given.filter((s) => !s.turn || isTurnRecord(s)).sort(rankSource);
  if (v.kind === "quantity") {
    const found = numberHeld(p, v, ordered);
    if (found) return { ...base, ...found };
  }
  const other = v.bound && !currencyOnly(v) ? matches.find(({ s, w }) => (!s.turn || isTurnRecord(s)) && w.kind === v.kind && w.bound === v.bound && !w.approximate && !w.negated) : void 0;
  if (other && v.kind === "quantity" && rounded(v.numbers, other.w.numbers))
    return { ...base, verdict: "same", sources: [passageOf(p, other.s, other.w.index)], note: "rounded" };
  const worked = v.kind === "quantity" && workedOut(v, ordered);
  if (other) {
    const note = worked ? "or worked out from the sources' numbers" : null;
    const otherText = other.w.kind === "quantity" ? other.w.phrase : other.w.text;
    return { ...base, verdict: "different", sources: [passageOf(p, other.s, other.w.index)], other: otherText, note };
  }
  if (worked)
    return {
      ...base,
      verdict: "same",
      sources: [],
      note: `worked out: ${worked} from the sources' numbers (a heuristic: among many numbers a sum can be chance)`
    };
  const near = v.kind === "quantity" ? ordered.find((s) => rounded(v.numbers, [...numbersOf(s)].slice(0, 500))) : void 0;
  if (near) return { ...base, verdict: "same", sources: [passageOf(p, near, 0)], note: "rounded" };
  return { ...base, verdict: "nowhere", sources: [], candidates: nearValues(p, v, matches) };
}
function dayWorkedOut(p, v, given) {
  const own = given.filter((s) => !s.turn);
  const today = own.flatMap(
    (s) => sourceValues(s).filter(isToday).map((w) => ({ s, w }))
  )[0];
  if (!today) return null;
  for (const s of own.filter((x) => x.kind === "user")) {
    const r = relativeDays(s.text).find((d) => addDays(today.w.key, d.days) === v.key);
    if (!r) continue;
    const sources = [passageOf(p, s, r.index), passageOf(p, today.s, today.w.index)];
    return { verdict: "same", sources, note: `worked out: "${r.phrase}" counted from today, ${today.w.text}` };
  }
  return null;
}
function distinct(p, list) {
  const out = [];
  for (const [s, at] of list) {
    const passage = passageOf(p, s, at);
    const norm = normaliseText(passage.passage);
    if (out.some((o) => normaliseText(o.passage).includes(norm) || norm.includes(normaliseText(o.passage)))) continue;
    out.push(passage);
    if (out.length >= MAX_SOURCES2) break;
  }
  return out;
}
function numberHeld(p, v, ordered) {
  const bare = ordered.find((s) => v.numbers.some((n) => numbersOf(s).has(n)));
  if (bare) return { verdict: "same", sources: [passageOf(p, bare, bare.text.indexOf(v.key))], note: "the number alone" };
  const word = v.numbers.length === 1 ? WORDS[v.numbers[0]] : void 0;
  if (!word) return null;
  const re = new RegExp(`\\b${word}\\b`, "i");
  const said = ordered.find((s) => re.test(s.text));
  return said ? { verdict: "same", sources: [passageOf(p, said, said.text.search(re))], note: "as a word" } : null;
}
var workedOut = (v, ordered) => derivation(v.numbers, new Set(ordered.slice(0, 200).flatMap((s) => sourceOperands(s).slice(0, 100))));
function tokenEvidence(p, v, cutoff, base) {
  const holders = sourcesHolding(p, v.key, cutoff).sort(rankSource);
  const at = (s, token) => locateKey(s.text, token)?.index ?? -1;
  if (holders.length)
    return {
      ...base,
      verdict: "same",
      sources: distinct(
        p,
        holders.map((s) => [s, at(s, v.key)])
      )
    };
  const near = nearestTokens(p, v.key, cutoff, ["user", "system", "document", "tool-output", "model-output"]).slice(0, MAX_CANDIDATES);
  const candidates = near.map((c) => {
    const found = locateKey(c.source.text, c.token);
    return { text: found?.written ?? c.token, how: howDiffers(v.key, c.token), source: passageOf(p, c.source, found?.index ?? -1) };
  });
  return { ...base, verdict: "nowhere", sources: [], candidates };
}
function agrees(a, b) {
  if (a.kind === "quantity") return a.numbers.some((n) => b.numbers.includes(n));
  return a.key === b.key || a.kind === "date" && (a.key.endsWith(b.key) || b.key.endsWith(a.key)) || within(a, b);
}
var SCALES2 = [10, 100, 1e3, 60];
function nearValues(p, v, matches) {
  const out = [];
  const seen = /* @__PURE__ */ new Set();
  for (const { s, w } of [...matches].sort(byKind)) {
    if (out.length >= MAX_CANDIDATES) break;
    if (w.kind !== v.kind || seen.has(w.key)) continue;
    const how = slip(v, w);
    if (!how) continue;
    seen.add(w.key);
    out.push({ text: w.kind === "quantity" ? w.phrase : w.text, how, source: passageOf(p, s, w.index) });
  }
  return out;
}
function slip(v, w) {
  const digits = (x) => x.key.replace(/\D/g, "");
  const [a, b] = [digits(v), digits(w)];
  if (a.length >= 2 && a.length === b.length && a !== b) {
    const how = howDiffers(a, b);
    if (how === "two digits swapped" || how === "one digit changed") return how;
  }
  if (v.kind !== "quantity") return null;
  for (const n of v.numbers)
    for (const m of w.numbers)
      for (const f of SCALES2) if (n !== 0 && (Math.abs(n * f - m) < 1e-9 || Math.abs(m * f - n) < 1e-9)) return `another scale (×${f})`;
  return null;
}
function nameEvidence(p, name, given, boundTo) {
  const needle = normaliseText(name);
  const base = { text: name, kind: "name", boundTo, other: null, candidates: [], note: null };
  if (!needle) return { ...base, verdict: "nowhere", sources: [] };
  const held = given.map((s) => ({ s, at: ` ${normaliseText(s.text)} `.indexOf(` ${needle} `) })).filter((h) => h.at >= 0).sort(byKind);
  if (!held.length) return { ...base, verdict: "nowhere", sources: [] };
  const sources = distinct(
    p,
    held.map(({ s }) => [s, Math.max(0, s.text.toLowerCase().indexOf(name.toLowerCase().slice(0, 20)))])
  );
  return { ...base, verdict: "same", sources };
}

// scripts/lib/analysis/findings/invented-arguments.ts
var CURRENT_KEY = /(^|[._])(current|existing|previous|prev|old|original|actual|present)_[a-z]/i;
var OWN_KEY = /(^|_)(page|offset|limit|step|index|iteration|attempt|retry|retries|count|top_k|k|max|min|timeout)(_|$)/i;
var NAMED = [
  "experiment|project|workspace|repo|repository|dataset|table|database",
  "collection|bucket|index_name|app|application|service|environment|team|org|organization"
].join("|");
var NAME_KEY = new RegExp(`(^|[._])(${NAMED})(_name)?$|(^|[._])(experiment|project|dataset|app|service|workspace)_?name$`, "i");
var SLUG = new RegExp("^[\\p{L}\\p{N}]+(?:[-_.][\\p{L}\\p{N}]+)+$|^\\p{Ll}[\\p{Ll}\\p{N}]{2,}$", "u");
var CREATOR = /^(create|new|add|make|generate|register|init|start|open|clone|fork|copy|rename)(_|[A-Z]|$)/;
var WORDS2 = "zero one two three four five six seven eight nine ten eleven twelve".split(" ");
function inventedArguments(p, call) {
  if (CREATOR.test(call.tool)) return [];
  const candidates = argumentLeaves(call.args(), 50).filter((l) => isClaimedNumber(l.key, l.value) || isClaimedName(l.key, l.value));
  if (!candidates.length) return [];
  const cutoff = decidedAt(p, call.startMs);
  const given = p.sources.filter((s) => s.atMs <= cutoff && s.kind !== "other").slice(0, 400);
  if (!given.length) return [];
  const out = [];
  for (const l of candidates) {
    if (isClaimedNumber(l.key, l.value)) {
      if (!numberHeld2(l.value, given)) out.push({ key: l.key, value: l.value, kind: "number" });
    } else if (!nameHeld(l.value, given)) out.push({ key: l.key, value: l.value, kind: "name" });
  }
  return out;
}
var leafName = (key) => key.split(".").at(-1)?.replace(/\[\d+\]$/, "") ?? key;
function isClaimedNumber(key, value) {
  const k = leafName(key);
  return /^-?\d+(\.\d+)?$/.test(value) && CURRENT_KEY.test(k) && !OWN_KEY.test(k.replace(/^[a-z]+_/i, ""));
}
function isClaimedName(key, value) {
  return NAME_KEY.test(leafName(key)) && value.length >= 3 && value.length <= 60 && SLUG.test(value) && new RegExp("\\p{L}", "u").test(value);
}
function numberHeld2(value, given) {
  const want = numberReadings(value.replace(/^-/, ""));
  const all = /* @__PURE__ */ new Set();
  for (const s of given) for (const n of numbersIn(s.text, 2e3)) all.add(n);
  if (want.some((n) => all.has(n))) return true;
  const word = WORDS2[want[0] ?? -1];
  if (word && given.some((s) => new RegExp(`\\b${word}\\b`, "i").test(s.text))) return true;
  return derived(want, new Set(given.flatMap((s) => sourceOperands(s))));
}
function nameHeld(value, given) {
  const needle = ` ${normaliseText(value)} `;
  const squashed = value.toLowerCase().replace(/[-_.]/g, "");
  return given.some((s) => {
    const norm = ` ${normaliseText(s.text)} `;
    return norm.includes(needle) || norm.replace(/ /g, "").includes(squashed);
  });
}

// scripts/lib/analysis/findings/finding-kind.ts
var MAX_EACH = 20;
var defineKind = (kind) => kind;

// scripts/lib/analysis/findings/provenance-finding.ts
var mention = (p, node) => ({ spanId: node.span.id, name: node.span.name, ref: p.ref(node) });
function quote(text, max = 120) {
  const one = text.replace(/\s+/g, " ").trim();
  return `"${one.length > max ? `${one.slice(0, max - 1)}…` : one}"`;
}
function provenanceLine(f) {
  const evidence = f.evidence.map((e) => clipKeeping(oneLine(e), 220, f.values ?? [])).join("; ");
  return `${f.title} — ${evidence}${f.heuristic ? ` — heuristic: ${f.heuristic}` : ""}`;
}
var provenanceKind = (kind, about, detect3, weight) => defineKind({
  kind,
  about,
  heuristic: "some",
  section: "findings",
  detect: (facts) => detect3(facts.provenance),
  line: provenanceLine,
  spans: (f) => f.spans.map((s) => s.spanId),
  turnWeight: weight,
  turnLine: (f) => f.title
});

// scripts/lib/analysis/findings/kinds/argument-origin.ts
var NEAR_KINDS = ["user", "system", "document", "tool-output", "model-output"];
var SOURCE_WORD = {
  user: "the user wrote",
  system: "the system prompt holds",
  document: "a retrieved document holds",
  "tool-output": "a tool output holds",
  "model-output": "an earlier model output holds",
  other: "a span holds"
};
var OWNER_WORDS = [
  "name|full_name|owner|holder|account_holder|passenger|customer|subscriber|policyholder|cardholder",
  "patient|member|guest|client|tenant|employee|student|recipient|consignee"
].join("|");
var OWNER_KEY = new RegExp(`(^|[._])(${OWNER_WORDS})(_name)?$`, "i");
var MAX = 10;
var MAX_LEAF = 300;
var ID_OR_EMAIL = /@|[A-Z][A-Z0-9]*[-_]\d|\+\d/;
var MAX_LEAVES = 5e3;
function argumentsNotFromConversation(p) {
  const out = [];
  const reported = /* @__PURE__ */ new Set();
  let budget = MAX_LEAVES;
  for (const call of p.calls) {
    if (out.length >= MAX || budget <= 0) break;
    const before = out.length;
    const cutoff = decidedAt(p, call.startMs);
    for (const leaf of argumentLeaves(call.args(), 50)) {
      if (--budget <= 0 || leaf.value.length > MAX_LEAF || !ID_OR_EMAIL.test(leaf.value)) continue;
      for (const v of extractValues(leaf.value, { dates: false })) {
        if (v.kind !== "id" && v.kind !== "email") continue;
        if (reported.has(v.key) || sourcesHolding(p, v.key, cutoff).length) continue;
        const near = nearestTokens(p, v.key, cutoff, NEAR_KINDS)[0];
        if (!near) continue;
        reported.add(v.key);
        const from = near.source;
        const written = locateKey(from.text, near.token)?.written ?? near.token;
        const where = from.turn ? `${from.turn.tool ? ` (\`${from.turn.tool}\`)` : ""} in turn ${from.turn.n} of the session (${from.turn.traceId})` : from.kind === "user" ? "" : ` in \`${p.ref(from.node)}\`${from.docId ? ` (${from.docId})` : ""}`;
        const decider = decidingModel(p, call.startMs);
        const evidence = [`${call.tool} arguments: ${quote(call.argsText, 160)}`];
        const owner = ownerLine(p, call.result(), cutoff);
        const called = `${decider ? `\`${p.ref(decider)}\` called ` : ""}\`${p.ref(call.node)}\`${decider ? "" : " was called"}`;
        const heldInstead = `${SOURCE_WORD[from.kind]} ${written}${where} (${howDiffers(v.key, near.token)})`;
        out.push({
          kind: "argumentNotFromConversation",
          title: [
            `${called} with ${leaf.key ? `${leaf.key}=` : ""}${v.text}, which no message or earlier output holds`,
            heldInstead,
            ...owner ? [owner] : []
          ].join("; "),
          evidence,
          // An earlier turn is another trace: its node here is this trace's root, not the source.
          spans: [...decider ? [mention(p, decider)] : [], mention(p, call.node), ...from.turn ? [] : [mention(p, from.node)]],
          docs: from.docId ? [from.docId] : [],
          heuristic: "nearest spelling among the values the model had (one or two characters apart)",
          values: [v.text, written]
        });
      }
    }
    if (out.length === before && !reported.has(`call\0${call.tool}\0${call.argsText}`)) {
      reported.add(`call\0${call.tool}\0${call.argsText}`);
      const made = inventedArguments(p, call);
      if (made.length) out.push(inventedFinding(p, call, made));
    }
  }
  return out;
}
function wantsEarlierTurns(p) {
  if (argumentsNotFromConversation(p).length) return true;
  let budget = MAX_LEAVES;
  for (const call of p.calls) {
    const cutoff = decidedAt(p, call.startMs);
    for (const leaf of argumentLeaves(call.args(), 50)) {
      if (--budget <= 0) return false;
      if (leaf.value.length > MAX_LEAF || !ID_OR_EMAIL.test(leaf.value)) continue;
      const values = extractValues(leaf.value, { dates: false }).filter((v) => v.kind === "id" || v.kind === "email");
      if (values.some((v) => !sourcesHolding(p, v.key, cutoff).length)) return true;
    }
  }
  return false;
}
var shown = (a) => `${a.key}=${a.kind === "name" ? `"${a.value}"` : a.value}`;
function inventedFinding(p, call, made) {
  const decider = decidingModel(p, call.startMs);
  const called = `${decider ? `\`${p.ref(decider)}\` called ` : ""}\`${p.ref(call.node)}\`${decider ? "" : " was called"}`;
  const list = made.slice(0, 5).map(shown);
  const what = list.length > 1 ? `${list.slice(0, -1).join(", ")} and ${list.at(-1)}` : list[0];
  return {
    kind: "argumentNotFromConversation",
    title: `${called} with ${what}, which nothing the model had holds (no message, document or earlier output)`,
    evidence: [`${call.tool} arguments: ${quote(call.argsText, 160)}`],
    spans: [...decider ? [mention(p, decider)] : [], mention(p, call.node)],
    docs: [],
    heuristic: "a number under a current_/existing_ key or a slug under a name key (experiment, project…) found in no source by any reading, as a word or worked out; the model may know it from elsewhere",
    values: made.map((a) => a.value)
  };
}
function decidingModel(p, atMs) {
  let found = null;
  for (const m of p.flow.models) if (m.node.span.startMs <= atMs) found = m.node;
  return found;
}
function ownerLine(p, result, cutoff) {
  const names = [];
  const walk = (v, key, depth) => {
    if (depth > 5 || names.length >= 5) return;
    if (typeof v === "string" && OWNER_KEY.test(key) && new RegExp("\\p{L}", "u").test(v) && v.length <= 80) names.push([key, v]);
    else if (Array.isArray(v)) v.slice(0, 20).forEach((x) => walk(x, key, depth + 1));
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, key ? `${key}.${k}` : k, depth + 1);
  };
  walk(result, "", 0);
  const said = p.sources.filter((s) => (s.kind === "user" || s.kind === "system") && s.atMs <= cutoff).map((s) => normaliseText(s.text)).join(" ");
  const stranger = names.find(([, n]) => !said.includes(normaliseText(n)));
  return stranger ? `its output names ${stranger[0]} ${quote(stranger[1], 60)}, whom no user message or system prompt mentions` : null;
}
var argumentNotFromConversation = provenanceKind(
  "argumentNotFromConversation",
  "a tool was called with an id or email no message or earlier output held, a near spelling of one that was there",
  argumentsNotFromConversation,
  () => 8
);

// scripts/lib/analysis/trace/model-history.ts
var modelSpans = (tree) => tree.nodes.filter((n) => isModelCall(n)).sort((a, b) => a.span.startMs - b.span.startMs);
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

// scripts/lib/analysis/findings/claims.ts
var ACTIONS = [
  "cancell?ed|booked|updated|sent|processed|refunded|scheduled|added|changed|completed",
  "submitted|placed|transferred|reset|renewed|registered|deleted|removed|filed"
].join("|");
var THINGS = "booking|order|payment|transfer|claim|refund|reservation|request";
var SUCCESS = new RegExp(
  [
    String.raw`\b(done|all set|successfully`,
    `i(?:'ve| have) (?:now )?(?:${ACTIONS})`,
    `(?:has|have) been (?:successfully )?(?:${ACTIONS}|confirmed)`,
    "is (?:now )?(?:cancell?ed|confirmed|booked|scheduled|complete)",
    String.raw`(?:${THINGS}) (?:is )?confirmed)\b`
  ].join("|"),
  "i"
);
var NOT_DONE = new RegExp(
  String.raw`\b(could ?n[o']t|can ?n[o']t|cannot|unable|failed|failure|error|sorry|unfortunately|try again` + String.raw`|not (?:been |yet )?(?:able|possible|done|completed|processed)|did ?n[o']t|was ?n[o']t|issue|problem|went wrong)\b`,
  "i"
);
function successClaim(reply) {
  const text = reply.slice(0, 4e3);
  if (NOT_DONE.test(text)) return null;
  const m = SUCCESS.exec(text);
  if (!m) return null;
  const b = sentenceBounds(text, m.index, text.length);
  const end = b.end - b.start < 30 && b.next < text.length ? sentenceBounds(text, b.next, text.length).end : b.end;
  return text.slice(b.start, end).trim().slice(0, 160);
}

// scripts/lib/analysis/findings/kinds/ok-failures.ts
var isObj2 = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
var FAILED_STATUS = /^(failed|failure|error|errored|rejected|denied|declined)$/i;
var MAY_FAIL = /error|fail|false|status|code|exception|traceback|denied|declined|rejected|http/i;
var ERROR_PREFIX = /^\s*(error|exception|traceback|http (?:4|5)\d\d)\b[:\s]/i;
function statedFailure(result, text) {
  let v = result;
  if (typeof v === "string") {
    if (ERROR_PREFIX.test(v)) return v;
    try {
      v = JSON.parse(v);
    } catch {
      return null;
    }
  }
  if (!isObj2(v)) return null;
  const err = v.error ?? v.errors ?? v.error_message ?? v.errorMessage;
  const errText = isObj2(err) ? JSON.stringify(err) : typeof err === "string" && err.trim() ? err : Array.isArray(err) && err.length ? JSON.stringify(err) : null;
  if (v.ok === false || v.success === false || v.succeeded === false) return errText ?? text;
  if (typeof v.status === "string" && FAILED_STATUS.test(v.status)) return errText ?? text;
  for (const k of ["status_code", "statusCode", "http_status", "code"]) {
    const c = typeof v[k] === "number" ? v[k] : typeof v[k] === "string" && /^\d{3}$/.test(v[k]) ? Number(v[k]) : null;
    if (c !== null && c >= 400 && c <= 599 && (k !== "code" || errText)) return errText ?? text;
  }
  if (errText) return errText;
  return null;
}
function statedToolFailures(p, max = 10) {
  const out = [];
  for (const c of p.calls) {
    if (out.length >= max) break;
    if (c.node.span.status === "ERROR") continue;
    if (!MAY_FAIL.test(c.resultText)) continue;
    const failure = statedFailure(c.result(), c.resultText);
    if (failure) out.push({ call: c, failure });
  }
  return out;
}
function failuresInOkOutputs(p) {
  return statedToolFailures(p).map(({ call, failure }) => finding(p, call, failure));
}
function finding(p, c, failure) {
  const next = p.flow.models.find((m) => m.node.span.startMs >= c.endMs) ?? null;
  const reached = p.reachedModel(failure, c.endMs);
  const evidence = [`output: ${quote(c.resultText, 160)}`];
  let fate;
  if (!next) fate = "no model call came after it";
  else if (reached === next) fate = `the next model call \`${p.ref(next.node)}\` received it`;
  else fate = `the next model call \`${p.ref(next.node)}\` never received it`;
  const claim = p.reply ? successClaim(p.reply.text) : null;
  if (claim) evidence.push(`the reply claims success: ${quote(claim)}`);
  return {
    kind: "failureInOkOutput",
    title: `\`${p.ref(c.node)}\` ended OK but its output states a failure: ${quote(failure, 100)}; ${fate}`,
    evidence,
    spans: [mention(p, c.node), ...next ? [mention(p, next.node)] : []],
    docs: [],
    heuristic: null
  };
}
var failureInOkOutput = provenanceKind(
  "failureInOkOutput",
  "a tool span ended OK but its output states a failure (whether the next model call received it, whether the reply claims success)",
  failuresInOkOutputs,
  (f) => f.evidence.some((e) => e.startsWith("the reply claims success")) ? 10 : 5
);

// scripts/lib/analysis/findings/kinds/answered-after-failed-tool.ts
function errorText(node, stated) {
  const s = stated.get(node);
  if (s !== void 0) return s;
  const ex = spanExceptions(node.span).at(-1);
  if (ex) return `${ex.type}: ${ex.message}`.trim();
  return node.span.statusMessage || "(no message)";
}
var messageOf = (tool, stated) => stated.get(tool) ?? (spanExceptions(tool.span).at(-1)?.message || tool.span.statusMessage);
function inputMessages(node) {
  const inputs = spanInputs(node.span)?.value;
  return (inputs === void 0 ? null : messagesOf(inputs)) ?? [];
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
function heldVerbatim(tool, stated) {
  const needle = (messageOf(tool, stated) || "").trim().slice(0, 60);
  return needle.length >= 12 ? needle : null;
}
function errorExcerpt(text, tool, stated) {
  const needle = heldVerbatim(tool, stated);
  const at = needle ? text.lastIndexOf(needle) : -1;
  if (at < 0) return text;
  const start = text.lastIndexOf("\n", at) + 1;
  const end = text.indexOf("\n", at);
  return text.slice(start, end < 0 ? void 0 : end);
}
function mentions(text, tool, stated) {
  return mentionsError(text, messageOf(tool, stated) || "", tool.span.name);
}
function recoveries(tree, failed) {
  const failedSet = new Set(failed);
  const okByName = /* @__PURE__ */ new Map();
  for (const n of tree.nodes) {
    if (spanType(n.span) !== "TOOL" || failedSet.has(n) || n.span.status === "ERROR") continue;
    const same = okByName.get(n.span.name);
    if (same) same.push(n);
    else okByName.set(n.span.name, [n]);
  }
  const at = (t) => (okByName.get(t.span.name) ?? []).reduce((first, n) => n.span.startMs >= endOf(t.span) ? Math.min(first, endOf(n.span)) : first, Infinity);
  return new Map(failed.map((t) => [t, at(t)]));
}
function detect(tree, stated = /* @__PURE__ */ new Map()) {
  const failedTools = tree.nodes.filter((n) => n.span.status === "ERROR" && spanType(n.span) === "TOOL" || stated.has(n));
  const recovered = recoveries(tree, failedTools);
  const answered = [];
  const usedTools = /* @__PURE__ */ new Set();
  const found = (m, tool, error, errorInInput, inOther = false) => answered.push({
    llmSpanId: m.span.id,
    llmName: m.span.name,
    llmRef: nameRef(tree, m),
    toolSpanId: tool?.span.id ?? "",
    toolName: tool?.span.name ?? "a tool",
    toolRef: tool ? nameRef(tree, tool) : "a tool",
    error,
    errorInInput,
    successClaim: claimOf(m),
    ...inOther ? { inOtherMessage: true } : {}
  });
  for (const m of modelSpans(tree)) {
    if (answered.length >= MAX_EACH) break;
    if (!producedAnswer(m)) continue;
    const msgs = inputMessages(m);
    const given = msgs.filter((x) => x.role === "tool").map((x) => x.text);
    const others = msgs.filter((x) => x.role !== "tool" && x.role !== "system").map((x) => x.text);
    const received = (t) => given.find((g) => mentions(g, t, stated)) ?? (heldVerbatim(t, stated) ? others.find((o) => o.includes(heldVerbatim(t, stated))) : void 0);
    const open = failedTools.filter((t) => (recovered.get(t) ?? Infinity) > m.span.startMs);
    const fromInput = open.find((t) => !usedTools.has(t) && received(t) !== void 0);
    const tool = fromInput ?? open.filter((t) => !usedTools.has(t) && endOf(t.span) <= m.span.startMs).at(-1);
    if (tool) {
      usedTools.add(tool);
      const msg = received(tool);
      const inOther = msg !== void 0 && !given.includes(msg);
      found(m, tool, msg !== void 0 ? errorExcerpt(msg, tool, stated) : errorText(tool, stated), msg !== void 0, inOther);
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
function statedFailures(facts) {
  const mayFail = facts.tree.nodes.some((n) => n.span.status !== "ERROR" && spanType(n.span) === "TOOL");
  if (!mayFail) return /* @__PURE__ */ new Map();
  return new Map(statedToolFailures(facts.provenance, MAX_EACH).map(({ call, failure }) => [call.node, failure]));
}
var cut = (s, n) => s.length > n ? `${s.slice(0, n - 1)}…` : s;
var answeredAfterFailedTool = defineKind({
  kind: "answeredAfterFailedTool",
  about: "a model answered after a tool failed (whether its input held the error, whether the reply claims success)",
  heuristic: false,
  section: "findings",
  detect: (facts) => detect(facts.tree, statedFailures(facts)),
  line(a) {
    const held = !a.errorInInput ? " (the error was not in its input)" : a.inOtherMessage ? " (its input held the error, in a message's text)" : " (its input held the error as a tool message)";
    const claim = a.successClaim ? ` and the reply claims success: "${clip(oneLine(a.successClaim), 140)}"` : "";
    return `${a.llmRef} answered after ${a.toolRef} failed${held}${claim} — ${clip(oneLine(a.error), 160)}`;
  },
  spans: (a) => [a.llmSpanId, a.toolSpanId],
  // A success claimed after a failure is the strongest finding: it ranks first.
  order: (a, b) => Number(!!b.successClaim) - Number(!!a.successClaim),
  turnWeight: (a) => a.successClaim ? 10 : 3,
  turnLine(a) {
    const claim = a.successClaim ? `; the reply claims success: "${clip(oneLine(a.successClaim), 120)}"` : "";
    return `${a.toolRef} failed${claim} (${a.errorInInput ? "error in the model input" : "error not in the model input"})`;
  },
  turnReason(a) {
    const error = cut(a.error.slice(0, 300), 120);
    const given = a.errorInInput ? "the model was given the error" : "the error was not in the model input";
    if (a.successClaim) return `${a.toolRef} failed and the reply claimed success: "${cut(a.successClaim, 120)}" (${given}) — ${error}`;
    return `answered after ${a.toolRef} failed${a.errorInInput ? "" : " (the error was not in the model input)"} — ${error}`;
  }
});

// scripts/lib/analysis/common/clause.ts
var WINDOW2 = 120;
function clauseWordsBefore(text, index, from = 0) {
  const start = Math.max(from, sentenceStart(text, index), index - WINDOW2);
  return new Set(
    text.slice(start, index).toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

// scripts/lib/analysis/common/date-sense.ts
var END_WORDS = /* @__PURE__ */ new Set(["expire", "expires", "expired", "expiring", "expiry", "expiration", "end", "ends", "ending", "lapse", "lapses", "until", "till"]);
var START_WORDS = /* @__PURE__ */ new Set(["from", "start", "starts", "starting", "begin", "begins", "since", "renew", "renews", "renewal", "after", "opens"]);
function isEndDate(v) {
  if (v.kind !== "date") return false;
  const words = v.before.split(" ");
  return !words.some((w) => START_WORDS.has(w)) && words.some((w) => END_WORDS.has(w));
}
var sameEndSense = (a, b) => isEndDate(a) && isEndDate(b);

// scripts/lib/analysis/findings/kinds/reply-contradiction.ts
var GIVEN = /* @__PURE__ */ new Set(["user", "system", "document", "tool-output"]);
var MAX2 = 5;
function givenSources(p, cutoff) {
  return p.sources.filter((s) => GIVEN.has(s.kind) && s.atMs <= cutoff && (!s.turn || isTurnRecord(s))).slice(0, 400);
}
function checkable(all, given) {
  const allNumbers = new Set(given.flatMap((s) => numbersIn(s.text, 500)));
  const operands = new Set(given.flatMap((s) => sourceOperands(s).slice(0, 500)));
  return all.filter((v) => {
    if (!v.bound || v.approximate || v.negated || v.kind === "id" || v.kind === "email" || currencyOnly(v)) return false;
    return !(v.kind === "quantity" && (v.bound === "%" || !v.numbers.length || v.numbers.some((n) => allNumbers.has(n)) || derived(v.numbers, operands)));
  });
}
function bindings(v, given, clause) {
  const timed = v.kind === "date" || v.kind === "time";
  return given.flatMap(
    (s) => sourceValues(s).flatMap((w) => {
      if (sameThing(v, w)) return [{ s, w, named: false }];
      if (!timed || w.kind !== v.kind || !w.bound || w.approximate || w.negated) return [];
      if (clause().has(w.bound)) return [{ s, w, named: true }];
      return sameEndSense(v, w) ? [{ s, w, named: true, endSense: true }] : [];
    })
  );
}
function clauseOf(reply, v, all) {
  let words;
  const from = Math.max(0, ...all.filter((u) => u.index < v.index).map((u) => u.index + u.text.length));
  return () => {
    words ??= clauseWordsBefore(reply, v.index, from);
    return words;
  };
}
function replyValuesUnsettled(p) {
  if (!p.reply) return false;
  const given = givenSources(p, decidedAt(p, p.reply.atMs)).filter((s) => !s.turn);
  const all = replyValues(p);
  return checkable(all, given).some((v) => !bindings(v, given, clauseOf(p.reply?.text ?? "", v, all)).length);
}
function replyContradictions(p) {
  if (!p.reply) return [];
  const cutoff = decidedAt(p, p.reply.atMs);
  const given = givenSources(p, cutoff);
  if (!given.length) return [];
  const out = [];
  const values = replyValues(p);
  for (const v of checkable(values, given)) {
    if (out.length >= MAX2) break;
    const all = bindings(v, given, clauseOf(p.reply.text, v, values));
    const same = all.some((b2) => !b2.named) ? all.filter((b2) => !b2.named) : all;
    if (!same.length || same.some(({ w }) => agrees2(v, w))) continue;
    const keys = new Set(same.map(({ w }) => w.key));
    if (keys.size !== 1) continue;
    const b = same[0];
    if (v.kind === "quantity" && rounded(v.numbers, b.w.numbers)) continue;
    if ((b.s.turn || b.named) && heldAnywhere(p, v, cutoff)) continue;
    out.push(contradiction(p, v, b));
  }
  return out;
}
var heldAnywhere = (p, v, cutoff) => p.sources.some((s) => s.atMs <= cutoff && sourceValues(s).some((w) => w.kind === v.kind && agrees2(v, w)));
function whereSaid(p, s) {
  if (s.turn?.tool) return `\`${s.turn.tool}\`'s output in turn ${s.turn.n} of the session (${s.turn.traceId})`;
  if (s.docId) return `\`${s.docId}\` (${p.ref(s.node)}), which the model was given,`;
  return `${s.kind === "user" ? "the user message" : `\`${p.ref(s.node)}\`'s ${s.kind === "system" ? "system prompt" : "output"}`}, which the model was given,`;
}
function contradiction(p, v, { s, w, named, endSense }) {
  const reply = p.reply?.text ?? "";
  const said = endSense ? `"${v.before.split(" ").slice(-2).join(" ")} ${v.text}"` : named ? `"${w.bound} … ${v.text}"` : q(v);
  return {
    kind: "replyContradictsSources",
    title: `the reply says ${said}; ${whereSaid(p, s)} says ${q(w)}`,
    evidence: [`reply: ${quote(sentenceAt(reply, v.index))}`, `source: ${quote(sentenceAt(s.text, w.index))}`, ...offsetLine(v, w)],
    spans: s.turn ? [] : [mention(p, s.node)],
    docs: s.docId ? [s.docId] : [],
    heuristic: (endSense ? `both dates are said as the day it ends, in other words ("${v.bound}" / "${w.bound}"), another value; ` : named ? `the reply's sentence names "${w.bound}" before the ${v.kind}, the source binds it to another value; ` : `same ${v.kind === "quantity" ? "noun or unit" : "word before the date or time"} ("${v.bound}"), another value; `) + "the reply's value is in none of the sources" + (s.turn ? "; an earlier turn's tool output, and no tool that may change it (by its name) ran since" : ""),
    values: [v.phrase, w.phrase]
  };
}
function offsetLine(v, w) {
  const zone = v.kind === "time" && w.kind === "time" ? /([+-])(\d{2}):?(\d{2})\s*$/.exec(w.text) : null;
  if (!zone) return [];
  const minutes = (k) => Number(k.slice(0, 2)) * 60 + Number(k.slice(3, 5));
  const offset = (zone[1] === "-" ? -1 : 1) * (Number(zone[2]) * 60 + Number(zone[3]));
  const diff = ((minutes(v.key) - minutes(w.key)) % 1440 + 1440) % 1440;
  if (!offset || diff !== (offset + 1440) % 1440 && diff !== (1440 - offset) % 1440) return [];
  return [`the two differ by exactly the source's UTC offset (${zone[0].trim()}): a time zone applied twice or the wrong way?`];
}
var q = (v) => v.kind === "quantity" ? `"${v.phrase}"` : `"${v.bound} ${v.text}"`;
var sameThing = (a, b) => a.kind === b.kind && a.bound === b.bound && !b.approximate && !b.negated;
function agrees2(a, b) {
  if (a.kind !== "quantity") return a.key === b.key || a.kind === "date" && (a.key.endsWith(b.key) || b.key.endsWith(a.key)) || within(a, b);
  return a.numbers.some((n) => b.numbers.includes(n));
}
var replyContradictsSources = provenanceKind(
  "replyContradictsSources",
  "the reply binds a value to a noun or unit that a source the model was given binds to another value",
  replyContradictions,
  () => 6
);

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

// scripts/lib/analysis/findings/kinds/loops.ts
var MIN_REPEATS = 3;
var CAP_KEYS = "max_iterations|max_iters|max_steps|max_turns|recursion_limit";
var CAP_WORDS = String.raw`iteration limit|recursion limit of \d+|maximum number of (?:iterations|steps|turns)|stopped due to (?:iteration|time) limit`;
var STOP_RE = new RegExp(String.raw`\b(${CAP_KEYS}|${CAP_WORDS})\b`, "i");
var tokensLine = (tokens) => tokens !== null ? `, ${tokens.toLocaleString("en-US")} tokens in the model calls between them` : "";
var shortKey = (s) => s.length <= 96 ? s : `${s.length}:${s.slice(0, 48)}${s.slice(-48)}`;
function fmtMs2(ms) {
  return ms >= 1e3 ? `${(ms / 1e3).toFixed(2)}s` : `${Math.round(ms)}ms`;
}
function loopsAndStops(p) {
  const groups = /* @__PURE__ */ new Map();
  for (const c of p.calls) {
    if (!c.argsText && !c.resultText) continue;
    const key = `${c.tool}\0${shortKey(c.argsText)}\0${shortKey(c.resultText)}`;
    const list = groups.get(key) ?? [];
    list.push(c);
    groups.set(key, list);
  }
  const stop = stopReason(p);
  const out = [];
  for (const candidates of groups.values()) {
    if (candidates.length < MIN_REPEATS || out.length >= 5) continue;
    const head = candidates[0];
    const list = candidates.filter((c) => c.argsText === head.argsText && c.resultText === head.resultText);
    if (list.length < MIN_REPEATS) continue;
    const first = list[0];
    const last = list.at(-1);
    const span = last.endMs - first.startMs;
    const inCalls = list.reduce((a, c) => a + (durationOf(c.node.span) ?? 0), 0);
    const tokens = p.tokensBetween(first.startMs, last.endMs);
    const evidence = [
      `arguments: ${quote(first.argsText, 100)}; result each time: ${quote(first.resultText, 100)}`,
      `cost: ${fmtMs2(span)} from the first call to the last (${fmtMs2(inCalls)} inside the calls)${tokensLine(tokens)}`
    ];
    if (stop) evidence.push(`stopped: ${stop.what} in \`${p.ref(stop.node)}\`'s output: ${quote(stop.text, 100)}`);
    out.push({
      kind: "loopOrStop",
      title: `${list.length} × \`${first.tool}\` with identical arguments and identical results${stop ? `, then the agent stopped on ${stop.what}` : ""}`,
      evidence,
      spans: list.slice(0, 3).map((c) => mention(p, c.node)),
      docs: [],
      heuristic: null
    });
  }
  if (!out.length && stop)
    out.push({
      kind: "loopOrStop",
      title: `the agent stopped on ${stop.what} (\`${p.ref(stop.node)}\`'s output)`,
      evidence: [`${quote(stop.text, 140)}`],
      spans: [mention(p, stop.node)],
      docs: [],
      heuristic: null
    });
  return out;
}
function stopReason(p) {
  const recs = [...p.flow.records].sort((a, b) => endOf(b.node.span) - endOf(a.node.span)).slice(0, 2e3);
  for (const r of recs) {
    if (r.role === "tool" || r.role === "retriever") continue;
    const m = STOP_RE.exec(r.outText);
    if (!m) continue;
    const from = Math.max(0, m.index - 40);
    return { what: m[1], text: r.outText.slice(from, m.index + 80), node: r.node };
  }
  return null;
}
var loopOrStop = provenanceKind(
  "loopOrStop",
  "three or more identical tool calls with identical results, and the cap the agent stopped on",
  loopsAndStops,
  () => 3
);

// scripts/lib/analysis/findings/kinds/sources-disagree.ts
var MAX3 = 5;
function disagreeingSources(p) {
  const passages = p.sources.filter((s) => s.kind === "document" || s.kind === "tool-output").slice(0, 300);
  const groups = /* @__PURE__ */ new Map();
  for (const s of passages) {
    for (const v of sourceValues(s)) {
      if (v.kind === "id" || v.kind === "email" || !v.bound || v.negated) continue;
      const key = maskedSentence(s.text, v);
      if (key === null) continue;
      const list = groups.get(key) ?? [];
      list.push({ s, v });
      groups.set(key, list);
    }
  }
  const out = [];
  const named = /* @__PURE__ */ new Set();
  for (const list of groups.values()) {
    if (out.length >= MAX3) break;
    const byValue = /* @__PURE__ */ new Map();
    for (const e of list) if (!byValue.has(e.v.key) && ![...byValue.values()].some((x) => identity(x.s) === identity(e.s))) byValue.set(e.v.key, e);
    if (byValue.size !== 2) continue;
    const [a, b] = [...byValue.values()];
    const pair = [identity(a.s), identity(b.s)].sort().join("|");
    if (named.has(pair)) continue;
    named.add(pair);
    const used = usedByReply(p, a.v, b.v);
    const lines = [a, b].map(({ s, v }) => {
      const reached = p.reachedModel(sentenceAt(s.text, v.index), s.atMs);
      const rank = s.rank !== null ? ` rank ${s.rank}${s.score !== null ? `, score ${fmt(s.score)}` : ""}` : "";
      const fate = reached ? `reached \`${p.ref(reached.node)}\`'s prompt` : "reached no model call";
      return `${label(p, s)}${rank}: ${quote(sentenceAt(s.text, v.index))} — ${fate}`;
    });
    if (used) lines.push(`the reply used ${used.text}: ${quote(sentenceAt(p.reply?.text ?? "", used.index))}`);
    out.push({
      kind: "sourcesDisagree",
      title: `sources disagree on ${quote(sentenceAt(a.s.text, a.v.index).replace(a.v.text, "…"), 80)}: ${label(p, a.s)} says ${a.v.phrase}, ${label(p, b.s)} says ${b.v.phrase}${used ? `; the reply used ${used.phrase}` : ""}`,
      evidence: lines,
      spans: [mention(p, a.s.node), ...a.s.node === b.s.node ? [] : [mention(p, b.s.node)]],
      docs: [a.s.docId, b.s.docId].filter((d) => d !== null),
      heuristic: "the same sentence with another value",
      values: [a.v.phrase, b.v.phrase, ...used ? [used.phrase] : []]
    });
  }
  return out;
}
function maskedSentence(text, v) {
  const sentence = sentenceAt(text, v.index);
  const at = sentence.indexOf(v.text);
  if (at < 0) return null;
  const masked = normaliseText(`${sentence.slice(0, at)} # ${sentence.slice(at + v.text.length)}`);
  return masked.split(" ").length >= 5 ? `${v.kind}|${v.bound}|${masked}` : null;
}
var identity = (s) => s.docId ?? `${s.node.span.id}:${normaliseText(s.text.slice(0, 80))}`;
var label = (p, s) => s.docId ? `\`${s.docId}\`` : `\`${p.ref(s.node)}\``;
var fmt = (n) => Number.isInteger(n) ? String(n) : n.toFixed(2);
function usedByReply(p, a, b) {
  if (!p.reply) return null;
  const vals = replyValues(p);
  const hit = (x) => vals.find((r) => r.kind === x.kind && r.bound === x.bound && r.key === x.key);
  const ra = hit(a);
  const rb = hit(b);
  return ra && !rb ? ra : rb && !ra ? rb : null;
}
var sourcesDisagree = provenanceKind(
  "sourcesDisagree",
  "two retrieved documents or tool outputs state different values in the same sentence",
  disagreeingSources,
  () => 3
);

// scripts/lib/analysis/findings/span-mention.ts
var mention2 = (flow, r) => ({ ref: flow.ref(r.node), spanId: r.node.span.id });
var q2 = (s) => `\`${s}\``;
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
    const span = mention2(flow, r);
    const missing = r.hasOutput ? "inputs" : "inputs and outputs";
    out.push({
      kind: "gap",
      span,
      blamedBy: c.blamedBy,
      missing,
      heuristic: false,
      summary: `${q2(span.ref)} (${c.blamedBy}) logged no ${missing === "inputs" ? "inputs" : "inputs or outputs"}: nothing recorded — instrument it (log its ${missing}) to see why`
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
      out.push({ node: m.node, blamedBy: `the model after ${q2(flow.ref(r.node))}: whether its documents arrived is unknown`, need: "inputs" });
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
  let operands;
  const sums = totals.sums();
  const ofTexts = () => [.../* @__PURE__ */ new Set([...texts.flatMap((t) => operandNumbers(t)), ...sums])];
  return { keys, values: [...values], operands: () => operands ??= ofTexts(), lower: joined.toLowerCase(), norm: normaliseText(joined) };
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
      return fact.values.some((v) => corpus.keys.has(numKey(v))) || corpus.values.length <= ARITH_MAX && arithmeticHit(fact, corpus.operands());
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
var NOT_AMOUNTS2 = new RegExp(`${DATE_PARTS.source}|[A-Za-z]+[-_]\\d+`, "g");
var evidenceText = (t) => t.replace(NOT_AMOUNTS2, " ");
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
    ...mention2(flow, s),
    numbers: numeric ? numbersIn(evidenceText(s.outText), 40).filter((v) => !Number.isInteger(v) || v >= 10).slice(0, 6).map(String) : []
  }));
  const answerModel = [...flow.models].reverse().find((m) => m.hasOutput);
  const listed = ungrounded.slice(0, 5).map((f) => f.text);
  const more = ungrounded.length > 5 ? ` and ${ungrounded.length - 5} more` : "";
  const held = srcList.map((s) => `${q2(s.ref)}${s.numbers.length ? ` returned ${s.numbers.join(", ")}` : ""}`).join("; ");
  const moreSources = sources.length > 3 ? `; ${sources.length - 3} more sources` : "";
  const summary = `${listed.map(q2).join(", ")}${more} in the answer ${ungrounded.length === 1 ? "is" : "are"} in no input of the trace and no tool or retriever output (${held}${moreSources}) — heuristic: facts found by pattern; sums, differences, products and roundings of the numbers found count as grounded`;
  return [
    {
      kind: "grounding",
      answerSpan: answerModel ? mention2(flow, answerModel) : null,
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
    const prompt = `a prompt of ${fmtInt(c.inputTokens)} tokens = ${pct(c.shareOfInputTokens)} of the trace's input tokens`;
    const cutFirst = `(≥ ${fmtInt(HUGE_PROMPT)}: the first thing to cut if it is slow)`;
    return `${c.name} took ${fmtMs(c.durationMs)} (${pct(c.shareOfTime)} of the trace) with ${prompt} ${cutFirst}${bulk}`;
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
  return d.id ? q2(d.id) : "(a document without id)";
}
function retrievalSummary(f) {
  const times = f.count > 1 ? ` (×${f.count} in this trace)` : "";
  const how = " — heuristic: documents matched by id and by text";
  if (f.problem === "none-reached") {
    const via = f.reranker ? ` (nor any ${q2(f.reranker.ref)} kept)` : "";
    const docs = `${f.retrieved} document${f.retrieved === 1 ? "" : "s"}`;
    return `${q2(f.model.ref)}'s input holds none of the ${docs} ${q2(f.retriever.ref)} retrieved${via}: the prompt was built without its context${times}${how}`;
  }
  const top = f.dropped[0];
  const limit = f.limit ? ` and dropped by ${f.limit.key}: ${f.limit.value}` : "";
  let fate;
  if (f.reranker && top.rerankRank !== null) {
    fate = `was ranked #${top.rerankRank} by ${q2(f.reranker.ref)} (${fmtScore(top.rerankScore)} vs ${fmtScore(f.topRerankScore)} for its #1)${limit}`;
  } else if (f.reranker) fate = `is not in ${q2(f.reranker.ref)}'s output${f.limit ? ` (${f.limit.key}: ${f.limit.value})` : ""}`;
  else fate = "did not reach it";
  const others = f.dropped.length > 1 ? `; also dropped: ${f.dropped.slice(1, 4).map((d) => `#${d.rank} ${docLabel(d)}`).join(", ")}` : "";
  const score = top.score !== null ? ` (score ${fmtScore(top.score)})` : "";
  const held = `${q2(f.model.ref)}'s prompt held ${f.reached} of ${f.retrieved} documents ${q2(f.retriever.ref)} retrieved`;
  return `${held}; ${q2(f.retriever.ref)}'s #1 ${docLabel(top)}${score} ${fate}${others}${times}${how}`;
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
    retriever: mention2(flow, r),
    reranker: rr ? mention2(flow, rr) : null,
    model: mention2(flow, m),
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
    const calls = `${s.count} calls to ${s.name} under ${s.parent} ran one after another`;
    const time = `${msRange(s.minMs, s.maxMs)} each, ${fmtMs(s.wallMs)} = ${pct(s.shareOfTrace)} of the trace`;
    return `${calls} (${time}), each with different inputs, and no output fed the next input${checked}: ~${fmtMs(s.savingMs)} could be saved by running them in parallel (heuristic: a text comparison of each output with the next input)`;
  },
  spans: (s) => s.spanIds,
  // Time, not correctness: shown in the turn, not ranked.
  turnWeight: () => 0
});

// scripts/lib/analysis/findings/kinds/truncation.ts
function detect2({ flow, reply }) {
  const groups = /* @__PURE__ */ new Map();
  const replyHead = reply ? passageHead(reply, 80, 300) : "";
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
      model: mention2(flow, m),
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
  const times = t.count > 1 ? ` (×${t.count} calls of ${q2(t.model.ref.replace(/#\d+$/, ""))})` : "";
  const tail = t.heuristic ? " — heuristic: output tokens equal the limit, no finish reason logged" : "";
  return `${q2(t.model.ref)}: ${what} was cut ${at} (${evidence})${t.maxTokens ? "" : "; the request's max tokens were not logged"}${times}${tail}`;
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
  failureInOkOutput,
  argumentNotFromConversation,
  replyContradictsSources,
  sourcesDisagree,
  loopOrStop,
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

// scripts/lib/analysis/trace/same-inputs.ts
function inputKey(value) {
  try {
    return JSON.stringify(value) ?? null;
  } catch {
    return null;
  }
}
function roughKey(v, budget = { left: 40 }) {
  if (--budget.left < 0) return "…";
  if (typeof v === "string") return v.length <= 32 ? JSON.stringify(v) : `s${v.length}:${v.slice(0, 16)}${v.slice(-16)}`;
  if (v === null || v === void 0 || typeof v === "function" || typeof v === "symbol" || typeof v === "number" && !Number.isFinite(v)) return "null";
  if (typeof v !== "object") return String(v);
  let out = Array.isArray(v) ? `[${v.length}:` : "{";
  if (Array.isArray(v)) for (const x of v) out += `${roughKey(x, budget)},`;
  else for (const [k, x] of Object.entries(v)) if (x !== void 0 && typeof x !== "function" && typeof x !== "symbol") out += `${k}=${roughKey(x, budget)},`;
  return out;
}
function bucketOf(node) {
  const raw = storedInput(node.span);
  if (raw !== null && raw !== "null") return `${raw.length}:${raw.slice(0, 24)}${raw.slice(-24)}`;
  const i = spanInputsUnkept(node.span);
  return i ? roughKey(i.value) : null;
}
function sameInputsOf(nodes) {
  const buckets = /* @__PURE__ */ new Map();
  for (const n of nodes) {
    const k = bucketOf(n);
    if (k === null) continue;
    const list = buckets.get(k);
    if (list) list.push(n);
    else buckets.set(k, [n]);
  }
  let most = 0;
  for (const list of buckets.values()) {
    if (list.length < 2) {
      most = Math.max(most, 1);
      continue;
    }
    const counts = /* @__PURE__ */ new Map();
    for (const n of list) {
      const k = inputKey(spanInputsUnkept(n.span)?.value);
      if (k !== null) counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    most = Math.max(most, 0, ...counts.values());
  }
  return { most, logged: buckets.size > 0 };
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
  let curKey = "";
  for (const c of node.children) {
    const prev = cur.at(-1);
    const key = c.span.endMs === null ? "" : keyOf(c);
    if (prev && c.span.endMs !== null && curKey === key && follows(prev, c)) cur.push(c);
    else {
      if (cur.length >= 2) runs.push(cur);
      cur = c.span.endMs === null ? [] : [c];
      curKey = key;
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
function sequentialCalls2(tree, traceMs) {
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
  const merged = [];
  let last;
  for (const c of node.children) {
    const a = Math.max(lo, c.span.startMs);
    const b = Math.min(hi, endOf(c.span));
    if (b <= a) continue;
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push(last = [a, b]);
  }
  return merged;
}
function selfTimeMs(node) {
  const total = durationOf(node.span) ?? 0;
  if (!node.children.length) return Math.max(0, total);
  const covered = childIntervals(node).reduce((s, [a, b]) => s + (b - a), 0);
  return Math.max(0, total - covered);
}
function nameShares(tree, root, traceMs) {
  const byName = /* @__PURE__ */ new Map();
  const patterns = /* @__PURE__ */ new Map();
  for (const n of tree.nodes) {
    if (n.span.endMs === null) continue;
    let key = patterns.get(n.span.name);
    if (key === void 0) patterns.set(n.span.name, key = pattern(n.span.name));
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
function slowestNodes(nodes, top) {
  const kept = [];
  for (const node of nodes) {
    const self = selfTimeMs(node);
    if (kept.length >= top && self <= (kept.at(-1)?.self ?? 0)) continue;
    let at = kept.length;
    while (at > 0 && (kept[at - 1]?.self ?? 0) < self) at--;
    kept.splice(at, 0, { node, self });
    if (kept.length > top) kept.pop();
  }
  return kept.map((k) => k.node);
}
var timeOf = (n) => ({ spanId: n.span.id, name: n.span.name, durationMs: durationOf(n.span) ?? 0, selfMs: selfTimeMs(n) });
function hasGap(start, intervals, minGap) {
  let cursor = start;
  for (const [a, b] of intervals) {
    if (a - cursor >= minGap) return true;
    cursor = Math.max(cursor, b);
  }
  return false;
}
function gapsIn(tree, traceStartMs, traceDurationMs) {
  const minGap = Math.max(50, traceDurationMs * 0.02);
  const gaps2 = [];
  for (const node of tree.nodes) {
    if (!node.children.length || node.span.endMs === null) continue;
    const intervals = childIntervals(node);
    intervals.push([endOf(node.span), endOf(node.span)]);
    if (!hasGap(node.span.startMs, intervals, minGap)) continue;
    let cursor = node.span.startMs;
    let after = null;
    const byEnd = new Map(node.children.map((c) => [endOf(c.span), c.span.name]));
    for (const [a, b] of intervals) {
      if (a - cursor >= minGap)
        gaps2.push({ parentId: node.span.id, parent: node.span.name, afterChild: after, startOffsetMs: cursor - traceStartMs, durationMs: a - cursor });
      cursor = Math.max(cursor, b);
      after = byEnd.get(b) ?? after;
    }
  }
  gaps2.sort((a, b) => b.durationMs - a.durationMs);
  return gaps2;
}
function repeatsIn(tree) {
  const groups = [];
  const byParent = /* @__PURE__ */ new Map();
  for (const node of tree.nodes) {
    let names = byParent.get(node.parent);
    if (!names) byParent.set(node.parent, names = /* @__PURE__ */ new Map());
    let r = names.get(node.span.name);
    if (!r) {
      r = { name: node.span.name, parent: node.parent?.span.name ?? null, count: 0, totalMs: 0, nodes: [], failed: 0 };
      names.set(node.span.name, r);
      groups.push(r);
    }
    r.count += 1;
    r.totalMs += durationOf(node.span) ?? 0;
    if (node.span.status === "ERROR") r.failed += 1;
    r.nodes.push(node);
  }
  const byName = /* @__PURE__ */ new Map();
  for (const r of groups) {
    if (r.count < 2) continue;
    const { most: same, logged } = sameInputsOf(r.nodes);
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
        inputsLogged: logged,
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
    agg.inputsLogged ||= logged;
  }
  return [...byName.values()].sort((a, b) => Number(b.suspicious) - Number(a.suspicious) || b.maxUnderOneParent - a.maxUnderOneParent || b.count - a.count);
}
function analyseTiming(tree, opts = {}) {
  const top = opts.top ?? 5;
  const root = mainRoot(tree);
  const traceStartMs = tree.nodes.reduce((m, n) => Math.min(m, n.span.startMs), Number.POSITIVE_INFINITY);
  const traceEnd = tree.nodes.reduce((m, n) => Math.max(m, endOf(n.span)), Number.NEGATIVE_INFINITY);
  const traceDurationMs = tree.nodes.length ? traceEnd - traceStartMs : 0;
  const slowestBySelf = slowestNodes(tree.nodes, top).map(timeOf);
  const path = criticalPath(root, traceStartMs, traceDurationMs);
  const gaps2 = gapsIn(tree, traceStartMs, traceDurationMs);
  const repeats = repeatsIn(tree);
  const calls = modelCalls(tree, traceDurationMs);
  const runs = sequentialCalls2(tree, traceDurationMs);
  return {
    traceStartMs,
    traceDurationMs,
    slowestBySelf,
    criticalPath: path,
    gaps: gaps2.slice(0, top),
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
  scalarRelation,
  sentencesOf,
  extractValues,
  recordDataflow,
  SOURCE_CAP,
  toolRecords,
  argumentLeaves,
  addEarlierTurns,
  traceProvenance,
  decidedAt,
  passageOf,
  valueEvidence,
  nameEvidence,
  wantsEarlierTurns,
  modelHistory,
  successClaim,
  answeredAfterFailedTool,
  replyValuesUnsettled,
  caught,
  okDespiteFailures,
  FINDING_KINDS,
  collectFindings,
  itemsOf,
  foundKinds,
  selfTimeMs,
  analyseTiming
};
