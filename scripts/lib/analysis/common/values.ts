/**
 * The checkable values of a text, each with what it is bound to: ids and reference codes,
 * phone numbers in international form (compared by their digits), emails, quantities bound to the noun or unit after them ("2 checked bags", "30 days", "€45
 * change fee"), and dates and times (parsed by chrono-node, so "9 December at 07:40", "2 pm"
 * and "14:00" compare as values). A value with nothing to bind it to is still a value (a source
 * may hold it) but never a claim about a noun: provenance needs both to decide.
 */
import type { ParsedComponents } from 'chrono-node';
import { strict as chrono } from 'chrono-node/en';
import { sentenceStart } from './sentences.js';
import { numberReadings } from './text-facts.js';

export type ValueKind = 'id' | 'email' | 'quantity' | 'date' | 'time';

export interface Value {
  kind: ValueKind;
  /** As written. */
  text: string;
  /** A quantity with its noun as written ("3 checked bags"); else the text. */
  phrase: string;
  /** The comparable form: an id upper-cased, a date `MM-DD` (`YYYY-MM-DD` with a year), a time `HH:MM`. */
  key: string;
  /** A range's last day or time ("2-12 March" → `03-12`): the range holds every value from key to end. */
  end?: string;
  /** Every number a quantity may stand for (1,200 / 1.2k). */
  numbers: number[];
  /** The noun phrase after a quantity, singular ("checked bag"), or the word before a date or time ("departs"). */
  bound: string | null;
  /** The three words before the value (lower case): tells "refunds within 14 days" from "exchanges within 30 days". */
  before: string;
  /** Said as an estimate ("about 30", "up to 3", "more than 2"): never contradicts an exact source. */
  approximate: boolean;
  /** Said in a negation or contrast ("not 3 bags", "instead of"). */
  negated: boolean;
  index: number;
}

/** An id: letters, a dash or underscore, digits (BK-58213, INV_20931, PO-2026-0042). */
const ID_RE = /(?<![\w-])([A-Z][A-Z0-9]{0,7}(?:[-_][A-Z0-9]+)*[-_]\d{3,}[A-Z0-9]*)(?![\w-])/g;
/** A phone number in international form (+47 912 34 567, +1-415-555-0142): an id, compared by its digits. */
export const PHONE_RE = /(?<![\w+])\+\d{1,3}(?:[ .-]?\d){6,13}(?![\w])/g;
const EMAIL_RE = /(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?![\w-])/g;
const CODES = 'USD|EUR|GBP|CHF|JPY|CAD|AUD|SEK|NOK|DKK';
const CURRENCY = `[$€£¥₹]|(?:${CODES})\\s?`;
/** A currency written after the amount ("12 EUR"): the amount's unit, not the noun it prices. */
const CODE_AFTER = new RegExp(`^[\\s\\u00a0]*(${CODES}|euros?|dollars?|pounds?)\\b`, 'i');
const NUM = '\\d{1,3}(?:[,.]\\d{3})+(?:[.,]\\d+)?|\\d+(?:[.,]\\d+)?';
const QTY_RE = new RegExp(`(?<![\\p{L}\\d.,:/_-])(${CURRENCY})?(${NUM})(\\s?(?:k|K|m|M|bn)\\b)?(?![\\d/-]|:\\d|[.,]\\d|\\p{L})`, 'gu');
const WORD_AFTER = /^[ \t\u00a0]*(%|[\p{L}][\p{L}'-]*)/u;
const STOP = new Set(
  [
    'a an the of to in on at by for from with and or but per each every is are was were be been',
    'it its this that than as up into within over under about around',
  ]
    .join(' ')
    .split(' '),
);
const APPROX = /\b(about|around|roughly|approximately|approx|nearly|almost|over|under|up to|at least|at most|more than|less than|fewer than|some|~)\s*$/i;
const NEGATED = /\b(not|no|never|instead of|rather than|n't|isn't|aren't|wasn't)\b/i;
const YEAR = /^(19|20)\d\d$/;

const singular = (w: string): string => (w.length > 3 && /[^s]s$/.test(w) ? w.slice(0, -1) : w);

/** Up to two words after a quantity: an adjective and its noun ("checked bags" → "checked bag"). */
function nounAfter(text: string, end: number): { noun: string; end: number } | null {
  const words: string[] = [];
  let at = end;
  for (let i = 0; i < 2; i++) {
    const m = WORD_AFTER.exec(text.slice(at, at + 40));
    if (!m) break;
    const w = (m[1] as string).toLowerCase();
    if (w === '%') return { noun: '%', end: at + m[0].length };
    if (STOP.has(w)) break;
    words.push(w);
    at += m[0].length;
  }
  return words.length ? { noun: words.map(singular).join(' '), end: at } : null;
}

function wordsBefore(text: string, index: number, n = 3): string[] {
  return (
    text
      .slice(Math.max(0, index - 60), index)
      .toLowerCase()
      .match(/[\p{L}']+/gu) ?? []
  ).slice(-n);
}

/** The content word just before a date or time ("departs at 07:40" → "departs"). */
function wordBefore(text: string, index: number): string | null {
  const ws = wordsBefore(text, index, 4).filter((w) => !STOP.has(w));
  return ws.at(-1) ?? null;
}

const pad = (n: number): string => String(n).padStart(2, '0');
/** Relative expressions depend on the day the text was written: not a value to compare. */
const RELATIVE =
  /\b(ago|next|last|this|tomorrow|today|tonight|yesterday|in \d+|within|after|before|from now|for|days?|weeks?|months?|years?|hours?|minutes?)\b/i;

function dateKey(c: ParsedComponents): string {
  const md = `${pad(c.get('month') ?? 0)}-${pad(c.get('day') ?? 0)}`;
  return c.isCertain('year') ? `${c.get('year')}-${md}` : md;
}
const timeKey = (c: ParsedComponents): string => `${pad(c.get('hour') ?? 0)}:${pad(c.get('minute') ?? 0)}`;

function datesAndTimes(text: string, out: Value[]): void {
  let results: ReturnType<typeof chrono.parse>;
  try {
    results = chrono.parse(text, new Date(Date.UTC(2000, 0, 1)));
  } catch {
    return;
  }
  for (const r of results.slice(0, 200)) {
    if (RELATIVE.test(r.text)) continue;
    const s = r.start;
    const base = {
      text: r.text,
      phrase: r.text,
      numbers: [],
      bound: wordBefore(text, r.index),
      before: wordsBefore(text, r.index).join(' '),
      approximate: false,
      negated: false,
      index: r.index,
    };
    const e = r.end;
    if (s.isCertain('month') && s.isCertain('day')) {
      const end = e?.isCertain('day') ? { end: dateKey(e) } : {};
      out.push({ ...base, kind: 'date', key: dateKey(s), ...end });
    }
    if (s.isCertain('hour')) {
      const end = e?.isCertain('hour') ? { end: timeKey(e) } : {};
      out.push({ ...base, kind: 'time', key: timeKey(s), ...end });
    }
  }
}

/** Text at most this long is read: a reply or an argument is short, a 1 MB output is data. */
const SCAN_MAX = 20_000;

/** A phone number's comparable form: its digits ("+47 912 34 567" → 4791234567), as sources index it. */
export const phoneKey = (written: string): string => written.replace(/\D/g, '');

/** Where a value's key is written in a text: as written (case aside), or a phone number by its digits. */
export function locateKey(text: string, key: string): { index: number; written: string } | null {
  const i = text.toUpperCase().indexOf(key);
  if (i >= 0) return { index: i, written: text.slice(i, i + key.length) };
  if (/^\d+$/.test(key) && text.includes('+')) for (const m of text.matchAll(PHONE_RE)) if (phoneKey(m[0]) === key) return { index: m.index, written: m[0] };
  return null;
}

/** The checkable values of a text, in order of appearance. */
export function extractValues(input: string, { dates = true } = {}): Value[] {
  const text = input.slice(0, SCAN_MAX);
  const out: Value[] = [];
  const taken: Array<[number, number]> = [];
  const free = (a: number, b: number) => !taken.some(([x, y]) => a < y && b > x);
  for (const m of text.matchAll(EMAIL_RE)) {
    taken.push([m.index, m.index + m[0].length]);
    out.push(plain('email', m[0], m[0].toLowerCase(), text, m.index));
  }
  for (const m of text.matchAll(PHONE_RE)) {
    if (!free(m.index, m.index + m[0].length)) continue;
    taken.push([m.index, m.index + m[0].length]);
    out.push(plain('id', m[0], phoneKey(m[0]), text, m.index));
  }
  for (const m of text.matchAll(ID_RE)) {
    if (!free(m.index, m.index + m[0].length)) continue;
    taken.push([m.index, m.index + m[0].length]);
    out.push(plain('id', m[0], m[0].toUpperCase(), text, m.index));
  }
  if (dates) {
    const found: Value[] = [];
    datesAndTimes(text, found);
    for (const v of found) {
      if (!free(v.index, v.index + v.text.length)) continue;
      out.push(v);
    }
    for (const v of found) taken.push([v.index, v.index + v.text.length]);
  }
  for (const m of text.matchAll(QTY_RE)) {
    const end = m.index + m[0].length;
    if (!free(m.index, end)) continue;
    const raw = m[2] as string;
    if (!m[1] && YEAR.test(raw)) continue;
    let numbers = numberReadings(raw);
    const scale = m[3]?.trim();
    if (scale) numbers = [...numbers, ...numbers.map((v) => v * (/^k$/i.test(scale) ? 1e3 : /^m$/i.test(scale) ? 1e6 : 1e9))];
    const code = m[1] ? null : CODE_AFTER.exec(text.slice(end, end + 12));
    const after = nounAfter(text, code ? end + code[0].length : end);
    const noun = after?.noun ?? null;
    const currency = currencyCode(m[1] ?? code?.[1]);
    const bound = currency ? (noun ? `${currency} ${noun}` : currency) : noun;
    const prefix = text.slice(Math.max(0, m.index - 30), m.index);
    out.push({
      kind: 'quantity',
      text: m[0].trim(),
      phrase: text.slice(m.index, after?.end ?? (code ? end + code[0].length : end)).trim(),
      key: raw,
      numbers,
      bound,
      before: wordsBefore(text, m.index).join(' '),
      approximate: APPROX.test(prefix),
      negated: NEGATED.test(text.slice(sentenceStart(text, m.index, 80), m.index)),
      index: m.index,
    });
  }
  return out.sort((a, b) => a.index - b.index);
}

function currencyCode(written: string | undefined): string | undefined {
  const c = written?.trim().toUpperCase();
  if (!c) return undefined;
  if (c === '$' || c.startsWith('DOLLAR')) return 'USD';
  if (c === '€' || c.startsWith('EURO')) return 'EUR';
  if (c === '£' || c.startsWith('POUND')) return 'GBP';
  return c;
}

function plain(kind: ValueKind, written: string, key: string, text: string, index: number): Value {
  return {
    kind,
    text: written,
    phrase: written,
    key,
    numbers: [],
    bound: null,
    before: wordsBefore(text, index).join(' '),
    approximate: false,
    negated: false,
    index,
  };
}

/** A currency with no noun ("12 EUR"): says what unit, not what is priced (a fee, a total). */
export const currencyOnly = (v: Value): boolean => v.kind === 'quantity' && v.bound !== null && !v.bound.includes(' ') && /^[A-Z]{3}$/.test(v.bound);

/** Whether a date or time falls on, or inside the range of, another ("12 March" in "2-12 March"). */
export function within(a: Value, b: Value): boolean {
  const short = (k: string) => (a.kind === 'date' ? k.slice(-5) : k);
  const [x, lo, hi] = [short(a.key), short(b.key), short(b.end ?? b.key)];
  return lo <= hi ? x >= lo && x <= hi : x === lo || x === hi;
}

/** Damerau–Levenshtein distance (adjacent transpositions cost 1), stopping past `max`. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let rowMin = Number.POSITIVE_INFINITY;
    const row = d[i] as number[];
    const prev = d[i - 1] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, ((d[i - 2] as number[])[j - 2] as number) + 1);
      row[j] = v;
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
  }
  return (d[a.length] as number[])[b.length] as number;
}

/** How two spellings of an id differ, in words: "two digits swapped", "one character changed". */
export function howDiffers(wrongAsWritten: string, rightAsWritten: string): string {
  const wrong = wrongAsWritten.toUpperCase();
  const right = rightAsWritten.toUpperCase();
  if (wrong.length === right.length) {
    const diff = [...wrong].map((c, i) => (c === right[i] ? -1 : i)).filter((i) => i >= 0);
    if (diff.length === 2 && diff[1] === (diff[0] as number) + 1 && wrong[diff[0] as number] === right[diff[1] as number]) {
      return /\d/.test(wrong[diff[0] as number] ?? '') ? 'two digits swapped' : 'two characters swapped';
    }
    if (diff.length === 1) return /\d/.test(right[diff[0] as number] ?? '') ? 'one digit changed' : 'one character changed';
    if (diff.length === 2) return 'two characters changed';
  }
  if (wrong.length === right.length - 1) return 'one character missing';
  if (wrong.length === right.length + 1) return 'one character added';
  return 'a near spelling';
}
