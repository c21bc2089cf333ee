import {
  spanInputs,
  spanModel
} from "./chunk-2IPHA5SA.mjs";
import {
  attr
} from "./chunk-V3PRQPWM.mjs";

// scripts/lib/analysis/trace/model-params.ts
var obj = (v) => v && typeof v === "object" && !Array.isArray(v) ? v : {};
var invocationOf = (node) => ({ ...obj(attr(node.span, "invocation_params")), ...obj(attr(node.span, "llm.invocation_parameters")) });
function toolDefinitions(node) {
  const inputs = obj(spanInputs(node.span)?.value);
  const invocation = invocationOf(node);
  return Array.isArray(inputs.tools) ? inputs.tools : Array.isArray(invocation.tools) ? invocation.tools : [];
}
function modelParams(node) {
  const inputs = obj(spanInputs(node.span)?.value);
  const invocation = invocationOf(node);
  const pick = (...keys) => {
    for (const k of keys) {
      const v = inputs[k] ?? invocation[k] ?? attr(node.span, `gen_ai.request.${k}`);
      if (v !== void 0) return v;
    }
    return null;
  };
  const tools = toolDefinitions(node);
  const toolName = (t) => {
    const o = obj(t);
    return String(obj(o.function).name ?? o.name ?? JSON.stringify(t).slice(0, 40));
  };
  return {
    model: spanModel(node.span),
    temperature: pick("temperature"),
    maxTokens: pick("max_tokens", "max_output_tokens", "max_completion_tokens"),
    topP: pick("top_p"),
    tools: tools.map(toolName)
  };
}

export {
  toolDefinitions,
  modelParams
};
