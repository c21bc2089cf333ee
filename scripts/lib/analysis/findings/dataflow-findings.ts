/**
 * Findings about what flowed between spans, read from the one-pass record (dataflow.ts):
 * - retrieval: a retriever's best document never reached the next model's prompt (with the
 *   reranker's rank and score, and the top_n that cut it), or none of its documents did;
 * - grounding: amounts, numbers, dates, ids and quoted names in the answer that no input and
 *   no tool or retriever output of the trace holds;
 * - truncation: a model's output cut at its token limit;
 * - gaps: a span a finding blames that logged nothing to look at.
 * Each names its spans (`NAME#N` where names repeat) and says when it is a heuristic. A
 * finding that cannot be decided (documents without text, no tool output to check against,
 * no model input logged) is not made.
 */
import type { SpanNode } from '../../trace/tree.js';
import { endOf } from '../../trace/tree.js';
import type { Dataflow, FlowDoc, FlowRecord } from '../trace/dataflow.js';
import { isCutReason } from '../trace/dataflow.js';
import { extractFacts, normaliseText, numbersIn, numKey, type Fact, type FactKind } from '../common/text-facts.js';

export interface SpanMention {
  ref: string;
  spanId: string;
}

export interface DroppedDoc {
  id: string | null;
  /** Position in the retriever's output (1-based). */
  rank: number;
  score: number | null;
  /** Position and score the reranker gave it (null: not in the reranker's output, or no reranker). */
  rerankRank: number | null;
  rerankScore: number | null;
}

export interface RetrievalFinding {
  kind: 'retrieval';
  /** `top-dropped`: the retriever's #1 did not reach the prompt; `none-reached`: no document did. */
  problem: 'top-dropped' | 'none-reached';
  retriever: SpanMention;
  reranker: SpanMention | null;
  model: SpanMention;
  retrieved: number;
  /** Documents whose presence could be decided (text long enough, or id found). */
  decided: number;
  reached: number;
  dropped: DroppedDoc[];
  limit: { key: string; value: number } | null;
  /** The same finding in other retriever → model pairs of the trace. */
  count: number;
  heuristic: true;
  summary: string;
}

export interface GroundingFinding {
  kind: 'grounding';
  answerSpan: SpanMention | null;
  facts: Array<{ kind: FactKind; text: string }>;
  /** The tool and retriever outputs searched, with the numbers they held (a few). */
  sources: Array<SpanMention & { numbers: string[] }>;
  heuristic: true;
  summary: string;
}

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

export interface GapFinding {
  kind: 'gap';
  span: SpanMention;
  /** Which finding blames the span. */
  blamedBy: string;
  missing: 'inputs and outputs' | 'inputs';
  heuristic: false;
  summary: string;
}

export interface DataflowFindings {
  retrieval: RetrievalFinding[];
  grounding: GroundingFinding[];
  truncation: TruncationFinding[];
  gaps: GapFinding[];
}

const MAX_EACH = 20;
const q = (s: string) => `\`${s}\``;
const mention = (flow: Dataflow, r: FlowRecord): SpanMention => ({ ref: flow.ref(r.node), spanId: r.node.span.id });
const fmtScore = (s: number | null) => (s === null ? '?' : String(Number(s.toFixed(3))));

// ---------------------------------------------------------------------------------------------
// retrieval → prompt
// ---------------------------------------------------------------------------------------------

/** The first record in `list` (sorted by start) starting at or after `t`. */
function firstFrom(list: FlowRecord[], t: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as FlowRecord).node.span.startMs < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const usableId = (id: string | null): string | null => {
  if (!id) return null;
  const n = normaliseText(id);
  return n.length >= 4 && !/^\d+$/.test(n) ? n : null;
};

/** Whether the document is in the prompt: true, false, or null when it cannot be told. */
export function docInPrompt(doc: FlowDoc, promptNorm: string): boolean | null {
  const id = usableId(doc.id);
  if (id && promptNorm.includes(id)) return true;
  if (doc.windows.some((w) => promptNorm.includes(w))) return true;
  return doc.windows.length ? false : null;
}

function sameDoc(a: FlowDoc, b: FlowDoc): boolean {
  if (a.id && b.id) return a.id === b.id;
  return a.windows.length > 0 && a.windows[0] === b.windows[0];
}

function docLabel(d: DroppedDoc): string {
  return d.id ? q(d.id) : '(a document without id)';
}

function retrievalSummary(f: RetrievalDraft): string {
  const times = f.count > 1 ? ` (×${f.count} in this trace)` : '';
  const how = ' — heuristic: documents matched by id and by text';
  if (f.problem === 'none-reached') {
    const via = f.reranker ? ` (nor any ${q(f.reranker.ref)} kept)` : '';
    return `${q(f.model.ref)}'s input holds none of the ${f.retrieved} document${f.retrieved === 1 ? '' : 's'} ${q(f.retriever.ref)} retrieved${via}: the prompt was built without its context${times}${how}`;
  }
  const top = f.dropped[0] as DroppedDoc;
  const limit = f.limit ? ` and dropped by ${f.limit.key}: ${f.limit.value}` : '';
  let fate: string;
  if (f.reranker && top.rerankRank !== null) {
    fate = `was ranked #${top.rerankRank} by ${q(f.reranker.ref)} (${fmtScore(top.rerankScore)} vs ${fmtScore(f.topRerankScore)} for its #1)${limit}`;
  } else if (f.reranker) fate = `is not in ${q(f.reranker.ref)}'s output${f.limit ? ` (${f.limit.key}: ${f.limit.value})` : ''}`;
  else fate = 'did not reach it';
  const others =
    f.dropped.length > 1
      ? `; also dropped: ${f.dropped
          .slice(1, 4)
          .map((d) => `#${d.rank} ${docLabel(d)}`)
          .join(', ')}`
      : '';
  return `${q(f.model.ref)}'s prompt held ${f.reached} of ${f.retrieved} documents ${q(f.retriever.ref)} retrieved; ${q(f.retriever.ref)}'s #1 ${docLabel(top)}${top.score !== null ? ` (score ${fmtScore(top.score)})` : ''} ${fate}${others}${times}${how}`;
}

type RetrievalDraft = Omit<RetrievalFinding, 'summary'> & { topRerankScore: number | null };

function checkRetriever(flow: Dataflow, r: FlowRecord, rerankers: FlowRecord[]): RetrievalDraft | null {
  const docs = r.docsOut;
  if (!docs?.length) return null;
  const end = endOf(r.node.span);
  const m = flow.models[firstFrom(flow.models, end)];
  if (!m?.model) return null;
  const rrCandidate = rerankers[firstFrom(rerankers, r.node.span.startMs)];
  const rr = rrCandidate && rrCandidate !== r && endOf(rrCandidate.node.span) <= m.node.span.startMs ? rrCandidate : null;
  const verdicts = docs.map((d) => docInPrompt(d, (m.model as NonNullable<FlowRecord['model']>).norm));
  const decided = verdicts.filter((v) => v !== null).length;
  const reached = verdicts.filter((v) => v === true).length;
  if (!decided) return null;
  const rrDocs = rr?.docsOut ?? [];
  const rrReached = rrDocs.some((d) => docInPrompt(d, (m.model as NonNullable<FlowRecord['model']>).norm) === true);
  let problem: RetrievalFinding['problem'] | null = null;
  // "None reached" needs every document decided (an undecidable one may be the one used), and a
  // model given no tool results: one that was answers from them, which may be by design.
  if (reached === 0 && !rrReached && decided === docs.length && !m.model.toolMessages.length) problem = 'none-reached';
  else if (verdicts[0] === false && reached > 0) problem = 'top-dropped';
  if (!problem) return null;
  const dropped: DroppedDoc[] = docs
    .filter((_, i) => verdicts[i] === false)
    .slice(0, 10)
    .map((d) => {
      const inRr = rrDocs.find((x) => sameDoc(x, d));
      return { id: d.id, rank: d.rank, score: d.score, rerankRank: inRr?.rank ?? null, rerankScore: inRr?.score ?? null };
    });
  return {
    kind: 'retrieval',
    problem,
    retriever: mention(flow, r),
    reranker: rr ? mention(flow, rr) : null,
    model: mention(flow, m),
    retrieved: docs.length,
    decided,
    reached,
    dropped,
    limit: rr?.limit ?? r.limit,
    count: 1,
    heuristic: true,
    topRerankScore: rrDocs[0]?.score ?? null,
  };
}

export function retrievalFindings(flow: Dataflow): RetrievalFinding[] {
  const rerankers = flow.retrievals.filter((r) => r.role === 'reranker');
  const groups = new Map<string, RetrievalDraft>();
  for (const r of flow.retrievals) {
    if (r.role !== 'retriever') continue;
    const f = checkRetriever(flow, r, rerankers);
    if (!f) continue;
    const base = (m: SpanMention | null) => (m ? m.ref.replace(/#\d+$/, '') : '');
    const key = [f.problem, r.node.span.name, base(f.reranker), base(f.model)].join('\u0000');
    const seen = groups.get(key);
    if (seen) seen.count += 1;
    else groups.set(key, f);
  }
  return [...groups.values()].slice(0, MAX_EACH).map(({ topRerankScore, ...f }) => ({ ...f, summary: retrievalSummary({ ...f, topRerankScore }) }));
}

// ---------------------------------------------------------------------------------------------
// grounding of the answer
// ---------------------------------------------------------------------------------------------

interface Corpus {
  keys: Set<string>;
  values: number[];
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
  return { keys, values: [...values], lower: joined.toLowerCase(), norm: normaliseText(joined) };
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
      return fact.values.some((v) => corpus.keys.has(numKey(v))) || arithmeticHit(fact, corpus.values);
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
const evidenceText = (t: string): string => t.replace(/\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+Z?)?|\b\d{1,2}:\d{2}(?::\d{2})?\b|[A-Za-z]+[-_]\d+/g, ' ');

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
  const summary = `${listed.map(q).join(', ')}${more} in the answer ${ungrounded.length === 1 ? 'is' : 'are'} in no input of the trace and no tool or retriever output (${held}${sources.length > 3 ? `; ${sources.length - 3} more sources` : ''}) — heuristic: facts found by pattern; sums, differences, products and roundings of the numbers found count as grounded`;
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

// ---------------------------------------------------------------------------------------------
// output limits
// ---------------------------------------------------------------------------------------------

export function truncationFindings(flow: Dataflow, reply: string | null): TruncationFinding[] {
  const groups = new Map<string, TruncationFinding>();
  const replyHead = reply ? normaliseText(reply.slice(0, 300)).slice(0, 80) : '';
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

// ---------------------------------------------------------------------------------------------
// instrumentation gaps
// ---------------------------------------------------------------------------------------------

export interface Culprit {
  node: SpanNode;
  blamedBy: string;
  /** `inputs`: a span blamed for what it was given needs its inputs, outputs alone do not help. */
  need?: 'inputs';
}

export function gapFindings(flow: Dataflow, culprits: readonly Culprit[]): GapFinding[] {
  const out: GapFinding[] = [];
  const seen = new Set<SpanNode>();
  for (const c of culprits) {
    if (seen.has(c.node) || out.length >= MAX_EACH) continue;
    seen.add(c.node);
    const r = flow.byNode.get(c.node);
    if (!r || r.hasInput || (r.hasOutput && c.need !== 'inputs')) continue;
    const span = mention(flow, r);
    const missing = r.hasOutput ? 'inputs' : 'inputs and outputs';
    out.push({
      kind: 'gap',
      span,
      blamedBy: c.blamedBy,
      missing,
      heuristic: false,
      summary: `${q(span.ref)} (${c.blamedBy}) logged no ${missing === 'inputs' ? 'inputs' : 'inputs or outputs'}: nothing recorded — instrument it (log its ${missing}) to see why`,
    });
  }
  return out;
}

/** Retrievers followed by a model that logged no input: whether the documents arrived is unknown. */
export function promptGaps(flow: Dataflow): Culprit[] {
  const out: Culprit[] = [];
  for (const r of flow.retrievals) {
    if (r.role !== 'retriever' || !r.docsOut?.length) continue;
    const m = flow.models[firstFrom(flow.models, endOf(r.node.span))];
    if (m && !m.hasInput)
      out.push({ node: m.node, blamedBy: `the model after ${q(flow.ref(r.node))}: whether its documents arrived is unknown`, need: 'inputs' });
  }
  return out;
}

export function analyseDataflow(flow: Dataflow, reply: string | null, culprits: readonly Culprit[]): DataflowFindings {
  const retrieval = retrievalFindings(flow);
  const grounding = groundingFindings(flow, reply);
  const truncation = truncationFindings(flow, reply);
  return { retrieval, grounding, truncation, gaps: gapFindings(flow, [...culprits, ...promptGaps(flow)]) };
}
