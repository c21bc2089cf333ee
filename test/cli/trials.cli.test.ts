/**
 * The agent-trial set (testbed/TRIALS.md): tasks like those coding agents were given, each with
 * its answer required on the FIRST SCREEN of the first script an agent would run, so no agent
 * has to leave the scripts for jq. The traces come from `testbed/seed_trials.py` (the `trials`
 * store): a real LangGraph agent under `mlflow.langchain.autolog()`, the real OpenAI SDK under
 * `mlflow.openai.autolog()` over a mocked HTTP transport, and SDK-built traces; the fifth task
 * reuses the OTel GenAI session on the test server.
 *
 * Each task runs its script once (beforeAll) and asserts two kinds of things: that the seeded
 * data really holds the situation (the trace JSON the script saved), and that the first screen
 * names the answer in the words the findings use.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { hasStackTrace, rawJsonPath, ROOT, run, type Run } from '../support/helpers.js';

interface TrialsManifest {
  tracking_uri: string;
  experiment_id: string;
  traces: Record<'langgraph_tool_error' | 'batch_caught' | 'judge_polarity', string>;
  sessions: { lost_history: { id: string; traces: string[]; turns: number } };
  facts: {
    langgraph_tool_error: { tool_span: string; exception: string; chat_span: string; tool_node: string; answer: string };
    lost_history: { wrong_turn: number; correction_turn: number; root_span: string };
    batch_caught: { spans: number; failing_span: string; rethrown_by: string; caught_in: string; batch: string; sku: string; exception: string };
    judge_polarity: { negative: string; not_negative: string };
  };
}

const trials = JSON.parse(readFileSync(join(ROOT, '.testbed', 'trials', 'manifest.json'), 'utf8')) as TrialsManifest;
const env = { MLFLOW_TRACKING_URI: trials.tracking_uri };

/** What an agent sees without scrolling: the first 40 lines. */
const FIRST_SCREEN_LINES = 40;
const firstScreen = (r: Run) => r.stdout.split('\n').slice(0, FIRST_SCREEN_LINES).join('\n');

// The saved JSON the script points to: the raw `mlflow traces get|search` output.
interface RawSpan {
  name: string;
  parent_span_id: string | null;
  span_id: string;
  status: { code: string; message?: string };
  attributes: Record<string, string>;
  events?: Array<{ name: string; attributes?: Record<string, string> }>;
}
interface RawTrace {
  info: { trace_id: string; state: string; trace_metadata?: Record<string, string>; assessments?: Array<Record<string, unknown>> };
  data: { spans: RawSpan[] };
}
const savedJson = (r: Run, label: 'Full trace JSON' | 'Full search JSON'): unknown => {
  const path = rawJsonPath(r.stdout, label === 'Full trace JSON' ? 'trace' : 'search');
  expect(path, `${label} line in the output`).toBeTruthy();
  return JSON.parse(readFileSync(path as string, 'utf8'));
};
const spanType = (s: RawSpan) => JSON.parse(s.attributes['mlflow.spanType'] ?? '""') as string;
const attr = (s: RawSpan, key: string): unknown => (s.attributes[key] === undefined ? undefined : JSON.parse(s.attributes[key] as string));

const expectCleanRun = (r: Run) => {
  expect(r.exitCode, r.stderr).toBe(0);
  // stdout may hold the traced app's own traceback: that is content, not a crash of ours.
  expect(hasStackTrace(r.stderr)).toBe(false);
  expect(r.stdout.length).toBeLessThanOrEqual(20_000);
};

describe('trial 1 — a LangGraph agent whose tool failed answered anyway (health_check)', () => {
  const facts = trials.facts.langgraph_tool_error;
  let health: Run;
  let screen: string;
  let trace: RawTrace;
  beforeAll(async () => {
    health = await run('health_check', [trials.traces.langgraph_tool_error], env);
    screen = firstScreen(health);
    trace = savedJson(health, 'Full trace JSON') as RawTrace;
  });

  it('runs cleanly', () => expectCleanRun(health));

  it('the trace came from mlflow.langchain.autolog on a real LangGraph ReAct agent', () => {
    const spans = trace.data.spans;
    const root = spans.find((s) => s.parent_span_id === null);
    expect(root?.name).toBe('LangGraph');
    const names = spans.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['agent', 'call_model', facts.tool_node, 'should_continue']));
    const chats = spans.filter((s) => spanType(s) === 'CHAT_MODEL');
    expect(chats.map((s) => s.name)).toEqual([facts.chat_span, facts.chat_span]);
    for (const c of chats) {
      expect(attr(c, 'mlflow.message.format')).toBe('langchain');
      expect(attr(c, 'mlflow.chat.tokenUsage')).toMatchObject({ input_tokens: expect.any(Number) });
    }
    // The tool span failed with its exception recorded; the ToolNode around it ended OK.
    const tool = spans.find((s) => s.name === facts.tool_span) as RawSpan;
    expect(spanType(tool)).toBe('TOOL');
    expect(tool.status.code).toBe('STATUS_CODE_ERROR');
    expect(tool.events?.find((e) => e.name === 'exception')?.attributes?.['exception.type']).toBe(facts.exception);
    expect(spans.find((s) => s.span_id === tool.parent_span_id)).toMatchObject({ name: facts.tool_node, status: { code: 'STATUS_CODE_OK' } });
    // The second model call read the tool's error as a tool message, and answered.
    expect(attr(chats[1] as RawSpan, 'mlflow.spanInputs')).toEqual(expect.anything());
    expect(JSON.stringify(attr(chats[1] as RawSpan, 'mlflow.spanInputs'))).toContain(`${facts.exception}(`);
    expect(trace.info.state).toBe('OK');
  });

  it('the first screen shows the OK trace, the answer given, and the failed tool with its exception', () => {
    expect(screen).toMatch(/— OK \(/);
    expect(screen).toContain(`Response: ${facts.answer}`);
    expect(screen).toMatch(new RegExp(`✗ ${facts.tool_span} \\[TOOL\\] — ${facts.exception}: orders-db did not answer`));
    expect(screen).toContain(`path: LangGraph › ${facts.tool_node} › ${facts.tool_span}`);
  });

  it('the first screen says the model answered after the tool failed', () => {
    expect(screen).toMatch(new RegExp(`${facts.chat_span}\\S*(?: \\[CHAT_MODEL\\])? answered after ${facts.tool_span}\\S*(?: \\[TOOL\\])? failed`));
  });

  it('the first screen says where the error was caught and that OK hides it', () => {
    expect(screen).toContain(`caught in ${facts.tool_node} (status OK)`);
    expect(screen).toMatch(/the trace reports OK although 1 spans? failed/);
  });

  it('the first screen raises no false alarm (the trial saw two)', () => {
    // A 70-char response is not "cut by MLflow at 1,000 chars".
    expect(health.stdout).not.toMatch(/response_preview is cut/);
    // agent → tools → agent is how a ReAct agent works, not a retry loop.
    expect(health.stdout).not.toMatch(/repeated: agent ×2[^\n]*retries or a loop\?/);
  });
});

describe('trial 2 — an OpenAI chat session that lost its history (session_transcript)', () => {
  const facts = trials.facts.lost_history;
  const session = trials.sessions.lost_history;
  let plain: Run;
  let withSpans: Run;
  let traces: RawTrace[];
  beforeAll(async () => {
    [plain, withSpans] = await Promise.all([
      run('session_transcript', [trials.experiment_id, session.id], env),
      run('session_transcript', [trials.experiment_id, session.id, '--spans'], env),
    ]);
    traces = (savedJson(withSpans, 'Full search JSON') as { traces: RawTrace[] }).traces;
  });

  it('runs cleanly, with and without spans', () => {
    expectCleanRun(plain);
    expectCleanRun(withSpans);
  });

  it('the turns came from mlflow.openai.autolog, each sending the model only the current message', () => {
    expect(traces).toHaveLength(session.turns);
    for (const t of traces) {
      expect(t.info.trace_metadata?.['mlflow.trace.session']).toBe(session.id);
      const root = t.data.spans.find((s) => s.parent_span_id === null) as RawSpan;
      expect(root.name).toBe(facts.root_span);
      const llm = t.data.spans.find((s) => spanType(s) === 'CHAT_MODEL') as RawSpan;
      expect(llm.name).toBe('Completions');
      expect(attr(llm, 'mlflow.message.format')).toBe('openai');
      expect(attr(llm, 'mlflow.chat.tokenUsage')).toMatchObject({ input_tokens: expect.any(Number), output_tokens: expect.any(Number) });
      const input = attr(llm, 'mlflow.spanInputs') as { messages: Array<{ role: string }> };
      expect(input.messages.map((m) => m.role)).toEqual(['system', 'user']);
    }
  });

  it('the first screen ranks the wrong turn (2) first, ahead of the turn the user corrected', () => {
    for (const r of [plain, withSpans]) {
      const screen = firstScreen(r);
      expect(screen).toMatch(new RegExp(`#1 turn ${facts.wrong_turn} \\(`));
      expect(screen).toMatch(/turn 4's correction refers to this reply \("saturday at"\)/);
      expect(screen).toContain(`The earliest strong signal is turn ${facts.wrong_turn}.`);
    }
  });

  it('the first screen flags the lost history, by default too (a short session is read with its spans)', () => {
    for (const r of [plain, withSpans]) {
      expect(firstScreen(r)).toContain('no earlier turns in the model input: history missing');
      expect(firstScreen(r)).toMatch(/! history missing: from turn 2 on, no model input held an earlier turn/);
    }
  });
});

describe('trial 3 — a 2,900-span batch with an exception caught deep inside (health_check)', () => {
  const facts = trials.facts.batch_caught;
  let health: Run;
  let screen: string;
  let trace: RawTrace;
  beforeAll(async () => {
    health = await run('health_check', [trials.traces.batch_caught], env);
    screen = firstScreen(health);
    trace = savedJson(health, 'Full trace JSON') as RawTrace;
  });

  it('runs cleanly within the output budget', () => expectCleanRun(health));

  it('the trace holds the situation: thousands of spans, two failed, caught one level up, state OK', () => {
    expect(trace.info.state).toBe('OK');
    expect(trace.data.spans).toHaveLength(facts.spans);
    const failed = trace.data.spans.filter((s) => s.status.code === 'STATUS_CODE_ERROR').map((s) => s.name);
    expect(failed.sort()).toEqual([facts.rethrown_by, facts.failing_span].sort());
    const byId = new Map(trace.data.spans.map((s) => [s.span_id, s]));
    const rethrower = trace.data.spans.find((s) => s.name === facts.rethrown_by) as RawSpan;
    const catcher = byId.get(rethrower.parent_span_id as string) as RawSpan;
    expect(catcher).toMatchObject({ name: facts.caught_in, status: { code: 'STATUS_CODE_OK' } });
    expect(attr(catcher, 'mlflow.spanInputs')).toEqual({ sku: facts.sku });
  });

  it('the first screen names the failing span, its exception and its path', () => {
    expect(screen).toContain(`${facts.spans.toLocaleString('en-US')} spans`);
    expect(screen).toMatch(new RegExp(`✗ ${facts.failing_span} \\[PARSER\\] — ${facts.exception}: could not convert string to float`));
    expect(screen).toContain(`path: enrich_catalog › ${facts.batch} › ${facts.caught_in} › ${facts.rethrown_by} › ${facts.failing_span}`);
  });

  it('the first screen says where it was caught and that OK hides two failed spans', () => {
    expect(screen).toMatch(new RegExp(`caught in ${facts.caught_in}[^\\n]*\\(status OK\\)`));
    expect(screen).toContain('the trace reports OK although 2 spans failed');
  });

  it('960 items with different inputs, none failed, are not called retries', () => {
    expect(health.stdout).not.toMatch(/repeated: enrich_item[^\n]*retries or a loop\?/);
  });
});

describe('trial 4 — judges whose names invert their values (health_check)', () => {
  const facts = trials.facts.judge_polarity;
  let health: Run;
  let screen: string;
  let trace: RawTrace;
  beforeAll(async () => {
    health = await run('health_check', [trials.traces.judge_polarity], env);
    screen = firstScreen(health);
    trace = savedJson(health, 'Full trace JSON') as RawTrace;
  });

  it('runs cleanly', () => expectCleanRun(health));

  it('the trace holds user_frustration = "yes" and toxicity = 0.0 from an LLM judge', () => {
    const byName = new Map((trace.info.assessments ?? []).map((a) => [a.assessment_name, a]));
    expect(byName.get(facts.negative)).toMatchObject({
      feedback: { value: 'yes' },
      source: { source_type: 'LLM_JUDGE' },
      rationale: expect.stringContaining('three times'),
    });
    expect(byName.get(facts.not_negative)).toMatchObject({ feedback: { value: 0 } });
  });

  it('the first screen shows both verdicts with their rationale', () => {
    expect(screen).toMatch(new RegExp(`${facts.negative} = "yes" \\[LLM_JUDGE[^\\]]*\\] — The user says they asked three times`));
    expect(screen).toMatch(new RegExp(`${facts.not_negative} = 0 \\[LLM_JUDGE[^\\]]*\\] — The reply is polite`));
  });

  it('the first screen marks a frustrated user as negative and zero toxicity as not negative', () => {
    expect(screen).toMatch(new RegExp(`✗ ${facts.negative} = "yes"`));
    const toxicity = screen.split('\n').find((l) => l.includes(`${facts.not_negative} = `)) ?? '';
    expect(toxicity).not.toContain('✗');
  });
});

const server = inject('server');

describe.skipIf(!server)('trial 5 — a wrapper-root session whose text lives in OTel GenAI attributes (session_transcript, test server)', () => {
  let transcript: Run;
  let screen: string;
  beforeAll(async () => {
    transcript = await run('session_transcript', [server?.manifest.experiment_id as string, server?.manifest.sessions.otel_genai?.id as string], {
      MLFLOW_TRACKING_URI: server?.url,
    });
    screen = firstScreen(transcript);
  });

  it('runs cleanly', () => expectCleanRun(transcript));

  it('the first screen holds every turn, read from the LLM span below the wrapper root', () => {
    expect(screen).toContain('3 turns');
    for (const text of ['Which planet is largest?', 'Jupiter has 95 known moons.', 'Saturn has 146 known moons.']) expect(screen).toContain(text);
    expect(screen).not.toMatch(/no readable user message/);
  });

  it('the header says which span and keys the text came from, and that the root is a wrapper', () => {
    // MLflow's OTLP ingest copies gen_ai.input/output.messages into mlflow.spanInputs/Outputs: either names the place.
    expect(screen).toMatch(
      /text from span "chat gpt-4o" \((?:gen_ai\.input\.messages|mlflow\.spanInputs) \/ (?:gen_ai\.output\.messages|mlflow\.spanOutputs)\)/,
    );
    expect(screen).toContain('the root "invoke_agent astronomy_bot" is a wrapper');
  });

  it('a session that replays its history is not flagged as losing it', () => {
    expect(transcript.stdout).not.toContain('history missing');
  });
});
