/**
 * What the calls of one span received, over many traces: the values per input key (input-tally.ts)
 * and the earlier outputs they were made from (input-sources.ts). Kept together because they are
 * always added, merged and set beside the OK calls together.
 */
import { spanInputs } from '../../trace/conventions.js';
import type { SpanNode, SpanTree } from '../../trace/tree.js';
import { type InputSource, InputSources } from './input-sources.js';
import { type InputKeySummary, InputTally } from './input-tally.js';

export class CallInputs {
  readonly tally = new InputTally();
  readonly sources = new InputSources();

  /** One call of the span, in the tree it ran in (its inputs are located once for both). */
  add(tree: SpanTree, node: SpanNode, traceId: string): void {
    const inputs = spanInputs(node.span)?.value;
    this.tally.add(inputs, traceId);
    this.sources.add(tree, node, inputs);
  }

  /** Another span's calls added to these (clusters merged). */
  merge(other: CallInputs): void {
    this.tally.merge(other.tally);
    this.sources.merge(other.sources);
  }

  /** Both summaries, each set beside the same span's OK calls when given. */
  summary(ok?: CallInputs): { inputs: InputKeySummary[]; sources: InputSource[] } {
    return { inputs: this.tally.summary(ok?.tally), sources: this.sources.summary(ok?.sources) };
  }
}
