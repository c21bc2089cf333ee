/** How a model's output ended: its finish / stop reason, whether that reason is a cut, and the max tokens the request set. */
import { attr, type Span } from '../../trace/trace.js';
import { isObj, type Json, num } from './json-fields.js';

const CUT_REASONS = /^(length|max_tokens|max_output_tokens|model_length|finish_reason_max_tokens|max_tokens_reached|token_limit)$/i;
export const isCutReason = (r: string | null): boolean => r !== null && CUT_REASONS.test(r.trim());

/** The finish / stop reason of a model's output, across OpenAI, Anthropic, Gemini, LangChain and OTel. */
export function finishReason(span: Span, out: Json): string | null {
  const fromAttr = attr(span, 'gen_ai.response.finish_reasons') ?? attr(span, 'llm.response.finish_reason') ?? attr(span, 'gen_ai.response.finish_reason');
  if (Array.isArray(fromAttr) && typeof fromAttr[0] === 'string') return fromAttr[0];
  if (typeof fromAttr === 'string' && fromAttr) return fromAttr;
  if (!isObj(out)) return null;
  const choice = Array.isArray(out.choices) && isObj(out.choices[0]) ? out.choices[0] : null;
  const gen = Array.isArray(out.generations) ? (Array.isArray(out.generations[0]) ? out.generations[0][0] : out.generations[0]) : null;
  const genInfo = isObj(gen) && isObj(gen.generation_info) ? gen.generation_info : null;
  const genMsg = isObj(gen) && isObj(gen.message) ? gen.message : null;
  const meta = (m: Json) =>
    isObj(m) && isObj(m.response_metadata)
      ? m.response_metadata
      : isObj(m) && isObj(m.kwargs) && isObj(m.kwargs.response_metadata)
        ? m.kwargs.response_metadata
        : null;
  const candidates = [
    choice?.finish_reason,
    out.stop_reason,
    out.finish_reason,
    genInfo?.finish_reason,
    genInfo?.stop_reason,
    meta(genMsg)?.finish_reason,
    meta(genMsg)?.stop_reason,
    meta(out)?.finish_reason,
    meta(out)?.stop_reason,
    Array.isArray(out.candidates) && isObj(out.candidates[0]) ? (out.candidates[0].finishReason ?? out.candidates[0].finish_reason) : undefined,
    out.status === 'incomplete' && isObj(out.incomplete_details) ? out.incomplete_details.reason : undefined,
  ];
  for (const c of candidates) if (typeof c === 'string' && c) return c;
  return null;
}

const MAX_TOKEN_KEYS = ['max_tokens', 'max_completion_tokens', 'max_output_tokens', 'maxOutputTokens', 'max_new_tokens'];

/** The max tokens the request set: an attribute, the input (or its config), or the invocation parameters. */
export function maxTokensOf(span: Span, input: Json): { key: string; value: number } | null {
  const look = (o: Json, where: string): { key: string; value: number } | null => {
    if (!isObj(o)) return null;
    for (const k of MAX_TOKEN_KEYS) {
      const v = num(o[k]);
      if (v !== null && v > 0) return { key: `${where}${k}`, value: v };
    }
    return null;
  };
  const fromAttr = num(attr(span, 'gen_ai.request.max_tokens')) ?? num(attr(span, 'llm.request.max_tokens'));
  if (fromAttr !== null && fromAttr > 0) return { key: 'max_tokens', value: fromAttr };
  const inv = attr(span, 'invocation_params') ?? attr(span, 'llm.invocation_parameters');
  return look(input, '') ?? (isObj(input) ? look(input.generation_config ?? input.config ?? input.params, '') : null) ?? look(inv, '');
}
