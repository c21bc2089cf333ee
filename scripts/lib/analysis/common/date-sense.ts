/**
 * The same end date in other words: "valid until", "runs until", "expires", "ends" and `end_date`
 * all name the day something stops, so a reply's "valid until 31 March 2027" speaks of the date a
 * source writes as `expires: 2026-12-31`. Only the end: a start ("valid from", "starts", "renews")
 * is another date, and a value with both kinds of word before it is neither.
 */
import type { Value } from './values.js';

const END_WORDS = new Set(['expire', 'expires', 'expired', 'expiring', 'expiry', 'expiration', 'end', 'ends', 'ending', 'lapse', 'lapses', 'until', 'till']);
const START_WORDS = new Set(['from', 'start', 'starts', 'starting', 'begin', 'begins', 'since', 'renew', 'renews', 'renewal', 'after', 'opens']);

/** A date said as the day something ends, by the three words before it. */
export function isEndDate(v: Value): boolean {
  if (v.kind !== 'date') return false;
  const words = v.before.split(' ');
  return !words.some((w) => START_WORDS.has(w)) && words.some((w) => END_WORDS.has(w));
}

/** Two dates both said as an end, in different words: the same thing, told by sense rather than by the word. */
export const sameEndSense = (a: Value, b: Value): boolean => isEndDate(a) && isEndDate(b);
