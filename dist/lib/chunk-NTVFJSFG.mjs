import {
  fmtInt
} from "./chunk-V3PRQPWM.mjs";

// scripts/lib/render/budget.ts
var sizeOf = (lines) => lines.reduce((s, l) => s + l.length + 1, 0);
function renderBudgeted(sections, footer, maxChars, fallbackMore) {
  const cuts = [];
  const footerSize = sizeOf(footer);
  let total = sections.reduce((s, sec) => s + sizeOf(sec.lines), 0) + footerSize;
  const order = [...sections].filter((s) => s.priority > 0).sort((a, b) => b.priority - a.priority);
  for (const sec of order) {
    if (total <= maxChars) break;
    const more = sec.more ?? fallbackMore;
    const before = sec.lines.length;
    let removed = 0;
    const markerRoom = 80 + more.length;
    while (sec.lines.length > 1 && total + markerRoom > maxChars) {
      const line = sec.lines.pop();
      removed += line.length + 1;
      total -= line.length + 1;
    }
    if (removed) {
      const marker = `  … ${fmtInt(before - sec.lines.length)} more lines (${fmtInt(removed)} chars) cut; see: ${more}`;
      sec.lines.push(marker);
      total += marker.length + 1;
      cuts.push({ section: sec.name, linesCut: before - sec.lines.length + 1, charsCut: removed, more });
    }
  }
  let body = sections.map((s) => s.lines.join("\n")).filter(Boolean).join("\n");
  const room = maxChars - footerSize - 1;
  if (body.length > room) {
    const marker = `
… output cut at ${fmtInt(maxChars)} chars (${fmtInt(body.length - room)} more); see: ${fallbackMore}`;
    const keep = Math.max(0, room - marker.length);
    cuts.push({ section: "output", linesCut: 0, charsCut: body.length - keep, more: fallbackMore });
    body = body.slice(0, keep) + marker;
  }
  const text = footer.length ? `${body}
${footer.join("\n")}` : body;
  return { text: text.length > maxChars ? text.slice(0, maxChars) : text, cuts };
}

// scripts/lib/render/cache-note.ts
function fmtAge(seconds) {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}
function cacheLines(status) {
  if (!status || !status.hit && !status.partial) return [];
  const what = status.hit ? "from cache: fetched" : "partly from cache: oldest part fetched";
  return [`(${what} ${fmtAge(status.ageS)} ago; --fresh to refetch)`];
}

// scripts/lib/render/files.ts
function rawJsonLine(what, files, fromUserFile = false) {
  return `Full ${what} JSON (unredacted${fromUserFile ? "" : ", 0600"}): ${files.join(", ")}`;
}
function rawJsonLines(what, files, opts = {}) {
  const line = rawJsonLine(what, files, opts.fromUserFile);
  return [opts.idNote ? `${line}  (${opts.idNote})` : line, ...cacheLines(opts.fromUserFile ? null : opts.cache ?? null)];
}

// scripts/lib/render/style.ts
function colourEnabled(stream = process.stdout, env = process.env) {
  return !!stream.isTTY && env.NO_COLOR === void 0 && env.TERM !== "dumb";
}
function sgr(open, close, on) {
  if (!on) return (s) => s;
  const [o, c] = [`\x1B[${open}m`, `\x1B[${close}m`];
  return (s) => o + s.replaceAll(c, c + o) + c;
}
function palette(on) {
  const bold = sgr(1, 22, on);
  const cyan = sgr(36, 39, on);
  return {
    error: sgr(31, 39, on),
    ok: sgr(32, 39, on),
    warn: sgr(33, 39, on),
    dim: sgr(2, 22, on),
    bold,
    head: (s) => bold(cyan(s))
  };
}
var paint = palette(colourEnabled());

// scripts/lib/analysis/trace/assessments.ts
var NEGATIVE = /^(no|false|fail|failed|failure|bad|incorrect|wrong|unsafe|irrelevant|negative|poor|not[ _-]?\w+|unhelpful|harmful|toxic|ungrounded|hallucinated?)$/i;
var POSITIVE = /^(yes|true|pass|passed|good|correct|safe|relevant|positive|helpful|grounded)$/i;
var BAD_THING_WORDS = [
  "frustration",
  "frustrated",
  "toxicity",
  "toxic",
  "hallucination",
  "hallucinated",
  "hallucinations",
  "harmful",
  "harm",
  "bias",
  "biased",
  "jailbreak",
  "pii",
  "leakage",
  "leak",
  "leaked",
  "injection",
  "offensive",
  "unsafe",
  "profanity",
  "insult",
  "hate",
  "violence",
  "refusal",
  "contradiction",
  "error"
];
var NEGATING_WORDS = /* @__PURE__ */ new Set(["no", "non", "not", "free", "without", "absence", "absent", "less"]);
var nameWords = (name) => name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2").toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
function namesBadThing(name) {
  const words = nameWords(name);
  const negated = (w) => NEGATING_WORDS.has(w) || /(less|free)$/.test(w) || /^(un|non|anti)./.test(w) && BAD_THING_WORDS.includes(w.replace(/^(un|non|anti)/, ""));
  if (words.some(negated)) return false;
  return words.some((w) => BAD_THING_WORDS.includes(w));
}
var invert = (p) => p === "negative" ? "positive" : p === "positive" ? "negative" : "unknown";
var HIGH_LOW = /^(high|medium|low|none)$/i;
function polarityOf(value, name) {
  const bad = typeof name === "string" && namesBadThing(name);
  if (bad && typeof value === "string" && HIGH_LOW.test(value.trim())) return /^(high|medium)$/i.test(value.trim()) ? "negative" : "positive";
  const p = valuePolarity(value);
  return bad ? invert(p) : p;
}
function valuePolarity(value) {
  if (typeof value === "boolean") return value ? "positive" : "negative";
  if (typeof value === "string") return NEGATIVE.test(value.trim()) ? "negative" : POSITIVE.test(value.trim()) ? "positive" : "unknown";
  if (typeof value === "number") {
    if (value === 1) return "unknown";
    if (value >= 0 && value < 1) return value < 0.5 ? "negative" : "positive";
    if (value > 1 && value <= 5) return value <= 2 ? "negative" : value >= 4 ? "positive" : "unknown";
    if (value > 5 && value <= 10) return value <= 4 ? "negative" : value >= 7 ? "positive" : "unknown";
  }
  return "unknown";
}
var RANK = { negative: 0, unknown: 1, positive: 2 };
function summariseAssessments(assessments, tree) {
  const replacedBy = /* @__PURE__ */ new Map();
  for (const a of assessments) if (a.overrides && a.id) replacedBy.set(a.overrides, a.id);
  const view = (a) => ({
    id: a.id,
    name: a.name,
    value: a.value,
    polarity: a.kind === "feedback" && !a.error ? polarityOf(a.value, a.name) : "unknown",
    sourceType: a.sourceType,
    sourceId: a.sourceId,
    rationale: a.rationale,
    spanId: a.spanId,
    spanName: a.spanId ? tree?.byId.get(a.spanId)?.span.name ?? null : null,
    sessionLevel: a.sessionLevel,
    overriddenBy: a.id ? replacedBy.get(a.id) ?? null : null,
    overrides: a.overrides,
    error: a.error
  });
  const out = { verdicts: [], scorerErrors: [], expectations: [], overridden: [], issues: [] };
  for (const a of assessments) {
    const v = view(a);
    if (a.error) out.scorerErrors.push(v);
    else if (!a.valid) out.overridden.push(v);
    else if (a.kind === "expectation") out.expectations.push(v);
    else if (a.kind === "issue") out.issues.push(v);
    else out.verdicts.push(v);
  }
  out.verdicts.sort((a, b) => RANK[a.polarity] - RANK[b.polarity]);
  return out;
}

export {
  polarityOf,
  summariseAssessments,
  renderBudgeted,
  rawJsonLines,
  colourEnabled,
  palette,
  paint
};
