/**
 * A session's turns ranked by evidence of where the conversation went wrong: negative verdicts,
 * findings (weighted as the registry says), errors, push-back and repeated questions, outliers,
 * the conversation's own signals and the session-level verdicts. The earliest strong suspect is
 * named with the reminder that a visible failure is often caused a turn or two before.
 */
import type { AnyKind } from '../findings/finding-kind.js';
import { answeredAfterFailedTool } from '../findings/kinds/answered-after-failed-tool.js';
import { foundKinds, itemsOf } from '../findings/registry.js';
import type { AssessmentSummary } from '../trace/assessments.js';
import { sessionVerdictSignals } from './session-verdicts.js';
import { conversationSignals } from './signals.js';
import type { Turn } from './turn.js';

export interface Suspect {
  turn: number;
  traceId: string;
  score: number;
  reasons: string[];
}

export interface Ranking {
  suspects: Suspect[];
  /** The earliest strong suspect, and the advice to look before it. */
  firstBadTurn: number | null;
  advice: string | null;
}

const median = (xs: number[]): number => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

/** What a kind says in the ranking's reasons. */
const reasonOf = (kind: AnyKind, item: unknown): string => kind.turnReason?.(item) ?? kind.turnLine?.(item) ?? kind.line(item);

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

/** Points and reasons per turn, as the evidence is read. */
class Scores {
  private readonly byTurn = new Map<number, Suspect>();
  flag(t: Turn, points: number, reason: string): void {
    const s = this.byTurn.get(t.n) ?? { turn: t.n, traceId: t.traceId, score: 0, reasons: [] };
    s.score += points;
    s.reasons.push(reason);
    this.byTurn.set(t.n, s);
  }
  flagTurn(turns: readonly Turn[], n: number, points: number, reason: string): void {
    const t = turns[n - 1];
    if (t) this.flag(t, points, reason);
  }
  suspects(): Suspect[] {
    return [...this.byTurn.values()];
  }
}

/** What every turn is measured against: medians of duration, tokens and the pause before it. */
interface SessionNorms {
  durationMs: number;
  tokens: number;
  gaps: number[];
  gapMs: number;
  /** Each reply's words, normalised once: corrections search every earlier reply for a quote. */
  replyWords: string[];
  /** The turn whose reply claimed success after a failed tool, if any. */
  claimTurn: Turn | undefined;
  historyMissing: boolean;
}

function sessionNorms(turns: readonly Turn[], historyMissing: boolean): SessionNorms {
  const gaps = turns.slice(1).map((t, i) => (t.requestTimeMs ?? 0) - ((turns[i] as Turn).requestTimeMs ?? 0));
  return {
    durationMs: median(turns.map((t) => t.durationMs).filter((d): d is number => d !== null)),
    tokens: median(turns.map((t) => t.tokens?.total).filter((d): d is number => typeof d === 'number')),
    gaps,
    gapMs: median(gaps),
    replyWords: turns.map((t) => (t.reply ? words(t.reply.text).join(' ') : '')),
    claimTurn: turns.find((t) => t.findings && itemsOf(t.findings, answeredAfterFailedTool).some((f) => f.successClaim)),
    historyMissing,
  };
}

/** Negative verdicts; a judge that speaks of repeating an earlier false claim points at the turn that made it. */
function flagVerdicts(scores: Scores, t: Turn, norms: SessionNorms): void {
  for (const v of t.assessments.verdicts) {
    if (v.polarity !== 'negative') continue;
    scores.flag(t, 5, `negative verdict ${v.name} = ${JSON.stringify(v.value)}${v.rationale ? `: ${clipText(v.rationale, 160)}` : ''}`);
    const claimTurn = norms.claimTurn;
    if (v.rationale && REPEATED_CLAIM.test(v.rationale) && claimTurn && claimTurn.n < t.n)
      scores.flag(claimTurn, 3, `turn ${t.n}'s judge speaks of repeating an earlier claim: it was first made here`);
  }
}

/** Every finding kind weighs in as the registry says (0: shown in the turn, not ranked); then what the turn's own state says. */
function flagFindings(scores: Scores, t: Turn, norms: SessionNorms): void {
  for (const { kind, items } of t.findings ? foundKinds(t.findings) : []) {
    for (const item of items) {
      const points = kind.turnWeight(item);
      if (points > 0) scores.flag(t, points, reasonOf(kind, item));
    }
  }
  if (t.builtOnClaim) {
    const { turn, claim, tool } = t.builtOnClaim;
    scores.flag(t, 2, `its model input holds turn ${turn}'s claim "${clipText(claim, 100)}" but not the error of ${tool}: it builds on a false "done"`);
  }
  if (norms.historyMissing && t.n > 1 && t.history?.earlierMessages === 0) scores.flag(t, 1, 'history missing: the model input held no earlier turn');
  if (t.state === 'ERROR') scores.flag(t, 4, `state ERROR${t.error ? ` (${clipText(t.error, 140)})` : ''}`);
  if (t.state === 'IN_PROGRESS') scores.flag(t, 1, 'still IN_PROGRESS (never finished?)');
}

/** The user pushes back or asks again: the turn before is blamed, and the earliest reply a correction quotes. */
function flagPushBack(scores: Scores, turns: readonly Turn[], i: number, norms: SessionNorms): void {
  const t = turns[i] as Turn;
  const prev = turns[i - 1];
  const userText = t.user?.text ?? '';
  if (prev && userText && CORRECTION.test(userText)) {
    scores.flag(prev, 3, `the next user message (turn ${t.n}) corrects or pushes back: "${clipText(userText)}"`);
    scores.flag(t, 1, 'the user corrects or pushes back in this turn');
    // The disputed claim may come from further back: find the earliest reply it quotes.
    const pairs = bigrams(userText);
    for (let j = 0; j < i - 1; j++) {
      const quoted = pairs.find((p) => norms.replyWords[j]?.includes(p));
      if (quoted) {
        scores.flag(turns[j] as Turn, 3, `turn ${t.n}'s correction refers to this reply ("${quoted}")`);
        break;
      }
    }
  }
  if (prev?.user && userText && similarity(prev.user.text, userText) >= 0.6) scores.flag(prev, 2, `the user asks again at turn ${t.n} (rephrased or repeated)`);
}

/** Latency, tokens, context growth and pauses far beyond the session's own medians. */
function flagOutliers(scores: Scores, turns: readonly Turn[], i: number, norms: SessionNorms): void {
  const t = turns[i] as Turn;
  const many = turns.length >= 4;
  if (t.durationMs !== null && many && norms.durationMs > 0 && t.durationMs > 2.5 * norms.durationMs)
    scores.flag(t, 1, `latency outlier: ${Math.round(t.durationMs)} ms vs median ${Math.round(norms.durationMs)} ms`);
  const tot = t.tokens?.total;
  if (typeof tot === 'number' && many && norms.tokens > 0 && tot > 2.5 * norms.tokens)
    scores.flag(t, 1, `token outlier: ${tot} vs median ${Math.round(norms.tokens)}`);
  const pin = turns[i - 1]?.tokens?.input;
  const tin = t.tokens?.input;
  if (typeof pin === 'number' && typeof tin === 'number' && pin > 0 && tin > 2 * pin && tin - pin > 500)
    scores.flag(t, 1, `context grew from ${pin} to ${tin} input tokens`);
  const gap = i > 0 ? norms.gaps[i - 1] : undefined;
  if (gap !== undefined && many && gap > 5 * 60_000 && gap > 5 * norms.gapMs)
    scores.flag(t, 1, `long pause before this turn (${Math.round(gap / 60_000)} min)`);
}

/** The conversation's own words (signals.ts); a push-back flagPushBack already read is not counted twice. */
function flagSignals(scores: Scores, turns: readonly Turn[]): void {
  const texts = turns.map((t) => ({ n: t.n, user: t.user?.text ?? null, reply: t.reply?.text ?? null, state: t.state, requestTimeMs: t.requestTimeMs }));
  for (const s of conversationSignals(texts)) {
    const userText = turns[s.turn - 1]?.user?.text ?? '';
    if ((s.kind === 'correction' || s.kind === 'repeat-question') && CORRECTION.test(userText)) continue;
    scores.flagTurn(turns, s.blames, s.points, s.reason);
  }
}

export function rankTurns(turns: readonly Turn[], historyMissing = historyIsMissing(turns), sessionVerdicts: AssessmentSummary | null = null): Ranking {
  const scores = new Scores();
  const norms = sessionNorms(turns, historyMissing);
  turns.forEach((t, i) => {
    flagVerdicts(scores, t, norms);
    flagFindings(scores, t, norms);
    flagPushBack(scores, turns, i, norms);
    flagOutliers(scores, turns, i, norms);
  });
  flagSignals(scores, turns);
  for (const s of sessionVerdictSignals(sessionVerdicts, scores.suspects(), turns.at(-1) ?? null)) scores.flagTurn(turns, s.turn, s.points, s.reason);
  const suspects = scores.suspects().sort((a, b) => b.score - a.score || a.turn - b.turn);
  const strong = suspects.filter((s) => s.score >= 3);
  const firstBadTurn = strong.length ? Math.min(...strong.map((s) => s.turn)) : null;
  const readEarlier = (n: number) => (n > 1 ? ` Read ${earlierTurns(n)} too: a wrong fact the user did not challenge often causes a failure turns later.` : '');
  const advice = firstBadTurn === null ? null : `The earliest strong signal is turn ${firstBadTurn}.${readEarlier(firstBadTurn)}`;
  return { suspects, firstBadTurn, advice };
}
