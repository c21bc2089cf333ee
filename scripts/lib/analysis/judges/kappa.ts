/**
 * Cohen's kappa: agreement beyond what two raters' own label frequencies give by chance. With
 * few traces it swings widely, and when one label dominates it is low even at high agreement:
 * the note says which, the latter only when kappa is in fact well below the agreement.
 */
export interface Kappa {
  value: number | null;
  /** Why the value should be read with care (small n, one label everywhere), or null. */
  note: string | null;
}

const SMALL_N = 30;
/** How far below the raw agreement kappa must fall before a dominant label is named as the reason. */
const LOW_GAP = 0.2;

export function cohenKappa(
  pairs: ReadonlyArray<readonly [string, string]>,
  names: readonly [string, string] = ['the first source', 'the second source'],
): Kappa {
  const n = pairs.length;
  if (!n) return { value: null, note: 'no trace scored by both' };
  const a = new Map<string, number>();
  const b = new Map<string, number>();
  let agree = 0;
  for (const [x, y] of pairs) {
    a.set(x, (a.get(x) ?? 0) + 1);
    b.set(y, (b.get(y) ?? 0) + 1);
    if (x === y) agree++;
  }
  const po = agree / n;
  let pe = 0;
  for (const [label, ca] of a) pe += (ca / n) * ((b.get(label) ?? 0) / n);
  if (pe === 1) return { value: null, note: 'both gave one and the same label to every trace: kappa is undefined (agreement says nothing here)' };
  const value = (po - pe) / (1 - pe);
  const notes: string[] = [];
  if (n < SMALL_N) notes.push(`n = ${n} is small: kappa moves by ~${(1 / Math.sqrt(n)).toFixed(2)} with a few traces either way`);
  for (const [who, m] of [
    [names[0], a],
    [names[1], b],
  ] as const)
    if (m.size === 1 && n >= 5) notes.push(`${who} gave "${[...m.keys()][0]}" to every trace: its verdicts tell these traces apart no better than chance`);
  // Said only where it explains something: kappa well below the raw agreement (never at kappa 1).
  if (pe > 0.7 && po - value >= LOW_GAP)
    notes.push(
      `one label dominates (chance agreement ${Math.round(pe * 100)}%): that is why kappa (${value.toFixed(2)}) is well below ` +
        `the raw agreement (${Math.round(po * 100)}%)`,
    );
  return { value, note: notes.length ? notes.join('; ') : null };
}

/** Landis & Koch's words for a kappa value. */
export function kappaWords(k: number): string {
  if (k < 0) return 'worse than chance';
  if (k < 0.2) return 'slight';
  if (k < 0.4) return 'fair';
  if (k < 0.6) return 'moderate';
  if (k < 0.8) return 'substantial';
  return 'almost perfect';
}
