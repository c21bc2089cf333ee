/** The time window a many-trace view read, stated once in its header and in --json: what "now" was, in UTC. */

export interface WindowBounds {
  sinceMs?: number;
  untilMs?: number;
  /** The run's clock that --since 7d counted back from; absent for a saved file, which has no "now". */
  nowMs?: number;
  /** --since / --until as the user typed them, e.g. ['--since', '7d']. */
  flags: string[];
}

const minute = (ms: number): string => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

/** "2026-12-01 01:40 → now, 2026-12-08 01:40 UTC (--since 7d)"; null with neither bound (no window to state). */
export function windowText(w: WindowBounds): string | null {
  if (w.sinceMs === undefined && w.untilMs === undefined) return null;
  const endMs = w.untilMs ?? w.nowMs;
  const start = w.sinceMs === undefined ? 'the first trace' : `${minute(w.sinceMs)}${endMs === undefined ? ' UTC' : ''}`;
  // The end is this run's clock when only --since was given: named, so "the last 2 days" can be checked against it.
  const now = w.untilMs === undefined && w.nowMs !== undefined ? 'now, ' : '';
  const end = endMs === undefined ? "the file's last trace" : `${now}${minute(endMs)} UTC`;
  return `${start} → ${end} (${w.flags.join(' ')})`;
}

/**
 * The same for --json, as `bounds` (triage_traces' `window` is the first and last trace read):
 * ISO strings, null when not given; `now` null for a saved file.
 */
export function windowJson(w: WindowBounds): { since: string | null; until: string | null; now: string | null } {
  const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());
  return { since: iso(w.sinceMs), until: iso(w.untilMs), now: iso(w.nowMs) };
}

/** The header line of the sessions views, indented under their head line; none with neither bound. */
export const windowLines = (w: WindowBounds | undefined): string[] => {
  const t = w && windowText(w);
  return t ? [`  window: ${t}`] : [];
};
