/**
 * Token usage and cost for a trace: summed over the spans that record usage (a span's usage
 * already covers its descendants, so they are not counted again), per model; MLflow's own
 * trace-level figures (`mlflow.trace.tokenUsage`, `mlflow.trace.cost`) when spans are absent.
 */
import { parseCost, parseUsageDict, spanCost, spanModel, spanTokenUsage, type Cost, type LocatedUsage, type TokenUsage } from '../../trace/conventions.js';
import { decodeValue, type Trace } from '../../trace/trace.js';
import { isModelCall } from '../../trace/model-spans.js';
import type { SpanNode, SpanTree } from '../../trace/tree.js';

export interface ModelUsage extends TokenUsage {
  model: string;
  calls: number;
}

export interface TokenSummary {
  total: TokenUsage | null;
  /** Where the total came from: span attributes (their conventions) or trace metadata. */
  source: string | null;
  byModel: ModelUsage[];
  cost: Cost | null;
}

const add = (a: number | null, b: number | null) => (a === null && b === null ? null : (a ?? 0) + (b ?? 0));

/** The spans whose usage is counted: the highest that record one, but a model call's own below a wrapper's sum. */
function countedUsage(tree: SpanTree): Array<{ node: SpanNode; usage: LocatedUsage }> {
  const callsBelow = modelCallsWithUsage(tree);
  const counted: Array<{ node: SpanNode; usage: LocatedUsage }> = [];
  const stack = [...tree.roots];
  while (stack.length) {
    const node = stack.pop() as SpanNode;
    const u = spanTokenUsage(node.span);
    // An agent's sum over its model calls (Pydantic AI's Agent.run) would hide which model each call used.
    if (u && !(callsBelow.has(node) && !isModelCall(node))) counted.push({ node, usage: u });
    else stack.push(...node.children);
  }
  return counted;
}

/** The spans with a model call that records its usage somewhere below them. */
function modelCallsWithUsage(tree: SpanTree): Set<SpanNode> {
  const above = new Set<SpanNode>();
  for (const node of tree.nodes) {
    if (!isModelCall(node) || !spanTokenUsage(node.span)) continue;
    for (let p = node.parent; p && !above.has(p); p = p.parent) above.add(p);
  }
  return above;
}

export function analyseTokens(trace: Trace, tree: SpanTree): TokenSummary {
  const counted = countedUsage(tree);

  let total: TokenUsage | null = null;
  let source: string | null = null;
  const models = new Map<string, ModelUsage>();
  if (counted.length) {
    total = { input: null, output: null, total: null };
    for (const { node, usage } of counted) {
      total = { input: add(total.input, usage.input), output: add(total.output, usage.output), total: add(total.total, usage.total) };
      const model = spanModel(node.span) ?? '(model not recorded)';
      const m = models.get(model) ?? { model, calls: 0, input: null, output: null, total: null };
      m.calls += 1;
      m.input = add(m.input, usage.input);
      m.output = add(m.output, usage.output);
      m.total = add(m.total, usage.total);
      models.set(model, m);
    }
    source = `span attributes (${[...new Set(counted.map((c) => c.usage.convention))].join(', ')})`;
  } else {
    const meta = parseUsageDict(decodeValue(trace.info.metadata['mlflow.trace.tokenUsage']));
    if (meta) {
      total = meta;
      source = 'trace metadata mlflow.trace.tokenUsage';
    }
  }

  const sumSpanCosts = (): Cost | null => {
    let sum: Cost | null = null;
    for (const node of tree.nodes) {
      const c = spanCost(node.span);
      if (!c) continue;
      const prev: Cost = sum ?? { input: null, output: null, total: null };
      sum = { input: add(prev.input, c.input), output: add(prev.output, c.output), total: add(prev.total, c.total) };
    }
    return sum;
  };
  // A roll-up of 0.0 is what MLflow 3.17 prints when no span has a cost: none recorded, not $0.
  const rollUp = parseCost(decodeValue(trace.info.metadata['mlflow.trace.cost']));
  const cost = rollUp?.total ? rollUp : sumSpanCosts();
  return { total, source, byModel: [...models.values()].sort((a, b) => (b.total ?? 0) - (a.total ?? 0)), cost };
}
