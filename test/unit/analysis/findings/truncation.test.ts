/** truncation: a model output cut at its token limit, by finish reason or (a heuristic) by count. */
import { describe, expect, it } from 'vitest';
import { truncation } from '../../../../scripts/lib/analysis/findings/kinds/truncation.js';
import { chat, completion, factsOf } from '../../../support/span-trees.js';

const answer = 'The statement shows three card payments and one transfer to savings, totalling';

describe('truncation', () => {
  it('a finish reason "length": the answer cut at max_tokens', () => {
    const facts = factsOf(
      {
        name: 'app',
        children: [{ name: 'llm', type: 'LLM', inputs: { ...chat(['user', 'summarise']), max_tokens: 120 }, outputs: completion(answer, 'length') }],
      },
      { reply: answer },
    );
    const [t, ...rest] = truncation.detect(facts);
    expect(rest).toEqual([]);
    expect(t).toMatchObject({ reason: 'length', maxTokens: { key: 'max_tokens', value: 120 }, finalAnswer: true, heuristic: false, count: 1 });
    const item = t as NonNullable<typeof t>;
    expect(truncation.line(item)).toBe('`llm`: the answer was cut at max_tokens=120 (finish reason "length")');
    expect(truncation.spans(item)).toEqual([item.model.spanId]);
    expect(truncation.turnWeight(item)).toBe(3);
  });

  it('a normal stop: nothing', () => {
    const spec = { name: 'app', children: [{ name: 'llm', type: 'LLM', inputs: chat(['user', 'hi']), outputs: completion('Hello') }] };
    expect(truncation.detect(factsOf(spec))).toEqual([]);
  });
});
