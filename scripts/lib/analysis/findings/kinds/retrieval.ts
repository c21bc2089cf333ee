/**
 * Retrieval → prompt: a retriever's best document never reached the next model's prompt (with
 * the reranker's rank and score, and the top_n that cut it), or none of its documents did.
 * Documents are matched by id and by windows of their text (common/text-match.ts): a heuristic.
 */
import { endOf } from '../../../trace/tree.js';
import { docInPrompt } from '../../common/text-match.js';
import type { Dataflow, FlowRecord } from '../../trace/dataflow.js';
import type { FlowDoc } from '../../trace/flow-docs.js';
import { defineKind, MAX_EACH } from '../finding-kind.js';
import { firstFrom, mention, q, type SpanMention } from '../span-mention.js';

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

const fmtScore = (s: number | null) => (s === null ? '?' : String(Number(s.toFixed(3))));

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
    const docs = `${f.retrieved} document${f.retrieved === 1 ? '' : 's'}`;
    return `${q(f.model.ref)}'s input holds none of the ${docs} ${q(f.retriever.ref)} retrieved${via}: the prompt was built without its context${times}${how}`;
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
  const score = top.score !== null ? ` (score ${fmtScore(top.score)})` : '';
  const held = `${q(f.model.ref)}'s prompt held ${f.reached} of ${f.retrieved} documents ${q(f.retriever.ref)} retrieved`;
  return `${held}; ${q(f.retriever.ref)}'s #1 ${docLabel(top)}${score} ${fate}${others}${times}${how}`;
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

export const retrieval = defineKind({
  kind: 'retrieval',
  about: "a retriever's best document (or every document) never reached the next model's prompt",
  heuristic: true,
  section: 'findings',
  detect: ({ flow }) => retrievalFindings(flow),
  line: (r: RetrievalFinding) => r.summary,
  spans: (r: RetrievalFinding) => [r.retriever.spanId, r.reranker?.spanId, r.model.spanId],
  turnWeight: () => 2,
});
