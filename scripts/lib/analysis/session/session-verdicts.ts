/**
 * A negative session-level verdict names no turn: it is pinned on the turn the other evidence
 * points at most (else the last turn), and says so, so a judged-bad chat never reads "no turn
 * stands out".
 */
import type { AssessmentSummary } from '../trace/assessments.js';

const clip = (s: string, n = 160) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function sessionVerdictSignals(
  summary: AssessmentSummary | null,
  scored: ReadonlyArray<{ turn: number; score: number }>,
  last: { n: number } | null,
): Array<{ turn: number; points: number; reason: string }> {
  const negative = summary?.verdicts.filter((v) => v.polarity === 'negative') ?? [];
  if (!negative.length || !last) return [];
  const top = [...scored].sort((a, b) => b.score - a.score || a.turn - b.turn)[0];
  const turn = top && top.score > 0 ? top.turn : last.n;
  const where = top && top.score > 0 ? 'pinned on the turn with the most other evidence' : 'it names no turn: the last turn is listed; read the transcript';
  return negative.map((v) => ({
    turn,
    points: 5,
    reason: `negative session-level verdict ${v.name} = ${JSON.stringify(v.value)} [${v.sourceType}]${v.rationale ? `: ${clip(v.rationale)}` : ''} (${where})`,
  }));
}
