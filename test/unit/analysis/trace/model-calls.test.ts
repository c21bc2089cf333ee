/** Model calls' latency beside their prompt size, and what to cut first in a huge prompt. */
import { describe, expect, it } from 'vitest';
import { HUGE_PROMPT, modelCalls, promptBulk } from '../../../../scripts/lib/analysis/trace/model-calls.js';
import { readJsonFile } from '../../../../scripts/lib/core/read-json.js';
import { parseTrace } from '../../../../scripts/lib/trace/trace.js';
import { buildTree } from '../../../../scripts/lib/trace/tree.js';
import { span } from '../../../support/spans.js';
import { fixture } from '../../../support/helpers.js';

const tokens = (input: number, output: number) => ({ 'mlflow.chat.tokenUsage': { input_tokens: input, output_tokens: output, total_tokens: input + output } });

describe('the model calls of a trace', () => {
  it('the weather trace: both calls, the larger prompt first, each with its share of tokens and time', () => {
    const t = parseTrace(readJsonFile(fixture('get-healthy.json'), 'fixture'));
    const calls = modelCalls(buildTree(t.spans), 2_400);
    expect(calls.map((c) => [c.name, c.model, c.inputTokens, c.outputTokens, Math.round(c.durationMs)])).toEqual([
      ['write_answer', 'gpt-4o-mini', 260, 24, 590],
      ['plan_tools', 'gpt-4o-mini', 120, 30, 600],
    ]);
    expect(calls[0]?.shareOfInputTokens).toBeCloseTo(260 / 380);
    expect(calls[1]?.shareOfTime).toBeCloseTo(0.25);
    expect(calls.every((c) => c.bulk === undefined)).toBe(true);
  });

  it('counts the topmost span that records usage on each branch, not its children again', () => {
    const spans = [
      span('root', 'agent', { end: 1_000 }),
      span('wrap', 'llm_wrapper', { parentId: 'root', start: 0, end: 500, attrs: tokens(100, 10) }),
      span('inner', 'openai.chat', { parentId: 'wrap', start: 10, end: 490, attrs: tokens(100, 10) }),
      span('other', 'summarise', { parentId: 'root', start: 500, end: 700, attrs: tokens(100, 5) }),
    ];
    const calls = modelCalls(buildTree(spans), 1_000);
    expect(calls.map((c) => c.spanId)).toEqual(['wrap', 'other']);
    expect(calls.map((c) => c.shareOfInputTokens)).toEqual([0.5, 0.5]);
  });

  it('a CHAIN or agent that totals its calls is not a model call: the calls inside it are; all-zero usage is none recorded', () => {
    const spans = [
      span('root', 'ReAct.forward', { type: 'AGENT', end: 1_000, attrs: tokens(0, 0) }),
      span('chain', 'ChainOfThought.forward', { type: 'CHAIN', parentId: 'root', start: 0, end: 600, attrs: tokens(300, 30) }),
      span('lm1', 'lm', { type: 'CHAT_MODEL', parentId: 'chain', start: 10, end: 200, attrs: tokens(100, 10) }),
      span('lm2', 'lm', { type: 'CHAT_MODEL', parentId: 'chain', start: 210, end: 590, attrs: tokens(200, 20) }),
      span('dummy', 'DummyLM.__call__', { type: 'CHAT_MODEL', parentId: 'root', start: 600, end: 700, attrs: tokens(0, 0) }),
    ];
    const calls = modelCalls(buildTree(spans), 1_000);
    expect(calls.map((c) => c.spanId)).toEqual(['lm2', 'lm1']);
  });

  it('no known duration of the trace: a share of time of 0, never a division by zero', () => {
    const calls = modelCalls(buildTree([span('m', 'llm', { attrs: tokens(0, 1) })]), 0);
    expect(calls[0]).toMatchObject({ shareOfTime: 0, shareOfInputTokens: null, inputTokens: 0 });
  });
});

describe('a huge prompt', () => {
  const passage = 'Refunds are accepted within 30 days of delivery, with the receipt. ';
  const huge = (content: string) =>
    span('m', 'llm', {
      type: 'CHAT_MODEL',
      inputs: {
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content },
        ],
      },
      attrs: tokens(HUGE_PROMPT, 10),
    });

  it('names its largest message, its share, and whether it is one passage repeated', () => {
    const [call] = modelCalls(buildTree([huge(passage.repeat(2_000))]), 1_000);
    expect(call?.bulk).toMatchObject({ role: 'user', index: 2, chars: passage.length * 2_000, repeated: true });
    expect(call?.bulk?.shareOfChars).toBeGreaterThan(0.99);
  });

  it('varied text is not called repeated', () => {
    const varied = Array.from({ length: 3_000 }, (_, i) => `line ${i}: ${(i * 7919) % 104729} `).join('');
    const bulk = promptBulk(buildTree([huge(varied)]).roots[0] as never);
    expect(bulk?.repeated).toBe(false);
  });

  it('a message under 2,000 characters, or no messages, is no bulk', () => {
    expect(promptBulk(buildTree([huge('short')]).roots[0] as never)).toBeNull();
    expect(promptBulk(buildTree([span('m', 'llm', { inputs: 'plain text' })]).roots[0] as never)).toBeNull();
  });
});
