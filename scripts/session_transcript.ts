#!/usr/bin/env -S npx tsx
/**
 * session_transcript: a whole multi-turn conversation, turn by turn, with each turn's
 * assessments, and the turns ranked by how likely the conversation went wrong there.
 */
import { analyseSession, needsSpans } from './lib/analysis/session.js';
import { bool, parseFlags, runScript, str } from './lib/cli/run.js';
import { SkillError } from './lib/core/errors.js';
import { cacheStatus } from './lib/mlflow/cache.js';
import { experimentIdOf } from './lib/mlflow/experiments.js';
import { mlflowCallCount } from './lib/mlflow/runner.js';
import { renderBudgeted } from './lib/render/budget.js';
import { commandFor } from './lib/render/follow-up.js';
import { rawJsonLines } from './lib/render/files.js';
import { jsonIdNote } from './lib/render/inspect.js';
import { sessionSections } from './lib/render/session-view.js';
import { fetchSession, sessionArgs, sessionHelp } from './lib/commands/session-job.js';

const HELP = sessionHelp(
  'Usage: session_transcript <EXPERIMENT_ID> <SESSION_ID> [options]\n\nEvery turn of an MLflow chat session (traces sharing metadata mlflow.trace.session), oldest first and\ncomplete (pages followed to the end): user message, reply, state, latency, tokens, assessments; the\nsession-level assessments; and the turns ranked by evidence of where the conversation went wrong.\nOne mlflow call per page without spans; one more with spans only when previews do not hold the text.',
  '  --turns A-B        show turns A to B in full (texts up to 4,000 chars, rationales whole)\n  --spans            read each turn from its spans from the start (one call instead of two when\n                     the previews are known not to hold the text, e.g. wrapper roots, OTel apps)\n',
);

function parseRange(v: string | undefined): [number, number] | null {
  if (!v) return null;
  const m = /^(\d+)(?:\s*[-–:]\s*(\d+))?$/.exec(v.trim());
  if (!m) throw new SkillError('usage', `--turns takes A-B (e.g. 3-7), not ${JSON.stringify(v)}.`);
  const a = Number(m[1]);
  const b = m[2] ? Number(m[2]) : a;
  if (a < 1 || b < a) throw new SkillError('usage', `--turns ${v}: the range must be 1-based and ascending.`);
  return [a, b];
}

await runScript(async (argv) => {
  const flags = parseFlags(argv, { string: ['experiment-id', 'session-id', 'turns', 'since'], boolean: ['spans'] });
  if (bool(flags, 'help')) return HELP;
  const range = parseRange(str(flags, 'turns'));
  const a = sessionArgs(flags);
  if (!a.fromFile) a.experimentId = await experimentIdOf(a.experimentId, a.cli);
  let spans = bool(flags, 'spans');
  let { traces, files } = await fetchSession(a, spans);
  let report = analyseSession(a.sessionId, traces, spans || traces.some((t) => t.spans.length > 0));
  // Previews could not carry the turns' text (wrapper roots, OTel apps): read the spans.
  if (!spans && !a.fromFile && needsSpans(report.turns)) {
    spans = true;
    ({ traces, files } = await fetchSession(a, true));
    report = analyseSession(a.sessionId, traces, true);
  }
  if (range && range[0] > report.turnCount) throw new SkillError('usage', `--turns ${range[0]}-${range[1]}: the session has ${report.turnCount} turns.`);
  if (bool(flags, 'json')) {
    const turns = range ? report.turns.filter((t) => t.n >= range[0] && t.n <= range[1]) : report.turns;
    return JSON.stringify({ ...report, turns, files: { searchJson: files }, mlflowCalls: mlflowCallCount(), cache: cacheStatus() }, null, 2);
  }
  const follow = {
    inspect: (traceId: string) => commandFor('inspect_turn', [traceId]),
    turns: (from: number, to: number) => a.again('session_transcript', ['--turns', `${from}-${to}`]),
    spans: a.fromFile ? undefined : a.again('session_transcript', ['--spans']),
  };
  const footer = [...rawJsonLines('search', files, { fromUserFile: !!a.fromFile, idNote: jsonIdNote(traces[0]?.format ?? '3.x'), cache: cacheStatus() }), `One turn in depth: ${commandFor('inspect_turn', ['<trace_id>'])}`];
  return renderBudgeted(sessionSections(report, follow, { maxChars: a.maxChars, range }), footer, a.maxChars, `${a.again('session_transcript', ['--json'])}`).text;
});
