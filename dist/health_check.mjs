#!/usr/bin/env node
import {
  earlierTurnsOf,
  reportOf,
  traceFacts
} from "./lib/chunk-4RQFKSU2.mjs";
import "./lib/chunk-5SXQ4TEL.mjs";
import "./lib/chunk-7PUXK5AD.mjs";
import "./lib/chunk-L7NKPVFV.mjs";
import {
  checkoutRoot,
  repoMatch,
  traceFiles
} from "./lib/chunk-PE75CE7R.mjs";
import {
  TRACE_ARGS,
  TRACE_SOURCE_OPTIONS,
  loadTraceJob
} from "./lib/chunk-SNJCS2ZS.mjs";
import {
  healthSections,
  jsonIdNote
} from "./lib/chunk-KUWHRL37.mjs";
import "./lib/chunk-SUSXR56T.mjs";
import "./lib/chunk-MWQ5YTIN.mjs";
import "./lib/chunk-B4YWSYFA.mjs";
import {
  rawJsonLines,
  renderBudgeted
} from "./lib/chunk-NTVFJSFG.mjs";
import "./lib/chunk-2IPHA5SA.mjs";
import "./lib/chunk-5R3F2B7O.mjs";
import "./lib/chunk-XMU4V6IM.mjs";
import {
  buildTree,
  cacheStatus,
  defineCommand,
  runCommand
} from "./lib/chunk-V3PRQPWM.mjs";

// scripts/lib/commands/trace/health-check.ts
var healthCheck = defineCommand({
  name: "health_check",
  summary: "One screen on one MLflow trace: state, errors (deepest failing span, exception, propagation), assessments\n(negative verdicts first, scorer errors apart), slow spans, tokens. One mlflow call (`mlflow traces get`).",
  args: TRACE_ARGS,
  options: TRACE_SOURCE_OPTIONS,
  async run({ args, opts }) {
    const job = await loadTraceJob({ ...opts, traceId: args.traceId });
    const tree = buildTree(job.trace.spans);
    const facts = traceFacts(job.trace, tree);
    const report = reportOf(facts, await earlierTurnsOf(job, facts, opts));
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
