/**
 * discover_schema's findings: on the session's first trace, which span and which attribute keys
 * hold the user's message and the reply, under which convention and in which shape; whether
 * trace-level previews hold the same text (then a transcript needs no spans); and the first
 * trace's assessments, session-level apart from per-turn.
 */
import { ioKeysPresent, spanType } from '../../trace/conventions.js';
import type { Trace } from '../../trace/trace.js';
import { buildTree, mainRoot } from '../../trace/tree.js';
import { summariseAssessments, type AssessmentSummary } from '../trace/assessments.js';
import { locateTurn, turnFromInfo, type TurnIO } from '../trace/turn-io.js';

export interface SchemaReport {
  sessionId: string;
  experimentId: string | null;
  firstTraceId: string;
  firstRequestTime: string | null;
  root: { spanId: string; name: string; type: string | null; attributeKeys: string[] } | null;
  turn: TurnIO;
  /** Trace-level previews give the same text: session_transcript can skip spans. */
  previewsSuffice: boolean;
  previews: { user: string | null; reply: string | null };
  sessionAssessments: AssessmentSummary;
  turnAssessments: AssessmentSummary;
  tracesSeen: number;
  /** All input / output keys on the turn's span, e.g. MLflow's copy and the OTel original. */
  inputKeys: Array<{ key: string; convention: string }>;
  outputKeys: Array<{ key: string; convention: string }>;
}

const norm = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

export function discoverSchema(sessionId: string, traces: readonly Trace[]): SchemaReport {
  const first = traces[0] as Trace;
  const tree = buildTree(first.spans);
  const root = mainRoot(tree);
  const turn = locateTurn(first, tree);
  const turnSpan = turn.spanId ? tree.byId.get(turn.spanId)?.span : undefined;
  const p = turnFromInfo(first.info);
  const previewsSuffice =
    !!p.user &&
    p.user.shape !== 'json' &&
    norm(p.user.text) === norm(turn.user?.text) &&
    (!turn.reply || (!!p.reply && norm(p.reply.text) === norm(turn.reply.text)));
  return {
    sessionId,
    experimentId: first.info.experimentId,
    firstTraceId: first.info.traceId,
    firstRequestTime: first.info.requestTimeMs === null ? null : new Date(first.info.requestTimeMs).toISOString(),
    root: root ? { spanId: root.span.id, name: root.span.name, type: spanType(root.span), attributeKeys: Object.keys(root.span.rawAttributes) } : null,
    turn,
    previewsSuffice,
    previews: { user: p.user?.text ?? null, reply: p.reply?.text ?? null },
    sessionAssessments: summariseAssessments(
      first.info.assessments.filter((a) => a.sessionLevel),
      tree,
    ),
    turnAssessments: summariseAssessments(
      first.info.assessments.filter((a) => !a.sessionLevel),
      tree,
    ),
    tracesSeen: traces.length,
    inputKeys: turnSpan ? ioKeysPresent(turnSpan, 'in') : [],
    outputKeys: turnSpan ? ioKeysPresent(turnSpan, 'out') : [],
  };
}
