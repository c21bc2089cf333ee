/**
 * triage_sessions: which conversations of an experiment went wrong. Every session of the window,
 * each read as session_transcript reads one, ranked by its evidence; the worst first, each with
 * the turn to open and the command. Bounded: --limit traces read, --top sessions shown, --offset pages.
 */
import { grepSessionOf, grepSessions, parsePattern, type GrepSession } from '../../analysis/session/session-grep.js';
import { rankSessions } from '../../analysis/session/sessions-rank.js';
import { defineCommand } from '../../cli/command.js';
import { flag, text } from '../../cli/options.js';
import { SkillError } from '../../core/errors.js';
import { redactText } from '../../core/redact.js';
import { cacheStatus } from '../../mlflow/cache.js';
import { renderBudgeted } from '../../render/budget.js';
import { rawJsonLines } from '../../render/files.js';
import { commandFor } from '../../render/follow-up.js';
import { grepSections, turnsToOpen } from '../../render/session-grep-view.js';
import { sessionsSections } from '../../render/sessions-view.js';
import { windowJson } from '../../render/window-line.js';
import { EXPERIMENT_ARG } from '../experiment-arg.js';
import { lookupClause, noTraceIn, readWindow, resolveWindowExperiment, WINDOW_OPTIONS, windowArgs } from '../window/window-job.js';

/** Up to this many traces, spans are read too (failed tools, lost history): one more call on sqlite. */
export const SPANS_UP_TO = 2_000;

const whole = (v: string | undefined, flagName: string, fallback: number): number => {
  if (v === undefined) return fallback;
  if (!/^\d+$/.test(v)) throw new SkillError('usage', `--${flagName} takes a whole number, not ${JSON.stringify(v)}.`);
  return Number(v);
};

export const triageSessions = defineCommand({
  name: 'triage_sessions',
  summary: `Which conversations went wrong: every chat session (traces sharing metadata mlflow.trace.session)
of an experiment's window with its turns, time span and user, ranked by evidence: negative
session-level and turn verdicts (by source), failed tools (also errors inside an OK tool output)
and replies that claimed success, the user doubting a result or correcting ("did it work?", "you
said…", "I asked…"), asking again, frustration, asking for a human, the assistant repeating its
previous reply, a conversation ending on a complaint, lost history. Each with the turn to open.
--grep TEXT searches every turn of those sessions instead (the user's message, the reply, and with
spans each tool's output): the sessions and turns holding it, each quoted, with the transcript to
open; it reads what the ranking reads (no mlflow call more).
mlflow calls: one per page of trace infos; up to ${SPANS_UP_TO} traces, one more read with spans; an experiment
name one more lookup (cached five minutes), an id none.`,
  args: [EXPERIMENT_ARG],
  options: {
    ...WINDOW_OPTIONS,
    top: text('N', 'show the N worst sessions (default 15)'),
    offset: text('N', 'start the list at the N+1th worst (paging)'),
    spans: flag(`read spans whatever the window's size (default: up to ${SPANS_UP_TO} traces)`),
    noSpans: flag('never read spans (previews only: quicker, no tool or history checks)'),
    grep: text(
      "'TEXT'|/RE/",
      'search every turn of every session for TEXT (case-insensitive; /RE/ a regex):\n' +
        'the matching sessions, most matching turns first, each hit quoted (--top, --offset page them)',
    ),
  },
  async run({ args, opts }) {
    const a = windowArgs({ ...opts, experimentId: args.experimentId });
    // A bad pattern is said before any mlflow call.
    const pattern = opts.grep === undefined ? null : parsePattern(opts.grep);
    const lookups = await resolveWindowExperiment(a);
    const top = whole(opts.top, 'top', 15) || 15;
    const offset = whole(opts.offset, 'offset', 0);
    let read = await readWindow(a, false, 'sessions');
    if (!read.traces.length) throw noTraceIn(a);
    const hasSpans = read.traces.some((t) => t.spans.length > 0);
    const wantSpans = !a.fromFile && !opts.noSpans && (opts.spans || read.traces.length <= SPANS_UP_TO);
    let calls = read.calls;
    if (wantSpans && !hasSpans) {
      read = await readWindow(a, true, 'sessions-spans');
      calls += read.calls;
    }
    const spansLoaded = read.traces.some((t) => t.spans.length > 0);
    // --grep searches the sessions as the ranking read them: the same turns, numbered as session_transcript numbers them.
    const grepped: GrepSession[] = [];
    const report = rankSessions(read.traces, spansLoaded, pattern ? (r, list) => grepped.push(grepSessionOf(r, list)) : undefined);
    const grepArgs = pattern ? ['--grep', pattern.given] : [];
    const again = (extra: string[]) => commandFor('triage_sessions', [a.given, ...a.source, ...grepArgs, ...extra]);
    const transcript = (s: { sessionId: string; turns: number }, turns: readonly number[]) => {
      const [from, to] = turnsToOpen(turns, s.turns);
      return commandFor('session_transcript', [a.given, s.sessionId, '--turns', `${from}-${to}`]);
    };
    const grep = pattern ? grepSessions(grepped, pattern, opts.showSecrets ? undefined : (t) => redactText(t), spansLoaded) : null;
    const cut = read.more
      ? `Read the newest ${read.traces.length} traces of the window (--limit): sessions that started earlier may be cut; all: ${again(['--limit', '0'])}`
      : null;
    return {
      json: {
        experimentId: a.experimentId,
        filter: a.filter,
        bounds: windowJson(a.window),
        read: read.traces.length,
        more: read.more,
        cut,
        spansLoaded,
        ...(grep ? { grep: { ...grep, found: grep.found.map((f) => ({ ...f, open: transcript(f, f.matchedTurns) })) } } : {}),
        ...report,
      },
      files: { searchJson: read.files },
      text: () => {
        const follow = {
          transcript: (sid: string, turn: number | null) =>
            commandFor('session_transcript', [a.given, sid, ...(turn ? ['--turns', `${Math.max(1, turn - 1)}-${turn + 1}`] : [])]),
          inspect: (id: string) => commandFor('inspect_turn', [id]),
          page: (n: number) => again(['--offset', String(n), '--top', String(top)]),
        };
        const footer = [
          ...(cut ? [cut] : []),
          ...rawJsonLines('search', read.files, { fromUserFile: !!a.fromFile, cache: cacheStatus() }),
          `mlflow calls: ${calls} for traces${lookupClause(lookups)} · every session as data: ${again(['--json'])}`,
        ];
        const ranks = new Map(report.ranked.map((r, i) => [r.sessionId, { rank: i + 1, score: r.score }]));
        const sections = grep
          ? grepSections(
              grep,
              { transcript, page: follow.page },
              { top, offset, spansLoaded, noSession: report.noSession, ranks, ranked: report.ranked.length, window: a.window },
            )
          : sessionsSections(report, follow, { top, offset, spansLoaded, window: a.window });
        return renderBudgeted(sections, footer, opts.maxChars ?? 20_000, again(['--json'])).text;
      },
    };
  },
});
