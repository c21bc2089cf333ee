/** How a model's output ended, across providers, and the max tokens the request set. */
import { describe, expect, it } from 'vitest';
import { finishReason, isCutReason, maxTokensOf } from '../../../../scripts/lib/analysis/trace/model-finish.js';
import { span } from '../../../support/spans.js';
import { completion } from '../../../support/span-trees.js';

const s = span('1', 'llm');

describe('finishReason', () => {
  it('reads OpenAI, Anthropic, Gemini, LangChain and the OTel attribute', () => {
    expect(finishReason(s, completion('hi', 'length'))).toBe('length');
    expect(finishReason(s, { stop_reason: 'max_tokens' })).toBe('max_tokens');
    expect(finishReason(s, { candidates: [{ finishReason: 'MAX_TOKENS' }] })).toBe('MAX_TOKENS');
    expect(finishReason(s, { generations: [[{ generation_info: { finish_reason: 'stop' } }]] })).toBe('stop');
    expect(finishReason(span('2', 'llm', { attrs: { 'gen_ai.response.finish_reasons': ['length'] } }), null)).toBe('length');
    expect(finishReason(s, 'plain text')).toBeNull();
  });
  it('tells a cut from a stop', () => {
    expect(['length', ' MAX_TOKENS ', 'token_limit'].map(isCutReason)).toEqual([true, true, true]);
    expect(['stop', 'end_turn', null].map(isCutReason)).toEqual([false, false, false]);
  });
});

describe('maxTokensOf', () => {
  it('reads the attribute, the input, its config, then the invocation parameters', () => {
    expect(maxTokensOf(span('2', 'llm', { attrs: { 'gen_ai.request.max_tokens': 256 } }), {})).toEqual({ key: 'max_tokens', value: 256 });
    expect(maxTokensOf(s, { max_completion_tokens: 100 })).toEqual({ key: 'max_completion_tokens', value: 100 });
    expect(maxTokensOf(s, { generation_config: { maxOutputTokens: 64 } })).toEqual({ key: 'maxOutputTokens', value: 64 });
    expect(maxTokensOf(span('3', 'llm', { attrs: { invocation_params: { max_tokens: 10 } } }), null)).toEqual({ key: 'max_tokens', value: 10 });
    expect(maxTokensOf(s, { max_tokens: 0 })).toBeNull();
  });
});
