/**
 * inspect_turn --evidence: for each value the model produced, its sources in the turn or the
 * nearest candidates. Each sentence of the reply beside the source passage that best supports it
 * (most content words shared) with its values marked same / different / nowhere, and each tool
 * call's argument values likewise, judged against what the model had when it decided. Bounded:
 * sentences, calls and values per item are capped and the cuts counted.
 */
import { sentencesOf } from '../common/sentences.js';
import { normaliseText } from '../common/text-match.js';
import { extractValues, type Value } from '../common/values.js';
import type { Trace } from '../../trace/trace.js';
import type { SpanTree } from '../../trace/tree.js';
import { recordDataflow } from './dataflow.js';
import { argumentLeaves, decidedAt, traceProvenance, type EarlierTurn, type Provenance, type Source } from './provenance.js';
import { locateTurn, replyProse } from './turn-io.js';
import { nameEvidence, passageOf, type SourcePassage, valueEvidence, type ValueEvidence } from './value-evidence.js';

export interface SentenceEvidence {
  sentence: string;
  /** The source passage sharing the most content words with the sentence (null: none shares a third). */
  support: (SourcePassage & { shared: number }) | null;
  values: ValueEvidence[];
}

export interface CallEvidence {
  spanId: string;
  ref: string;
  tool: string;
  /** Calls of the same tool with the same arguments, this one first. */
  repeats: number;
  values: ValueEvidence[];
}

export interface Evidence {
  reply: SentenceEvidence[];
  calls: CallEvidence[];
  /** What the bounds left out (--json has the same bounds). */
  cut: { sentences: number; calls: number; values: number };
  heuristic: string;
}

export const EVIDENCE_LIMITS = { sentences: 30, calls: 20, valuesPerItem: 8, sources: 400, passageChars: 1_000_000 } as const;
const HEURISTIC =
  'values found by pattern (ids, emails, numbers with their noun, dates and times, quoted names, short names in arguments) and compared by reading; ' +
  'support is the passage sharing the most content words';

/** Short string arguments that name a thing (a slug, a place, a person), not prose or a query. */
const NAME_ARG = /^[\p{L}][\p{L}\p{N}]*(?:[ _.\-/][\p{L}\p{N}]+){0,3}$/u;
const QUOTED = /["“«`]([^"”»`\n]{2,60})["”»`]/g;

export function traceEvidence(p: Provenance): Evidence {
  const cut = { sentences: 0, calls: 0, values: 0 };
  const calls: CallEvidence[] = [];
  const byArgs = new Map<string, CallEvidence>();
  for (const c of p.calls) {
    const same = byArgs.get(`${c.tool}\u0000${c.argsText}`);
    if (same) {
      same.repeats++;
      continue;
    }
    if (calls.length >= EVIDENCE_LIMITS.calls) {
      cut.calls++;
      continue;
    }
    const cutoff = decidedAt(p, c.startMs);
    const given = givenBefore(p, cutoff);
    const values = argumentLeaves(c.args(), 50).flatMap((leaf) => argumentValues(p, leaf.key, leaf.value, given, cutoff));
    cut.values += Math.max(0, values.length - EVIDENCE_LIMITS.valuesPerItem);
    const call = { spanId: c.node.span.id, ref: p.ref(c.node), tool: c.tool, repeats: 1, values: values.slice(0, EVIDENCE_LIMITS.valuesPerItem) };
    byArgs.set(`${c.tool}\u0000${c.argsText}`, call);
    calls.push(call);
  }
  const reply: SentenceEvidence[] = [];
  if (p.reply) {
    const cutoff = decidedAt(p, p.reply.atMs);
    const given = givenBefore(p, cutoff);
    const passages = passagesOf(given);
    const sentences = splitSentences(p.reply.text);
    cut.sentences = Math.max(0, sentences.length - EVIDENCE_LIMITS.sentences);
    for (const sentence of sentences.slice(0, EVIDENCE_LIMITS.sentences)) {
      const values = [
        ...onePerText(extractValues(sentence)).map((v) => valueEvidence(p, v, given, cutoff)),
        ...quotedNames(sentence).map((n) => nameEvidence(p, n, given, null)),
      ];
      cut.values += Math.max(0, values.length - EVIDENCE_LIMITS.valuesPerItem);
      reply.push({ sentence, support: bestPassage(p, sentence, passages), values: values.slice(0, EVIDENCE_LIMITS.valuesPerItem) });
    }
  }
  return { reply, calls, cut, heuristic: HEURISTIC };
}

/** "at 2 pm on December 9" is a date and a time in one text: judged once, as the date. */
const onePerText = (values: Value[]): Value[] => values.filter((v, i) => !values.slice(0, i).some((w) => w.text === v.text && w.index === v.index));

/** The sources the model had before a moment, user and system first (a bounded number). */
function givenBefore(p: Provenance, cutoff: number): Source[] {
  return p.sources.filter((s) => s.atMs <= cutoff).slice(0, EVIDENCE_LIMITS.sources);
}

/** An argument's checkable values: ids, emails, numbers (bound to the key), dates, and a short name. */
function argumentValues(p: Provenance, key: string, value: string, given: Source[], cutoff: number): ValueEvidence[] {
  const bound = key || null;
  if (/^-?\d+(\.\d+)?$/.test(value)) {
    const v = extractValues(value)[0];
    return v ? [valueEvidence(p, v, given, cutoff, bound)] : [];
  }
  if (value.length > 300) return [];
  const values = extractValues(value).map((v) => valueEvidence(p, v, given, cutoff, bound));
  if (!values.length && NAME_ARG.test(value.trim()) && /\p{L}{2}/u.test(value)) values.push(nameEvidence(p, value.trim(), given, bound));
  return values;
}

/** An argument key as words: `current_chunk_size` → "current chunk size", `passenger.email` → "passenger email". */
export const keyWords = (key: string): string | null =>
  key
    .replace(/\[\d+\]/g, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[._-]+/g, ' ')
    .trim()
    .toLowerCase() || null;

function quotedNames(sentence: string): string[] {
  return [...sentence.matchAll(QUOTED)].map((m) => (m[1] ?? '').trim()).filter((s) => /\p{L}/u.test(s) && s.split(/\s+/).length <= 8);
}

/** Reply sentences (common/sentences.ts), table rule lines left out. */
export function splitSentences(text: string): string[] {
  return sentencesOf(text.slice(0, 20_000)).filter((s) => /[\p{L}\p{N}]/u.test(s));
}

interface Passage {
  source: Source;
  at: number;
  words: Set<string>;
}

const STOP = new Set('the and for with that this you your are was were have has from not can will our its into per each all any'.split(' '));
const contentWords = (s: string): Set<string> =>
  new Set(
    normaliseText(s)
      .split(' ')
      .filter((w) => w.length >= 3 && !STOP.has(w)),
  );

function passagesOf(given: Source[]): Passage[] {
  const out: Passage[] = [];
  let chars = 0;
  // Raw JSON (a root's inputs) last: the same words as a message read better.
  const ordered = [...given].sort((a, b) => Number(/^\s*[[{]/.test(a.text)) - Number(/^\s*[[{]/.test(b.text)));
  for (const source of ordered) {
    if (chars > EVIDENCE_LIMITS.passageChars) break;
    chars += source.text.length;
    for (const m of source.text.matchAll(/[^\n.!?]+[.!?]*/g)) {
      const words = contentWords(m[0]);
      if (words.size) out.push({ source, at: m.index, words });
    }
  }
  return out;
}

function bestPassage(p: Provenance, sentence: string, passages: Passage[]): SentenceEvidence['support'] {
  const words = contentWords(sentence);
  if (!words.size) return null;
  let best: Passage | null = null;
  let bestShared = 0;
  for (const ps of passages) {
    let shared = 0;
    for (const w of words) if (ps.words.has(w)) shared++;
    if (shared > bestShared) [best, bestShared] = [ps, shared];
  }
  if (!best || bestShared / words.size < 1 / 3) return null;
  return { ...passageOf(p, best.source, best.at), shared: bestShared };
}

/** A trace's evidence: the provenance pass over its tree, the reply as the turn finds it, the session's earlier turns when read. */
export function evidenceOfTrace(trace: Trace, tree: SpanTree, earlier: readonly EarlierTurn[] = []): Evidence {
  const turn = locateTurn(trace, tree);
  const reply = replyProse(turn);
  return traceEvidence(traceProvenance(tree, recordDataflow(tree), reply, earlier));
}
