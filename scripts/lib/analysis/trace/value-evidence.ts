/**
 * Where one value the model produced came from: the sources that hold it (before the model call
 * that produced it), else a source binding the same noun or word to another value, else the
 * nearest candidates (one or two characters apart, digits swapped, another scale). Marked same /
 * different / nowhere. A heuristic: values are found by pattern and compared by reading.
 */
import { derivation, operandNumbers, rounded } from '../common/number-relations.js';
import { numbersIn } from '../common/text-facts.js';
import { normaliseText } from '../common/text-match.js';
import { sentenceAt } from '../common/sentences.js';
import { addDays, isToday, relativeDays } from '../common/relative-days.js';
import { currencyOnly, howDiffers, locateKey, type Value, within } from '../common/values.js';
import { isTurnRecord, kindOrder, nearestTokens, sourceValues, sourcesHolding, type Provenance, type Source, type SourceKind } from './provenance.js';

export type Verdict = 'same' | 'different' | 'nowhere';

export interface SourcePassage {
  kind: SourceKind;
  spanId: string;
  /** `NAME#N` when names repeat: what `--span` takes. */
  ref: string;
  docId: string | null;
  rank: number | null;
  score: number | null;
  /** The sentence of the source around the value (≤ 160 chars). */
  passage: string;
  /** Read from a model call's input messages (the span is that model call), not from the span's own output. */
  inPrompt: boolean;
  /** An earlier turn of the session (its number and trace), not this trace: its span is this trace's root. */
  turn: { n: number; traceId: string; tool?: string } | null;
}

export interface ValueEvidence {
  /** As written. */
  text: string;
  kind: Value['kind'] | 'name';
  /** A tool argument's key as written (`booking_id`), or what a reply's value is bound to (its noun or unit, the word before a date). */
  boundTo: string | null;
  verdict: Verdict;
  /** same: where it is held (first two, user first); different: the other value's source. */
  sources: SourcePassage[];
  /** different: the other value as written ("2 checked bags"). */
  other: string | null;
  /** nowhere: the nearest values the model had, with how they differ. */
  candidates: Array<{ text: string; how: string; source: SourcePassage }>;
  /** How a same was decided when not by the value itself: "worked out", "rounded", "as a word", "the number alone". */
  note: string | null;
}

const MAX_SOURCES = 2;
const MAX_CANDIDATES = 2;

export function passageOf(p: Provenance, s: Source, at: number): SourcePassage {
  const inPrompt = s.kind !== 'document' && s.atMs === s.node.span.startMs && p.flow.models.some((m) => m.node === s.node);
  const passage = sentenceAt(s.text, Math.max(0, at));
  const turn = s.turn ? { n: s.turn.n, traceId: s.turn.traceId, ...(s.turn.tool ? { tool: s.turn.tool } : {}) } : null;
  return { kind: s.kind, spanId: s.node.span.id, ref: p.ref(s.node), docId: s.docId, rank: s.rank, score: s.score, passage, inPrompt, turn };
}

/** A source whose text is raw JSON (a root's inputs) reads worse than the same words as a message. */
const jsonish = (s: Source): number => Number(/^\s*[[{]/.test(s.text));
/** By kind (the user first), this trace's own before an earlier turn's, plain text before raw JSON. */
const rankSource = (a: Source, b: Source): number => kindOrder(a.kind) - kindOrder(b.kind) || Number(!!a.turn) - Number(!!b.turn) || jsonish(a) - jsonish(b);
const byKind = (a: { s: Source }, b: { s: Source }) => rankSource(a.s, b.s);

/** The numbers written in a source, read once. */
const numberCache = new WeakMap<Source, Set<number>>();
function numbersOf(s: Source): Set<number> {
  let n = numberCache.get(s);
  if (!n) numberCache.set(s, (n = new Set(numbersIn(s.text, 2_000))));
  return n;
}
/** The numbers of a source that may be operands of a sum (none inside an id, phone, email, date or time), read once. */
const operandCache = new WeakMap<Source, number[]>();
export function sourceOperands(s: Source): number[] {
  let n = operandCache.get(s);
  if (!n) operandCache.set(s, (n = operandNumbers(s.text, sourceValues(s))));
  return n;
}
const WORDS = 'zero one two three four five six seven eight nine ten eleven twelve'.split(' ');

/** One value's evidence among the sources the model had before `cutoff`. */
export function valueEvidence(p: Provenance, v: Value, given: Source[], cutoff: number, boundTo: string | null = v.bound): ValueEvidence {
  const base = { text: v.text, kind: v.kind, boundTo, other: null, candidates: [], note: null };
  if (v.kind === 'id' || v.kind === 'email') return tokenEvidence(p, v, cutoff, base);
  const matches = given.flatMap((s) => sourceValues(s).map((w) => ({ s, w })));
  const held = matches
    .filter(({ w }) => w.kind === v.kind && agrees(v, w))
    .sort((a, b) => Number(b.w.bound === v.bound) - Number(a.w.bound === v.bound) || byKind(a, b));
  // A date no source of this trace writes out may be "tomorrow" from a "today is" line: said so, above an earlier turn's copy.
  const fromToday = v.kind === 'date' && !held.some(({ s }) => !s.turn) ? dayWorkedOut(p, v, given) : null;
  if (fromToday) return { ...base, ...fromToday };
  if (held.length)
    return {
      ...base,
      // Held by earlier turns only: the conversation has it, but none of this trace's model calls was given it.
      note: held.every(({ s }) => s.turn) ? "an earlier turn holds it; this trace's model input does not" : null,
      verdict: 'same',
      sources: distinct(
        p,
        held.map(({ s, w }) => [s, w.index]),
      ),
    };
  // Weaker readings (the number alone, worked out, rounded) over this trace's sources and earlier turns' standing tool records:
  // an earlier turn's words count for the value itself.
  const ordered = given.filter((s) => !s.turn || isTurnRecord(s)).sort(rankSource);
  if (v.kind === 'quantity') {
    const found = numberHeld(p, v, ordered);
    if (found) return { ...base, ...found };
  }
  // An earlier turn's words ("2 bags" in turn 1) describe that turn: never the other value of a different (its standing tool records may be).
  const other =
    v.bound && !currencyOnly(v)
      ? matches.find(({ s, w }) => (!s.turn || isTurnRecord(s)) && w.kind === v.kind && w.bound === v.bound && !w.approximate && !w.negated)
      : undefined;
  if (other && v.kind === 'quantity' && rounded(v.numbers, other.w.numbers))
    return { ...base, verdict: 'same', sources: [passageOf(p, other.s, other.w.index)], note: 'rounded' };
  const worked = v.kind === 'quantity' && workedOut(v, ordered);
  if (other) {
    const note = worked ? "or worked out from the sources' numbers" : null;
    const otherText = other.w.kind === 'quantity' ? other.w.phrase : other.w.text;
    return { ...base, verdict: 'different', sources: [passageOf(p, other.s, other.w.index)], other: otherText, note };
  }
  if (worked)
    return {
      ...base,
      verdict: 'same',
      sources: [],
      note: `worked out: ${worked} from the sources' numbers (a heuristic: among many numbers a sum can be chance)`,
    };
  const near = v.kind === 'quantity' ? ordered.find((s) => rounded(v.numbers, [...numbersOf(s)].slice(0, 500))) : undefined;
  if (near) return { ...base, verdict: 'same', sources: [passageOf(p, near, 0)], note: 'rounded' };
  return { ...base, verdict: 'nowhere', sources: [], candidates: nearValues(p, v, matches) };
}

/** A date that is a day-relative word of a user message ("tomorrow") counted from a date said as today in this trace's sources. */
function dayWorkedOut(p: Provenance, v: Value, given: readonly Source[]): Pick<ValueEvidence, 'verdict' | 'sources' | 'note'> | null {
  const own = given.filter((s) => !s.turn);
  const today = own.flatMap((s) =>
    sourceValues(s)
      .filter(isToday)
      .map((w) => ({ s, w })),
  )[0];
  if (!today) return null;
  for (const s of own.filter((x) => x.kind === 'user')) {
    const r = relativeDays(s.text).find((d) => addDays(today.w.key, d.days) === v.key);
    if (!r) continue;
    const sources = [passageOf(p, s, r.index), passageOf(p, today.s, today.w.index)];
    return { verdict: 'same', sources, note: `worked out: "${r.phrase}" counted from today, ${today.w.text}` };
  }
  return null;
}

/** The first sources of a list, one passage each (a message and the same text replayed are one). */
function distinct(p: Provenance, list: Array<[Source, number]>): SourcePassage[] {
  const out: SourcePassage[] = [];
  for (const [s, at] of list) {
    const passage = passageOf(p, s, at);
    const norm = normaliseText(passage.passage);
    if (out.some((o) => normaliseText(o.passage).includes(norm) || norm.includes(normaliseText(o.passage)))) continue;
    out.push(passage);
    if (out.length >= MAX_SOURCES) break;
  }
  return out;
}

/** A number no source binds as a value, held as a bare number (a JSON field) or a word ("two tickets"). */
function numberHeld(p: Provenance, v: Value, ordered: Source[]): Pick<ValueEvidence, 'verdict' | 'sources' | 'note'> | null {
  const bare = ordered.find((s) => v.numbers.some((n) => numbersOf(s).has(n)));
  if (bare) return { verdict: 'same', sources: [passageOf(p, bare, bare.text.indexOf(v.key))], note: 'the number alone' };
  const word = v.numbers.length === 1 ? WORDS[v.numbers[0] as number] : undefined;
  if (!word) return null;
  const re = new RegExp(`\\b${word}\\b`, 'i');
  const said = ordered.find((s) => re.test(s.text));
  return said ? { verdict: 'same', sources: [passageOf(p, said, said.text.search(re))], note: 'as a word' } : null;
}

/** How the value is worked out from the sources' numbers ("399 + 250"), said so the reader can judge a chance sum. */
const workedOut = (v: Value, ordered: Source[]): string | null =>
  derivation(v.numbers, new Set(ordered.slice(0, 200).flatMap((s) => sourceOperands(s).slice(0, 100))));

function tokenEvidence(p: Provenance, v: Value, cutoff: number, base: Omit<ValueEvidence, 'verdict' | 'sources'>): ValueEvidence {
  const holders = sourcesHolding(p, v.key, cutoff).sort(rankSource);
  const at = (s: Source, token: string) => locateKey(s.text, token)?.index ?? -1;
  if (holders.length)
    return {
      ...base,
      verdict: 'same',
      sources: distinct(
        p,
        holders.map((s) => [s, at(s, v.key)]),
      ),
    };
  const near = nearestTokens(p, v.key, cutoff, ['user', 'system', 'document', 'tool-output', 'model-output']).slice(0, MAX_CANDIDATES);
  const candidates = near.map((c) => {
    const found = locateKey(c.source.text, c.token);
    return { text: found?.written ?? c.token, how: howDiffers(v.key, c.token), source: passageOf(p, c.source, found?.index ?? -1) };
  });
  return { ...base, verdict: 'nowhere', sources: [], candidates };
}

/** Whether two values of one kind say the same: any reading of a number, a date inside a range, a time. */
export function agrees(a: Value, b: Value): boolean {
  if (a.kind === 'quantity') return a.numbers.some((n) => b.numbers.includes(n));
  return a.key === b.key || (a.kind === 'date' && (a.key.endsWith(b.key) || b.key.endsWith(a.key))) || within(a, b);
}

const SCALES = [10, 100, 1000, 60];

/** Values of the same kind a slip away: a digit changed or two swapped, or another scale (×10, ×100, ×1000, ×60). */
function nearValues(p: Provenance, v: Value, matches: Array<{ s: Source; w: Value }>): ValueEvidence['candidates'] {
  const out: ValueEvidence['candidates'] = [];
  const seen = new Set<string>();
  for (const { s, w } of [...matches].sort(byKind)) {
    if (out.length >= MAX_CANDIDATES) break;
    if (w.kind !== v.kind || seen.has(w.key)) continue;
    const how = slip(v, w);
    if (!how) continue;
    seen.add(w.key);
    out.push({ text: w.kind === 'quantity' ? w.phrase : w.text, how, source: passageOf(p, s, w.index) });
  }
  return out;
}

function slip(v: Value, w: Value): string | null {
  const digits = (x: Value) => x.key.replace(/\D/g, '');
  const [a, b] = [digits(v), digits(w)];
  if (a.length >= 2 && a.length === b.length && a !== b) {
    const how = howDiffers(a, b);
    if (how === 'two digits swapped' || how === 'one digit changed') return how;
  }
  if (v.kind !== 'quantity') return null;
  for (const n of v.numbers)
    for (const m of w.numbers)
      for (const f of SCALES) if (n !== 0 && (Math.abs(n * f - m) < 1e-9 || Math.abs(m * f - n) < 1e-9)) return `another scale (×${f})`;
  return null;
}

/** A name or quoted string: the sources whose text holds it, normalised (case, punctuation). */
export function nameEvidence(p: Provenance, name: string, given: Source[], boundTo: string | null): ValueEvidence {
  const needle = normaliseText(name);
  const base = { text: name, kind: 'name' as const, boundTo, other: null, candidates: [], note: null };
  if (!needle) return { ...base, verdict: 'nowhere', sources: [] };
  const held = given
    .map((s) => ({ s, at: ` ${normaliseText(s.text)} `.indexOf(` ${needle} `) }))
    .filter((h) => h.at >= 0)
    .sort(byKind);
  if (!held.length) return { ...base, verdict: 'nowhere', sources: [] };
  const sources = distinct(
    p,
    held.map(({ s }) => [s, Math.max(0, s.text.toLowerCase().indexOf(name.toLowerCase().slice(0, 20)))]),
  );
  return { ...base, verdict: 'same', sources };
}
