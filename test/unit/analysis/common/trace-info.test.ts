/** What the passes over many traces read from each trace's info: total tokens, and the values to split by. */
import { describe, expect, it } from 'vitest';
import { keyedValues, tokenTotalOf } from '../../../../scripts/lib/analysis/common/trace-info.js';
import { trace } from '../../../support/spans.js';

const usage = (u: Record<string, number>) => trace('tr-1', { metadata: { 'mlflow.trace.tokenUsage': JSON.stringify(u) } }).info;

describe("a trace's total tokens", () => {
  it('the recorded total, else input + output, else null', () => {
    expect(tokenTotalOf(usage({ input_tokens: 100, output_tokens: 20, total_tokens: 125 }))).toBe(125);
    expect(tokenTotalOf(usage({ input_tokens: 100, output_tokens: 20 }))).toBe(120);
    expect(tokenTotalOf(usage({ output_tokens: 7 }))).toBe(7);
    expect(tokenTotalOf(trace('tr-2').info)).toBeNull();
    expect(tokenTotalOf(trace('tr-3', { metadata: { 'mlflow.trace.tokenUsage': 'not json' } }).info)).toBeNull();
  });

  it('is worked out once per info (the same object gives the same answer after a change)', () => {
    const info = usage({ total_tokens: 10 });
    expect(tokenTotalOf(info)).toBe(10);
    info.metadata['mlflow.trace.tokenUsage'] = JSON.stringify({ total_tokens: 99 });
    expect(tokenTotalOf(info)).toBe(10);
  });
});

describe('the values to split traces by', () => {
  const values = keyedValues(/^mlflow\./);

  it('tags then metadata, prefixed, the skipped keys left out', () => {
    const info = trace('tr-1', { tags: { region: 'eu', 'mlflow.traceName': 'agent' }, metadata: { app_version: '2', 'mlflow.user': 'bob' } }).info;
    expect(values(info)).toEqual([
      ['tag.region', 'eu'],
      ['metadata.app_version', '2'],
    ]);
  });

  it('a key means the same in tags and in metadata only by its prefix', () => {
    const info = trace('tr-1', { tags: { v: 'a' }, metadata: { v: 'b' } }).info;
    expect(values(info)).toEqual([
      ['tag.v', 'a'],
      ['metadata.v', 'b'],
    ]);
    expect(values(trace('tr-2').info)).toEqual([]);
  });
});
