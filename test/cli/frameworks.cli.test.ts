/**
 * Real framework instrumentation (testbed/seed_frameworks.py, the `frameworks` store): DSPy's ReAct
 * on DummyLM under `mlflow.dspy.autolog()`, Pydantic AI's TestModel under `mlflow.pydantic_ai.autolog()`.
 * Their shapes read right: the model call is the LM's span (not DSPy's Predict wrapper), its model
 * named on its row, tool calls with their arguments on the rows, tokens per model or "none
 * recorded", the failing tool named in FINDINGS, a swapped-digit argument found, and a tool error
 * the agent retried past not called an answer after a failure.
 *
 * One capture per scenario and script (beforeAll), many assertions on it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasStackTrace, rawJsonPath, ROOT, run, type Run } from '../support/helpers.js';

type Scenario = 'dspy_tool_fails' | 'dspy_wrong_argument' | 'dspy_clean' | 'pydantic_clean' | 'pydantic_tool_error';
interface FrameworksManifest {
  tracking_uri: string;
  traces: Record<Scenario, string>;
}
const manifest = JSON.parse(readFileSync(join(ROOT, '.testbed', 'frameworks', 'manifest.json'), 'utf8')) as FrameworksManifest;
const env = { MLFLOW_TRACKING_URI: manifest.tracking_uri };

/** A section of the output: its heading line up to the next heading (a line that starts with a capitalised word). */
const section = (out: string, name: string): string => {
  const lines = out.split('\n');
  const from = lines.findIndex((l) => l.startsWith(name));
  if (from < 0) return '';
  const to = lines.findIndex((l, i) => i > from && /^[A-Z]{3,}/.test(l));
  return lines.slice(from, to < 0 ? undefined : to).join('\n');
};
const expectClean = (r: Run) => {
  expect(r.exitCode, r.stderr).toBe(0);
  expect(hasStackTrace(r.stderr)).toBe(false);
};
interface RawSpan {
  name: string;
  attributes: Record<string, string>;
}
const savedSpans = (r: Run): RawSpan[] => (JSON.parse(readFileSync(rawJsonPath(r.stdout) as string, 'utf8')) as { data: { spans: RawSpan[] } }).data.spans;

const captures: Partial<Record<`${Scenario}:${'health' | 'inspect'}`, Run>> = {};
const got = (key: keyof typeof captures): Run => captures[key] as Run;
beforeAll(async () => {
  const jobs: Array<[keyof typeof captures, Promise<Run>]> = [];
  for (const s of Object.keys(manifest.traces) as Scenario[]) jobs.push([`${s}:health`, run('health_check', [manifest.traces[s]], env)]);
  await Promise.all(jobs.map(async ([k, p]) => (captures[k] = await p)));
  // inspect_turn after health_check: the trace comes from the cache.
  for (const s of ['dspy_wrong_argument', 'pydantic_clean', 'pydantic_tool_error'] as const)
    captures[`${s}:inspect`] = await run('inspect_turn', [manifest.traces[s]], env);
});

describe('DSPy ReAct under mlflow.dspy.autolog()', () => {
  it('every capture runs cleanly', () => {
    for (const r of Object.values(captures)) expectClean(r as Run);
  });

  it('the traces are what DSPy and its autologging wrote', () => {
    const names = savedSpans(got('dspy_tool_fails:health')).map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['ReAct.forward', 'Predict.forward', 'ChatAdapter.format', 'DummyLM.__call__', 'Tool.get_order']));
  });

  it('a failing tool: named in ERRORS, and in FINDINGS with the text the next model call received', () => {
    const out = got('dspy_tool_fails:health').stdout;
    expect(out).toMatch(/✗ Tool\.get_order \[TOOL\] — InventoryTimeout: order service did not answer within 5 s \(upstream 504\) — caught in ReAct\.forward/);
    const findings = section(out, 'FINDINGS');
    // DSPy hands the error on as an observation in the next prompt's trajectory: the finding quotes its exception line.
    expect(findings).toMatch(
      /DummyLM\.__call__#2 answered after Tool\.get_order failed \(its input held the error, in a message's text\) — InventoryTimeout: order service did not answer/,
    );
    expect(findings).not.toMatch(/Predict\.forward|ChainOfThought/);
  });

  it('no tokens recorded (DummyLM) is said so, never as a total of 0', () => {
    for (const s of ['dspy_tool_fails', 'dspy_wrong_argument', 'dspy_clean'] as const) {
      expect(got(`${s}:health`).stdout).toContain('TOKENS: none recorded');
      expect(got(`${s}:health`).stdout).not.toMatch(/total 0\b/);
    }
  });

  it('a swapped-digit argument: the call, the value the user wrote, and the other customer its output named', () => {
    const findings = section(got('dspy_wrong_argument:health').stdout, 'FINDINGS');
    expect(findings).toContain('called `Tool.get_order` with order_id=ORD-31854, which no message or earlier output holds');
    expect(findings).toContain('the user wrote ORD-38154 (two digits swapped)');
    expect(findings).toContain('its output names customer "Mei Suzuki"');
    expect(findings).toContain('`DummyLM.__call__#1`');
  });

  it("the tree: the LM's span is the model call, its model named, its tool call with the arguments", () => {
    const tree = section(got('dspy_wrong_argument:inspect').stdout, 'SPAN TREE');
    expect(tree.match(/DummyLM\.__call__ \[CHAT_MODEL: dummy, cache on\]/g)).toHaveLength(3);
    // Predict.forward [LLM] wraps the LM's call: no model note of its own.
    expect(tree).toMatch(/Predict\.forward \[LLM\] \d/);
    expect(tree).not.toMatch(/Predict\.forward \[LLM:/);
    expect(tree).toContain('out: 1 tool call: get_order({"order_id": "ORD-31854"})');
    // The LM's reply that finishes is its text, not a JSON list.
    expect(tree).toMatch(/out: \[\[ ## next_thought ## \]\] I have what I need\./);
    expect(tree).toMatch(/Tool\.get_order \[TOOL\][^\n]*\n[^\n]*in: {2}ORD-31854/);
  });

  it('a clean run: no errors, no findings', () => {
    const out = got('dspy_clean:health').stdout;
    expect(out).toContain('ERRORS: none');
    expect(out).toContain('FINDINGS: none');
  });
});

describe('Pydantic AI under mlflow.pydantic_ai.autolog()', () => {
  it('the traces are what Pydantic AI and its autologging wrote', () => {
    const spans = savedSpans(got('pydantic_tool_error:health'));
    expect(spans.map((s) => s.name).sort()).toEqual([
      'Agent.run',
      'TestModel.request',
      'TestModel.request',
      'TestModel.request',
      'get_forecast',
      'get_forecast',
    ]);
    expect(spans.find((s) => s.name === 'TestModel.request')?.attributes['mlflow.message.format']).toBe('"pydantic_ai"');
  });

  it("the tree: each model request's row with its model, what it was given and the tool call it made", () => {
    const tree = section(got('pydantic_clean:inspect').stdout, 'SPAN TREE');
    expect(tree.match(/TestModel\.request \[LLM: test\]/g)).toHaveLength(2);
    expect(tree).toContain('out: 1 tool call: get_forecast({"city":"a"})');
    expect(tree).toContain('last tool: a: 11 °C, light rain, wind 6 m/s');
    expect(tree).toContain('out: Tomorrow in Oslo: 11 °C with light rain.');
    expect(tree).not.toMatch(/"part_kind"/);
  });

  it("tokens per model call under the model's name, not the agent's sum as one call", () => {
    const tokens = section(got('pydantic_clean:inspect').stdout, 'TOKENS');
    expect(tokens).toMatch(/test: 143 \(in 124, out 19\) in 2 calls/);
    expect(tokens).not.toContain('model not recorded');
    expect(section(got('pydantic_tool_error:health').stdout, 'TOKENS')).toMatch(/test: \d+ \(in \d+, out \d+\) in 3 calls/);
  });

  it('a tool that raised ModelRetry: in ERRORS, its words on the next request, and no answer-after-failure (the retry worked)', () => {
    const health = got('pydantic_tool_error:health').stdout;
    expect(health).toMatch(/get_forecast \[TOOL\] — ToolRetryError: weather station BGO-3 is offline; try again/);
    expect(health).toContain('FINDINGS: none');
    const tree = section(got('pydantic_tool_error:inspect').stdout, 'SPAN TREE');
    expect(tree).toContain('last tool: weather station BGO-3 is offline; try again');
    expect(tree.match(/out: 1 tool call: get_forecast/g)).toHaveLength(2);
  });

  it('a clean run: no errors, no findings', () => {
    const out = got('pydantic_clean:health').stdout;
    expect(out).toContain('ERRORS: none');
    expect(out).toContain('FINDINGS: none');
  });
});
