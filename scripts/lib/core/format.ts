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

/** A share (0–1) as a percentage: "<1%" and "100%" at the ends, "?" when unknown. */
export const pct = (x: number | null): string => (x === null ? '?' : x >= 0.995 ? '100%' : x < 0.01 ? '<1%' : `${Math.round(x * 100)}%`);

/** Two durations as one ("40ms" when they print the same, else "38ms–45ms"). */
export const msRange = (a: number, b: number): string => (fmtMs(a) === fmtMs(b) ? fmtMs(a) : `${fmtMs(a)}–${fmtMs(b)}`);

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
