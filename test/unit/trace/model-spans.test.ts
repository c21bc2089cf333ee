/** Which spans are model calls (one test for every view), and what a model call's row says of it. */
import { describe, expect, it } from 'vitest';
import { isModelCall, isModelSpan, modelCallIds, modelCallNote } from '../../../scripts/lib/trace/model-spans.js';
import { spans, treeOf } from '../../support/span-trees.js';

// DSPy under mlflow.dspy.autolog(): Predict.forward [LLM] wraps the LM's __call__ [CHAT_MODEL].
const dspy = {
  name: 'ReAct.forward',
  type: 'AGENT',
  children: [
    {
      name: 'Predict.forward',
      type: 'LLM',
      children: [
        { name: 'ChatAdapter.format', type: 'PARSER' },
        { name: 'DummyLM.__call__', type: 'CHAT_MODEL' },
      ],
    },
    { name: 'ChainOfThought.forward', type: 'CHAIN', children: [{ name: 'llm', type: 'LLM' }] },
  ],
};

describe('model spans', () => {
  it('a model span wrapping another is not a model call; CHAIN and AGENT never are', () => {
    const tree = treeOf(dspy);
    const calls = tree.nodes.filter(isModelCall).map((n) => n.span.name);
    expect(calls).toEqual(['DummyLM.__call__', 'llm']);
    expect(tree.nodes.filter((n) => isModelSpan(n.span)).map((n) => n.span.name)).toEqual(['Predict.forward', 'DummyLM.__call__', 'llm']);
  });

  it('over a flat list of spans (no tree): the same calls', () => {
    const list = spans(dspy);
    const ids = modelCallIds(list);
    expect(list.filter((s) => ids.has(s.id)).map((s) => s.name)).toEqual(['DummyLM.__call__', 'llm']);
  });

  it("the row's note: model name, a cache turned on, cached input tokens; nothing when none is recorded", () => {
    const [lm] = spans({ name: 'lm', type: 'CHAT_MODEL', attrs: { 'mlflow.llm.model': 'dummy', cache: true } });
    expect(modelCallNote(lm as NonNullable<typeof lm>)).toBe('dummy, cache on');
    const [oa] = spans({ name: 'oa', type: 'CHAT_MODEL', attrs: { 'gen_ai.request.model': 'gpt-4o', 'gen_ai.usage.cache_read_input_tokens': 1200 } });
    expect(modelCallNote(oa as NonNullable<typeof oa>)).toBe('gpt-4o, 1,200 input tokens from cache');
    const [bare] = spans({ name: 'bare', type: 'LLM' });
    expect(modelCallNote(bare as NonNullable<typeof bare>)).toBeNull();
  });
});
