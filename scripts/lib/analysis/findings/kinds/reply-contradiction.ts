/**
 * Reply contradicts its sources: the reply binds a value to a noun or unit ("3 checked bags",
 * "departs 08:40") and the sources the model was given bind that same noun to one other value
 * only ("2 checked bags"), while the reply's value is nowhere in them. Small numbers count when
 * bound to a noun. Undecidable cases say nothing: an estimate ("about 30"), a negation, a value
 * the sources hold anywhere, a sum, product or multiple of their numbers, a rounding, sources
 * that disagree among themselves (the sources-disagree finding's case), an amount bound only to its
 * currency ("310.80 EUR" says nothing of what it prices), a day inside a source's range.
 */
import { derived, rounded } from '../../common/number-relations.js';
import { numbersIn } from '../../common/text-facts.js';
import { currencyOnly, extractValues, sentenceAt, type Value, within } from '../../common/values.js';
import { sourceValues, type Provenance, type Source } from '../../trace/provenance.js';
import { sourceOperands } from '../../trace/value-evidence.js';
import { decidedAt, mention, provenanceKind, quote, type ProvenanceFinding } from '../provenance-finding.js';

const GIVEN: ReadonlySet<Source['kind']> = new Set(['user', 'system', 'document', 'tool-output']);
const MAX = 5;

export function replyContradictions(p: Provenance): ProvenanceFinding[] {
  if (!p.reply) return [];
  const cutoff = decidedAt(p, p.reply.atMs);
  // An earlier turn's words ("I have 2 bags" in turn 1) describe that turn, not what the model was given for this reply.
  const given = p.sources.filter((s) => GIVEN.has(s.kind) && s.atMs <= cutoff && !s.turn).slice(0, 400);
  if (!given.length) return [];
  const out: ProvenanceFinding[] = [];
  const allNumbers = new Set(given.flatMap((s) => numbersIn(s.text, 500)));
  // Sums and products of amounts and counts only: the digits of an id, phone, date or time add up to anything.
  const operands = new Set(given.flatMap((s) => sourceOperands(s).slice(0, 500)));
  for (const v of extractValues(p.reply.text)) {
    if (out.length >= MAX) break;
    if (!v.bound || v.approximate || v.negated || v.kind === 'id' || v.kind === 'email' || currencyOnly(v)) continue;
    if (v.kind === 'quantity' && (v.bound === '%' || !v.numbers.length || v.numbers.some((n) => allNumbers.has(n)) || derived(v.numbers, operands))) continue;
    const same = given.flatMap((s) =>
      sourceValues(s)
        .filter((w) => sameThing(v, w))
        .map((w) => ({ s, w })),
    );
    if (!same.length || same.some(({ w }) => agrees(v, w))) continue;
    const keys = new Set(same.map(({ w }) => w.key));
    // Sources that disagree among themselves: another finding's case, not a contradiction of "the" source.
    if (keys.size !== 1) continue;
    const { s, w } = same[0] as { s: Source; w: Value };
    if (v.kind === 'quantity' && rounded(v.numbers, w.numbers)) continue;
    const where = s.docId
      ? `\`${s.docId}\` (${p.ref(s.node)})`
      : s.kind === 'user'
        ? 'the user message'
        : `\`${p.ref(s.node)}\`'s ${s.kind === 'system' ? 'system prompt' : 'output'}`;
    out.push({
      kind: 'replyContradictsSources',
      title: `the reply says ${q(v)}; ${where}, which the model was given, says ${q(w)}`,
      evidence: [`reply: ${quote(sentenceAt(p.reply.text, v.index))}`, `source: ${quote(sentenceAt(s.text, w.index))}`],
      spans: [mention(p, s.node)],
      docs: s.docId ? [s.docId] : [],
      heuristic:
        `same ${v.kind === 'quantity' ? 'noun or unit' : 'word before the date or time'} ("${v.bound}"), another value; ` +
        "the reply's value is in none of the sources",
      values: [v.phrase, w.phrase],
    });
  }
  return out;
}

const q = (v: Value): string => (v.kind === 'quantity' ? `"${v.phrase}"` : `"${v.bound} ${v.text}"`);

const sameThing = (a: Value, b: Value): boolean => a.kind === b.kind && a.bound === b.bound && !b.approximate && !b.negated;

function agrees(a: Value, b: Value): boolean {
  if (a.kind !== 'quantity') return a.key === b.key || (a.kind === 'date' && (a.key.endsWith(b.key) || b.key.endsWith(a.key))) || within(a, b);
  return a.numbers.some((n) => b.numbers.includes(n));
}

export const replyContradictsSources = provenanceKind(
  'replyContradictsSources',
  'the reply binds a value to a noun or unit that a source the model was given binds to another value',
  replyContradictions,
  () => 6,
);
