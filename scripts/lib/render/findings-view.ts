/**
 * The FINDINGS lines (health_check, inspect_turn): conclusions drawn across spans, worst
 * first — a failed tool the reply called a success, a cut answer, documents that never reached
 * the prompt, facts in the answer no source holds, then spans that logged nothing to check.
 */
import type { Findings } from '../analysis/findings/findings.js';
import { clip, oneLine } from './format.js';
import { paint } from './style.js';

const ids = (...spanIds: Array<string | null | undefined>): string => {
  const list = spanIds.filter((s): s is string => !!s).map((id) => id.slice(0, 8));
  return list.length ? ` [span${list.length > 1 ? 's' : ''} ${[...new Set(list)].join(', ')}]` : '';
};

export function findingsBody(f: Findings): string[] {
  const lines: string[] = [];
  const bang = paint.warn('!');
  // A success claimed after a failure is the strongest finding: it ranks first.
  const failed = [...f.answeredAfterFailedTool].sort((a, b) => Number(!!b.successClaim) - Number(!!a.successClaim));
  for (const a of failed) {
    const held = a.errorInInput ? ' (its input held the error as a tool message)' : ' (the error was not in its input)';
    const claim = a.successClaim ? ` and the reply claims success: "${clip(oneLine(a.successClaim), 140)}"` : '';
    lines.push(`  ${bang} ${a.llmRef} answered after ${a.toolRef} failed${held}${claim} — ${clip(oneLine(a.error), 160)}${ids(a.llmSpanId, a.toolSpanId)}`);
  }
  for (const t of f.truncation) lines.push(`  ${bang} ${t.summary}${ids(t.model.spanId)}`);
  for (const r of f.retrieval) lines.push(`  ${bang} ${r.summary}${ids(r.retriever.spanId, r.reranker?.spanId, r.model.spanId)}`);
  for (const g of f.grounding) lines.push(`  ${bang} ${g.summary}${ids(g.answerSpan?.spanId, ...g.sources.map((s) => s.spanId))}`);
  for (const g of f.gaps) lines.push(`  ${bang} ${g.summary}${ids(g.span.spanId)}`);
  return lines;
}
