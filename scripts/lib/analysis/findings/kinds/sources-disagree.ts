/**
 * Sources disagree: two retrieved documents or tool outputs state different values for the
 * same thing (the same three words before it, the same noun after it: "refunds are accepted
 * within 14 days" / "… within 30 days"). Names both with rank and score, which reached a
 * model's prompt, and which value the reply used.
 */
import { normaliseText } from '../../common/text-match.js';
import { sentenceAt } from '../../common/sentences.js';
import type { Value } from '../../common/values.js';
import { replyValues, sourceValues, type Provenance, type Source } from '../../trace/provenance.js';
import { mention, provenanceKind, quote, type ProvenanceFinding } from '../provenance-finding.js';

const MAX = 5;

export function disagreeingSources(p: Provenance): ProvenanceFinding[] {
  const passages = p.sources.filter((s) => s.kind === 'document' || s.kind === 'tool-output').slice(0, 300);
  const groups = new Map<string, Array<{ s: Source; v: Value }>>();
  for (const s of passages) {
    for (const v of sourceValues(s)) {
      if (v.kind === 'id' || v.kind === 'email' || !v.bound || v.negated) continue;
      const key = maskedSentence(s.text, v);
      if (key === null) continue;
      const list = groups.get(key) ?? [];
      list.push({ s, v });
      groups.set(key, list);
    }
  }
  const out: ProvenanceFinding[] = [];
  const named = new Set<string>();
  for (const list of groups.values()) {
    if (out.length >= MAX) break;
    const byValue = new Map<string, { s: Source; v: Value }>();
    for (const e of list) if (!byValue.has(e.v.key) && ![...byValue.values()].some((x) => identity(x.s) === identity(e.s))) byValue.set(e.v.key, e);
    if (byValue.size !== 2) continue;
    const [a, b] = [...byValue.values()] as [{ s: Source; v: Value }, { s: Source; v: Value }];
    const pair = [identity(a.s), identity(b.s)].sort().join('|');
    if (named.has(pair)) continue;
    named.add(pair);
    const used = usedByReply(p, a.v, b.v);
    const lines = [a, b].map(({ s, v }) => {
      const reached = p.reachedModel(sentenceAt(s.text, v.index), s.atMs);
      const rank = s.rank !== null ? ` rank ${s.rank}${s.score !== null ? `, score ${fmt(s.score)}` : ''}` : '';
      const fate = reached ? `reached \`${p.ref(reached.node)}\`'s prompt` : 'reached no model call';
      return `${label(p, s)}${rank}: ${quote(sentenceAt(s.text, v.index))} — ${fate}`;
    });
    if (used) lines.push(`the reply used ${used.text}: ${quote(sentenceAt(p.reply?.text ?? '', used.index))}`);
    out.push({
      kind: 'sourcesDisagree',
      title:
        `sources disagree on ${quote(sentenceAt(a.s.text, a.v.index).replace(a.v.text, '…'), 80)}: ` +
        `${label(p, a.s)} says ${a.v.phrase}, ${label(p, b.s)} says ${b.v.phrase}${used ? `; the reply used ${used.phrase}` : ''}`,
      evidence: lines,
      spans: [mention(p, a.s.node), ...(a.s.node === b.s.node ? [] : [mention(p, b.s.node)])],
      docs: [a.s.docId, b.s.docId].filter((d): d is string => d !== null),
      heuristic: 'the same sentence with another value',
      values: [a.v.phrase, b.v.phrase, ...(used ? [used.phrase] : [])],
    });
  }
  return out;
}

/** The sentence around a value with the value masked: two passages agree on everything else. */
function maskedSentence(text: string, v: Value): string | null {
  const sentence = sentenceAt(text, v.index);
  const at = sentence.indexOf(v.text);
  if (at < 0) return null;
  const masked = normaliseText(`${sentence.slice(0, at)} # ${sentence.slice(at + v.text.length)}`);
  // Too short a sentence ("2 days.") says nothing about which thing it is.
  return masked.split(' ').length >= 5 ? `${v.kind}|${v.bound}|${masked}` : null;
}

const identity = (s: Source): string => s.docId ?? `${s.node.span.id}:${normaliseText(s.text.slice(0, 80))}`;
const label = (p: Provenance, s: Source): string => (s.docId ? `\`${s.docId}\`` : `\`${p.ref(s.node)}\``);
const fmt = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(2));

function usedByReply(p: Provenance, a: Value, b: Value): Value | null {
  if (!p.reply) return null;
  const vals = replyValues(p);
  const hit = (x: Value) => vals.find((r) => r.kind === x.kind && r.bound === x.bound && r.key === x.key);
  const ra = hit(a);
  const rb = hit(b);
  return ra && !rb ? ra : rb && !ra ? rb : null;
}

export const sourcesDisagree = provenanceKind(
  'sourcesDisagree',
  'two retrieved documents or tool outputs state different values in the same sentence',
  disagreeingSources,
  () => 3,
);
