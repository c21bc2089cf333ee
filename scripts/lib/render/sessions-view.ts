/** triage_sessions' screen: the sessions that went wrong, worst first, each with the turn to open. */
import type { SessionsReport } from '../analysis/session/sessions-rank.js';
import type { Section } from './budget.js';
import { colourEnabled, palette } from './style.js';
import { windowLines, type WindowBounds } from './window-line.js';

export interface SessionsFollow {
  transcript: (sessionId: string, turn: number | null) => string;
  inspect: (traceId: string) => string;
  page: (offset: number) => string;
}

const span = (a: string | null, b: string | null) => {
  if (!a || !b) return '?';
  const mins = Math.round((Date.parse(b) - Date.parse(a)) / 60_000);
  const endDay = a.slice(0, 10) === b.slice(0, 10) ? '' : ` (${b.slice(5, 10)})`;
  return `${a.slice(0, 16).replace('T', ' ')} … ${b.slice(11, 16)}${endDay}, ${mins < 1 ? '<1' : mins} min`;
};

export interface SessionsViewOptions {
  top: number;
  offset: number;
  spansLoaded: boolean;
  /** The time bounds read: stated under the head line. */
  window?: WindowBounds;
}

export function sessionsSections(r: SessionsReport, follow: SessionsFollow, opts: SessionsViewOptions): Section[] {
  const paint = palette(colourEnabled());
  const shown = r.ranked.slice(opts.offset, opts.offset + opts.top);
  const noSession = r.noSession ? ` (${r.noSession} traces carry no session id)` : '';
  const counts = `${r.ranked.length} show evidence of going wrong, ${r.fine} show none (${r.singleTurn} single-turn)`;
  const head = [`${paint.head('SESSIONS')} — ${r.sessions} sessions in ${r.traces - r.noSession} traces${noSession}; ${counts}`, ...windowLines(opts.window)];
  if (!opts.spansLoaded) head.push('  read from trace previews without spans: failed tools and lost history are not checked (--spans reads them)');
  if (r.historyLost >= 2 && r.historyLost * 2 >= r.multiTurn)
    head.push(
      `  history lost in ${r.historyLost} of ${r.multiTurn} multi-turn sessions: from turn 2 on their model inputs hold no earlier turn ` +
        '(the app passes no conversation, or passes it where the trace does not show it): likely one cause shared by all of them',
    );
  if (!r.sessions)
    head.push(
      '  No trace in the window carries a session id (metadata mlflow.trace.session): the app does not record sessions. triage_traces covers single traces.',
    );
  const lines = [
    `${paint.head('WORST FIRST')} (score = evidence points, as session_transcript ranks turns)${opts.offset ? `, from #${opts.offset + 1}` : ''}:`,
  ];
  for (const [i, s] of shown.entries()) {
    const turns = `${s.turns} turn${s.turns > 1 ? 's' : ''}`;
    lines.push(`  #${opts.offset + i + 1} ${s.sessionId} · ${turns} · ${span(s.first, s.last)} · ${s.users.join(', ') || 'no user'} · score ${s.score}`);
    lines.push(`     evidence: ${s.evidence.join('; ')}`);
    for (const reason of s.reasons.slice(0, 2)) lines.push(`     · ${reason.length > 220 ? `${reason.slice(0, 219)}…` : reason}`);
    lines.push(`     open turn ${s.openTurn ?? 1}: ${follow.transcript(s.sessionId, s.openTurn)}${s.openTrace ? `  · ${follow.inspect(s.openTrace)}` : ''}`);
  }
  if (!shown.length && r.sessions) lines.push('  none: no session has a negative verdict, failed tool, push-back, repeat, complaint or lost history.');
  const rest = r.ranked.length - opts.offset - shown.length;
  if (rest > 0) lines.push(`  … ${rest} more with evidence: ${follow.page(opts.offset + opts.top)}`);
  return [
    { name: 'sessions', priority: 0, lines: head },
    { name: 'worst first', priority: 1, lines },
    ...(r.fineIds.length ? [{ name: 'fine', priority: 2, lines: fineLines(r.fineIds, follow) }] : []),
  ];
}

/** The sessions with no evidence, by id (a spot check needs one), the first FINE_SHOWN of them. */
const FINE_SHOWN = 40;
function fineLines(ids: readonly string[], follow: SessionsFollow): string[] {
  const more = ids.length > FINE_SHOWN ? ` … ${ids.length - FINE_SHOWN} more (--json: fineIds)` : '';
  const first = ids[0] as string;
  return [`NO EVIDENCE (${ids.length}): ${ids.slice(0, FINE_SHOWN).join(', ')}${more}`, `  spot-check one: ${follow.transcript(first, null)}`];
}
