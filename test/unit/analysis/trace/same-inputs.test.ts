/**
 * Same inputs among repeated spans: the count of the most spans with identical inputs, as a
 * JSON.stringify of each would give it, whatever the fingerprint buckets them by.
 */
import { describe, expect, it } from 'vitest';
import { roughKey, sameInputsOf } from '../../../../scripts/lib/analysis/trace/same-inputs.js';
import { buildTree, type SpanNode } from '../../../../scripts/lib/trace/tree.js';
import { span } from '../../../support/spans.js';

const nodesWith = (inputs: unknown[]): SpanNode[] => buildTree(inputs.map((v, i) => span(`s${i}`, 'step', v === undefined ? {} : { inputs: v }))).nodes;

describe('sameInputsOf', () => {
  it('counts the most spans with identical inputs', () => {
    const blob = 'x'.repeat(1_500);
    expect(
      sameInputsOf(
        nodesWith([
          { i: 1, blob },
          { i: 2, blob },
          { i: 1, blob },
          { i: 1, blob },
        ]),
      ),
    ).toEqual({ most: 3, logged: true });
    expect(
      sameInputsOf(
        nodesWith([
          { i: 1, blob },
          { i: 2, blob },
        ]),
      ),
    ).toEqual({ most: 1, logged: true });
  });

  it('tells long strings apart that share their length and both ends', () => {
    const a = `${'a'.repeat(20)}MIDDLE-1${'z'.repeat(20)}`;
    const b = `${'a'.repeat(20)}MIDDLE-2${'z'.repeat(20)}`;
    expect(roughKey({ q: a })).toBe(roughKey({ q: b }));
    expect(sameInputsOf(nodesWith([{ q: a }, { q: b }]))).toEqual({ most: 1, logged: true });
    expect(sameInputsOf(nodesWith([{ q: a }, { q: b }, { q: a }]))).toEqual({ most: 2, logged: true });
  });

  it('no inputs logged: nothing to compare', () => {
    expect(sameInputsOf(nodesWith([undefined, undefined]))).toEqual({ most: 0, logged: false });
  });
});

describe('roughKey', () => {
  it('gives equal values equal fingerprints, as JSON.stringify sees them', () => {
    const deep = { a: [1, 2, { b: 'x'.repeat(100), c: null }], d: true, e: -0 };
    expect(roughKey(structuredClone(deep))).toBe(roughKey(deep));
    expect(roughKey({ a: 1, b: undefined })).toBe(roughKey({ a: 1 }));
    expect(roughKey([undefined, Number.NaN])).toBe(roughKey([null, null]));
    expect(roughKey({ e: 0 })).toBe(roughKey({ e: -0 }));
  });

  it('stops after a bounded walk', () => {
    const wide = Array.from({ length: 10_000 }, (_, i) => i);
    expect(roughKey(wide).length).toBeLessThan(40_000);
  });
});

describe('sameInputsOf over stored inputs', () => {
  it('buckets by the stored string and still compares whole values: equal ends, different middles are told apart', () => {
    const mid = (m: string) => ({ q: `${'a'.repeat(40)}${m}${'z'.repeat(40)}` });
    expect(sameInputsOf(nodesWith([mid('1'), mid('2'), mid('1')]))).toEqual({ most: 2, logged: true });
    // A stored "null" logged nothing, as spanInputs reads it.
    expect(sameInputsOf(nodesWith([null, null]))).toEqual({ most: 0, logged: false });
  });
});
