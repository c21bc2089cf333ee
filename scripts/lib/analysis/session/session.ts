/**
 * A chat session as turns (turn.ts), ranked by where it went wrong (turn-ranking.ts), with the
 * session-level verdicts and what the reader should know: turns in progress or unreadable, history
 * the app dropped, where the turns' text was read.
 */
import { turnsSoFar } from './earlier-turns.js';
import type { Trace } from '../../trace/trace.js';
import { summariseAssessments, type AssessmentSummary } from '../trace/assessments.js';
import { historyIsMissing, rankTurns, type Suspect } from './turn-ranking.js';
import { markBuiltOnClaims, readTurn, type Turn } from './turn.js';
import { historyOrder, reorderedWarning } from './turn-order.js';

/** Sessions up to this many turns are read with their spans by default (one search call holds them). */
export const SPANS_BY_DEFAULT_MAX_TURNS = 200;

export interface SessionReport {
  sessionId: string;
  experimentId: string | null;
  turnCount: number;
  users: string[];
  spansLoaded: boolean;
  sessionAssessments: AssessmentSummary;
  turns: Turn[];
  suspects: Suspect[];
  /** The earliest strong suspect, and the advice to look before it. */
  firstBadTurn: number | null;
  advice: string | null;
  warnings: string[];
  /** Where the turns' text came from, in one line (the most common span and keys). */
  textFrom: string;
  /** A multi-turn session whose model inputs held no earlier turn: the app drops the history. */
  historyMissing: boolean;
}

/** `span "chat gpt-4o" (gen_ai.input.messages / gen_ai.output.messages); the root "agent" is a wrapper`. */
function textFromLine(turns: readonly Turn[], spansLoaded: boolean): string {
  const spans = turns.map((t) => t.textSpan).filter((x): x is NonNullable<Turn['textSpan']> => x !== null);
  if (!spansLoaded || !spans.length) return 'trace previews (request_preview / response_preview; no spans needed)';
  const counts = new Map<string, { n: number; s: NonNullable<Turn['textSpan']> }>();
  for (const s of spans) {
    const k = `${s.name}\u0000${s.keys}\u0000${s.rootName}\u0000${s.rootIsWrapper}`;
    const c = counts.get(k) ?? { n: 0, s };
    c.n += 1;
    counts.set(k, c);
  }
  const top = [...counts.values()].sort((a, b) => b.n - a.n)[0] as { n: number; s: NonNullable<Turn['textSpan']> };
  const { s } = top;
  const root = s.rootIsWrapper ? `the root "${s.rootName}" is a wrapper` : 'the root span itself (not a wrapper)';
  const share = top.n < turns.length ? ` (in ${top.n} of ${turns.length} turns; --turns shows each turn's source)` : '';
  return `span "${s.name}"${s.keys ? ` (${s.keys})` : ''}; ${root}${share}`;
}

export function analyseSession(sessionId: string, timeOrdered: readonly Trace[], spansLoaded: boolean): SessionReport {
  // Each turn reads the turns before it as sources (an order id the user gave in turn 1).
  const timeRead: Array<ReturnType<typeof readTurn>> = [];
  for (const [i, t] of timeOrdered.entries()) timeRead.push(readTurn(t, i + 1, turnsSoFar(timeRead)));
  // Each model input holds the turns before it: when the clock contradicts that order, the history's wins.
  const order = historyOrder(timeRead.map((r) => r.turn.history?.earlierMessages ?? null));
  const traces = order ? order.map((i) => timeOrdered[i] as Trace) : timeOrdered;
  // Reordered turns are renumbered, not read again: a turn's number is the only thing its position sets.
  const read = order
    ? order.map((i, k) => {
        const r = timeRead[i] as (typeof timeRead)[number];
        return { ...r, turn: { ...r.turn, n: k + 1 } };
      })
    : timeRead;
  const turns = read.map((r) => r.turn);
  markBuiltOnClaims(
    turns,
    read.map((r) => r.historyNorm),
  );
  const sessionLevel = traces.flatMap((t) => t.info.assessments.filter((a) => a.sessionLevel));
  const historyMissing = historyIsMissing(turns);
  const warnings = [...(order ? [reorderedWarning(order)] : []), ...sessionWarnings(traces, turns, spansLoaded, historyMissing)];
  const sessionAssessments = summariseAssessments(sessionLevel);
  const ranked = rankTurns(turns, historyMissing, sessionAssessments);
  return {
    sessionId,
    experimentId: traces[0]?.info.experimentId ?? null,
    turnCount: turns.length,
    users: [...new Set(traces.map((t) => t.info.userId).filter((u): u is string => !!u))],
    spansLoaded,
    sessionAssessments,
    turns,
    ...ranked,
    warnings,
    textFrom: textFromLine(turns, spansLoaded),
    historyMissing,
  };
}

/** What the reader should know before trusting the turns: in progress, unreadable or cut, verdicts out of place, history dropped. */
function sessionWarnings(traces: readonly Trace[], turns: readonly Turn[], spansLoaded: boolean, historyMissing: boolean): string[] {
  const warnings: string[] = [];
  const inProgress = turns.filter((t) => t.state === 'IN_PROGRESS').length;
  if (inProgress) warnings.push(`${inProgress} turn(s) are IN_PROGRESS: the session may still be running, or those turns are incomplete.`);
  const noText = turns.filter((t) => !t.user).length;
  if (noText) warnings.push(`${noText} turn(s) have no readable user message${spansLoaded ? '' : ' in the trace previews (run with --spans)'}.`);
  const cut = turns.filter((t) => (t.user?.text.length ?? 0) >= 997 && t.user?.text.endsWith('...')).length;
  if (cut && !spansLoaded) warnings.push(`${cut} user message(s) are MLflow previews cut at 1,000 chars; --spans reads them whole.`);
  const firstSessionAssessmentTrace = traces.findIndex((t) => t.info.assessments.some((a) => a.sessionLevel));
  if (firstSessionAssessmentTrace > 0)
    warnings.push(
      `Session-level assessments sit on turn ${firstSessionAssessmentTrace + 1}, not on the first turn: earlier turns may be missing from this session.`,
    );
  const later = turns.filter((t) => t.n > 1 && t.history);
  if (historyMissing) {
    const span = later[0]?.history?.spanName ?? 'the model span';
    const calls = later.length === turns.length - 1 ? 'every' : `${later.length} of ${turns.length - 1}`;
    warnings.push(
      `no earlier turns in the model input: history missing — from turn 2 on, ${calls} model call ("${span}") was given only the current user message`,
    );
  }
  return warnings;
}
