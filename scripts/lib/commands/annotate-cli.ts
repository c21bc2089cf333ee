/** annotate_trace's options and help: argv values → AnnotateOptions (typed, validated). */
import { COMMON_OPTIONS_HELP, exitCodeHelp } from '../cli/run.js';
import { SkillError } from '../core/errors.js';
import type { AnnotateOptions } from './annotate-job.js';
import type { SourceType } from '../mlflow/writes.js';

interface Values {
  str: (key: string) => string | undefined;
  bool: (key: string) => boolean;
  timeoutMs: number;
}

export function annotateOptions(positional: string[], repeated: Record<string, string[]>, v: Values): AnnotateOptions {
  const experimentId = v.str('session');
  const sourceType = (v.str('source-type') ?? 'HUMAN').toUpperCase();
  if (sourceType !== 'HUMAN' && sourceType !== 'CODE') throw new SkillError('usage', `--source-type is HUMAN or CODE, not ${JSON.stringify(sourceType)}.`, { hint: 'HUMAN: a person (or an agent on their word) judged it; CODE: a program did.' });
  if (positional.length > 1) throw new SkillError('usage', `Expected one ${experimentId ? 'session id' : 'trace id'}, got ${positional.length} arguments.`, { hint: 'Quote arguments with spaces; run with --help.' });
  const id = v.str('trace-id') ?? positional[0];
  if (experimentId && !id) throw new SkillError('usage', '--session takes EXPERIMENT_ID SESSION_ID.', { hint: 'e.g. --session 1 hotel-booking-42' });
  return {
    traceId: experimentId ? undefined : id,
    session: experimentId ? { experimentId, sessionId: id as string } : undefined,
    feedback: repeated.feedback ?? [],
    expectation: repeated.expectation ?? [],
    tag: repeated.tag ?? [],
    rationale: v.str('rationale'),
    span: v.str('span'),
    sourceType: sourceType as SourceType,
    sourceId: v.str('source-id'),
    undo: v.str('undo'),
    dryRun: v.bool('dry-run'),
    showSecrets: v.bool('show-secrets'),
    timeoutMs: v.timeoutMs,
  };
}

export const annotateHelp = (): string => `Usage: annotate_trace <TRACE_ID> [writes] [options]
       annotate_trace --session <EXPERIMENT_ID> <SESSION_ID> [--feedback …] [--expectation …]
       annotate_trace <TRACE_ID> --undo <RUN>

Records a diagnosis where the team sees it in the MLflow UI: assessments and tags on the trace
(mlflow traces log-feedback | log-expectation | set-tag), or session-level assessments on the
session's first trace (where MLflow keeps them). Each write carries an annotation run id in its
metadata; the run prints what it wrote and the command that removes exactly that.

Writes (each repeatable):
  --feedback NAME=VALUE      a verdict, e.g. --feedback correctness=no --feedback root_cause="stale retrieval"
  --expectation NAME=VALUE   ground truth, e.g. --expectation expected_response="Paris"
  --tag KEY=VALUE            a trace tag (not with --session)
  VALUE is text; one that parses as JSON (0.2, true, {"a": 1}) is stored as JSON, and one that
  starts like JSON ({ [ ") must be valid JSON.
Options:
  --rationale TEXT           why (for every --feedback of the run)
  --span KEY                 attach the assessments to a span (id, name or NAME#N, as inspect_turn prints)
  --session EXP SESSION_ID   session-level assessments (metadata mlflow.trace.session), on the first trace
  --source-type HUMAN|CODE   who judged (default HUMAN: the user, or an agent on the user's word)
  --source-id ID             default "analyzing-mlflow-traces (<OS user>)"
  --undo RUN                 remove what run RUN wrote on this trace (exit 5 and nothing deleted if none)
  --dry-run                  print the mlflow commands without running them
  --show-secrets             write secrets in the rationale and values as given (default: [redacted <kind>])
${COMMON_OPTIONS_HELP.split('\n').filter((l) => !/--from-file|--out-dir|--fresh|--max-chars|--show-secrets/.test(l)).join('\n')}

${exitCodeHelp()}
`;
