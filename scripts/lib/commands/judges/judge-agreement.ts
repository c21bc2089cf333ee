/**
 * judge_agreement: can the judge be trusted. Per assessment name with more than one source
 * (LLM judge, human, code): coverage, agreement and Cohen's kappa with the confusion table, the
 * disagreements grouped, and one source's different verdicts on the same input and output.
 */
import { alignmentRecords, writeAlignmentSet } from '../../actions/alignment-set.js';
import { analyseJudges, labelOf, sourceOf } from '../../analysis/judges/agreement.js';
import { parseSource } from '../../analysis/common/verdicts.js';
import { defineCommand } from '../../cli/command.js';
import { text } from '../../cli/options.js';
import { SkillError } from '../../core/errors.js';
import { cacheStatus } from '../../mlflow/cache.js';
import { renderBudgeted } from '../../render/budget.js';
import { rawJsonLines } from '../../render/files.js';
import { commandFor } from '../../render/follow-up.js';
import { clipAtWord, oneLine, plural } from '../../render/format.js';
import { judgeSections } from '../../render/judges-view.js';
import type { Trace } from '../../trace/trace.js';
import { EXPERIMENT_ARG } from '../experiment-arg.js';
import { lookupClause, noTraceIn, readWindow, resolveWindowExperiment, WINDOW_OPTIONS, windowArgs } from '../window/window-job.js';

export const judgeAgreement = defineCommand({
  name: 'judge_agreement',
  summary: `Can the judge be trusted: for each assessment name scored by more than one source (LLM_JUDGE,
HUMAN, CODE) over an experiment's traces, the agreement over the traces both scored (count, rate,
Cohen's kappa, confusion table), the disagreements grouped by labels, rationale and the words their
inputs share (with an example trace), the same input and output given different verdicts by one
source (consistency), and which traces and cohorts (tags, time) each source covered. Values of any
type are compared as pass/fail where they read that way (bool, yes/no, scores), else as they are.
--export writes the disagreements as a labelled set for MLflow's judge alignment.
mlflow calls: one per page of trace infos (a sqlite store answers in one), no spans; an experiment name
one more lookup (cached five minutes), an id none.`,
  args: [EXPERIMENT_ARG],
  options: {
    ...WINDOW_OPTIONS,
    name: text('NAME', 'one assessment name only'),
    verdict: text('NAME=V', 'list the traces whose verdict NAME is V (pass, fail, or the value); with --source, from that source only'),
    source: text('HUMAN|LLM_JUDGE|CODE', "with --verdict: verdicts from this source only (MLflow's source types; human, judge, code also read)"),
    export: text('PATH', "write NAME's disagreements (needs --name) as evaluation-dataset records, the reference label as expectation"),
  },
  async run({ args, opts }) {
    const a = windowArgs({ ...opts, experimentId: args.experimentId });
    const lookups = await resolveWindowExperiment(a);
    if (opts.export && !opts.name) throw new SkillError('usage', '--export needs --name NAME (the assessment whose disagreements to write).');
    const read = await readWindow(a, false, 'judges');
    if (!read.traces.length) throw noTraceIn(a);
    const report = analyseJudges(read.traces, opts.name);
    if (opts.name && !report.names.length)
      throw new SkillError('usage', `No verdict named ${JSON.stringify(opts.name)} on the ${plural(read.traces.length, 'trace')} read.`, {
        hint: `Names there: ${[...new Set(read.traces.flatMap((t) => t.info.assessments.map((x) => x.name)))].slice(0, 12).join(', ') || '(none)'}`,
      });
    const again = (extra: string[]) => commandFor('judge_agreement', [a.given, ...a.source, ...extra]);
    const inspect = (id: string) => commandFor('inspect_turn', [id]);
    const listed = opts.verdict ? verdictList(read.traces, opts.verdict, opts.source, inspect) : null;
    const exported = opts.export && opts.name ? exportSet(report.names[0], read.traces, opts.export) : null;
    const cut = read.more ? `Read the newest ${plural(read.traces.length, 'trace')} of the window (--limit); more match: ${again(['--limit', '0'])}` : null;
    return {
      json: { experimentId: a.experimentId, filter: a.filter, read: read.traces.length, more: read.more, cut, ...report, verdicts: listed, exported },
      files: { searchJson: read.files },
      text: () => {
        const follow = {
          inspect,
          export: (name: string) => again(['--name', name, '--export', `eval/judge_alignment_${name}.jsonl`]),
          verdicts: (name: string, label: string, source: string) => again(['--verdict', `${name}=${label}`, '--source', source]),
          exported: exported?.file && opts.name ? { name: opts.name, file: exported.file, records: exported.records } : null,
        };
        // --verdict asks for a list: the report it came from is one command away, not reprinted.
        const sections = listed ? [{ name: 'verdicts', priority: 0, lines: listed.lines }] : judgeSections(report, follow);
        if (exported) sections.unshift({ name: 'export', priority: 0, lines: exported.lines });
        const footer = [
          ...(cut ? [cut] : []),
          ...(listed ? [`The whole report: ${again(opts.name ? ['--name', opts.name] : [])}`] : []),
          ...rawJsonLines('search', read.files, { fromUserFile: !!a.fromFile, cache: cacheStatus() }),
          `mlflow calls: ${read.calls} for trace infos${lookupClause(lookups)} · all of it as data: ${again(['--json'])}`,
        ];
        return renderBudgeted(sections, footer, opts.maxChars ?? 20_000, again(['--json'])).text;
      },
    };
  },
});

/** Rationales in the list are cut at a word past this; inspect_turn prints up to 240 chars of one, --json all. */
const LIST_RATIONALE = 120;
const INSPECT_RATIONALE = 240;
/** What was asked and answered: one line each in the list, a longer cut in --json (inspect_turn has the whole). */
const PREVIEW_LIST = 100;
const PREVIEW_JSON = 500;
const preview = (s: string) => (s ? clipAtWord(oneLine(s), PREVIEW_LIST) : '(no preview)');

function verdictList(traces: readonly Trace[], spec: string, source: string | undefined, inspect: (id: string) => string) {
  const at = spec.indexOf('=');
  if (at <= 0) throw new SkillError('usage', `--verdict takes NAME=VALUE, not ${JSON.stringify(spec.slice(0, 60))}.`);
  const name = spec.slice(0, at);
  const want = spec
    .slice(at + 1)
    .trim()
    .toLowerCase();
  const src = source === undefined ? undefined : parseSource(source);
  const hits: Array<{ traceId: string; source: string; value: unknown; rationale: string | null; request: string; response: string }> = [];
  for (const t of traces)
    for (const x of t.info.assessments) {
      if (x.kind !== 'feedback' || !x.valid || x.error || x.name !== name) continue;
      if (src && sourceOf(x) !== src) continue;
      const label = labelOf(x.value, x.name);
      const raw = typeof x.value === 'string' ? x.value.trim().toLowerCase() : JSON.stringify(x.value);
      if (label === want || raw === want)
        hits.push({
          traceId: t.info.traceId,
          source: sourceOf(x),
          value: x.value,
          rationale: x.rationale,
          request: (t.info.requestPreview ?? '').slice(0, PREVIEW_JSON),
          response: (t.info.responsePreview ?? '').slice(0, PREVIEW_JSON),
        });
    }
  const traceCount = plural(new Set(hits.map((h) => h.traceId)).size, 'trace');
  const lines = [`VERDICTS ${name} = ${want}${src ? ` from ${src}` : ' (every source)'}: ${hits.length} on ${traceCount}`];
  for (const h of hits.slice(0, 30)) {
    const why = h.rationale ? oneLine(h.rationale) : '';
    const whole = why.length > INSPECT_RATIONALE ? '--json, verdicts.hits[].rationale' : inspect(h.traceId);
    lines.push(`  ${h.traceId} [${h.source}] ${JSON.stringify(h.value)}${why ? ` — ${clipAtWord(why, LIST_RATIONALE, whole)}` : ''}`);
    lines.push(`      asked:    ${preview(h.request)}`, `      answered: ${preview(h.response)}`);
  }
  if (hits.length > 30) lines.push(`  … ${hits.length - 30} more in --json (verdicts.hits)`);
  return { name, value: want, source: src ?? null, hits, lines };
}

function exportSet(name: ReturnType<typeof analyseJudges>['names'][number] | undefined, traces: readonly Trace[], path: string) {
  if (!name) return null;
  const records = alignmentRecords(name, traces);
  const pair = name.pairs.find((p) => p.disagreements.length);
  if (!records.length || !pair) return { file: null, records: 0, lines: [`EXPORT: no disagreement on ${name.name} between two sources: nothing written.`] };
  const set = writeAlignmentSet(path, name, records, process.env.MLFLOW_TRACKING_URI);
  const lines = [
    `EXPORT: ${plural(set.records, 'trace')} where ${pair.a} and ${pair.b} disagree on ${name.name} → ${set.file}`,
    `  (evaluation-dataset records: inputs, expectations.${name.name} = the ${pair.a} label, source_trace_id, version tags)`,
    '  Next, align the judge with MLflow (Python):',
    ...set.snippet.split('\n').map((l) => `    ${l}`),
  ];
  return { file: set.file, records: set.records, lines };
}
