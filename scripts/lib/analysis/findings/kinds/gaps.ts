/**
 * Instrumentation gaps: a span another finding blames (a failure, the tool a model answered
 * after, the model after a retriever) that logged nothing to look at.
 */
import type { SpanNode } from '../../../trace/tree.js';
import { endOf } from '../../../trace/tree.js';
import type { Dataflow } from '../../trace/dataflow.js';
import { defineKind, MAX_EACH } from '../finding-kind.js';
import { firstFrom, mention, q, type SpanMention } from '../span-mention.js';
import type { TraceFacts } from '../trace-facts.js';
import { answeredAfterFailedTool } from './answered-after-failed-tool.js';

export interface GapFinding {
  kind: 'gap';
  span: SpanMention;
  /** Which finding blames the span. */
  blamedBy: string;
  missing: 'inputs and outputs' | 'inputs';
  heuristic: false;
  summary: string;
}

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
      summary:
        `${q(span.ref)} (${c.blamedBy}) logged no ${missing === 'inputs' ? 'inputs' : 'inputs or outputs'}: ` +
        `nothing recorded — instrument it (log its ${missing}) to see why`,
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

/** The spans the other findings blame: the failures, the tools a model answered after, then models after a retriever. */
function culprits(facts: TraceFacts): Culprit[] {
  const { tree } = facts;
  return [
    ...facts.errors.culprits.map((c) => ({ node: tree.byId.get(c.spanId) as SpanNode, blamedBy: 'failed' })),
    ...facts.of(answeredAfterFailedTool).map((a) => ({ node: tree.byId.get(a.toolSpanId) as SpanNode, blamedBy: 'the failed tool' })),
    ...promptGaps(facts.flow),
  ].filter((c) => c.node !== undefined);
}

export const gaps = defineKind({
  kind: 'gaps',
  about: 'a span another finding blames that logged no inputs (or outputs): nothing to look at',
  heuristic: false,
  section: 'findings',
  detect: (facts) => gapFindings(facts.flow, culprits(facts)),
  line: (g: GapFinding) => g.summary,
  spans: (g: GapFinding) => [g.span.spanId],
  // Not a fault of the turn: a reason to instrument, shown in the turn.
  turnWeight: () => 0,
});
