/** The one line that says an answer came from the trace cache, and how old it is. */
import type { CacheStatus } from '../mlflow/cache.js';

export function fmtAge(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/** Nothing when mlflow was asked just now (or not at all: --from-file). */
export function cacheLines(status: CacheStatus | null): string[] {
  if (!status || (!status.hit && !status.partial)) return [];
  const what = status.hit ? 'from cache: fetched' : 'partly from cache: oldest part fetched';
  return [`(${what} ${fmtAge(status.ageS)} ago; --fresh to refetch)`];
}
