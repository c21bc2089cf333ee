import { SkillError, shown } from '../core/errors.js';

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

// ---------------------------------------------------------------------------------------------
// Typed filters for searches across many traces (triage_traces). Every value goes through
// quoteFilterValue; every key through filterKey; clauses are ANDed (MLflow has no OR).
// ---------------------------------------------------------------------------------------------

export type TraceStatus = 'OK' | 'ERROR' | 'IN_PROGRESS';

export interface TraceFilterSpec {
  /** request time ≥ this (ms since epoch) */
  sinceMs?: number;
  /** request time < this */
  untilMs?: number;
  status?: TraceStatus;
  /** execution time ≥ this many ms */
  minExecutionMs?: number;
  tags?: ReadonlyArray<readonly [string, string]>;
  metadata?: ReadonlyArray<readonly [string, string]>;
  user?: string;
  session?: string;
  /** some span has this name */
  spanName?: string;
  /** the root span's name (tag mlflow.traceName): one application of several in an experiment */
  traceName?: string;
  /** feedback NAME = VALUE */
  feedback?: ReadonlyArray<readonly [string, string]>;
  /** the user's own --filter text, ANDed as it is */
  raw?: string;
}

/** `tag.key`, or `tag.\`a.b\`` when the key is not a plain word; a key holding a backtick cannot be written. */
export function filterKey(prefix: string, key: string): string {
  if (!key) throw new SkillError('usage', `An empty ${prefix} key cannot be filtered on.`);
  if (/^\w+$/.test(key)) return `${prefix}.${key}`;
  if (key.includes('`')) throw new SkillError('usage', `The ${prefix} key ${shown(key)} contains a backtick, which MLflow's filter syntax cannot express.`);
  return `${prefix}.\`${key}\``;
}

export function buildTraceFilter(spec: TraceFilterSpec): string {
  const clauses: string[] = [];
  if (spec.sinceMs !== undefined) clauses.push(`trace.timestamp_ms >= ${Math.floor(spec.sinceMs)}`);
  if (spec.untilMs !== undefined) clauses.push(`trace.timestamp_ms < ${Math.ceil(spec.untilMs)}`);
  if (spec.status) clauses.push(`trace.status = ${quoteFilterValue(spec.status, 'status')}`);
  if (spec.minExecutionMs !== undefined) clauses.push(`trace.execution_time_ms >= ${Math.floor(spec.minExecutionMs)}`);
  for (const [k, v] of spec.tags ?? []) clauses.push(`${filterKey('tag', k)} = ${quoteFilterValue(v, `tag ${k} value`)}`);
  for (const [k, v] of spec.metadata ?? []) clauses.push(`${filterKey('metadata', k)} = ${quoteFilterValue(v, `metadata ${k} value`)}`);
  if (spec.user !== undefined) clauses.push(`metadata.\`mlflow.trace.user\` = ${quoteFilterValue(spec.user, 'user id')}`);
  if (spec.session !== undefined) clauses.push(sessionFilter(spec.session));
  if (spec.spanName !== undefined) clauses.push(`span.name = ${quoteFilterValue(spec.spanName, 'span name')}`);
  if (spec.traceName !== undefined) clauses.push(`${filterKey('tag', 'mlflow.traceName')} = ${quoteFilterValue(spec.traceName, 'trace name')}`);
  for (const [k, v] of spec.feedback ?? []) clauses.push(`${filterKey('feedback', k)} = ${quoteFilterValue(v, `feedback ${k} value`)}`);
  if (spec.raw?.trim()) clauses.push(spec.raw.trim());
  return clauses.join(' AND ');
}

/** `filter AND extra`, either side possibly empty. */
/** A search for these traces by id, or null when there are none or one is not a plain id (nothing to quote). */
export function traceIdsFilter(ids: readonly string[]): string | null {
  if (!ids.length || ids.some((id) => !/^[\w-]+$/.test(id))) return null;
  return `trace.request_id IN (${ids.map((id) => `'${id}'`).join(', ')})`;
}

export const andFilter = (...parts: Array<string | undefined | null>): string => parts.filter((p): p is string => !!p?.trim()).join(' AND ');

const UNIT_MS: Record<string, number> = { m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * `--since 24h | 7d | 30m | 2w | <ISO date or time>` → ms since epoch. A bare date is midnight
 * UTC; a time without a zone is UTC too, so the same command means the same window anywhere.
 */
export function parseTimeArg(value: string, flag: string, nowMs: number): number {
  const v = value.trim();
  const d = /^(\d+(?:\.\d+)?)\s*(m|min|h|d|w)$/i.exec(v);
  const hint = `e.g. ${flag} 24h, ${flag} 7d or ${flag} 2026-11-20T09:00Z (a bare date is midnight UTC).`;
  let t = Number.NaN;
  if (d) t = Math.round(nowMs - Number(d[1]) * (UNIT_MS[(d[2] as string).toLowerCase()] as number));
  else if (/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(v)) {
    const iso = v.replace(' ', 'T');
    const zoned = /(Z|[+-]\d{2}:?\d{2})$/.test(iso) || !iso.includes('T') ? iso : `${iso}Z`;
    t = Date.parse(iso.includes('T') ? zoned : `${iso}T00:00:00Z`);
  } else
    throw new SkillError('usage', `${flag} ${shown(value)} is neither a duration (30m, 24h, 7d, 2w) nor a date (2026-11-20 or 2026-11-20T09:00Z).`, { hint });
  if (!Number.isFinite(t))
    throw new SkillError('usage', `${flag} ${shown(value)} is neither a duration (30m, 24h, 7d, 2w) nor a date (2026-11-20 or 2026-11-20T09:00Z).`, { hint });
  // A timestamp before 1970 would reach mlflow as a negative number: no trace is that old.
  if (t < 0) throw new SkillError('usage', `${flag} ${shown(value)} reaches back before 1970, older than any trace.`, { hint });
  return t;
}

/**
 * `--since` on the session scripts: the same parser as triage's. Stores without an index on the
 * session key scan their whole history for a session search; a bound keeps that scan small.
 */
export const parseSince = (value: string, nowMs = Date.now()): number => parseTimeArg(value, '--since', nowMs);

/** The filter clause for traces that started at or after `sinceMs`. */
export const sinceFilter = (sinceMs: number): string => `trace.timestamp_ms >= ${Math.floor(sinceMs)}`;
