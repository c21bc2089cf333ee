/**
 * health_check: one screen on one trace — state, the failing span and its exception, the
 * judges' verdicts, where time and tokens went — plus the path of the full JSON.
 */
import { reportOf, traceFacts } from '../../analysis/trace/trace-report.js';
import { checkoutRoot, repoMatch, traceFiles } from '../../code/repo-match.js';
import { defineCommand } from '../../cli/command.js';
import { cacheStatus } from '../../mlflow/cache.js';
import { renderBudgeted } from '../../render/budget.js';
import { rawJsonLines } from '../../render/files.js';
import { healthSections } from '../../render/health.js';
import { jsonIdNote } from '../../render/inspect.js';
import { buildTree } from '../../trace/tree.js';
import { earlierTurnsOf } from './earlier-turns.js';
import { loadTraceJob, TRACE_ARGS, TRACE_SOURCE_OPTIONS } from './trace-job.js';

export const healthCheck = defineCommand({
  name: 'health_check',
  summary:
    'One screen on one MLflow trace: state, errors (deepest failing span, exception, propagation), assessments\n' +
    '(negative verdicts first, scorer errors apart), slow spans, tokens. One mlflow call (`mlflow traces get`).',
  args: TRACE_ARGS,
  options: TRACE_SOURCE_OPTIONS,
  async run({ args, opts }) {
    const job = await loadTraceJob({ ...opts, traceId: args.traceId });
    const tree = buildTree(job.trace.spans);
    const facts = traceFacts(job.trace, tree);
    const report = reportOf(facts, await earlierTurnsOf(job, facts, opts));
    const inspect = job.again('inspect_turn');
    return {
      json: { ...report },
      files: { traceJson: job.files[0] ?? null },
      text: () => {
        const footer = [
          ...rawJsonLines('trace', job.files.slice(0, 1), { fromUserFile: job.fromFile, idNote: jsonIdNote(job.trace.format), cache: cacheStatus() }),
          `Next: ${inspect}  (span tree, inputs/outputs, exceptions)`,
        ];
        // Whether the working directory is the app's checkout decides what the `code:` line says.
        const repo = report.errors.culprits.length
          ? repoMatch(checkoutRoot(process.cwd()), traceFiles(job.trace, report.source?.entryScript ?? null))
          : undefined;
        const follow = {
          inspect,
          inspectSpan: (id: string) => job.again('inspect_turn', ['--span', id]),
          json: job.again('health_check', ['--json']),
          locate: (id: string) => job.again('locate_code', ['--span', id]),
          repo,
        };
        return renderBudgeted(healthSections(report, follow), footer, opts.maxChars, inspect).text;
      },
    };
  },
});
