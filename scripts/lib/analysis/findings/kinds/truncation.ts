/** A model's output cut at its token limit (by its finish reason, or output tokens equal to the limit: a heuristic). */
import { normaliseText, passageHead } from '../../common/text-match.js';
import { isCutReason } from '../../trace/model-finish.js';
import { defineKind, MAX_EACH } from '../finding-kind.js';
import { mention, q, type SpanMention } from '../span-mention.js';
import type { TraceFacts } from '../trace-facts.js';

export interface TruncationFinding {
  kind: 'truncation';
  model: SpanMention;
  reason: string | null;
  maxTokens: { key: string; value: number } | null;
  outputTokens: number | null;
  /** The cut output is the turn's answer. */
  finalAnswer: boolean;
  count: number;
  heuristic: boolean;
  summary: string;
}

function detect({ flow, reply }: TraceFacts): TruncationFinding[] {
  const groups = new Map<string, TruncationFinding>();
  const replyHead = reply ? passageHead(reply, 80, 300) : '';
  for (const m of flow.models) {
    const f = m.finish;
    if (!f) continue;
    const byReason = isCutReason(f.reason);
    const byCount = f.maxTokens !== null && f.outputTokens !== null && f.outputTokens === f.maxTokens.value;
    if (!byReason && !byCount) continue;
    const name = m.node.span.name;
    const seen = groups.get(name);
    if (seen) {
      seen.count += 1;
      continue;
    }
    const finalAnswer = replyHead.length >= 8 && normaliseText(m.outText).includes(replyHead);
    groups.set(name, {
      kind: 'truncation',
      model: mention(flow, m),
      reason: f.reason,
      maxTokens: f.maxTokens,
      outputTokens: f.outputTokens,
      finalAnswer,
      count: 1,
      heuristic: !byReason,
      summary: '',
    });
  }
  return [...groups.values()].slice(0, MAX_EACH).map((t) => ({ ...t, summary: truncationSummary(t) }));
}

function truncationSummary(t: TruncationFinding): string {
  const at = t.maxTokens ? `at ${t.maxTokens.key}=${t.maxTokens.value}` : 'by its output limit';
  const evidence = [t.reason ? `finish reason ${JSON.stringify(t.reason)}` : '', t.outputTokens !== null ? `${t.outputTokens} output tokens` : '']
    .filter(Boolean)
    .join(', ');
  const what = t.finalAnswer ? 'the answer' : 'its output';
  const times = t.count > 1 ? ` (×${t.count} calls of ${q(t.model.ref.replace(/#\d+$/, ''))})` : '';
  const tail = t.heuristic ? ' — heuristic: output tokens equal the limit, no finish reason logged' : '';
  return `${q(t.model.ref)}: ${what} was cut ${at} (${evidence})${t.maxTokens ? '' : "; the request's max tokens were not logged"}${times}${tail}`;
}

export const truncation = defineKind({
  kind: 'truncation',
  about: "a model's output cut at its token limit (the answer, or an intermediate output)",
  heuristic: 'some',
  section: 'findings',
  detect,
  line: (t: TruncationFinding) => t.summary,
  spans: (t: TruncationFinding) => [t.model.spanId],
  turnWeight: () => 3,
});
