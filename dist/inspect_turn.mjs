#!/usr/bin/env -S npx tsx
import {
  analyseTrace,
  errorLines,
  headerLines,
  help,
  loadTraceJob,
  selfTimeMs,
  singleTraceOptions,
  tokenLines
} from "./lib/chunk-PAOLVAAN.mjs";
import "./lib/chunk-IAW2BIP2.mjs";
import {
  SkillError,
  ancestry,
  assessmentLines,
  attr,
  bool,
  buildTree,
  clip,
  descendants,
  durationOf,
  endOf,
  fmtMs,
  fmtValue,
  mlflowCallCount,
  num,
  oneLine,
  paint,
  parseFlags,
  plural,
  renderBudgeted,
  runScript,
  spanExceptions,
  spanInputs,
  spanOutputs,
  spanType,
  str,
  summariseAssessments,
  textOrPreview
} from "./lib/chunk-YPYMG2EK.mjs";

// scripts/lib/render/tree.ts
var DEFAULT_TREE = { maxDepth: 10, maxChildren: 12, maxSpans: 150, previews: true, barWidth: 24 };
function mark(node) {
  if (node.span.status === "ERROR") return paint.error("✗");
  if (node.span.status === "OK") return paint.ok("✓");
  return paint.dim("○");
}
function bar(node, t0, total, width) {
  if (total <= 0) return "";
  const a = Math.floor((node.span.startMs - t0) / total * width);
  const b = Math.max(a + 1, Math.ceil((endOf(node.span) - t0) / total * width));
  const cells = Array.from({ length: width }, (_, i) => i >= a && i < Math.min(b, width) ? "=" : ".");
  return `|${cells.join("")}|`;
}
function spanLabel(node, t0) {
  const s = node.span;
  const type = spanType(s);
  const dur = durationOf(s);
  const self = selfTimeMs(node);
  const anomaly = node.anomaly ? paint.warn(` (${node.anomaly})`) : "";
  const timing = dur === null ? paint.warn("never ended") : `${fmtMs(dur)}${node.children.length ? ` (self ${fmtMs(self)})` : ""}`;
  return `${mark(node)} ${s.name}${type ? ` [${type}]` : ""} ${timing} +${fmtMs(s.startMs - t0)}${anomaly}`;
}
function previewLines(node, max = 110) {
  const lines = [];
  const i = spanInputs(node.span);
  const o = spanOutputs(node.span);
  const it = i ? textOrPreview(i.value, "in", max + 20) : null;
  const ot = o ? textOrPreview(o.value, "out", max + 20) : null;
  if (it) lines.push(`in:  ${clip(oneLine(it.text), max)}`);
  if (ot) lines.push(`out: ${clip(oneLine(ot.text), max)}`);
  if (node.span.status === "ERROR" && node.span.statusMessage) lines.push(paint.error(`err: ${clip(oneLine(node.span.statusMessage), max)}`));
  return lines;
}
function renderTree(tree, starts, opts) {
  const all = tree.nodes;
  const t0 = all.reduce((m, n) => Math.min(m, n.span.startMs), Number.POSITIVE_INFINITY);
  const t1 = all.reduce((m, n) => Math.max(m, endOf(n.span)), Number.NEGATIVE_INFINITY);
  const total = t1 - t0;
  const rows = [];
  const extra = [];
  let shown = 0;
  let hidden = 0;
  const baseDepth = starts[0]?.depth ?? 0;
  const stack = starts.map((n) => ({ node: n, prefix: "", childPrefix: "" })).reverse();
  while (stack.length) {
    const item = stack.pop();
    if ("more" in item) {
      rows.push({ label: paint.dim(item.more), prefix: item.prefix, node: null, childPrefix: "" });
      continue;
    }
    const { node } = item;
    if (shown >= opts.maxSpans) {
      hidden += 1 + descendants(node).length;
      continue;
    }
    shown += 1;
    rows.push({ label: spanLabel(node, t0), prefix: item.prefix, node, childPrefix: item.childPrefix });
    const kids = node.children;
    if (!kids.length) continue;
    const depth = node.depth - baseDepth;
    if (depth + 1 > opts.maxDepth) {
      const n = descendants(node).length;
      hidden += n;
      stack.push({ more: `+${n} more spans below (${opts.spanCommand(node.span.id)})`, prefix: `${item.childPrefix}└─ ` });
      continue;
    }
    const visible = kids.slice(0, opts.maxChildren);
    const rest = kids.length - visible.length;
    const pending = [];
    visible.forEach((child, idx) => {
      const last = idx === visible.length - 1 && rest === 0;
      pending.push({ node: child, prefix: `${item.childPrefix}${last ? "└─ " : "├─ "}`, childPrefix: `${item.childPrefix}${last ? "   " : "│  "}` });
    });
    if (rest > 0) {
      const n = kids.slice(opts.maxChildren).reduce((s, c) => s + 1 + descendants(c).length, 0);
      hidden += n;
      pending.push({ more: `+${rest} more children (${n} spans) of ${node.span.name} (${opts.spanCommand(node.span.id)})`, prefix: `${item.childPrefix}└─ ` });
    }
    for (let i = pending.length - 1; i >= 0; i--) stack.push(pending[i]);
  }
  if (hidden && shown >= opts.maxSpans) extra.push(paint.dim(`… ${hidden} more spans not drawn (limit ${opts.maxSpans}); see one subtree with ${opts.spanCommand("<span_id>")} or read the JSON`));
  const width = Math.min(72, Math.max(...rows.map((r) => r.prefix.length + visibleLength(r.label)), 0));
  const lines = [];
  for (const r of rows) {
    if (!r.node) {
      lines.push(`${r.prefix}${r.label}`);
      continue;
    }
    const head = `${r.prefix}${r.label}`;
    const pad = Math.max(1, width - r.prefix.length - visibleLength(r.label) + 1);
    lines.push(opts.barWidth ? `${head}${" ".repeat(pad)}${paint.dim(bar(r.node, t0, total, opts.barWidth))}` : head);
    if (opts.previews) {
      const cont = r.childPrefix + (r.node.children.length ? "│  " : "   ");
      for (const p of previewLines(r.node)) lines.push(`${cont}${paint.dim(p)}`);
    }
  }
  return { lines: [...lines, ...extra], hidden };
}
var visibleLength = (s) => s.replace(/\u001b\[[0-9;]*m/g, "").length;

// scripts/lib/render/inspect.ts
function inspectSections(r, tree, follow, spanCommand) {
  const sections = [{ name: "header", priority: 0, lines: headerLines(r) }];
  const t = renderTree(tree, tree.roots, { ...DEFAULT_TREE, spanCommand });
  sections.push({ name: "span tree", priority: 4, lines: [paint.head(`SPAN TREE — ${plural(r.spanCount, "span")} (✓ OK  ✗ ERROR  ○ UNSET, not an error; waterfall on the trace's time axis)`), ...t.lines], more: spanCommand("<span_id>") });
  sections.push({ name: "errors", priority: 2, lines: errorLines(r, follow, 3e3) });
  const a = r.assessments;
  const n = a.verdicts.length + a.scorerErrors.length + a.expectations.length + a.overridden.length + a.issues.length;
  if (n) sections.push({ name: "assessments", priority: 3, lines: [paint.head(`ASSESSMENTS (${n}; span-level ones name their span)`), ...assessmentLines(a, "  ", 600)] });
  const io = r.turn;
  const ioLines = [paint.head("WHERE THE TURN LIVES")];
  if (r.root) ioLines.push(`  root ${r.root.name} attribute keys: ${r.root.attributeKeys.join(", ") || "(none)"}`);
  ioLines.push(`  ${io.rootIsWrapper ? `root is a wrapper; the turn is on span "${io.spanName}" (depth ${io.depth}, ${io.spanId})` : `the root span carries the turn`}`);
  if (io.inputs) ioLines.push(`  inputs:  ${io.inputs.key} [${io.inputs.convention}]${io.user ? ` → ${io.user.shape}` : ""}`);
  if (io.outputs) ioLines.push(`  outputs: ${io.outputs.key} [${io.outputs.convention}]${io.reply ? ` → ${io.reply.shape}` : ""}`);
  if (io.user) ioLines.push(`  user:  ${clip(oneLine(io.user.text), 400)}`);
  if (io.reply) ioLines.push(`  reply: ${clip(oneLine(io.reply.text), 400)}`);
  sections.push({ name: "turn", priority: 1, lines: ioLines });
  sections.push({ name: "tokens", priority: 5, lines: tokenLines(r) });
  if (r.warnings.length) sections.push({ name: "warnings", priority: 1, lines: [paint.head("WARNINGS"), ...r.warnings.map((w) => `  ${paint.warn("!")} ${w}`)] });
  if (r.link) sections.push({ name: "link", priority: 0, lines: [`MLflow UI: ${r.link}`] });
  return sections.filter((s) => s.lines.length);
}
function findSpan(tree, key) {
  const byId = tree.byId.get(key) ?? tree.byId.get(key.toLowerCase());
  if (byId) return [byId];
  return tree.nodes.filter((n) => n.span.name === key);
}
var pretty = (v) => {
  if (typeof v === "string") return v;
  try {
    return JSON.stringify(v, null, 2) ?? String(v);
  } catch {
    return String(v);
  }
};
function spanDetailText(trace, tree, node, spanCommand) {
  const s = node.span;
  const out = [];
  out.push(paint.head(`Span ${s.name} (${s.id}) in ${trace.info.traceId}`));
  out.push(`type ${spanType(s) ?? "?"} · status ${s.status}${s.statusMessage ? ` (${s.statusMessage})` : ""} · ${fmtMs(durationOf(s))} (self ${fmtMs(selfTimeMs(node))})`);
  out.push(`path: ${[...ancestry(node).map((a) => a.span.name), s.name].join(" › ")}`);
  if (node.parent) out.push(`parent: ${node.parent.span.name} (${node.parent.span.id})`);
  const i = spanInputs(s);
  const o = spanOutputs(s);
  if (i) out.push("", paint.head(`INPUTS (${i.key})`), pretty(i.value));
  if (o) out.push("", paint.head(`OUTPUTS (${o.key})`), pretty(o.value));
  const exceptions = spanExceptions(s);
  if (exceptions.length) {
    out.push("", paint.head("EXCEPTIONS"));
    for (const e of exceptions) out.push(`${e.type}: ${e.message}`, ...e.stackTrace ? [e.stackTrace] : []);
  }
  const others = s.events.filter((e) => e.name !== "exception");
  if (others.length) out.push("", paint.head("EVENTS"), ...others.map((e) => `${e.name} ${fmtValue(e.attributes)}`));
  const own = trace.info.assessments.filter((a) => a.spanId === s.id);
  if (own.length) out.push("", paint.head("ASSESSMENTS ON THIS SPAN"), ...assessmentLines(summariseAssessments(own, tree)));
  out.push("", paint.head("ATTRIBUTES (JSON-decoded)"));
  const skip = /* @__PURE__ */ new Set([i?.key, o?.key]);
  for (const key of Object.keys(s.rawAttributes)) {
    if (skip.has(key)) continue;
    out.push(`${key}: ${oneLine(pretty(attr(s, key)))}`);
  }
  if (node.children.length) {
    out.push("", paint.head(`SUBTREE (${node.children.length} children)`));
    out.push(...renderTree(tree, [node], { ...DEFAULT_TREE, maxSpans: 60, spanCommand }).lines);
  }
  return out.join("\n");
}
function pageOf(text, maxChars, page, nextCommand) {
  const room = Math.max(200, maxChars - 200);
  const pages = Math.max(1, Math.ceil(text.length / room));
  const p = Math.min(Math.max(1, page), pages);
  const body = text.slice((p - 1) * room, p * room);
  if (pages === 1) return body;
  const tail = p < pages ? `… page ${p} of ${pages} (${(text.length - p * room).toLocaleString("en-US")} more chars); next: ${nextCommand(p + 1)}` : `(page ${p} of ${pages}, the last)`;
  return `${body}
${tail}`;
}

// scripts/inspect_turn.ts
var HELP = help(
  "Usage: inspect_turn <TRACE_ID> [options]\n\nOne MLflow trace in depth: span tree (status, type, total/self time, waterfall, input/output previews),\nerror spans with exceptions, assessments, and where the turn's input and output live. One mlflow call.",
  singleTraceOptions("  --span ID|NAME     one span whole: decoded attributes, inputs, outputs, events, subtree\n  --page N           with --span: page N of a long span (pages of --max-chars)\n")
);
await runScript(async (argv) => {
  const flags = parseFlags(argv, { string: ["trace-id", "span"], number: ["page"] });
  if (bool(flags, "help")) return HELP;
  const job = await loadTraceJob(flags);
  const tree = buildTree(job.trace.spans);
  const spanCommand = (id) => job.again("inspect_turn", ["--span", id]);
  const spanKey = str(flags, "span");
  if (spanKey) {
    const found = findSpan(tree, spanKey);
    const node = found[0];
    if (!node) throw new SkillError("usage", `No span ${JSON.stringify(spanKey)} in trace ${job.trace.info.traceId}.`, { hint: `Span ids and names are in the tree: ${job.again("inspect_turn")}` });
    if (bool(flags, "json")) {
      const s = node.span;
      return JSON.stringify({ traceId: job.trace.info.traceId, span: { ...s, attributes: Object.fromEntries(Object.keys(s.rawAttributes).map((k) => [k, s.rawAttributes[k]])) }, childIds: node.children.map((c) => c.span.id), matches: found.length, files: { traceJson: job.files[0] ?? null }, mlflowCalls: mlflowCallCount() }, null, 2);
    }
    const text = spanDetailText(job.trace, tree, node, spanCommand);
    const note = found.length > 1 ? `(${found.length} spans are named ${spanKey}; this is the first — pass a span id for another)
` : "";
    const paged = pageOf(note + text, job.maxChars - 200, num(flags, "page", 1), (p) => job.again("inspect_turn", ["--span", node.span.id, "--page", String(p)]));
    return `${paged}
Full trace JSON: ${job.files[0]}`;
  }
  const report = analyseTrace(job.trace, tree);
  if (bool(flags, "json")) {
    const spans = tree.nodes.map((n) => ({ spanId: n.span.id, parentId: n.parent?.span.id ?? null, name: n.span.name, status: n.span.status, startMs: n.span.startMs, endMs: n.span.endMs, depth: n.depth, anomaly: n.anomaly }));
    return JSON.stringify({ ...report, spans, files: { traceJson: job.files[0] ?? null }, mlflowCalls: mlflowCallCount() }, null, 2);
  }
  const inspect = job.again("inspect_turn");
  const follow = { inspect, inspectSpan: spanCommand };
  const footer = [`Full trace JSON: ${job.files[0]}`, `One span whole: ${spanCommand("<span_id|name>")}`];
  return renderBudgeted(inspectSections(report, tree, follow, spanCommand), footer, job.maxChars, `${inspect} --json`).text;
});
