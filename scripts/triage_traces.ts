#!/usr/bin/env -S npx tsx
/**
 * triage_traces: what is going wrong across many traces — failure clusters with what changed,
 * negative verdicts and judge failures apart, latency and the slow tail.
 */
import { bool, parseFlags, runScript } from './lib/cli/run.js';
import { SkillError } from './lib/core/errors.js';
import { mlflowCallCount } from './lib/mlflow/runner.js';
import { experimentIdOf, numberAsName } from './lib/mlflow/experiments.js';
import { renderBudgeted } from './lib/render/budget.js';
import { rawJsonLines } from './lib/render/files.js';
import { cacheStatus } from './lib/mlflow/cache.js';
import { commandFor } from './lib/render/follow-up.js';
import { cutLine, noMatchText, triageSections, withChanges, type TriageRun } from './lib/render/triage.js';
import { changeSections } from './lib/render/changes.js';
import { experimentIsEmpty, runTriage, takeRepeated, triageArgs, triageCommand, TRIAGE_HELP } from './lib/commands/triage-job.js';

await runScript(async (argv) => {
  const { rest, values } = takeRepeated(argv, ['tag', 'metadata', 'feedback']);
  const flags = parseFlags(rest, {
    string: ['experiment-id', 'since', 'until', 'filter', 'status', 'user', 'session', 'span-name', 'min-ms', 'limit', 'by', 'trace-name'],
    number: ['max-failing'],
    boolean: ['spans'],
  });
  if (bool(flags, 'help')) return TRIAGE_HELP;
  if (flags.values['from-file'] !== undefined) throw new SkillError('usage', 'triage_traces reads from mlflow, not --from-file.', { hint: 'Point MLFLOW_TRACKING_URI at the store and pass the experiment id.' });
  const a = triageArgs(flags, values, argv.filter((x) => x !== '--json'));
  a.experimentId = await experimentIdOf(a.experimentId, a.cli);
  let r = await runTriage(a);
  const named = r.read === 0 && (await experimentIsEmpty(a)) ? await numberAsName(a.experimentId, a.cli) : null;
  if (named) r = await runTriage(Object.assign(a, { experimentId: named }));
  const json = bool(flags, 'json');
  if (r.read === 0) {
    if (await experimentIsEmpty(a)) {
      throw new SkillError('experiment-not-found', `Experiment ${a.experimentId} has no traces (or does not exist in this tracking store).`, { hint: 'Check the experiment id with `mlflow experiments search` and MLFLOW_TRACKING_URI.' });
    }
    if (json) return JSON.stringify({ experimentId: a.experimentId, filter: a.filter, traces: 0, matched: false, mlflowCalls: mlflowCallCount() }, null, 2);
    return noMatchText(a.experimentId, a.filter);
  }
  const run: TriageRun = { experimentId: a.experimentId, filter: a.filter, read: r.read, limit: a.limit, more: r.more, totalKnown: r.totalKnown, failingSpanBound: a.maxFailing, slowSpanBound: 200, mlflowCalls: mlflowCallCount() };
  const follow = {
    inspect: (id: string) => commandFor('inspect_turn', [id]),
    compare: (x: string, y: string) => commandFor('compare_traces', [x, y]),
    all: triageCommand(a, ['--limit 0']),
    json: triageCommand(a, ['--json']),
  };
  if (json) {
    return JSON.stringify({
      experimentId: a.experimentId, filter: a.filter,
      read: r.read, limit: a.limit, more: r.more, totalKnown: r.totalKnown, cut: cutLine(run, follow),
      ...r.findings,
      changes: r.changes,
      files: r.files, mlflowCalls: { ...r.mlflowCalls, total: mlflowCallCount() }, cache: cacheStatus(),
    }, null, 2);
  }
  const footer = [
    ...rawJsonLines('search', [...r.files.infos, ...r.files.failingSpans, ...r.files.slowSpans], { cache: cacheStatus() }),
    `mlflow calls: ${r.mlflowCalls.infos} for trace infos, ${r.mlflowCalls.failingSpans} for spans of failing traces, ${r.mlflowCalls.slowSpans} for the slow tail, ${r.mlflowCalls.changes} for what changed`,
    `One trace in depth: ${commandFor('inspect_turn', ['<trace_id>'])} · two side by side: ${commandFor('compare_traces', ['<trace_a>', '<trace_b>'])}`,
  ];
  const changeFollow = { compare: (x: string, y: string) => commandFor('compare_traces', [x, y, '--experiment-id', a.experimentId]), byKey: (k: string) => triageCommand(a, [`--by ${k}`]), traceName: (n: string) => triageCommand(a, [`--trace-name ${n}`]), json: follow.json };
  return renderBudgeted(withChanges(triageSections(r.findings, run, follow), changeSections(r.changes.report, r.changes.onset, changeFollow)), footer, a.maxChars, follow.json).text;
});
