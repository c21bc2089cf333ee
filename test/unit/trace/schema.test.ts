/** The zod schemas of what mlflow prints: every shape seen in the wild, loose about unknown keys. */
import { describe, expect, it } from 'vitest';
import { readJsonFile } from '../../../scripts/lib/core/read-json.js';
import { RawAssessment, RawTrace, SearchResult, SpanV2, SpanV3 } from '../../../scripts/lib/trace/schema.js';
import { parseTrace } from '../../../scripts/lib/trace/trace.js';
import { codeFeedback, expectation, humanFeedback, rawAssessment, scorerError, sessionLevel } from '../../support/assessments.js';
import { fixture } from '../../support/helpers.js';

const json = (name: string) => readJsonFile(fixture(name), name);

describe('traces as each MLflow version prints them', () => {
  it('3.x, 3.5.0 and 2.x `traces get` outputs all parse', () => {
    for (const name of ['get-healthy.json', 'mlflow-3.5.0-get-healthy.json', 'handwritten-2x-trace.json', 'get-wrong-retrieval.json']) {
      expect(RawTrace.safeParse(json(name)).success, name).toBe(true);
    }
  });

  it('a search output, with or without a next page token; data may be missing (--extract-fields)', () => {
    const page = SearchResult.parse(json('search-hotel-session-nospans.json'));
    expect(page.traces.length).toBeGreaterThan(1);
    const minimal = SearchResult.parse({ traces: [{ info: { trace_id: 'tr-1' } }], next_page_token: 'abc' });
    expect(minimal.next_page_token).toBe('abc');
    expect(minimal.traces[0]?.data).toBeUndefined();
  });

  it('keys MLflow adds in later releases pass through untouched', () => {
    const t = RawTrace.parse({ info: { trace_id: 'tr-1', new_field: { x: 1 } }, data: { spans: [] }, extra: true });
    expect((t.info as Record<string, unknown>).new_field).toEqual({ x: 1 });
    expect((t as Record<string, unknown>).extra).toBe(true);
  });

  it('an info that is neither 3.x nor 2.x is rejected', () => {
    expect(RawTrace.safeParse({ info: { id: 'x' } }).success).toBe(false);
    expect(SearchResult.safeParse({ traces: 'none' }).success).toBe(false);
  });
});

describe('spans', () => {
  it('ns times as numbers or digit strings; a missing end and a missing name are allowed', () => {
    const s = SpanV3.parse({ span_id: 'a', start_time_unix_nano: '1795168800000000000', end_time_unix_nano: null });
    expect(s.start_time_unix_nano).toBe(1795168800000000000);
    expect(s.name).toBe('');
    expect(SpanV3.safeParse({ span_id: 'a', start_time_unix_nano: '17.5' }).success).toBe(false);
  });

  it('2.x spans carry their id in `context`', () => {
    expect(SpanV2.parse({ context: { span_id: '0x1' }, start_time: 1 }).context.span_id).toBe('0x1');
    expect(SpanV2.safeParse({ span_id: '0x1', start_time: 1 }).success).toBe(false);
  });

  it('attributes must be an object, never an array', () => {
    expect(SpanV3.safeParse({ span_id: 'a', start_time_unix_nano: 1, attributes: ['x'] }).success).toBe(false);
  });
});

describe('assessments of every source', () => {
  const all = [
    humanFeedback('correctness', 'no', { id: 'a-1', rationale: 'wrong policy' }),
    codeFeedback('format_ok', true, { id: 'a-2' }),
    expectation('expected_facts', ['30 days'], { id: 'a-3' }),
    scorerError('groundedness', 'RATE_LIMIT', 'judge call failed', { id: 'a-4' }),
    sessionLevel(humanFeedback('resolved', false, { id: 'a-5' }), 'sess-1'),
  ];

  it('the JSON mlflow prints for each is accepted', () => {
    for (const a of all) expect(RawAssessment.safeParse(rawAssessment(a)).success, a.name).toBe(true);
  });

  it('read back through the parser, each is the assessment it was built from', () => {
    const raw = json('get-healthy.json') as { info: Record<string, unknown> };
    raw.info.assessments = all.map(rawAssessment);
    expect(parseTrace(raw).info.assessments).toEqual(all);
  });
});
