#!/usr/bin/env node
import {
  analyseTrace
} from "./lib/chunk-32ZPFG6Z.mjs";
import "./lib/chunk-AKAADXDT.mjs";
import "./lib/chunk-7XJESY6W.mjs";
import "./lib/chunk-YT6DGV2Y.mjs";
import {
  checkoutRoot,
  repoMatch,
  traceFiles
} from "./lib/chunk-54JOJFIF.mjs";
import {
  TRACE_ARGS,
  TRACE_SOURCE_OPTIONS,
  loadTraceJob
} from "./lib/chunk-M3M266Z4.mjs";
import {
  healthSections,
  jsonIdNote
} from "./lib/chunk-V63WKBHC.mjs";
import "./lib/chunk-TWD4M6QH.mjs";
import "./lib/chunk-QKJUAXBN.mjs";
import {
  rawJsonLines,
  renderBudgeted
} from "./lib/chunk-FZKBNDA3.mjs";
import "./lib/chunk-AB5WSJLU.mjs";
import "./lib/chunk-JVI4FQ4G.mjs";
import "./lib/chunk-UBCHT2BF.mjs";
import {
  cacheStatus,
  defineCommand,
  runCommand
} from "./lib/chunk-2N4PHG7U.mjs";

// scripts/lib/commands/trace/health-check.ts
var healthCheck = defineCommand({
  name: "health_check",
  summary: "One screen on one MLflow trace: state, errors (deepest failing span, exception, propagation), assessments\n(negative verdicts first, scorer errors apart), slow spans, tokens. One mlflow call (`mlflow traces get`).",
  args: TRACE_ARGS,
  options: TRACE_SOURCE_OPTIONS,
  async run({ args, opts }) {
    const job = await loadTraceJob({ ...opts, traceId: args.traceId });
    const report = analyseTrace(job.trace);
    const inspect = job.again("inspect_turn");
    return {
      json: { ...report },
      files: { traceJson: job.files[0] ?? null },
      text: () => {
        const footer = [
          ...rawJsonLines("trace", job.files.slice(0, 1), { fromUserFile: job.fromFile, idNote: jsonIdNote(job.trace.format), cache: cacheStatus() }),
          `Next: ${inspect}  (span tree, inputs/outputs, exceptions)`
        ];
        const repo = report.errors.culprits.length ? repoMatch(checkoutRoot(process.cwd()), traceFiles(job.trace, report.source?.entryScript ?? null)) : void 0;
        const follow = {
          inspect,
          inspectSpan: (id) => job.again("inspect_turn", ["--span", id]),
          json: job.again("health_check", ["--json"]),
          locate: (id) => job.again("locate_code", ["--span", id]),
          repo
        };
        return renderBudgeted(healthSections(report, follow), footer, opts.maxChars, inspect).text;
      }
    };
  }
});

// scripts/health_check.ts
await runCommand(healthCheck);
