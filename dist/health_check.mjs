#!/usr/bin/env node
import {
  analyseTrace
} from "./lib/chunk-UE6KMKX6.mjs";
import "./lib/chunk-EPPMW7MQ.mjs";
import "./lib/chunk-WARZAYBE.mjs";
import {
  help,
  loadTraceJob,
  singleTraceOptions
} from "./lib/chunk-EZBLH6DY.mjs";
import {
  healthSections,
  jsonIdNote
} from "./lib/chunk-LIIUCRUZ.mjs";
import "./lib/chunk-23VTPSS3.mjs";
import "./lib/chunk-RZXAN3BL.mjs";
import "./lib/chunk-34DQ2GJU.mjs";
import {
  bool,
  cacheStatus,
  mlflowCallCount,
  parseFlags,
  rawJsonLines,
  renderBudgeted,
  runScript
} from "./lib/chunk-AWLKMLHY.mjs";

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
  const footer = [...rawJsonLines("trace", job.files.slice(0, 1), { fromUserFile: job.fromFile, idNote: jsonIdNote(job.trace.format), cache: cacheStatus() }), `Next: ${inspect}  (span tree, inputs/outputs, exceptions)`];
  if (bool(flags, "json")) {
    return JSON.stringify({ ...report, files: { traceJson: job.files[0] ?? null }, mlflowCalls: mlflowCallCount(), cache: cacheStatus() }, null, 2);
  }
  const follow = { inspect, inspectSpan: (id) => job.again("inspect_turn", ["--span", id]), json: job.again("health_check", ["--json"]), locate: (id) => job.again("locate_code", ["--span", id]) };
  return renderBudgeted(healthSections(report, follow), footer, job.maxChars, inspect).text;
});
