/**
 * annotate_trace: options → the trace (or a session's first trace) → the writes → a summary
 * with the undo command. Writes run one after another: a failure stops the run and says what
 * was already written and how to undo it.
 */
import { userInfo } from 'node:os';
import { SkillError, shown } from '../../core/errors.js';

import { redactText } from '../../core/redact.js';
import { RedactionTally } from '../../core/redaction-tally.js';
import {
  type AnnotateResult,
  checkRunId,
  type DoneWrite,
  footprint,
  isEmptyFootprint,
  markerKey,
  markerValue,
  newRunId,
  parseAssignment,
  runMetadata,
  type Assignment,
} from '../../actions/annotation.js';
import { dropAfterWrite } from '../../mlflow/cache.js';
import { sessionLink, traceLink } from '../../mlflow/links.js';
import { getTrace } from '../../mlflow/reads.js';
import { checkTraceId, loadSession } from '../../mlflow/source.js';
import { deleteAssessment, deleteTag, logExpectation, logFeedback, runWrite, setTag, type SourceType, type WriteCall } from '../../mlflow/writes.js';
import { commandFor } from '../../render/follow-up.js';
import { parseTrace, type Trace } from '../../trace/trace.js';
import { buildTree } from '../../trace/tree.js';
import { resolveSpan } from '../../trace/span-ref.js';

export interface AnnotateOptions {
  traceId?: string;
  /** --session EXPERIMENT SESSION_ID: session-level assessments, on the session's first trace. */
  session?: { experimentId: string; sessionId: string };
  feedback: string[];
  expectation: string[];
  tag: string[];
  rationale?: string;
  span?: string;
  sourceType: SourceType;
  sourceId?: string;
  undo?: string;
  dryRun: boolean;
  showSecrets: boolean;
  timeoutMs: number;
}

export const defaultSourceId = (): string => {
  let user = process.env.USER ?? '';
  try {
    user = userInfo().username || user;
  } catch {
    // no passwd entry (containers): the environment's USER, if any
  }
  return `analyzing-mlflow-traces (${user || 'unknown user'})`;
};

/** The trace the run reads and writes: the given one, or the session's first. */
async function target(o: AnnotateOptions): Promise<{ trace: Trace; sessionId: string | null }> {
  const cli = { fresh: true, timeoutMs: o.timeoutMs };
  if (o.session) {
    const { value } = await loadSession({ ...o.session, includeSpans: false, limit: 1 }, cli);
    const first = value[0];
    if (!first)
      throw new SkillError('session-not-found', `No trace of session ${shown(o.session.sessionId)} in experiment ${o.session.experimentId}.`, {
        hint: 'Check the session id with session_transcript, and the experiment id.',
      });
    return { trace: first, sessionId: o.session.sessionId };
  }
  const id = checkTraceId(o.traceId);
  const fetched = await getTrace(id, cli);
  return { trace: parseTrace(fetched.json, `mlflow traces get output (${fetched.file})`), sessionId: null };
}

function checkOptions(o: AnnotateOptions): void {
  const writes = o.feedback.length + o.expectation.length + o.tag.length;
  if (o.undo && writes) throw new SkillError('usage', '--undo removes a run; it cannot be combined with --feedback, --expectation or --tag.');
  if (!o.undo && !writes)
    throw new SkillError('usage', 'Nothing to write: give --feedback NAME=VALUE, --expectation NAME=VALUE or --tag KEY=VALUE (or --undo RUN).', {
      hint: 'Run with --help for examples.',
    });
  if (o.session && o.tag.length)
    throw new SkillError('usage', 'Tags belong to one trace: --tag cannot be used with --session (session-level notes are assessments).');
  if (o.session && o.span) throw new SkillError('usage', '--span names a span of one trace: it cannot be used with --session.');
  if (o.rationale !== undefined && !o.feedback.length) throw new SkillError('usage', '--rationale explains a --feedback; give one.');
}

export async function annotateJob(o: AnnotateOptions): Promise<AnnotateResult> {
  checkOptions(o);
  if (o.undo) checkRunId(o.undo);
  const feedback = o.feedback.map((f) => parseAssignment(f, 'feedback'));
  const expectation = o.expectation.map((e) => parseAssignment(e, 'expectation'));
  const tags = o.tag.map((t) => parseAssignment(t, 'tag'));
  const { trace, sessionId } = await target(o);
  const traceId = trace.info.traceId;
  const runId = o.undo ?? newRunId();
  const tally = new RedactionTally();
  const calls = o.undo ? undoCalls(trace, runId) : writeCalls(trace, runId, sessionId, { feedback, expectation, tags }, o, tally);
  let dropped = 0;
  let writes: DoneWrite[];
  try {
    writes = await perform(calls, o, traceId, runId);
  } finally {
    // Even a run that failed halfway may have written: the next view must not show the old trace.
    if (!o.dryRun) dropped = dropAfterWrite(traceId, trace.info.experimentId);
  }
  return {
    mode: o.undo ? 'undo' : 'write',
    dryRun: o.dryRun,
    runId,
    traceId,
    experimentId: trace.info.experimentId,
    sessionId,
    writes,
    secretsRedacted: tally.count,
    undoCommand: o.undo ? null : undoCommand(traceId, runId),
    link: sessionId !== null ? sessionLink(trace.info.experimentId, sessionId) : traceLink(trace.info.experimentId, traceId),
    cacheEntriesDropped: dropped,
  };
}

const undoCommand = (traceId: string, runId: string) => commandFor('annotate_trace', [traceId, '--undo', runId]);

function writeCalls(
  trace: Trace,
  run: string,
  sessionId: string | null,
  w: { feedback: Assignment[]; expectation: Assignment[]; tags: Assignment[] },
  o: AnnotateOptions,
  tally: RedactionTally,
): WriteCall[] {
  const traceId = trace.info.traceId;
  // Secrets never reach the store unless asked: the rationale and values are free text.
  const clean = (s: string) => (o.showSecrets ? s : redactText(s, tally));
  const spanId = o.span ? resolveSpan(buildTree(trace.spans), o.span, traceId).node.span.id : undefined;
  const common = { traceId, sourceType: o.sourceType, sourceId: o.sourceId ?? defaultSourceId(), metadata: runMetadata(run, sessionId), spanId };
  const calls: WriteCall[] = [];
  if (w.tags.length)
    calls.push({
      ...setTag(traceId, markerKey(run), markerValue(trace, w.tags)),
      what: `marker tag ${markerKey(run)} (names the tags this run set, for --undo)`,
    });
  for (const t of w.tags) calls.push(setTag(traceId, t.name, clean(t.value)));
  const rationale = o.rationale === undefined ? undefined : clean(o.rationale);
  for (const f of w.feedback) calls.push(logFeedback({ ...common, name: f.name, value: clean(f.value), rationale }));
  for (const e of w.expectation) calls.push(logExpectation({ ...common, name: e.name, value: clean(e.value) }));
  return calls;
}

/** Exactly what the run wrote: its assessments, its tags (restored to their old value), its marker. */
function undoCalls(trace: Trace, run: string): WriteCall[] {
  const traceId = trace.info.traceId;
  const f = footprint(trace, run);
  if (isEmptyFootprint(f)) {
    throw new SkillError('run-not-found', `Annotation run ${run} wrote nothing that is still on trace ${traceId}; nothing was deleted.`, {
      hint: "Check the run id and the trace (a session-level run writes on the session's first trace: use the undo command the run printed).",
    });
  }
  const calls: WriteCall[] = f.assessments.filter((a) => a.id).map((a) => deleteAssessment(traceId, a.id as string, `${a.kind} ${a.name}`));
  for (const [key, before] of Object.entries(f.tags)) {
    if (before !== null) calls.push({ ...setTag(traceId, key, before), what: `restore tag ${key} = ${before}` });
    else if (key in trace.info.tags) calls.push(deleteTag(traceId, key));
  }
  if (f.marker) calls.push(deleteTag(traceId, markerKey(run)));
  return calls;
}

async function perform(calls: WriteCall[], o: AnnotateOptions, traceId: string, runId: string): Promise<DoneWrite[]> {
  if (o.dryRun) return calls.map((c) => ({ ...c, said: null, assessmentId: null }));
  const done: DoneWrite[] = [];
  for (const call of calls) {
    try {
      const r = await runWrite(call, o.timeoutMs);
      done.push({ ...call, said: r.said, assessmentId: r.assessmentId });
    } catch (err) {
      throw partial(err, done, o, traceId, runId);
    }
  }
  return done;
}

/** A run that failed halfway says what it had written and how to remove it. */
function partial(err: unknown, done: DoneWrite[], o: AnnotateOptions, traceId: string, runId: string): unknown {
  if (!(err instanceof SkillError)) return err;
  const before = done.length ? `Written before the failure: ${done.map((d) => d.what).join('; ')}.` : 'Nothing was written.';
  const undo = done.length && !o.undo ? ` Undo them with: ${undoCommand(traceId, runId)}` : '';
  return new SkillError(err.kind, err.message, { hint: `${before}${undo}${err.hint && !done.length ? ` ${err.hint}` : ''}`, cause: err });
}

export type { AnnotateResult, DoneWrite };
