import { describe, expect, it } from 'vitest';
import { modelParams } from '../../../../scripts/lib/analysis/trace/model-params.js';
import { buildTree } from '../../../../scripts/lib/trace/tree.js';
import { span } from '../../../support/spans.js';

const node = (s: ReturnType<typeof span>) => buildTree([s]).nodes[0] as never;

describe('modelParams: a model call’s parameters wherever the conventions keep them', () => {
  it('from the inputs (OpenAI style), tools by name', () => {
    const s = span('a', 'chat', {
      type: 'CHAT_MODEL',
      inputs: { model: 'gpt-4o', temperature: 0.2, max_tokens: 256, tools: [{ type: 'function', function: { name: 'lookup' } }] },
      attrs: { 'mlflow.llm.model': 'gpt-4o' },
    });
    expect(modelParams(node(s))).toEqual(expect.objectContaining({ temperature: 0.2, maxTokens: 256, topP: null, tools: ['lookup'] }));
  });

  it('from invocation parameters and gen_ai attributes when the inputs hold none', () => {
    const s = span('a', 'llm', { type: 'LLM', attrs: { invocation_params: { top_p: 0.9 }, 'gen_ai.request.max_output_tokens': 64 } });
    expect(modelParams(node(s))).toEqual(expect.objectContaining({ topP: 0.9, maxTokens: 64, temperature: null, tools: [] }));
  });
});
