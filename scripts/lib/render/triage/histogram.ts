/** FAILURES PER HOUR / DAY: traces and failures per bucket, with a bar. */
import { fmtInt } from '../format.js';
import { paint } from '../style.js';
import type { TriageView } from './view.js';

export const histogramView: TriageView = (f, _run, follow) => {
  const hist = f.histogram;
  if (hist.buckets.length <= 1) return [];
  const peak = Math.max(1, ...hist.buckets.map((b) => b.failures));
  const omitted = hist.omitted ? ` — the last ${hist.buckets.length}; ${fmtInt(hist.omitted)} older left out` : '';
  const lines = [paint.head(`FAILURES PER ${hist.unit.toUpperCase()} (UTC)`) + omitted, `  ${'start'.padEnd(hist.unit === 'hour' ? 16 : 10)}  traces  failed`];
  for (const b of hist.buckets) {
    const label = hist.unit === 'hour' ? b.start.slice(0, 16).replace('T', ' ') : b.start.slice(0, 10);
    const bar = '█'.repeat(Math.round((b.failures / peak) * 30));
    lines.push(`  ${label}  ${fmtInt(b.traces).padStart(6)}  ${fmtInt(b.failures).padStart(6)} ${paint.error(bar)}`);
  }
  return [{ name: 'histogram', priority: 4, lines, more: follow.json }];
};
