/**
 * compare_traces: two traces side by side (typically the same question answered right and
 * wrong): span trees aligned, the first span whose output diverges, model parameters, retrieved
 * documents, tool arguments, tokens and latency per span, and the spans only one of them has.
 */
import { compareTraces } from '../../analysis/compare/compare.js';
import { defineCommand } from '../../cli/command.js';
import { text } from '../../cli/options.js';
import { prepareOutDir } from '../../cli/out-dir.js';
import { SkillError } from '../../core/errors.js';
import { cacheStatus } from '../../mlflow/cache.js';
import { defaultExperiment, experimentIdOf } from '../../mlflow/experiments.js';
import { mlflowCallCount } from '../../mlflow/runner.js';
import { renderBudgeted } from '../../render/budget.js';
import { compareSections } from '../../render/compare-view.js';
import { rawJsonLines } from '../../render/files.js';
import { commandFor } from '../../render/follow-up.js';
import { loadTracePair } from './compare-job.js';

export const compareTracesCommand = defineCommand({
  name: 'compare_traces',
  summary:
    'Two MLflow traces side by side: span trees aligned by the path of names and order (tolerant of\n' +
    'different counts), status differences, the first aligned span whose output diverges, input/output\n' +
    'differences (short diffs), model parameters (model, temperature, max tokens, tools), retrieved\n' +
    'documents, tool arguments, tokens and latency per aligned span, and spans present in one only.\n' +
    'mlflow calls: one search for both when the experiment is known (--experiment-id or\n' +
    'MLFLOW_EXPERIMENT_ID), else one `traces get` each. Traces from different experiments are compared\n' +
    'too (said in the output).',
  args: [
    { key: 'traceA', metavar: 'TRACE_A', help: 'one trace (e.g. the right answer)' },
    { key: 'traceB', metavar: 'TRACE_B', help: 'the other (e.g. the wrong one)' },
  ],
  options: {
    experimentId: text('ID|NAME', 'fetch both with one search in this experiment (an id or a name)'),
    fromFile: text('PATH', 'a saved `mlflow traces search --output json` file holding both; no mlflow call'),
  },
  async run({ args, opts }) {
    const { traceA: idA, traceB: idB } = args;
    if (!idA || !idB)
      throw new SkillError('usage', `Expected two trace ids, got ${[idA, idB].filter(Boolean).length}.`, {
        hint: 'Usage: compare_traces <TRACE_A> <TRACE_B>; find ids with triage_traces or `mlflow traces search -x <EXPERIMENT_ID>`.',
      });
    if (idA === idB)
      throw new SkillError('usage', `Both ids are ${idA}: a trace compared with itself differs in nothing.`, {
        hint: 'Pass two different trace ids (e.g. the same question answered right and wrong).',
      });
    const { fromFile } = opts;
    const experimentId = fromFile ? undefined : await experimentIdOf(opts.experimentId ?? defaultExperiment(), { fresh: opts.fresh });
    const cli = { dir: fromFile || !opts.outDir ? undefined : prepareOutDir(opts.outDir), timeoutMs: opts.timeout * 1000, fresh: opts.fresh };
    const pair = await loadTracePair({ idA, idB, experimentId, fromFile, cli });
    const c = compareTraces(pair.a, pair.b);
    const source = fromFile ? ['--from-file', fromFile] : [];
    const json = commandFor('compare_traces', [idA, idB, ...source, '--json']);
    return {
      json: { ...c, fetchedBy: pair.how },
      files: { [pair.how === 'two gets' ? 'traceJson' : 'searchJson']: pair.files },
      text: () => {
        const follow = { inspectSpan: (t: string, s: string) => commandFor('inspect_turn', [t, ...source, '--span', s]), json };
        const calls = mlflowCallCount();
        const footer = [
          ...rawJsonLines(pair.how === 'two gets' ? 'trace' : 'search', pair.files, { fromUserFile: !!fromFile, cache: cacheStatus() }),
          `(fetched by ${pair.how}; ${calls} mlflow call${calls === 1 ? '' : 's'})`,
          `Each trace in depth: ${commandFor('inspect_turn', [idA])} · ${commandFor('inspect_turn', [idB])}`,
        ];
        return renderBudgeted(compareSections(c, follow), footer, opts.maxChars, json).text;
      },
    };
  },
});
