/** A trace as a regression case: inputs, expectations, where it came from, and the version tags. */
import { describe, expect, it } from 'vitest';
import { buildCase, replaceCase, versionTags } from '../../../scripts/lib/actions/regression-case.js';
import { readJsonFile } from '../../../scripts/lib/core/read-json.js';
import { parseTrace, parseTraces, type Trace } from '../../../scripts/lib/trace/trace.js';
import { expectation, humanFeedback, overridden } from '../../support/assessments.js';
import { fixture } from '../../support/helpers.js';

const load = (name: string, i = 0): Trace => parseTraces(readJsonFile(fixture(name), name), name)[i] as Trace;
const wrongRetrieval = load('get-wrong-retrieval.json');

describe('the inputs', () => {
  it("a single trace: the root span's inputs, as recorded", () => {
    const built = buildCase(load('get-failing.json'), { facts: [] });
    expect(built.record.inputs).toEqual({ messages: [{ role: 'user', content: 'Book me a flight to Lisbon on Friday' }] });
    expect(built.inputsFrom).toBe("the root span travel_agent's inputs");
    expect(built.record.source_trace_id).toBe('tr-0538fc0df44fef54566b43c9f6d64add');
  });

  it('a 2.x trace too', () => {
    const built = buildCase(load('handwritten-2x-trace.json'), { facts: [] });
    expect(built.record.inputs).toEqual({ question: 'What is MLflow?' });
  });

  it('a session turn whose root holds only the last message: the history the model span received', () => {
    const built = buildCase(load('search-wrapper-session.json'), { facts: [] });
    expect(built.inputsFrom).toBe('the messages the model span ChatOpenAI received (the session history it was given)');
    expect(built.record.inputs).toEqual({ messages: [{ role: 'user', content: 'How do I reset my password?' }] });
  });

  it('no spans: the request preview', () => {
    const t = load('search-hotel-session-nospans.json');
    const built = buildCase({ ...t, info: { ...t.info, sessionId: null } }, { facts: [] });
    expect(built.inputsFrom).toBe('the request preview');
    expect(built.record.inputs).toEqual({ request: t.info.requestPreview });
  });

  it('no spans, a request that is a JSON object: that object (the root span inputs MLflow records), not its text', () => {
    const t = load('search-hotel-session-nospans.json');
    const built = buildCase({ ...t, info: { ...t.info, sessionId: null, requestPreview: '{"question": "Is flood covered?", "policy": 7}' } }, { facts: [] });
    expect(built.record.inputs).toEqual({ question: 'Is flood covered?', policy: 7 });
    expect(built.inputsFrom).toBe("the trace's request (a JSON object)");
    const list = buildCase({ ...t, info: { ...t.info, sessionId: null, requestPreview: '["a"]' } }, { facts: [] });
    expect(list.record.inputs).toEqual({ request: '["a"]' });
  });
});

describe('the expectations', () => {
  it("the trace's own valid expectations, named as coming from it; feedback is not an expectation", () => {
    const built = buildCase(wrongRetrieval, { facts: [] });
    expect(built.fromTrace).toEqual(['expected_answer', 'expected_facts']);
    expect(built.record.expectations).toEqual({
      expected_answer: 'Refunds are accepted within 30 days of delivery.',
      expected_facts: { window_days: 30, doc: 'refund_policy.md' },
    });
  });

  it('an overridden expectation is left out; the one that replaced it is kept', () => {
    const [old, replacement] = overridden(expectation('expected_facts', ['20 days']), 'a-new', ['30 days']);
    const trace = { ...wrongRetrieval, info: { ...wrongRetrieval.info, assessments: [old, replacement, humanFeedback('correctness', 'no')] } };
    const built = buildCase(trace, { facts: ['refunds within 30 days', '30 days'] });
    expect(built.fromTrace).toEqual(['expected_facts']);
    expect(built.record.expectations).toEqual({ expected_facts: ['30 days', 'refunds within 30 days'] });
  });

  it('--expect and --expect-response are added (facts without repeats)', () => {
    const trace = { ...wrongRetrieval, info: { ...wrongRetrieval.info, assessments: [] } };
    const built = buildCase(trace, { facts: ['a', 'a', 'b'], response: 'Refunds within 30 days.' });
    expect(built.record.expectations).toEqual({ expected_facts: ['a', 'b'], expected_response: 'Refunds within 30 days.' });
    expect(built.fromTrace).toEqual([]);
  });
});

describe('the version tags', () => {
  it('git, model, prompt and app versions from metadata and tags; sizes and schema versions are not', () => {
    const trace: Trace = {
      ...wrongRetrieval,
      info: {
        ...wrongRetrieval.info,
        metadata: { 'mlflow.source.git.commit': 'abc123', 'mlflow.trace_schema.version': '3', 'mlflow.trace.sizeBytes': '10', app_version: '' },
        tags: { 'mlflow.modelId': 'm-1', prompt_version: '7', 'mlflow.source.name': 'app.py', owner: 'me' },
      },
    };
    expect(versionTags(trace)).toEqual({ 'mlflow.source.git.commit': 'abc123', 'mlflow.modelId': 'm-1', prompt_version: '7', 'mlflow.source.name': 'app.py' });
  });
});

describe('the JSONL file', () => {
  const record = buildCase(parseTrace(readJsonFile(fixture('get-healthy.json'), 'f')), { facts: ['x'] }).record;
  const other = JSON.stringify({ source_trace_id: 'tr-other', inputs: {} });

  it('a new file: one line', () => {
    expect(replaceCase('', record)).toEqual({ text: `${JSON.stringify(record)}\n`, replaced: 0, total: 1 });
  });

  it('an earlier export of the same trace is replaced; others, and lines it cannot read, are kept', () => {
    const existing = [other, JSON.stringify({ ...record, inputs: { old: true } }), 'not json', ''].join('\n');
    const next = replaceCase(existing, record);
    expect(next.replaced).toBe(1);
    expect(next.total).toBe(3);
    expect(next.text).toBe(`${other}\nnot json\n${JSON.stringify(record)}\n`);
  });
});
