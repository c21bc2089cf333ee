import { SkillError } from '../errors.js';

/**
 * The filter that selects a session's traces. MLflow's filter parser strips one pair of outer
 * quotes and never unescapes, so a value is single-quoted unless it contains `'`, then
 * double-quoted; a value with both cannot be expressed at all. The key has dots, so backticks.
 */
export function sessionFilter(sessionId: string): string {
  return `metadata.\`mlflow.trace.session\` = ${quoteFilterValue(sessionId, 'session id')}`;
}

export function quoteFilterValue(value: string, what: string): string {
  if (!value.includes("'")) return `'${value}'`;
  if (!value.includes('"')) return `"${value}"`;
  throw new SkillError('usage', `This ${what} contains both ' and " quotes, which MLflow's filter syntax cannot express.`, {
    hint: 'Find the traces another way (e.g. `mlflow traces search -x <EXPERIMENT_ID>`), then analyse them one by one with inspect_turn.',
  });
}

const UNIT_MS: Record<string, number> = { m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * `--since`: a time bound for searches, as an age (`30m`, `24h`, `7d`, `2w`) or an ISO date or
 * date-time (`2026-11-20`, `2026-11-20T10:00:00Z`). Returns the bound in epoch milliseconds.
 * Stores without an index on the session key scan their whole history for a session search; a
 * bound keeps that scan (and the answer) small.
 */
export function parseSince(value: string, now = Date.now()): number {
  const v = value.trim();
  const age = /^(\d+(?:\.\d+)?)\s*(m|min|h|d|w)$/i.exec(v);
  if (age) return Math.round(now - Number(age[1]) * (UNIT_MS[(age[2] as string).toLowerCase()] as number));
  if (/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(v)) {
    const ms = Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v);
    if (Number.isFinite(ms)) return ms;
  }
  throw new SkillError('usage', `--since takes an age like 24h, 7d, 30m, 2w or an ISO date like 2026-11-20, not ${JSON.stringify(value)}.`, {
    hint: 'For example --since 7d: only traces from the last 7 days.',
  });
}

/** The filter clause for traces that started at or after `sinceMs`. */
export const sinceFilter = (sinceMs: number): string => `attributes.timestamp_ms >= ${Math.floor(sinceMs)}`;

/** Filter clauses joined with AND (empty ones dropped). */
export const andFilters = (...clauses: Array<string | undefined | null>): string => clauses.filter((c): c is string => !!c).join(' AND ');
