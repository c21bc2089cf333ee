#!/usr/bin/env node
import {
  analyseTrace
} from "./lib/chunk-755OJYVR.mjs";
import "./lib/chunk-QFDV2STT.mjs";
import "./lib/chunk-UADXQ6SI.mjs";
import {
  checkoutRoot,
  repoMatch,
  traceFiles
} from "./lib/chunk-EEF2HOOQ.mjs";
import {
  TRACE_ARGS,
  TRACE_SOURCE_OPTIONS,
  loadTraceJob
} from "./lib/chunk-W762CBKH.mjs";
import {
  healthSections,
  jsonIdNote
} from "./lib/chunk-7HSKS4IX.mjs";
import "./lib/chunk-G3PCOZ5F.mjs";
import "./lib/chunk-LAVKXJP2.mjs";
import "./lib/chunk-CKFIPKH4.mjs";
import {
  rawJsonLines,
  renderBudgeted
} from "./lib/chunk-QPX66UN4.mjs";
import "./lib/chunk-ZPHN57UH.mjs";
import "./lib/chunk-CTHSQBO2.mjs";
import "./lib/chunk-LWNOGT4C.mjs";
import {
  cacheStatus,
  defineCommand,
  runCommand
} from "./lib/chunk-WGP6ZNTJ.mjs";

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
