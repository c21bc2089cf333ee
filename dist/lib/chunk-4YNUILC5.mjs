import {
  resolveSpan
} from "./chunk-5R3F2B7O.mjs";
import {
  checkTraceId,
  loadSession
} from "./chunk-XMU4V6IM.mjs";
import {
  RedactionTally,
  SESSION_KEY,
  SkillError,
  buildTree,
  commandFor,
  dropAfterWrite,
  getTrace,
  parseTrace,
  redactText,
  runMlflow,
  sessionLink,
  shown,
  traceLink
} from "./chunk-V3PRQPWM.mjs";

// scripts/lib/commands/annotate/annotate-job.ts
import { userInfo } from "node:os";

// scripts/lib/actions/annotation.ts
import { randomBytes } from "node:crypto";
var RUN_KEY = "analyzing-mlflow-traces.run";
var markerKey = (run) => `${RUN_KEY}.${run}`;
function newRunId(now = /* @__PURE__ */ new Date(), rand = randomBytes(2).toString("hex")) {
  const iso = now.toISOString().replace(/[-:]/g, "");
  return `ann-${iso.slice(0, 8)}-${iso.slice(9, 15)}-${rand}`;
}
var RUN_ID = /^ann-\d{8}-\d{6}-[0-9a-f]{4}$/;
function checkRunId(run) {
  if (!RUN_ID.test(run))
    throw new SkillError("usage", `${JSON.stringify(run.slice(0, 60))} is not an annotation run id (they look like ann-20261129-110512-3f9a).`, {
      hint: "Use the run id printed by the annotate_trace run to undo."
    });
  return run;
}
function parseAssignment(spec, flag) {
  const at = spec.indexOf("=");
  const name = at > 0 ? spec.slice(0, at).trim() : "";
  const value = at > 0 ? spec.slice(at + 1) : "";
  if (!name || !value.trim()) {
    throw new SkillError("usage", `--${flag} takes NAME=VALUE, not ${JSON.stringify(spec.slice(0, 80))}.`, {
      hint: `e.g. --${flag} ${flag === "tag" ? "diagnosis=retrieval_miss" : 'root_cause="the retriever returned the 2023 policy"'}`
    });
  }
  checkJsonValue(value, `--${flag} ${name}`);
  return { name, value };
}
function checkJsonValue(value, what) {
  if (!/^\s*[[{"]/.test(value)) return;
  try {
    JSON.parse(value);
  } catch (err) {
    throw new SkillError("usage", `${what}: the value starts like JSON but is not JSON (${err.message.split("\n")[0]}).`, {
      hint: 'Fix the JSON, or write it as plain text without the leading { [ or ".'
    });
  }
}
function footprint(trace, run) {
  const assessments = trace.info.assessments.filter((a) => a.metadata[RUN_KEY] === run);
  const raw = trace.info.tags[markerKey(run)];
  let tags = {};
  if (raw !== void 0) {
    try {
      const parsed = JSON.parse(raw);
      tags = parsed.tags ?? {};
    } catch {
      tags = {};
    }
  }
  return { assessments, tags, marker: raw !== void 0 };
}
var isEmptyFootprint = (f) => !f.assessments.length && !f.marker;
function markerValue(trace, tags) {
  const before = {};
  for (const t of tags) before[t.name] = trace.info.tags[t.name] ?? null;
  return JSON.stringify({ tags: before });
}
function runMetadata(run, sessionId) {
  return sessionId === null ? { [RUN_KEY]: run } : { [RUN_KEY]: run, [SESSION_KEY]: sessionId };
}

// scripts/lib/mlflow/writes.ts
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
function assessmentArgv(cmd, a) {
  const argv = [
    "traces",
    cmd,
    "--trace-id",
    a.traceId,
    "--name",
    a.name,
    "--value",
    a.value,
    "--source-type",
    a.sourceType,
    "--source-id",
    a.sourceId,
    "--metadata",
    JSON.stringify(a.metadata)
  ];
  if (a.rationale !== void 0 && cmd === "log-feedback") argv.push("--rationale", a.rationale);
  if (a.spanId) argv.push("--span-id", a.spanId);
  return argv;
}
var logFeedback = (a) => ({ what: `feedback ${a.name} = ${a.value}`, argv: assessmentArgv("log-feedback", a) });
var logExpectation = (a) => ({ what: `expectation ${a.name} = ${a.value}`, argv: assessmentArgv("log-expectation", a) });
var setTag = (traceId, key, value) => ({
  what: `tag ${key} = ${value}`,
  argv: ["traces", "set-tag", "--trace-id", traceId, "--key", key, "--value", value]
});
var deleteTag = (traceId, key) => ({
  what: `delete tag ${key}`,
  argv: ["traces", "delete-tag", "--trace-id", traceId, "--key", key]
});
var deleteAssessment = (traceId, id, label) => ({
  what: `delete ${label} (${id})`,
  argv: ["traces", "delete-assessment", "--trace-id", traceId, "--assessment-id", id]
});
async function runWrite(call, timeoutMs) {
  const dir = mkdtempSync(join(tmpdir(), "mlflow-write-"));
  const out = join(dir, "stdout.txt");
  try {
    await runMlflow(call.argv, out, { timeoutMs }).catch((err) => {
      throw refused(err);
    });
    const said = readFileSync(out, "utf8").trim().split("\n").at(-1) ?? "";
    return { said, assessmentId: /Assessment ID: (\S+)/.exec(said)?.[1] ?? null };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
function refused(err) {
  if (!(err instanceof SkillError) || err.kind !== "mlflow-failed") return err;
  const reason = err.message.replace(/^mlflow (failed \(exit [^)]*\)|rejected the command): /, "");
  return new SkillError("mlflow-failed", `The tracking store refused the write: ${reason}`, { hint: err.hint, cause: err });
}

// scripts/lib/commands/annotate/annotate-job.ts
var defaultSourceId = () => {
  let user = process.env.USER ?? "";
  try {
    user = userInfo().username || user;
  } catch {
  }
  return `analyzing-mlflow-traces (${user || "unknown user"})`;
};
async function target(o) {
  const cli = { fresh: true, timeoutMs: o.timeoutMs };
  if (o.session) {
    const { value } = await loadSession({ ...o.session, includeSpans: false, limit: 1 }, cli);
    const first = value[0];
    if (!first)
      throw new SkillError("session-not-found", `No trace of session ${shown(o.session.sessionId)} in experiment ${o.session.experimentId}.`, {
        hint: "Check the session id with session_transcript, and the experiment id."
      });
    return { trace: first, sessionId: o.session.sessionId };
  }
  const id = checkTraceId(o.traceId);
  const fetched = await getTrace(id, cli);
  return { trace: parseTrace(fetched.json, `mlflow traces get output (${fetched.file})`), sessionId: null };
}
function checkOptions(o) {
  const writes = o.feedback.length + o.expectation.length + o.tag.length;
  if (o.undo && writes) throw new SkillError("usage", "--undo removes a run; it cannot be combined with --feedback, --expectation or --tag.");
  if (!o.undo && !writes)
    throw new SkillError("usage", "Nothing to write: give --feedback NAME=VALUE, --expectation NAME=VALUE or --tag KEY=VALUE (or --undo RUN).", {
      hint: "Run with --help for examples."
    });
  if (o.session && o.tag.length)
    throw new SkillError("usage", "Tags belong to one trace: --tag cannot be used with --session (session-level notes are assessments).");
  if (o.session && o.span) throw new SkillError("usage", "--span names a span of one trace: it cannot be used with --session.");
  if (o.rationale !== void 0 && !o.feedback.length) throw new SkillError("usage", "--rationale explains a --feedback; give one.");
}
async function annotateJob(o) {
  checkOptions(o);
  if (o.undo) checkRunId(o.undo);
  const feedback = o.feedback.map((f) => parseAssignment(f, "feedback"));
  const expectation = o.expectation.map((e) => parseAssignment(e, "expectation"));
  const tags = o.tag.map((t) => parseAssignment(t, "tag"));
  const { trace, sessionId } = await target(o);
  const traceId = trace.info.traceId;
  const runId = o.undo ?? newRunId();
  const tally = new RedactionTally();
  const calls = o.undo ? undoCalls(trace, runId) : writeCalls(trace, runId, sessionId, { feedback, expectation, tags }, o, tally);
  let dropped = 0;
  let writes;
  try {
    writes = await perform(calls, o, traceId, runId);
  } finally {
    if (!o.dryRun) dropped = dropAfterWrite(traceId, trace.info.experimentId);
  }
  return {
    mode: o.undo ? "undo" : "write",
    dryRun: o.dryRun,
    runId,
    traceId,
    experimentId: trace.info.experimentId,
    sessionId,
    writes,
    secretsRedacted: tally.count,
    undoCommand: o.undo ? null : undoCommand(traceId, runId),
    link: sessionId !== null ? sessionLink(trace.info.experimentId, sessionId) : traceLink(trace.info.experimentId, traceId),
    cacheEntriesDropped: dropped
  };
}
var undoCommand = (traceId, runId) => commandFor("annotate_trace", [traceId, "--undo", runId]);
function writeCalls(trace, run, sessionId, w, o, tally) {
  const traceId = trace.info.traceId;
  const clean = (s) => o.showSecrets ? s : redactText(s, tally);
  const spanId = o.span ? resolveSpan(buildTree(trace.spans), o.span, traceId).node.span.id : void 0;
  const common = { traceId, sourceType: o.sourceType, sourceId: o.sourceId ?? defaultSourceId(), metadata: runMetadata(run, sessionId), spanId };
  const calls = [];
  if (w.tags.length)
    calls.push({
      ...setTag(traceId, markerKey(run), markerValue(trace, w.tags)),
      what: `marker tag ${markerKey(run)} (names the tags this run set, for --undo)`
    });
  for (const t of w.tags) calls.push(setTag(traceId, t.name, clean(t.value)));
  const rationale = o.rationale === void 0 ? void 0 : clean(o.rationale);
  for (const f of w.feedback) calls.push(logFeedback({ ...common, name: f.name, value: clean(f.value), rationale }));
  for (const e of w.expectation) calls.push(logExpectation({ ...common, name: e.name, value: clean(e.value) }));
  return calls;
}
function undoCalls(trace, run) {
  const traceId = trace.info.traceId;
  const f = footprint(trace, run);
  if (isEmptyFootprint(f)) {
    throw new SkillError("run-not-found", `Annotation run ${run} wrote nothing that is still on trace ${traceId}; nothing was deleted.`, {
      hint: "Check the run id and the trace (a session-level run writes on the session's first trace: use the undo command the run printed)."
    });
  }
  const calls = f.assessments.filter((a) => a.id).map((a) => deleteAssessment(traceId, a.id, `${a.kind} ${a.name}`));
  for (const [key, before] of Object.entries(f.tags)) {
    if (before !== null) calls.push({ ...setTag(traceId, key, before), what: `restore tag ${key} = ${before}` });
    else if (key in trace.info.tags) calls.push(deleteTag(traceId, key));
  }
  if (f.marker) calls.push(deleteTag(traceId, markerKey(run)));
  return calls;
}
async function perform(calls, o, traceId, runId) {
  if (o.dryRun) return calls.map((c) => ({ ...c, said: null, assessmentId: null }));
  const done = [];
  for (const call of calls) {
    try {
      const r = await runWrite(call, o.timeoutMs);
      done.push({ ...call, said: r.said, assessmentId: r.assessmentId });
    } catch (err) {
      throw partial(err, done, o, traceId, runId);
    }
  }
  return done;
}
function partial(err, done, o, traceId, runId) {
  if (!(err instanceof SkillError)) return err;
  const before = done.length ? `Written before the failure: ${done.map((d) => d.what).join("; ")}.` : "Nothing was written.";
  const undo = done.length && !o.undo ? ` Undo them with: ${undoCommand(traceId, runId)}` : "";
  return new SkillError(err.kind, err.message, { hint: `${before}${undo}${err.hint && !done.length ? ` ${err.hint}` : ""}`, cause: err });
}

export {
  annotateJob
};
