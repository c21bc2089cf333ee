#!/usr/bin/env node
import {
  analyseTrace
} from "./lib/chunk-JCS2MP35.mjs";
import "./lib/chunk-MYPP7QSW.mjs";
import "./lib/chunk-EAH4UWGV.mjs";
import {
  checkoutRoot,
  repoMatch,
  traceFiles
} from "./lib/chunk-3WHVY4ZT.mjs";
import {
  TRACE_ARGS,
  TRACE_SOURCE_OPTIONS,
  loadTraceJob
} from "./lib/chunk-Y2376GHG.mjs";
import {
  healthSections,
  jsonIdNote
} from "./lib/chunk-QN7SSBMZ.mjs";
import "./lib/chunk-VWHZXNNJ.mjs";
import "./lib/chunk-MXXOFALC.mjs";
import {
  rawJsonLines,
  renderBudgeted
} from "./lib/chunk-7OPGND7O.mjs";
import "./lib/chunk-HBDHI3ZH.mjs";
import "./lib/chunk-IBATTMB6.mjs";
import "./lib/chunk-H4J42CUS.mjs";
import "./lib/chunk-J2TCI7BW.mjs";
import {
  cacheStatus,
  defineCommand,
  runCommand
} from "./lib/chunk-FS3LIYKE.mjs";

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
