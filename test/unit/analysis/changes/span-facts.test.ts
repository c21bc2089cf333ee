/** What a trace read with spans adds: span times, a model call's parameters (its system prompt too), finish reasons. */
import { expect, it } from 'vitest';
import { spanFactsOf } from '../../../../scripts/lib/analysis/changes/span-facts.js';
import { span, trace } from '../../../support/spans.js';

it("reads a model call's parameters, system prompt and finish reason, and a retriever's top_k", () => {
  const messages = [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'order 7' },
  ];
  const t = trace('t', {
    spans: [
      span('r', 'agent', { start: 0, end: 1_000 }),
      span('l', 'llm', {
        parentId: 'r',
        start: 0,
        end: 700,
        type: 'CHAT_MODEL',
        inputs: { model: 'gpt-4o', messages, max_tokens: 256 },
        outputs: { choices: [{ finish_reason: 'length' }] },
      }),
      span('k', 'search', { parentId: 'r', start: 700, end: 900, type: 'RETRIEVER', inputs: { query: 'q', top_k: 5 } }),
    ],
  });
  const f = spanFactsOf(t);
  expect(f.root).toBe('agent');
  expect(f.spans).toContainEqual({ name: 'agent', self: 100, dur: 1_000 });
  expect(f.params).toMatchObject({ 'span.llm.model': 'gpt-4o', 'span.llm.max_tokens': '256', 'span.llm.system_prompt': 'Be brief.', 'span.search.top_k': '5' });
  expect(f.finish).toEqual(['length']);
});
