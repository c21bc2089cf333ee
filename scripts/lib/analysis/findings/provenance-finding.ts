/**
 * What a provenance detector reports: one line saying what is wrong, the evidence lines that
 * show it (quoted values, sources), the spans and documents it names, and the heuristic when it
 * is one. Plain data: health_check, inspect_turn and --json print the same object.
 */
import type { SpanNode } from '../../trace/tree.js';
import { clipKeeping, oneLine } from '../../core/format.js';
import type { Provenance } from '../trace/provenance.js';

export { decidedAt } from '../trace/provenance.js';
import { defineKind } from './finding-kind.js';

export type ProvenanceKind = 'argumentNotFromConversation' | 'replyContradictsSources' | 'sourcesDisagree' | 'loopOrStop' | 'failureInOkOutput';

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
  /** The values it quotes, as written (an id, "3 checked bags", a date): a view's cut keeps them. */
  values?: string[];
}

export const mention = (p: Provenance, node: SpanNode): SpanMention => ({ spanId: node.span.id, name: node.span.name, ref: p.ref(node) });

/** A quoted excerpt, one line, at most `max` chars. */
export function quote(text: string, max = 120): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return `"${one.length > max ? `${one.slice(0, max - 1)}…` : one}"`;
}

/** One finding as a FINDINGS line: what is wrong, its evidence, and the heuristic when it is one. */
export function provenanceLine(f: ProvenanceFinding): string {
  // The cut keeps the values the finding quotes (an id past 220 chars of a tool's arguments).
  const evidence = f.evidence.map((e) => clipKeeping(oneLine(e), 220, f.values ?? [])).join('; ');
  return `${f.title} — ${evidence}${f.heuristic ? ` — heuristic: ${f.heuristic}` : ''}`;
}

/** A provenance detector as a kind of the findings registry. */
export const provenanceKind = <const K extends ProvenanceKind>(
  kind: K,
  about: string,
  detect: (p: Provenance) => ProvenanceFinding[],
  weight: (f: ProvenanceFinding) => number,
) =>
  defineKind({
    kind,
    about,
    heuristic: 'some',
    section: 'findings',
    detect: (facts) => detect(facts.provenance),
    line: provenanceLine,
    spans: (f: ProvenanceFinding) => f.spans.map((s) => s.spanId),
    turnWeight: weight,
    turnLine: (f: ProvenanceFinding) => f.title,
  });
