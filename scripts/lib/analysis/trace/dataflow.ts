/**
 * What flowed between spans, recorded in ONE pass over the tree: per span, the documents it
 * received and handed on (retrievers, rerankers), its `top_k`/`top_n`, what a model was given
 * (system prompt, messages) and how its output ended, and the text of its inputs and outputs,
 * capped. The finding kinds (findings/kinds/: retrieval, grounding, truncation, gaps) read this
 * record; they never walk the spans again, so a 30,000-span trace costs one linear pass.
 * What a record holds is read by flow-docs.ts (documents, limits), model-input.ts and model-finish.ts.
 */
import { spanInputs, spanOutputs, spanTokenUsage, spanType, storedSide, type Located } from '../../trace/conventions.js';
import { isModelCall } from '../../trace/model-spans.js';
import { nameRef } from '../../trace/span-ref.js';
import type { Span } from '../../trace/trace.js';
import type { SpanNode, SpanTree } from '../../trace/tree.js';
import { docsOf, type FlowDoc, flatDocs, limitOf } from './flow-docs.js';
import { finishReason, maxTokensOf } from './model-finish.js';
import { type ModelInput, modelInput } from './model-input.js';

export type FlowRole = 'retriever' | 'reranker' | 'model' | 'tool' | 'other';

export interface FlowRecord {
  node: SpanNode;
  role: FlowRole;
  /** Documents handed on (retriever / reranker outputs). */
  docsOut: FlowDoc[] | null;
  /** A `top_k` / `top_n` / `k` the span was called with. */
  limit: { key: string; value: number } | null;
  model: ModelInput | null;
  /** How a model's output ended: finish/stop reason, the request's max tokens, output tokens. */
  finish: { reason: string | null; maxTokens: { key: string; value: number } | null; outputTokens: number | null } | null;
  /** Input and output as text (JSON for structures), capped: what grounding searches. */
  inText: string;
  outText: string;
  hasInput: boolean;
  hasOutput: boolean;
  /** This span is an ancestor of a model span: its output carries the answer up, not evidence. */
  carriesAnswer: boolean;
}

export interface Dataflow {
  records: FlowRecord[];
  byNode: Map<SpanNode, FlowRecord>;
  /** Model records in start order. */
  models: FlowRecord[];
  /** Retriever and reranker records in start order. */
  retrievals: FlowRecord[];
  /** `NAME#N` where names repeat, else the name (span-ref's index, built once per tree). */
  ref: (node: SpanNode) => string;
}

/** Text kept per span side; model inputs get more, they hold the retrieved context. */
const TEXT_CAP = 20_000;

function roleOf(node: SpanNode): FlowRole {
  if (isModelCall(node)) return 'model';
  const span = node.span;
  const t = spanType(span) ?? '';
  if (t === 'RETRIEVER') return 'retriever';
  if (t === 'RERANKER') return 'reranker';
  if (t === 'TOOL') return 'tool';
  return 'other';
}

/** Text of a side as stored (the raw attribute string when there is one: no re-serialising). */
function sideText(span: Span, loc: Located | null, cap: number): string {
  if (!loc) return '';
  const raw = span.rawAttributes[loc.key];
  if (typeof raw === 'string') return raw.slice(0, cap);
  if (typeof loc.value === 'string') return loc.value.slice(0, cap);
  try {
    return (JSON.stringify(loc.value) ?? '').slice(0, cap);
  } catch {
    return '';
  }
}

/** How many dataflow records this process made: a test counts them (one per trace and view). */
export const dataflowPasses = { count: 0 };

export function recordDataflow(tree: SpanTree): Dataflow {
  dataflowPasses.count++;
  const records: FlowRecord[] = [];
  const byNode = new Map<SpanNode, FlowRecord>();
  for (const node of tree.nodes) {
    const span = node.span;
    const role = roleOf(node);
    // Only models, retrievers and rerankers need their values decoded; the rest are read as stored.
    const decode = (role !== 'other' && role !== 'tool') || /rerank/i.test(span.name);
    const inLoc = decode ? spanInputs(span) : storedSide(span, 'in');
    const outLoc = decode ? spanOutputs(span) : storedSide(span, 'out');
    const rec: FlowRecord = {
      node,
      role,
      docsOut: null,
      limit: null,
      model: null,
      finish: null,
      inText: sideText(span, inLoc, TEXT_CAP),
      outText: sideText(span, outLoc, TEXT_CAP),
      hasInput: inLoc !== null,
      hasOutput: outLoc !== null,
      carriesAnswer: false,
    };
    if (role === 'retriever' || role === 'reranker' || (role === 'other' && /rerank/i.test(span.name))) {
      rec.docsOut = (outLoc ? docsOf(outLoc.value) : null) ?? flatDocs(span, role === 'reranker' ? 'reranker.output_documents' : 'retrieval.documents');
      if (role === 'other' && rec.docsOut) rec.role = 'reranker';
      rec.limit = limitOf(span, inLoc?.value);
    }
    if (role === 'model') {
      rec.model = inLoc ? modelInput(inLoc.value) : null;
      rec.finish = {
        reason: finishReason(span, outLoc?.value),
        maxTokens: maxTokensOf(span, inLoc?.value),
        outputTokens: spanTokenUsage(span)?.output ?? null,
      };
      // Mark the ancestors once each: the walk stops where an earlier model already marked.
      for (let p = node.parent; p; p = p.parent) {
        const pr = byNode.get(p);
        if (!pr || pr.carriesAnswer) break;
        pr.carriesAnswer = true;
      }
    }
    records.push(rec);
    byNode.set(node, rec);
  }
  const byStart = (a: FlowRecord, b: FlowRecord) => a.node.span.startMs - b.node.span.startMs;
  return {
    records,
    byNode,
    models: records.filter((r) => r.role === 'model').sort(byStart),
    retrievals: records.filter((r) => r.role === 'retriever' || r.role === 'reranker').sort(byStart),
    ref: (node) => nameRef(tree, node),
  };
}
