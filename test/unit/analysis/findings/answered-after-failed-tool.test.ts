/** answeredAfterFailedTool: a model that answered after a tool failed, with or without the error in its input. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TraceFacts } from '../../../../scripts/lib/analysis/findings/trace-facts.js';
import { parseTrace } from '../../../../scripts/lib/trace/trace.js';
import { buildTree } from '../../../../scripts/lib/trace/tree.js';
import { fixture } from '../../../support/helpers.js';
import { answeredAfterFailedTool } from '../../../../scripts/lib/analysis/findings/kinds/answered-after-failed-tool.js';
import { chat, completion, factsOf, type SpanSpec } from '../../../support/span-trees.js';

const agent = (children: SpanSpec[]): SpanSpec => ({ name: 'agent', type: 'AGENT', children });
const failedTool: SpanSpec = { name: 'block_card', type: 'TOOL', inputs: { card: '4417' }, error: ['ConnectionError', 'card-service returned 503'] };

describe('answeredAfterFailedTool', () => {
  it("quotes the claim's whole sentence: a title's full stop does not end it", () => {
    const reply = 'Done! Your appointment with Dr. Aas has been booked for 18 December at 15:30.';
    const facts = factsOf(agent([failedTool, { name: 'llm', type: 'CHAT_MODEL', inputs: chat(['user', 'book Dr. Aas']), outputs: completion(reply) }]));
    expect(answeredAfterFailedTool.detect(facts)[0]?.successClaim).toBe(reply);
  });

  it('a model answering after a failed tool, the error not in its input, claiming success', () => {
    const facts = factsOf(
      agent([
        failedTool,
        { name: 'llm', type: 'CHAT_MODEL', inputs: chat(['user', 'block my card']), outputs: completion('Done! Your card has been blocked.') },
      ]),
    );
    const [a, ...rest] = answeredAfterFailedTool.detect(facts);
    expect(rest).toEqual([]);
    expect(a).toMatchObject({ llmRef: 'llm', toolRef: 'block_card', errorInInput: false, error: 'ConnectionError: card-service returned 503' });
    expect(a?.successClaim).toMatch(/^Done!/);
    const item = a as NonNullable<typeof a>;
    expect(answeredAfterFailedTool.line(item)).toBe(
      'llm answered after block_card failed (the error was not in its input) and the reply claims success: "Done! Your card has been blocked." — ConnectionError: card-service returned 503',
    );
    expect(answeredAfterFailedTool.spans(item)).toEqual([item.llmSpanId, item.toolSpanId]);
    expect(answeredAfterFailedTool.turnWeight(item)).toBe(10);
    expect(answeredAfterFailedTool.turnReason?.(item)).toMatch(/^block_card failed and the reply claimed success: "Done!/);
  });

  it('the error handed to the model as a tool message, no claim: weight 3', () => {
    const given = chat(['user', 'block my card'], ['tool', 'ConnectionError: card-service returned 503']);
    const facts = factsOf(agent([failedTool, { name: 'llm', type: 'LLM', inputs: given, outputs: completion('Sorry, the card service is down.') }]));
    const [a] = answeredAfterFailedTool.detect(facts);
    expect(a).toMatchObject({ errorInInput: true, successClaim: null, error: 'ConnectionError: card-service returned 503' });
    expect(answeredAfterFailedTool.turnWeight(a as NonNullable<typeof a>)).toBe(3);
  });

  it('a tool that returned its error as a result (status OK): the error words in the tool message', () => {
    const given = chat(['user', 'where is my order'], ['tool', 'Error: the orders service timed out']);
    const tool: SpanSpec = { name: 'get_order', type: 'TOOL', inputs: { id: 1 }, outputs: 'Error: the orders service timed out' };
    const [a] = answeredAfterFailedTool.detect(factsOf(agent([tool, { name: 'llm', type: 'LLM', inputs: given, outputs: completion('It ships tomorrow.') }])));
    expect(a).toMatchObject({ toolRef: 'get_order', errorInInput: true, error: 'Error: the orders service timed out' });
  });

  it('no finding: no tool failed, or the model itself failed', () => {
    const ok: SpanSpec = { name: 'lookup', type: 'TOOL', inputs: { q: 1 }, outputs: { a: 2 } };
    expect(
      answeredAfterFailedTool.detect(factsOf(agent([ok, { name: 'llm', type: 'LLM', inputs: chat(['user', 'hi']), outputs: completion('Hello') }]))),
    ).toEqual([]);
    expect(answeredAfterFailedTool.detect(factsOf(agent([failedTool, { name: 'llm', type: 'LLM', inputs: chat(['user', 'hi']), error: true }])))).toEqual([]);
  });

  it('success claims first on screen', () => {
    const order = answeredAfterFailedTool.order as NonNullable<typeof answeredAfterFailedTool.order>;
    const claim = { successClaim: 'Done!' } as Parameters<typeof order>[0];
    const none = { successClaim: null } as Parameters<typeof order>[0];
    expect([none, claim].sort(order)).toEqual([claim, none]);
  });
});

describe('answeredAfterFailedTool: what the model received, and failures stated in OK outputs', () => {
  it('a tool that ended OK with {ok: false, error} counts as failed; the next call never received it; the reply claims success', () => {
    const tool: SpanSpec = {
      name: 'change_seat',
      type: 'TOOL',
      inputs: { seat: '14C' },
      outputs: { ok: false, error: 'SEAT_LOCKED: seat 14C is held by another booking' },
    };
    const llm: SpanSpec = { name: 'llm', type: 'CHAT_MODEL', inputs: chat(['user', 'move me to 14C']), outputs: completion("Done! You're now in seat 14C.") };
    const [a, ...rest] = answeredAfterFailedTool.detect(factsOf(agent([tool, llm])));
    expect(rest).toEqual([]);
    expect(a).toMatchObject({ toolRef: 'change_seat', errorInInput: false, error: 'SEAT_LOCKED: seat 14C is held by another booking' });
    expect(a?.successClaim).toMatch(/^Done!/);
  });

  it('an OK tool whose output states no failure is not a failed tool', () => {
    const tool: SpanSpec = { name: 'change_seat', type: 'TOOL', inputs: { seat: '14C' }, outputs: { ok: true, error: null, seat: '14C' } };
    const llm: SpanSpec = { name: 'llm', type: 'CHAT_MODEL', inputs: chat(['user', 'move me to 14C']), outputs: completion("Done! You're now in seat 14C.") };
    expect(answeredAfterFailedTool.detect(factsOf(agent([tool, llm])))).toEqual([]);
  });

  it("DSPy's ReAct hands the error on as an observation in the user message: the model received it", () => {
    const tool: SpanSpec = {
      name: 'Tool.lookup_fare_rules',
      type: 'TOOL',
      inputs: { fare_code: 'YLIGHT' },
      error: ['ConnectionError', 'fare rules service timed out for YLIGHT'],
    };
    const observed =
      '[[ ## trajectory ## ]]\n[[ ## observation_0 ## ]]\nExecution error in lookup_fare_rules: \nTraceback …\nConnectionError: fare rules service timed out for YLIGHT\n\nRespond with …';
    const lm: SpanSpec = {
      name: 'DummyLM.__call__',
      type: 'CHAT_MODEL',
      inputs: chat(['system', 'fields'], ['user', observed]),
      outputs: ['[[ ## answer ## ]]\nIt can be changed.'],
    };
    const predict: SpanSpec = {
      name: 'Predict.forward',
      type: 'LLM',
      inputs: { question: 'q', trajectory: observed },
      outputs: { answer: 'It can be changed.' },
      children: [lm],
    };
    const [a, ...rest] = answeredAfterFailedTool.detect(factsOf(agent([tool, predict])));
    expect(rest).toEqual([]);
    expect(a).toMatchObject({
      llmRef: 'DummyLM.__call__',
      errorInInput: true,
      inOtherMessage: true,
      error: 'ConnectionError: fare rules service timed out for YLIGHT',
    });
    expect(answeredAfterFailedTool.line(a as NonNullable<typeof a>)).toMatch(/\(its input held the error, in a message's text\)/);
  });
});

describe('answeredAfterFailedTool on real framework traces', () => {
  const real = (name: string) => {
    const t = parseTrace(JSON.parse(readFileSync(fixture(name), 'utf8')));
    return new TraceFacts(t, buildTree(t.spans), { reply: null });
  };

  it('Pydantic AI: a tool that raised ModelRetry, called again and OK before the reply, is no answer after a failure', () => {
    expect(answeredAfterFailedTool.detect(real('get-pydantic-ai-tool-retry.json'))).toEqual([]);
  });

  it("DSPy ReAct: the error handed on as an observation in the next prompt's trajectory", () => {
    const [a, ...rest] = answeredAfterFailedTool.detect(real('get-dspy-react-tool-fails.json'));
    expect(rest).toEqual([]);
    expect(a).toMatchObject({ llmRef: 'DummyLM.__call__#2', toolRef: 'Tool.get_order', errorInInput: true, inOtherMessage: true });
    expect(a?.error).toContain('order service did not answer within 5 s');
  });

  it('a retry that failed again leaves the failure open', () => {
    const facts = factsOf(
      agent([
        failedTool,
        { ...failedTool, name: 'block_card' },
        { name: 'llm', type: 'CHAT_MODEL', inputs: chat(['user', 'block my card']), outputs: completion('Your card is blocked.') },
      ]),
    );
    expect(answeredAfterFailedTool.detect(facts)).toHaveLength(1);
  });

  it('an OK call of the same tool after the failure closes it; one of another tool does not', () => {
    const llm: SpanSpec = { name: 'llm', type: 'CHAT_MODEL', inputs: chat(['user', 'block my card']), outputs: completion('Your card is blocked.') };
    const ok = (name: string): SpanSpec => ({ name, type: 'TOOL', inputs: { card: '4417' }, outputs: { blocked: true } });
    expect(answeredAfterFailedTool.detect(factsOf(agent([failedTool, ok('block_card'), llm])))).toEqual([]);
    expect(answeredAfterFailedTool.detect(factsOf(agent([failedTool, ok('notify_user'), llm])))).toHaveLength(1);
  });
});
