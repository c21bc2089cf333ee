#!/usr/bin/env -S npx tsx
/**
 * annotate_trace: record a diagnosis on a trace (feedback, expectations, tags) or on a whole
 * session, each write tagged with an annotation run id; `--undo RUN` removes exactly that run.
 */
import { bool, num, parseFlags, runScript, str } from './lib/cli/run.js';
import { annotateHelp, annotateOptions } from './lib/commands/annotate-cli.js';
import { annotateJob } from './lib/commands/annotate-job.js';
import { mlflowCallCount } from './lib/mlflow/runner.js';
import { annotateText } from './lib/render/annotate-view.js';
import { takeRepeated } from './lib/commands/repeated-flags.js';

await runScript(async (argv) => {
  const { repeated, rest } = takeRepeated(argv, ['feedback', 'expectation', 'tag']);
  const flags = parseFlags(rest, { string: ['trace-id', 'session', 'rationale', 'span', 'source-type', 'source-id', 'undo'], boolean: ['dry-run'] });
  if (bool(flags, 'help')) return annotateHelp();
  const result = await annotateJob(annotateOptions(flags._, repeated, { str: (k) => str(flags, k), bool: (k) => bool(flags, k), timeoutMs: num(flags, 'timeout', 120) * 1000 }));
  return bool(flags, 'json') ? JSON.stringify({ ...result, mlflowCalls: mlflowCallCount() }, null, 2) : annotateText(result);
});
