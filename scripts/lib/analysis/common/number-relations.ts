/**
 * Numbers worked out from others: a sum, difference or product of two source numbers (2 people ×
 * 2 bags), or a source number rounded (30 for 29.6). Such a value is derived, not contradicted.
 */

/** A sum, difference or product of two of the sources' numbers (the first 150 looked at). */
export function derived(values: number[], sources: Set<number>): boolean {
  return derivation(values, sources) !== null;
}

/** The first way a value is worked out from two source numbers, as written ("399 + 250"), or null. */
export function derivation(values: number[], sources: Set<number>): string | null {
  const nums = [...sources].slice(0, 150);
  for (const v of values)
    for (const [i, a] of nums.entries())
      for (const [j, b] of nums.entries()) {
        if (Math.abs(a * b - v) < 1e-9) return `${a} × ${b}`;
        if (i !== j && Math.abs(a + b - v) < 1e-9) return `${a} + ${b}`;
        if (i !== j && Math.abs(a - b - v) < 1e-9) return `${a} − ${b}`;
      }
  return null;
}

/** 30 for 29.6, 1,200 for 1,187: within 5% and written with fewer significant digits. */
export function rounded(reply: number[], source: number[]): boolean {
  const digits = (n: number) => String(n).replace(/0+$/, '').replace('.', '').length;
  return reply.some((r) => source.some((s) => s !== 0 && Math.abs(r - s) / Math.abs(s) <= 0.05 && digits(r) < digits(s)));
}
