#!/usr/bin/env -S npx tsx
/**
 * compare_traces: two traces side by side (typically the same question answered right and
 * wrong): span trees aligned, the first span whose output diverges, model parameters, retrieved
 * documents, tool arguments, tokens and latency per span, and the spans only one of them has.
 */
import { compareTraces } from './lib/analysis/compare.js';
import { bool, COMMON_OPTIONS_HELP, exitCodeHelp, parseFlags, prepareOutDir, runScript, str, num } from './lib/cli/run.js';
import { SkillError } from './lib/core/errors.js';
import { mlflowCallCount } from './lib/mlflow/runner.js';
import { defaultExperiment, experimentIdOf } from './lib/mlflow/experiments.js';
import { renderBudgeted } from './lib/render/budget.js';
import { rawJsonLines } from './lib/render/files.js';
import { cacheStatus } from './lib/mlflow/cache.js';
import { commandFor } from './lib/render/follow-up.js';
import { compareSections } from './lib/render/compare-view.js';
import { loadTracePair } from './lib/commands/compare-job.js';

const HELP = `Usage: compare_traces <TRACE_A> <TRACE_B> [options]

Two MLflow traces side by side: span trees aligned by the path of names and order (tolerant of
different counts), status differences, the first aligned span whose output diverges, input/output
differences (short diffs), model parameters (model, temperature, max tokens, tools), retrieved
documents, tool arguments, tokens and latency per aligned span, and spans present in one only.
mlflow calls: one search for both when the experiment is known (--experiment-id or
MLFLOW_EXPERIMENT_ID), else one \`traces get\` each. Traces from different experiments are compared
too (said in the output).

Options:
  --experiment-id ID  fetch both with one search in this experiment (an id or a name)
  --from-file PATH    a saved \`mlflow traces search --output json\` file holding both; no mlflow call
${COMMON_OPTIONS_HELP}

${exitCodeHelp()}
`;

await runScript(async (argv) => {
  const flags = parseFlags(argv, { string: ['experiment-id'] });
  if (bool(flags, 'help')) return HELP;
  const [idA, idB, ...extra] = flags._;
  if (!idA || !idB || extra.length) throw new SkillError('usage', `Expected two trace ids, got ${flags._.length}.`, { hint: 'Usage: compare_traces <TRACE_A> <TRACE_B>; find ids with triage_traces or `mlflow traces search -x <EXPERIMENT_ID>`.' });
  if (idA === idB) throw new SkillError('usage', `Both ids are ${idA}: a trace compared with itself differs in nothing.`, { hint: 'Pass two different trace ids (e.g. the same question answered right and wrong).' });
  const fromFile = str(flags, 'from-file');
  const experimentId = fromFile ? undefined : await experimentIdOf(str(flags, 'experiment-id') ?? defaultExperiment(), { fresh: bool(flags, 'fresh') });
  const outDir = str(flags, 'out-dir');
  const cli = { dir: fromFile || !outDir ? undefined : prepareOutDir(outDir), timeoutMs: num(flags, 'timeout', 120) * 1000, fresh: bool(flags, 'fresh') };
  const pair = await loadTracePair({ idA, idB, experimentId, fromFile, cli });
  const c = compareTraces(pair.a, pair.b);
  const source = fromFile ? ['--from-file', fromFile] : [];
  const json = commandFor('compare_traces', [idA, idB, ...source, '--json']);
  if (bool(flags, 'json')) return JSON.stringify({ ...c, fetchedBy: pair.how, files: pair.files, mlflowCalls: mlflowCallCount(), cache: cacheStatus() }, null, 2);
  const follow = { inspectSpan: (t: string, s: string) => commandFor('inspect_turn', [t, ...source, '--span', s]), json };
  const footer = [...rawJsonLines(pair.how === 'two gets' ? 'trace' : 'search', pair.files, { fromUserFile: !!fromFile, cache: cacheStatus() }), `(fetched by ${pair.how}; ${mlflowCallCount()} mlflow call${mlflowCallCount() === 1 ? '' : 's'})`, `Each trace in depth: ${commandFor('inspect_turn', [idA])} · ${commandFor('inspect_turn', [idB])}`];
  return renderBudgeted(compareSections(c, follow), footer, num(flags, 'max-chars', 20_000), json).text;
});
