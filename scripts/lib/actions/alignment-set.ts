/**
 * The traces where a judge and the reference source (humans first) disagree, as a labelled set:
 * MLflow evaluation-dataset records (export_case's shape) with the reference label as the
 * expectation, and the Python that aligns the judge on those traces (`judge.align`), which reads
 * the human feedback already on them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { NameReport } from '../analysis/judges/agreement.js';
import type { Trace } from '../trace/trace.js';
import { buildCase, type RegressionCase } from './regression-case.js';

export interface AlignmentSet {
  file: string;
  records: number;
  snippet: string;
}

export function alignmentRecords(name: NameReport, traces: readonly Trace[]): RegressionCase[] {
  const pair = name.pairs.find((p) => p.disagreements.length);
  if (!pair) return [];
  const byId = new Map(traces.map((t) => [t.info.traceId, t]));
  const out: RegressionCase[] = [];
  for (const g of pair.disagreements)
    for (const id of g.traceIds) {
      const trace = byId.get(id);
      if (!trace) continue;
      const reference = trace.info.assessments.find((a) => a.kind === 'feedback' && a.valid && !a.error && a.name === name.name && srcIs(a.sourceType, pair.a));
      const { record } = buildCase(trace, { facts: [] });
      record.expectations[name.name] = reference?.value ?? g.labels[pair.a];
      out.push(record);
    }
  return out;
}

const srcIs = (type: string, source: string) => type === source || type.replace(/^SOURCE_TYPE_/, '') === source;

export function writeAlignmentSet(path: string, name: NameReport, records: readonly RegressionCase[], trackingUri: string | undefined): AlignmentSet {
  const file = resolve(path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n') + (records.length ? '\n' : ''));
  return { file, records: records.length, snippet: alignmentSnippet(file, name.name, trackingUri, judgeModel(name)) };
}

/** MLflow's model URI shape, `provider:/model` (openai:/gpt-4.1-mini, anthropic:/claude-…). */
const MODEL_URI = /^[A-Za-z][\w.-]*:\/[^\s/]\S*$/;

/**
 * The model for make_judge: the judge's own source id when it is one model URI, else a
 * placeholder that says to fill it in (naming the ids seen, which may help).
 */
export function judgeModel(name: NameReport): string {
  const ids = name.sources.find((s) => s.source === 'LLM_JUDGE')?.sourceIds ?? [];
  const uris = ids.filter((id) => MODEL_URI.test(id));
  if (ids.length === 1 && uris.length === 1) return uris[0] as string;
  const seen = ids.length ? `; its source ids here: ${ids.slice(0, 3).join(', ')}` : '';
  return `<fill in the judge's model as provider:/model${seen}>`;
}

/** Where the user writes their judge's prompt in the snippet. */
const JUDGE_INSTRUCTIONS = "<your judge's instructions, with {{ inputs }} and {{ outputs }}>";

export function alignmentSnippet(file: string, name: string, trackingUri: string | undefined, model: string): string {
  return [
    'import json, mlflow',
    'from mlflow.genai.judges import make_judge',
    ...(trackingUri ? [`mlflow.set_tracking_uri(${JSON.stringify(trackingUri)})`] : []),
    `ids = [json.loads(l)["source_trace_id"] for l in open(${JSON.stringify(file)})]`,
    'traces = [mlflow.get_trace(i) for i in ids]  # each holds the human label and the judge verdict',
    `judge = make_judge(name=${JSON.stringify(name)}, instructions="${JUDGE_INSTRUCTIONS}", model=${JSON.stringify(model)})`,
    'aligned = judge.align(traces=traces)  # MLflow 3.4+: the default optimizer; needs ~10+ labelled traces',
    'print(aligned.instructions)',
  ].join('\n');
}
