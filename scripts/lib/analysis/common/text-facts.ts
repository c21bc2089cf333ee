/**
 * Checkable facts in a text: amounts, percentages, numbers, ISO dates, ids and quoted names,
 * with number formats normalised (1,200 / 1200 / 1.200,00 / $1.2k), for the grounding check.
 * Conservative on purpose: an ambiguous format yields every value it could mean, so a number
 * is "grounded" when any reading of it matches, and small plain integers and bare years are
 * never facts (they are list positions, counts and dates an answer says in passing).
 */

export type FactKind = 'amount' | 'percent' | 'number' | 'date' | 'id' | 'quoted';

export interface Fact {
  kind: FactKind;
  /** As written in the text. */
  text: string;
  /** Every numeric value the text could mean (numbers only). */
  values: number[];
}

/** A stable key for a number: 6 decimals at most, no trailing zeros. */
export const numKey = (v: number): string => String(Number(v.toFixed(6)));

/**
 * The values a written number may stand for. `1,200` is 1200 (thousands) or 1.2 (a decimal
 * comma); `1.200,50` is 1200.5; `12,5` is 12.5.
 */
export function numberReadings(raw: string): number[] {
  const s = raw.replace(/[\s\u00a0\u202f']/g, '');
  if (!/^\d[\d.,]*$/.test(s)) return [];
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  const out = new Set<number>();
  if (lastDot >= 0 && lastComma >= 0) {
    const dec = lastDot > lastComma ? '.' : ',';
    const other = dec === '.' ? ',' : '.';
    out.add(Number(s.split(other).join('').replace(dec, '.')));
  } else if (lastDot >= 0 || lastComma >= 0) {
    const sep = lastDot >= 0 ? '.' : ',';
    const parts = s.split(sep);
    const grouped = parts.length > 1 && (parts[0] as string).length <= 3 && parts.slice(1).every((p) => p.length === 3);
    if (grouped) out.add(Number(parts.join('')));
    if (parts.length === 2) out.add(Number(`${parts[0]}.${parts[1]}`));
  } else out.add(Number(s));
  return [...out].filter((v) => Number.isFinite(v));
}

const CURRENCY_BEFORE = '[$€£¥₹]|(?:USD|EUR|GBP|CHF|JPY|CAD|AUD)\\s?';
const CURRENCY_AFTER = '\\s?(?:[€£$]|USD|EUR|GBP|CHF|JPY|CAD|AUD|dollars?|euros?|pounds?)(?![\\p{L}])';
const NUM = '\\d{1,3}(?:[,.\\u00a0\\u202f]\\d{3})+(?:[.,]\\d+)?|\\d+(?:[.,]\\d+)?';
const SCALE = '(?:\\s?(k|K|m|M|bn)\\b)?';
const AMOUNT_RE = new RegExp(`(?:${CURRENCY_BEFORE})\\s?(${NUM})${SCALE}|(?<![\\p{L}\\d.,])(${NUM})${SCALE}${CURRENCY_AFTER}`, 'gu');
const PERCENT_RE = new RegExp(`(?<![\\p{L}\\d.,])(${NUM})\\s?%`, 'gu');
const NUMBER_RE = new RegExp(`(?<![\\p{L}\\d.,_/-])(${NUM})(?![\\p{L}\\d_/]|[.,]\\d)`, 'gu');
const ISO_DATE_RE = /\b(\d{4})-(\d{2})-(\d{2})\b/g;
/** An id: an upper-case prefix, a dash or underscore, at least three digits (A-1042, INV_20931). */
const ID_RE = /(?<![\w-])([A-Z][A-Z0-9]{0,5}[-_]\d{3,}[A-Z0-9]*)(?![\w-])/g;
const QUOTED_RE = /["“«]([^"”»\n]{3,60})["”»]/g;
const TIME = String.raw`\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?`;
/**
 * Dates and times written in digits, whose parts are no number of their own: 2026-12, 2026-12-14T09:30:00+01:00,
 * 14.12.2026, 12/31/2026, 2026/12/14, 12.2026, 09:30:15.250.
 */
export const DATE_PARTS = new RegExp(
  [
    String.raw`\b\d{4}-\d{2}(?:-\d{2}(?:[T ]${TIME}(?:Z|[+-]\d{2}:?\d{2})?)?)?(?![\d-])`,
    String.raw`\b\d{1,2}([./-])\d{1,2}\1(?:19|20)\d{2}\b`,
    String.raw`\b\d{4}/\d{1,2}/\d{1,2}\b`,
    String.raw`\b(?:0[1-9]|1[0-2])[./](?:19|20)\d{2}\b(?![.,]\d)`,
    String.raw`\b${TIME}\b`,
  ].join('|'),
  'g',
);

const scaled = (values: number[], scale: string | undefined): number[] => {
  if (!scale) return values;
  const f = /^k$/i.test(scale) ? 1e3 : /^m$/i.test(scale) ? 1e6 : 1e9;
  // "$1.2k" may mean 1,200 or be copied from a source that says 1.2k: keep both readings.
  return [...values, ...values.map((v) => v * f)];
};

/** Text at most this long is scanned: an answer is short, a 1 MB "answer" is data. */
const SCAN_MAX = 20_000;

/** The checkable facts of an answer, each once, in order of appearance. */
export function extractFacts(input: string): Fact[] {
  const text = input.slice(0, SCAN_MAX);
  const facts: Fact[] = [];
  const taken: Array<[number, number]> = [];
  const overlaps = (a: number, b: number) => taken.some(([x, y]) => a < y && b > x);
  const add = (kind: FactKind, m: RegExpExecArray, values: number[]) => {
    const start = m.index;
    const end = start + m[0].length;
    if (overlaps(start, end)) return;
    taken.push([start, end]);
    const written = m[0].trim();
    if (!facts.some((f) => f.kind === kind && f.text === written)) facts.push({ kind, text: written, values });
  };
  for (const m of text.matchAll(ISO_DATE_RE)) add('date', m, []);
  for (const m of text.matchAll(ID_RE)) add('id', m, []);
  for (const m of text.matchAll(AMOUNT_RE)) add('amount', m, scaled(numberReadings(m[1] ?? m[3] ?? ''), m[2] ?? m[4]));
  for (const m of text.matchAll(PERCENT_RE)) {
    const v = numberReadings(m[1] ?? '');
    add('percent', m, [...v, ...v.map((x) => x / 100)]);
  }
  // A date's or time's parts ("12.2026" of a month, "2026-12" of a date) are not numbers of their own.
  for (const m of text.matchAll(DATE_PARTS)) if (!overlaps(m.index, m.index + m[0].length)) taken.push([m.index, m.index + m[0].length]);
  for (const m of text.matchAll(NUMBER_RE)) {
    const raw = m[1] ?? '';
    const values = numberReadings(raw);
    // Small integers are positions and counts; a bare four-digit year is a date said in passing.
    const plainInt = /^\d+$/.test(raw);
    if (plainInt && (Number(raw) < 100 || (raw.length === 4 && Number(raw) >= 1900 && Number(raw) <= 2100))) continue;
    if (!values.length) continue;
    add('number', m, values);
  }
  for (const m of text.matchAll(QUOTED_RE)) {
    const inner = (m[1] ?? '').trim();
    if (/\p{L}/u.test(inner) && inner.split(/\s+/).length <= 8) add('quoted', m, []);
  }
  return facts.sort((a, b) => text.indexOf(a.text) - text.indexOf(b.text));
}

/** Every number written in a source text (tool output, prompt), each reading once. */
export function numbersIn(input: string, cap = 2_000): number[] {
  const out = new Set<number>();
  for (const m of input.matchAll(/\d[\d.,]*\d|\d/g)) {
    for (const v of numberReadings(m[0])) out.add(v);
    if (out.size >= cap) break;
  }
  return [...out];
}
