#!/usr/bin/env node
import {
  analyseTrace
<<<<<<< HEAD
} from "./lib/chunk-JQ7MTF6B.mjs";
import "./lib/chunk-VL7RFBGU.mjs";
import "./lib/chunk-T3EWGRCR.mjs";
import "./lib/chunk-KRIA62QR.mjs";
=======
} from "./lib/chunk-GA5HO3PZ.mjs";
import "./lib/chunk-FTGZXZY4.mjs";
import "./lib/chunk-Y2PACFJR.mjs";
import "./lib/chunk-IUUIBDII.mjs";
>>>>>>> 61dbae5 (dist rebuilt (cuts that keep a finding's value))
import {
  checkoutRoot,
  repoMatch,
  traceFiles
<<<<<<< HEAD
} from "./lib/chunk-6RXMNIKY.mjs";
=======
} from "./lib/chunk-EN655XRJ.mjs";
>>>>>>> 61dbae5 (dist rebuilt (cuts that keep a finding's value))
import {
  TRACE_ARGS,
  TRACE_SOURCE_OPTIONS,
  loadTraceJob
<<<<<<< HEAD
} from "./lib/chunk-XDB5ZROR.mjs";
import {
  healthSections,
  jsonIdNote
} from "./lib/chunk-H7WXSRYI.mjs";
import "./lib/chunk-XVQI2ZUT.mjs";
import "./lib/chunk-YI2N624L.mjs";
import {
  rawJsonLines,
  renderBudgeted
} from "./lib/chunk-GBYAX7GD.mjs";
import "./lib/chunk-KFKY6EHB.mjs";
import "./lib/chunk-JIQBQOSP.mjs";
import "./lib/chunk-FUG7YHH2.mjs";
=======
} from "./lib/chunk-NUJCCP53.mjs";
import {
  healthSections,
  jsonIdNote
} from "./lib/chunk-VNGXW5MT.mjs";
import "./lib/chunk-DOWJHC6Q.mjs";
import "./lib/chunk-2QCGASC4.mjs";
import {
  rawJsonLines,
  renderBudgeted
} from "./lib/chunk-TFIL2GIP.mjs";
import "./lib/chunk-TEGTO6KO.mjs";
import "./lib/chunk-WCSLIAKC.mjs";
import "./lib/chunk-KRQDYE3Z.mjs";
>>>>>>> 61dbae5 (dist rebuilt (cuts that keep a finding's value))
import {
  cacheStatus,
  defineCommand,
  runCommand
<<<<<<< HEAD
} from "./lib/chunk-APMFKWMR.mjs";
=======
} from "./lib/chunk-R2ZL43HM.mjs";
>>>>>>> 61dbae5 (dist rebuilt (cuts that keep a finding's value))

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
