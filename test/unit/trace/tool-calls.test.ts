/** The tool calls a model's output asks for, with their arguments, in each API's shape. */
import { describe, expect, it } from 'vitest';
import { toolCallsOf } from '../../../scripts/lib/trace/messages.js';

describe('toolCallsOf', () => {
  it('OpenAI chat completions, LangChain messages, Anthropic blocks, the Responses API', () => {
    const openai = {
      choices: [
        {
          message: {
            role: 'assistant',
            content: null,
            tool_calls: [{ id: 'c1', type: 'function', function: { name: 'get_booking', arguments: '{"booking_id": "BK-52813"}' } }],
          },
        },
      ],
    };
    expect(toolCallsOf(openai)).toEqual([{ name: 'get_booking', args: '{"booking_id": "BK-52813"}' }]);
    const lc = { generations: [[{ message: { type: 'ai', content: '', tool_calls: [{ name: 'search', args: { q: 'refunds' } }] } }]] };
    expect(toolCallsOf(lc)).toEqual([{ name: 'search', args: '{"q":"refunds"}' }]);
    const anthropic = {
      role: 'assistant',
      content: [
        { type: 'text', text: 'Let me look.' },
        { type: 'tool_use', name: 'lookup', input: { id: 7 } },
      ],
    };
    expect(toolCallsOf(anthropic)).toEqual([{ name: 'lookup', args: '{"id":7}' }]);
    const responses = { output: [{ type: 'function_call', name: 'weather', arguments: '{"city":"Oslo"}' }] };
    expect(toolCallsOf(responses)).toEqual([{ name: 'weather', args: '{"city":"Oslo"}' }]);
  });

  it("DSPy ReAct: the adapter's text sections and the parsed fields; finish is no tool", () => {
    const text =
      '[[ ## next_thought ## ]]\nLook it up.\n\n[[ ## next_tool_name ## ]]\nlookup_fare_rules\n\n[[ ## next_tool_args ## ]]\n{"fare_code": "YLIGHT"}';
    expect(toolCallsOf([text])).toEqual([{ name: 'lookup_fare_rules', args: '{"fare_code": "YLIGHT"}' }]);
    expect(toolCallsOf({ next_thought: 'x', next_tool_name: 'lookup', next_tool_args: { a: 1 } })).toEqual([{ name: 'lookup', args: '{"a":1}' }]);
    expect(toolCallsOf({ next_tool_name: 'finish', next_tool_args: {} })).toEqual([]);
  });

  it('a plain answer asks for none', () => {
    expect(toolCallsOf({ choices: [{ message: { role: 'assistant', content: 'Hello' } }] })).toEqual([]);
    expect(toolCallsOf('Hello')).toEqual([]);
    expect(toolCallsOf(null)).toEqual([]);
  });
});
