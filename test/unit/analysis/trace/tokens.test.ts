/** Token usage per model call under an agent that records the sum (Pydantic AI's Agent.run), and none recorded (DSPy's DummyLM). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyseTokens } from '../../../../scripts/lib/analysis/trace/tokens.js';
import { parseTrace, type Trace } from '../../../../scripts/lib/trace/trace.js';
import { buildTree } from '../../../../scripts/lib/trace/tree.js';
import { factsOf } from '../../../support/span-trees.js';
import { fixture } from '../../../support/helpers.js';

const one = (name: string): Trace => parseTrace(JSON.parse(readFileSync(fixture(name), 'utf8')));

describe('analyseTokens', () => {
  it("Pydantic AI: each model call's own usage under its model, not the agent's sum as one call of no model", () => {
    const t = one('get-pydantic-ai-tool-retry.json');
    const k = analyseTokens(t, buildTree(t.spans));
    expect(k.total).toEqual({ input: 204, output: 34, total: 238 });
    expect(k.byModel).toEqual([{ model: 'test', calls: 3, input: 204, output: 34, total: 238 }]);
  });

  it('DSPy with DummyLM: no usage recorded anywhere is no total (not 0)', () => {
    const t = one('get-dspy-react-tool-fails.json');
    const k = analyseTokens(t, buildTree(t.spans));
    expect(k.total).toBeNull();
    expect(k.byModel).toEqual([]);
  });

  it("an agent's own usage still counts when no model call below it records one", () => {
    const usage = { 'mlflow.chat.tokenUsage': { input_tokens: 10, output_tokens: 2, total_tokens: 12 } };
    const facts = factsOf({ name: 'agent', type: 'AGENT', attrs: usage, children: [{ name: 'llm', type: 'LLM' }] });
    expect(analyseTokens(facts.trace, facts.tree).total).toEqual({ input: 10, output: 2, total: 12 });
  });
});
