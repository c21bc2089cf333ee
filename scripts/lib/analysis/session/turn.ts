/**
 * One trace of a session as a turn: the user's message and the reply (from the span that carries
 * the chat when spans were read, else MLflow's trace-level previews), state, tokens, the history
 * the model was given, the turn's findings and assessments.
 */
import { parseUsageDict } from '../../trace/conventions.js';
import type { TokenUsage } from '../../trace/conventions.js';
import type { Extracted } from '../../trace/messages.js';
import { decodeValue, type Assessment, type Trace } from '../../trace/trace.js';
import { buildTree, mainRoot, type SpanTree } from '../../trace/tree.js';
import { answeredAfterFailedTool } from '../findings/kinds/answered-after-failed-tool.js';
import { collectFindings, foundKinds, itemsOf, type Findings } from '../findings/registry.js';
import { toolRecords, type EarlierTurn, type TurnRecord } from '../trace/provenance.js';
import { TraceFacts } from '../findings/trace-facts.js';
import { recordDataflow } from '../trace/dataflow.js';
import { modelHistory, type ModelHistory } from '../trace/model-history.js';
import { passageHead } from '../common/text-match.js';
import { summariseAssessments, type AssessmentSummary } from '../trace/assessments.js';
import { findErrors } from '../trace/failures.js';
import { analyseTokens } from '../trace/tokens.js';
import { locateTurn, replyProse, turnFromInfo } from '../trace/turn-io.js';

export interface Turn {
  n: number;
  traceId: string;
  requestTime: string | null;
  requestTimeMs: number | null;
  state: string;
  durationMs: number | null;
  tokens: TokenUsage | null;
  user: Extracted | null;
  reply: Extracted | null;
  /** Where the text was read: a span and its keys, or the trace's previews. */
  source: string;
  /** The span the text was read from, its keys, and whether the root is a wrapper (spans only). */
  textSpan: { name: string; keys: string; rootName: string | null; rootIsWrapper: boolean } | null;
  /** How many earlier messages the model's input held (null: spans not read, or no message list). */
  history: ModelHistory | null;
  error: string | null;
  assessments: AssessmentSummary;
  /** This turn's findings, one key per kind as health_check --json has them (spans read only; null: none). */
  findings: Findings | null;
  /** This turn's model input holds an earlier turn's success claim but not the error behind it. */
  builtOnClaim: { turn: number; claim: string; tool: string } | null;
}

/** The normalised text of what the turn's first model span was given, for the claim check. */
const HISTORY_CAP = 50_000;

/** A turn's findings (every registry kind), or null when it has none. */
function turnFindings(facts: TraceFacts): Findings | null {
  const f = collectFindings(facts);
  return foundKinds(f).length ? f : null;
}

/** What a turn reads from its spans, or from the previews alone. */
interface TurnRead {
  user: Extracted | null;
  reply: Extracted | null;
  source: string;
  textSpan: Turn['textSpan'];
  history: ModelHistory | null;
  tokens: TokenUsage | null;
  error: string | null;
  findings: Findings | null;
  /** The normalised text of the turn's model input (what markBuiltOnClaims searches). */
  historyNorm: string;
  /** Its tools' outputs: sources of the values later turns produce (spans only). */
  records: TurnRecord[];
}

/** The culprit of a failed turn, in one line. */
function culpritLine(errors: ReturnType<typeof findErrors>): string | null {
  const c = errors.culprits[0];
  if (!c) return null;
  return `${c.name}: ${c.exception ? `${c.exception.type}: ${c.exception.message}` : c.statusMessage}`;
}

/** `tokens`: MLflow's own roll-up; the spans' sum is counted only when it is absent. */
function readSpans(trace: Trace, tree: SpanTree, tokens: TokenUsage | null, earlier: readonly EarlierTurn[]): TurnRead {
  const io = locateTurn(trace, tree);
  const root = mainRoot(tree);
  const keys = [io.inputs?.key, io.outputs?.key].filter(Boolean).join(' / ');
  const errors = findErrors(tree);
  const flow = recordDataflow(tree);
  const reply = replyProse(io);
  return {
    user: io.user,
    reply: io.reply,
    source: io.source,
    textSpan: io.spanName ? { name: io.spanName, keys, rootName: root?.span.name ?? null, rootIsWrapper: io.rootIsWrapper } : null,
    history: modelHistory(tree, io.spanId ? (tree.byId.get(io.spanId) ?? null) : null),
    tokens: tokens ?? analyseTokens(trace, tree).total,
    error: culpritLine(errors),
    findings: turnFindings(new TraceFacts(trace, tree, { errors, flow, reply, earlier })),
    historyNorm: flow.models[0]?.model?.norm.slice(0, HISTORY_CAP) ?? '',
    records: toolRecords(flow),
  };
}

function readPreviews(trace: Trace, tokens: TokenUsage | null): TurnRead {
  const { user, reply } = turnFromInfo(trace.info);
  const source = 'trace previews (request_preview / response_preview)';
  return { user, reply, source, textSpan: null, history: null, tokens, error: null, findings: null, historyNorm: '', records: [] };
}

export function buildTurn(trace: Trace, n: number): Turn {
  return readTurn(trace, n).turn;
}

/** `earlier`: the session's turns before this one, sources of the values its model produced. */
export function readTurn(trace: Trace, n: number, earlier: readonly EarlierTurn[] = []): { turn: Turn; historyNorm: string; records: TurnRecord[] } {
  const info = trace.info;
  const tokens = parseUsageDict(decodeValue(info.metadata['mlflow.trace.tokenUsage']));
  const r = trace.spans.length ? readSpans(trace, buildTree(trace.spans), tokens, earlier) : readPreviews(trace, tokens);
  const turn: Turn = {
    n,
    traceId: info.traceId,
    requestTime: info.requestTimeMs === null ? null : new Date(info.requestTimeMs).toISOString(),
    requestTimeMs: info.requestTimeMs,
    state: info.state,
    durationMs: info.durationMs,
    tokens: r.tokens,
    user: r.user,
    reply: r.reply,
    source: r.source,
    textSpan: r.textSpan,
    history: r.history,
    error: r.error,
    assessments: summariseAssessments(info.assessments.filter((a: Assessment) => !a.sessionLevel)),
    findings: r.findings,
    builtOnClaim: null,
  };
  return { turn, historyNorm: r.historyNorm, records: r.records };
}

/** The model's success claim after a failed tool, if this turn's findings hold one. */
export const claimOf = (t: Turn): string | null =>
  (t.findings ? itemsOf(t.findings, answeredAfterFailedTool).find((f) => f.successClaim)?.successClaim : null) ?? null;

/**
 * Later turns whose model input holds an earlier turn's success claim (its text) but not the
 * error of the tool that failed: the conversation now builds on a false "done".
 */
export function markBuiltOnClaims(turns: Turn[], histories: readonly string[]): void {
  for (const t of turns) {
    const claim = t.findings ? itemsOf(t.findings, answeredAfterFailedTool).find((f) => f.successClaim) : undefined;
    if (!claim?.successClaim) continue;
    // The reply as the next turns' history holds it (the claim sentence alone may be "Done!").
    const claimNorm = passageHead(t.reply?.text ?? claim.successClaim, 80);
    const errorNorm = passageHead(claim.error, 60, 300);
    if (claimNorm.length < 12) continue;
    for (const later of turns) {
      if (later.n <= t.n || later.builtOnClaim) continue;
      const h = histories[later.n - 1] ?? '';
      if (h.includes(claimNorm) && !(errorNorm && h.includes(errorNorm))) later.builtOnClaim = { turn: t.n, claim: claim.successClaim, tool: claim.toolRef };
    }
  }
}

/** Turns whose text could not be read from trace-level fields: a reason to fetch spans. */
export const needsSpans = (turns: readonly Turn[]): boolean =>
  turns.some((t) => !t.user || t.user.shape === 'json' || (!t.reply && t.state !== 'ERROR') || t.reply?.shape === 'json');
