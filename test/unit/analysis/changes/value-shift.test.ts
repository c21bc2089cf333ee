/** Keys worth offering to --by: a mix of values that shifts over time, not one spread evenly over the window. */
import { expect, it } from 'vitest';
import { detectSwitch, type Point } from '../../../../scripts/lib/analysis/changes/switches.js';
import { valuesShift } from '../../../../scripts/lib/analysis/changes/value-shift.js';

const pts = (values: readonly string[]): Point[] => values.map((value, i) => ({ t: i * 60_000, value }));
const shifts = (values: readonly string[]) => {
  const p = pts(values);
  return valuesShift(p, detectSwitch('k', p).kind);
};

it('a region that alternates and users taking turns are spread evenly: no shift', () => {
  expect(shifts(Array.from({ length: 432 }, (_, i) => (i % 2 ? 'eu' : 'us')))).toBe(false);
  expect(shifts(Array.from({ length: 432 }, (_, i) => `user-${i % 7}`))).toBe(false);
  // Three values in a fixed pseudo-random order: chance moves a share, not by 4 standard errors.
  expect(shifts(Array.from({ length: 300 }, (_, i) => ['a', 'b', 'c'][(i * 7919) % 3] as string))).toBe(false);
});

it('a switch, a rollout and a drift (a value from 10 % to 60 % of the traces) shift', () => {
  expect(shifts([...Array(50).fill('v1'), ...Array(50).fill('v2')])).toBe(true);
  const drift = Array.from({ length: 400 }, (_, i) => (i < 200 ? (i % 10 === 0 ? 'b' : 'a') : i % 5 < 3 ? 'b' : 'a'));
  expect(detectSwitch('k', pts(drift)).kind).toBe('interleaved');
  expect(shifts(drift)).toBe(true);
});

it('too few points to tell, or one value: no claim', () => {
  expect(shifts(Array.from({ length: 39 }, (_, i) => (i < 30 ? 'a' : i % 2 ? 'a' : 'b')))).toBe(false);
  expect(shifts(Array(100).fill('only'))).toBe(false);
});
