/**
 * A date worked out from words relative to today: "tomorrow" in a message and "Today is Monday
 * 07 December 2026" in the system prompt give 2026-12-08. Agents resolve such words all the time,
 * so a date argument that no source writes out may still come from the conversation.
 */
import type { Value } from './values.js';

/** Words that name a day by its distance from today (the longest first: "the day after tomorrow" is not "tomorrow"). */
const RELATIVE_DAYS: ReadonlyArray<readonly [RegExp, number]> = [
  [/\bthe day after tomorrow\b/i, 2],
  [/\bthe day before yesterday\b/i, -2],
  [/\b(?<!after )tomorrow\b/i, 1],
  [/\b(?<!before )yesterday\b/i, -1],
  [/\b(today|tonight|this (morning|afternoon|evening))\b/i, 0],
];

/** Every day-relative phrase of a text (its first place) with its offset in days. */
export function relativeDays(text: string): Array<{ phrase: string; days: number; index: number }> {
  const out: Array<{ phrase: string; days: number; index: number }> = [];
  for (const [re, days] of RELATIVE_DAYS) {
    const m = re.exec(text);
    if (m) out.push({ phrase: m[0], days, index: m.index });
  }
  return out;
}

/** A full date said as today ("Today is …", "today's date: …"), among a text's values. */
export const isToday = (v: Value): boolean => v.kind === 'date' && /^\d{4}-/.test(v.key) && v.before.split(' ').some((w) => w === 'today' || w === "today's");

/** `YYYY-MM-DD` moved by whole days (UTC calendar arithmetic). */
export function addDays(key: string, days: number): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days));
  return d.toISOString().slice(0, 10);
}
