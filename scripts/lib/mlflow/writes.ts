/**
 * The mlflow commands that change a trace: log-feedback, log-expectation, set-tag, delete-tag,
 * delete-assessment (as the pinned CLI spells them; see `mlflow traces <cmd> --help`). They go
 * through the same runner as the reads: argument arrays, no shell, refused credentials exit 9.
 * Only annotate_trace and export_case import this module: the read scripts stay read-only.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SkillError } from '../core/errors.js';
import { runMlflow } from './runner.js';

export type SourceType = 'HUMAN' | 'CODE';

/** One mlflow write, as the argument array handed to mlflow. */
export interface WriteCall {
  /** What it does, in a few words, for the printed summary. */
  what: string;
  argv: string[];
}

export interface AssessmentArgs {
  traceId: string;
  name: string;
  /** Passed as text: mlflow parses JSON (numbers, booleans, objects) and keeps anything else a string. */
  value: string;
  sourceType: SourceType;
  sourceId: string;
  metadata: Record<string, string>;
  rationale?: string;
  spanId?: string;
}

function assessmentArgv(cmd: 'log-feedback' | 'log-expectation', a: AssessmentArgs): string[] {
  const argv = [
    'traces',
    cmd,
    '--trace-id',
    a.traceId,
    '--name',
    a.name,
    '--value',
    a.value,
    '--source-type',
    a.sourceType,
    '--source-id',
    a.sourceId,
    '--metadata',
    JSON.stringify(a.metadata),
  ];
  if (a.rationale !== undefined && cmd === 'log-feedback') argv.push('--rationale', a.rationale);
  if (a.spanId) argv.push('--span-id', a.spanId);
  return argv;
}

export const logFeedback = (a: AssessmentArgs): WriteCall => ({ what: `feedback ${a.name} = ${a.value}`, argv: assessmentArgv('log-feedback', a) });
export const logExpectation = (a: AssessmentArgs): WriteCall => ({ what: `expectation ${a.name} = ${a.value}`, argv: assessmentArgv('log-expectation', a) });
export const setTag = (traceId: string, key: string, value: string): WriteCall => ({
  what: `tag ${key} = ${value}`,
  argv: ['traces', 'set-tag', '--trace-id', traceId, '--key', key, '--value', value],
});
export const deleteTag = (traceId: string, key: string): WriteCall => ({
  what: `delete tag ${key}`,
  argv: ['traces', 'delete-tag', '--trace-id', traceId, '--key', key],
});
export const deleteAssessment = (traceId: string, id: string, label: string): WriteCall => ({
  what: `delete ${label} (${id})`,
  argv: ['traces', 'delete-assessment', '--trace-id', traceId, '--assessment-id', id],
});

export interface WriteResult {
  /** mlflow's own line, e.g. "Logged feedback 'x' to trace tr-…. Assessment ID: a-…". */
  said: string;
  /** The id of a logged assessment, read from that line. */
  assessmentId: string | null;
}

/** Runs one write. A refusal keeps MLflow's reason, in one line. */
export async function runWrite(call: WriteCall, timeoutMs?: number): Promise<WriteResult> {
  const dir = mkdtempSync(join(tmpdir(), 'mlflow-write-'));
  const out = join(dir, 'stdout.txt');
  try {
    await runMlflow(call.argv, out, { timeoutMs }).catch((err: unknown) => {
      throw refused(err);
    });
    const said = readFileSync(out, 'utf8').trim().split('\n').at(-1) ?? '';
    return { said, assessmentId: /Assessment ID: (\S+)/.exec(said)?.[1] ?? null };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A failed write says "the store refused the write" and MLflow's reason, not a generic failure. */
function refused(err: unknown): unknown {
  if (!(err instanceof SkillError) || err.kind !== 'mlflow-failed') return err;
  const reason = err.message.replace(/^mlflow (failed \(exit [^)]*\)|rejected the command): /, '');
  return new SkillError('mlflow-failed', `The tracking store refused the write: ${reason}`, { hint: err.hint, cause: err });
}
