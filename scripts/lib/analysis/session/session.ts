/**
 * A chat session as turns, and where it went wrong. Each trace of the session is one turn; its
 * text comes from the span that carries the chat (when spans were fetched) or from MLflow's
 * trace-level previews. Turns are then ranked by evidence, and the earliest suspect is named
 * with the reminder that a visible failure is often caused a turn or two before.
 */
import { historyOrder, reorderedWarning } from './turn-order.js';
import { parseUsageDict, type TokenUsage } from '../../trace/conventions.js';
import type { Extracted } from '../../trace/messages.js';
import { decodeValue, type Assessment, type Trace } from '../../trace/trace.js';
import { buildTree, mainRoot } from '../../trace/tree.js';
import type { AnyKind } from '../findings/finding-kind.js';
import { answeredAfterFailedTool } from '../findings/kinds/answered-after-failed-tool.js';
import { collectFindings, foundKinds, itemsOf, type Findings } from '../findings/registry.js';
import { TraceFacts } from '../findings/trace-facts.js';
import { recordDataflow } from '../trace/dataflow.js';
import { modelHistory, type ModelHistory } from '../trace/model-history.js';
import { passageHead } from '../common/text-match.js';
import { summariseAssessments, type AssessmentSummary } from '../trace/assessments.js';
import { findErrors } from '../trace/failures.js';
import { analyseTokens } from '../trace/tokens.js';
import { locateTurn, turnFromInfo } from '../trace/turn-io.js';
import { conversationSignals } from './signals.js';
import { sessionVerdictSignals } from './session-verdicts.js';

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

/** Sessions up to this many turns are read with their spans by default (one search call holds them). */
export const SPANS_BY_DEFAULT_MAX_TURNS = 200;

export interface Suspect {
  turn: number;
  traceId: string;
  score: number;
  reasons: string[];
}

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

const median = (xs: number[]): number => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

/** The normalised text of what the turn's first model span was given, for the claim check. */
const HISTORY_CAP = 50_000;

/** A turn's findings (every registry kind), or null when it has none. */
function turnFindings(facts: TraceFacts): Findings | null {
  const f = collectFindings(facts);
  return foundKinds(f).length ? f : null;
}

/** What a kind says in the ranking's reasons. */
const reasonOf = (kind: AnyKind, item: unknown): string => kind.turnReason?.(item) ?? kind.turnLine?.(item) ?? kind.line(item);

export function buildTurn(trace: Trace, n: number): Turn {
  return readTurn(trace, n).turn;
}

function readTurn(trace: Trace, n: number): { turn: Turn; historyNorm: string } {
  const info = trace.info;
  const perTurn = info.assessments.filter((a: Assessment) => !a.sessionLevel);
  let text: { user: Extracted | null; reply: Extracted | null; source: string };
  let tokens = parseUsageDict(decodeValue(info.metadata['mlflow.trace.tokenUsage']));
  let error: string | null = null;
  let textSpan: Turn['textSpan'] = null;
  let history: ModelHistory | null = null;
  let findings: Findings | null = null;
  let historyNorm = '';
  if (trace.spans.length) {
    const tree = buildTree(trace.spans);
    const io = locateTurn(trace, tree);
    text = { user: io.user, reply: io.reply, source: io.source };
    const root = mainRoot(tree);
    if (io.spanName)
      textSpan = {
        name: io.spanName,
        keys: [io.inputs?.key, io.outputs?.key].filter(Boolean).join(' / '),
        rootName: root?.span.name ?? null,
        rootIsWrapper: io.rootIsWrapper,
      };
    history = modelHistory(tree, io.spanId ? (tree.byId.get(io.spanId) ?? null) : null);
    tokens ??= analyseTokens(trace, tree).total;
    const errors = findErrors(tree);
    const culprit = errors.culprits[0];
    if (culprit) error = `${culprit.name}: ${culprit.exception ? `${culprit.exception.type}: ${culprit.exception.message}` : culprit.statusMessage}`;
    const flow = recordDataflow(tree);
    findings = turnFindings(new TraceFacts(trace, tree, { errors, flow, reply: io.reply && io.reply.shape !== 'json' ? io.reply.text : null }));
    historyNorm = flow.models[0]?.model?.norm.slice(0, HISTORY_CAP) ?? '';
  } else {
    const t = turnFromInfo(info);
    text = { ...t, source: 'trace previews (request_preview / response_preview)' };
  }
  const turn: Turn = {
    n,
    traceId: info.traceId,
    requestTime: info.requestTimeMs === null ? null : new Date(info.requestTimeMs).toISOString(),
    requestTimeMs: info.requestTimeMs,
    state: info.state,
    durationMs: info.durationMs,
    tokens,
    user: text.user,
    reply: text.reply,
    source: text.source,
    textSpan,
    history,
    error,
    assessments: summariseAssessments(perTurn),
    findings,
    builtOnClaim: null,
  };
  return { turn, historyNorm };
}

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

const CORRECTION_WORDS = [
  "that'?s (wrong|not right|incorrect)|not what i|incorrect|you said|why did you|i already (said|told)|still (not|wrong|doesn'?t)",
  String.raw`doesn'?t work|didn'?t work|wrong|no,|actually,?|i meant|that is not|useless|frustrat|again\?`,
];
const CORRECTION = new RegExp(String.raw`\b(${CORRECTION_WORDS.join('|')})|\?\?|!!`, 'i');
const STOP = new Set(
  [
    'a an the i you me my your is are was were be to of in on at for and or but it this that what why how did do does say said',
    'can could would will please not no yes so then than as with from by',
  ]
    .join(' ')
    .split(' '),
);
const words = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s'-]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);

/** Word overlap of two user messages; 0 when they name different numbers (a new question). */
function similarity(a: string, b: string): number {
  const A = new Set(words(a).filter((w) => !STOP.has(w)));
  const B = new Set(words(b).filter((w) => !STOP.has(w)));
  if (A.size < 2 || B.size < 2) return 0;
  const numbers = (S: Set<string>) =>
    [...S]
      .filter((w) => /\d/.test(w))
      .sort()
      .join(' ');
  if (numbers(A) !== numbers(B)) return 0;
  let inter = 0;
  for (const w of A) if (B.has(w)) inter++;
  return inter / (A.size + B.size - inter);
}

/** Word pairs from a correction, at least one of them meaningful: "3 pm", "check-out is". */
function bigrams(s: string): string[] {
  const w = words(s);
  const out: string[] = [];
  for (let i = 0; i + 1 < w.length; i++) {
    const pair = [w[i] as string, w[i + 1] as string];
    if (pair.some((x) => !STOP.has(x) && (x.length > 2 || /\d/.test(x)))) out.push(pair.join(' '));
  }
  return out;
}

const clipText = (s: string, n = 80) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** "turn 1", "turns 1–2": the one or two turns before the first strong signal. */
function earlierTurns(firstBad: number): string {
  const from = Math.max(1, firstBad - 2);
  const to = firstBad - 1;
  return from === to ? `turn ${to}` : `turns ${from}–${to}`;
}

const REPEATED_CLAIM = new RegExp(
  String.raw`\b(repeat\w*|again|earlier|previous(?:ly)?|still|already|prior)\b[^.]{0,80}\b(claim\w*|said|stated|told|assert\w*|confirm\w*)\b` +
    String.raw`|\b(false|incorrect|wrong|untrue) (claim|statement|confirmation)`,
  'i',
);

/**
 * No earlier turn in any model input of turns 2…n: the app drops the history. Not when the first
 * turn read already carries history: the app sends it, and the turns read are out of time order
 * or start mid-conversation (MLflow's demo sessions do this).
 */
export function historyIsMissing(turns: readonly Turn[]): boolean {
  const later = turns.filter((t) => t.n > 1 && t.history);
  if (turns.length < 2 || !later.length || (turns[0]?.history?.earlierMessages ?? 0) > 0) return false;
  return later.every((t) => t.history?.earlierMessages === 0);
}

export function rankTurns(
  turns: readonly Turn[],
  historyMissing = historyIsMissing(turns),
  sessionVerdicts: AssessmentSummary | null = null,
): { suspects: Suspect[]; firstBadTurn: number | null; advice: string | null } {
  const score = new Map<number, Suspect>();
  const flag = (t: Turn, points: number, reason: string) => {
    const s = score.get(t.n) ?? { turn: t.n, traceId: t.traceId, score: 0, reasons: [] };
    s.score += points;
    s.reasons.push(reason);
    score.set(t.n, s);
  };
  const durations = turns.map((t) => t.durationMs).filter((d): d is number => d !== null);
  const medDur = median(durations);
  const totals = turns.map((t) => t.tokens?.total).filter((d): d is number => typeof d === 'number');
  const medTok = median(totals);
  const gaps = turns.slice(1).map((t, i) => (t.requestTimeMs ?? 0) - ((turns[i] as Turn).requestTimeMs ?? 0));
  const medGap = median(gaps);
  // Each reply's words, normalised once: corrections search every earlier reply for a quote.
  const replyWords = turns.map((t) => (t.reply ? words(t.reply.text).join(' ') : ''));

  const claimTurn = turns.find((t) => t.findings && itemsOf(t.findings, answeredAfterFailedTool).some((f) => f.successClaim));
  turns.forEach((t, i) => {
    const prev = turns[i - 1];
    for (const v of t.assessments.verdicts) {
      if (v.polarity === 'negative')
        flag(t, 5, `negative verdict ${v.name} = ${JSON.stringify(v.value)}${v.rationale ? `: ${clipText(v.rationale, 160)}` : ''}`);
      // A judge that speaks of repeating an earlier false claim points at the turn that made it.
      if (v.polarity === 'negative' && v.rationale && REPEATED_CLAIM.test(v.rationale) && claimTurn && claimTurn.n < t.n) {
        flag(claimTurn, 3, `turn ${t.n}'s judge speaks of repeating an earlier claim: it was first made here`);
      }
    }
    // Every finding kind weighs in as the registry says (0: shown in the turn, not ranked).
    for (const { kind, items } of t.findings ? foundKinds(t.findings) : []) {
      for (const item of items) {
        const points = kind.turnWeight(item);
        if (points > 0) flag(t, points, reasonOf(kind, item));
      }
    }
    if (t.builtOnClaim) {
      const { turn, claim, tool } = t.builtOnClaim;
      flag(t, 2, `its model input holds turn ${turn}'s claim "${clipText(claim, 100)}" but not the error of ${tool}: it builds on a false "done"`);
    }
    if (historyMissing && t.n > 1 && t.history?.earlierMessages === 0) flag(t, 1, 'history missing: the model input held no earlier turn');
    if (t.state === 'ERROR') flag(t, 4, `state ERROR${t.error ? ` (${clipText(t.error, 140)})` : ''}`);
    if (t.state === 'IN_PROGRESS') flag(t, 1, 'still IN_PROGRESS (never finished?)');
    const userText = t.user?.text ?? '';
    if (prev && userText && CORRECTION.test(userText)) {
      flag(prev, 3, `the next user message (turn ${t.n}) corrects or pushes back: "${clipText(userText)}"`);
      flag(t, 1, 'the user corrects or pushes back in this turn');
      // The disputed claim may come from further back: find the earliest reply it quotes.
      const pairs = bigrams(userText);
      for (let j = 0; j < i - 1; j++) {
        const quoted = pairs.find((p) => replyWords[j]?.includes(p));
        if (quoted) {
          flag(turns[j] as Turn, 3, `turn ${t.n}'s correction refers to this reply ("${quoted}")`);
          break;
        }
      }
    }
    if (prev?.user && userText && similarity(prev.user.text, userText) >= 0.6) flag(prev, 2, `the user asks again at turn ${t.n} (rephrased or repeated)`);
    if (t.durationMs !== null && turns.length >= 4 && medDur > 0 && t.durationMs > 2.5 * medDur)
      flag(t, 1, `latency outlier: ${Math.round(t.durationMs)} ms vs median ${Math.round(medDur)} ms`);
    const tot = t.tokens?.total;
    if (typeof tot === 'number' && turns.length >= 4 && medTok > 0 && tot > 2.5 * medTok) flag(t, 1, `token outlier: ${tot} vs median ${Math.round(medTok)}`);
    const pin = prev?.tokens?.input;
    const tin = t.tokens?.input;
    if (typeof pin === 'number' && typeof tin === 'number' && pin > 0 && tin > 2 * pin && tin - pin > 500)
      flag(t, 1, `context grew from ${pin} to ${tin} input tokens`);
    const gap = i > 0 ? gaps[i - 1] : undefined;
    if (gap !== undefined && turns.length >= 4 && gap > 5 * 60_000 && gap > 5 * medGap)
      flag(t, 1, `long pause before this turn (${Math.round(gap / 60_000)} min)`);
  });

  // The conversation's own words (signals.ts); a push-back the check above already read is not counted twice.
  for (const s of conversationSignals(
    turns.map((t) => ({ n: t.n, user: t.user?.text ?? null, reply: t.reply?.text ?? null, state: t.state, requestTimeMs: t.requestTimeMs })),
  )) {
    const userText = turns[s.turn - 1]?.user?.text ?? '';
    if ((s.kind === 'correction' || s.kind === 'repeat-question') && CORRECTION.test(userText)) continue;
    const t = turns[s.blames - 1];
    if (t) flag(t, s.points, s.reason);
  }
  for (const s of sessionVerdictSignals(sessionVerdicts, [...score.values()], turns.at(-1) ?? null)) {
    const t = turns[s.turn - 1];
    if (t) flag(t, s.points, s.reason);
  }

  const suspects = [...score.values()].sort((a, b) => b.score - a.score || a.turn - b.turn);
  const strong = suspects.filter((s) => s.score >= 3);
  const firstBadTurn = strong.length ? Math.min(...strong.map((s) => s.turn)) : null;
  const readEarlier = (n: number) => (n > 1 ? ` Read ${earlierTurns(n)} too: a wrong fact the user did not challenge often causes a failure turns later.` : '');
  const advice = firstBadTurn === null ? null : `The earliest strong signal is turn ${firstBadTurn}.${readEarlier(firstBadTurn)}`;
  return { suspects, firstBadTurn, advice };
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
  let traces = timeOrdered;
  let read = traces.map((t, i) => readTurn(t, i + 1));
  const warnings: string[] = [];
  const order = historyOrder(read.map((r) => r.turn.history?.earlierMessages ?? null));
  if (order) {
    traces = order.map((i) => timeOrdered[i] as Trace);
    read = traces.map((t, i) => readTurn(t, i + 1));
    warnings.push(reorderedWarning(order));
  }
  const turns = read.map((r) => r.turn);
  markBuiltOnClaims(
    turns,
    read.map((r) => r.historyNorm),
  );
  const sessionLevel = traces.flatMap((t) => t.info.assessments.filter((a) => a.sessionLevel));
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
  const historyMissing = historyIsMissing(turns);
  if (historyMissing) {
    const span = later[0]?.history?.spanName ?? 'the model span';
    const calls = later.length === turns.length - 1 ? 'every' : `${later.length} of ${turns.length - 1}`;
    warnings.push(
      `no earlier turns in the model input: history missing — from turn 2 on, ${calls} model call ("${span}") was given only the current user message`,
    );
  }
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
