#!/usr/bin/env node
import {
  annotateJob
} from "./lib/chunk-4YNUILC5.mjs";
import "./lib/chunk-5R3F2B7O.mjs";
import "./lib/chunk-XMU4V6IM.mjs";
import {
  SkillError,
  defineCommand,
  flag,
  grouped,
  list,
  runCommand,
  shellArg,
  shown,
  text
} from "./lib/chunk-V3PRQPWM.mjs";

// scripts/lib/render/annotate-view.ts
var mlflowCommand = (argv) => ["mlflow", ...argv].map(shellArg).join(" ");
function annotateText(r) {
  const where = r.sessionId !== null ? `session ${JSON.stringify(r.sessionId)} (on its first trace ${r.traceId})` : `trace ${r.traceId}`;
  const verb = r.mode === "undo" ? r.dryRun ? "Would remove" : "Removed" : r.dryRun ? "Would write" : "Wrote";
  const lines = [`${verb} on ${where} — annotation run ${r.runId}${r.dryRun ? " (dry run: nothing was changed)" : ""}:`];
  for (const w of r.writes) lines.push(`  - ${w.what}${w.assessmentId ? `  [${w.assessmentId}]` : ""}`);
  if (r.dryRun) lines.push("", "The mlflow commands it would run:", ...r.writes.map((w) => `  ${mlflowCommand(w.argv)}`));
  if (r.secretsRedacted)
    lines.push("", `${r.secretsRedacted} secret(s) in the text were replaced by [redacted …] before writing (--show-secrets writes them as given).`);
  if (r.link) lines.push("", `MLflow UI: ${r.link}`);
  if (r.undoCommand) lines.push("", `Undo: ${r.undoCommand}`);
  if (!r.dryRun && r.mode === "write") lines.push("The next health_check / session_transcript shows it (the cached trace was dropped).");
  return lines.join("\n");
}

// scripts/lib/commands/annotate/annotate-trace.ts
var annotateTrace = defineCommand({
  name: "annotate_trace",
  summary: `Records a diagnosis where the team sees it in the MLflow UI: assessments and tags on the trace
(mlflow traces log-feedback | log-expectation | set-tag), or session-level assessments on the
session's first trace (where MLflow keeps them). Each write carries an annotation run id in its
metadata; the run prints what it wrote and the command that removes exactly that.
Forms: annotate_trace <TRACE_ID> --feedback …   annotate_trace <SESSION_ID> --session <EXPERIMENT_ID> --feedback …
       annotate_trace <TRACE_ID> --undo <RUN>`,
  args: [{ key: "traceId", metavar: "TRACE_ID", help: "the trace (with --session: the session id)" }],
  options: {
    ...grouped("Writes", {
      feedback: list("NAME=VALUE", 'a verdict, e.g. --feedback correctness=no --feedback root_cause="stale retrieval"'),
      expectation: list("NAME=VALUE", 'ground truth, e.g. --expectation expected_response="Paris"'),
      tag: list("KEY=VALUE", "a trace tag (not with --session)")
    }),
    rationale: text("TEXT", "why (for every --feedback of the run)"),
    span: text("KEY", "attach the assessments to a span (id, name or NAME#N, as inspect_turn prints)"),
    session: text("EXPERIMENT_ID", "session-level assessments (metadata mlflow.trace.session), on the first trace"),
    sourceType: text("HUMAN|CODE", "who judged (default HUMAN: the user, or an agent on the user's word)"),
    sourceId: text("ID", 'default "analyzing-mlflow-traces (<OS user>)"'),
    undo: text("RUN", "remove what run RUN wrote on this trace (exit 5 and nothing deleted if none)"),
    dryRun: flag("print the mlflow commands without running them")
  },
  notes: [
    'VALUE is text; one that parses as JSON (0.2, true, {"a": 1}) is stored as JSON, and one that\nstarts like JSON ({ [ ") must be valid JSON. Secrets in a rationale or value are masked before\nthey are written (their kind named) unless --show-secrets.'
  ],
  async run({ args, opts }) {
    const sourceType = (opts.sourceType ?? "HUMAN").toUpperCase();
    if (sourceType !== "HUMAN" && sourceType !== "CODE")
      throw new SkillError("usage", `--source-type is HUMAN or CODE, not ${shown(sourceType)}.`, {
        hint: "HUMAN: a person (or an agent on their word) judged it; CODE: a program did."
      });
    const id = args.traceId;
    const experimentId = opts.session;
    if (experimentId && !id)
      throw new SkillError("usage", "--session takes EXPERIMENT_ID, with the SESSION_ID as the argument.", {
        hint: "e.g. annotate_trace hotel-booking-42 --session 1 --feedback resolved=no"
      });
    const result = await annotateJob({
      traceId: experimentId ? void 0 : id,
      session: experimentId ? { experimentId, sessionId: id } : void 0,
      feedback: opts.feedback,
      expectation: opts.expectation,
      tag: opts.tag,
      rationale: opts.rationale,
      span: opts.span,
      sourceType,
      sourceId: opts.sourceId,
      undo: opts.undo,
      dryRun: opts.dryRun,
      showSecrets: opts.showSecrets,
      timeoutMs: opts.timeout * 1e3
    });
    return { json: { ...result }, text: () => annotateText(result) };
  }
});

// scripts/annotate_trace.ts
await runCommand(annotateTrace);
