/**
 * A session's turns before one trace, as sources of the values its model produced: what the user
 * wrote there and what the reply said (from spans, else MLflow's previews), in time order, the
 * nearest EARLIER_MAX of them (a long chat's first turns are rarely where a value comes from).
 */
import type { Trace } from '../../trace/trace.js';
import { buildTree } from '../../trace/tree.js';
import type { EarlierTurn } from '../trace/provenance.js';
import { locateTurn, turnFromInfo } from '../trace/turn-io.js';

export const EARLIER_MAX = 30;

/** A turn's user message and reply as text. */
export function turnTexts(t: Trace): { user: string | null; reply: string | null } {
  const io = t.spans.length ? locateTurn(t, buildTree(t.spans)) : turnFromInfo(t.info);
  return { user: io.user?.text ?? null, reply: io.reply?.text ?? null };
}

/** The session's traces (any order) that started before `current`, numbered from 1 in time order. */
export function earlierTurns(traces: readonly Trace[], current: Trace): EarlierTurn[] {
  const at = current.info.requestTimeMs ?? Number.POSITIVE_INFINITY;
  const before = traces
    .filter((t) => t.info.traceId !== current.info.traceId && (t.info.requestTimeMs ?? Number.POSITIVE_INFINITY) < at)
    .sort((a, b) => (a.info.requestTimeMs ?? 0) - (b.info.requestTimeMs ?? 0));
  const numbered = before.map((t, i) => ({ n: i + 1, traceId: t.info.traceId, t }));
  return numbered.slice(-EARLIER_MAX).map(({ n, traceId, t }) => ({ n, traceId, ...turnTexts(t) }));
}

/** The earlier turns of a session read in order, from the turns already read (session_transcript's own reading). */
export function turnsSoFar(read: ReadonlyArray<{ n: number; traceId: string; user: { text: string } | null; reply: { text: string } | null }>): EarlierTurn[] {
  return read.slice(-EARLIER_MAX).map((t) => ({ n: t.n, traceId: t.traceId, user: t.user?.text ?? null, reply: t.reply?.text ?? null }));
}
