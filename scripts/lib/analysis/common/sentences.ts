/**
 * Where a text's sentences start and end: the one splitter every quote and clause uses. A
 * sentence ends at ".", "!", "?" or "…" (closing quotes after it) before a space and a word that
 * is not in lower case, and at every line break. A title's full stop ("Dr. Aas") never ends one;
 * a known abbreviation's ("e.g.", "approx.", "no. 5") and an ellipsis end one only before a
 * capital. A decimal ("1.5") has no space after its point, so it never does.
 */

const TITLES = new Set(['dr', 'mr', 'mrs', 'ms', 'mx', 'st', 'prof', 'rev', 'hon', 'capt', 'sgt', 'lt', 'col', 'gen']);
const ABBREVIATIONS = new Set(['no', 'nr', 'approx', 'ca', 'vs', 'etc', 'e.g', 'i.e', 'cf', 'incl', 'excl', 'min', 'max', 'jr', 'sr']);
/** Sentence-ending punctuation and the quotes or brackets that close after it, before a space or the text's end; or a line break. */
const END = /[.!?…]+["'”’)\]]*(?=\s|$)|\n/gu;
/** How far a sentence is looked for on either side of a position by default. */
const REACH = 240;

export interface Bounds {
  /** Where the sentence starts (after the previous one's end and the spaces after it). */
  start: number;
  /** Where it ends: after its closing punctuation, at a line break, or at the reach. */
  end: number;
  /** Where the next sentence starts (after the spaces that follow `end`). */
  next: number;
}

/** Whether END's match ends a sentence; if it does, where it ends and where the next one starts. */
function endAt(text: string, m: RegExpExecArray): { end: number; next: number } | null {
  if (m[0] === '\n') return { end: m.index, next: m.index + 1 };
  const close = m.index + m[0].length;
  let next = close;
  while (next < text.length && /\s/.test(text[next] as string)) next++;
  const c = text[next];
  if (c === undefined || text.slice(close, next).includes('\n')) return { end: close, next };
  const capital = /\p{Lu}/u.test(c);
  const punct = m[0].replace(/["'”’)\]]+$/u, '');
  if (punct === '.') {
    const word = (/[\p{L}.]*$/u.exec(text.slice(Math.max(0, m.index - 12), m.index))?.[0] ?? '').replace(/^\.+/, '').toLowerCase();
    if (TITLES.has(word) || (ABBREVIATIONS.has(word) && !capital)) return null;
  }
  if ((punct.includes('..') || punct.includes('…')) && !/[!?]/.test(punct) && !capital) return null;
  return /\p{Ll}/u.test(c) ? null : { end: close, next };
}

/** The sentence ends between `from` and `to`, in order. */
function* endsBetween(text: string, from: number, to: number): Generator<{ end: number; next: number }> {
  const re = new RegExp(END.source, END.flags);
  re.lastIndex = from;
  for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) {
    const e = endAt(text, m);
    if (!e) continue;
    yield e;
    // A full stop then a line break is one end, not two.
    re.lastIndex = Math.max(re.lastIndex, e.next);
  }
}

/** Where the sentence holding `index` starts, looked for at most `reach` characters back. */
export function sentenceStart(text: string, index: number, reach = REACH): number {
  const from = Math.max(0, index - reach);
  let start = from;
  for (const e of endsBetween(text, from, index)) if (e.next <= index) start = e.next;
  return start;
}

/** The sentence holding `index`: its start and end at most `reach` characters away, and where the next one starts. */
export function sentenceBounds(text: string, index: number, reach = REACH): Bounds {
  const start = sentenceStart(text, index, reach);
  const limit = Math.min(text.length, index + reach);
  for (const e of endsBetween(text, index, limit)) return { start, end: Math.min(e.end, limit), next: e.next };
  return { start, end: limit, next: limit };
}

/** The sentence around a position, for quoting: at most 80 characters either side, trimmed. */
export function sentenceAt(text: string, index: number): string {
  const { start, end } = sentenceBounds(text, index, 80);
  return text.slice(start, end).trim();
}

/** Every sentence of a text, trimmed, in order (empty ones left out). */
export function sentencesOf(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (const e of endsBetween(text, 0, text.length)) {
    out.push(text.slice(start, e.end).trim());
    start = e.next;
  }
  out.push(text.slice(start).trim());
  return out.filter((s) => s !== '');
}
