/**
 * export_case: one trace → one regression case appended to a JSONL file (an earlier export of
 * the same trace is replaced), optionally also logged on the trace as expectations.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { checkOutputFile, prepareOutDir } from '../../cli/out-dir.js';
import { execa } from 'execa';
import { SkillError } from '../../core/errors.js';
import { buildCase, type ExportResult, replaceCase } from '../../actions/regression-case.js';
import { traceLink } from '../../mlflow/links.js';
import { getTrace } from '../../mlflow/reads.js';
import { checkTraceId } from '../../mlflow/source.js';
import { parseTrace } from '../../trace/trace.js';
import { annotateJob, type AnnotateResult } from '../annotate/annotate-job.js';

export interface ExportOptions {
  traceId?: string;
  facts: string[];
  response?: string;
  out?: string;
  logExpectation: boolean;
  dryRun: boolean;
  showSecrets: boolean;
  timeoutMs: number;
  /** --out-dir: also keep mlflow's raw JSON there. */
  outDir?: string;
  fresh?: boolean;
}

/** eval/regression_cases.jsonl in the current git repository, else in the working directory. */
async function defaultOut(): Promise<string> {
  const git = await execa('git', ['rev-parse', '--show-toplevel'], { reject: false });
  const top = git.exitCode === 0 ? String(git.stdout).trim() : '';
  return join(top || process.cwd(), 'eval', 'regression_cases.jsonl');
}

function writeAtomically(file: string, text: string): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.tmp-${process.pid}`;
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch (err) {
    throw new SkillError('output-dir', `Cannot write ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'}).`, { hint: 'Pick a writable --out FILE.' });
  }
}

/** The case, and the raw trace JSON it came from (the cache entry, or its copy in --out-dir). */
export type ExportJobResult = ExportResult & { traceFile: string };

export async function exportJob(o: ExportOptions): Promise<ExportJobResult> {
  const id = checkTraceId(o.traceId);
  if (o.logExpectation && !o.facts.length && o.response === undefined) {
    throw new SkillError('usage', '--log-expectation logs the --expect / --expect-response given here; give one.');
  }
  // Every output target is checked before mlflow runs: a bad --out costs no fetch.
  const file = checkOutputFile(o.out ?? (await defaultOut()), '--out', !o.dryRun);
  const dir = o.outDir ? prepareOutDir(o.outDir) : undefined;
  const fetched = await getTrace(id, { timeoutMs: o.timeoutMs, dir, fresh: o.fresh });
  const trace = parseTrace(fetched.json, `mlflow traces get output (${fetched.file})`);
  const built = buildCase(trace, { facts: o.facts, response: o.response });
  const existing = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const next = replaceCase(existing, built.record);
  if (!o.dryRun) writeAtomically(file, next.text);
  const logged = o.logExpectation ? await logOnTrace(trace.info.traceId, o) : null;
  const rel = relative(process.cwd(), file);
  return {
    record: built.record,
    file,
    fileShown: rel && !rel.startsWith('..') ? rel : file,
    replaced: next.replaced,
    total: next.total,
    inputsFrom: built.inputsFrom,
    fromTrace: built.fromTrace,
    logged,
    link: traceLink(trace.info.experimentId, trace.info.traceId),
    dryRun: o.dryRun,
    traceFile: fetched.file,
  };
}

/** The new expectations, on the trace too (values as JSON so "42" stays text). */
function logOnTrace(traceId: string, o: ExportOptions): Promise<AnnotateResult> {
  const expectation: string[] = [];
  if (o.facts.length) expectation.push(`expected_facts=${JSON.stringify(o.facts)}`);
  if (o.response !== undefined) expectation.push(`expected_response=${JSON.stringify(o.response)}`);
  return annotateJob({
    traceId,
    feedback: [],
    expectation,
    tag: [],
    sourceType: 'HUMAN',
    dryRun: o.dryRun,
    showSecrets: o.showSecrets,
    timeoutMs: o.timeoutMs,
  });
}

export type { ExportResult };
