#!/usr/bin/env node
import {
  buildCase,
  replaceCase
} from "./lib/chunk-BHTV7DSH.mjs";
import {
  checkOutputFile,
  prepareOutDir
} from "./lib/chunk-2IPHA5SA.mjs";
import {
  annotateJob
} from "./lib/chunk-4YNUILC5.mjs";
import "./lib/chunk-5R3F2B7O.mjs";
import {
  checkTraceId
} from "./lib/chunk-XMU4V6IM.mjs";
import {
  SkillError,
  clip,
  defineCommand,
  flag,
  getTrace,
  list,
  parseTrace,
  runCommand,
  text,
  traceLink
} from "./lib/chunk-V3PRQPWM.mjs";

// scripts/lib/render/export-view.ts
var PREDICT_PLACEHOLDER = 'raise NotImplementedError("call your app here")';
function evaluateSnippet(file) {
  return `import json
import mlflow
from mlflow.genai.scorers import scorer

cases = [json.loads(line) for line in open(${JSON.stringify(file)}) if line.strip()]
data = [{"inputs": c["inputs"], "expectations": c["expectations"]} for c in cases]

def predict_fn(**inputs):
    # Call your app's entry point with the recorded inputs, e.g. return my_app.answer(**inputs)
    ${PREDICT_PLACEHOLDER}

@scorer
def meets_expected_facts(outputs, expectations):
    # A code check with no LLM; add mlflow.genai.scorers.Correctness() for a judge.
    facts = expectations.get("expected_facts") or []
    return all(str(f).lower() in str(outputs).lower() for f in facts)

result = mlflow.genai.evaluate(data=data, predict_fn=predict_fn, scorers=[meets_expected_facts])
print(result.metrics)`;
}
function exportText(r) {
  const verb = r.dryRun ? "Would write" : r.replaced ? "Replaced" : "Appended";
  const replaced = r.replaced ? "; the earlier export of this trace was replaced" : "";
  const lines = [
    `${verb} the regression case for ${r.record.source_trace_id} in ${r.fileShown} (${r.total} case${r.total === 1 ? "" : "s"} in the file${replaced}).`,
    `  inputs: ${clip(JSON.stringify(r.record.inputs), 300)}  (from ${r.inputsFrom})`,
    `  expectations: ${clip(JSON.stringify(r.record.expectations), 300)}${r.fromTrace.length ? `  (${r.fromTrace.join(", ")} from the trace)` : ""}`,
    `  version tags: ${Object.keys(r.record.tags).length ? Object.entries(r.record.tags).map(([k, v]) => `${k}=${v}`).join(", ") : "(none on the trace)"}`
  ];
  if (!Object.keys(r.record.expectations).length) lines.push('  No expectation yet: add --expect "a fact the answer must state" (or --expect-response TEXT).');
  if (r.logged)
    lines.push(
      "",
      `Also logged on the trace (annotation run ${r.logged.runId}): ${r.logged.writes.map((w) => w.what).join("; ")}`,
      `Undo: ${r.logged.undoCommand}`
    );
  if (r.link) lines.push(`MLflow UI: ${r.link}`);
  lines.push("", "Run the cases with mlflow.genai.evaluate (replace the predict function body with a call into your app):", "", evaluateSnippet(r.fileShown));
  return lines.join("\n");
}

// scripts/lib/commands/export/export-job.ts
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { execa } from "./vendor/execa.mjs";
async function defaultOut() {
  const git = await execa("git", ["rev-parse", "--show-toplevel"], { reject: false });
  const top = git.exitCode === 0 ? String(git.stdout).trim() : "";
  return join(top || process.cwd(), "eval", "regression_cases.jsonl");
}
function writeAtomically(file, text2) {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.tmp-${process.pid}`;
    writeFileSync(tmp, text2);
    renameSync(tmp, file);
  } catch (err) {
    throw new SkillError("output-dir", `Cannot write ${file} (${err.code ?? "error"}).`, { hint: "Pick a writable --out FILE." });
  }
}
async function exportJob(o) {
  const id = checkTraceId(o.traceId);
  if (o.logExpectation && !o.facts.length && o.response === void 0) {
    throw new SkillError("usage", "--log-expectation logs the --expect / --expect-response given here; give one.");
  }
  const file = checkOutputFile(o.out ?? await defaultOut(), "--out", !o.dryRun);
  const dir = o.outDir ? prepareOutDir(o.outDir) : void 0;
  const fetched = await getTrace(id, { timeoutMs: o.timeoutMs, dir, fresh: o.fresh });
  const trace = parseTrace(fetched.json, `mlflow traces get output (${fetched.file})`);
  const built = buildCase(trace, { facts: o.facts, response: o.response });
  const existing = existsSync(file) ? readFileSync(file, "utf8") : "";
  const next = replaceCase(existing, built.record);
  if (!o.dryRun) writeAtomically(file, next.text);
  const logged = o.logExpectation ? await logOnTrace(trace.info.traceId, o) : null;
  const rel = relative(process.cwd(), file);
  return {
    record: built.record,
    file,
    fileShown: rel && !rel.startsWith("..") ? rel : file,
    replaced: next.replaced,
    total: next.total,
    inputsFrom: built.inputsFrom,
    fromTrace: built.fromTrace,
    logged,
    link: traceLink(trace.info.experimentId, trace.info.traceId),
    dryRun: o.dryRun,
    traceFile: fetched.file
  };
}
function logOnTrace(traceId, o) {
  const expectation = [];
  if (o.facts.length) expectation.push(`expected_facts=${JSON.stringify(o.facts)}`);
  if (o.response !== void 0) expectation.push(`expected_response=${JSON.stringify(o.response)}`);
  return annotateJob({
    traceId,
    feedback: [],
    expectation,
    tag: [],
    sourceType: "HUMAN",
    dryRun: o.dryRun,
    showSecrets: o.showSecrets,
    timeoutMs: o.timeoutMs
  });
}

// scripts/lib/commands/export/export-case.ts
var exportCase = defineCommand({
  name: "export_case",
  summary: `Turns a trace into a regression case in MLflow's evaluation-dataset record shape
({"inputs", "expectations", "source_trace_id", "tags"}: tags are the trace's version tags) and
appends it to a JSONL file, one case per source trace (exporting the same trace again replaces
it). For a session turn the inputs hold the chat history the model was given. Expectations
already logged on the trace are included. Prints a Python snippet that runs the file with
mlflow.genai.evaluate and a predict function of your app.`,
  args: [{ key: "traceId", metavar: "TRACE_ID", help: "the trace to keep as a case" }],
  options: {
    expect: list("TEXT", "a fact the right answer states (stored as expected_facts)"),
    expectResponse: text("TEXT", "the right answer itself (expected_response)"),
    out: text("FILE", "default eval/regression_cases.jsonl in the current git repository (else the working directory)"),
    logExpectation: flag("also log these expectations on the trace (undo: annotate_trace <TRACE_ID> --undo RUN)"),
    dryRun: flag("show the case without writing the file or the trace")
  },
  async run({ args, opts }) {
    const r = await exportJob({
      traceId: args.traceId,
      facts: opts.expect,
      response: opts.expectResponse,
      out: opts.out,
      logExpectation: opts.logExpectation,
      dryRun: opts.dryRun,
      showSecrets: opts.showSecrets,
      timeoutMs: opts.timeout * 1e3,
      outDir: opts.outDir,
      fresh: opts.fresh
    });
    return {
      json: { ...r, snippet: evaluateSnippet(r.fileShown) },
      files: { cases: r.file, trace: r.traceFile },
      text: () => opts.outDir ? `${exportText(r)}

Full trace JSON (unredacted, 0600): ${r.traceFile}` : exportText(r)
    };
  }
});

// scripts/export_case.ts
await runCommand(exportCase);
