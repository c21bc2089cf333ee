/**
 * What differs between two traces (typically the same question answered right and wrong).
 * The span trees are aligned by the path of names from the root and the order among
 * same-named siblings (the 2nd `call_llm` under `agent` meets the 2nd), so two runs with a
 * different number of retries or steps still line up; what has no partner is "only in A/B".
 * The first divergence is the earliest-ending aligned span whose output differs: outputs are
 * produced bottom-up, so that is where the two runs parted.
 */
import { spanInputs, spanModel, spanOutputs, spanTokenUsage, spanType } from '../../trace/conventions.js';
import { isModelCall } from '../../trace/model-spans.js';
import { type Trace } from '../../trace/trace.js';
import { buildTree, durationOf, endOf, type SpanNode, type SpanTree } from '../../trace/tree.js';
import { sourceOf } from '../common/verdicts.js';
import { polarityOf } from '../trace/assessments.js';
import { modelParams, type ModelParams } from '../trace/model-params.js';

export interface AlignedPair {
  /** `agent › call_llm#2` (the occurrence number only from the 2nd on) */
  path: string;
  a: SpanNode;
  b: SpanNode;
}

export interface Alignment {
  pairs: AlignedPair[];
  onlyA: Array<{ path: string; node: SpanNode }>;
  onlyB: Array<{ path: string; node: SpanNode }>;
}

/** Paths of every node: names from the root, with the occurrence among same-named siblings. */
function pathsOf(tree: SpanTree): Map<string, SpanNode> {
  const out = new Map<string, SpanNode>();
  // Iterative (a 10,000-deep chain must not overflow the stack): each level names its children.
  const stack: Array<{ nodes: readonly SpanNode[]; prefix: string }> = [{ nodes: tree.roots, prefix: '' }];
  while (stack.length) {
    const { nodes, prefix } = stack.pop() as { nodes: readonly SpanNode[]; prefix: string };
    const seen = new Map<string, number>();
    for (const n of nodes) {
      const k = (seen.get(n.span.name) ?? 0) + 1;
      seen.set(n.span.name, k);
      const path = `${prefix}${prefix ? ' › ' : ''}${n.span.name}${k > 1 ? `#${k}` : ''}`;
      out.set(path, n);
      if (n.children.length) stack.push({ nodes: n.children, prefix: path });
    }
  }
  return out;
}

export function alignTrees(a: SpanTree, b: SpanTree): Alignment {
  const pa = pathsOf(a);
  const pb = pathsOf(b);
  const pairs: AlignedPair[] = [];
  const onlyA: Alignment['onlyA'] = [];
  for (const [path, node] of pa) {
    const other = pb.get(path);
    if (other) pairs.push({ path, a: node, b: other });
    else onlyA.push({ path, node });
  }
  const onlyB = [...pb.entries()].filter(([p]) => !pa.has(p)).map(([path, node]) => ({ path, node }));
  return { pairs, onlyA, onlyB };
}

// ---------------------------------------------------------------------------------------------
// value differences
// ---------------------------------------------------------------------------------------------

/** Canonical JSON (sorted keys), so key order never counts as a difference. */
export function canonical(v: unknown): string {
  const sort = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(sort);
    if (x && typeof x === 'object')
      return Object.fromEntries(
        Object.keys(x as object)
          .sort()
          .map((k) => [k, sort((x as Record<string, unknown>)[k])]),
      );
    return x;
  };
  return JSON.stringify(sort(v), null, 1) ?? 'null';
}

export interface TextDiff {
  /** `- ` / `+ ` lines, only the ones that differ, at most `max`. */
  lines: string[];
  /** Differing lines left out. */
  more: number;
}

/** A short line diff of two JSON values (longest common subsequence of their lines). */
export function shortDiff(a: unknown, b: unknown, max = 8): TextDiff {
  // Trailing commas dropped: the last key of an object would otherwise differ by its comma.
  const la = canonical(a)
    .split('\n')
    .map((l) => l.trim().replace(/,$/, ''))
    .slice(0, 400);
  const lb = canonical(b)
    .split('\n')
    .map((l) => l.trim().replace(/,$/, ''))
    .slice(0, 400);
  const m = la.length;
  const n = lb.length;
  const lcs: number[][] = Array.from({ length: m + 1 }, () => new Array<number>(n + 1).fill(0));
  for (let i = m - 1; i >= 0; i--)
    for (let j = n - 1; j >= 0; j--) lcs[i]![j] = la[i] === lb[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < m || j < n) {
    if (i < m && j < n && la[i] === lb[j]) {
      i++;
      j++;
    } else if (i < m && (j >= n || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) out.push(`- ${la[i++]}`);
    else out.push(`+ ${lb[j++]}`);
  }
  const meaningful = out.filter((l) => !/^[-+] [\]}[{]$/.test(l));
  return { lines: meaningful.slice(0, max), more: Math.max(0, meaningful.length - max) };
}

// ---------------------------------------------------------------------------------------------
// what each kind of span carries
// ---------------------------------------------------------------------------------------------

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

export interface RetrievedDoc {
  id: string | null;
  source: string | null;
}

export function retrievedDocs(node: SpanNode): RetrievedDoc[] {
  const out = spanOutputs(node.span)?.value;
  const list = Array.isArray(out) ? out : Array.isArray(obj(out).documents) ? (obj(out).documents as unknown[]) : [];
  return list.map((d) => {
    const o = obj(d);
    const meta = obj(o.metadata);
    const s = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : null);
    return { id: s(o.id ?? meta.id ?? meta.chunk_id ?? meta.doc_id), source: s(meta.doc_uri ?? meta.source ?? meta.url ?? o.source) };
  });
}

// A span naming a model is compared as one even when its kind is not recorded.
const isLlm = (n: SpanNode) => isModelCall(n) || spanModel(n.span) !== null;

// ---------------------------------------------------------------------------------------------
// the comparison
// ---------------------------------------------------------------------------------------------

export interface SpanSide {
  spanId: string;
  status: string;
  durationMs: number | null;
  tokens: number | null;
}

export interface PairDiff {
  path: string;
  type: string | null;
  a: SpanSide;
  b: SpanSide;
  statusDiffers: boolean;
  inputDiff: TextDiff | null;
  outputDiff: TextDiff | null;
  model: { a: ModelParams; b: ModelParams; differs: Array<keyof ModelParams> } | null;
  docs: { a: RetrievedDoc[]; b: RetrievedDoc[]; onlyA: string[]; onlyB: string[] } | null;
}

export interface TraceSide {
  traceId: string;
  experimentId: string | null;
  state: string;
  requestTime: string | null;
  durationMs: number | null;
  spans: number;
  request: string | null;
  response: string | null;
  /** Valid feedback with its source (HUMAN, LLM_JUDGE, CODE): a judge's verdict is never read as a person's. */
  verdicts: Array<{ name: string; source: string; value: unknown; negative: boolean; positive: boolean; rationale: string | null }>;
}

export interface Comparison {
  a: TraceSide;
  b: TraceSide;
  sameExperiment: boolean;
  /** Tags and metadata whose values differ (mlflow bookkeeping left out). */
  contextDiffers: Array<{ key: string; a: string | null; b: string | null }>;
  aligned: number;
  firstDivergence: { path: string; diff: TextDiff } | null;
  pairs: PairDiff[];
  onlyA: Array<{ path: string; spanId: string; type: string | null }>;
  onlyB: Array<{ path: string; spanId: string; type: string | null }>;
  /** Said outright, so "nothing differs here" is read, not inferred from an absence. */
  sameness: Sameness;
}

export interface Sameness {
  /** Over the aligned model calls: identical, with the parameters that were set; or which differ. */
  modelParams: { identical: boolean; set: string[]; differ: string[] } | null;
  /** Over the aligned retrievers: the same documents, or not. */
  documents: { identical: boolean; spans: number } | null;
}

const PARAM_NAMES: Record<keyof ModelParams, string> = { model: 'model', temperature: 'temperature', maxTokens: 'max_tokens', topP: 'top_p', tools: 'tools' };

export function samenessOf(pairs: readonly PairDiff[]): Sameness {
  const models = pairs.filter((p) => p.model);
  const docs = pairs.filter((p) => p.docs);
  const keys = Object.keys(PARAM_NAMES) as Array<keyof ModelParams>;
  const isSet = (m: ModelParams, k: keyof ModelParams) => (Array.isArray(m[k]) ? (m[k] as string[]).length > 0 : m[k] !== null && m[k] !== undefined);
  const set = keys.filter((k) => models.some((p) => p.model && (isSet(p.model.a, k) || isSet(p.model.b, k))));
  const differ = [...new Set(models.flatMap((p) => p.model?.differs ?? []))];
  return {
    modelParams: models.length ? { identical: differ.length === 0, set: set.map((k) => PARAM_NAMES[k]), differ: differ.map((k) => PARAM_NAMES[k]) } : null,
    documents: docs.length ? { identical: docs.every((p) => !p.docs?.onlyA.length && !p.docs?.onlyB.length), spans: docs.length } : null,
  };
}

const side = (n: SpanNode): SpanSide => ({
  spanId: n.span.id,
  status: n.span.status,
  durationMs: durationOf(n.span),
  tokens: spanTokenUsage(n.span)?.total ?? null,
});

function traceSide(t: Trace): TraceSide {
  return {
    traceId: t.info.traceId,
    experimentId: t.info.experimentId,
    state: t.info.state,
    requestTime: t.info.requestTimeMs === null ? null : new Date(t.info.requestTimeMs).toISOString(),
    durationMs: t.info.durationMs,
    spans: t.spans.length,
    request: t.info.requestPreview,
    response: t.info.responsePreview,
    verdicts: t.info.assessments
      .filter((a) => a.kind === 'feedback' && !a.error && a.valid)
      .map((a) => {
        const polarity = polarityOf(a.value, a.name);
        return {
          name: a.name,
          source: sourceOf(a),
          value: a.value,
          negative: polarity === 'negative',
          positive: polarity === 'positive',
          rationale: a.rationale,
        };
      }),
  };
}

const BOOKKEEPING = /^mlflow\.(?!trace\.user$|source\.|modelId$)|^mlflow\.trace\.session$/;

export function compareTraces(ta: Trace, tb: Trace): Comparison {
  const treeA = buildTree(ta.spans);
  const treeB = buildTree(tb.spans);
  const { pairs, onlyA, onlyB } = alignTrees(treeA, treeB);
  const diffs: PairDiff[] = [];
  let first: Comparison['firstDivergence'] = null;
  for (const p of [...pairs].sort((x, y) => endOf(x.a.span) - endOf(y.a.span))) {
    const ia = spanInputs(p.a.span)?.value;
    const ib = spanInputs(p.b.span)?.value;
    const oa = spanOutputs(p.a.span)?.value;
    const ob = spanOutputs(p.b.span)?.value;
    const inputDiff = canonical(ia) === canonical(ib) ? null : shortDiff(ia, ib);
    const outputDiff = canonical(oa) === canonical(ob) ? null : shortDiff(oa, ob);
    if (!first && outputDiff) first = { path: p.path, diff: outputDiff };
    let model: PairDiff['model'] = null;
    if (isLlm(p.a) || isLlm(p.b)) {
      const ma = modelParams(p.a);
      const mb = modelParams(p.b);
      const differs = (['model', 'temperature', 'maxTokens', 'topP', 'tools'] as const).filter((k) => canonical(ma[k]) !== canonical(mb[k]));
      model = { a: ma, b: mb, differs };
    }
    let docs: PairDiff['docs'] = null;
    if (spanType(p.a.span) === 'RETRIEVER' || spanType(p.b.span) === 'RETRIEVER') {
      const da = retrievedDocs(p.a);
      const db = retrievedDocs(p.b);
      const key = (d: RetrievedDoc) => `${d.id ?? '?'}${d.source ? ` (${d.source})` : ''}`;
      const ka = new Set(da.map(key));
      const kb = new Set(db.map(key));
      docs = { a: da, b: db, onlyA: [...ka].filter((k) => !kb.has(k)), onlyB: [...kb].filter((k) => !ka.has(k)) };
    }
    diffs.push({
      path: p.path,
      type: spanType(p.a.span),
      a: side(p.a),
      b: side(p.b),
      statusDiffers: p.a.span.status !== p.b.span.status,
      inputDiff,
      outputDiff,
      model,
      docs,
    });
  }
  // Back to tree order for reading.
  const order = new Map(treeA.nodes.map((n, i) => [n.span.id, i]));
  diffs.sort((x, y) => (order.get(x.a.spanId) ?? 0) - (order.get(y.a.spanId) ?? 0));

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
  const only = (list: Alignment['onlyA']) => list.map(({ path, node }) => ({ path, spanId: node.span.id, type: spanType(node.span) }));
  return {
    a: traceSide(ta),
    b: traceSide(tb),
    sameExperiment: ta.info.experimentId === tb.info.experimentId,
    contextDiffers: context,
    aligned: pairs.length,
    firstDivergence: first,
    pairs: diffs,
    onlyA: only(onlyA),
    onlyB: only(onlyB),
    sameness: samenessOf(diffs),
  };
}
