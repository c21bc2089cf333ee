/**
 * inspect_turn --evidence: each tool call's argument values, then each sentence of the reply
 * beside the passage that best supports it, every value marked = same, ≠ different or ? nowhere
 * with where it is held or the nearest candidates. Sections are budgeted like every view.
 */
import type { Evidence, SentenceEvidence } from '../analysis/trace/evidence.js';
import type { SourcePassage, ValueEvidence } from '../analysis/trace/value-evidence.js';
import type { Section } from './budget.js';
import { clipKeeping, oneLine, plural } from './format.js';
import { paint } from './style.js';

const MARK: Record<ValueEvidence['verdict'], string> = { same: '=', different: '≠', nowhere: '?' };

const PROMPT_PART: Partial<Record<SourcePassage['kind'], string>> = {
  system: 'the system prompt',
  'tool-output': 'a tool message',
  'model-output': 'an assistant message',
};

/** Where a passage is, in words a reader can follow with --span. */
export function sourceLabel(s: SourcePassage): string {
  if (s.turn) {
    const what = s.turn.tool ? `the output of \`${s.turn.tool}\`` : s.kind === 'user' ? 'the user message' : 'the reply';
    return `${what} in turn ${s.turn.n} of the session (${s.turn.traceId})`;
  }
  const span = `\`${s.ref}\``;
  if (s.inPrompt && s.kind !== 'user') return `${PROMPT_PART[s.kind] ?? 'the input'} of ${span}`;
  switch (s.kind) {
    case 'user':
      return 'the user message';
    case 'system':
      return `the system prompt of ${span}`;
    case 'document': {
      const rank = s.rank !== null ? `, rank ${s.rank}${s.score !== null ? `, score ${Number.isInteger(s.score) ? s.score : s.score.toFixed(2)}` : ''}` : '';
      return `${s.docId ? `document \`${s.docId}\`` : 'a document'} of ${span}${rank}`;
    }
    case 'tool-output':
      return `the output of ${span}`;
    case 'model-output':
      return `an earlier output of ${span}`;
    default:
      return `span ${span}`;
  }
}

/** A source passage, its cut keeping the values the line is about. */
const passage = (s: SourcePassage, max = 160, keep: readonly string[] = []) => `"${clipKeeping(oneLine(s.passage), max, keep)}"`;

/** A value as the line names it: `key=value` for an argument, the value with its noun for a reply. */
export function valueLine(v: ValueEvidence, argument = false): string {
  const shown = v.kind === 'name' ? `"${v.text}"` : v.text;
  const what = argument ? `${v.boundTo ? `${v.boundTo}=` : ''}${shown}` : `${shown}${v.kind === 'quantity' && v.boundTo ? ` (${v.boundTo})` : ''}`;
  const note = v.note ? ` (${v.note})` : '';
  const head = `${MARK[v.verdict]} ${what} — ${v.verdict}${note}`;
  const src = v.sources[0];
  if (v.verdict === 'same')
    return src
      ? `${head}: ${sourceLabel(src)} ${passage(src, 160, [v.text])}${v.sources.length > 1 ? `; also ${sourceLabel(v.sources[1] as SourcePassage)}` : ''}`
      : head;
  if (v.verdict === 'different' && src) return `${head}: ${sourceLabel(src)} says ${v.other ?? '?'} ${passage(src, 160, v.other ? [v.other] : [])}`;
  if (!v.candidates.length) return `${head}: in nothing the model had`;
  return `${head}; nearest: ${v.candidates.map((c) => `${c.text} in ${sourceLabel(c.source)} (${c.how})`).join('; ')}`;
}

function sentenceLines(s: SentenceEvidence, i: number): string[] {
  const lines = [
    `  ${i + 1}. "${clipKeeping(
      oneLine(s.sentence),
      240,
      s.values.map((v) => v.text),
    )}"`,
  ];
  const none = paint.dim('best support: no passage shares a third of its words');
  lines.push(`     ${s.support ? `best support: ${sourceLabel(s.support)} ${passage(s.support, 200)}` : none}`);
  for (const v of s.values) lines.push(`     ${valueLine(v)}`);
  return lines;
}

/** What to open next: the first value not found as written (its call, its source or nearest candidate's span, or the earlier turn holding it), else null. */
export function firstDoubt(e: Evidence): { span: string } | { trace: string } | null {
  for (const c of e.calls) if (c.values.some((v) => v.verdict !== 'same')) return { span: c.ref };
  for (const s of e.reply)
    for (const v of s.values) {
      if (v.verdict === 'same') continue;
      const at = v.sources[0] ?? v.candidates[0]?.source;
      return at ? (at.turn ? { trace: at.turn.traceId } : { span: at.ref }) : null;
    }
  return null;
}

export function evidenceSections(e: Evidence, more: string): Section[] {
  const counts = { same: 0, different: 0, nowhere: 0 };
  for (const v of [...e.calls.flatMap((c) => c.values), ...e.reply.flatMap((s) => s.values)]) counts[v.verdict]++;
  const head = [
    paint.head(`EVIDENCE — where each value the model produced came from (= same · ≠ different · ? nowhere; judged on what the model had when it decided)`),
    `  ${counts.same} same, ${counts.different} different, ${counts.nowhere} nowhere — heuristic: ${e.heuristic}`,
  ];
  const cut = [
    e.cut.calls ? `${plural(e.cut.calls, 'more call')}` : '',
    e.cut.sentences ? `${plural(e.cut.sentences, 'more sentence')}` : '',
    e.cut.values ? `${plural(e.cut.values, 'more value')}` : '',
  ].filter(Boolean);
  if (cut.length) head.push(`  not shown (bounds): ${cut.join(', ')}`);
  const calls = [paint.head(`TOOL ARGUMENTS — ${plural(e.calls.length, 'distinct call')}`)];
  for (const c of e.calls) {
    const ref = c.ref === c.tool ? '' : ` (\`${c.ref}\`)`;
    const repeats = c.repeats > 1 ? ` (×${c.repeats} with the same arguments)` : '';
    calls.push(`  ${c.tool}${ref}${repeats}${c.values.length ? '' : ' — no checkable value'}`);
    for (const v of c.values) calls.push(`    ${valueLine(v, true)}`);
  }
  const reply = [paint.head(`REPLY — ${plural(e.reply.length, 'sentence')}, each beside the passage that best supports it`)];
  if (!e.reply.length) reply.push('  (no reply text found)');
  e.reply.forEach((s, i) => {
    reply.push(...sentenceLines(s, i));
  });
  return [
    { name: 'evidence', priority: 0, lines: head },
    ...(e.calls.length ? [{ name: 'tool arguments', priority: 2, lines: calls, more }] : []),
    { name: 'reply evidence', priority: 1, lines: reply, more },
  ];
}
