/**
 * A model call's parameters (model, temperature, max tokens, top_p, tools), wherever the
 * conventions keep them: compare_traces sets two calls side by side and the cohorts look for a
 * parameter that switched.
 */
import { spanInputs, spanModel } from '../../trace/conventions.js';
import { attr } from '../../trace/trace.js';
import type { SpanNode } from '../../trace/tree.js';

export interface ModelParams {
  model: string | null;
  temperature: unknown;
  maxTokens: unknown;
  topP: unknown;
  tools: string[];
}

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

const invocationOf = (node: SpanNode) => ({ ...obj(attr(node.span, 'invocation_params')), ...obj(attr(node.span, 'llm.invocation_parameters')) });

/** The tools the call was offered, whole (name, description, parameter schema): two calls may offer the same names with other definitions. */
export function toolDefinitions(node: SpanNode): unknown[] {
  const inputs = obj(spanInputs(node.span)?.value);
  const invocation = invocationOf(node);
  return Array.isArray(inputs.tools) ? inputs.tools : Array.isArray(invocation.tools) ? invocation.tools : [];
}

export function modelParams(node: SpanNode): ModelParams {
  const inputs = obj(spanInputs(node.span)?.value);
  const invocation = invocationOf(node);
  const pick = (...keys: string[]) => {
    for (const k of keys) {
      const v = inputs[k] ?? invocation[k] ?? attr(node.span, `gen_ai.request.${k}`);
      if (v !== undefined) return v;
    }
    return null;
  };
  const tools = toolDefinitions(node);
  const toolName = (t: unknown) => {
    const o = obj(t);
    return String(obj(o.function).name ?? o.name ?? JSON.stringify(t).slice(0, 40));
  };
  return {
    model: spanModel(node.span),
    temperature: pick('temperature'),
    maxTokens: pick('max_tokens', 'max_output_tokens', 'max_completion_tokens'),
    topP: pick('top_p'),
    tools: tools.map(toolName),
  };
}
