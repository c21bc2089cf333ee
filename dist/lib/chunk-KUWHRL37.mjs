import {
  caught,
  foundKinds,
  itemsOf,
  okDespiteFailures,
  selfTimeMs
} from "./chunk-MWQ5YTIN.mjs";
import {
  resultLimit,
  retrievedDocs
} from "./chunk-B4YWSYFA.mjs";
import {
  paint,
  summariseAssessments
} from "./chunk-NTVFJSFG.mjs";
import {
  isModelCall,
  messagesOf,
  modelCallNote,
  replyText,
  spanExceptions,
  spanInputs,
  spanOutputs,
  spanType,
  textOrPreview,
  toolCallsOf
} from "./chunk-2IPHA5SA.mjs";
import {
  nameRef,
  shortIds
} from "./chunk-5R3F2B7O.mjs";
import {
  ancestry,
  attr,
  clip,
  clipKeeping,
  descendants,
  durationOf,
  endOf,
  fmtInt,
  fmtMs,
  fmtValue,
  msRange,
  oneLine,
  pct,
  plural
} from "./chunk-V3PRQPWM.mjs";

// scripts/lib/render/assessment-lines.ts
var MARK = { negative: "✗", positive: "✓", unknown: "•" };
function assessmentLine(a, rationaleMax = 240, keep = []) {
  const mark2 = a.polarity === "negative" ? paint.error(MARK.negative) : a.polarity === "positive" ? paint.ok(MARK.positive) : MARK.unknown;
  const where = [
    a.sourceType + (a.sourceId && a.sourceId !== "default" ? ` ${a.sourceId}` : ""),
    a.spanName ? `span ${a.spanName}` : a.spanId ? `span ${a.spanId}` : "",
    a.sessionLevel ? "session-level" : ""
  ].filter(Boolean).join(", ");
  const value = clip(oneLine(fmtValue(a.value)), 120);
  const rationale = a.rationale ? ` — ${clipKeeping(oneLine(a.rationale), rationaleMax, keep)}` : "";
  return `${mark2} ${a.name} = ${value} [${where}]${rationale}`;
}
function assessmentLines(s, indent = "  ", rationaleMax = 240, keep = []) {
  const lines = [];
  if (s.verdicts.length) {
    lines.push(`${indent}Verdicts (negative first; read the rationale, a value alone can mislead):`);
    for (const a of s.verdicts) lines.push(`${indent}  ${assessmentLine(a, rationaleMax, keep)}`);
  }
  if (s.scorerErrors.length) {
    lines.push(`${indent}Scorer errors (the judge failed, not the trace; these values say nothing):`);
    for (const a of s.scorerErrors) {
      const message = a.error?.message ? ` — ${clip(oneLine(a.error.message), rationaleMax)}` : "";
      const source = `${a.sourceType}${a.sessionLevel ? ", session-level" : ""}`;
      lines.push(`${indent}  ${paint.warn("!")} ${a.name}: ${a.error?.code ?? "ERROR"}${message} [${source}]`);
    }
  }
  if (s.expectations.length) {
    lines.push(`${indent}Expectations (ground truth):`);
    for (const a of s.expectations)
      lines.push(`${indent}  = ${a.name} = ${clipKeeping(oneLine(fmtValue(a.value)), 200, keep)}${a.spanName ? ` [span ${a.spanName}]` : ""}`);
  }
  if (s.issues.length) {
    lines.push(`${indent}Issues:`);
    for (const a of s.issues) lines.push(`${indent}  ${a.name}: ${clip(oneLine(fmtValue(a.value)), 200)}`);
  }
  if (s.overridden.length) {
    lines.push(`${indent}Overridden (replaced by a later assessment; not counted):`);
    for (const a of s.overridden) {
      const by = a.overriddenBy ? ` → replaced by ${a.overriddenBy}` : "";
      const why = a.rationale ? ` — ${clip(oneLine(a.rationale), 120)}` : "";
      lines.push(`${indent}  ~ ${a.name} = ${clip(oneLine(fmtValue(a.value)), 80)}${by}${why}`);
    }
  }
  return lines;
}
var assessmentCount = (s) => s.verdicts.length + s.scorerErrors.length + s.expectations.length + s.overridden.length + s.issues.length;

// scripts/lib/render/code.ts
var short = (sha) => sha ? sha.slice(0, 7) : "?";
var code = (s) => s === null ? "(line not in the file)" : clip(s.trim(), 160);
var AS_NOW = "lines are shown as they are now";
function driftLine(d, source) {
  const ran = [
    source.entryScript ? `entry script ${source.entryScript}` : null,
    source.commit ? `commit ${short(source.commit)}` : null,
    source.branch ? `branch ${source.branch}` : null
  ].filter(Boolean).join(" · ");
  const head = `Trace ran: ${ran || "(no source metadata: no mlflow.source.name, no git commit)"}`;
  switch (d.kind) {
    case "no-commit":
      return `${head} — the trace records no git commit (mlflow.source.git.commit is empty or absent): ${AS_NOW}, and may have moved since`;
    case "no-git":
      return `${head} — the repository has no git, so the code at that commit cannot be compared: ${AS_NOW}`;
    case "missing": {
      const fetch = d.shallow ? " (a shallow clone: `git fetch --unshallow`, or fetch that commit)" : " (another clone or branch? `git fetch` it)";
      return `${head} — commit ${short(d.commit)} is not in this repository${fetch}: ${AS_NOW}`;
    }
    case "compared": {
      if (d.commit === d.head) return `${head} — HEAD is that commit (working-tree edits, if any, are compared below)`;
      const branch = d.ancestor ? "" : " (that commit is not an ancestor of HEAD: another branch)";
      return `${head} — ${plural(d.commitsSince, "commit")} since, to HEAD ${short(d.head)}${branch}`;
    }
  }
}
function candidateLines(l, i, d) {
  const at = l.now ? `${l.path}:${l.now.line}` : `${l.path} (line ${l.then?.line ?? "?"} of the trace's commit is gone)`;
  const out = [`  ${i + 1}. ${at}  ${l.now ? code(l.now.text) : ""}`.trimEnd(), `       ${paint.dim(l.why.join("; "))}`];
  if (d.kind === "compared") {
    const c = short(d.commit);
    if (!l.then) out.push(`       not in ${c} (added since the trace ran)`);
    else if (l.now && l.then.line === l.now.line && !l.lineChanged) out.push(`       same line at ${c}`);
    else {
      const moved = l.now ? l.now.line - l.then.line : null;
      const how = l.lineChanged ? "edited since" : "same text";
      out.push(`       at ${c}: line ${l.then.line}  ${code(l.then.text)}  (${how}${moved ? `; moved ${moved > 0 ? "+" : ""}${moved}` : ""})`);
    }
  } else if (l.kind === "stack frame" && l.then) {
    const t = l.then;
    if (l.relocatedByText && l.now) {
      const moved = l.now.line - t.line;
      out.push(`       the trace recorded line ${t.line}; found again by the code the traceback printed (moved ${moved > 0 ? "+" : ""}${moved})`);
    } else if (l.lineChanged === false) out.push("       same line and code as the traceback printed");
    else if (t.text) out.push(`       the traceback printed line ${t.line} as: ${code(t.text)} — not in the file now; line ${t.line} as it stands is shown`);
    else out.push(`       line ${t.line} as the trace recorded it; with no commit to compare, the code there may have changed`);
  }
  return out;
}
function targetHead(t) {
  const status = t.status === "ERROR" ? paint.error("✗ ERROR") : t.status === "OK" ? paint.ok("✓ OK") : "○ UNSET";
  const ex = t.exception ? ` — ${clip(oneLine(`${t.exception.type}: ${t.exception.message}`), 240)}` : "";
  const lines = [paint.head(`TARGET ${t.name} [${t.type ?? "?"}]`) + ` ${status} (${t.why})${ex}`];
  lines.push(`  span ${t.spanId} · path: ${[...t.path, t.name].join(" › ")}`);
  if (t.functionName) lines.push(`  function: ${t.functionName} (mlflow.spanFunctionName${t.functionName !== t.name ? "; the span was renamed from it" : ""})`);
  if (t.framework) {
    lines.push(`  ${paint.warn("!")} a framework's span: ${t.framework}. Its code is a library's, not yours.`);
    const a = t.userAncestor;
    lines.push(
      a ? `  nearest ancestor that is your code: ${a.name}${a.functionName ? ` (function ${a.functionName})` : ""}, span ${a.spanId}: located below` : "  no ancestor looks like your code either: the candidates below come from the span itself"
    );
  }
  return lines;
}
function searchedLine(s) {
  const parts = [
    s.scope === "files in the stack trace" ? "the files the stack trace names (every name was found there, so the rest of the repository was not searched)" : `${s.method}${s.filesSearched !== null ? ` over ${plural(s.filesSearched, "source file")}` : ""}`
  ];
  if (s.searchedFor.length) parts.push(`for ${s.searchedFor.map((n) => JSON.stringify(n)).join(", ")}`);
  if (s.frames.total) {
    const unmapped = s.frames.unmapped.length ? `, not found: ${s.frames.unmapped.join(", ")}` : "";
    parts.push(`${plural(s.frames.total, "stack frame")} (${s.frames.inRepo} in the repository, ${s.frames.library} in libraries${unmapped})`);
  } else parts.push("no stack trace");
  if (s.entryScript) parts.push(s.entryScript.found ? `entry script found` : `entry script ${s.entryScript.given} not in the repository`);
  return `  searched: ${parts.join("; ")}${s.stoppedEarly ? ` — ${paint.warn(`incomplete: ${s.stoppedEarly}`)}` : ""}`;
}
function repoKind(g) {
  if (!g) return " (no git: a file walk that honours .gitignore stands in for git grep)";
  return ` (git, HEAD ${short(g.head)}${g.branch ? ` on ${g.branch}` : ""}${g.shallow ? ", shallow clone" : ""})`;
}
function codeSections(r, jsonCommand, maxCandidates = 8) {
  const repoLine = `Repository: ${r.repo.root}${repoKind(r.repo.git)}`;
  const sections = [{ name: "header", priority: 0, lines: [paint.head(`Code for trace ${r.traceId}`), repoLine, driftLine(r.drift, r.source)] }];
  r.results.forEach((res, k) => {
    const lines = targetHead(res.target);
    if (res.located.length) {
      lines.push(`  candidates (best first; path:line in the working tree, then the line):`);
      res.located.slice(0, maxCandidates).forEach((l, i) => lines.push(...candidateLines(l, i, r.drift)));
      if (res.located.length > maxCandidates) lines.push(`  … ${res.located.length - maxCandidates} more candidates: ${jsonCommand}`);
    } else lines.push("  nothing found in the repository for this span");
    lines.push(searchedLine(res.search));
    sections.push({ name: `target ${k + 1}`, priority: k === 0 ? 1 : 3, lines, more: jsonCommand });
  });
  if (r.drift.kind === "compared" && r.fileDrift.length) {
    const c = short(r.drift.commit);
    const lines = [paint.head(`DRIFT since ${c} (the trace's commit) — per located file, against the working tree`)];
    for (const f of r.fileDrift) {
      if (!f.existedThen) lines.push(`  ${f.path}: not in ${c} (added since)`);
      else if (!f.changed) lines.push(`  ${f.path}: unchanged`);
      else {
        const stat = f.added === null ? "binary" : `+${f.added} −${f.deleted}`;
        const commits = f.commits.length ? `${plural(f.commits.length, "commit")} (${f.commits.slice(0, 3).map((x) => `${x.hash} ${clip(x.subject, 60)}`).join("; ")}${f.commits.length > 3 ? "; …" : ""})` : "uncommitted edits only";
        lines.push(`  ${f.path}: ${paint.warn("changed")} — ${commits}, ${stat}`);
      }
    }
    const changed = r.fileDrift.filter((f) => f.changed && f.existedThen).map((f) => f.path);
    if (changed.length) lines.push(`  see: git -C ${r.repo.root} diff ${c} -- ${changed.join(" ")}`);
    sections.push({ name: "drift", priority: 2, lines, more: jsonCommand });
  }
  return sections;
}
function locateHint(r, c, locate, repo) {
  if (!locate) return null;
  const hasStack = !!c.exception?.stackTrace && /File "|\bat .+:\d+/.test(c.exception.stackTrace);
  if (!r.source && !hasStack) return null;
  if (repo && !repo.here) return `    code: ${notHereText(repo)}: ${locate(c.spanId)} --repo APP_DIR  (APP_DIR: the application's checkout)`;
  const commit = r.source?.commit ? ` at commit ${short(r.source.commit)} and now` : "";
  return `    code: ${locate(c.spanId)}  (file:line${commit})`;
}
function notHereText(m) {
  const shown = m.files.slice(0, 3).join(", ");
  const more = m.files.length > 3 ? ", …" : "";
  return `${m.root} is not the application's repository (none of the ${plural(m.files.length, "file")} the trace names is in it: ${shown}${more})`;
}

// scripts/lib/render/findings-view.ts
function spanSuffix(spanIds, max = 4) {
  const list = [...new Set(spanIds.filter((s) => !!s).map((id) => id.slice(0, 8)))];
  if (!list.length) return "";
  const more = list.length > max ? `, … ${list.length - max} more` : "";
  return ` [span${list.length > 1 ? "s" : ""} ${list.slice(0, max).join(", ")}${more}]`;
}
function kindLines(kind, items) {
  const ordered = kind.order ? [...items].sort((a, b) => kind.order?.(a, b) ?? 0) : items;
  return ordered.slice(0, kind.shown ?? ordered.length).map((item) => `  ${paint.warn("!")} ${kind.line(item)}${spanSuffix(kind.spans(item))}`);
}
function findingsBody(f) {
  return foundKinds(f).filter(({ kind }) => kind.section === "findings").flatMap(({ kind, items }) => kindLines(kind, items));
}

// scripts/lib/render/time-view.ts
function stepText(s) {
  if (s.count === 1) return `${s.name} ${fmtMs(s.durationMs)}${s.share >= 0.05 ? ` (${pct(s.share)})` : ""}`;
  return `[${s.count} × ${s.name} ${msRange(s.minMs, s.maxMs)} in sequence = ${fmtMs(s.durationMs)}, ${pct(s.share)}]`;
}
var isCycle = (u) => "times" in u;
var unitMs = (u) => u.durationMs;
var stepKey = (s) => `${s.name}\0${s.count}`;
function cycles(steps) {
  const out = [];
  let i = 0;
  while (i < steps.length) {
    let best = null;
    for (let k = 2; k <= 3 && i + 3 * k <= steps.length; k++) {
      const key = steps.slice(i, i + k).map(stepKey).join("|");
      if (new Set(steps.slice(i, i + k).map(stepKey)).size < k) continue;
      let reps = 1;
      while (i + (reps + 1) * k <= steps.length && steps.slice(i + reps * k, i + (reps + 1) * k).map(stepKey).join("|") === key)
        reps++;
      if (reps >= 3 && (!best || reps * k > best.reps * best.k)) best = { k, reps };
    }
    if (!best) {
      out.push(steps[i]);
      i++;
      continue;
    }
    const run = steps.slice(i, i + best.k * best.reps);
    const first = run[0];
    const last = run.at(-1);
    out.push({
      names: run.slice(0, best.k).map((s) => s.count > 1 ? `${s.count} × ${s.name}` : s.name),
      times: best.reps,
      durationMs: last.startOffsetMs + last.durationMs - first.startOffsetMs,
      share: run.reduce((a, s) => a + s.share, 0)
    });
    i += best.k * best.reps;
  }
  return out;
}
var unitText = (u) => isCycle(u) ? `[${u.times} × ${u.names.join(" → ")} = ${fmtMs(u.durationMs)}, ${pct(u.share)}]` : stepText(u);
function levelText(level, max = 8) {
  const units = cycles(level.steps);
  if (units.length <= max) return units.map(unitText).join(" › ");
  const keep = new Set([...units].sort((a, b) => unitMs(b) - unitMs(a)).slice(0, max - 1));
  const out = [];
  let skipped = 0;
  for (const s of units) {
    if (keep.has(s)) {
      if (skipped) out.push(`(${plural(skipped, "shorter step")})`);
      skipped = 0;
      out.push(unitText(s));
    } else skipped += 1;
  }
  if (skipped) out.push(`(${plural(skipped, "shorter step")})`);
  return out.join(" › ");
}
function pathLines(levels) {
  const first = levels[0];
  if (!first) return [];
  const lines = [];
  let head = `${first.within.name} ${fmtMs(first.within.durationMs)}`;
  let label = "critical path:";
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i];
    const next = levels[i + 1];
    const only = level.steps.length === 1 ? level.steps[0] : void 0;
    if (only && next && only.spanIds[0] === next.within.spanId) {
      head += ` › ${stepText(only)}`;
      continue;
    }
    lines.push(`  ${label} ${head} › ${levelText(level)}`);
    if (next) {
      head = `${next.within.name} ${fmtMs(next.within.durationMs)}`;
      label = "  inside";
    }
  }
  return lines;
}
function modelLine(c) {
  const tokens = c.inputTokens === null ? "input tokens not recorded" : `${fmtInt(c.inputTokens)} input tokens = ${pct(c.shareOfInputTokens)} of the trace's input tokens`;
  return `${c.name} ${fmtMs(c.durationMs)} (${pct(c.shareOfTime)} of the trace) with ${tokens}`;
}
function timingLines(r, jsonCommand) {
  const t = r.timing;
  if (!r.spanCount) return [`${paint.head("TIME")}: no spans`];
  const lines = [paint.head("TIME")];
  lines.push(...pathLines(t.criticalPath));
  const shares = t.byName.filter((n) => n.share >= 0.01).slice(0, 6);
  if (shares.length)
    lines.push(`  share of the trace by span name: ${shares.map((n) => `${n.name} ${pct(n.share)}${n.count > 1 ? ` (×${n.count})` : ""}`).join(", ")}`);
  if (t.modelCalls.length) {
    const where = jsonCommand ? ` (${jsonCommand}: timing.modelCalls)` : "";
    const more = t.modelCallCount > 3 ? `; … ${plural(t.modelCallCount - 3, "more call")}${where}` : "";
    lines.push(`  model calls by prompt size: ${t.modelCalls.slice(0, 3).map(modelLine).join("; ")}${more}`);
  }
  lines.push(
    `  slowest by self time: ${t.slowestBySelf.slice(0, 5).map((s) => `${s.name} ${fmtMs(s.selfMs)}${s.durationMs > s.selfMs + 0.5 ? ` (of ${fmtMs(s.durationMs)})` : ""}`).join(", ")}`
  );
  for (const g of t.gaps.slice(0, 3)) {
    const after = g.afterChild ? ` after ${g.afterChild}` : " before its first child";
    lines.push(`  gap: ${g.parent} waited on nothing for ${fmtMs(g.durationMs)}${after} (at +${fmtMs(g.startOffsetMs)})`);
  }
  for (const rep of t.repeats.slice(0, 5)) {
    const where = rep.parents === 1 ? `under ${rep.parent ?? "(root)"}` : `under ${rep.parents} parents, up to ×${rep.maxUnderOneParent} under one`;
    const why = [rep.sameInputs ? `${rep.sameInputs} with the same inputs` : "", rep.failed ? `${rep.failed} failed` : ""].filter(Boolean).join(", ");
    const chained = t.sequentialChained.find((s) => s.name === rep.name);
    const sequential = t.sequential.some((s) => s.name === rep.name) ? "; ran one after another: see FINDINGS" : chained ? `; ran one after another and ${chained.notParallel}: no parallel saving claimed` : "";
    const verdict = rep.suspicious ? `${why}: retries or a loop?` : `${rep.inputsLogged ? "different inputs each time" : "no inputs logged to compare"}${rep.failed ? ` (${rep.failed} failed)` : ""}${sequential}`;
    lines.push(`  repeated: ${rep.name} ×${rep.count} ${where} (${fmtMs(rep.totalMs)} in all) — ${verdict}`);
  }
  if (t.repeats.length > 5)
    lines.push(`  … ${t.repeats.length - 5} more repeated span names${jsonCommand ? `; all of them: ${jsonCommand} (timing.repeats)` : ""}`);
  return lines;
}
function timeSummaryLines(r) {
  const t = r.timing;
  if (!r.spanCount) return [];
  const shares = t.byName.filter((n) => n.share >= 0.01).slice(0, 6);
  return [
    paint.head("TIME"),
    ...pathLines(t.criticalPath),
    ...shares.length ? [`  share of the trace by span name: ${shares.map((n) => `${n.name} ${pct(n.share)}${n.count > 1 ? ` (×${n.count})` : ""}`).join(", ")}`] : []
  ];
}

// scripts/lib/analysis/findings/finding-values.ts
function findingValues(findings) {
  const out = /* @__PURE__ */ new Set();
  for (const { items } of foundKinds(findings)) {
    for (const item of items) {
      const { values, facts } = item;
      if (Array.isArray(values)) {
        for (const v of values) if (typeof v === "string") out.add(v);
      }
      if (Array.isArray(facts)) {
        for (const f of facts) if (typeof f?.text === "string") out.add(f.text);
      }
    }
  }
  return [...out];
}

// scripts/lib/render/health.ts
function stateLine(state) {
  if (state === "ERROR") return `${paint.error("ERROR")} (an unhandled exception ended the trace)`;
  if (state === "OK") return `${paint.ok("OK")} (only means no unhandled exception; correctness is in the assessments and outputs)`;
  if (state === "IN_PROGRESS") return `${paint.warn("IN_PROGRESS")} (not finished, or its process died)`;
  return state;
}
function headerLines(r, follow) {
  const root = r.root ? `${r.root.name} [${r.root.type ?? "?"}]` : "(none)";
  const experiment = r.experimentId ? ` · experiment ${r.experimentId}` : "";
  const lines = [
    paint.head(`Trace ${r.traceId}`) + ` — ${stateLine(r.state)}`,
    `${r.requestTime ?? "time unknown"} · ${fmtMs(r.durationMs)} · ${plural(r.spanCount, "span")} · root ${root}${experiment}`
  ];
  const who = [r.sessionId ? `Session ${r.sessionId}` : "", r.userId ? `user ${r.userId}` : ""].filter(Boolean).join(" · ");
  const whoLine = who.charAt(0).toUpperCase() + who.slice(1);
  if (who) lines.push(whoLine);
  const req = r.turn.user?.text ?? r.requestPreview;
  const res = r.turn.reply?.text ?? r.responsePreview;
  const cut = turnCut(r, follow);
  if (req) lines.push(`Request:  ${cut(req, 300)}`);
  if (res) lines.push(`Response: ${cut(res, 300)}`);
  if (r.turn.rootIsWrapper) lines.push(paint.dim(`(the root is a wrapper; the turn was read from ${r.turn.source})`));
  return lines;
}
function turnCut(r, follow) {
  const keep = findingValues(r.findings);
  const whole = follow && keep.length ? r.turn.spanId ? follow.inspectSpan(r.turn.spanId) : follow.inspect : void 0;
  return (text, max) => clipKeeping(oneLine(text), max, keep, whole);
}
function errorLines(r, follow, stackMax = 1200) {
  if (!r.errors.culprits.length)
    return [`${paint.head("ERRORS")}: none${r.state === "ERROR" ? " in the spans (the trace state is ERROR: read the root span)" : ""}`];
  const lines = [
    paint.head(`ERRORS — ${plural(r.errors.errorSpanCount, "error span")}, ${plural(r.errors.culprits.length, "root cause")} (the deepest failing spans)`)
  ];
  lines.push(...kindLines(okDespiteFailures, itemsOf(r.findings, okDespiteFailures)));
  const caughtIn = new Map(itemsOf(r.findings, caught).map((c) => [c.spanId, c.caughtIn]));
  let stackShown = false;
  const keep = findingValues(r.findings);
  for (const c of r.errors.culprits) {
    const ex = c.exception ? `${c.exception.type}: ${oneLine(c.exception.message)}` : c.statusMessage || "(no message)";
    const by = caughtIn.get(c.spanId);
    const where = by ? ` — caught in ${by.name} (status ${by.status})` : "";
    lines.push(`  ${paint.error("✗")} ${c.name} [${c.type ?? "?"}]${c.count > 1 ? ` ×${c.count}` : ""} — ${clipKeeping(ex, 300, keep)}${where}`);
    lines.push(`    path: ${[...c.path, c.name].join(" › ")}`);
    if (c.propagatedThrough.length) lines.push(`    propagated through: ${c.propagatedThrough.join(" ← ")}`);
    lines.push(`    span: ${c.spanId}  (${follow.inspectSpan(c.spanId)})`);
    if (c.spanIds.length > 1)
      lines.push(
        `    the same failure in: ${c.spanIds.slice(1, 9).map((id) => id.slice(0, 8)).join(", ")}${c.spanIds.length > 9 ? `, … ${c.spanIds.length - 9} more` : ""}`
      );
    const code2 = locateHint(r, c, follow.locate, follow.repo);
    if (code2) lines.push(code2);
    if (!stackShown && c.exception?.stackTrace) {
      stackShown = true;
      lines.push("    traceback:");
      for (const l of clip(c.exception.stackTrace.trim(), stackMax, follow.inspectSpan(c.spanId)).split("\n").slice(-14)) lines.push(`      ${l}`);
    }
  }
  return lines;
}
function findingLines(r) {
  const body = findingsBody(r.findings);
  return body.length ? [paint.head("FINDINGS"), ...body] : [`${paint.head("FINDINGS")}: none`];
}
function tokenLines(r, jsonCommand) {
  const k = r.tokens;
  if (!k.total && !k.cost) return [`${paint.head("TOKENS")}: none recorded`];
  const lines = [paint.head("TOKENS")];
  if (k.total) lines.push(`  total ${fmtInt(k.total.total)} (in ${fmtInt(k.total.input)}, out ${fmtInt(k.total.output)}) — from ${k.source}`);
  for (const m of k.byModel.slice(0, 6))
    lines.push(`  ${m.model}: ${fmtInt(m.total)} (in ${fmtInt(m.input)}, out ${fmtInt(m.output)}) in ${plural(m.calls, "call")}`);
  if (k.byModel.length > 6)
    lines.push(`  … ${plural(k.byModel.length - 6, "more model")}${jsonCommand ? `; all of them: ${jsonCommand} (tokens.byModel)` : ""}`);
  if (k.cost?.total != null) lines.push(`  cost: $${k.cost.total.toFixed(6)} (in $${(k.cost.input ?? 0).toFixed(6)}, out $${(k.cost.output ?? 0).toFixed(6)})`);
  return lines;
}
function healthSections(r, follow) {
  const sections = [{ name: "header", priority: 0, lines: headerLines(r, follow) }];
  sections.push({ name: "errors", priority: 2, lines: errorLines(r, follow), more: follow.inspect });
  sections.push({ name: "findings", priority: 2, lines: findingLines(r), more: follow.inspect });
  const a = r.assessments;
  sections.push(
    assessmentCount(a) ? {
      name: "assessments",
      priority: 3,
      lines: [paint.head(`ASSESSMENTS (${assessmentCount(a)})`), ...assessmentLines(a, "  ", 240, findingValues(r.findings))],
      more: `${follow.inspect} --json`
    } : { name: "assessments", priority: 0, lines: [`${paint.head("ASSESSMENTS")}: none logged`] }
  );
  sections.push({ name: "time", priority: 5, lines: timingLines(r, follow.json), more: follow.inspect });
  sections.push({ name: "tokens", priority: 4, lines: tokenLines(r, follow.json), more: follow.inspect });
  sections.push({ name: "warnings", priority: 1, lines: warningLines(r) });
  if (r.link) sections.push({ name: "link", priority: 0, lines: [`MLflow UI: ${r.link}`] });
  return sections;
}
var warningLines = (r) => r.warnings.length ? [paint.head("WARNINGS"), ...r.warnings.map((w) => `  ${paint.warn("!")} ${w}`)] : [`${paint.head("WARNINGS")}: none`];

// scripts/lib/render/json-summary.ts
var isObj = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
var SHORT = 24;
var KEEP_MAX = 3;
var nested = (x) => Array.isArray(x) ? x.length > 0 : isObj(x) && Object.keys(x).length > 0;
var keyText = (k) => /^[\w$-]+$/.test(k) ? k : JSON.stringify(k);
function valueText(v) {
  if (typeof v === "string") return JSON.stringify(v.length > SHORT ? `${v.slice(0, SHORT - 1)}…` : v);
  if (Array.isArray(v)) return v.length ? `[${plural(v.length, "item")}]` : "[]";
  if (isObj(v)) {
    const n = Object.keys(v).length;
    return n ? `{${plural(n, "key")}}` : "{}";
  }
  return String(v);
}
function summariseObject(value, max) {
  const parts = Object.entries(value).map(([k, v]) => `${keyText(k)}: ${valueText(v)}`);
  let n = parts.length;
  const text = (k) => `{${[...parts.slice(0, k), ...k < parts.length ? [`… ${parts.length - k} more`] : []].join(", ")}}`;
  while (n > 1 && text(n).length > max) n--;
  return text(n);
}
function leafHolding(v, needle, path, depth = 0) {
  if (depth > 8) return null;
  if (typeof v === "string" || typeof v === "number") return String(v).toLowerCase().includes(needle) ? { path, value: valueWindow(v, needle) } : null;
  const entries = Array.isArray(v) ? v.map((x, i) => [`${path}[${i}]`, x]) : isObj(v) ? Object.entries(v).map(([k, x]) => [path ? `${path}.${k}` : k, x]) : [];
  for (const [p, x] of entries) {
    const hit = leafHolding(x, needle, p, depth + 1);
    if (hit) return hit;
  }
  return null;
}
function valueWindow(v, needle) {
  if (typeof v === "number") return String(v);
  if (v.length <= 60) return JSON.stringify(v);
  const at = v.toLowerCase().indexOf(needle);
  const [s, e] = [Math.max(0, at - 20), Math.min(v.length, at + needle.length + 20)];
  return `${s > 0 ? "…" : ""}${JSON.stringify(v.slice(s, e))}${e < v.length ? "…" : ""}`;
}
function withKept(value, summary, keep) {
  const lower = summary.toLowerCase();
  const added = [];
  for (const k of new Set(keep.map((x) => x.trim().toLowerCase()))) {
    if (added.length >= KEEP_MAX || k.length < 3 || k.length > 80 || lower.includes(k)) continue;
    const hit = leafHolding(value, k, "");
    if (hit) added.push(`${hit.path}: ${hit.value}`);
  }
  return added.length ? `${summary} · ${added.join(" · ")}` : summary;
}
function objectPreview(value, found, max, keep = []) {
  if (!isObj(value) || !Object.values(value).some(nested)) return null;
  const lone = !!found?.lone;
  if (found && found.shape !== "json" && !lone) return null;
  let raw;
  try {
    raw = JSON.stringify(value) ?? "";
  } catch {
    return null;
  }
  if (raw.length <= max) return lone ? raw : null;
  const size = ` [${fmtInt(raw.length)} chars]`;
  return `${withKept(value, summariseObject(value, max - size.length), keep)}${size}`;
}

// scripts/lib/render/span-preview.ts
var DOC_TYPES = /* @__PURE__ */ new Set(["RETRIEVER", "RERANKER"]);
var PROMPT_CHARS = 2e5;
var SNIPPET = 80;
var MAX_DOCS = 20;
var squash = (s) => s.replace(/\s+/g, " ").trim();
function promptMessages(node) {
  if (!isModelCall(node)) return null;
  const i = spanInputs(node.span);
  return i ? messagesOf(i.value) : null;
}
var factsCache = /* @__PURE__ */ new WeakMap();
function factsOf(tree) {
  let f = factsCache.get(tree);
  if (f) return f;
  f = { sources: [], lastUser: /* @__PURE__ */ new Map() };
  for (const n of tree.nodes) {
    const t = spanType(n.span);
    if (t && DOC_TYPES.has(t)) {
      const docs = retrievedDocs(n.span);
      if (docs?.length) f.sources.push({ node: n, docs });
    }
    const msgs = promptMessages(n);
    const user = msgs ? [...msgs].reverse().find((m) => m.role === "user") : void 0;
    if (user) f.lastUser.set(user.text, (f.lastUser.get(user.text) ?? 0) + 1);
  }
  f.sources.sort((a, b) => endOf(a.node.span) - endOf(b.node.span));
  factsCache.set(tree, f);
  return f;
}
function sourceBefore(facts, node) {
  let lo = 0;
  let hi = facts.sources.length;
  while (lo < hi) {
    const mid = lo + hi >> 1;
    if (endOf(facts.sources[mid].node.span) <= node.span.startMs) lo = mid + 1;
    else hi = mid;
  }
  return facts.sources[lo - 1] ?? null;
}
function contextPart(facts, node, prompt) {
  const src = sourceBefore(facts, node);
  if (!src) return null;
  const docs = src.docs.slice(0, MAX_DOCS);
  const found = docs.filter((d) => {
    const snip = squash(d.text).slice(0, SNIPPET);
    return snip.length >= 12 && prompt.includes(snip);
  });
  const chars = found.reduce((s, d) => s + d.text.length, 0);
  const of = `${plural(src.docs.length, "doc")} from ${src.node.span.name}${docs.length < src.docs.length ? ` (the first ${docs.length} checked)` : ""}`;
  const missing = docs.map((d, i) => ({ d, i })).filter(({ d }) => !found.includes(d)).slice(0, 2).map(({ d, i }) => `#${i + 1}${d.id ? ` ${d.id}` : ""}`);
  const miss = found.length && missing.length ? `; not in it: ${missing.join(", ")}${docs.length - found.length > 2 ? ", …" : ""}` : "";
  return found.length ? `context ${found.length} of ${of} (${fmtInt(chars)} chars${miss})` : `context: none of the ${of}`;
}
function modelInputLine(tree, node, max, keep = NO_KEEP) {
  const msgs = promptMessages(node);
  if (!msgs) return null;
  const facts = factsOf(tree);
  const system = msgs.filter((m) => m.role === "system").reduce((s, m) => s + m.text.length, 0);
  const prompt = squash(
    msgs.map((m) => m.text).join("\n").slice(0, PROMPT_CHARS)
  );
  const parts = [system ? `system ${fmtInt(system)} chars` : "no system prompt"];
  const ctx = contextPart(facts, node, prompt);
  if (ctx) parts.push(ctx);
  parts.push(plural(msgs.length, "msg"));
  const last = msgs.at(-1);
  const lastTool = [...msgs].reverse().find((m) => m.role === "tool");
  const user = [...msgs].reverse().find((m) => m.role === "user");
  if (lastTool) parts.push(`last tool: ${oneLine(lastTool.text) || "(empty)"}`);
  else if (user && (facts.lastUser.get(user.text) ?? 0) < 2) parts.push(`user: ${oneLine(user.text)}`);
  else if (last && last.role !== "user") parts.push(`last ${last.role}: ${oneLine(last.text)}`);
  return `in:  ${keptCut(keep, node, parts.join(" · "), max)}`;
}
function docsOutputLine(node, max, keep = NO_KEEP) {
  const t = spanType(node.span);
  if (!t || !DOC_TYPES.has(t)) return null;
  const docs = retrievedDocs(node.span);
  if (!docs) return null;
  const limit = resultLimit(node.span);
  const list = docs.slice(0, 8).map((d, i) => `${d.id ?? `#${i + 1} (no id)`}${d.score !== null ? ` ${Number(d.score.toFixed(3))}` : ""}`).join(", ");
  const limited = limit ? `${limit.key}=${limit.value} · ` : "";
  const more = docs.length > 8 ? `, … ${docs.length - 8} more` : "";
  return `out: ${keptCut(keep, node, `${limited}${plural(docs.length, "doc")}: ${list}${more}`, max)}`;
}
function identicalItems(value, max, keep = []) {
  const isObj2 = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
  let list = value;
  if (isObj2(value)) {
    const arrays = Object.values(value).filter(Array.isArray);
    if (arrays.length === 1) list = arrays[0];
  }
  if (!Array.isArray(list) || list.length < 3 || list.length > 1e4) return null;
  let first;
  try {
    first = JSON.stringify(list[0]) ?? "null";
    for (let i = 1; i < list.length; i++) if ((JSON.stringify(list[i]) ?? "null") !== first) return null;
  } catch {
    return null;
  }
  return `${fmtInt(list.length)} items, all identical: ${clipKeeping(first, max, keep)}`;
}
function toolCallsLine(node, max, keep = NO_KEEP) {
  if (!isModelCall(node)) return null;
  const out = spanOutputs(node.span)?.value;
  const calls = toolCallsOf(out);
  if (!calls.length) return null;
  const list = calls.slice(0, 5).map((c) => `${c.name}(${oneLine(c.args)})`).join(", ");
  const text = replyText(out)?.text;
  const said = text && !text.startsWith("[tool call") && !text.includes("[[ ## ") ? ` · text: ${oneLine(text)}` : "";
  return `out: ${keptCut(keep, node, `${plural(calls.length, "tool call")}: ${list}${calls.length > 5 ? `, … ${calls.length - 5} more` : ""}${said}`, max)}`;
}
function outputText(value, max, keep = NO_KEEP) {
  const ot = textOrPreview(value, "out", keptRoom(keep, max));
  return ot && (objectPreview(value, ot.shape === "json" ? null : ot, max, keep.values) ?? ot.text);
}
var NO_KEEP = { values: [], whole: () => "" };
var keptRoom = (keep, max) => keep.values.length ? 2e4 : max + 20;
var keptCut = (keep, node, text, max) => clipKeeping(oneLine(text), max, keep.values, keep.values.length ? keep.whole(node.span.id) : void 0);

// scripts/lib/render/tree-view.ts
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
var idCache = /* @__PURE__ */ new WeakMap();
function shortIdOf(tree, node) {
  let ids = idCache.get(tree);
  if (!ids) idCache.set(tree, ids = shortIds(tree));
  return ids.get(node) ?? node.span.id.slice(0, 8);
}
var pathCache = /* @__PURE__ */ new WeakMap();
function errorPath(tree) {
  let set = pathCache.get(tree);
  if (set) return set;
  set = /* @__PURE__ */ new Set();
  for (const n of tree.nodes) {
    if (n.span.status !== "ERROR") continue;
    for (let p = n; p && !set.has(p); p = p.parent) set.add(p);
  }
  pathCache.set(tree, set);
  return set;
}
function childOrder(tree, node) {
  const path = errorPath(tree);
  if (!node.children.some((c) => path.has(c))) return node.children;
  return [...node.children.filter((c) => path.has(c)), ...node.children.filter((c) => !path.has(c))];
}
function spanLabel(node, t0, id) {
  const s = node.span;
  const type = spanType(s);
  const dur = durationOf(s);
  const self = selfTimeMs(node);
  const anomaly = node.anomaly ? paint.warn(` (${node.anomaly})`) : "";
  const timing = dur === null ? paint.warn("never ended") : `${fmtMs(dur)}${node.children.length ? ` (self ${fmtMs(self)})` : ""}`;
  const model = isModelCall(node) ? modelCallNote(s) : null;
  const kind = type ? ` [${type}${model ? `: ${model}` : ""}]` : model ? ` [${model}]` : "";
  return `${mark(node)} ${s.name}${kind} ${timing} +${fmtMs(s.startMs - t0)}${id ? paint.dim(` · ${id}`) : ""}${anomaly}`;
}
function previewLines(node, max = 110, tree, keep = NO_KEEP) {
  const lines = [];
  const i = spanInputs(node.span);
  const o = spanOutputs(node.span);
  const model = tree ? modelInputLine(tree, node, Math.round(max * 1.8), keep) : null;
  const it = !model && i ? textOrPreview(i.value, "in", keptRoom(keep, max)) : null;
  const same = o ? identicalItems(o.value, max - 40, keep.values) : null;
  const docs = same ? null : docsOutputLine(node, max, keep);
  const calls = same || docs ? null : toolCallsLine(node, Math.round(max * 1.8), keep);
  const ot = !same && !docs && !calls && o ? outputText(o.value, max, keep) : null;
  if (model) lines.push(model);
  if (it) lines.push(`in:  ${keptCut(keep, node, it.text, max)}`);
  if (same) lines.push(`out: ${same}`);
  if (docs) lines.push(docs);
  if (calls) lines.push(calls);
  if (ot) lines.push(`out: ${keptCut(keep, node, ot, max)}`);
  const ex = node.span.status === "ERROR" ? spanExceptions(node.span).at(-1) : void 0;
  const err = node.span.statusMessage || (ex ? `${ex.type}: ${ex.message}` : "");
  if (node.span.status === "ERROR" && err) lines.push(paint.error(`err: ${keptCut(keep, node, err, max)}`));
  return lines;
}
var timeAxis = /* @__PURE__ */ new WeakMap();
function axisOf(tree) {
  let axis = timeAxis.get(tree);
  if (!axis) {
    const t0 = tree.nodes.reduce((m, n) => Math.min(m, n.span.startMs), Number.POSITIVE_INFINITY);
    const t1 = tree.nodes.reduce((m, n) => Math.max(m, endOf(n.span)), Number.NEGATIVE_INFINITY);
    timeAxis.set(tree, axis = [t0, t1 - t0]);
  }
  return axis;
}
var TreeLayout = class {
  constructor(tree, starts, opts, t0) {
    this.tree = tree;
    this.opts = opts;
    this.t0 = t0;
    this.baseDepth = starts[0]?.depth ?? 0;
    this.childrenCommand = opts.childrenCommand ?? ((p) => opts.spanCommand(p.span.id));
    this.stack = starts.map((n, i) => {
      if (!opts.asChildren) return { node: n, prefix: "", childPrefix: "", parent: n.parent, index: i };
      const last = i === starts.length - 1 && opts.asChildren.lastIsFinal;
      return { node: n, prefix: last ? "└─ " : "├─ ", childPrefix: last ? "   " : "│  ", parent: n.parent, index: i };
    }).reverse();
  }
  rows = [];
  shown = 0;
  hidden = 0;
  stack;
  baseDepth;
  childrenCommand;
  walk() {
    while (this.stack.length) {
      const item = this.stack.pop();
      if (this.shown >= this.opts.maxSpans) this.collapseRest(item);
      else if ("more" in item) this.rows.push({ label: paint.dim(item.more), prefix: item.prefix, node: null, childPrefix: "" });
      else this.drawSpan(item);
    }
    return this;
  }
  moreRow(parent, from, children, spans, first) {
    return parent || !first ? `+${children} more children (${spans} spans) of ${parent?.span.name ?? "(root)"} (${parent ? this.childrenCommand(parent, from) : ""})` : `+${children} more root spans (${spans} spans), the first: ${this.opts.spanCommand(first.span.id)}`;
  }
  /**
   * Over the span limit: the rest of this parent's children become one row naming the command
   * that shows exactly them, never a hint that repeats this view. ("more" items were counted as
   * hidden when they were queued.)
   */
  collapseRest(item) {
    const stack = this.stack;
    let children = "more" in item ? item.children : 1;
    let spans = "more" in item ? item.spans : 1 + descendants(item.node).length;
    if (!("more" in item)) this.hidden += spans;
    const from = "more" in item ? item.from : item.index;
    while (stack.length && stack.at(-1).parent === item.parent) {
      const next = stack.pop();
      const n = "more" in next ? next.spans : 1 + descendants(next.node).length;
      if (!("more" in next)) this.hidden += n;
      children += "more" in next ? next.children : 1;
      spans += n;
    }
    this.rows.push({
      label: paint.dim(this.moreRow(item.parent, from, children, spans, "more" in item ? void 0 : item.node)),
      prefix: item.prefix.replace("├─ ", "└─ "),
      node: null,
      childPrefix: ""
    });
  }
  /** A span's row, then its children queued: below the depth limit one "+N more spans below" row, past maxChildren one "+N more children". */
  drawSpan(item) {
    const { node } = item;
    const opts = this.opts;
    this.shown += 1;
    this.rows.push({ label: spanLabel(node, this.t0, shortIdOf(this.tree, node)), prefix: item.prefix, node, childPrefix: item.childPrefix });
    const kids = node.children;
    if (!kids.length) return;
    const depth = node.depth - this.baseDepth;
    if (depth + 1 > opts.maxDepth) {
      const n = descendants(node).length;
      this.hidden += n;
      this.stack.push({
        more: `+${n} more spans below (${opts.spanCommand(node.span.id)})`,
        prefix: `${item.childPrefix}└─ `,
        parent: node,
        children: kids.length,
        spans: n,
        from: 0
      });
      return;
    }
    const ordered = kids.length > opts.maxChildren ? childOrder(this.tree, node) : kids;
    const visible = ordered.slice(0, opts.maxChildren);
    const rest = kids.length - visible.length;
    const pending = [];
    visible.forEach((child, idx) => {
      const last = idx === visible.length - 1 && rest === 0;
      pending.push({
        node: child,
        prefix: `${item.childPrefix}${last ? "└─ " : "├─ "}`,
        childPrefix: `${item.childPrefix}${last ? "   " : "│  "}`,
        parent: node,
        index: idx
      });
    });
    if (rest > 0) {
      const n = ordered.slice(opts.maxChildren).reduce((s, c) => s + 1 + descendants(c).length, 0);
      this.hidden += n;
      pending.push({
        more: this.moreRow(node, opts.maxChildren, rest, n),
        prefix: `${item.childPrefix}└─ `,
        parent: node,
        children: rest,
        spans: n,
        from: opts.maxChildren
      });
    }
    for (let i = pending.length - 1; i >= 0; i--) this.stack.push(pending[i]);
  }
};
function drawRows(tree, rows, opts, t0, total) {
  const width = opts.width ?? Math.min(72, Math.max(...rows.map((r) => r.prefix.length + visibleLength(r.label)), 0));
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
      for (const p of previewLines(r.node, 110, tree, { values: opts.keep ?? [], whole: opts.spanCommand })) lines.push(`${cont}${paint.dim(p)}`);
    }
  }
  return lines;
}
function renderTree(tree, starts, opts) {
  const [t0, total] = axisOf(tree);
  const layout = new TreeLayout(tree, starts, opts, t0).walk();
  const extra = [];
  if (layout.hidden && layout.shown >= opts.maxSpans)
    extra.push(paint.dim(`… ${layout.hidden} more spans not drawn (limit ${opts.maxSpans}); each "+N more" line names the command that shows them`));
  return { lines: [...drawRows(tree, layout.rows, opts, t0, total), ...extra], hidden: layout.hidden };
}
function labelWidth(tree, nodes, indent) {
  const [t0] = axisOf(tree);
  return Math.min(72, Math.max(0, ...nodes.map((n) => indent + visibleLength(spanLabel(n, t0, shortIdOf(tree, n))))));
}
var visibleLength = (s) => s.replace(/\u001b\[[0-9;]*m/g, "").length;

// scripts/lib/render/inspect.ts
var WHOLE_TREE = 50;
function inspectSections(r, tree, follow, opts) {
  const sections = [{ name: "header", priority: 0, lines: headerLines(r, follow) }];
  const keep = findingValues(r.findings);
  const tree0 = { ...DEFAULT_TREE, keep, spanCommand: opts.spanCommand, childrenCommand: opts.childrenCommand };
  const treeRoom = Math.max(2e3, opts.maxChars * 0.7);
  let maxSpans = DEFAULT_TREE.maxSpans;
  const whole = tree.nodes.length <= WHOLE_TREE ? { maxChildren: WHOLE_TREE, maxDepth: WHOLE_TREE } : {};
  let t = renderTree(tree, tree.roots, { ...tree0, ...whole, maxSpans });
  while (maxSpans > 5 && t.lines.reduce((a2, l) => a2 + l.length + 1, 0) > treeRoom) {
    maxSpans = Math.floor(maxSpans * 0.7);
    t = renderTree(tree, tree.roots, { ...tree0, maxSpans, maxChildren: Math.min(DEFAULT_TREE.maxChildren, maxSpans) });
  }
  const root = tree.roots[0];
  sections.push({
    name: "span tree",
    priority: 4,
    lines: [
      paint.head(`SPAN TREE — ${plural(r.spanCount, "span")} (✓ OK  ✗ ERROR  ○ UNSET, not an error; · id for --span; waterfall on the trace's time axis)`),
      ...t.lines
    ],
    more: root ? opts.spanCommand(root.span.id) : `${follow.inspect} --json`
  });
  sections.push({ name: "errors", priority: 2, lines: follow.health ? errorPointer(r, follow) : errorLines(r, follow, 3e3) });
  sections.push({ name: "findings", priority: 2, lines: findingLines(r) });
  sections.push({ name: "time", priority: 5, lines: timeSummaryLines(r) });
  const a = r.assessments;
  const n = a.verdicts.length + a.scorerErrors.length + a.expectations.length + a.overridden.length + a.issues.length;
  if (n)
    sections.push({
      name: "assessments",
      priority: 3,
      lines: [paint.head(`ASSESSMENTS (${n}; span-level ones name their span)`), ...assessmentLines(a, "  ", 600, keep)]
    });
  const io = r.turn;
  const ioLines = [paint.head("WHERE THE TURN LIVES")];
  if (r.root) ioLines.push(`  root ${r.root.name} attribute keys: ${r.root.attributeKeys.join(", ") || "(none)"}`);
  ioLines.push(
    `  ${io.rootIsWrapper ? `root is a wrapper; the turn is on span "${io.spanName}" (depth ${io.depth}, ${io.spanId})` : `the root span carries the turn`}`
  );
  if (io.inputs) ioLines.push(`  inputs:  ${io.inputs.key} [${io.inputs.convention}]${io.user ? ` → ${io.user.shape}` : ""}`);
  if (io.outputs) ioLines.push(`  outputs: ${io.outputs.key} [${io.outputs.convention}]${io.reply ? ` → ${io.reply.shape}` : ""}`);
  const cut = turnCut(r, follow);
  if (io.user) ioLines.push(`  user:  ${cut(io.user.text, 400)}`);
  if (io.reply) ioLines.push(`  reply: ${cut(io.reply.text, 400)}`);
  sections.push({ name: "turn", priority: 1, lines: ioLines });
  sections.push({ name: "tokens", priority: 5, lines: tokenLines(r) });
  if (r.warnings.length)
    sections.push({ name: "warnings", priority: 1, lines: [paint.head("WARNINGS"), ...r.warnings.map((w) => `  ${paint.warn("!")} ${w}`)] });
  if (r.link) sections.push({ name: "link", priority: 0, lines: [`MLflow UI: ${r.link}`] });
  return sections.filter((s) => s.lines.length);
}
function errorPointer(r, follow) {
  const c = r.errors.culprits[0];
  if (!c) return errorLines(r, follow);
  const ex = c.exception ? `${c.exception.type}: ${oneLine(c.exception.message)}` : c.statusMessage || "(no message)";
  const more = r.errors.culprits.length > 1 ? ` (+${plural(r.errors.culprits.length - 1, "more root cause")})` : "";
  const cause = `root cause ${c.name} [${c.type ?? "?"}] — ${clipKeeping(ex, 200, findingValues(r.findings))}${more} · span ${c.spanId.slice(0, 8)}`;
  return [`${paint.head("ERRORS")}: ${plural(r.errors.errorSpanCount, "error span")}; ${cause} · whole block with traceback: ${follow.health}`];
}
var pretty = (v) => {
  if (typeof v === "string") return v;
  try {
    return JSON.stringify(v, null, 2) ?? String(v);
  } catch {
    return String(v);
  }
};
function spanDetailText(trace, tree, node) {
  const s = node.span;
  const out = [];
  out.push(paint.head(`Span ${nameRef(tree, node)} (${s.id}) in ${trace.info.traceId}`));
  if (trace.format === "3.x") out.push(`span_id in the JSON (base64): ${hexToBase64(s.id)}`);
  const status = `${s.status}${s.statusMessage ? ` (${s.statusMessage})` : ""}`;
  out.push(`type ${spanType(s) ?? "?"} · status ${status} · ${fmtMs(durationOf(s))} (self ${fmtMs(selfTimeMs(node))})`);
  out.push(`path: ${[...ancestry(node).map((a) => a.span.name), s.name].join(" › ")}`);
  if (node.parent) out.push(`parent: ${nameRef(tree, node.parent)} (${node.parent.span.id})`);
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
  return out.join("\n");
}
var hexToBase64 = (hex) => /^[0-9a-f]{16}$/.test(hex) ? Buffer.from(hex, "hex").toString("base64") : hex;
function jsonIdNote(format) {
  return format === "3.x" ? "span ids in the JSON are base64; the hex ids printed here decode them" : "span ids in the JSON are hex, as printed here";
}

export {
  assessmentLine,
  assessmentLines,
  assessmentCount,
  codeSections,
  notHereText,
  findingValues,
  headerLines,
  healthSections,
  DEFAULT_TREE,
  shortIdOf,
  childOrder,
  renderTree,
  labelWidth,
  inspectSections,
  spanDetailText,
  jsonIdNote
};
