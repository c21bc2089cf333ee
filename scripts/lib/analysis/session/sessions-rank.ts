/**
 * Every session of a window, ranked by evidence that it went wrong: each read as session_transcript
 * reads one (analyseSession: turn verdicts, failed tools, claims, the conversation's own words,
 * session-level verdicts), summed into a score, with the turn to open first.
 */
import type { Trace } from '../../trace/trace.js';
import { answeredAfterFailedTool } from '../findings/kinds/answered-after-failed-tool.js';
import { foundKinds, itemsOf } from '../findings/registry.js';
import { analyseSession, type SessionReport } from './session.js';
import { conversationSignals, SIGNAL_WORDS } from './signals.js';

export interface SessionRow {
  sessionId: string;
  turns: number;
  first: string | null;
  last: string | null;
  users: string[];
  score: number;
  /** Evidence kinds in words, with counts: "negative verdicts (LLM_JUDGE 1, HUMAN 0)", "doubted a result". */
  evidence: string[];
  /** Negative and positive verdicts by source, turn-level and session-level together. */
  verdicts: Record<string, { negative: number; positive: number }>;
  openTurn: number | null;
  openTrace: string | null;
  /** The strongest reasons, as session_transcript prints them. */
  reasons: string[];
}

export interface SessionsReport {
  sessions: number;
  traces: number;
  noSession: number;
  /** Sessions with evidence (score ≥ STRONG), worst first. */
  ranked: SessionRow[];
  fine: number;
  /** The sessions with no evidence, in the order read: "which ones are fine?" needs their ids. */
  fineIds: string[];
  /** The same sessions with their users, turns and times (--json: "whose were they?" without a transcript each, trial t39c). */
  fineSessions: Array<Pick<SessionRow, 'sessionId' | 'users' | 'turns' | 'first' | 'last'>>;
  singleTurn: number;
  /** Multi-turn sessions, and those whose model inputs held no earlier turn: one app-wide cause when they are all. */
  multiTurn: number;
  historyLost: number;
}

/** A session with at least this much evidence is listed as gone wrong (one verdict, one push-back). */
export const STRONG = 3;

function verdictsBySource(r: SessionReport): SessionRow['verdicts'] {
  const out: SessionRow['verdicts'] = {};
  const all = [...r.sessionAssessments.verdicts, ...r.turns.flatMap((t) => t.assessments.verdicts)];
  for (const v of all) {
    const s = v.sourceType.replace(/^SOURCE_TYPE_/, '');
    const c = out[s] ?? { negative: 0, positive: 0 };
    if (v.polarity === 'negative') c.negative++;
    if (v.polarity === 'positive') c.positive++;
    out[s] = c;
  }
  return out;
}

function evidenceOf(r: SessionReport, verdicts: SessionRow['verdicts']): string[] {
  const ev: string[] = [];
  const neg = Object.entries(verdicts).filter(([, c]) => c.negative);
  if (neg.length) {
    const sessionNeg = r.sessionAssessments.verdicts.filter((v) => v.polarity === 'negative').map((v) => v.name);
    ev.push(
      `negative verdicts ${neg.map(([s, c]) => `${s} ${c.negative}`).join(', ')}${sessionNeg.length ? ` (session-level: ${sessionNeg.join(', ')})` : ''}`,
    );
  }
  const failed = r.turns.flatMap((t) => (t.findings ? itemsOf(t.findings, answeredAfterFailedTool) : []));
  if (failed.length)
    ev.push(`failed tool ${[...new Set(failed.map((f) => f.toolRef))].join(', ')}${failed.some((f) => f.successClaim) ? ', reply claimed success' : ''}`);
  const errors = r.turns.filter((t) => t.state === 'ERROR').length;
  if (errors) ev.push(`${errors} turn${errors > 1 ? 's' : ''} in ERROR`);
  const kinds = new Map<string, number>();
  const signals = conversationSignals(
    r.turns.map((t) => ({ n: t.n, user: t.user?.text ?? null, reply: t.reply?.text ?? null, state: t.state, requestTimeMs: t.requestTimeMs })),
  );
  for (const s of signals) kinds.set(SIGNAL_WORDS[s.kind], (kinds.get(SIGNAL_WORDS[s.kind]) ?? 0) + 1);
  for (const [k, c] of kinds) ev.push(c > 1 ? `${k} ×${c}` : k);
  ev.push(...findingWords(r));
  if (r.historyMissing) ev.push('history lost (no earlier turn in the model input)');
  return ev;
}

/** health_check's findings that no evidence line above says, in words, with the turns holding them. */
const FINDING_WORDS: Readonly<Record<string, string>> = {
  argumentNotFromConversation: 'tool argument not from the conversation',
  replyContradictsSources: 'reply contradicts a source',
  sourcesDisagree: 'sources disagree',
  loopOrStop: 'a loop or a stop',
  grounding: 'a fact no source holds',
  truncation: 'an output cut at its token limit',
  retrieval: 'a document that never reached the prompt',
};

function findingWords(r: SessionReport): string[] {
  const turnsOf = new Map<string, number[]>();
  for (const t of r.turns)
    for (const { kind } of t.findings ? foundKinds(t.findings) : [])
      if (FINDING_WORDS[kind.kind]) turnsOf.set(kind.kind, [...(turnsOf.get(kind.kind) ?? []), t.n]);
  return [...turnsOf].map(([k, ns]) => `${FINDING_WORDS[k]} (turn${ns.length > 1 ? 's' : ''} ${ns.join(', ')})`);
}

const isoTime = (ms: number | null | undefined): string | null => (ms == null ? null : new Date(ms).toISOString());

/** `seen`: each session as read, for a caller that needs more of it than the ranking keeps (--grep). */
export function rankSessions(traces: readonly Trace[], spansLoaded: boolean, seen?: (r: SessionReport, traces: readonly Trace[]) => void): SessionsReport {
  const bySession = new Map<string, Trace[]>();
  let noSession = 0;
  for (const t of traces) {
    const s = t.info.sessionId;
    if (!s) {
      noSession++;
      continue;
    }
    const list = bySession.get(s) ?? [];
    list.push(t);
    bySession.set(s, list);
  }
  const rows: SessionRow[] = [];
  let singleTurn = 0;
  let historyLost = 0;
  for (const [sid, list] of bySession) {
    list.sort((a, b) => (a.info.requestTimeMs ?? 0) - (b.info.requestTimeMs ?? 0));
    if (list.length === 1) singleTurn++;
    const r = analyseSession(sid, list, spansLoaded);
    seen?.(r, list);
    if (r.historyMissing) historyLost++;
    const score = r.suspects.reduce((s, x) => s + x.score, 0);
    const top = r.suspects[0];
    const open = r.firstBadTurn ?? top?.turn ?? null;
    const verdicts = verdictsBySource(r);
    rows.push({
      sessionId: sid,
      turns: r.turnCount,
      // The clock's first and last: turns in conversation order may run against it.
      first: isoTime(list[0]?.info.requestTimeMs),
      last: isoTime(list.at(-1)?.info.requestTimeMs),
      users: r.users,
      score,
      evidence: evidenceOf(r, verdicts),
      verdicts,
      openTurn: open,
      openTrace: open === null ? null : (r.turns[open - 1]?.traceId ?? null),
      reasons: r.suspects.flatMap((s) => s.reasons.map((x) => `turn ${s.turn}: ${x}`)).slice(0, 4),
    });
  }
  const strong = rows.filter((r) => r.score >= STRONG && r.evidence.length);
  strong.sort((a, b) => b.score - a.score || (b.last ?? '').localeCompare(a.last ?? ''));
  const fineRows = rows.filter((r) => !strong.includes(r));
  const fineIds = fineRows.map((r) => r.sessionId);
  const fineSessions = fineRows.map(({ sessionId, users, turns, first, last }) => ({ sessionId, users, turns, first, last }));
  const multiTurn = rows.length - singleTurn;
  const fine = fineIds.length;
  return { sessions: rows.length, traces: traces.length, noSession, ranked: strong, fine, fineIds, fineSessions, singleTurn, multiTurn, historyLost };
}
