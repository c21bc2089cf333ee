/**
 * The provenance kinds' findings for one trace, through the registry's trace facts (the pass
 * computed once): what the labelled-set test and the bench score.
 */
import type { ProvenanceFinding } from '../findings/provenance-finding.js';
import { argumentNotFromConversation } from '../findings/kinds/argument-origin.js';
import { loopOrStop } from '../findings/kinds/loops.js';
import { failureInOkOutput } from '../findings/kinds/ok-failures.js';
import { replyContradictsSources } from '../findings/kinds/reply-contradiction.js';
import { sourcesDisagree } from '../findings/kinds/sources-disagree.js';
import { TraceFacts } from '../findings/trace-facts.js';
import type { Trace } from '../../trace/trace.js';
import { buildTree, type SpanTree } from '../../trace/tree.js';
import type { Dataflow } from './dataflow.js';
import type { EarlierTurn } from './provenance.js';
import { locateTurn, replyProse } from './turn-io.js';

export const PROVENANCE_KINDS = [failureInOkOutput, argumentNotFromConversation, replyContradictsSources, sourcesDisagree, loopOrStop] as const;

export function provenanceOf(
  trace: Trace,
  tree: SpanTree = buildTree(trace.spans),
  flow?: Dataflow,
  earlier: readonly EarlierTurn[] = [],
): ProvenanceFinding[] {
  const turn = locateTurn(trace, tree);
  const reply = replyProse(turn);
  const facts = new TraceFacts(trace, tree, { reply, earlier, ...(flow ? { flow } : {}) });
  return PROVENANCE_KINDS.flatMap((k) => facts.of(k));
}
