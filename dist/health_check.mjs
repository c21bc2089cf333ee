#!/usr/bin/env node
import {
  analyseTrace
<<<<<<< HEAD
} from "./lib/chunk-KLS5XCUK.mjs";
import "./lib/chunk-O3R23FV3.mjs";
import "./lib/chunk-RSJXVCFW.mjs";
=======
} from "./lib/chunk-ONLCOKKD.mjs";
import "./lib/chunk-SI7MFIHM.mjs";
import "./lib/chunk-LQ57AKHR.mjs";
import "./lib/chunk-4DMG4NCD.mjs";
>>>>>>> 66c3072 (triage --spans routed from SKILL.md's 'the answer is wrong but nothing failed' row (within 10,000 chars); --spans help within 160 columns; own-words property test: the --out path echoed in an error is the user's input, not our words (a password equal to it is masked there: seed -988564854 and -635612307 failed on it))
import {
  checkoutRoot,
  repoMatch,
  traceFiles
} from "./lib/chunk-5H7NWSY3.mjs";
import {
  TRACE_ARGS,
  TRACE_SOURCE_OPTIONS,
  loadTraceJob
} from "./lib/chunk-23JNFCXH.mjs";
import {
  healthSections,
  jsonIdNote
<<<<<<< HEAD
} from "./lib/chunk-7MNFA2YA.mjs";
import "./lib/chunk-T6CVK6H3.mjs";
import "./lib/chunk-BXDWLWH5.mjs";
import "./lib/chunk-R5DQPQDD.mjs";
=======
} from "./lib/chunk-QQ2BGB2O.mjs";
import "./lib/chunk-3DRIITAM.mjs";
import "./lib/chunk-DKPDWOF5.mjs";
>>>>>>> 66c3072 (triage --spans routed from SKILL.md's 'the answer is wrong but nothing failed' row (within 10,000 chars); --spans help within 160 columns; own-words property test: the --out path echoed in an error is the user's input, not our words (a password equal to it is masked there: seed -988564854 and -635612307 failed on it))
import {
  rawJsonLines,
  renderBudgeted
} from "./lib/chunk-BR4WSFAJ.mjs";
import "./lib/chunk-LEYTHMPR.mjs";
import "./lib/chunk-NONKWVDI.mjs";
import "./lib/chunk-EHOAUR5V.mjs";
import {
  cacheStatus,
  defineCommand,
  runCommand
} from "./lib/chunk-H32YWTIP.mjs";

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
