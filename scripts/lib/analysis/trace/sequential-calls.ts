/**
 * Calls that ran one after another but could have run at once: back-to-back siblings of one name
 * (or tools / retrievers side by side), each with different inputs, none of whose output shows up
 * in the next one's input (common/text-match.ts). A heuristic: the text test cannot see a
 * dependency that goes through shared state, so every finding states its evidence.
 * One pass over each parent's children (already sorted by start); containment checks are only
 * run for runs worth reporting, and are bounded per pair and per run.
 */
import { spanType } from '../../trace/conventions.js';
import { durationOf, endOf, type SpanNode, type SpanTree } from '../../trace/tree.js';
import { inputText, outputFeeds } from '../common/text-match.js';

export interface SequentialRun {
  parentId: string;
  parent: string;
  /** The shared name, or the names joined with " / " when they share a type only. */
  name: string;
  type: string | null;
  spanIds: string[];
  count: number;
  minMs: number;
  maxMs: number;
  /** First start to last end. */
  wallMs: number;
  /** wallMs less the longest call: what running them at once would save, at best. */
  savingMs: number;
  /** Pairs (each call with every one before it) whose output/input were compared (all, or the first MAX_PAIRS). */
  pairsChecked: number;
  heuristic: true;
  /** For a run that is no finding: an output reached the next input, inputs repeated, or nothing to compare. */
  notParallel?: 'an output fed the next input' | 'the same inputs repeated' | 'inputs or outputs not logged';
}

/** Types whose different-named calls side by side are still one kind of work (tool calls, searches). */
const SIDE_BY_SIDE_TYPES = new Set(['TOOL', 'RETRIEVER', 'RERANKER', 'EMBEDDING']);
const MAX_PAIRS = 100;

const keyOf = (n: SpanNode): string => {
  const t = spanType(n.span);
  return t && SIDE_BY_SIDE_TYPES.has(t) ? `type:${t}` : `name:${n.span.name}`;
};

/** Back to back: the next starts once this one ended (a little clock slack allowed). */
const follows = (a: SpanNode, b: SpanNode): boolean => {
  const slack = Math.min(1, 0.05 * (durationOf(a.span) ?? 0));
  return b.span.startMs >= endOf(a.span) - slack;
};

/** Runs of ≥ 2 back-to-back same-key children of one parent. */
function runsUnder(node: SpanNode): SpanNode[][] {
  const runs: SpanNode[][] = [];
  let cur: SpanNode[] = [];
  // The run's key, computed once per child (not twice per pair).
  let curKey = '';
  for (const c of node.children) {
    const prev = cur.at(-1);
    const key = c.span.endMs === null ? '' : keyOf(c);
    if (prev && c.span.endMs !== null && curKey === key && follows(prev, c)) cur.push(c);
    else {
      if (cur.length >= 2) runs.push(cur);
      cur = c.span.endMs === null ? [] : [c];
      curKey = key;
    }
  }
  if (cur.length >= 2) runs.push(cur);
  return runs;
}

function describe(parent: SpanNode, run: SpanNode[], pairsChecked: number): SequentialRun {
  const ds = run.map((n) => durationOf(n.span) ?? 0);
  const first = run[0] as SpanNode;
  const last = run.at(-1) as SpanNode;
  const wallMs = endOf(last.span) - first.span.startMs;
  const names = [...new Set(run.map((n) => n.span.name))];
  return {
    parentId: parent.span.id,
    parent: parent.span.name,
    name: names.join(' / '),
    type: spanType(first.span),
    spanIds: run.map((n) => n.span.id),
    count: run.length,
    minMs: Math.min(...ds),
    maxMs: Math.max(...ds),
    wallMs,
    savingMs: Math.max(0, wallMs - Math.max(...ds)),
    pairsChecked,
    heuristic: true,
  };
}

/**
 * Whether a run's calls are independent: different inputs, and no output fed a later input (any
 * later one: a cart loaded first can feed the charge two calls on).
 * Returns the pairs checked, or why a dependency was seen or cannot be ruled out.
 */
function independentPairs(run: SpanNode[]): number | NonNullable<SequentialRun['notParallel']> {
  const inputs = new Set<string>();
  let pairs = 0;
  for (let i = 0; i < run.length; i++) {
    const n = run[i] as SpanNode;
    const text = inputText(n);
    if (text === null) return 'inputs or outputs not logged';
    if (inputs.has(text)) return 'the same inputs repeated';
    inputs.add(text);
    for (let j = i - 1; j >= 0 && pairs < MAX_PAIRS; j--) {
      const flow = outputFeeds(run[j] as SpanNode, n);
      if (flow === 'fed') return 'an output fed the next input';
      if (flow === 'unknown') return 'inputs or outputs not logged';
      pairs += 1;
    }
  }
  return pairs;
}

/** Worth saying: a saving of ≥ 100 ms and ≥ 10% of the trace. */
export const worthReporting = (savingMs: number, traceMs: number): boolean => savingMs >= 100 && savingMs >= 0.1 * traceMs;

/** Runs worth reporting, split: independent (the finding) and chained (each fed by the one before, or undecided). */
export function sequentialCalls(tree: SpanTree, traceMs: number): { independent: SequentialRun[]; chained: SequentialRun[] } {
  const independent: SequentialRun[] = [];
  const chained: SequentialRun[] = [];
  for (const node of tree.nodes) {
    if (node.children.length < 2) continue;
    for (const run of runsUnder(node)) {
      const rough = describe(node, run, 0);
      if (!worthReporting(rough.savingMs, traceMs)) continue;
      const pairs = independentPairs(run);
      if (typeof pairs === 'number') independent.push({ ...rough, pairsChecked: pairs });
      else chained.push({ ...rough, notParallel: pairs });
    }
  }
  const bySaving = (a: SequentialRun, b: SequentialRun) => b.savingMs - a.savingMs;
  return { independent: independent.sort(bySaving), chained: chained.sort(bySaving) };
}

export const sequentialIndependentCalls = (tree: SpanTree, traceMs: number): SequentialRun[] => sequentialCalls(tree, traceMs).independent;
