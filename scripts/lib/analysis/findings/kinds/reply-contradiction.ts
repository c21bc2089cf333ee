/**
 * Reply contradicts its sources: the reply binds a value to a noun or unit ("3 checked bags",
 * "departs 08:40") and the sources the model was given bind that same noun to one other value
 * only ("2 checked bags"), while the reply's value is nowhere in them. Small numbers count when
 * bound to a noun. Undecidable cases say nothing: an estimate ("about 30"), a negation, a value
 * the sources hold anywhere, a sum, product or multiple of their numbers, a rounding, sources
 * that disagree among themselves (the sources-disagree finding's case), an amount bound only to its
 * currency ("310.80 EUR" says nothing of what it prices), a day inside a source's range. A date or
 * time whose word before it is another ("your appointment with Dr. Aas is on … at 15:30") is said of
 * the noun its clause names, when a source binds that noun and the value is in nothing at all.
 */
import { derived, rounded } from '../../common/number-relations.js';
import { numbersIn } from '../../common/text-facts.js';
import { clauseWordsBefore } from '../../common/clause.js';
import { sameEndSense } from '../../common/date-sense.js';
import { sentenceAt } from '../../common/sentences.js';
import { currencyOnly, type Value, within } from '../../common/values.js';
import { isTurnRecord, replyValues, sourceValues, type Provenance, type Source } from '../../trace/provenance.js';
import { sourceOperands } from '../../trace/value-evidence.js';
import { decidedAt, mention, provenanceKind, quote, type ProvenanceFinding } from '../provenance-finding.js';

const GIVEN: ReadonlySet<Source['kind']> = new Set(['user', 'system', 'document', 'tool-output']);
const MAX = 5;

/** What the model was given for its reply: this trace's sources before its last decision, and earlier turns' tool outputs that still stand. */
function givenSources(p: Provenance, cutoff: number): Source[] {
  // An earlier turn's words ("I have 2 bags" in turn 1) describe that turn; its tools' records stand until a tool may have changed them.
  return p.sources.filter((s) => GIVEN.has(s.kind) && s.atMs <= cutoff && (!s.turn || isTurnRecord(s))).slice(0, 400);
}

/** The reply's values worth checking among all it holds (bound, not an estimate, not a number the sources hold or add up to). */
function checkable(all: readonly Value[], given: readonly Source[]): Value[] {
  const allNumbers = new Set(given.flatMap((s) => numbersIn(s.text, 500)));
  // Sums and products of amounts and counts only: the digits of an id, phone, date or time add up to anything.
  const operands = new Set(given.flatMap((s) => sourceOperands(s).slice(0, 500)));
  return all.filter((v) => {
    if (!v.bound || v.approximate || v.negated || v.kind === 'id' || v.kind === 'email' || currencyOnly(v)) return false;
    return !(v.kind === 'quantity' && (v.bound === '%' || !v.numbers.length || v.numbers.some((n) => allNumbers.has(n)) || derived(v.numbers, operands)));
  });
}

interface Binding {
  s: Source;
  w: Value;
  /** Matched by the noun the reply names earlier in its clause, or as an end date in other words, not by the word right before the value. */
  named: boolean;
  /** Matched as an end date in other words ("valid until" / "expires"). */
  endSense?: boolean;
}

/** The sources' values said of the same thing as a reply value: the same bound word, or for a date or time, a noun its clause names. */
function bindings(v: Value, given: readonly Source[], clause: () => ReadonlySet<string>): Binding[] {
  const timed = v.kind === 'date' || v.kind === 'time';
  return given.flatMap((s) =>
    sourceValues(s).flatMap((w): Binding[] => {
      if (sameThing(v, w)) return [{ s, w, named: false }];
      // A noun the clause names, or an end date in other words ("valid until" / "expires"): weaker than the same word, so it must be in nothing at all.
      if (!timed || w.kind !== v.kind || !w.bound || w.approximate || w.negated) return [];
      if (clause().has(w.bound)) return [{ s, w, named: true }];
      return sameEndSense(v, w) ? [{ s, w, named: true, endSense: true }] : [];
    }),
  );
}

/** A reply value's clause words, back to the reply's previous value of any kind (lazily: most values match by their bound word or not at all). */
function clauseOf(reply: string, v: Value, all: readonly Value[]): () => ReadonlySet<string> {
  let words: ReadonlySet<string> | undefined;
  const from = Math.max(0, ...all.filter((u) => u.index < v.index).map((u) => u.index + u.text.length));
  return () => {
    words ??= clauseWordsBefore(reply, v.index, from);
    return words;
  };
}

/**
 * A reply value that no source of this trace binds to its noun: an earlier turn's tool output may
 * (the contract read in turn 1, its end date said in turn 2), so the session's turns are worth reading with spans.
 */
export function replyValuesUnsettled(p: Provenance): boolean {
  if (!p.reply) return false;
  const given = givenSources(p, decidedAt(p, p.reply.atMs)).filter((s) => !s.turn);
  const all = replyValues(p);
  return checkable(all, given).some((v) => !bindings(v, given, clauseOf(p.reply?.text ?? '', v, all)).length);
}

export function replyContradictions(p: Provenance): ProvenanceFinding[] {
  if (!p.reply) return [];
  const cutoff = decidedAt(p, p.reply.atMs);
  const given = givenSources(p, cutoff);
  if (!given.length) return [];
  const out: ProvenanceFinding[] = [];
  const values = replyValues(p);
  for (const v of checkable(values, given)) {
    if (out.length >= MAX) break;
    const all = bindings(v, given, clauseOf(p.reply.text, v, values));
    // The bound word first: a noun named earlier in the clause decides only where no source binds that word.
    const same = all.some((b) => !b.named) ? all.filter((b) => !b.named) : all;
    if (!same.length || same.some(({ w }) => agrees(v, w))) continue;
    const keys = new Set(same.map(({ w }) => w.key));
    // Sources that disagree among themselves: another finding's case, not a contradiction of "the" source.
    if (keys.size !== 1) continue;
    const b = same[0] as Binding;
    if (v.kind === 'quantity' && rounded(v.numbers, b.w.numbers)) continue;
    // Against an earlier turn's record or a noun named earlier, the reply's value must be in nothing at all (the user may have asked for it).
    if ((b.s.turn || b.named) && heldAnywhere(p, v, cutoff)) continue;
    out.push(contradiction(p, v, b));
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

function contradiction(p: Provenance, v: Value, { s, w, named, endSense }: Binding): ProvenanceFinding {
  const reply = p.reply?.text ?? '';
  const said = endSense ? `"${v.before.split(' ').slice(-2).join(' ')} ${v.text}"` : named ? `"${w.bound} … ${v.text}"` : q(v);
  return {
    kind: 'replyContradictsSources',
    title: `the reply says ${said}; ${whereSaid(p, s)} says ${q(w)}`,
    evidence: [`reply: ${quote(sentenceAt(reply, v.index))}`, `source: ${quote(sentenceAt(s.text, w.index))}`, ...offsetLine(v, w)],
    spans: s.turn ? [] : [mention(p, s.node)],
    docs: s.docId ? [s.docId] : [],
    heuristic:
      (endSense
        ? `both dates are said as the day it ends, in other words ("${v.bound}" / "${w.bound}"), another value; `
        : named
          ? `the reply's sentence names "${w.bound}" before the ${v.kind}, the source binds it to another value; `
          : `same ${v.kind === 'quantity' ? 'noun or unit' : 'word before the date or time'} ("${v.bound}"), another value; `) +
      "the reply's value is in none of the sources" +
      (s.turn ? "; an earlier turn's tool output, and no tool that may change it (by its name) ran since" : ''),
    values: [v.phrase, w.phrase],
  };
}

/** A time off by exactly the source's UTC offset ("14:30:00+01:00" said as 15:30): a time zone applied twice or the wrong way, said as a clue. */
function offsetLine(v: Value, w: Value): string[] {
  const zone = v.kind === 'time' && w.kind === 'time' ? /([+-])(\d{2}):?(\d{2})\s*$/.exec(w.text) : null;
  if (!zone) return [];
  const minutes = (k: string) => Number(k.slice(0, 2)) * 60 + Number(k.slice(3, 5));
  const offset = (zone[1] === '-' ? -1 : 1) * (Number(zone[2]) * 60 + Number(zone[3]));
  const diff = (((minutes(v.key) - minutes(w.key)) % 1440) + 1440) % 1440;
  if (!offset || (diff !== (offset + 1440) % 1440 && diff !== (1440 - offset) % 1440)) return [];
  return [`the two differ by exactly the source's UTC offset (${zone[0].trim()}): a time zone applied twice or the wrong way?`];
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
