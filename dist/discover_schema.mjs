#!/usr/bin/env node
import {
  SESSION_ARGS,
  SESSION_SOURCE_OPTIONS,
  fetchSession,
  sessionArgs
} from "./lib/chunk-6GVL6BJW.mjs";
import "./lib/chunk-4NTHLB4J.mjs";
import {
  locateTurn,
  turnFromInfo
} from "./lib/chunk-L7NKPVFV.mjs";
import {
  experimentIdOf
} from "./lib/chunk-CF3OK2NH.mjs";
import {
  assessmentCount,
  assessmentLines,
  jsonIdNote
} from "./lib/chunk-KUWHRL37.mjs";
import "./lib/chunk-MWQ5YTIN.mjs";
import "./lib/chunk-B4YWSYFA.mjs";
import {
  paint,
  rawJsonLines,
  renderBudgeted,
  summariseAssessments
} from "./lib/chunk-NTVFJSFG.mjs";
import {
  ioKeysPresent,
  spanType
} from "./lib/chunk-2IPHA5SA.mjs";
import "./lib/chunk-5R3F2B7O.mjs";
import "./lib/chunk-XMU4V6IM.mjs";
import {
  buildTree,
  cacheStatus,
  clip,
  commandFor,
  defineCommand,
  experimentLabel,
  mainRoot,
  oneLine,
  runCommand
} from "./lib/chunk-V3PRQPWM.mjs";

// scripts/lib/analysis/session/io-schema.ts
var norm = (s) => (s ?? "").replace(/\s+/g, " ").trim();
function discoverSchema(sessionId, traces) {
  const first = traces[0];
  const tree = buildTree(first.spans);
  const root = mainRoot(tree);
  const turn = locateTurn(first, tree);
  const turnSpan = turn.spanId ? tree.byId.get(turn.spanId)?.span : void 0;
  const p = turnFromInfo(first.info);
  const previewsSuffice = !!p.user && p.user.shape !== "json" && norm(p.user.text) === norm(turn.user?.text) && (!turn.reply || !!p.reply && norm(p.reply.text) === norm(turn.reply.text));
  return {
    sessionId,
    experimentId: first.info.experimentId,
    firstTraceId: first.info.traceId,
    firstRequestTime: first.info.requestTimeMs === null ? null : new Date(first.info.requestTimeMs).toISOString(),
    root: root ? { spanId: root.span.id, name: root.span.name, type: spanType(root.span), attributeKeys: Object.keys(root.span.rawAttributes) } : null,
    turn,
    previewsSuffice,
    previews: { user: p.user?.text ?? null, reply: p.reply?.text ?? null },
    sessionAssessments: summariseAssessments(
      first.info.assessments.filter((a) => a.sessionLevel),
      tree
    ),
    turnAssessments: summariseAssessments(
      first.info.assessments.filter((a) => !a.sessionLevel),
      tree
    ),
    tracesSeen: traces.length,
    inputKeys: turnSpan ? ioKeysPresent(turnSpan, "in") : [],
    outputKeys: turnSpan ? ioKeysPresent(turnSpan, "out") : []
  };
}

// scripts/lib/commands/session/discover-schema.ts
var discoverSchemaCommand = defineCommand({
  name: "discover_schema",
  summary: "Reads the first trace of an MLflow chat session and reports where each turn keeps the user's message and\nthe reply: the span (skipping wrapper roots), the attribute keys and their convention (MLflow, OTel GenAI,\nOpenInference, OpenLLMetry), the shape, turn 1 as extracted, and the first trace's assessments\n(session-level apart from per-turn). One mlflow call.",
  args: SESSION_ARGS,
  options: SESSION_SOURCE_OPTIONS,
  async run({ args, opts }) {
    const a = sessionArgs({ ...opts, experimentId: args.experimentId, sessionId: args.sessionId });
    if (!a.fromFile) a.experimentId = await experimentIdOf(a.experimentId, a.cli);
    const { traces, files } = await fetchSession(a, true, 1);
    const r = discoverSchema(a.sessionId, traces);
    const next = a.again("session_transcript", r.previewsSuffice ? [] : ["--spans"]);
    return { json: { ...r, next }, files: { searchJson: files }, text: () => schemaText(r, a, next, traces, files) };
  }
});
var also = (keys, used) => {
  const rest = keys.filter((k) => k.key !== used);
  return rest.length ? [`  also on that span: ${rest.map((k) => `${k.key} [${k.convention}]`).join(", ")}`] : [];
};
function schemaText(r, a, next, traces, files) {
  const t = r.turn;
  const sections = [
    {
      name: "header",
      priority: 0,
      lines: [
        paint.head(`Session ${JSON.stringify(r.sessionId)}`) + `${r.experimentId ? ` · experiment ${experimentLabel(a.given, r.experimentId)}` : ""} · first trace ${r.firstTraceId} (${r.firstRequestTime ?? "?"})`
      ]
    },
    {
      name: "root",
      priority: 1,
      lines: [
        paint.head("ROOT SPAN"),
        r.root ? `  ${r.root.name} [${r.root.type ?? "?"}] (${r.root.spanId})` : "  (the trace has no spans)",
        ...r.root ? [`  attribute keys: ${r.root.attributeKeys.join(", ") || "(none)"}`] : [],
        t.rootIsWrapper ? `  ${paint.warn("wrapper")}: the root carries no readable turn; the turn lives on "${t.spanName}" (depth ${t.depth}, span ${t.spanId})` : "  the root span carries the turn (not a wrapper)"
      ]
    },
    {
      name: "io",
      priority: 0,
      lines: [
        paint.head("USER INPUT"),
        t.inputs ? `  ${t.inputs.key} [${t.inputs.convention}] on "${t.spanName}" → ${t.user?.shape ?? "no text found"}` : "  no input attribute found",
        ...also(r.inputKeys, t.inputs?.key),
        `  turn 1: ${t.user ? clip(oneLine(t.user.text), 400) : "(none)"}`,
        paint.head("REPLY"),
        t.outputs ? `  ${t.outputs.key} [${t.outputs.convention}] on "${t.spanName}" → ${t.reply?.shape ?? "no text found"}` : "  no output attribute found",
        ...also(r.outputKeys, t.outputs?.key),
        `  turn 1: ${t.reply ? clip(oneLine(t.reply.text), 400) : "(none)"}`,
        paint.head("TRACE-LEVEL PREVIEWS"),
        `  request_preview → ${r.previews.user ? clip(oneLine(r.previews.user), 160) : "(empty or opaque)"}`,
        `  response_preview → ${r.previews.reply ? clip(oneLine(r.previews.reply), 160) : "(empty or opaque)"}`,
        r.previewsSuffice ? "  previews hold the turn text: session_transcript reads all turns without spans (fast, one call)" : "  previews do not hold the turn text: session_transcript must read spans (--spans)"
      ]
    }
  ];
  const sa = r.sessionAssessments;
  const ta = r.turnAssessments;
  const al = [paint.head("ASSESSMENTS ON THE FIRST TRACE")];
  if (assessmentCount(sa)) al.push("  Session-level (metadata mlflow.trace.session; they judge the whole conversation):", ...assessmentLines(sa, "    "));
  if (assessmentCount(ta)) al.push("  Per-turn (turn 1 only):", ...assessmentLines(ta, "    "));
  if (al.length === 1) al.push("  none");
  sections.push({ name: "assessments", priority: 2, lines: al });
  sections.push({ name: "next", priority: 0, lines: [paint.head("NEXT"), `  ${next}`, `  turn 1 in depth: ${commandFor("inspect_turn", [r.firstTraceId])}`] });
  return renderBudgeted(
    sections,
    rawJsonLines("search", files, { fromUserFile: !!a.fromFile, idNote: jsonIdNote(traces[0]?.format ?? "3.x"), cache: cacheStatus() }),
    a.maxChars,
    a.again("discover_schema", ["--json"])
  ).text;
}

// scripts/discover_schema.ts
await runCommand(discoverSchemaCommand);
