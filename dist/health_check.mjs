#!/usr/bin/env -S npx tsx
import {
  analyseTrace,
  healthSections,
  help,
  loadTraceJob,
  singleTraceOptions
} from "./lib/chunk-PAOLVAAN.mjs";
import "./lib/chunk-IAW2BIP2.mjs";
import {
  bool,
  mlflowCallCount,
  parseFlags,
  renderBudgeted,
  runScript
} from "./lib/chunk-YPYMG2EK.mjs";

// scripts/health_check.ts
var HELP = help(
  "Usage: health_check <TRACE_ID> [options]\n\nOne screen on one MLflow trace: state, errors (deepest failing span, exception, propagation), assessments\n(negative verdicts first, scorer errors apart), slow spans, tokens. One mlflow call (`mlflow traces get`).",
  singleTraceOptions()
);
await runScript(async (argv) => {
  const flags = parseFlags(argv, { string: ["trace-id"] });
  if (bool(flags, "help")) return HELP;
  const job = await loadTraceJob(flags);
  const report = analyseTrace(job.trace);
  const inspect = job.again("inspect_turn");
  const footer = [`Full trace JSON: ${job.files[0]}`, `Next: ${inspect}  (span tree, inputs/outputs, exceptions)`];
  if (bool(flags, "json")) {
    return JSON.stringify({ ...report, files: { traceJson: job.files[0] ?? null }, mlflowCalls: mlflowCallCount() }, null, 2);
  }
  const follow = { inspect, inspectSpan: (id) => job.again("inspect_turn", ["--span", id]) };
  return renderBudgeted(healthSections(report, follow), footer, job.maxChars, inspect).text;
});
