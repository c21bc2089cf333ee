#!/usr/bin/env -S npx tsx
/**
 * export_case: turn a trace into a regression case (MLflow evaluation-dataset record shape) in a
 * JSONL file, and print the Python that runs the file with mlflow.genai.evaluate.
 */
import { bool, num, parseFlags, runScript, str } from './lib/cli/run.js';
import { SkillError } from './lib/core/errors.js';
import { exportHelp } from './lib/commands/export-cli.js';
import { exportJob } from './lib/commands/export-job.js';
import { takeRepeated } from './lib/commands/repeated-flags.js';
import { mlflowCallCount } from './lib/mlflow/runner.js';
import { evaluateSnippet, exportText } from './lib/render/export-view.js';

await runScript(async (argv) => {
  const { repeated, rest } = takeRepeated(argv, ['expect']);
  const flags = parseFlags(rest, { string: ['trace-id', 'out', 'expect-response'], boolean: ['log-expectation', 'dry-run'] });
  if (bool(flags, 'help')) return exportHelp();
  if (flags._.length > 1) throw new SkillError('usage', `Expected one trace id, got ${flags._.length} arguments.`, { hint: 'Quote --expect texts with spaces.' });
  const r = await exportJob({
    traceId: str(flags, 'trace-id') ?? flags._[0], facts: repeated.expect ?? [], response: str(flags, 'expect-response'), out: str(flags, 'out'),
    logExpectation: bool(flags, 'log-expectation'), dryRun: bool(flags, 'dry-run'), showSecrets: bool(flags, 'show-secrets'), timeoutMs: num(flags, 'timeout', 120) * 1000,
  });
  return bool(flags, 'json') ? JSON.stringify({ ...r, snippet: evaluateSnippet(r.fileShown), mlflowCalls: mlflowCallCount() }, null, 2) : exportText(r);
});
