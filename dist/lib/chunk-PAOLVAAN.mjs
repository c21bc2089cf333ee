import {
  analyseTokens,
  findErrors
} from "./chunk-IAW2BIP2.mjs";
import {
  COMMON_OPTIONS_HELP,
  SkillError,
  assessmentCount,
  assessmentLines,
  buildTree,
  clip,
  commandFor,
  durationOf,
  endOf,
  exitCodeHelp,
  fmtInt,
  fmtMs,
  loadTrace,
  locateTurn,
  mainRoot,
  num,
  oneLine,
  paint,
  plural,
  prepareOutDir,
  redact,
  spanType,
  str,
  summariseAssessments
} from "./chunk-YPYMG2EK.mjs";

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
    const r = perParent.get(key) ?? { name: node.span.name, parent: node.parent?.span.name ?? null, count: 0, totalMs: 0 };
    r.count += 1;
    r.totalMs += durationOf(node.span) ?? 0;
    perParent.set(key, r);
  }
  const byName = /* @__PURE__ */ new Map();
  for (const r of perParent.values()) {
    if (r.count < 2) continue;
    const agg = byName.get(r.name);
    if (!agg) {
      byName.set(r.name, { name: r.name, parent: r.parent, parents: 1, maxUnderOneParent: r.count, count: r.count, totalMs: r.totalMs });
      continue;
    }
    agg.parents += 1;
    agg.parent = null;
    agg.count += r.count;
    agg.totalMs += r.totalMs;
    agg.maxUnderOneParent = Math.max(agg.maxUnderOneParent, r.count);
  }
  const repeats = [...byName.values()].sort((a, b) => b.maxUnderOneParent - a.maxUnderOneParent || b.count - a.count);
  return { traceStartMs, traceDurationMs, slowestBySelf, criticalPath, gaps: gaps.slice(0, top), repeats };
}

// scripts/lib/analysis/trace-report.ts
var PREVIEW_CUT = 997;
function traceLink(trackingUri, experimentId, traceId) {
  if (!trackingUri || !/^https?:\/\//i.test(trackingUri) || !experimentId) return null;
  const base = redact(trackingUri).replace(/\/+$/, "").replace(/\/\/\*\*\*@/, "//");
  return `${base}/#/experiments/${encodeURIComponent(experimentId)}/traces?selectedEvaluationId=${encodeURIComponent(traceId)}`;
}
function analyseTrace(trace, tree = buildTree(trace.spans)) {
  const root = mainRoot(tree);
  const info = trace.info;
  const warnings = [];
  if (info.state === "IN_PROGRESS") warnings.push("The trace is IN_PROGRESS: it may still be running, or its process died before it ended.");
  if (!trace.spans.length) warnings.push("The trace has no spans (saved without spans, or its span data is missing).");
  if (tree.unended.length) warnings.push(`${tree.unended.length} span(s) never ended: ${tree.unended.slice(0, 3).map((n) => n.span.name).join(", ")}${tree.unended.length > 3 ? ", …" : ""}.`);
  if (tree.orphans.length) warnings.push(`${tree.orphans.length} orphan span(s): their parent is not in the trace (shown as extra roots).`);
  if (tree.cycles.length) warnings.push(`${tree.cycles.length} span(s) sit on a parent cycle (the cycle was cut to draw the tree).`);
  if (tree.duplicateIds.length) warnings.push(`${tree.duplicateIds.length} duplicate span id(s): the first span with each id is used.`);
  const trueRoots = tree.roots.filter((r) => r.anomaly === null).length;
  if (trueRoots > 1) warnings.push(`${trueRoots} root spans (more than one span without a parent).`);
  if (info.requestPreview && info.requestPreview.length >= PREVIEW_CUT && info.requestPreview.endsWith("...")) warnings.push("request_preview is cut by MLflow at 1,000 chars: read the root span inputs for the whole request.");
  if (info.responsePreview && info.responsePreview.length >= PREVIEW_CUT && info.responsePreview.endsWith("...")) warnings.push("response_preview is cut by MLflow at 1,000 chars: read the root span outputs for the whole response.");
  return {
    traceId: info.traceId,
    experimentId: info.experimentId,
    format: trace.format,
    state: info.state,
    requestTime: info.requestTimeMs === null ? null : new Date(info.requestTimeMs).toISOString(),
    durationMs: info.durationMs ?? (root?.span.endMs != null ? root.span.endMs - root.span.startMs : null),
    spanCount: trace.spans.length,
    root: root ? { spanId: root.span.id, name: root.span.name, type: spanType(root.span), attributeKeys: Object.keys(root.span.rawAttributes) } : null,
    sessionId: info.sessionId,
    userId: info.userId,
    requestPreview: info.requestPreview,
    responsePreview: info.responsePreview,
    turn: locateTurn(trace, tree),
    errors: findErrors(tree),
    assessments: summariseAssessments(info.assessments, tree),
    timing: analyseTiming(tree),
    tokens: analyseTokens(trace, tree),
    warnings,
    link: traceLink(process.env.MLFLOW_TRACKING_URI, info.experimentId, info.traceId)
  };
}

// scripts/lib/render/health.ts
function stateLine(state) {
  if (state === "ERROR") return `${paint.error("ERROR")} (an unhandled exception ended the trace)`;
  if (state === "OK") return `${paint.ok("OK")} (only means no unhandled exception; correctness is in the assessments and outputs)`;
  if (state === "IN_PROGRESS") return `${paint.warn("IN_PROGRESS")} (not finished, or its process died)`;
  return state;
}
function headerLines(r) {
  const lines = [
    paint.head(`Trace ${r.traceId}`) + ` — ${stateLine(r.state)}`,
    `${r.requestTime ?? "time unknown"} · ${fmtMs(r.durationMs)} · ${plural(r.spanCount, "span")} · root ${r.root ? `${r.root.name} [${r.root.type ?? "?"}]` : "(none)"}${r.experimentId ? ` · experiment ${r.experimentId}` : ""}`
  ];
  const who = [r.sessionId ? `Session ${r.sessionId}` : "", r.userId ? `user ${r.userId}` : ""].filter(Boolean).join(" · ");
  const whoLine = who.charAt(0).toUpperCase() + who.slice(1);
  if (who) lines.push(whoLine);
  const req = r.turn.user?.text ?? r.requestPreview;
  const res = r.turn.reply?.text ?? r.responsePreview;
  if (req) lines.push(`Request:  ${clip(oneLine(req), 300)}`);
  if (res) lines.push(`Response: ${clip(oneLine(res), 300)}`);
  if (r.turn.rootIsWrapper) lines.push(paint.dim(`(the root is a wrapper; the turn was read from ${r.turn.source})`));
  return lines;
}
function errorLines(r, follow, stackMax = 1200) {
  if (!r.errors.culprits.length) return [];
  const lines = [paint.head(`ERRORS — ${plural(r.errors.errorSpanCount, "error span")}, ${plural(r.errors.culprits.length, "root cause")} (the deepest failing spans)`)];
  let stackShown = false;
  for (const c of r.errors.culprits) {
    const ex = c.exception ? `${c.exception.type}: ${oneLine(c.exception.message)}` : c.statusMessage || "(no message)";
    lines.push(`  ${paint.error("✗")} ${c.name} [${c.type ?? "?"}]${c.count > 1 ? ` ×${c.count}` : ""} — ${clip(ex, 300)}`);
    lines.push(`    path: ${[...c.path, c.name].join(" › ")}`);
    if (c.propagatedThrough.length) lines.push(`    propagated through: ${c.propagatedThrough.join(" ← ")}`);
    lines.push(`    span: ${c.spanId}  (${follow.inspectSpan(c.spanId)})`);
    if (!stackShown && c.exception?.stackTrace) {
      stackShown = true;
      lines.push("    traceback:");
      for (const l of clip(c.exception.stackTrace.trim(), stackMax, follow.inspectSpan(c.spanId)).split("\n").slice(-14)) lines.push(`      ${l}`);
    }
  }
  return lines;
}
function timingLines(r) {
  const t = r.timing;
  if (!r.spanCount) return [];
  const lines = [paint.head("TIME")];
  lines.push(`  slowest by self time: ${t.slowestBySelf.slice(0, 5).map((s) => `${s.name} ${fmtMs(s.selfMs)}${s.durationMs > s.selfMs + 0.5 ? ` (of ${fmtMs(s.durationMs)})` : ""}`).join(", ")}`);
  if (t.criticalPath.length > 1) lines.push(`  critical path: ${t.criticalPath.map((s) => `${s.name} ${fmtMs(s.durationMs)}`).join(" › ")}`);
  for (const g of t.gaps.slice(0, 3)) lines.push(`  gap: ${g.parent} waited on nothing for ${fmtMs(g.durationMs)}${g.afterChild ? ` after ${g.afterChild}` : " before its first child"} (at +${fmtMs(g.startOffsetMs)})`);
  for (const rep of t.repeats.slice(0, 5)) {
    const where = rep.parents === 1 ? `under ${rep.parent ?? "(root)"}` : `under ${rep.parents} parents, up to ×${rep.maxUnderOneParent} under one`;
    lines.push(`  repeated: ${rep.name} ×${rep.count} ${where} (${fmtMs(rep.totalMs)} in all) — retries or a loop?`);
  }
  if (t.repeats.length > 5) lines.push(`  … ${t.repeats.length - 5} more repeated span names`);
  return lines;
}
function tokenLines(r) {
  const k = r.tokens;
  if (!k.total && !k.cost) return [];
  const lines = [paint.head("TOKENS")];
  if (k.total) lines.push(`  total ${fmtInt(k.total.total)} (in ${fmtInt(k.total.input)}, out ${fmtInt(k.total.output)}) — from ${k.source}`);
  for (const m of k.byModel.slice(0, 6)) lines.push(`  ${m.model}: ${fmtInt(m.total)} (in ${fmtInt(m.input)}, out ${fmtInt(m.output)}) in ${plural(m.calls, "call")}`);
  if (k.cost?.total != null) lines.push(`  cost: $${k.cost.total.toFixed(6)} (in $${(k.cost.input ?? 0).toFixed(6)}, out $${(k.cost.output ?? 0).toFixed(6)})`);
  return lines;
}
function healthSections(r, follow) {
  const sections = [{ name: "header", priority: 0, lines: headerLines(r) }];
  sections.push({ name: "errors", priority: 2, lines: errorLines(r, follow), more: follow.inspect });
  const a = r.assessments;
  if (assessmentCount(a)) sections.push({ name: "assessments", priority: 3, lines: [paint.head(`ASSESSMENTS (${assessmentCount(a)})`), ...assessmentLines(a)], more: `${follow.inspect} --json` });
  sections.push({ name: "time", priority: 5, lines: timingLines(r), more: follow.inspect });
  sections.push({ name: "tokens", priority: 4, lines: tokenLines(r), more: follow.inspect });
  if (r.warnings.length) sections.push({ name: "warnings", priority: 1, lines: [paint.head("WARNINGS"), ...r.warnings.map((w) => `  ${paint.warn("!")} ${w}`)] });
  if (r.link) sections.push({ name: "link", priority: 0, lines: [`MLflow UI: ${r.link}`] });
  return sections.filter((s) => s.lines.length);
}

// scripts/lib/single-trace.ts
var singleTraceOptions = (extra = "") => `Options:
  --trace-id ID      the trace (or give it as the first argument)
  --from-file PATH   analyse a saved \`mlflow traces get\` (or \`traces search --output json\`) file; no mlflow call
${extra}${COMMON_OPTIONS_HELP}`;
var help = (usage, body) => `${usage}

${body}

${exitCodeHelp()}
`;
async function loadTraceJob(flags) {
  const positional = flags._;
  if (positional.length > 1) throw new SkillError("usage", `Expected one trace id, got ${positional.length} arguments.`, { hint: "Quote arguments with spaces; run with --help." });
  const traceId = str(flags, "trace-id") ?? positional[0];
  const fromFile = str(flags, "from-file");
  const dir = fromFile ? "" : prepareOutDir(str(flags, "out-dir"));
  const timeout = num(flags, "timeout", 120);
  const loaded = await loadTrace({ traceId, fromFile, cli: { dir, timeoutMs: timeout * 1e3 } });
  const source = fromFile ? ["--from-file", loaded.files[0] ?? fromFile] : [];
  const id = loaded.value.info.traceId;
  return {
    trace: loaded.value,
    files: loaded.files,
    maxChars: num(flags, "max-chars", 2e4),
    again: (script, extra = []) => commandFor(script, [id, ...source, ...extra])
  };
}

export {
  selfTimeMs,
  analyseTrace,
  headerLines,
  errorLines,
  tokenLines,
  healthSections,
  singleTraceOptions,
  help,
  loadTraceJob
};
