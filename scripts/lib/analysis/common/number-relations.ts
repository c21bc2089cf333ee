/**
 * Numbers worked out from others: a sum, difference or product of two source numbers (2 people ×
 * 2 bags), or a source number rounded (30 for 29.6). Such a value is derived, not contradicted.
 * The operands are a text's amounts and counts only: the digits of an id, a phone number, an
 * email, a date or a time are no quantity (912 of +47 912 34 567 plus 34 makes 946 by chance).
 */
import { numbersIn } from './text-facts.js';
import { extractValues, type Value, type ValueKind } from './values.js';

const NOT_AMOUNTS: ReadonlySet<ValueKind> = new Set(['id', 'email', 'date', 'time']);
/** A token of letters and digits joined (sub_48213, ord-5521, a hex trace id): an id the id pattern, upper-case only, misses. */
const ID_LIKE = /[\p{L}\d]+(?:[-_][\p{L}\d]+)*/gu;
const idLike = (t: string): boolean => /\p{L}/u.test(t) && /\d/.test(t) && ((t.match(/\d/g)?.length ?? 0) >= 3 || t.length >= 8);

/**
 * The numbers of a text that may be operands of a sum or product: every number written, except
 * those inside an id, phone number, email, date or time (its values, as extractValues finds them).
 */
export function operandNumbers(text: string, values: readonly Value[] = extractValues(text), cap = 2_000): number[] {
  const cuts: Array<[number, number]> = values.filter((v) => NOT_AMOUNTS.has(v.kind)).map((v) => [v.index, v.index + v.text.length]);
  for (const m of text.matchAll(ID_LIKE)) if (idLike(m[0])) cuts.push([m.index, m.index + m[0].length]);
  if (!cuts.length) return numbersIn(text, cap);
  // Blanks in place of each cut: every other number stays whole and apart.
  let out = '';
  let at = 0;
  for (const [a, b] of cuts.sort((x, y) => x[0] - y[0])) {
    if (b <= at) continue;
    out += `${text.slice(at, Math.max(at, a))} `;
    at = b;
  }
  return numbersIn(out + text.slice(at), cap);
}

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
