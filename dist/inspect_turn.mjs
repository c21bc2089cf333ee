#!/usr/bin/env node
import {
  earlierTurnsOf,
  reportOf,
  traceFacts
} from "./lib/chunk-4RQFKSU2.mjs";
import "./lib/chunk-5SXQ4TEL.mjs";
import "./lib/chunk-7PUXK5AD.mjs";
import "./lib/chunk-L7NKPVFV.mjs";
import {
  TRACE_ARGS,
  TRACE_SOURCE_OPTIONS,
  loadTraceJob
} from "./lib/chunk-SNJCS2ZS.mjs";
import {
  DEFAULT_TREE,
  childOrder,
  headerLines,
  inspectSections,
  jsonIdNote,
  labelWidth,
  renderTree,
  shortIdOf,
  spanDetailText
} from "./lib/chunk-KUWHRL37.mjs";
import "./lib/chunk-SUSXR56T.mjs";
import {
  argumentLeaves,
  decidedAt,
  extractValues,
  nameEvidence,
  normaliseText,
  passageOf,
  sentencesOf,
  valueEvidence,
  wantsEarlierTurns
} from "./lib/chunk-MWQ5YTIN.mjs";
import "./lib/chunk-B4YWSYFA.mjs";
import {
  paint,
  rawJsonLines,
  renderBudgeted
} from "./lib/chunk-NTVFJSFG.mjs";
import "./lib/chunk-2IPHA5SA.mjs";
import {
  nameRef,
  resolveSpan
} from "./lib/chunk-5R3F2B7O.mjs";
import "./lib/chunk-XMU4V6IM.mjs";
import {
  DEFAULT_MAX_CHARS,
  SkillError,
  buildTree,
  cacheStatus,
  clipKeeping,
  commandFor,
  count,
  defineCommand,
  descendants,
  flag,
  oneLine,
  plural,
  runCommand,
  text
} from "./lib/chunk-V3PRQPWM.mjs";

// scripts/lib/analysis/trace/evidence.ts
var EVIDENCE_LIMITS = { sentences: 30, calls: 20, valuesPerItem: 8, sources: 400, passageChars: 1e6 };
var HEURISTIC = "values found by pattern (ids, emails, numbers with their noun, dates and times, quoted names, short names in arguments) and compared by reading; support is the passage sharing the most content words";
var NAME_ARG = /^[\p{L}][\p{L}\p{N}]*(?:[ _.\-/][\p{L}\p{N}]+){0,3}$/u;
var QUOTED = /["“«`]([^"”»`\n]{2,60})["”»`]/g;
function traceEvidence(p) {
  const cut = { sentences: 0, calls: 0, values: 0 };
  const calls = [];
  const byArgs = /* @__PURE__ */ new Map();
  for (const c of p.calls) {
    const same = byArgs.get(`${c.tool}\0${c.argsText}`);
    if (same) {
      same.repeats++;
      continue;
    }
    if (calls.length >= EVIDENCE_LIMITS.calls) {
      cut.calls++;
      continue;
    }
    const cutoff = decidedAt(p, c.startMs);
    const given = givenBefore(p, cutoff);
    const values = argumentLeaves(c.args(), 50).flatMap((leaf) => argumentValues(p, leaf.key, leaf.value, given, cutoff));
    cut.values += Math.max(0, values.length - EVIDENCE_LIMITS.valuesPerItem);
    const call = { spanId: c.node.span.id, ref: p.ref(c.node), tool: c.tool, repeats: 1, values: values.slice(0, EVIDENCE_LIMITS.valuesPerItem) };
    byArgs.set(`${c.tool}\0${c.argsText}`, call);
    calls.push(call);
  }
  const reply = [];
  if (p.reply) {
    const cutoff = decidedAt(p, p.reply.atMs);
    const given = givenBefore(p, cutoff);
    const passages = passagesOf(given);
    const sentences = splitSentences(p.reply.text);
    cut.sentences = Math.max(0, sentences.length - EVIDENCE_LIMITS.sentences);
    for (const sentence of sentences.slice(0, EVIDENCE_LIMITS.sentences)) {
      const values = [
        ...onePerText(extractValues(sentence)).map((v) => valueEvidence(p, v, given, cutoff)),
        ...quotedNames(sentence).map((n) => nameEvidence(p, n, given, null))
      ];
      cut.values += Math.max(0, values.length - EVIDENCE_LIMITS.valuesPerItem);
      reply.push({ sentence, support: bestPassage(p, sentence, passages), values: values.slice(0, EVIDENCE_LIMITS.valuesPerItem) });
    }
  }
  return { reply, calls, cut, heuristic: HEURISTIC };
}
var onePerText = (values) => values.filter((v, i) => !values.slice(0, i).some((w) => w.text === v.text && w.index === v.index));
function givenBefore(p, cutoff) {
  return p.sources.filter((s) => s.atMs <= cutoff).slice(0, EVIDENCE_LIMITS.sources);
}
function argumentValues(p, key, value, given, cutoff) {
  const bound = key || null;
  if (/^-?\d+(\.\d+)?$/.test(value)) {
    const v = extractValues(value)[0];
    return v ? [valueEvidence(p, v, given, cutoff, bound)] : [];
  }
  if (value.length > 300) return [];
  const values = extractValues(value).map((v) => valueEvidence(p, v, given, cutoff, bound));
  if (!values.length && NAME_ARG.test(value.trim()) && new RegExp("\\p{L}{2}", "u").test(value)) values.push(nameEvidence(p, value.trim(), given, bound));
  return values;
}
function quotedNames(sentence) {
  return [...sentence.matchAll(QUOTED)].map((m) => (m[1] ?? "").trim()).filter((s) => new RegExp("\\p{L}", "u").test(s) && s.split(/\s+/).length <= 8);
}
function splitSentences(text2) {
  return sentencesOf(text2.slice(0, 2e4)).filter((s) => /[\p{L}\p{N}]/u.test(s));
}
var STOP = new Set("the and for with that this you your are was were have has from not can will our its into per each all any".split(" "));
var contentWords = (s) => new Set(
  normaliseText(s).split(" ").filter((w) => w.length >= 3 && !STOP.has(w))
);
function passagesOf(given) {
  const out = [];
  let chars = 0;
  const ordered = [...given].sort((a, b) => Number(/^\s*[[{]/.test(a.text)) - Number(/^\s*[[{]/.test(b.text)));
  for (const source of ordered) {
    if (chars > EVIDENCE_LIMITS.passageChars) break;
    chars += source.text.length;
    for (const m of source.text.matchAll(/[^\n.!?]+[.!?]*/g)) {
      const words = contentWords(m[0]);
      if (words.size) out.push({ source, at: m.index, words });
    }
  }
  return out;
}
function bestPassage(p, sentence, passages) {
  const words = contentWords(sentence);
  if (!words.size) return null;
  let best = null;
  let bestShared = 0;
  for (const ps of passages) {
    let shared = 0;
    for (const w of words) if (ps.words.has(w)) shared++;
    if (shared > bestShared) [best, bestShared] = [ps, shared];
  }
  if (!best || bestShared / words.size < 1 / 3) return null;
  return { ...passageOf(p, best.source, best.at), shared: bestShared };
}

// scripts/lib/render/evidence-view.ts
var MARK = { same: "=", different: "≠", nowhere: "?" };
var PROMPT_PART = {
  system: "the system prompt",
  "tool-output": "a tool message",
  "model-output": "an assistant message"
};
function sourceLabel(s) {
  if (s.turn) {
    const what = s.turn.tool ? `the output of \`${s.turn.tool}\`` : s.kind === "user" ? "the user message" : "the reply";
    return `${what} in turn ${s.turn.n} of the session (${s.turn.traceId})`;
  }
  const span = `\`${s.ref}\``;
  if (s.inPrompt && s.kind !== "user") return `${PROMPT_PART[s.kind] ?? "the input"} of ${span}`;
  switch (s.kind) {
    case "user":
      return "the user message";
    case "system":
      return `the system prompt of ${span}`;
    case "document": {
      const rank = s.rank !== null ? `, rank ${s.rank}${s.score !== null ? `, score ${Number.isInteger(s.score) ? s.score : s.score.toFixed(2)}` : ""}` : "";
      return `${s.docId ? `document \`${s.docId}\`` : "a document"} of ${span}${rank}`;
    }
    case "tool-output":
      return `the output of ${span}`;
    case "model-output":
      return `an earlier output of ${span}`;
    default:
      return `span ${span}`;
  }
}
var passage = (s, max = 160, keep = []) => `"${clipKeeping(oneLine(s.passage), max, keep)}"`;
function valueLine(v, argument = false) {
  const shown = v.kind === "name" ? `"${v.text}"` : v.text;
  const what = argument ? `${v.boundTo ? `${v.boundTo}=` : ""}${shown}` : `${shown}${v.kind === "quantity" && v.boundTo ? ` (${v.boundTo})` : ""}`;
  const note = v.note ? ` (${v.note})` : "";
  const head = `${MARK[v.verdict]} ${what} — ${v.verdict}${note}`;
  const src = v.sources[0];
  if (v.verdict === "same")
    return src ? `${head}: ${sourceLabel(src)} ${passage(src, 160, [v.text])}${v.sources.length > 1 ? `; also ${sourceLabel(v.sources[1])}` : ""}` : head;
  if (v.verdict === "different" && src) return `${head}: ${sourceLabel(src)} says ${v.other ?? "?"} ${passage(src, 160, v.other ? [v.other] : [])}`;
  if (!v.candidates.length) return `${head}: in nothing the model had`;
  return `${head}; nearest: ${v.candidates.map((c) => `${c.text} in ${sourceLabel(c.source)} (${c.how})`).join("; ")}`;
}
function sentenceLines(s, i) {
  const lines = [
    `  ${i + 1}. "${clipKeeping(
      oneLine(s.sentence),
      240,
      s.values.map((v) => v.text)
    )}"`
  ];
  const none = paint.dim("best support: no passage shares a third of its words");
  lines.push(`     ${s.support ? `best support: ${sourceLabel(s.support)} ${passage(s.support, 200)}` : none}`);
  for (const v of s.values) lines.push(`     ${valueLine(v)}`);
  return lines;
}
function firstDoubt(e) {
  for (const c of e.calls) if (c.values.some((v) => v.verdict !== "same")) return { span: c.ref };
  for (const s of e.reply)
    for (const v of s.values) {
      if (v.verdict === "same") continue;
      const at = v.sources[0] ?? v.candidates[0]?.source;
      return at ? at.turn ? { trace: at.turn.traceId } : { span: at.ref } : null;
    }
  return null;
}
function evidenceSections(e, more) {
  const counts = { same: 0, different: 0, nowhere: 0 };
  for (const v of [...e.calls.flatMap((c) => c.values), ...e.reply.flatMap((s) => s.values)]) counts[v.verdict]++;
  const head = [
    paint.head(`EVIDENCE — where each value the model produced came from (= same · ≠ different · ? nowhere; judged on what the model had when it decided)`),
    `  ${counts.same} same, ${counts.different} different, ${counts.nowhere} nowhere — heuristic: ${e.heuristic}`
  ];
  const cut = [
    e.cut.calls ? `${plural(e.cut.calls, "more call")}` : "",
    e.cut.sentences ? `${plural(e.cut.sentences, "more sentence")}` : "",
    e.cut.values ? `${plural(e.cut.values, "more value")}` : ""
  ].filter(Boolean);
  if (cut.length) head.push(`  not shown (bounds): ${cut.join(", ")}`);
  const calls = [paint.head(`TOOL ARGUMENTS — ${plural(e.calls.length, "distinct call")}`)];
  for (const c of e.calls) {
    const ref = c.ref === c.tool ? "" : ` (\`${c.ref}\`)`;
    const repeats = c.repeats > 1 ? ` (×${c.repeats} with the same arguments)` : "";
    calls.push(`  ${c.tool}${ref}${repeats}${c.values.length ? "" : " — no checkable value"}`);
    for (const v of c.values) calls.push(`    ${valueLine(v, true)}`);
  }
  const reply = [paint.head(`REPLY — ${plural(e.reply.length, "sentence")}, each beside the passage that best supports it`)];
  if (!e.reply.length) reply.push("  (no reply text found)");
  e.reply.forEach((s, i) => {
    reply.push(...sentenceLines(s, i));
  });
  return [
    { name: "evidence", priority: 0, lines: head },
    ...e.calls.length ? [{ name: "tool arguments", priority: 2, lines: calls, more }] : [],
    { name: "reply evidence", priority: 1, lines: reply, more }
  ];
}

// scripts/lib/render/span-view.ts
var RESERVE = 600;
var SMALL_SUBTREE = 40;
function childBlocks(tree, node, room, opts) {
  const base = { ...DEFAULT_TREE };
  const kids = node.children;
  const all = descendants(node);
  let blocks = [];
  let heading = "";
  let whole = false;
  if (!kids.length) return { count: 0, block: (i) => blocks[i] ?? "", heading, whole };
  if (all.length <= SMALL_SUBTREE) {
    const text2 = renderTree(tree, kids, {
      ...base,
      maxChildren: Infinity,
      maxSpans: Infinity,
      spanCommand: opts.spanCommand,
      asChildren: { lastIsFinal: true }
    }).lines.join("\n");
    if (text2.length <= room) {
      blocks = [text2];
      whole = true;
    }
    heading = `SUBTREE (${plural(kids.length, "child", "children")}, ${plural(all.length, "span")})`;
  }
  if (!blocks.length) {
    const order = childOrder(tree, node);
    const width = labelWidth(tree, order, 3);
    const drawn = [];
    const block = (i) => drawn[i] ??= renderTree(tree, [order[i]], {
      ...base,
      maxDepth: 0,
      maxSpans: Infinity,
      spanCommand: opts.spanCommand,
      width,
      asChildren: { lastIsFinal: i === order.length - 1 }
    }).lines.join("\n");
    const errorsFirst = order !== kids ? "; failing ones and the path to them first" : "";
    const counts = `${plural(kids.length, "child", "children")}, ${plural(all.length, "span")} below${errorsFirst}`;
    heading = `CHILDREN (${counts}; a child's own subtree: ${opts.spanCommand("<id>")})`;
    return { count: order.length, block, heading, whole };
  }
  return { count: blocks.length, block: (i) => blocks[i] ?? "", heading, whole };
}
function packPages(textStarts, textLength, { count: count2, block, heading }, room, upTo = count2) {
  const pages = [];
  textStarts.forEach((from, t) => pages.push({ textFrom: from, textTo: textStarts[t + 1] ?? textLength, childFrom: 0, childTo: 0 }));
  let cur = pages[pages.length - 1];
  let used = cur.textTo - cur.textFrom + heading.length + 1;
  for (let i = 0; i < upTo; i++) {
    const size = block(i).length + 1;
    if (used + size > room && (cur.childTo > cur.childFrom || cur.textTo > cur.textFrom)) {
      cur = { textFrom: 0, textTo: 0, childFrom: i, childTo: i };
      pages.push(cur);
      used = heading.length + 200;
    }
    if (cur.childTo === cur.childFrom) cur.childFrom = i;
    cur.childTo = i + 1;
    used += size;
  }
  return pages;
}
function renderPage(trace, node, detail, pages, children, opts, page) {
  const { count: count2, block, heading, whole: oneBlock } = children;
  const kids = node.children;
  const p = pages[page - 1];
  const out = [];
  if (page > 1) out.push(paint.head(`Span ${node.span.name} (${node.span.id}) in ${trace.info.traceId} — page ${page} of ${pages.length}`));
  if (p.textTo > p.textFrom) out.push(detail.slice(p.textFrom, p.textTo));
  const textLeft = detail.length - p.textTo;
  if (p.textTo > p.textFrom && textLeft > 0) {
    out.push(`… page ${page} of ${pages.length} (${textLeft.toLocaleString("en-US")} more chars); next: ${opts.pageCommand(page + 1)}`);
    return out.join("\n");
  }
  if (p.childTo > p.childFrom) {
    out.push(
      "",
      paint.head(
        p.childFrom === 0 ? heading : `${heading.replace(/ \(.*$/, "")} ${oneBlock ? "" : `${p.childFrom + 1}–${p.childTo} of ${kids.length}`} (continued)`
      )
    );
    for (let i = p.childFrom; i < p.childTo; i++) out.push(block(i));
    if (!oneBlock && p.childTo < count2) {
      out.push(
        paint.dim(
          `… children ${p.childTo + 1}–${count2} of ${node.span.name} (${count2 - p.childTo} more) on page ${page + 1} of ${pages.length}: ${opts.pageCommand(page + 1)}`
        )
      );
    }
  } else if (kids.length && page < pages.length) {
    out.push("", paint.dim(`${heading} on page ${page + 1}: ${opts.pageCommand(page + 1)}`));
  }
  if (pages.length > 1 && page === pages.length) out.push(paint.dim(`(page ${page} of ${pages.length}, the last)`));
  return out.join("\n");
}
function spanView(trace, tree, node, opts) {
  const detail = `${opts.note ? `${opts.note}
` : ""}${spanDetailText(trace, tree, node)}`;
  const room = Math.max(400, opts.maxChars - RESERVE);
  const children = childBlocks(tree, node, room, opts);
  const starts = pageStarts(detail, room);
  let all;
  const pages = () => all ??= packPages(starts, detail.length, children, room);
  const pageOfChild = (index) => {
    if (children.whole || !children.count)
      return Math.max(1, packPages(starts, detail.length, children, room, Math.min(1, children.count)).findIndex((p) => p.childTo > p.childFrom) + 1);
    const i = Math.min(Math.max(0, index), children.count - 1);
    return packPages(starts, detail.length, children, room, i + 1).findIndex((p) => p.childFrom <= i && i < p.childTo) + 1;
  };
  return {
    get pages() {
      return pages().length;
    },
    pageOfChild,
    render: (page) => renderPage(trace, node, detail, pages(), children, opts, page)
  };
}
function pageStarts(text2, room) {
  const starts = [0];
  for (let at = 0; text2.length - at > room; ) {
    let end = at + room;
    const half = at + Math.floor(room * 0.5);
    const nlInPage = text2.slice(half, end).lastIndexOf("\n");
    if (nlInPage >= 0) end = half + nlInPage + 1;
    else {
      for (let i = end - 1; i >= at + room * 0.8; i--) {
        if (text2[i] !== " ") continue;
        const before = text2.slice(Math.max(at, i - 12), i);
        if (/[:=]\s*$|\b(?:Bearer|Basic|Token)\s*$/i.test(before) || /^\s*[:=]/.test(text2.slice(i, i + 3))) continue;
        end = i + 1;
        break;
      }
    }
    starts.push(end);
    at = end;
  }
  return starts;
}

// scripts/lib/commands/trace/inspect-turn.ts
var inspectTurn = defineCommand({
  name: "inspect_turn",
  summary: "One MLflow trace in depth: span tree (status, type, total/self time, waterfall, input/output previews),\nerror spans with exceptions, assessments, and where the turn's input and output live. One mlflow call.",
  args: TRACE_ARGS,
  options: {
    ...TRACE_SOURCE_OPTIONS,
    span: text(
      "KEY",
      "one span whole: decoded attributes, inputs, outputs, events, its children.\nKEY: the id printed in the tree (8 hex chars; any unique prefix of 6+), the full\nhex id, the base64 id as the JSON holds it, a name (the first in start order),\nor NAME#N (the N-th span of that name in start order)"
    ),
    page: count("N", "with --span: page N of the span view (long values, then its children)"),
    evidence: flag(
      "where each value the model produced came from: every tool argument and each sentence of the\nreply beside the passage that best supports it, values marked same / different / nowhere\n(with the nearest candidates); a heuristic"
    )
  },
  async run({ args, opts }) {
    const job = await loadTraceJob({ ...opts, traceId: args.traceId });
    const tree = buildTree(job.trace.spans);
    const views = viewsOf(job, tree, opts.maxChars);
    if (opts.span && opts.evidence) throw new SkillError("usage", "--evidence shows the whole turn: give --span or --evidence, not both.");
    if (opts.span) return oneSpan(job, tree, views, opts.span, opts.page ?? 1);
    const facts = traceFacts(job.trace, tree);
    if (opts.evidence) return evidenceView(job, facts, views, opts);
    if (opts.page !== void 0)
      throw new SkillError("usage", "--page pages a span view: give --span too.", { hint: `e.g. ${views.spanCommand("<span_id>")} --page 2` });
    return wholeTrace(job, facts, views, opts.maxChars, await earlierTurnsOf(job, facts, opts));
  }
});
function viewsOf(job, tree, maxChars) {
  const keep = maxChars !== DEFAULT_MAX_CHARS ? ["--max-chars", String(maxChars)] : [];
  const spanCommand = (id) => job.again("inspect_turn", ["--span", id, ...keep]);
  const pageArgs = (id, page) => ["--span", id, ...page > 1 ? ["--page", String(page)] : [], ...keep];
  const views = /* @__PURE__ */ new Map();
  const viewOf = (node, note) => {
    let v = views.get(node);
    if (!v) {
      v = spanView(job.trace, tree, node, { maxChars, spanCommand, pageCommand: (p) => job.again("inspect_turn", pageArgs(node.span.id, p)), note });
      views.set(node, v);
    }
    return v;
  };
  const childrenCommand = (parent, from) => job.again("inspect_turn", pageArgs(parent.span.id, viewOf(parent).pageOfChild(from)));
  return { spanCommand, viewOf, childrenCommand };
}
var traceJsonLines = (job) => rawJsonLines("trace", job.files.slice(0, 1), { fromUserFile: job.fromFile, idNote: jsonIdNote(job.trace.format), cache: cacheStatus() });
function oneSpan(job, tree, views, key, page) {
  const ref = resolveSpan(tree, key, job.trace.info.traceId);
  const node = ref.node;
  const s = node.span;
  const view = views.viewOf(node, sameNameNote(tree, ref));
  if (page > view.pages)
    throw new SkillError("usage", `--page ${page}: the view of span ${node.span.name} has ${view.pages === 1 ? "1 page" : `${view.pages} pages`}.`);
  return {
    json: {
      traceId: job.trace.info.traceId,
      span: { ...s, attributes: { ...s.rawAttributes } },
      ref: nameRef(tree, node),
      childIds: node.children.map((c) => c.span.id),
      matches: ref.sameName.map((n) => n.span.id)
    },
    files: { traceJson: job.files[0] ?? null },
    text: () => [view.render(page), ...traceJsonLines(job)].join("\n")
  };
}
function wholeTrace(job, facts, views, maxChars, earlier) {
  const tree = facts.tree;
  const report = reportOf(facts, earlier);
  const spans = () => tree.nodes.map((n) => ({
    spanId: n.span.id,
    parentId: n.parent?.span.id ?? null,
    name: n.span.name,
    ref: nameRef(tree, n),
    status: n.span.status,
    startMs: n.span.startMs,
    endMs: n.span.endMs,
    depth: n.depth,
    anomaly: n.anomaly
  }));
  const inspect = job.again("inspect_turn");
  return {
    json: {
      ...report,
      // Built only when --json prints it: the text view does not read 30,000 span records.
      get spans() {
        return spans();
      }
    },
    files: { traceJson: job.files[0] ?? null },
    text: () => {
      const follow = {
        inspect,
        inspectSpan: views.spanCommand,
        locate: (id) => job.again("locate_code", ["--span", id]),
        health: job.again("health_check")
      };
      const footer = [...traceJsonLines(job), `One span whole: ${views.spanCommand("<span_id|name|NAME#N>")}`];
      const sections = inspectSections(report, tree, follow, { spanCommand: views.spanCommand, childrenCommand: views.childrenCommand, maxChars });
      return renderBudgeted(sections, footer, maxChars, `${inspect} --json`).text;
    }
  };
}
var sameSource = (job) => job.fromFile && job.files[0] ? ["--from-file", job.files[0]] : [];
var doubted = (e) => [...e.calls.flatMap((c) => c.values), ...e.reply.flatMap((s) => s.values)].some((v) => v.verdict !== "same");
async function evidenceView(job, facts, views, opts) {
  let evidence = traceEvidence(facts.provenance);
  const earlier = await earlierTurnsOf(job, facts, opts, (f) => doubted(evidence) || wantsEarlierTurns(f.provenance));
  const report = reportOf(facts, earlier);
  if (earlier.length) evidence = traceEvidence(facts.provenance);
  const again = job.again("inspect_turn", ["--evidence"]);
  return {
    json: { traceId: job.trace.info.traceId, evidence, earlierTurnsRead: earlier.length },
    files: { traceJson: job.files[0] ?? null },
    text: () => {
      const sections = [{ name: "header", priority: 0, lines: headerLines(report) }, ...evidenceSections(evidence, `${again} --json`)];
      const doubt = firstDoubt(evidence);
      const notFound = "the first value not found as written";
      const footer = [
        ...traceJsonLines(job),
        doubt && "trace" in doubt ? `Next: ${commandFor("inspect_turn", [doubt.trace, ...sameSource(job)])}  (${notFound}: the earlier turn holding its nearest spelling)` : doubt ? `Next: ${views.spanCommand(doubt.span)}  (${notFound}: its span whole)` : `Next: ${job.again("inspect_turn")}  (the span tree)`
      ];
      return renderBudgeted(sections, footer, opts.maxChars, `${again} --json`).text;
    }
  };
}
function sameNameNote(tree, ref) {
  if (ref.sameName.length < 2) return void 0;
  const name = ref.node.span.name;
  const form = (n) => `${name}#${ref.sameName.indexOf(n) + 1} (${shortIdOf(tree, n)})`;
  const failed = ref.sameName.filter((n) => n.span.status === "ERROR");
  const list = ref.sameName.slice(0, 8).map(form).join(", ") + (ref.sameName.length > 8 ? `, … ${name}#${ref.sameName.length}` : "");
  const failedPart = failed.length ? ` Failed: ${failed.slice(0, 5).map(form).join(", ")}${failed.length > 5 ? `, … ${failed.length - 5} more` : ""}.` : "";
  return paint.warn(`${ref.sameName.length} spans are named ${name}; this is ${nameRef(tree, ref.node)} (in start order).${failedPart} All: ${list}`);
}

// scripts/inspect_turn.ts
await runCommand(inspectTurn);
