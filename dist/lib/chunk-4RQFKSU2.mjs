import {
  analyseTokens
} from "./chunk-5SXQ4TEL.mjs";
import {
  RECORD_TURNS,
  TraceFacts,
  earlierTurns,
  turnTexts
} from "./chunk-7PUXK5AD.mjs";
import {
  locateTurn,
  replyProse
} from "./chunk-L7NKPVFV.mjs";
import {
  traceSource
} from "./chunk-SNJCS2ZS.mjs";
import {
  collectFindings,
  replyValuesUnsettled,
  wantsEarlierTurns
} from "./chunk-MWQ5YTIN.mjs";
import {
  summariseAssessments
} from "./chunk-NTVFJSFG.mjs";
import {
  spanInputs,
  spanOutputs,
  spanType
} from "./chunk-2IPHA5SA.mjs";
import {
  loadSession,
  loadTracesById,
  sessionFromFile
} from "./chunk-XMU4V6IM.mjs";
import {
  buildTree,
  mainRoot,
  traceLink
} from "./chunk-V3PRQPWM.mjs";

// scripts/lib/analysis/trace/trace-report.ts
var PREVIEW_CUT = 997;
var squash = (s) => s.replace(/\s+/g, " ").trim();
function previewIsCut(preview, rootValue) {
  if (!preview || preview.length < PREVIEW_CUT || !preview.endsWith("...")) return false;
  if (rootValue === void 0 || rootValue === null) return false;
  const full = squash(typeof rootValue === "string" ? rootValue : JSON.stringify(rootValue) ?? "");
  const shown = squash(preview);
  return full !== shown && full.length > shown.length - 3;
}
function traceFacts(trace, tree = buildTree(trace.spans)) {
  const turn = locateTurn(trace, tree);
  return new TraceFacts(trace, tree, { turn, reply: replyProse(turn) });
}
function reportOf(facts, earlier = []) {
  const { trace, tree } = facts;
  facts.addEarlier(earlier);
  const root = mainRoot(tree);
  const info = trace.info;
  const warnings = [];
  if (info.state === "IN_PROGRESS") warnings.push("The trace is IN_PROGRESS: it may still be running, or its process died before it ended.");
  if (!trace.spans.length) warnings.push("The trace has no spans (saved without spans, or its span data is missing).");
  if (tree.unended.length)
    warnings.push(
      `${tree.unended.length} span(s) never ended: ${tree.unended.slice(0, 3).map((n) => n.span.name).join(", ")}${tree.unended.length > 3 ? ", …" : ""}.`
    );
  if (tree.orphans.length) warnings.push(`${tree.orphans.length} orphan span(s): their parent is not in the trace (shown as extra roots).`);
  if (tree.cycles.length) warnings.push(`${tree.cycles.length} span(s) sit on a parent cycle (the cycle was cut to draw the tree).`);
  if (tree.duplicateIds.length) warnings.push(`${tree.duplicateIds.length} duplicate span id(s): the first span with each id is used.`);
  const trueRoots = tree.roots.filter((r) => r.anomaly === null).length;
  if (trueRoots > 1) warnings.push(`${trueRoots} root spans (more than one span without a parent).`);
  const errors = facts.errors;
  const rootIn = root ? spanInputs(root.span)?.value : void 0;
  const rootOut = root ? spanOutputs(root.span)?.value : void 0;
  const turn = facts.turn;
  if (!turn.user && previewIsCut(info.requestPreview, rootIn))
    warnings.push("request_preview is cut by MLflow at 1,000 chars: read the root span inputs for the whole request.");
  if (!turn.reply && previewIsCut(info.responsePreview, rootOut))
    warnings.push("response_preview is cut by MLflow at 1,000 chars: read the root span outputs for the whole response.");
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
    turn,
    errors,
    findings: collectFindings(facts),
    assessments: summariseAssessments(info.assessments, tree),
    timing: facts.timing,
    tokens: analyseTokens(trace, tree),
    warnings,
    link: traceLink(info.experimentId, info.traceId),
    source: traceSource(trace)
  };
}

// scripts/lib/commands/trace/earlier-turns.ts
async function earlierTurnsOf(job, facts, cli, wanted = (f) => wantsEarlierTurns(f.provenance)) {
  const { sessionId, experimentId } = job.trace.info;
  if (!sessionId) return [];
  const records = replyValuesUnsettled(facts.provenance);
  if (!records && !wanted(facts)) return [];
  try {
    const file = job.fromFile ? job.files[0] : void 0;
    if (file)
      return earlierTurns(
        sessionFromFile(file, sessionId).value.filter((t) => t.info.sessionId === sessionId),
        job.trace
      );
    if (!experimentId) return [];
    const opts = { timeoutMs: cli.timeout * 1e3, fresh: cli.fresh };
    const loaded = await loadSession({ experimentId, sessionId, includeSpans: false, spansAnswerOk: true }, opts);
    const withSpans = new Set(loaded.value.filter((t) => t.spans.length).map((t) => t.info.traceId));
    return await withRecords(earlierTurns(loaded.value, job.trace), withSpans, experimentId, opts);
  } catch {
    return [];
  }
}
async function withRecords(turns, read, experimentId, opts) {
  const near = turns.slice(-RECORD_TURNS).filter((t) => !read.has(t.traceId));
  if (!near.length) return turns;
  try {
    const read2 = await loadTracesById(
      experimentId,
      near.map((t) => t.traceId),
      opts
    );
    const byId = new Map(read2.value.map((t) => [t.info.traceId, t]));
    return turns.map((t) => {
      const spans = byId.get(t.traceId);
      return spans?.spans.length ? { ...t, ...turnTexts(spans) } : t;
    });
  } catch {
    return turns;
  }
}

export {
  traceFacts,
  reportOf,
  earlierTurnsOf
};
