/** How a finding names a span (`NAME#N` where names repeat, and its id), and the helpers the dataflow kinds share. */
import type { Dataflow, FlowRecord } from '../trace/dataflow.js';

export interface SpanMention {
  ref: string;
  spanId: string;
}

export const mention = (flow: Dataflow, r: FlowRecord): SpanMention => ({ ref: flow.ref(r.node), spanId: r.node.span.id });

/** A name in backquotes, as the findings print span names and values. */
export const q = (s: string): string => `\`${s}\``;

/** The first record in `list` (sorted by start) starting at or after `t`. */
export function firstFrom(list: readonly FlowRecord[], t: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as FlowRecord).node.span.startMs < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
