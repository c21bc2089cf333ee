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
import { isTurnRecord, sourceValues, type Provenance, type Source } from '../../trace/provenance.js';
import { sourceOperands } from '../../trace/value-evidence.js';
import { decidedAt, mention, provenanceKind, quote, type ProvenanceFinding } from '../provenance-finding.js';

const GIVEN: ReadonlySet<Source['kind']> = new Set(['user', 'system', 'document', 'tool-output']);
const MAX = 5;

/** What the model was given for its reply: this trace's sources before its last decision, and earlier turns' tool outputs that still stand. */
function givenSources(p: Provenance, cutoff: number): Source[] {
  // An earlier turn's words ("I have 2 bags" in turn 1) describe that turn; its tools' records stand until a tool may have changed them.
  return p.sources.filter((s) => GIVEN.has(s.kind) && s.atMs <= cutoff && (!s.turn || isTurnRecord(s))).slice(0, 400);
}

/** The reply's values worth checking (bound, not an estimate, not a number the sources hold or add up to). */
function checkable(p: Provenance, given: readonly Source[]): Value[] {
  if (!p.reply) return [];
  const allNumbers = new Set(given.flatMap((s) => numbersIn(s.text, 500)));
  // Sums and products of amounts and counts only: the digits of an id, phone, date or time add up to anything.
  const operands = new Set(given.flatMap((s) => sourceOperands(s).slice(0, 500)));
  return extractValues(p.reply.text).filter((v) => {
    if (!v.bound || v.approximate || v.negated || v.kind === 'id' || v.kind === 'email' || currencyOnly(v)) return false;
    return !(v.kind === 'quantity' && (v.bound === '%' || !v.numbers.length || v.numbers.some((n) => allNumbers.has(n)) || derived(v.numbers, operands)));
  });
}

const bindings = (v: Value, given: readonly Source[]) =>
  given.flatMap((s) =>
    sourceValues(s)
      .filter((w) => sameThing(v, w))
      .map((w) => ({ s, w })),
  );

/**
 * A reply value that no source of this trace binds to its noun: an earlier turn's tool output may
 * (the contract read in turn 1, its end date said in turn 2), so the session's turns are worth reading with spans.
 */
export function replyValuesUnsettled(p: Provenance): boolean {
  if (!p.reply) return false;
  const given = givenSources(p, decidedAt(p, p.reply.atMs)).filter((s) => !s.turn);
  return checkable(p, given).some((v) => !bindings(v, given).length);
}

export function replyContradictions(p: Provenance): ProvenanceFinding[] {
  if (!p.reply) return [];
  const cutoff = decidedAt(p, p.reply.atMs);
  const given = givenSources(p, cutoff);
  if (!given.length) return [];
  const out: ProvenanceFinding[] = [];
  for (const v of checkable(p, given)) {
    if (out.length >= MAX) break;
    const same = bindings(v, given);
    if (!same.length || same.some(({ w }) => agrees(v, w))) continue;
    const keys = new Set(same.map(({ w }) => w.key));
    // Sources that disagree among themselves: another finding's case, not a contradiction of "the" source.
    if (keys.size !== 1) continue;
    const { s, w } = same[0] as { s: Source; w: Value };
    if (v.kind === 'quantity' && rounded(v.numbers, w.numbers)) continue;
    // Against an earlier turn's record, the reply's value must be in nothing at all (the user may have asked for it since).
    if (s.turn && heldAnywhere(p, v, cutoff)) continue;
    out.push(contradiction(p, v, s, w));
  }
  return out;
}

const heldAnywhere = (p: Provenance, v: Value, cutoff: number): boolean =>
  p.sources.some((s) => s.atMs <= cutoff && sourceValues(s).some((w) => w.kind === v.kind && agrees(v, w)));

function whereSaid(p: Provenance, s: Source): string {
  if (s.turn?.tool) return `\`${s.turn.tool}\`'s output in turn ${s.turn.n} of the session (${s.turn.traceId})`;
  if (s.docId) return `\`${s.docId}\` (${p.ref(s.node)}), which the model was given,`;
  return `${s.kind === 'user' ? 'the user message' : `\`${p.ref(s.node)}\`'s ${s.kind === 'system' ? 'system prompt' : 'output'}`}, which the model was given,`;
}

function contradiction(p: Provenance, v: Value, s: Source, w: Value): ProvenanceFinding {
  const reply = p.reply?.text ?? '';
  return {
    kind: 'replyContradictsSources',
    title: `the reply says ${q(v)}; ${whereSaid(p, s)} says ${q(w)}`,
    evidence: [`reply: ${quote(sentenceAt(reply, v.index))}`, `source: ${quote(sentenceAt(s.text, w.index))}`],
    spans: s.turn ? [] : [mention(p, s.node)],
    docs: s.docId ? [s.docId] : [],
    heuristic:
      `same ${v.kind === 'quantity' ? 'noun or unit' : 'word before the date or time'} ("${v.bound}"), another value; ` +
      "the reply's value is in none of the sources" +
      (s.turn ? "; an earlier turn's tool output, and no tool that may change it (by its name) ran since" : ''),
    values: [v.phrase, w.phrase],
  };
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
