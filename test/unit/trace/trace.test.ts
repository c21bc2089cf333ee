import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readJsonFile } from '../../../scripts/lib/core/read-json.js';
import { attr, normaliseSpanId, parseSearch, parseTrace, parseTraces } from '../../../scripts/lib/trace/trace.js';
import { fixture } from '../../support/helpers.js';

const load = (name: string) => readJsonFile(fixture(name), name);

describe('the trace model reads `mlflow traces get` output (3.x)', () => {
  const trace = parseTrace(load('get-failing.json'));

  it('keeps the MLflow trace id, state, ISO request time and duration', () => {
    expect(trace.info.traceId).toMatch(/^tr-[0-9a-f]{32}$/);
    expect(trace.info.state).toBe('ERROR');
    expect(new Date(trace.info.requestTimeMs ?? 0).toISOString()).toBe('2026-11-20T10:01:00.000Z');
    expect(trace.info.durationMs).toBe(3100);
    expect(trace.format).toBe('3.x');
  });

  it('turns base64 span ids into the hex ids assessments use', () => {
    const raw = JSON.parse(readFileSync(fixture('get-failing.json'), 'utf8')) as { data: { spans: Array<{ span_id: string }> } };
    expect(raw.data.spans[0]?.span_id).toMatch(/=$/);
    expect(trace.spans[0]?.id).toMatch(/^[0-9a-f]{16}$/);
    expect(normaliseSpanId('obLD1OX2Bxg=')).toBe('a1b2c3d4e5f60718');
    expect(normaliseSpanId('0x1A2B3C4D5E6F7081')).toBe('1a2b3c4d5e6f7081');
  });

  it('gives times in ms (nanosecond integers above 2^53 lose only sub-µs precision)', () => {
    const root = trace.spans.find((s) => s.parentId === null);
    expect(root?.startMs).toBeCloseTo(Date.UTC(2026, 10, 20, 10, 1, 0), 3);
    expect((root?.endMs ?? 0) - (root?.startMs ?? 0)).toBeCloseTo(3100, 3);
  });

  it('JSON-decodes attribute values on demand, with a raw fallback', () => {
    const root = trace.spans.find((s) => s.parentId === null);
    expect(root && attr(root, 'mlflow.spanType')).toBe('AGENT');
    expect(root && attr(root, 'mlflow.spanInputs')).toEqual({ messages: [{ role: 'user', content: 'Book me a flight to Lisbon on Friday' }] });
    const odd = { ...(root as NonNullable<typeof root>), rawAttributes: { x: 'not json {' } };
    expect(attr(odd, 'x')).toBe('not json {');
  });

  it('reads status codes and exception events', () => {
    const failing = trace.spans.filter((s) => s.status === 'ERROR');
    expect(failing.length).toBe(6);
    const deep = trace.spans.find((s) => s.name === 'call_airline_api');
    expect(deep?.events[0]?.attributes['exception.type']).toBe('ConnectionError');
  });
});

describe('assessments come out in every kind the CLI prints', () => {
  const { info } = parseTrace(load('get-wrong-retrieval.json'));
  const byName = (n: string) => info.assessments.filter((a) => a.name === n);

  it('reads feedback values (booleans, floats, categories) with rationale and source', () => {
    expect(byName('correctness')[0]).toMatchObject({ kind: 'feedback', value: false, sourceType: 'HUMAN', rationale: expect.stringContaining('refunds') });
    expect(byName('relevance')[0]?.value).toBe(0.2);
    expect(byName('user_frustration')[0]?.value).toBe('no');
  });

  it('keeps a scorer error as an error, with a null value', () => {
    expect(byName('groundedness')[0]).toMatchObject({ value: null, error: { code: 'RATE_LIMIT_EXCEEDED' } });
  });

  it('decodes serialized_value expectations and keeps primitive ones', () => {
    expect(byName('expected_facts')[0]).toMatchObject({ kind: 'expectation', value: { window_days: 30, doc: 'refund_policy.md' } });
    expect(byName('expected_answer')[0]?.value).toMatch(/30 days/);
  });

  it('marks the overridden feedback invalid and links its replacement', () => {
    const [old, replacement] = byName('helpfulness');
    expect(old?.valid).toBe(false);
    expect(replacement?.overrides).toBe(old?.id);
  });

  it('attaches span-level assessments to a span by hex id', () => {
    const a = byName('retrieval_relevance')[0];
    const trace = parseTrace(load('get-wrong-retrieval.json'));
    expect(trace.spans.find((s) => s.id === a?.spanId)?.name).toBe('search_knowledge_base');
  });
});

describe('other shapes', () => {
  it('reads the 3.5.0 span variant (hex ids, "OK" codes), captured from mlflow==3.5.0', () => {
    const t = parseTrace(load('mlflow-3.5.0-get-healthy.json'));
    expect(t.format).toBe('3.5.0');
    expect(t.spans.every((s) => s.status === 'OK')).toBe(true);
    const root = t.spans.find((s) => s.parentId === null);
    expect(t.spans.filter((s) => s.parentId === root?.id).length).toBe(5);
  });

  it('reads 2.x-era JSON (hand-written: no installable MLflow with a traces CLI prints it)', () => {
    const t = parseTrace(load('handwritten-2x-trace.json'));
    expect(t.format).toBe('2.x');
    expect(t.info).toMatchObject({ traceId: 'tr-2c1f0e9a8b7d4c6e9f1a2b3c4d5e6f70', state: 'ERROR', durationMs: 1500, sessionId: 'legacy-session-1' });
    expect(t.spans[1]?.parentId).toBe(t.spans[0]?.id);
    expect(t.info.assessments[0]).toMatchObject({ name: 'faithfulness', value: 'no', kind: 'feedback' });
  });

  it('reads search envelopes, with or without spans, and --extract-fields output', () => {
    const page = parseSearch(load('search-hotel-session-nospans.json'));
    expect(page.traces).toHaveLength(6);
    expect(page.nextPageToken).toBeNull();
    expect(page.traces.every((t) => t.spans.length === 0)).toBe(true);
    const extracted = parseSearch(load('search-hotel-session-extract.json'));
    expect(extracted.traces.map((t) => t.info.state)).toEqual(['OK', 'OK', 'OK', 'OK', 'OK', 'ERROR']);
  });

  it('accepts a single trace, a search result or an array for --from-file', () => {
    expect(parseTraces(load('get-healthy.json'))).toHaveLength(1);
    expect(parseTraces(load('search-shapes.json'))).toHaveLength(5);
  });

  it('names the path of the first problem when JSON is not a trace', () => {
    expect(() => parseTrace({ info: { trace_id: 1 } })).toThrow(/info/);
    expect(() => parseTrace({ info: { trace_id: 'tr-1' }, data: { spans: [{ name: 'x' }] } })).toThrow(/not an MLflow trace/);
  });
});
