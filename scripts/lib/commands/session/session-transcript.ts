/**
 * session_transcript: a whole multi-turn conversation, turn by turn, with each turn's
 * assessments, and the turns ranked by how likely the conversation went wrong there.
 */
import { basename } from 'node:path';
import { analyseSession, SPANS_BY_DEFAULT_MAX_TURNS } from '../../analysis/session/session.js';
import { needsSpans } from '../../analysis/session/turn.js';
import { defineCommand } from '../../cli/command.js';
import { flag, text } from '../../cli/options.js';
import { SkillError, shown } from '../../core/errors.js';
import { cacheStatus } from '../../mlflow/cache.js';
import { experimentIdOf } from '../../mlflow/experiments.js';
import { renderBudgeted } from '../../render/budget.js';
import { rawJsonLines } from '../../render/files.js';
import { commandFor } from '../../render/follow-up.js';
import { jsonIdNote } from '../../render/inspect.js';
import { sessionSections } from '../../render/session-view.js';
import { withCachedSpans } from '../../mlflow/source.js';
import { fetchSession, SESSION_ARGS, SESSION_SOURCE_OPTIONS, sessionArgs, type SessionArgs } from './session-job.js';

export const sessionTranscript = defineCommand({
  name: 'session_transcript',
  summary:
    'Every turn of an MLflow chat session (traces sharing metadata mlflow.trace.session), oldest first and\n' +
    'complete (pages followed to the end): user message, reply, state, latency, tokens, assessments; the\n' +
    'session-level assessments; and the turns ranked by evidence of where the conversation went wrong.\n' +
    'Spans are read by default for sessions of up to 200 turns (a second call; --spans makes it one; none\n' +
    'when the trace cache holds every turn finished, as triage_sessions leaves it for 15 min);\n' +
    'longer sessions are read from previews unless they lack the text or --spans is given.',
  args: SESSION_ARGS,
  options: {
    ...SESSION_SOURCE_OPTIONS,
    turns: text('A-B', 'show turns A to B in full (texts up to 4,000 chars, rationales whole)'),
    spans: flag(
      'read each turn from its spans from the start (one call instead of two when\nthe previews are known not to hold the text, e.g. wrapper roots, OTel apps)',
    ),
  },
  async run({ args, opts }) {
    const range = parseRange(opts.turns);
    const a = sessionArgs({ ...opts, experimentId: args.experimentId, sessionId: args.sessionId });
    // An experiment given by name is looked up once (cached); a file needs none.
    if (!a.fromFile) a.experimentId = await experimentIdOf(a.experimentId, a.cli);
    const { report, traces, files, spanFiles } = await readSession(a, opts.spans);
    if (range && range[0] > report.turnCount) throw new SkillError('usage', `--turns ${range[0]}-${range[1]}: the session has ${report.turnCount} turns.`);
    const turns = range ? report.turns.filter((t) => t.n >= range[0] && t.n <= range[1]) : report.turns;
    return {
      json: { ...report, turns },
      files: { searchJson: files, ...(spanFiles.length ? { traceJson: spanFiles } : {}) },
      text: () => {
        const follow = {
          inspect: (traceId: string) => commandFor('inspect_turn', [traceId]),
          turns: (from: number, to: number) => a.again('session_transcript', ['--turns', `${from}-${to}`]),
          spans: a.fromFile ? undefined : a.again('session_transcript', ['--spans']),
        };
        const footer = [
          ...rawJsonLines('search', files, { fromUserFile: !!a.fromFile, idNote: jsonIdNote(traces[0]?.format ?? '3.x'), cache: cacheStatus() }),
          ...(spanFiles.length ? [spansFromCacheLine(spanFiles)] : []),
          `One turn in depth: ${commandFor('inspect_turn', ['<trace_id>'])}`,
        ];
        return renderBudgeted(
          sessionSections(report, follow, { maxChars: a.maxChars, range, given: a.given }),
          footer,
          a.maxChars,
          a.again('session_transcript', ['--json']),
        ).text;
      },
    };
  },
});

/**
 * Previews first, then spans: they hold what previews cannot (model inputs, failed tools, wrapper
 * roots, OTel apps). A session that fits one search call is read with them; a longer one only
 * when previews lack the text.
 */
async function readSession(a: SessionArgs, wantSpans: boolean) {
  let spans = wantSpans;
  let { traces, files } = await fetchSession(a, spans);
  let report = analyseSession(a.sessionId, traces, spans || traces.some((t) => t.spans.length > 0));
  let spanFiles: string[] = [];
  if (!spans && !a.fromFile && (report.turnCount <= SPANS_BY_DEFAULT_MAX_TURNS || needsSpans(report.turns))) {
    spans = true;
    // Every turn held whole by the trace cache (triage_sessions read them with spans): no second call.
    const held = withCachedSpans(traces, a.cli);
    if (held) ({ value: traces, files: spanFiles } = held);
    else ({ traces, files } = await fetchSession(a, true));
    report = analyseSession(a.sessionId, traces, true);
  }
  return { report, traces, files, spanFiles, spans };
}

/** Where the spans are when the trace cache gave them: one file per turn, beside the search's. */
function spansFromCacheLine(files: readonly string[]): string {
  const first = files[0] as string;
  const more = files.length > 1 ? ` (and ${files.length - 1} more, one per turn: ${basename(first).replace(/^trace-.*\.json$/, 'trace-<trace_id>.json')})` : '';
  return `Spans from the trace cache, unread by mlflow this time (unredacted, 0600): ${first}${more}`;
}

function parseRange(v: string | undefined): [number, number] | null {
  if (!v) return null;
  const m = /^(\d+)(?:\s*[-–:]\s*(\d+))?$/.exec(v.trim());
  if (!m) throw new SkillError('usage', `--turns takes A-B (e.g. 3-7), not ${shown(v)}.`, { hint: 'e.g. --turns 3-7, or --turns 4 for one turn.' });
  const a = Number(m[1]);
  const b = m[2] ? Number(m[2]) : a;
  if (a < 1 || b < a)
    throw new SkillError('usage', `--turns ${shown(v)}: the range must be 1-based and ascending.`, { hint: 'e.g. --turns 3-7 (turn 1 is the first).' });
  return [a, b];
}
