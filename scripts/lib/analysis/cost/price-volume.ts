/**
 * A cost rise on a span whose model switched, split into price and volume: how much the new model
 * costs at the old token counts (price), how much the tokens per call moved at the new price
 * (tokens), and how many calls a trace makes (calls). The three multiply to the rise per request:
 *   old cost per call A, the new model at the old mean tokens N (the price table), new cost per call B;
 *   price = N / A, tokens = B / N, calls = calls per trace after / before; price × tokens × calls = after / before.
 * Costs are linear in tokens, so a call at the mean tokens costs the mean.
 */
import type { CostLine, CostSummary } from './call-costs.js';
import { callCost, type PriceTable } from './prices.js';

export interface CostSplit {
  span: string;
  modelFrom: string;
  modelTo: string;
  /** Cost per request after / before on this span, and its three factors. */
  ratio: number;
  price: number;
  tokens: number;
  calls: number;
  inputPerCall: { from: number; to: number };
  outputPerCall: { from: number | null; to: number | null };
  callsPerTrace: { from: number; to: number };
  /** Where the new model's price at the old tokens comes from (the table's name). */
  priceFrom: string;
}

/** A span whose model switched and whose cost rose, but that cannot be split: why. */
export interface CostUnsplit {
  span: string;
  why: string;
}

function splitOne(x: CostLine, y: CostLine, a: CostSummary, b: CostSummary, prices: PriceTable): CostSplit | CostUnsplit | null {
  const [from, to] = [x.models, y.models];
  if (from.length !== 1 || to.length !== 1 || from[0] === to[0] || !a.traces || !b.traces) return null;
  const [modelFrom, modelTo] = [from[0] as string, to[0] as string];
  const perTraceFrom = x.usd / a.traces;
  const perTraceTo = y.usd / b.traces;
  if (!(perTraceTo > perTraceFrom) || perTraceFrom <= 0) return null;
  if (x.inputPerCall === null || y.inputPerCall === null) return { span: x.key, why: 'its calls record no input token counts on both sides' };
  const atOldTokens = callCost(prices, modelTo, x.inputPerCall, x.outputPerCall ?? 0);
  if (!atOldTokens) return { span: x.key, why: `${modelTo} is not in the price table (--prices FILE adds it)` };
  const oldPerCall = x.usd / x.calls;
  const newPerCall = y.usd / y.calls;
  return {
    span: x.key,
    modelFrom,
    modelTo,
    ratio: perTraceTo / perTraceFrom,
    price: atOldTokens / oldPerCall,
    tokens: newPerCall / atOldTokens,
    calls: y.calls / b.traces / (x.calls / a.traces),
    inputPerCall: { from: x.inputPerCall, to: y.inputPerCall },
    outputPerCall: { from: x.outputPerCall, to: y.outputPerCall },
    callsPerTrace: { from: x.calls / a.traces, to: y.calls / b.traces },
    priceFrom: prices.name,
  };
}

/** Every span of both cohorts whose single model switched and whose cost per request rose, split (or why not). */
export function priceVolumeSplits(a: CostSummary, b: CostSummary, prices: PriceTable): Array<CostSplit | CostUnsplit> {
  const out: Array<CostSplit | CostUnsplit> = [];
  for (const x of a.bySpan) {
    const y = b.bySpan.find((s) => s.key === x.key);
    const s = y ? splitOne(x, y, a, b, prices) : null;
    if (s) out.push(s);
  }
  return out;
}
