#!/usr/bin/env node
import {
  analyseTrace
<<<<<<< HEAD
<<<<<<< HEAD
} from "./lib/chunk-4RKXFF6V.mjs";
import "./lib/chunk-5GOJ4QD7.mjs";
import "./lib/chunk-VQWDFP3C.mjs";
import "./lib/chunk-RSJXVCFW.mjs";
=======
} from "./lib/chunk-ISEV5FSE.mjs";
import "./lib/chunk-IPB63ZXN.mjs";
import "./lib/chunk-4DMG4NCD.mjs";
>>>>>>> 9a16c28 (Long functions in named parts: renderTree (a TreeLayout walk: collapseRest, drawSpan; drawRows), spanView (childBlocks, packPages, renderPage), analyseTiming (gapsIn, repeatsIn); testbed/long-functions.ts lists the functions of N lines or more in scripts/ (before: 10 of 60+ lines, 119 the longest; after: 6, 92 the longest); dist rebuilt)
=======
} from "./lib/chunk-RFUV4ACJ.mjs";
import "./lib/chunk-57QKDL77.mjs";
import "./lib/chunk-7MMR2USX.mjs";
>>>>>>> a38b4a0 (More long functions in named parts: traceProvenance (SourceList, addSpan per role, tokensBetween), buildTree (nodesById, linkParents, breakCycles); functions of 60+ lines in scripts/: 10 before, 4 after (cohortTable 92, sessionSections 70, triageArgs 68, triageResult 66, in files other issues are changing); dist rebuilt)
import {
  checkoutRoot,
  repoMatch,
  traceFiles
<<<<<<< HEAD
} from "./lib/chunk-5H7NWSY3.mjs";
=======
} from "./lib/chunk-H26ISFAF.mjs";
>>>>>>> a38b4a0 (More long functions in named parts: traceProvenance (SourceList, addSpan per role, tokensBetween), buildTree (nodesById, linkParents, breakCycles); functions of 60+ lines in scripts/: 10 before, 4 after (cohortTable 92, sessionSections 70, triageArgs 68, triageResult 66, in files other issues are changing); dist rebuilt)
import {
  TRACE_ARGS,
  TRACE_SOURCE_OPTIONS,
  loadTraceJob
<<<<<<< HEAD
} from "./lib/chunk-23JNFCXH.mjs";
import {
  healthSections,
  jsonIdNote
<<<<<<< HEAD
} from "./lib/chunk-OX2KO7WP.mjs";
import "./lib/chunk-BXDWLWH5.mjs";
import "./lib/chunk-H7MWQ7R3.mjs";
=======
} from "./lib/chunk-HNWTNB7J.mjs";
import "./lib/chunk-FFVQ3QYQ.mjs";
import "./lib/chunk-3DRIITAM.mjs";
import "./lib/chunk-UOGOD4JD.mjs";
>>>>>>> 9a16c28 (Long functions in named parts: renderTree (a TreeLayout walk: collapseRest, drawSpan; drawRows), spanView (childBlocks, packPages, renderPage), analyseTiming (gapsIn, repeatsIn); testbed/long-functions.ts lists the functions of N lines or more in scripts/ (before: 10 of 60+ lines, 119 the longest; after: 6, 92 the longest); dist rebuilt)
import {
  rawJsonLines,
  renderBudgeted
} from "./lib/chunk-BR4WSFAJ.mjs";
import "./lib/chunk-LEYTHMPR.mjs";
import "./lib/chunk-NONKWVDI.mjs";
import "./lib/chunk-EHOAUR5V.mjs";
=======
} from "./lib/chunk-GNK3EVTT.mjs";
import {
  healthSections,
  jsonIdNote
} from "./lib/chunk-6JXHCZIJ.mjs";
import "./lib/chunk-PTFR6WNV.mjs";
import "./lib/chunk-IXRJ3AJI.mjs";
import "./lib/chunk-44OLIXNB.mjs";
import {
  rawJsonLines,
  renderBudgeted
} from "./lib/chunk-ZH3SQCTC.mjs";
import "./lib/chunk-LB542P5W.mjs";
import "./lib/chunk-FW6EGTTO.mjs";
import "./lib/chunk-O5CV7HA4.mjs";
>>>>>>> a38b4a0 (More long functions in named parts: traceProvenance (SourceList, addSpan per role, tokensBetween), buildTree (nodesById, linkParents, breakCycles); functions of 60+ lines in scripts/: 10 before, 4 after (cohortTable 92, sessionSections 70, triageArgs 68, triageResult 66, in files other issues are changing); dist rebuilt)
import {
  cacheStatus,
  defineCommand,
  runCommand
<<<<<<< HEAD
} from "./lib/chunk-H32YWTIP.mjs";
=======
} from "./lib/chunk-PRZ35W4A.mjs";
>>>>>>> a38b4a0 (More long functions in named parts: traceProvenance (SourceList, addSpan per role, tokensBetween), buildTree (nodesById, linkParents, breakCycles); functions of 60+ lines in scripts/: 10 before, 4 after (cohortTable 92, sessionSections 70, triageArgs 68, triageResult 66, in files other issues are changing); dist rebuilt)

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
