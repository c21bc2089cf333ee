/**
 * Pydantic AI's messages as `mlflow.pydantic_ai.autolog()` logs them (fixtures/get-pydantic-ai-tool-retry.json:
 * TestModel, a tool that raised ModelRetry once, called again, then the reply): read as chat messages,
 * a reply and tool calls with their arguments.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { spanInputs, spanOutputs, storedInput, storedSide } from '../../../scripts/lib/trace/conventions.js';
import { messagesOf, replyText, toolCallsOf, userText } from '../../../scripts/lib/trace/messages.js';
import { partMessages, partReply } from '../../../scripts/lib/trace/part-messages.js';
import { parseTrace } from '../../../scripts/lib/trace/trace.js';
import { fixture } from '../../support/helpers.js';
import { span } from '../../support/spans.js';

const trace = parseTrace(JSON.parse(readFileSync(fixture('get-pydantic-ai-tool-retry.json'), 'utf8')));
const requests = trace.spans.filter((s) => s.name === 'TestModel.request').sort((a, b) => a.startMs - b.startMs);
const input = (i: number) => spanInputs(requests[i] as (typeof requests)[number])?.value;
const output = (i: number) => spanOutputs(requests[i] as (typeof requests)[number])?.value;

describe('Pydantic AI messages', () => {
  it('a request: the instructions as the system message, the user prompt, and what came back from the tool', () => {
    expect(requests).toHaveLength(3);
    expect(messagesOf(input(0))).toEqual([
      { role: 'system', text: "You answer questions about tomorrow's weather. Use get_forecast." },
      { role: 'user', text: 'Will it rain in Bergen tomorrow?' },
    ]);
    expect(userText(input(0))?.text).toBe('Will it rain in Bergen tomorrow?');
    // The tool's ModelRetry reached the model as a retry prompt: a tool message with its words.
    const second = messagesOf(input(1)) ?? [];
    expect(second.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'tool']);
    expect(second[2]?.text).toBe('[tool call: get_forecast]');
    expect(second[3]?.text).toBe('weather station BGO-3 is offline; try again');
    expect(messagesOf(input(2))?.at(-1)).toEqual({ role: 'tool', text: 'a: 11 °C, light rain, wind 6 m/s' });
  });

  it('a response: its tool calls with their arguments, or its text', () => {
    expect(toolCallsOf(output(0))).toEqual([{ name: 'get_forecast', args: '{"city":"a"}' }]);
    expect(replyText(output(0))).toEqual({ text: '[tool call: get_forecast]', shape: 'parts' });
    expect(toolCallsOf(output(2))).toEqual([]);
    expect(replyText(output(2))).toEqual({ text: 'Yes, light rain in Bergen tomorrow, 11 °C.', shape: 'parts' });
  });

  it('other shapes are not read as parts', () => {
    expect(partMessages([{ role: 'user', content: 'hi' }])).toBeNull();
    expect(partMessages([])).toBeNull();
    expect(partReply({ parts: [{ part_kind: 'text', content: 'x' }], kind: 'request' })).toBeNull();
    expect(partReply({ parts: [{ part_kind: 'thinking', content: 'x' }], kind: 'response' })).toBeNull();
    expect(partMessages([{ kind: 'request', parts: [{ part_kind: 'retry-prompt', content: [{ msg: 'bad' }] }] }])).toEqual([
      { role: 'user', text: '[{"msg":"bad"}]' },
    ]);
  });

  it("DSPy's LM output, a list of one completion, is its text", () => {
    expect(replyText(['[[ ## answer ## ]]\nYes.'])).toEqual({ text: '[[ ## answer ## ]]\nYes.', shape: 'string' });
  });
});

describe('storedSide and storedInput', () => {
  const withAttrs = (rawAttributes: Record<string, unknown>) => ({ ...span('s', 'x'), rawAttributes });
  it('gives the stored string itself, undecoded, and decodes what is stored otherwise', () => {
    expect(storedSide(withAttrs({ 'mlflow.spanInputs': '{"a": 1}' }), 'in')).toEqual({ value: '{"a": 1}', key: 'mlflow.spanInputs', convention: 'mlflow' });
    expect(storedInput(withAttrs({ 'input.value': '{"a": 1}' }))).toBe('{"a": 1}');
    expect(storedSide(withAttrs({ 'mlflow.spanOutputs': 'null' }), 'out')).toBeNull();
    expect(storedSide(withAttrs({ 'mlflow.spanInputs': { a: 1 } }), 'in')?.value).toEqual({ a: 1 });
    expect(storedInput(withAttrs({ 'mlflow.spanInputs': { a: 1 } }))).toBeNull();
  });
  it('reads flattened messages when no key holds the side whole, and nothing when none is there', () => {
    const flat = withAttrs({ 'llm.input_messages.0.message.role': 'user', 'llm.input_messages.0.message.content': 'hi' });
    expect(storedSide(flat, 'in')?.key).toBe('llm.input_messages.N.*');
    expect(storedSide(withAttrs({ other: '1' }), 'in')).toBeNull();
  });
});
