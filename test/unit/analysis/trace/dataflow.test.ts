/**
 * The dataflow record and its findings over small fixture traces (fixtures/dataflow-cases.json,
 * no Python): retrieval → prompt, grounding, truncation, gaps, success claimed after a failed
 * tool, the session's "built on a false done", and the normalisers; odd input never crashes.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { successClaim } from '../../../../scripts/lib/analysis/findings/claims.js';
import { recordDataflow } from '../../../../scripts/lib/analysis/trace/dataflow.js';
import { extractFacts, numberReadings } from '../../../../scripts/lib/analysis/common/text-facts.js';
import { analyseSession } from '../../../../scripts/lib/analysis/session/session.js';
import { analyseTrace, type TraceReport } from '../../../../scripts/lib/analysis/trace/trace-report.js';
import { findingsBody } from '../../../../scripts/lib/render/findings-view.js';
import { parseTrace, type Trace } from '../../../../scripts/lib/trace/trace.js';
import { buildTree } from '../../../../scripts/lib/trace/tree.js';
import { fixture } from '../../../support/helpers.js';

interface SpanSpec {
  id: string;
  parent?: string;
  name: string;
  type?: string;
  start: number;
  end: number;
  status?: string;
  inputs?: unknown;
  outputs?: unknown;
  attrs?: Record<string, unknown>;
  exception?: { type: string; message: string };
}

const cases = (JSON.parse(readFileSync(fixture('dataflow-cases.json'), 'utf8')) as { cases: Record<string, SpanSpec[]> }).cases;
const T0 = 1_795_000_000_000;
const hex = (id: string) => Buffer.from(id).toString('hex').padEnd(16, '0').slice(0, 16);

/** A compact spec as `mlflow traces get` prints it (3.5.0-style hex ids, JSON-encoded attributes). */
export function traceOf(specs: SpanSpec[], traceId = 'tr-fixture', session?: string): Trace {
  const spans = specs.map((s) => {
    const attributes: Record<string, string> = {};
    if (s.type) attributes['mlflow.spanType'] = JSON.stringify(s.type);
    if (s.inputs !== undefined) attributes['mlflow.spanInputs'] = JSON.stringify(s.inputs);
    if (s.outputs !== undefined) attributes['mlflow.spanOutputs'] = JSON.stringify(s.outputs);
    for (const [k, v] of Object.entries(s.attrs ?? {})) attributes[k] = typeof v === 'string' ? v : JSON.stringify(v);
    return {
      trace_id: traceId,
      span_id: hex(s.id),
      parent_span_id: s.parent ? hex(s.parent) : null,
      name: s.name,
      start_time_unix_nano: (T0 + s.start) * 1e6,
      end_time_unix_nano: (T0 + s.end) * 1e6,
      status: { code: s.status === 'ERROR' ? 'STATUS_CODE_ERROR' : 'STATUS_CODE_OK', message: '' },
      events: s.exception ? [{ name: 'exception', attributes: { 'exception.type': s.exception.type, 'exception.message': s.exception.message } }] : [],
      attributes,
    };
  });
  return parseTrace({
    info: {
      trace_id: traceId,
      trace_location: { type: 'MLFLOW_EXPERIMENT', mlflow_experiment: { experiment_id: '1' } },
      request_time: new Date(T0).toISOString(),
      state: 'OK',
      trace_metadata: session ? { 'mlflow.trace.session': session } : {},
    },
    data: { spans },
  });
}

const report = (name: string): TraceReport => analyseTrace(traceOf(cases[name] as SpanSpec[]));
const lines = (r: TraceReport) => findingsBody(r.findings).join('\n');

describe('retrieval → prompt', () => {
  it("names the retriever's #1 the reranker demoted and top_n cut, with ranks and scores", () => {
    const r = report('rerank_drop');
    expect(r.findings.retrieval).toHaveLength(1);
    const f = r.findings.retrieval[0];
    expect(f).toMatchObject({
      problem: 'top-dropped',
      retriever: { ref: 'search_rules' },
      reranker: { ref: 'rerank' },
      model: { ref: 'answer' },
      retrieved: 3,
      reached: 1,
      limit: { key: 'top_n', value: 1 },
      heuristic: true,
    });
    expect(f?.dropped[0]).toMatchObject({ id: 'pets-2026.md', rank: 1, rerankRank: 3, rerankScore: 0.29 });
    expect(f?.summary).toContain(
      "`answer`'s prompt held 1 of 3 documents `search_rules` retrieved; `search_rules`'s #1 `pets-2026.md` (score 0.91) was ranked #3 by `rerank` (0.29 vs 0.82 for its #1) and dropped by top_n: 1",
    );
    expect(lines(r)).toMatch(/heuristic/);
  });

  it('finds documents in the prompt across punctuation and formatting: no finding when the #1 is there', () => {
    expect(report('rerank_ok').findings.retrieval).toEqual([]);
  });

  it('an OpenInference retriever (flattened, no ids, German text) whose documents never reach the LLM', () => {
    const f = report('openinference_no_context').findings.retrieval;
    expect(f).toEqual([
      expect.objectContaining({
        problem: 'none-reached',
        retriever: expect.objectContaining({ ref: 'vector_search' }),
        model: expect.objectContaining({ ref: 'llm' }),
        retrieved: 2,
      }),
    ]);
    expect(f[0]?.summary).toMatch(/`llm`'s input holds none of the 2 documents `vector_search` retrieved/);
  });

  it('says nothing when documents are too short to tell apart and carry no id', () => {
    expect(report('undecidable_docs').findings.retrieval).toEqual([]);
  });
});

describe('grounding', () => {
  it('an amount in the answer no tool returned, with what the tool did return', () => {
    const g = report('ungrounded_price').findings.grounding;
    expect(g).toHaveLength(1);
    expect(g[0]?.facts).toEqual([{ kind: 'amount', text: '€74' }]);
    expect(g[0]?.summary).toMatch(/`€74` in the answer is in no input of the trace and no tool or retriever output \(`get_ferries` returned 81, 140\.5\)/);
    expect(g[0]?.heuristic).toBe(true);
  });

  it('rounded, reformatted, multiplied, percent and id facts that the sources hold: no finding', () => {
    expect(report('grounded_price').findings.grounding).toEqual([]);
  });

  it('answers with no tool or retriever to check against are not judged', () => {
    expect(report('truncated_anthropic').findings.grounding).toEqual([]);
  });
});

describe('number and fact normalisers', () => {
  it('reads 1,200 / 1.200,00 / 1200.50 / 12,5 every way they can be meant', () => {
    expect(numberReadings('1,200')).toEqual([1200, 1.2]);
    expect(numberReadings('1.200,00')).toEqual([1200]);
    expect(numberReadings('1,200.50')).toEqual([1200.5]);
    expect(numberReadings('12,5')).toEqual([12.5]);
    expect(numberReadings('74')).toEqual([74]);
  });

  it('extracts amounts, percentages, ids, ISO dates and quoted names; skips small counts and bare years', () => {
    const facts = extractFacts('Book 3 rooms by 2026-12-01 in 2026: "Sea View Suite" at $1.2k (code HTL-4410), 12% off, 1,450 points.');
    expect(facts.map((f) => [f.kind, f.text])).toEqual([
      ['date', '2026-12-01'],
      ['quoted', '"Sea View Suite"'],
      ['amount', '$1.2k'],
      ['id', 'HTL-4410'],
      ['percent', '12%'],
      ['number', '1,450'],
    ]);
    expect(facts.find((f) => f.kind === 'amount')?.values).toEqual([1.2, 1200]);
  });

  it('success claims, and replies that admit failure claim nothing', () => {
    expect(successClaim('Done! Your card ending 4417 has been blocked.')).toBe('Done! Your card ending 4417 has been blocked.');
    expect(successClaim('Your booking is confirmed for Friday.')).toMatch(/booking is confirmed/);
    expect(successClaim('Sorry, the transfer has not been completed: the service failed.')).toBeNull();
    expect(successClaim('Here is the weather for Lisbon.')).toBeNull();
  });
});

describe('output limits', () => {
  it.each([
    ['truncated_anthropic', /`summarise`: the answer was cut at max_tokens=300 \(finish reason "max_tokens", 300 output tokens\)/],
    ['truncated_otel', /`chat gpt-4o`: the answer was cut at max_tokens=64 \(finish reason "length", 64 output tokens\)/],
    ['truncated_langchain', /`ChatModel`: the answer was cut by its output limit \(finish reason "length"\); the request's max tokens were not logged/],
    ['cut_by_count', /`gen`: the answer was cut at max_tokens=50 \(50 output tokens\) — heuristic/],
  ])('%s', (name, want) => {
    const t = report(name).findings.truncation;
    expect(t).toHaveLength(1);
    expect(t[0]?.summary).toMatch(want);
  });

  it('a normal stop under the limit is no finding', () => {
    expect(report('normal_stop').findings.truncation).toEqual([]);
  });
});

describe('failed tool → answer', () => {
  it('says the reply claimed success and that the model was given the error', () => {
    const r = report('failed_tool_claimed');
    expect(r.findings.answeredAfterFailedTool).toEqual([
      expect.objectContaining({ toolRef: 'issue_refund', errorInInput: true, successClaim: 'All set! Your refund for order 5521 has been processed.' }),
    ]);
    expect(lines(r)).toMatch(
      /llm answered after issue_refund failed \(its input held the error as a tool message\) and the reply claims success: "All set! Your refund/,
    );
  });

  it('an honest apology claims nothing; the missing error is said', () => {
    const r = report('failed_tool_honest');
    expect(r.findings.answeredAfterFailedTool).toEqual([expect.objectContaining({ errorInInput: false, successClaim: null })]);
    expect(lines(r)).toMatch(/\(the error was not in its input\)/);
  });
});

describe('instrumentation gaps', () => {
  it('a failing span that logged nothing', () => {
    const g = report('silent_culprit').findings.gaps;
    expect(g).toEqual([expect.objectContaining({ span: expect.objectContaining({ ref: 'sync_ledger' }), missing: 'inputs and outputs' })]);
    expect(g[0]?.summary).toMatch(/nothing recorded — instrument it/);
  });

  it('healthy cases give no finding of any kind', () => {
    for (const name of ['rerank_ok', 'grounded_price', 'normal_stop', 'undecidable_docs']) {
      expect(findingsBody(report(name).findings), name).toEqual([]);
    }
  });
});

describe('sessions', () => {
  const claimTurn: SpanSpec[] = [
    {
      id: 's1',
      name: 'bot',
      type: 'AGENT',
      start: 0,
      end: 3000,
      inputs: { messages: [{ role: 'user', content: 'Cancel my gym membership.' }] },
      outputs: { choices: [{ message: { role: 'assistant', content: 'Done! Your membership has been cancelled as of today.' } }] },
    },
    {
      id: 's2',
      parent: 's1',
      name: 'cancel_membership',
      type: 'TOOL',
      start: 10,
      end: 500,
      inputs: { member: 'M-1' },
      status: 'ERROR',
      exception: { type: 'HTTPError', message: '502 from members-api' },
    },
    {
      id: 's3',
      parent: 's1',
      name: 'llm',
      type: 'CHAT_MODEL',
      start: 510,
      end: 2990,
      inputs: { messages: [{ role: 'user', content: 'Cancel my gym membership.' }] },
      outputs: { choices: [{ message: { role: 'assistant', content: 'Done! Your membership has been cancelled as of today.' } }] },
    },
  ];
  const history = [
    { role: 'user', content: 'Cancel my gym membership.' },
    { role: 'assistant', content: 'Done! Your membership has been cancelled as of today.' },
    { role: 'user', content: 'Will I get a refund for December?' },
  ];
  const nextTurn: SpanSpec[] = [
    {
      id: 't1',
      name: 'bot',
      type: 'AGENT',
      start: 60_000,
      end: 62_000,
      inputs: { messages: history },
      outputs: { choices: [{ message: { role: 'assistant', content: 'Yes, December will be refunded since the membership is cancelled.' } }] },
    },
    {
      id: 't2',
      parent: 't1',
      name: 'llm',
      type: 'CHAT_MODEL',
      start: 60_010,
      end: 61_990,
      inputs: { messages: history },
      outputs: { choices: [{ message: { role: 'assistant', content: 'Yes, December will be refunded since the membership is cancelled.' } }] },
    },
  ];
  const s = analyseSession('gym-1', [traceOf(claimTurn, 'tr-1', 'gym-1'), traceOf(nextTurn, 'tr-2', 'gym-1')], true);

  it('ranks the turn where a failed tool was reported done first, and marks the turn built on it', () => {
    expect(s.suspects[0]).toMatchObject({ turn: 1 });
    expect(s.suspects[0]?.reasons[0]).toMatch(
      /cancel_membership failed and the reply claimed success: "Done! Your membership has been cancelled as of today\."/,
    );
    expect(s.turns[1]?.builtOnClaim).toEqual({ turn: 1, claim: 'Done! Your membership has been cancelled as of today.', tool: 'cancel_membership' });
    expect(s.suspects.find((x) => x.turn === 2)?.reasons.join('\n')).toMatch(/holds turn 1's claim .* but not the error of cancel_membership/);
  });
});

describe('odd input', () => {
  it('spans with no I/O, binary and huge outputs, documents without ids: no crash, no finding', () => {
    const huge = 'x'.repeat(3_000_000);
    const r = analyseTrace(
      traceOf([
        { id: 'o1', name: 'root', type: 'CHAIN', start: 0, end: 100 },
        { id: 'o2', parent: 'o1', name: 'r', type: 'RETRIEVER', start: 1, end: 2, outputs: [{ page_content: huge }, { metadata: {} }, '\u0000\u0001\u0002'] },
        {
          id: 'o3',
          parent: 'o1',
          name: 'm',
          type: 'LLM',
          start: 3,
          end: 90,
          inputs: { prompt: huge },
          outputs: { bytes: Buffer.from('abc').toString('base64'), text: `${huge} $99` },
        },
      ]),
    );
    expect(r.findings.retrieval.length + r.findings.grounding.length).toBeLessThanOrEqual(1);
  });

  it('a 30,000-span trace is recorded in one pass (every span once)', () => {
    const specs: SpanSpec[] = [{ id: 'root', name: 'batch', type: 'CHAIN', start: 0, end: 40_000, inputs: { n: 10_000 }, outputs: { ok: true } }];
    for (let i = 0; i < 10_000; i++) {
      specs.push({
        id: `r${i}`,
        parent: 'root',
        name: 'lookup',
        type: 'RETRIEVER',
        start: i * 4,
        end: i * 4 + 1,
        outputs: [{ id: `doc-${i}`, page_content: `Document number ${i} says the price of item ${i} is ${i}.50 euros.` }],
      });
      specs.push({
        id: `m${i}`,
        parent: 'root',
        name: 'answer',
        type: 'CHAT_MODEL',
        start: i * 4 + 2,
        end: i * 4 + 3,
        inputs: { messages: [{ role: 'user', content: `Document number ${i} says the price of item ${i} is ${i}.50 euros.` }] },
        outputs: { choices: [{ message: { role: 'assistant', content: `${i}.50 euros` }, finish_reason: 'stop' }] },
      });
      specs.push({ id: `t${i}`, parent: 'root', name: 'noop', start: i * 4 + 3, end: i * 4 + 4 });
    }
    const trace = traceOf(specs.map((s) => ({ ...s, id: s.id.padStart(8, '0'), parent: s.parent?.padStart(8, '0') })));
    const tree = buildTree(trace.spans);
    const flow = recordDataflow(tree);
    expect(flow.records).toHaveLength(30_001);
    expect(flow.models).toHaveLength(10_000);
    const r = analyseTrace(trace, tree);
    expect(r.findings.retrieval).toEqual([]);
  });
});
