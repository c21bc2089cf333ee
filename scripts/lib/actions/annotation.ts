/**
 * What an annotation run writes on a trace, and how to find it again. Every assessment a run
 * logs carries the run id in its metadata; tags cannot carry metadata, so a run that sets tags
 * first writes one marker tag naming them (with the value each had before). Undo then needs
 * nothing but the trace itself: no local journal that a second machine or a cleaned cache
 * would lose.
 */
import { randomBytes } from 'node:crypto';
import { SkillError } from '../core/errors.js';
import { SESSION_KEY, type Assessment, type Trace } from '../trace/trace.js';

/** The assessment metadata key holding the annotation run id. */
export const RUN_KEY = 'analyzing-mlflow-traces.run';
/** The marker tag of a run that set tags: `analyzing-mlflow-traces.run.<RUN>`. */
export const markerKey = (run: string): string => `${RUN_KEY}.${run}`;

/** `ann-20261129-110512-3f9a`: sortable, readable, unique enough for one trace. */
export function newRunId(now = new Date(), rand = randomBytes(2).toString('hex')): string {
  const iso = now.toISOString().replace(/[-:]/g, '');
  return `ann-${iso.slice(0, 8)}-${iso.slice(9, 15)}-${rand}`;
}

const RUN_ID = /^ann-\d{8}-\d{6}-[0-9a-f]{4}$/;
export function checkRunId(run: string): string {
  if (!RUN_ID.test(run))
    throw new SkillError('usage', `${JSON.stringify(run.slice(0, 60))} is not an annotation run id (they look like ann-20261129-110512-3f9a).`, {
      hint: 'Use the run id printed by the annotate_trace run to undo.',
    });
  return run;
}

export interface Assignment {
  name: string;
  value: string;
}

/** `NAME=VALUE` (split at the first `=`; the value may hold more). */
export function parseAssignment(spec: string, flag: string): Assignment {
  const at = spec.indexOf('=');
  const name = at > 0 ? spec.slice(0, at).trim() : '';
  const value = at > 0 ? spec.slice(at + 1) : '';
  if (!name || !value.trim()) {
    throw new SkillError('usage', `--${flag} takes NAME=VALUE, not ${JSON.stringify(spec.slice(0, 80))}.`, {
      hint: `e.g. --${flag} ${flag === 'tag' ? 'diagnosis=retrieval_miss' : 'root_cause="the retriever returned the 2023 policy"'}`,
    });
  }
  checkJsonValue(value, `--${flag} ${name}`);
  return { name, value };
}

/**
 * mlflow turns a value that parses as JSON into JSON and keeps anything else a string, so a
 * broken object (`{"score": 0.2`) would be stored silently as text. A value that starts like
 * JSON must be JSON.
 */
export function checkJsonValue(value: string, what: string): void {
  if (!/^\s*[[{"]/.test(value)) return;
  try {
    JSON.parse(value);
  } catch (err) {
    throw new SkillError('usage', `${what}: the value starts like JSON but is not JSON (${(err as Error).message.split('\n')[0]}).`, {
      hint: 'Fix the JSON, or write it as plain text without the leading { [ or ".',
    });
  }
}

export interface RunFootprint {
  assessments: Assessment[];
  /** Tags the run set, each with the value it replaced (null: the tag was new). */
  tags: Record<string, string | null>;
  /** The marker tag is on the trace. */
  marker: boolean;
}

/** What run `run` wrote on this trace, read from the trace. */
export function footprint(trace: Trace, run: string): RunFootprint {
  const assessments = trace.info.assessments.filter((a) => a.metadata[RUN_KEY] === run);
  const raw = trace.info.tags[markerKey(run)];
  let tags: Record<string, string | null> = {};
  if (raw !== undefined) {
    try {
      const parsed = JSON.parse(raw) as { tags?: Record<string, string | null> };
      tags = parsed.tags ?? {};
    } catch {
      tags = {};
    }
  }
  return { assessments, tags, marker: raw !== undefined };
}

export const isEmptyFootprint = (f: RunFootprint): boolean => !f.assessments.length && !f.marker;

/** The marker tag's value: the keys this run sets and what each held before. */
export function markerValue(trace: Trace, tags: readonly Assignment[]): string {
  const before: Record<string, string | null> = {};
  for (const t of tags) before[t.name] = trace.info.tags[t.name] ?? null;
  return JSON.stringify({ tags: before });
}

/** Assessment metadata: the run, and for a session-level one the session (where MLflow looks). */
export function runMetadata(run: string, sessionId: string | null): Record<string, string> {
  return sessionId === null ? { [RUN_KEY]: run } : { [RUN_KEY]: run, [SESSION_KEY]: sessionId };
}

/** One write an annotation run made (or would make, in a dry run). */
export interface DoneWrite {
  what: string;
  argv: string[];
  /** mlflow's own confirmation (null in a dry run). */
  said: string | null;
  assessmentId: string | null;
}

/** What one annotate_trace run did: its writes, or what its --undo removed. */
export interface AnnotateResult {
  mode: 'write' | 'undo';
  dryRun: boolean;
  runId: string;
  traceId: string;
  experimentId: string | null;
  /** Set for session-level writes: the session whose first trace holds them. */
  sessionId: string | null;
  writes: DoneWrite[];
  /** Secrets replaced in what was written (rationale, values), unless --show-secrets. */
  secretsRedacted: number;
  undoCommand: string | null;
  link: string | null;
  cacheEntriesDropped: number;
}
