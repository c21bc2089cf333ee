/**
 * A session's turns before one trace, as sources of the values its model produced: what the user
 * wrote there, what the reply said (from spans, else MLflow's previews) and, when its spans were
 * read, what its tools returned; in time order, the
 * nearest EARLIER_MAX of them (a long chat's first turns are rarely where a value comes from).
 */
import type { Trace } from '../../trace/trace.js';
import { buildTree } from '../../trace/tree.js';
import { recordDataflow, type Dataflow } from '../trace/dataflow.js';
import { toolRecords, type EarlierTurn, type TurnRecord } from '../trace/provenance.js';
import { locateTurn, turnFromInfo, type TurnIO } from '../trace/turn-io.js';

export const EARLIER_MAX = 30;
/** Of those, the nearest this many are read with spans for their tools' outputs (a value reused later comes from the last few). */
export const RECORD_TURNS = 8;

export type TurnTexts = Omit<EarlierTurn, 'n' | 'traceId'>;

/** A turn read with spans, from what its reader already located and recorded: its texts and its tools' outputs. */
export function spanTurnTexts(io: TurnIO, flow: Dataflow): TurnTexts {
  const tools = toolRecords(flow);
  return { user: io.user?.text ?? null, reply: io.reply?.text ?? null, ...(tools.length ? { tools } : {}) };
}

/** A turn's user message and reply as text, and its tools' outputs when its spans were read. */
export function turnTexts(t: Trace): TurnTexts {
  if (!t.spans.length) {
    const io = turnFromInfo(t.info);
    return { user: io.user?.text ?? null, reply: io.reply?.text ?? null };
  }
  const tree = buildTree(t.spans);
  return spanTurnTexts(locateTurn(t, tree), recordDataflow(tree));
}

/**
 * The session's traces (any order) that started before `current`, numbered from 1 in time order.
 * `read`: turns whose spans were read elsewhere (triage keeps their texts, not their spans), by trace id.
 */
export function earlierTurns(traces: readonly Trace[], current: Trace, read?: ReadonlyMap<string, TurnTexts>): EarlierTurn[] {
  const at = current.info.requestTimeMs ?? Number.POSITIVE_INFINITY;
  const before = traces
    .filter((t) => t.info.traceId !== current.info.traceId && (t.info.requestTimeMs ?? Number.POSITIVE_INFINITY) < at)
    .sort((a, b) => (a.info.requestTimeMs ?? 0) - (b.info.requestTimeMs ?? 0));
  const numbered = before.map((t, i) => ({ n: i + 1, traceId: t.info.traceId, t }));
  const kept = numbered.slice(-EARLIER_MAX);
  return kept.map(({ n, traceId, t }, i) => {
    const near = i >= kept.length - RECORD_TURNS;
    return { n, traceId, ...((near && read?.get(traceId)) || turnTexts(near ? t : { ...t, spans: [] })) };
  });
}

interface ReadTurn {
  turn: { n: number; traceId: string; user: { text: string } | null; reply: { text: string } | null };
  records?: readonly TurnRecord[];
}

/** The earlier turns of a session read in order, from the turns already read (session_transcript's own reading). */
export function turnsSoFar(read: readonly ReadTurn[]): EarlierTurn[] {
  return read.slice(-EARLIER_MAX).map(({ turn: t, records }) => ({
    n: t.n,
    traceId: t.traceId,
    user: t.user?.text ?? null,
    reply: t.reply?.text ?? null,
    ...(records?.length ? { tools: records } : {}),
  }));
}
