/** Small statistics shared by triage's sections and the cohorts: nearest-rank percentiles. */

/** The q-quantile (0..1) of unsorted numbers, nearest rank; null for none. */
export function percentile(values: readonly number[], q: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] as number;
}

/** An epoch time as ISO 8601, null kept. */
export const isoOrNull = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
