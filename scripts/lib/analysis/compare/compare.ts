/**
 * What differs between two traces (typically the same question answered right and wrong).
 * The span trees are aligned (align.ts); the first divergence is the earliest-ending aligned span
 * whose output differs: outputs are produced bottom-up, so that is where the two runs parted.
 */
import { spanInputs, spanModel, spanOutputs, spanType } from '../../trace/conventions.js';
import { isModelCall } from '../../trace/model-spans.js';
import type { Trace } from '../../trace/trace.js';
import { buildTree, endOf, mainRoot, type SpanNode, type SpanTree } from '../../trace/tree.js';
import { modelParams, toolDefinitions } from '../trace/model-params.js';
import { type AlignedPair, type Alignment, alignTrees } from './align.js';
import type { Comparison, PairDiff } from './comparison.js';
import { canonical, shortDiff } from './json-diff.js';
import { docsDiff } from './docs-diff.js';
import { samenessOf } from './sameness.js';
import { retrievedContents } from './span-docs.js';
import { spanSide, traceSide } from './trace-side.js';

// A span naming a model is compared as one even when its kind is not recorded.
const isLlm = (n: SpanNode) => isModelCall(n) || spanModel(n.span) !== null;

/** Tools offered to both calls under one name whose definitions (description, parameters) differ. */
function toolsRedefined(a: SpanNode, b: SpanNode, namesA: readonly string[], namesB: readonly string[]): string[] {
  const byName = (n: SpanNode, names: readonly string[]) => new Map(toolDefinitions(n).map((t, i) => [names[i] ?? '', canonical(t)]));
  const da = byName(a, namesA);
  const db = byName(b, namesB);
  return [...da].filter(([name, def]) => db.has(name) && db.get(name) !== def).map(([name]) => name);
}

/** The model parameters of an aligned pair where either side is a model call; tools by name and by definition. */
function modelDiff(p: AlignedPair): PairDiff['model'] {
  if (!isLlm(p.a) && !isLlm(p.b)) return null;
  const ma = modelParams(p.a);
  const mb = modelParams(p.b);
  const redefined = toolsRedefined(p.a, p.b, ma.tools, mb.tools);
  const differs = (['model', 'temperature', 'maxTokens', 'topP', 'tools'] as const).filter(
    (k) => canonical(ma[k]) !== canonical(mb[k]) || (k === 'tools' && redefined.length > 0),
  );
  return { a: ma, b: mb, differs, toolsRedefined: redefined };
}

/** The documents of an aligned pair where either side is a retriever. */
function pairDocs(p: AlignedPair): PairDiff['docs'] {
  if (spanType(p.a.span) !== 'RETRIEVER' && spanType(p.b.span) !== 'RETRIEVER') return null;
  return docsDiff(retrievedContents(p.a), retrievedContents(p.b));
}

/** The requests whole: the main roots' inputs (null when a side logged none). */
function sameRequest(ta: SpanTree, tb: SpanTree): boolean | null {
  const input = (t: SpanTree) => {
    const root = mainRoot(t);
    return root ? spanInputs(root.span)?.value : undefined;
  };
  const ia = input(ta);
  const ib = input(tb);
  return ia === undefined || ib === undefined ? null : canonical(ia) === canonical(ib);
}

function pairDiff(p: AlignedPair): PairDiff {
  const ia = spanInputs(p.a.span)?.value;
  const ib = spanInputs(p.b.span)?.value;
  const oa = spanOutputs(p.a.span)?.value;
  const ob = spanOutputs(p.b.span)?.value;
  return {
    path: p.path,
    type: spanType(p.a.span),
    a: spanSide(p.a),
    b: spanSide(p.b),
    statusDiffers: p.a.span.status !== p.b.span.status,
    inputDiff: canonical(ia) === canonical(ib) ? null : shortDiff(ia, ib),
    outputDiff: canonical(oa) === canonical(ob) ? null : shortDiff(oa, ob),
    model: modelDiff(p),
    docs: pairDocs(p),
  };
}

const BOOKKEEPING = /^mlflow\.(?!trace\.user$|source\.|modelId$)|^mlflow\.trace\.session$/;

/** Tags and metadata whose values differ, mlflow bookkeeping left out. */
function contextDiffers(ta: Trace, tb: Trace): Comparison['contextDiffers'] {
  const context: Comparison['contextDiffers'] = [];
  for (const [prefix, ma, mb] of [
    ['tag', ta.info.tags, tb.info.tags],
    ['metadata', ta.info.metadata, tb.info.metadata],
  ] as const) {
    for (const k of new Set([...Object.keys(ma), ...Object.keys(mb)])) {
      if (BOOKKEEPING.test(k)) continue;
      if (ma[k] !== mb[k]) context.push({ key: `${prefix}.${k}`, a: ma[k] ?? null, b: mb[k] ?? null });
    }
  }
  return context;
}

export function compareTraces(ta: Trace, tb: Trace): Comparison {
  const treeA = buildTree(ta.spans);
  const treeB = buildTree(tb.spans);
  const { pairs, onlyA, onlyB } = alignTrees(treeA, treeB);
  const diffs: PairDiff[] = [];
  let first: Comparison['firstDivergence'] = null;
  for (const p of [...pairs].sort((x, y) => endOf(x.a.span) - endOf(y.a.span))) {
    const diff = pairDiff(p);
    if (!first && diff.outputDiff) first = { path: p.path, diff: diff.outputDiff };
    diffs.push(diff);
  }
  // Back to tree order for reading.
  const order = new Map(treeA.nodes.map((n, i) => [n.span.id, i]));
  diffs.sort((x, y) => (order.get(x.a.spanId) ?? 0) - (order.get(y.a.spanId) ?? 0));
  const only = (list: Alignment['onlyA']) => list.map(({ path, node }) => ({ path, spanId: node.span.id, type: spanType(node.span) }));
  return {
    a: traceSide(ta),
    b: traceSide(tb),
    sameExperiment: ta.info.experimentId === tb.info.experimentId,
    sameRequest: sameRequest(treeA, treeB),
    contextDiffers: contextDiffers(ta, tb),
    aligned: pairs.length,
    firstDivergence: first,
    pairs: diffs,
    onlyA: only(onlyA),
    onlyB: only(onlyB),
    sameness: samenessOf(diffs),
  };
}
