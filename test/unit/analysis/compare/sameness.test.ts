import { expect, it } from 'vitest';
import type { PairDiff } from '../../../../scripts/lib/analysis/compare/comparison.js';
import { samenessOf } from '../../../../scripts/lib/analysis/compare/sameness.js';
import type { ModelParams } from '../../../../scripts/lib/analysis/trace/model-params.js';

const side = { spanId: 's', status: 'OK', durationMs: 1, tokens: null };
const params = (o: Partial<ModelParams> = {}): ModelParams => ({ model: 'gpt-4o', temperature: null, maxTokens: null, topP: null, tools: [], ...o });
const pair = (o: Partial<PairDiff>): PairDiff => ({
  path: 'p',
  type: null,
  a: side,
  b: side,
  statusDiffers: false,
  inputDiff: null,
  outputDiff: null,
  model: null,
  docs: null,
  ...o,
});

it('says the model parameters are identical, naming those that were set; else which differ', () => {
  const same = pair({ model: { a: params({ temperature: 0 }), b: params({ temperature: 0 }), differs: [], toolsRedefined: [] } });
  expect(samenessOf([same]).modelParams).toEqual({ identical: true, set: ['model', 'temperature'], differ: [] });
  const other = pair({ model: { a: params({ maxTokens: 10 }), b: params({ maxTokens: 20 }), differs: ['maxTokens'], toolsRedefined: [] } });
  expect(samenessOf([same, other]).modelParams).toEqual({ identical: false, set: ['model', 'temperature', 'max_tokens'], differ: ['max_tokens'] });
});

it('says whether the retrievers returned the same documents; nothing when no pair had models or documents', () => {
  const docs = pair({ docs: { a: [], b: [], onlyA: [], onlyB: ['d2'], changed: [], reordered: false } });
  expect(samenessOf([docs]).documents).toEqual({ identical: false, reordered: false, changed: [], spans: 1 });
  const text = pair({ docs: { a: [], b: [], onlyA: [], onlyB: [], changed: [{ doc: 'kb/a.md', a: 'x', b: 'y', countA: 1, countB: 1 }], reordered: false } });
  expect(samenessOf([text]).documents).toEqual({ identical: false, reordered: false, changed: ['kb/a.md'], spans: 1 });
  const order = pair({ docs: { a: [], b: [], onlyA: [], onlyB: [], changed: [], reordered: true } });
  expect(samenessOf([order]).documents).toEqual({ identical: true, reordered: true, changed: [], spans: 1 });
  expect(samenessOf([pair({})])).toEqual({ modelParams: null, documents: null });
});
