/**
 * What a trace read with spans adds to its record: per-span times, the model parameters each call
 * was made with (model, temperature, max_tokens, top_p, tools, system prompt, top_k), finish
 * reasons and the calls' costs.
 */
import { spanInputs, spanOutputs } from '../../trace/conventions.js';
import { messagesOf } from '../../trace/messages.js';
import { isModelCall } from '../../trace/model-spans.js';
import type { Trace } from '../../trace/trace.js';
import { buildTree, durationOf, type SpanNode } from '../../trace/tree.js';
import { type CallCost, callCostsOf } from '../cost/call-costs.js';
import { BUILTIN_PRICES, type PriceTable } from '../cost/prices.js';
import { modelParams } from '../trace/model-params.js';
import { selfTimeMs } from '../trace/timing.js';

export interface SpanFacts {
  /** The root span's name: the application, when no mlflow.traceName tag says it (OTLP ingest sets none). */
  root: string | null;
  spans: Array<{ name: string; self: number; dur: number }>;
  params: Record<string, string>;
  finish: string[];
  /** Model calls with their cost (recorded, priced from the table, or unknown). */
  calls: CallCost[];
}

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const text = (v: unknown): string | null => (v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v));

/** finish_reason of a model call, wherever the convention keeps it. */
function finishReasons(n: SpanNode): string[] {
  const out = obj(spanOutputs(n.span)?.value);
  const choices = Array.isArray(out.choices) ? out.choices : [];
  const reasons = choices.map((c) => text(obj(c).finish_reason)).filter((x): x is string => !!x);
  if (reasons.length) return reasons;
  const r = text(out.finish_reason ?? out.stop_reason);
  return r ? [r] : [];
}

/**
 * A model call's system prompt, as a parameter: a release that rewrites it shows as a switch like
 * max_tokens does. A prompt that holds per-request text (retrieved context) has too many values
 * to switch and is left out by the switch detection itself.
 */
function systemPrompt(n: SpanNode): string | null {
  const inputs = spanInputs(n.span)?.value;
  const system = obj(inputs).system;
  if (typeof system === 'string') return system.slice(0, 2_000);
  const first = messagesOf(inputs as never)?.find((m) => m.role === 'system');
  return first ? first.text.slice(0, 2_000) : null;
}

/** A model call's parameters, each under `span.<name>.<parameter>`. */
function putModelParams(node: SpanNode, params: Record<string, string>): void {
  const m = modelParams(node);
  const put = (k: string, v: unknown) => {
    const s = Array.isArray(v) ? (v.length ? v.join(',') : null) : text(v);
    if (s !== null) params[`span.${node.span.name}.${k}`] = s;
  };
  put('model', m.model);
  put('temperature', m.temperature);
  put('max_tokens', m.maxTokens);
  put('top_p', m.topP);
  put('tools', m.tools);
  put('system_prompt', systemPrompt(node));
}

export function spanFactsOf(trace: Trace, prices: PriceTable = BUILTIN_PRICES): SpanFacts {
  const tree = buildTree(trace.spans);
  const facts: SpanFacts = { root: tree.roots[0]?.span.name ?? null, spans: [], params: {}, finish: [], calls: callCostsOf(trace, prices) };
  for (const node of tree.nodes) {
    const d = durationOf(node.span);
    if (d !== null) facts.spans.push({ name: node.span.name, self: selfTimeMs(node), dur: d });
    if (isModelCall(node)) {
      putModelParams(node, facts.params);
      facts.finish.push(...finishReasons(node));
    }
    const inputs = obj(spanInputs(node.span)?.value);
    for (const k of ['top_k', 'top_n', 'k']) if (inputs[k] !== undefined) facts.params[`span.${node.span.name}.${k}`] = text(inputs[k]) as string;
  }
  return facts;
}
