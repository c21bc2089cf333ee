#!/usr/bin/env node
import {
  earlierTurnsOf,
  reportOf,
  traceFacts
} from "./lib/chunk-Y5PYFT3H.mjs";
import "./lib/chunk-YEYGEKWZ.mjs";
import "./lib/chunk-JIEEAH6G.mjs";
import "./lib/chunk-QU5IGVYM.mjs";
import {
  checkoutRoot,
  repoMatch,
  traceFiles
} from "./lib/chunk-KDWV6CGT.mjs";
import {
  TRACE_ARGS,
  TRACE_SOURCE_OPTIONS,
  loadTraceJob
} from "./lib/chunk-IKXBKUQB.mjs";
import {
  healthSections,
  jsonIdNote
} from "./lib/chunk-DQ2OFTIF.mjs";
import "./lib/chunk-26AJ5NTL.mjs";
import "./lib/chunk-3XKDGHY5.mjs";
import "./lib/chunk-HL4UQSVB.mjs";
import {
  rawJsonLines,
  renderBudgeted
} from "./lib/chunk-IE7JERNW.mjs";
import "./lib/chunk-BNFWIDRN.mjs";
import "./lib/chunk-PIYCHYTF.mjs";
import "./lib/chunk-OVUHZ3VI.mjs";
import {
  buildTree,
  cacheStatus,
  defineCommand,
  runCommand
} from "./lib/chunk-MTKMO3IP.mjs";

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
