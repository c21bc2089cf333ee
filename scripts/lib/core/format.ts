/** Small, pure text helpers shared by the renderers and the finding kinds (which write their own lines). */

export function fmtMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '?';
  // Sub-millisecond spans are common (tools, parsers): never print them as 0.00ms.
  if (ms <= 0) return '0ms';
  if (ms < 0.01) return '<0.01ms';
  if (ms < 0.1) return `${ms.toFixed(2)}ms`;
  if (ms < 1) return `${ms.toFixed(1)}ms`;
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)}s`;
  return `${Math.floor(ms / 60_000)}m${Math.round((ms % 60_000) / 1000)}s`;
}

export const fmtInt = (n: number | null | undefined): string => (n === null || n === undefined ? '?' : Math.round(n).toLocaleString('en-US'));

export function fmtValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === undefined) return 'undefined';
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/** One line: newlines and runs of spaces folded. */
export const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();

/**
 * Cuts a long value and says so: how much was cut and where the whole is. Nothing is ever
 * shortened without this marker.
 */
export function clip(text: string, max: number, whereWhole?: string): string {
  if (text.length <= max) return text;
  const cut = text.length - max;
  return `${text.slice(0, Math.max(0, max))}… [+${fmtInt(cut)} chars${whereWhole ? `; whole: ${whereWhole}` : ''}]`;
}

/**
 * `clip` for prose: the cut falls at the last space before `max` (not mid-word, unless the
 * text has no space in its last third), with the same marker.
 */
export function clipAtWord(text: string, max: number, whereWhole?: string): string {
  if (text.length <= max) return text;
  const space = text.lastIndexOf(' ', max);
  const kept = (space > max * 0.66 ? text.slice(0, space) : text.slice(0, Math.max(0, max))).trimEnd();
  return `${kept}… [+${fmtInt(text.length - kept.length)} chars${whereWhole ? `; whole: ${whereWhole}` : ''}]`;
}

/** Room kept either side of a value a cut keeps, and how many values one cut keeps. */
const KEEP_PAD = 30;
const KEEP_MAX = 3;

/**
 * `clip`, except that values a finding names (an id, "3 checked bags", a date) that the plain cut
 * would drop are kept, each in a window of its own, every gap saying how many chars it cut. The
 * values matter more than the bound: the line may pass `max` by the windows' width.
 */
export function clipKeeping(text: string, max: number, keep: readonly string[], whereWhole?: string): string {
  if (text.length <= max) return text;
  const windows = keptWindows(text, max, keep);
  if (!windows.length) return clip(text, max, whereWhole);
  const width = windows.reduce((a, [s, e]) => a + e - s, 0);
  const head = Math.max(0, Math.min(max - width, (windows[0] as [number, number])[0]));
  let out = text.slice(0, head);
  let pos = head;
  for (const [s, e] of windows) {
    const start = Math.max(s, pos);
    // A short gap is kept: its marker would be about as long.
    out += start - pos > 24 ? `… [${fmtInt(start - pos)} chars cut] …${text.slice(start, e)}` : text.slice(pos, e);
    pos = e;
  }
  const whole = whereWhole ? `; whole: ${whereWhole}` : '';
  if (pos < text.length) return `${out}… [+${fmtInt(text.length - pos)} chars${whole}]`;
  return whereWhole ? `${out} [whole: ${whereWhole}]` : out;
}

/** Windows around the first occurrence of each value the plain cut at `max` would drop, merged and in order. */
function keptWindows(text: string, max: number, keep: readonly string[]): Array<[number, number]> {
  const lower = text.toLowerCase();
  const spots: Array<[number, number]> = [];
  for (const v of new Set(keep.map((k) => k.trim().toLowerCase()))) {
    // A value shorter than 3 chars ("3") would match anywhere; a long one is prose, not a value.
    if (v.length < 3 || v.length > 80) continue;
    const at = lower.indexOf(v);
    if (at >= 0 && at + v.length > max) spots.push(toWords(text, Math.max(0, at - KEEP_PAD), Math.min(text.length, at + v.length + KEEP_PAD)));
  }
  spots.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const w of spots.slice(0, KEEP_MAX)) {
    const last = merged.at(-1);
    if (last && w[0] <= last[1]) last[1] = Math.max(last[1], w[1]);
    else merged.push([w[0], w[1]]);
  }
  return merged;
}

/** A window widened to whole words when a space is near (a dozen chars), so it neither starts nor ends mid-word. */
function toWords(text: string, start: number, end: number): [number, number] {
  const before = start > 0 ? text.lastIndexOf(' ', start) : -1;
  const after = end < text.length ? text.indexOf(' ', end) : -1;
  return [before >= 0 && start - before <= 12 ? before + 1 : start, after >= 0 && after - end <= 12 ? after : end];
}

/** A share (0–1) as a percentage: "<1%" and "100%" at the ends, "?" when unknown. */
export const pct = (x: number | null): string => (x === null ? '?' : x >= 0.995 ? '100%' : x < 0.01 ? '<1%' : `${Math.round(x * 100)}%`);

/** Two durations as one ("40ms" when they print the same, else "38ms–45ms"). */
export const msRange = (a: number, b: number): string => (fmtMs(a) === fmtMs(b) ? fmtMs(a) : `${fmtMs(a)}–${fmtMs(b)}`);

/**
 * An experiment as the user gave it, with the id it resolved to beside a name ("bank-helpdesk (id 1)");
 * an id (or nothing given) as the id alone. Follow-up commands echo `given` itself, so a name stays a name.
 */
export const experimentLabel = (given: string | null | undefined, id: string): string => (given && given !== id ? `${given} (id ${id})` : id);

export const plural = (n: number, one: string, many = `${one}s`): string => `${fmtInt(n)} ${n === 1 ? one : many}`;

/** Shell-quotes an argument for a command line shown to the user (never executed by us). */
export function shellArg(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * A ratio that reads right both ways: ×3.0 for a rise, ÷30.3 for a fall (×0.0 would hide a
 * thirty-fold drop), ×0.83 for a small fall; null for no ratio (a zero side).
 */
export function fmtRatio(to: number, from: number): string | null {
  if (!(from > 0) || !(to > 0)) return null;
  const r = to / from;
  if (r >= 0.995) return `×${r.toFixed(1)}`;
  return 1 / r >= 1.5 ? `÷${(1 / r).toFixed(1)}` : `×${r.toFixed(2)}`;
}
