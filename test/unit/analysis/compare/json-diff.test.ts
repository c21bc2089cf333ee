import { expect, it } from 'vitest';
import { canonical, shortDiff } from '../../../../scripts/lib/analysis/compare/json-diff.js';

it('writes a value canonically: keys sorted at every depth, undefined as null', () => {
  expect(canonical({ b: 1, a: { d: [2, { z: 0, y: 1 }], c: 3 } })).toBe(canonical({ a: { c: 3, d: [2, { y: 1, z: 0 }] }, b: 1 }));
  expect(canonical(undefined)).toBe('null');
});

it('a short diff ignores key order and says how much it left out', () => {
  expect(shortDiff({ x: 1, y: 2 }, { y: 2, x: 1 }).lines).toEqual([]);
  const d = shortDiff(Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, i])), { k0: 0 }, 5);
  expect(d.lines).toHaveLength(5);
  expect(d.lines[0]).toBe('- "k1": 1');
  expect(d.more).toBe(14);
});
