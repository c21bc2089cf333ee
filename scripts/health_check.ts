#!/usr/bin/env -S npx tsx
/**
 * health_check: one screen on one trace — state, the failing span and its exception, the
 * judges' verdicts, where time and tokens went — plus the path of the full JSON.
 */
import { analyseTrace } from './lib/analysis/trace-report.js';
import { bool, parseFlags, runScript } from './lib/cli/run.js';
import { cacheStatus } from './lib/mlflow/cache.js';
import { mlflowCallCount } from './lib/mlflow/runner.js';
import { renderBudgeted } from './lib/render/budget.js';
import { rawJsonLines } from './lib/render/files.js';
import { healthSections } from './lib/render/health.js';
import { jsonIdNote } from './lib/render/inspect.js';
import { help, loadTraceJob, singleTraceOptions } from './lib/commands/trace-job.js';
import { checkoutRoot, repoMatch, traceFiles } from './lib/code/repo-match.js';

const HELP = help(
  'Usage: health_check <TRACE_ID> [options]\n\nOne screen on one MLflow trace: state, errors (deepest failing span, exception, propagation), assessments\n(negative verdicts first, scorer errors apart), slow spans, tokens. One mlflow call (`mlflow traces get`).',
  singleTraceOptions(),
);

await runScript(async (argv) => {
  const flags = parseFlags(argv, { string: ['trace-id'] });
  if (bool(flags, 'help')) return HELP;
  const job = await loadTraceJob(flags);
  const report = analyseTrace(job.trace);
  const inspect = job.again('inspect_turn');
  const footer = [...rawJsonLines('trace', job.files.slice(0, 1), { fromUserFile: job.fromFile, idNote: jsonIdNote(job.trace.format), cache: cacheStatus() }), `Next: ${inspect}  (span tree, inputs/outputs, exceptions)`];
  if (bool(flags, 'json')) {
    return JSON.stringify({ ...report, files: { traceJson: job.files[0] ?? null }, mlflowCalls: mlflowCallCount(), cache: cacheStatus() }, null, 2);
  }
  const repo = report.errors.culprits.length ? repoMatch(checkoutRoot(process.cwd()), traceFiles(job.trace, report.source?.entryScript ?? null)) : undefined;
  const follow = { inspect, inspectSpan: (id: string) => job.again('inspect_turn', ['--span', id]), json: job.again('health_check', ['--json']), locate: (id: string) => job.again('locate_code', ['--span', id]), repo };
  return renderBudgeted(healthSections(report, follow), footer, job.maxChars, inspect).text;
});
