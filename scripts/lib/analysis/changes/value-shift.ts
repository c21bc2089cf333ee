/**
 * Whether a key's mix of values shifts over time: the keys worth offering to `--by` when asking
 * what changed. A region that alternates eu/us, or users taking turns, split evenly over the whole
 * window: splitting by them compares like with like over time, and says nothing about a change.
 */
import type { Point, SwitchFinding } from './switches.js';

/** Time slices the points are cut into (equal counts, oldest first). */
const SLICES = 4;
/** Points per slice below which no shift is claimed (too few to tell a shift from chance). */
const MIN_PER_SLICE = 10;
/** A share that moves less than this (absolute) is no shift worth a split, however many points. */
const MIN_GAP = 0.2;
/** Standard errors a slice's share must stand away from the overall share: chance alone rarely goes this far. */
const Z = 4;

/**
 * A heuristic: the key switched (a switch, a rollout, back and forth), or in one of SLICES equal
 * slices of its points by time some value's share stands at least MIN_GAP and Z standard errors
 * (√(p(1−p)/n)) away from its share over all the points. Bounded: at most 12 values × 4 slices
 * compared (keySwitches drops keys of more values). Under 4 × MIN_PER_SLICE points: no claim.
 */
export function valuesShift(points: readonly Point[], kind: SwitchFinding['kind']): boolean {
  if (kind === 'switch' || kind === 'rollout' || kind === 'back-and-forth') return true;
  if (kind === 'constant' || points.length < SLICES * MIN_PER_SLICE) return false;
  const sorted = [...points].sort((a, b) => a.t - b.t);
  const overall = new Map<string, number>();
  for (const p of sorted) overall.set(p.value, (overall.get(p.value) ?? 0) + 1);
  for (let s = 0; s < SLICES; s++) {
    const slice = sorted.slice(Math.floor((s * sorted.length) / SLICES), Math.floor(((s + 1) * sorted.length) / SLICES));
    const here = new Map<string, number>();
    for (const p of slice) here.set(p.value, (here.get(p.value) ?? 0) + 1);
    for (const [value, count] of overall) {
      const p = count / sorted.length;
      const q = (here.get(value) ?? 0) / slice.length;
      if (Math.abs(q - p) >= Math.max(MIN_GAP, Z * Math.sqrt((p * (1 - p)) / slice.length))) return true;
    }
  }
  return false;
}
