/**
 * What a provenance detector reports: one line saying what is wrong, the evidence lines that
 * show it (quoted values, sources), the spans and documents it names, and the heuristic when it
 * is one. Plain data: health_check, inspect_turn and --json print the same object.
 */
import type { SpanNode } from '../../../trace/tree.js';
import type { Provenance } from '../../trace/provenance.js';

export type ProvenanceKind = 'argument-not-from-conversation' | 'reply-contradicts-sources' | 'sources-disagree' | 'loop-or-stop' | 'failure-in-ok-output';

export interface SpanMention {
  spanId: string;
  name: string;
  /** `NAME#N` when names repeat: what `--span` takes. */
  ref: string;
}

export interface ProvenanceFinding {
  kind: ProvenanceKind;
  title: string;
  evidence: string[];
  spans: SpanMention[];
  /** Document ids or uris the finding names. */
  docs: string[];
  /** How the finding was decided when it is a heuristic (null: read straight from the trace). */
  heuristic: string | null;
}

export const mention = (p: Provenance, node: SpanNode): SpanMention => ({ spanId: node.span.id, name: node.span.name, ref: p.ref(node) });

/** A quoted excerpt, one line, at most `max` chars. */
export function quote(text: string, max = 120): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return `"${one.length > max ? `${one.slice(0, max - 1)}…` : one}"`;
}

/** The moment a model decided what it produced at `atMs`: the start of the last model call before it. */
export function decidedAt(p: Provenance, atMs: number): number {
  let t = atMs;
  for (const m of p.flow.models) {
    const s = m.node.span.startMs;
    if (s <= atMs) t = s;
  }
  return t;
}
