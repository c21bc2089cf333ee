/**
 * Grounding of the answer: amounts, numbers, dates, ids and quoted names in the answer that no
 * input and no tool or retriever output of the trace holds (sums, differences, products and
 * roundings of the numbers found count as grounded). A heuristic: facts are found by pattern.
 */
import { operandNumbers } from '../../common/number-relations.js';
import { DATE_PARTS, extractFacts, numbersIn, numKey, type Fact, type FactKind } from '../../common/text-facts.js';
import { normaliseText } from '../../common/text-match.js';
import type { Dataflow } from '../../trace/dataflow.js';
import { defineKind } from '../finding-kind.js';
import { mention, q, type SpanMention } from '../span-mention.js';

export interface GroundingFinding {
  kind: 'grounding';
  answerSpan: SpanMention | null;
  facts: Array<{ kind: FactKind; text: string }>;
  /** The tool and retriever outputs searched, with the numbers they held (a few). */
  sources: Array<SpanMention & { numbers: string[] }>;
  heuristic: true;
  summary: string;
}

interface Corpus {
  keys: Set<string>;
  values: number[];
  /** The operands of sums and products: no digits of an id, phone number, email, date or time (read when first asked). */
  operands: () => number[];
  lower: string;
  norm: string;
}

const CORPUS_TEXT_CAP = 2_000_000;
const ARITH_MAX = 300;

function buildCorpus(flow: Dataflow): Corpus {
  const keys = new Set<string>();
  const values = new Set<number>();
  const texts: string[] = [];
  let size = 0;
  const take = (t: string) => {
    if (!t) return;
    for (const v of numbersIn(t)) {
      values.add(v);
      for (const k of [v, Math.round(v), Number(v.toFixed(1)), Number(v.toFixed(2))]) keys.add(numKey(k));
    }
    if (size < CORPUS_TEXT_CAP) {
      texts.push(t);
      size += t.length;
    }
  };
  const totals = new FieldTotals();
  for (const r of flow.records) {
    take(r.model ? r.model.given : r.inText);
    if (r.role !== 'model' && !r.carriesAnswer) {
      take(r.outText);
      totals.add(r.node.span.name, r.outText);
    }
  }
  for (const v of totals.sums()) {
    values.add(v);
    for (const k of [v, Math.round(v), Number(v.toFixed(1)), Number(v.toFixed(2))]) keys.add(numKey(k));
  }
  const joined = texts.join('\n').slice(0, CORPUS_TEXT_CAP);
  let operands: number[] | undefined;
  const sums = totals.sums();
  const ofTexts = () => [...new Set([...texts.flatMap((t) => operandNumbers(t)), ...sums])];
  return { keys, values: [...values], operands: () => (operands ??= ofTexts()), lower: joined.toLowerCase(), norm: normaliseText(joined) };
}

/**
 * A total over repeated calls: an answer that adds up six `price_leg` fares quotes the sum of
 * one field across the calls of one span name, which no pairwise sum finds.
 */
class FieldTotals {
  private readonly by = new Map<string, { sum: number; n: number }>();

  add(spanName: string, outText: string): void {
    if (!outText || outText.length > 100_000 || !/^\s*\{/.test(outText)) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(outText);
    } catch {
      return;
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return;
    for (const [field, v] of Object.entries(parsed as Record<string, unknown>)) {
      if (typeof v !== 'number' || !Number.isFinite(v)) continue;
      const key = `${spanName}\u0000${field}`;
      const t = this.by.get(key) ?? { sum: 0, n: 0 };
      this.by.set(key, { sum: t.sum + v, n: t.n + 1 });
    }
  }

  /** Sums over at least two calls (one call's value is in the corpus already). */
  sums(): number[] {
    return [...this.by.values()].filter((t) => t.n >= 2).map((t) => Number(t.sum.toFixed(2)));
  }
}

/**
 * An answer may compute: a total (a + b), a difference, a price × a count or × a rate. Small
 * integers (list positions, hours of "07:30") are too easy to combine into anything, so sums
 * and differences use numbers of 10 and more (or fractions), and a product needs a count
 * (an integer up to 20) or a rate (a fraction) on one side.
 */
function arithmeticHit(fact: Fact, values: number[]): boolean {
  if (values.length > ARITH_MAX) return false;
  const want = new Set(fact.values.map((v) => numKey(Number(v.toFixed(2)))));
  const hit = (v: number) => want.has(numKey(Number(v.toFixed(2)))) || want.has(numKey(Math.round(v)));
  const big = (v: number) => v >= 10 || !Number.isInteger(v);
  const factor = (v: number) => !Number.isInteger(v) || (v >= 2 && v <= 20);
  for (let i = 0; i < values.length; i++) {
    for (let j = i + 1; j < values.length; j++) {
      const a = values[i] as number;
      const b = values[j] as number;
      if (big(a) && big(b) && (hit(a + b) || hit(Math.abs(a - b)))) return true;
      if ((factor(a) || factor(b)) && hit(a * b)) return true;
    }
  }
  return false;
}

export function isGrounded(fact: Fact, corpus: Corpus): boolean {
  switch (fact.kind) {
    case 'amount':
    case 'percent':
    case 'number':
      // Dates, ids and phone numbers add up to anything: only amounts and counts are operands (past ARITH_MAX numbers, none).
      return fact.values.some((v) => corpus.keys.has(numKey(v))) || (corpus.values.length <= ARITH_MAX && arithmeticHit(fact, corpus.operands()));
    case 'date': {
      const [y, m, d] = fact.text.split('-');
      return (
        corpus.lower.includes(fact.text) ||
        corpus.lower.includes(`${d}/${m}/${y}`) ||
        corpus.lower.includes(`${m}/${d}/${y}`) ||
        corpus.lower.includes(`${d}.${m}.${y}`)
      );
    }
    case 'id':
      return corpus.lower.includes(fact.text.toLowerCase());
    case 'quoted': {
      const n = normaliseText(fact.text);
      return n === '' || corpus.norm.includes(n);
    }
  }
}

/** Percentages of 0 and 100 are figures of speech more often than facts. */
const worthChecking = (f: Fact) => !(f.kind === 'percent' && f.values.some((v) => v === 0 || v === 100));

/** Numbers worth showing as evidence: not the digits of dates, times of day or ids. */
const NOT_AMOUNTS = new RegExp(`${DATE_PARTS.source}|[A-Za-z]+[-_]\\d+`, 'g');
const evidenceText = (t: string): string => t.replace(NOT_AMOUNTS, ' ');

export function groundingFindings(flow: Dataflow, reply: string | null): GroundingFinding[] {
  if (!reply || !flow.models.length) return [];
  // Without a tool or retriever output there is nothing the answer should have come from.
  const sources = flow.records.filter((r) => (r.role === 'tool' || r.role === 'retriever' || r.role === 'reranker') && r.hasOutput && !r.carriesAnswer);
  if (!sources.length) return [];
  const facts = extractFacts(reply).filter(worthChecking);
  if (!facts.length) return [];
  const corpus = buildCorpus(flow);
  const ungrounded = facts.filter((f) => !isGrounded(f, corpus));
  if (!ungrounded.length) return [];
  const numeric = ungrounded.some((f) => f.values.length);
  const srcList = sources.slice(0, 3).map((s) => ({
    ...mention(flow, s),
    numbers: numeric
      ? numbersIn(evidenceText(s.outText), 40)
          .filter((v) => !Number.isInteger(v) || v >= 10)
          .slice(0, 6)
          .map(String)
      : [],
  }));
  const answerModel = [...flow.models].reverse().find((m) => m.hasOutput);
  const listed = ungrounded.slice(0, 5).map((f) => f.text);
  const more = ungrounded.length > 5 ? ` and ${ungrounded.length - 5} more` : '';
  const held = srcList.map((s) => `${q(s.ref)}${s.numbers.length ? ` returned ${s.numbers.join(', ')}` : ''}`).join('; ');
  const moreSources = sources.length > 3 ? `; ${sources.length - 3} more sources` : '';
  const summary =
    `${listed.map(q).join(', ')}${more} in the answer ${ungrounded.length === 1 ? 'is' : 'are'} in no input of the trace ` +
    `and no tool or retriever output (${held}${moreSources}) — heuristic: facts found by pattern; ` +
    'sums, differences, products and roundings of the numbers found count as grounded';
  return [
    {
      kind: 'grounding',
      answerSpan: answerModel ? mention(flow, answerModel) : null,
      facts: ungrounded.map((f) => ({ kind: f.kind, text: f.text })),
      sources: srcList,
      heuristic: true,
      summary,
    },
  ];
}

export const grounding = defineKind({
  kind: 'grounding',
  about: 'facts in the answer (amounts, numbers, dates, ids, quoted names) that no input or tool/retriever output holds',
  heuristic: true,
  section: 'findings',
  detect: ({ flow, reply }) => groundingFindings(flow, reply),
  line: (g: GroundingFinding) => g.summary,
  spans: (g: GroundingFinding) => [g.answerSpan?.spanId, ...g.sources.map((s) => s.spanId)],
  turnWeight: () => 2,
});
