/** hugePrompts: a model call whose prompt held HUGE_PROMPT input tokens or more. */
import { describe, expect, it } from 'vitest';
import { hugePrompts } from '../../../../scripts/lib/analysis/findings/kinds/huge-prompts.js';
import { chat, completion, factsOf, type SpanSpec } from '../../../support/span-trees.js';

const model = (inputTokens: number): SpanSpec => ({
  name: 'llm',
  type: 'CHAT_MODEL',
  start: 10,
  end: 910,
  inputs: chat(['system', 'x'.repeat(200)], ['user', 'hi']),
  outputs: completion('hello'),
  attrs: { 'mlflow.chat.tokenUsage': { input_tokens: inputTokens, output_tokens: 5, total_tokens: inputTokens + 5 } },
});

describe('hugePrompts', () => {
  it('a 30,000-token prompt', () => {
    const [c, ...rest] = hugePrompts.detect(factsOf({ name: 'app', start: 0, end: 1000, children: [model(30_000)] }));
    expect(rest).toEqual([]);
    const item = c as NonNullable<typeof c>;
    expect(hugePrompts.line(item)).toMatch(
      /^llm took 900ms \(90% of the trace\) with a prompt of 30,000 tokens = 100% of the trace's input tokens \(≥ 20,000: the first thing to cut if it is slow\)/,
    );
    expect(hugePrompts.spans(item)).toEqual([item.spanId]);
    expect(hugePrompts.turnWeight(item)).toBe(0);
  });

  it('a small prompt: nothing', () => {
    expect(hugePrompts.detect(factsOf({ name: 'app', start: 0, end: 1000, children: [model(800)] }))).toEqual([]);
  });
});
