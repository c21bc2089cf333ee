#!/usr/bin/env node
import {
  earlierTurnsOf,
  reportOf,
  traceFacts
} from "./lib/chunk-NKVV2OAH.mjs";
import "./lib/chunk-HADOL6B4.mjs";
import "./lib/chunk-HCOMHT5B.mjs";
import "./lib/chunk-C42HBOA6.mjs";
import {
  checkoutRoot,
  repoMatch,
  traceFiles
} from "./lib/chunk-TNJ2YCOR.mjs";
import {
  TRACE_ARGS,
  TRACE_SOURCE_OPTIONS,
  loadTraceJob
} from "./lib/chunk-RQRI3LIR.mjs";
import {
  healthSections,
  jsonIdNote
} from "./lib/chunk-SKPIE245.mjs";
import "./lib/chunk-YH2MTRCL.mjs";
import "./lib/chunk-7DQN6G4I.mjs";
import "./lib/chunk-LDZP6G4D.mjs";
import {
  rawJsonLines,
  renderBudgeted
} from "./lib/chunk-763FY5MH.mjs";
import "./lib/chunk-73JGSIBB.mjs";
import "./lib/chunk-CDMIBJDG.mjs";
import "./lib/chunk-Y63JOGEL.mjs";
import {
  buildTree,
  cacheStatus,
  defineCommand,
  runCommand
} from "./lib/chunk-TSAEIBWJ.mjs";

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
