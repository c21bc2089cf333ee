/**
 * annotate_trace: record a diagnosis on a trace (feedback, expectations, tags) or on a whole
 * session, each write tagged with an annotation run id; `--undo RUN` removes exactly that run.
 */
import { defineCommand } from '../../cli/command.js';
import { flag, grouped, list, text } from '../../cli/options.js';
import { SkillError, shown } from '../../core/errors.js';
import type { SourceType } from '../../mlflow/writes.js';
import { annotateText } from '../../render/annotate-view.js';
import { annotateJob } from './annotate-job.js';

export const annotateTrace = defineCommand({
  name: 'annotate_trace',
  summary: `Records a diagnosis where the team sees it in the MLflow UI: assessments and tags on the trace
(mlflow traces log-feedback | log-expectation | set-tag), or session-level assessments on the
session's first trace (where MLflow keeps them). Each write carries an annotation run id in its
metadata; the run prints what it wrote and the command that removes exactly that.
Forms: annotate_trace <TRACE_ID> --feedback …   annotate_trace <SESSION_ID> --session <EXPERIMENT_ID> --feedback …
       annotate_trace <TRACE_ID> --undo <RUN>`,
  args: [{ key: 'traceId', metavar: 'TRACE_ID', help: 'the trace (with --session: the session id)' }],
  options: {
    ...grouped('Writes', {
      feedback: list('NAME=VALUE', 'a verdict, e.g. --feedback correctness=no --feedback root_cause="stale retrieval"'),
      expectation: list('NAME=VALUE', 'ground truth, e.g. --expectation expected_response="Paris"'),
      tag: list('KEY=VALUE', 'a trace tag (not with --session)'),
    }),
    rationale: text('TEXT', 'why (for every --feedback of the run)'),
    span: text('KEY', 'attach the assessments to a span (id, name or NAME#N, as inspect_turn prints)'),
    session: text('EXPERIMENT_ID', 'session-level assessments (metadata mlflow.trace.session), on the first trace'),
    sourceType: text('HUMAN|CODE', "who judged (default HUMAN: the user, or an agent on the user's word)"),
    sourceId: text('ID', 'default "analyzing-mlflow-traces (<OS user>)"'),
    undo: text('RUN', 'remove what run RUN wrote on this trace (exit 5 and nothing deleted if none)'),
    dryRun: flag('print the mlflow commands without running them'),
  },
  notes: [
    'VALUE is text; one that parses as JSON (0.2, true, {"a": 1}) is stored as JSON, and one that\n' +
      'starts like JSON ({ [ ") must be valid JSON. Secrets in a rationale or value are masked before\n' +
      'they are written (their kind named) unless --show-secrets.',
  ],
  async run({ args, opts }) {
    const sourceType = (opts.sourceType ?? 'HUMAN').toUpperCase();
    if (sourceType !== 'HUMAN' && sourceType !== 'CODE')
      throw new SkillError('usage', `--source-type is HUMAN or CODE, not ${shown(sourceType)}.`, {
        hint: 'HUMAN: a person (or an agent on their word) judged it; CODE: a program did.',
      });
    const id = args.traceId;
    const experimentId = opts.session;
    if (experimentId && !id)
      throw new SkillError('usage', '--session takes EXPERIMENT_ID, with the SESSION_ID as the argument.', {
        hint: 'e.g. annotate_trace hotel-booking-42 --session 1 --feedback resolved=no',
      });
    const result = await annotateJob({
      traceId: experimentId ? undefined : id,
      session: experimentId ? { experimentId, sessionId: id as string } : undefined,
      feedback: opts.feedback,
      expectation: opts.expectation,
      tag: opts.tag,
      rationale: opts.rationale,
      span: opts.span,
      sourceType: sourceType as SourceType,
      sourceId: opts.sourceId,
      undo: opts.undo,
      dryRun: opts.dryRun,
      showSecrets: opts.showSecrets,
      timeoutMs: opts.timeout * 1000,
    });
    return { json: { ...result }, text: () => annotateText(result) };
  },
});
