/** session_transcript's text: session verdicts, where it went wrong, then the turns. */
import { sessionLink } from '../mlflow/links.js';
import { foundKinds } from '../analysis/findings/registry.js';
import { SPANS_BY_DEFAULT_MAX_TURNS, type SessionReport } from '../analysis/session/session.js';
import { claimOf, type Turn } from '../analysis/session/turn.js';
import { assessmentCount, assessmentLine, assessmentLines } from './assessment-lines.js';
import type { Section } from './budget.js';
import { clip, clipKeeping, experimentLabel, fmtInt, fmtMs, oneLine, plural } from './format.js';
import { findingValues } from '../analysis/findings/finding-values.js';
import { paint } from './style.js';

export interface SessionFollow {
  inspect: (traceId: string) => string;
  turns: (from: number, to: number) => string;
  /** This transcript read from the spans (absent with --from-file: the file decides). */
  spans?: string;
}

/** One turn's lines; `whole` shows the turn in full (where a cut's rest is). */
function turnBlock(t: Turn, full: boolean, suspect: boolean, whole?: string): string[] {
  const textMax = full ? 100_000 : 220;
  const stateMark = t.state === 'ERROR' ? paint.error('ERROR') : t.state === 'OK' ? 'OK' : paint.warn(t.state);
  const tok = t.tokens?.total != null ? ` · ${fmtInt(t.tokens.total)} tok` : '';
  const when = t.requestTime?.slice(0, 19).replace('T', ' ') ?? '?';
  const head = `${suspect ? paint.error('▶') : ' '} ${String(t.n).padStart(3)}. ${t.traceId} · ${when} · ${stateMark} · ${fmtMs(t.durationMs)}${tok}`;
  const lines = [head];
  // A cut keeps the values the turn's findings quote (the id a tool was wrongly called with).
  const keep = t.findings ? findingValues(t.findings) : [];
  const text = (e: Turn['user']) =>
    e ? clipKeeping(full ? e.text : oneLine(e.text), textMax, keep, keep.length ? whole : undefined) : paint.dim('(none found)');
  lines.push(`       user:  ${text(t.user)}`);
  lines.push(`       reply: ${replyText(t, text)}`);
  if (t.error && t.reply) lines.push(`       error: ${paint.error(clip(oneLine(t.error), 200))}`);
  if (t.history) {
    const lost = t.n > 1 && t.history.earlierMessages === 0 ? paint.warn(' (no history)') : '';
    lines.push(`       model input: ${plural(t.history.earlierMessages, 'earlier message')}${lost}`);
  }
  lines.push(...turnFindingLines(t, full ? 1_000 : 200));
  if (full) {
    lines.push(`       text from: ${t.source}`);
    lines.push(...assessmentLines(t.assessments, '       ', 2000));
  } else {
    for (const v of t.assessments.verdicts) lines.push(`       ${assessmentLine(v, 160)}`);
    for (const e of t.assessments.scorerErrors)
      lines.push(`       ${paint.warn('!')} ${e.name}: scorer error ${e.error?.code ?? ''} (judge failure, not a turn failure)`);
  }
  return lines;
}

/**
 * The trace's reply, or why there is none. When the trace returned none but its model answered
 * (and claimed success), that answer is shown: "(no reply)" above "the reply claims success" read as a contradiction.
 */
export function replyText(t: Turn, text: (e: Turn['user']) => string): string {
  if (t.reply) return text(t.reply);
  if (!t.error) return text(null);
  const claim = claimOf(t);
  const why = clip(oneLine(t.error), 200);
  if (!claim) return paint.error(`(no reply: ${why})`);
  return `${paint.error(`(the trace returned none: ${why})`)}; the model's answer: "${clip(oneLine(claim), 160)}"`;
}

/** The turn's findings, one line each, every registry kind in its order (the ranking says why they matter). */
function turnFindingLines(t: Turn, max: number): string[] {
  const bang = paint.warn('!');
  const out = (t.findings ? foundKinds(t.findings) : []).flatMap(({ kind, items }) =>
    // A kind that writes its own turn line bounds it; a finding's full line is clipped here.
    items.map((item) => `       ${bang} ${kind.turnLine ? kind.turnLine(item) : clip(kind.line(item), max)}`),
  );
  if (t.builtOnClaim) out.push(`       ${bang} model input holds turn ${t.builtOnClaim.turn}'s claim but not the error of ${t.builtOnClaim.tool}`);
  return out;
}

export function sessionSections(
  r: SessionReport,
  follow: SessionFollow,
  opts: { maxChars: number; range: [number, number] | null; given?: string | null },
): Section[] {
  // The clock's span: turns in conversation order may run against it (ISO strings sort by time).
  const times = r.turns
    .map((t) => t.requestTime)
    .filter((x): x is string => !!x)
    .sort();
  const header = [
    paint.head(`Session ${JSON.stringify(r.sessionId)} — ${plural(r.turnCount, 'turn')}`) +
      `${r.experimentId ? ` · experiment ${experimentLabel(opts.given, r.experimentId)}` : ''}${r.users.length ? ` · user ${r.users.join(', ')}` : ''}`,
    `${times[0] ?? '?'} → ${times.at(-1) ?? '?'}`,
    `text from ${r.textFrom}`,
  ];
  const link = sessionLink(r.experimentId, r.sessionId);
  if (link) header.push(`MLflow UI: ${link}`);
  // Whether each model call was sent the earlier turns is in the spans only: a lost history is a
  // common cause of multi-turn failures, so say how to check it rather than stay silent.
  if (!r.spansLoaded && r.turnCount >= 2 && follow.spans)
    header.push(
      `spans not read (previews only: sessions over ${SPANS_BY_DEFAULT_MAX_TURNS} turns are read from previews): ` +
        `model inputs (history), failed tools and the other per-turn findings show with ${follow.spans}`,
    );
  const sections: Section[] = [{ name: 'header', priority: 0, lines: header }];
  if (r.warnings.length) sections.push({ name: 'warnings', priority: 0, lines: r.warnings.map((w) => `${paint.warn('!')} ${w}`) });
  // Always printed, "none" included: an agent must tell "no session verdicts" from "not shown".
  if (assessmentCount(r.sessionAssessments)) {
    sections.push({
      name: 'session assessments',
      priority: 1,
      lines: [paint.head('SESSION-LEVEL ASSESSMENTS (judge the whole conversation)'), ...assessmentLines(r.sessionAssessments)],
    });
  } else sections.push({ name: 'session assessments', priority: 0, lines: [`${paint.head('SESSION-LEVEL ASSESSMENTS')}: none logged`] });
  const sus = r.suspects.filter((s) => s.score >= 2).slice(0, 6);
  const wrong = [paint.head('WHERE IT WENT WRONG (turns ranked by evidence)')];
  if (r.historyMissing)
    wrong.push(`  ${paint.warn('!')} history missing: from turn 2 on, no model input held an earlier turn — every answer was given without the conversation`);
  if (!sus.length) wrong.push('  No turn stands out: no errors, negative verdicts, corrections or outliers. Read the transcript for wrong facts.');
  for (const [i, s] of sus.entries()) {
    wrong.push(`  #${i + 1} turn ${s.turn} (score ${s.score}) — ${follow.inspect(s.traceId)}`);
    for (const reason of s.reasons) wrong.push(`       · ${clip(reason, 300)}`);
  }
  if (r.advice) wrong.push(`  → ${r.advice}`);
  sections.push({ name: 'where it went wrong', priority: 1, lines: wrong });

  // Turns are fitted here, whole turns only, so the cut marker can name the exact range left.
  const suspectTurns = new Set(r.suspects.filter((s) => s.score >= 3).map((s) => s.turn));
  const chosen = opts.range ? r.turns.filter((t) => t.n >= (opts.range as [number, number])[0] && t.n <= (opts.range as [number, number])[1]) : r.turns;
  const full = opts.range !== null;
  const used = sections.reduce((s, sec) => s + sec.lines.reduce((a, l) => a + l.length + 1, 0), 0);
  let room = opts.maxChars - used - 600;
  const turnLines = [paint.head(opts.range ? `TURNS ${opts.range[0]}–${opts.range[1]} (in full)` : 'TURNS (▶ = suspect)')];
  let shownTo = 0;
  for (const t of chosen) {
    const block = turnBlock(t, full, suspectTurns.has(t.n), full ? undefined : follow.turns(t.n, t.n));
    const size = block.reduce((a, l) => a + l.length + 1, 0);
    if (size > room && shownTo > 0) break;
    turnLines.push(...block);
    room -= size;
    shownTo = t.n;
  }
  const lastWanted = chosen.at(-1)?.n ?? 0;
  if (shownTo < lastWanted) {
    const next = shownTo + 1;
    const span = Math.max(5, shownTo - (chosen[0]?.n ?? 1) + 1);
    turnLines.push(
      `  … turns ${next}–${lastWanted} not shown (${plural(lastWanted - shownTo, 'turn')}); see: ${follow.turns(next, Math.min(lastWanted, next + span - 1))}`,
    );
  }
  sections.push({ name: 'turns', priority: 2, lines: turnLines, more: follow.turns(1, Math.min(r.turnCount, 20)) });
  return sections;
}
