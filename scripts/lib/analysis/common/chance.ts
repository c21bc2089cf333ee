/**
 * Is a difference between two rates more than chance? Fisher's exact test on the 2×2 table
 * (a of n1 vs b of n2), two-sided: exact at the small counts cohorts often have (3 failures
 * against 14), where a normal approximation misleads. A heuristic all the same: it assumes the
 * traces are independent draws, which bursts of one failure are not.
 */

const logFactorials: number[] = [0];
function logFactorial(n: number): number {
  for (let i = logFactorials.length; i <= n; i++) logFactorials.push((logFactorials[i - 1] as number) + Math.log(i));
  return logFactorials[n] as number;
}

/** ln of the probability of `x` hits in the first group, given both groups' sizes and the hits in all. */
const logHypergeometric = (x: number, n1: number, n2: number, hits: number): number =>
  logFactorial(hits) +
  logFactorial(n1 + n2 - hits) +
  logFactorial(n1) +
  logFactorial(n2) -
  logFactorial(x) -
  logFactorial(n1 - x) -
  logFactorial(hits - x) -
  logFactorial(n2 - hits + x) -
  logFactorial(n1 + n2);

/** Two-sided p-value: the chance of a table at least as unlikely as this one. */
export function fisherExact(a: number, n1: number, b: number, n2: number): number {
  const hits = a + b;
  const observed = logHypergeometric(a, n1, n2, hits);
  let p = 0;
  for (let x = Math.max(0, hits - n2); x <= Math.min(n1, hits); x++) {
    const l = logHypergeometric(x, n1, n2, hits);
    // A relative tolerance, as R does, so that ties in probability count as "as unlikely".
    if (l <= observed + 1e-7) p += Math.exp(l);
  }
  return Math.min(1, p);
}

export interface RateDifference {
  what: 'errors' | 'negative verdicts';
  from: { n: number; of: number };
  to: { n: number; of: number };
  p: number;
  /** p ≥ 0.05: the rates differ by no more than chance would. */
  withinChance: boolean;
  /** false: the two rates count different things (verdict sources that cover the cohorts unlike); absent otherwise. */
  comparable?: false;
}

export function rateDifference(what: RateDifference['what'], from: { n: number; of: number }, to: { n: number; of: number }): RateDifference | null {
  if (!from.of || !to.of) return null;
  const p = fisherExact(from.n, from.of, to.n, to.of);
  return { what, from: { n: from.n, of: from.of }, to: { n: to.n, of: to.of }, p, withinChance: p >= 0.05 };
}
