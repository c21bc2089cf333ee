#!/usr/bin/env node
import {
  earlierTurnsOf,
  reportOf,
  traceFacts
} from "./lib/chunk-QPQFJQEF.mjs";
import "./lib/chunk-ZBE7AOLJ.mjs";
import "./lib/chunk-GK74FHM6.mjs";
import "./lib/chunk-5UT54HRK.mjs";
import {
  checkoutRoot,
  repoMatch,
  traceFiles
} from "./lib/chunk-QWBT7R5B.mjs";
import {
  TRACE_ARGS,
  TRACE_SOURCE_OPTIONS,
  loadTraceJob
} from "./lib/chunk-EKFRPOBL.mjs";
import {
  healthSections,
  jsonIdNote
} from "./lib/chunk-C5GWP24I.mjs";
import "./lib/chunk-XJMHDWK3.mjs";
import "./lib/chunk-HJZX5EHW.mjs";
import "./lib/chunk-OXHPGH56.mjs";
import {
  rawJsonLines,
  renderBudgeted
} from "./lib/chunk-C5LG3VHN.mjs";
import "./lib/chunk-YLTOHTBO.mjs";
import "./lib/chunk-BHA2QFXM.mjs";
import "./lib/chunk-DUOM2OAA.mjs";
import {
  buildTree,
  cacheStatus,
  defineCommand,
  runCommand
} from "./lib/chunk-BNQJJY6K.mjs";

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
