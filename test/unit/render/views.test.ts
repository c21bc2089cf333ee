/**
 * The views' pure parts on fixtures captured from the real CLI: every span reachable by what
 * is printed, findings computed once, polarity from the scorer's name, honest sections.
 */
import { describe, expect, it } from 'vitest';
import { BAD_THING_WORDS, namesBadThing, polarityOf } from '../../../scripts/lib/analysis/trace/assessments.js';
import { collectFindings } from '../../../scripts/lib/analysis/findings/registry.js';
import { TraceFacts } from '../../../scripts/lib/analysis/findings/trace-facts.js';
import { modelHistory } from '../../../scripts/lib/analysis/trace/model-history.js';
import { analyseSession } from '../../../scripts/lib/analysis/session/session.js';
import { analyseTiming } from '../../../scripts/lib/analysis/trace/timing.js';
import { analyseTrace, previewIsCut } from '../../../scripts/lib/analysis/trace/trace-report.js';
import { SkillError } from '../../../scripts/lib/core/errors.js';
import { readJsonFile } from '../../../scripts/lib/core/read-json.js';
import { nameRef, resolveSpan, shortIds } from '../../../scripts/lib/trace/span-ref.js';
import { parseTrace, parseTraces, type Span, type Trace } from '../../../scripts/lib/trace/trace.js';
import { buildTree } from '../../../scripts/lib/trace/tree.js';
import { renderBudgeted } from '../../../scripts/lib/render/budget.js';
import { fmtMs } from '../../../scripts/lib/render/format.js';
import { healthSections } from '../../../scripts/lib/render/health.js';
import { sessionSections } from '../../../scripts/lib/render/session-view.js';
import { spanView } from '../../../scripts/lib/render/span-view.js';
import { childOrder, renderTree, DEFAULT_TREE } from '../../../scripts/lib/render/tree-view.js';
import { fixture } from '../../support/helpers.js';

const one = (name: string): Trace => parseTrace(readJsonFile(fixture(name), name));
const many = (name: string): Trace[] => parseTraces(readJsonFile(fixture(name), name));
const rawSpans = (name: string) => (readJsonFile(fixture(name), name) as { data: { spans: Array<{ span_id: string; name: string }> } }).data.spans;

const thrown = (f: () => unknown): SkillError => {
  try {
    f();
  } catch (e) {
    if (e instanceof SkillError) return e;
    throw e;
  }
  throw new Error('did not throw');
};

describe('--span reaches every span by what is printed or stored', () => {
  const trace = one('get-failing.json');
  const tree = buildTree(trace.spans);
  const calls = tree.nodes.filter((n) => n.span.name === 'call_airline_api');
  const second = calls[1]?.span.id ?? '';
  const id = 'tr-x';

  it('takes the full hex id, the 8-char id a row prints, and any unique prefix of 6+', () => {
    expect(resolveSpan(tree, second, id).node.span.id).toBe(second);
    expect(resolveSpan(tree, second.slice(0, 8), id)).toMatchObject({ matchedBy: 'prefix', node: { span: { id: second } } });
    expect(resolveSpan(tree, second.slice(0, 6).toUpperCase(), id).node.span.id).toBe(second);
  });

  it('takes the base64 id exactly as the raw JSON holds it', () => {
    const raw = rawSpans('get-failing.json').find((s) => s.name === 'book_flight')?.span_id ?? '';
    expect(raw).toMatch(/=$/);
    expect(resolveSpan(tree, raw, id)).toMatchObject({ matchedBy: 'base64', node: { span: { name: 'book_flight' } } });
  });

  it('takes a name (the first in start order, with the others listed) and NAME#N', () => {
    const byName = resolveSpan(tree, 'call_airline_api', id);
    expect(byName.node).toBe(calls[0]);
    expect(byName.sameName).toHaveLength(3);
    expect(resolveSpan(tree, 'call_airline_api#3', id).node).toBe(calls[2]);
    expect(nameRef(tree, calls[1] as never)).toBe('call_airline_api#2');
    expect(nameRef(tree, tree.roots[0] as never)).toBe('travel_agent');
  });

  it('NAME#N past the last match says how many there are (exit 5)', () => {
    const e = thrown(() => resolveSpan(tree, 'call_airline_api#4', id));
    expect(e.exitCode).toBe(5);
    expect(e.message).toMatch(/has 3 spans named "call_airline_api" \(call_airline_api#1–call_airline_api#3\)/);
  });

  it('an unknown id or name is not found (exit 5), one line', () => {
    for (const key of ['nope', 'ffffffffffffffff', 'AAAAAAAAAAA=']) {
      const e = thrown(() => resolveSpan(tree, key, id));
      expect(e.exitCode).toBe(5);
      expect(e.message).not.toMatch(/\n/);
    }
  });

  it('an ambiguous prefix lists the matches with their ids (exit 2); printed ids grow past 8 chars to stay unique', () => {
    const span = (sid: string, parentId: string | null, name: string): Span => ({
      id: sid,
      parentId,
      name,
      startMs: 0,
      endMs: 1,
      status: 'OK',
      statusMessage: '',
      rawAttributes: {},
      events: [],
    });
    const t = buildTree([
      span('aaaaaaaa00000001', null, 'root'),
      span('abcdef1200000001', 'aaaaaaaa00000001', 'a'),
      span('abcdef1200000002', 'aaaaaaaa00000001', 'b'),
    ]);
    const e = thrown(() => resolveSpan(t, 'abcdef', id));
    expect(e.exitCode).toBe(2);
    expect(e.message).toMatch(/matches 2 spans.*a \(abcdef1200000001\), b \(abcdef1200000002\)/);
    expect([...shortIds(t).values()].sort()).toEqual(['aaaaaaaa', 'abcdef1200000001', 'abcdef1200000002']);
  });

  it('gives sequential ids (thousands sharing 8 chars) each its shortest unique prefix, in one sort', () => {
    // Compared pair by pair this took minutes for a 30,000-span trace of sequential ids.
    const span = (id: string, parentId: string | null, name: string, startMs: number): Span => {
      return { id, parentId, name, startMs, endMs: startMs + 1, status: 'OK', statusMessage: '', rawAttributes: {}, events: [] };
    };
    const ids = Array.from({ length: 20_000 }, (_, i) => (0xab000000_0000_0000n + BigInt(i)).toString(16).padStart(16, '0'));
    const t = buildTree([span('ffffffff00000000', null, 'root', 0), ...ids.map((id, i) => span(id, 'ffffffff00000000', `step_${i % 600}`, i))]);
    const short = shortIds(t);
    expect(new Set(short.values()).size).toBe(ids.length + 1);
    const printed = [...short.values()].sort();
    for (const [i, p] of printed.entries()) {
      // A prefix of its own id, matching no other printed id; one char shorter would match another.
      expect(printed[i + 1]?.startsWith(p) ?? false).toBe(false);
      if (p.length > 8) expect(ids.filter((id) => id.startsWith(p.slice(0, -1))).length).toBeGreaterThan(1);
      if (i > 50) break;
    }
    for (const n of t.nodes) expect(n.span.id.startsWith(short.get(n) as string)).toBe(true);
    expect(short.get(t.nodes.find((n) => n.span.id === ids[0]) as never)).toBe('ab00000000000000');
    // NAME#N in start order, from one index per tree.
    const step0 = t.nodes.filter((n) => n.span.name === 'step_0');
    expect(nameRef(t, step0[1] as never)).toBe('step_0#2');
  });
});

describe('cuts put failures first and name a command that shows the rest', () => {
  const trace = one('get-failing.json');
  const tree = buildTree(trace.spans);
  const bookFlight = tree.nodes.find((n) => n.span.name === 'book_flight');

  it('every tree row shows the span id a --span takes', () => {
    const lines = renderTree(tree, tree.roots, { ...DEFAULT_TREE, spanCommand: (s) => `--span ${s}` }).lines.filter((l) => /[✓✗○] /.test(l));
    expect(lines).toHaveLength(7);
    for (const l of lines) expect(l).toMatch(/ · [0-9a-f]{8}\b/);
  });

  it('a child list over the limit keeps the failing child and the path to it, and says where the rest are', () => {
    const root = tree.roots[0];
    if (!root) throw new Error('no root');
    // travel_agent's children: plan (OK) then execute_plan (the path to the failure).
    expect(childOrder(tree, root).map((n) => n.span.name)).toEqual(['execute_plan', 'plan']);
    const out = renderTree(tree, tree.roots, {
      ...DEFAULT_TREE,
      maxChildren: 1,
      spanCommand: (s) => `--span ${s}`,
      childrenCommand: (p, from) => `--span ${p.span.id} from ${from}`,
    }).lines.join('\n');
    expect(out).toMatch(/✗ execute_plan/);
    expect(out).not.toMatch(/✓ plan /);
    expect(out).toMatch(new RegExp(`\\+1 more children \\(1 spans\\) of travel_agent \\(--span ${root.span.id} from 1\\)`));
  });

  it('a span view pages its children: page 2 continues where page 1 stopped, the failing ones first', () => {
    if (!bookFlight) throw new Error('no book_flight');
    // A tiny budget forces the child list over several pages.
    const v = spanView(trace, tree, bookFlight, {
      maxChars: 1000,
      spanCommand: (s) => `--span ${s}`,
      pageCommand: (p) => `--span ${bookFlight.span.id} --page ${p}`,
    });
    expect(v.pages).toBeGreaterThan(1);
    const pages = Array.from({ length: v.pages }, (_, i) => v.render(i + 1));
    const ids = pages.map((p) => [...p.matchAll(/ · ([0-9a-f]{8})/g)].map((m) => m[1]));
    expect(new Set(ids.flat()).size).toBe(3);
    expect(ids.flat()).toHaveLength(3);
    for (let i = 0; i + 1 < pages.length; i++) expect(pages[i]).toContain(`--page ${i + 2}`);
    expect(v.pageOfChild(2)).toBe(pages.findIndex((p) => p.includes((bookFlight.children[2]?.span.id ?? '').slice(0, 8))) + 1);
  });
});

describe('findings an agent would otherwise work out from several spans', () => {
  const tea = one('get-tool-error-answered.json');
  const teaTree = buildTree(tea.spans);
  const f = collectFindings(new TraceFacts(tea, teaTree));

  it('a caught exception: the nearest ancestor that ended OK, and an OK trace hiding a failure', () => {
    expect(f.caught).toEqual([expect.objectContaining({ name: 'get_order_status', caughtIn: expect.objectContaining({ name: 'order_agent', status: 'OK' }) })]);
    expect(f.okDespiteFailures).toBe(1);
  });

  it('an answer given after a failed tool whose error reached the model as a tool message', () => {
    expect(f.answeredAfterFailedTool).toEqual([
      expect.objectContaining({
        llmRef: 'chat_model#2',
        toolRef: 'get_order_status',
        errorInInput: true,
        error: expect.stringContaining('order service timed out'),
      }),
    ]);
  });

  it('none of that where the error reached the root and no model ran after it', () => {
    const failing = one('get-failing.json');
    const tree = buildTree(failing.spans);
    const g = collectFindings(new TraceFacts(failing, tree));
    expect(g).toEqual({
      answeredAfterFailedTool: [],
      failureInOkOutput: [],
      argumentNotFromConversation: [],
      replyContradictsSources: [],
      sourcesDisagree: [],
      loopOrStop: [],
      truncation: [],
      retrieval: [],
      grounding: [],
      okDespiteFailures: null,
      caught: [],
      gaps: [],
      sequentialCalls: [],
      hugePrompts: [],
    });
  });

  it('health_check prints them in ERRORS and FINDINGS, and every section even when empty', () => {
    const follow = { inspect: 'inspect', inspectSpan: (s: string) => `inspect --span ${s}` };
    const text = renderBudgeted(healthSections(analyseTrace(tea, teaTree), follow), [], 20_000, 'x').text;
    expect(text).toMatch(/✗ get_order_status \[TOOL\] — TimeoutError: order service timed out after 5s — caught in order_agent \(status OK\)/);
    expect(text).toMatch(/the trace reports OK although 1 span failed/);
    expect(text).toMatch(
      /FINDINGS\n {2}! chat_model#2 answered after get_order_status failed \(its input held the error as a tool message\) — Error: TimeoutError/,
    );
    const healthy = one('get-healthy.json');
    const plain = renderBudgeted(healthSections(analyseTrace(healthy), follow), [], 20_000, 'x').text;
    for (const none of ['ERRORS: none', 'FINDINGS: none', 'ASSESSMENTS: none logged', 'WARNINGS: none']) expect(plain).toContain(none);
  });
});

describe('polarity from the scorer name as well as the value (one table)', () => {
  it.each([
    ['user_frustration', 'yes', 'negative'],
    ['user_frustration', 'no', 'positive'],
    ['toxicity', 0.9, 'negative'],
    ['toxicity', 0.02, 'positive'],
    ['hallucination', false, 'positive'],
    ['hallucination', true, 'negative'],
    ['is_harmful', 'yes', 'negative'],
    ['PIILeakage', true, 'negative'],
    ['prompt-injection', 'high', 'negative'],
    ['jailbreak', 'low', 'positive'],
    ['no_hallucination', true, 'positive'],
    ['pii_free', true, 'positive'],
    ['unbiased', true, 'positive'],
    ['harmlessness', 0.9, 'positive'],
    ['correctness', false, 'negative'],
    ['safety', true, 'positive'],
  ] as const)('%s = %j → %s', (name, value, want) => {
    expect(polarityOf(value, name)).toBe(want);
  });

  it('the table covers the names agents met', () => {
    for (const w of [
      'frustration',
      'toxicity',
      'toxic',
      'hallucination',
      'harmful',
      'harm',
      'bias',
      'jailbreak',
      'pii',
      'leakage',
      'leak',
      'injection',
      'offensive',
      'unsafe',
    ]) {
      expect(BAD_THING_WORDS).toContain(w);
      expect(namesBadThing(w)).toBe(true);
    }
  });
});

describe('honest wording', () => {
  it('sub-millisecond durations are printed as such, never 0.00ms', () => {
    expect([0, 0.004, 0.05, 0.4, 0.95, 12.4, 1500].map(fmtMs)).toEqual(['0ms', '<0.01ms', '0.05ms', '0.4ms', '0.9ms', '12ms', '1.50s']);
  });

  it('"retries or a loop?" only where repeats had the same inputs or failed', () => {
    const failing = analyseTiming(buildTree(one('get-failing.json').spans)).repeats[0];
    expect(failing).toMatchObject({ name: 'call_airline_api', failed: 3, suspicious: true });
    // weather_agent → get_forecast(Paris), get_forecast(Lyon): an ordinary fan-out.
    expect(analyseTiming(buildTree(one('get-healthy.json').spans)).repeats[0]).toMatchObject({
      name: 'get_forecast',
      sameInputs: 0,
      failed: 0,
      suspicious: false,
    });
    const tea = analyseTiming(buildTree(one('get-tool-error-answered.json').spans)).repeats[0];
    expect(tea).toMatchObject({ name: 'chat_model', suspicious: false });
  });

  it('a response_preview is "cut" only at MLflow\'s limit and when the root holds more', () => {
    const long = `${'x'.repeat(997)}...`;
    expect(previewIsCut(long, 'x'.repeat(5000))).toBe(true);
    expect(previewIsCut(long, long)).toBe(false);
    expect(previewIsCut('A 46-character answer that ends with dots...', 'A 46-character answer that ends with dots...')).toBe(false);
    expect(previewIsCut(long, undefined)).toBe(false);
  });
});

describe('sessions say where the text came from and what history the model had', () => {
  const wrapper = many('search-wrapper-session.json');
  const r = analyseSession('wrapper-session-1', wrapper, true);

  it('names the span, the keys and the wrapper root', () => {
    expect(r.textFrom).toBe('span "support_bot" (mlflow.spanInputs / mlflow.spanOutputs); the root "http_request" is a wrapper');
  });

  it('counts the earlier messages in each model input, and flags a multi-turn session with none', () => {
    expect(r.turns.map((t) => t.history?.earlierMessages)).toEqual([0, 0, 0]);
    expect(r.historyMissing).toBe(true);
    expect(r.warnings.some((w) => w.includes('no earlier turns in the model input: history missing'))).toBe(true);
    const text = renderBudgeted(
      sessionSections(r, { inspect: (t) => `inspect ${t}`, turns: (a, b) => `--turns ${a}-${b}` }, { maxChars: 20_000, range: null }),
      [],
      20_000,
      'x',
    ).text;
    expect(text).toMatch(/text from span "support_bot" \(mlflow\.spanInputs \/ mlflow\.spanOutputs\); the root "http_request" is a wrapper/);
    expect(text).toMatch(/model input: 0 earlier messages \(no history\)/);
  });

  it('the header names the experiment as the user gave it, with its id beside a name', () => {
    const follow = { inspect: (t: string) => `inspect ${t}`, turns: (a: number, b: number) => `--turns ${a}-${b}` };
    const head = (given?: string) => sessionSections(r, follow, { maxChars: 20_000, range: null, given })[0]?.lines[0];
    expect(head('my-support-bot')).toContain(` · experiment my-support-bot (id ${r.experimentId})`);
    expect(head()).toContain(` · experiment ${r.experimentId}`);
  });

  it('a model given the conversation so far is not flagged', () => {
    const tree = buildTree(one('get-healthy.json').spans);
    expect(modelHistory(tree)).toMatchObject({ spanName: 'plan_tools', earlierMessages: 0 });
    const otel = many('server-search-otel-genai.json');
    const s = analyseSession('otel', otel, true);
    expect(s.turns.at(-1)?.history?.earlierMessages ?? 0).toBeGreaterThan(0);
    expect(s.historyMissing).toBe(false);
  });

  it('"Read turn 1 too", not "turns 1–1"', () => {
    const t = many('search-hotel-session-nospans.json').slice(0, 3);
    const s = analyseSession('h', t, false);
    expect(s.advice ?? '').not.toMatch(/1–1/);
  });
});
