/** The provenance pass and its findings for one trace, from its tree (the dataflow record reused when given). */
import type { Trace } from '../../trace/trace.js';
import { buildTree, type SpanTree } from '../../trace/tree.js';
import { provenanceFindings } from '../findings/provenance/index.js';
import type { ProvenanceFinding } from '../findings/provenance/finding.js';
import { recordDataflow, type Dataflow } from './dataflow.js';
import { traceProvenance } from './provenance.js';
import { locateTurn } from './turn-io.js';

export function provenanceOf(trace: Trace, tree: SpanTree = buildTree(trace.spans), flow: Dataflow = recordDataflow(tree)): ProvenanceFinding[] {
  const turn = locateTurn(trace, tree);
  const reply = turn.reply && turn.reply.shape !== 'json' ? turn.reply.text : null;
  return provenanceFindings(traceProvenance(tree, flow, reply));
}
