import { describe, expect, it } from 'vitest';
import { polarityOf, summariseAssessments } from '../../../../scripts/lib/analysis/trace/assessments.js';
import { findErrors } from '../../../../scripts/lib/analysis/trace/failures.js';
import { analyseSession } from '../../../../scripts/lib/analysis/session/session.js';
import { analyseTiming } from '../../../../scripts/lib/analysis/trace/timing.js';
import { analyseTokens } from '../../../../scripts/lib/analysis/trace/tokens.js';
import { analyseTrace } from '../../../../scripts/lib/analysis/trace/trace-report.js';
import { locateTurn } from '../../../../scripts/lib/analysis/trace/turn-io.js';
import { spanTokenUsage } from '../../../../scripts/lib/trace/conventions.js';
import { readJsonFile } from '../../../../scripts/lib/core/read-json.js';
import { replyText, userText } from '../../../../scripts/lib/trace/messages.js';
import { parseSearch, parseTrace, parseTraces, type Trace } from '../../../../scripts/lib/trace/trace.js';
import { buildTree } from '../../../../scripts/lib/trace/tree.js';
import { fixture } from '../../../support/helpers.js';

const one = (name: string): Trace => parseTrace(readJsonFile(fixture(name), name));
const many = (name: string): Trace[] => parseTraces(readJsonFile(fixture(name), name));

describe('errors: the deepest failing span, found once', () => {
  const r = findErrors(buildTree(one('get-failing.json').spans));

  it('names the TOOL four levels down, not its re-raising ancestors', () => {
    expect(r.errorSpanCount).toBe(6);
    expect(r.culprits).toHaveLength(1);
    expect(r.culprits[0]).toMatchObject({ name: 'call_airline_api', type: 'TOOL', count: 3, exception: { type: 'ConnectionError' } });
    expect(r.culprits[0]?.propagatedThrough).toEqual(['book_flight', 'execute_plan', 'travel_agent']);
    expect(r.culprits[0]?.path).toEqual(['travel_agent', 'execute_plan', 'book_flight']);
  });

  it('does not count UNSET spans (OTel leaves successful spans UNSET) as errors', () => {
    const oi = many('server-search-openinference.json');
    for (const t of oi) {
      expect(t.spans.some((s) => s.status === 'UNSET')).toBe(true);
      expect(findErrors(buildTree(t.spans)).errorSpanCount).toBe(0);
    }
  });
});

describe('timing on known numbers (span times were set by the seeder)', () => {
  const t = analyseTiming(buildTree(one('get-healthy.json').spans));

  it('self time subtracts merged child intervals: parallel tools are not double-counted', () => {
    // 2400 ms root minus children covering 10-610, 620-700, 710-1710 (two tools in parallel), 1800-2390.
    const root = t.slowestBySelf.find((s) => s.name === 'weather_agent');
    expect(root?.selfMs).toBeCloseTo(2400 - (600 + 80 + 1000 + 590), 0);
  });

  it('follows the critical path through the child that finished last', () => {
    expect(t.criticalPath[0]?.within.name).toBe('weather_agent');
    expect(t.criticalPath[0]?.steps.map((s) => s.name).at(-1)).toBe('write_answer');
  });

  it('finds the 90 ms gap where the agent waited on nothing', () => {
    expect(t.gaps[0]).toMatchObject({ parent: 'weather_agent', afterChild: 'get_forecast' });
    expect(t.gaps[0]?.durationMs).toBeCloseTo(90, 0);
  });

  it('counts repeated span names (retries) per parent', () => {
    const f = analyseTiming(buildTree(one('get-failing.json').spans));
    expect(f.repeats[0]).toMatchObject({ name: 'call_airline_api', count: 3, parent: 'book_flight' });
  });
});

describe('tokens from every convention', () => {
  it('sums MLflow span usage and splits it by model', () => {
    const t = one('get-wrong-retrieval.json');
    const k = analyseTokens(t, buildTree(t.spans));
    expect(k.total).toEqual({ input: 720, output: 65, total: 785 });
    expect(k.byModel).toEqual([expect.objectContaining({ model: 'gpt-4o-mini', calls: 2, total: 785 })]);
    expect(k.cost?.total).toBeGreaterThan(0);
  });

  it('reads OTel GenAI gen_ai.usage.* sent over OTLP', () => {
    const [first] = many('server-search-otel-genai.json');
    const llm = first?.spans.find((s) => s.name.startsWith('chat'));
    expect(llm && spanTokenUsage(llm)).toMatchObject({ input: 40, output: 9, total: 49 });
  });

  it('reads OpenInference llm.token_count.*', () => {
    const [first] = many('server-search-openinference.json');
    const k = first ? analyseTokens(first, buildTree(first.spans)) : null;
    expect(k?.total).toEqual({ input: 30, output: 12, total: 42 });
    expect(k?.byModel[0]?.model).toBe('claude-sonnet-4');
  });

  it('reads OpenLLMetry llm.usage.* even where MLflow kept only the total', () => {
    const [t] = many('server-search-openllmetry.json');
    const k = t ? analyseTokens(t, buildTree(t.spans)) : null;
    expect(k?.total).toEqual({ input: 21, output: 8, total: 29 });
  });

  it('a roll-up of 0.0 (what MLflow prints when no span has a cost) is no recorded cost', () => {
    const t = one('get-wrong-retrieval.json');
    const zero = {
      ...t,
      info: { ...t.info, metadata: { ...t.info.metadata, 'mlflow.trace.cost': '{"input_cost": 0.0, "output_cost": 0.0, "total_cost": 0.0}' } },
    };
    expect(analyseTokens(zero, buildTree([])).cost).toBeNull();
    expect(analyseTokens(zero, buildTree(t.spans)).cost?.total).toBeGreaterThan(0);
  });

  it('falls back to the trace metadata when there are no spans', () => {
    const [t] = many('search-hotel-session-nospans.json');
    expect(t && analyseTokens(t, buildTree([])).source).toBe('trace metadata mlflow.trace.tokenUsage');
  });
});

describe('assessments: negative first, scorer errors apart', () => {
  const s = summariseAssessments(one('get-wrong-retrieval.json').info.assessments);

  it('puts negative verdicts first and keeps the rationale', () => {
    // user_frustration = "no" names a bad thing: "no" is the good verdict (polarity by name).
    expect(s.verdicts.slice(0, 3).every((v) => v.polarity === 'negative')).toBe(true);
    expect(s.verdicts.find((v) => v.name === 'user_frustration')).toMatchObject({ polarity: 'positive', rationale: expect.stringMatching(/frustrated/) });
    expect(s.verdicts.map((v) => v.name)).toContain('safety');
    expect(s.verdicts.findIndex((v) => v.name === 'safety')).toBeGreaterThan(2);
  });

  it('never counts a scorer error as a verdict', () => {
    expect(s.scorerErrors.map((v) => v.name)).toEqual(['groundedness']);
    expect(s.verdicts.map((v) => v.name)).not.toContain('groundedness');
  });

  it('lists expectations and the overridden feedback on their own', () => {
    expect(s.expectations.map((v) => v.name).sort()).toEqual(['expected_answer', 'expected_facts']);
    expect(s.overridden).toEqual([expect.objectContaining({ name: 'helpfulness', value: 4, overriddenBy: expect.stringMatching(/^a-/) })]);
  });

  it('guesses polarity only where the value says so', () => {
    expect([false, 'no', 0.2, 2, 'fail'].map((v) => polarityOf(v))).toEqual(['negative', 'negative', 'negative', 'negative', 'negative']);
    expect([true, 'yes', 0.9, 5].map((v) => polarityOf(v))).toEqual(['positive', 'positive', 'positive', 'positive']);
    expect([1, 'maybe', 3, null].map((v) => polarityOf(v))).toEqual(['unknown', 'unknown', 'unknown', 'unknown']);
  });
});

describe('where the turn lives', () => {
  it('skips a wrapper root with empty inputs and an opaque output', () => {
    const [t] = many('search-wrapper-session.json');
    const io = t ? locateTurn(t, buildTree(t.spans)) : null;
    expect(io).toMatchObject({ rootIsWrapper: true, spanName: 'support_bot', depth: 2 });
    expect(io?.user?.text).toBe('How do I reset my password?');
    expect(io?.reply?.text).toBe("Use 'Forgot password' on the login page.");
  });

  it('finds OTel GenAI messages on the LLM span below the agent', () => {
    const traces = many('server-search-otel-genai.json');
    const last = traces.at(-1) as Trace;
    const io = locateTurn(last, buildTree(last.spans));
    expect(io.rootIsWrapper).toBe(true);
    expect(io.user?.text).toBe('And Saturn?');
    expect(io.reply?.text).toBe('Saturn has 146 known moons.');
  });

  it('keeps a root with a user message as the turn even when it failed without a reply', () => {
    const t = one('get-failing.json');
    expect(locateTurn(t, buildTree(t.spans))).toMatchObject({ rootIsWrapper: false, spanName: 'travel_agent' });
  });
});

describe('message text from every input shape', () => {
  const shapes = Object.fromEntries(many('search-shapes.json').map((t) => [t.spans[0]?.name, analyseTrace(t).turn]));

  it.each([
    ['shape_string', "Translate 'hello' to French", 'Bonjour'],
    ['shape_dict', 'capital of Peru?', 'Lima'],
    ['shape_langchain', 'Name a prime above 10', '11'],
    ['shape_responses', 'Summarise MLflow in 3 words', 'Track, evaluate, deploy.'],
    ['shape_anthropic', 'Is 7 odd?', 'Yes, 7 is odd.'],
  ])('%s', (name, user, reply) => {
    expect(shapes[name]?.user?.text).toBe(user);
    expect(shapes[name]?.reply?.text).toBe(reply);
  });

  it('takes the last user message of a replayed history, not the history', () => {
    expect(
      userText({
        messages: [
          { role: 'user', content: 'a' },
          { role: 'assistant', content: 'b' },
          { role: 'user', content: 'c' },
        ],
      })?.text,
    ).toBe('c');
  });

  it('falls back to a JSON preview rather than nothing', () => {
    expect(replyText({ weird: { nested: [1, 2] }, other: 3 })).toBeNull();
  });
});

describe('session ranking (the six-turn hotel session)', () => {
  const traces = parseSearch(readJsonFile(fixture('search-hotel-session-nospans.json'), 'x')).traces;
  const r = analyseSession('hotel-booking-42', traces, false);

  it('rebuilds the turns in order from previews alone', () => {
    expect(r.turns.map((t) => t.user?.text.slice(0, 12))).toEqual([
      'Hi, I need a',
      'Does it have',
      'What time is',
      'Great, then ',
      "That's wrong",
      'Cancel the m',
    ]);
    expect(r.turns[2]?.reply?.text).toBe('Check-out is at 3 pm.');
  });

  it('reads the session-level assessment on the first trace, scorer error apart', () => {
    expect(r.sessionAssessments.verdicts.map((v) => v.name)).toEqual(['conversation_quality']);
    expect(r.sessionAssessments.scorerErrors.map((v) => v.name)).toEqual(['user_frustration']);
    expect(r.turns[0]?.assessments.verdicts.map((v) => v.name)).toEqual(['relevance']);
  });

  it('ranks the negative-verdict turn first and traces the cause back to turn 3', () => {
    expect(r.suspects[0]?.turn).toBe(5);
    expect(r.suspects.find((s) => s.turn === 3)?.reasons.join(' ')).toMatch(/correction refers to this reply/);
    expect(r.suspects.find((s) => s.turn === 6)?.reasons.join(' ')).toMatch(/state ERROR/);
    expect(r.firstBadTurn).toBe(3);
    expect(r.advice).toMatch(/turns 1–2/);
  });
});
