import { expect, it } from 'vitest';
import { attr, decodeValue, normaliseSpanId, nsToMs, statusOf, toStringMap } from '../../../scripts/lib/trace/raw-values.js';
import { span } from '../../support/spans.js';

it('makes span ids hex whatever MLflow printed: base64, 0x-prefixed or plain hex', () => {
  expect(['obLD1OX2Bxg=', '0x1A2B3C4D5E6F7081', 'a1b2c3d4e5f60718', 'other'].map(normaliseSpanId)).toEqual([
    'a1b2c3d4e5f60718',
    '1a2b3c4d5e6f7081',
    'a1b2c3d4e5f60718',
    'other',
  ]);
});

it('reads nanoseconds as ms and status codes as OK / ERROR / UNSET', () => {
  expect([nsToMs(1_500_000), nsToMs(null), nsToMs(Number.NaN)]).toEqual([1.5, null, null]);
  expect(['STATUS_CODE_OK', 'error', 'STATUS_CODE_UNSET', null].map(statusOf)).toEqual(['OK', 'ERROR', 'UNSET', 'UNSET']);
});

it('decodes a JSON-encoded value, keeping text that is not JSON as it is', () => {
  expect(['"LLM"', '{"a":1}', '-3', 'true', 'plain words', '{broken', 7].map(decodeValue)).toEqual(['LLM', { a: 1 }, -3, true, 'plain words', '{broken', 7]);
});

it('reads an attribute once and caches it; a missing one is undefined', () => {
  const s = span('1', 'llm', { attrs: { 'gen_ai.request.model': 'gpt-4o' } });
  const first = attr(s, 'mlflow.spanType');
  expect([first, attr(s, 'gen_ai.request.model'), attr(s, 'missing')]).toEqual(['UNKNOWN', 'gpt-4o', undefined]);
});

it('gives tags as strings: the same object when they already are, JSON for the rest', () => {
  const strings = { a: 'x' };
  expect(toStringMap(strings)).toBe(strings);
  expect(toStringMap({ a: 1, b: 'y' })).toEqual({ a: '1', b: 'y' });
  expect(toStringMap(null)).toEqual({});
});

it('decodes a base64 span id to the hex Buffer gives, and a plain quoted value without JSON.parse as JSON.parse would', () => {
  for (const hex of ['e468b0d5f3000002', '0000000000000000', 'ffffffffffffffff', '23303d4a5764717e']) {
    expect(normaliseSpanId(Buffer.from(hex, 'hex').toString('base64'))).toBe(hex);
  }
  for (const raw of ['"TOOL"', '""', '"a b"', '"a\\"b"', '"line\\nnext"', '"é"']) expect(decodeValue(raw)).toBe(JSON.parse(raw));
  expect(decodeValue('"a"b"')).toBe('"a"b"');
});
