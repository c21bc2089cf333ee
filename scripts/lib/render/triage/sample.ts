/** triage_traces beyond --limit: the older window, sampled by time slice, counts as estimates. */
import type { Estimate, SampleFindings } from '../../analysis/triage/sampling.js';
import type { Section } from '../budget.js';
import { fmtInt, fmtMs } from '../format.js';
import { paint } from '../style.js';
import { shortTime } from './view.js';

const minute = (ms: number) => shortTime(new Date(ms).toISOString());
const pct = (n: number, of: number) => (of ? `${Math.round((100 * n) / of)}%` : '—');

/** "1,204" when exact; "≈ 48,300 (46,900–49,700)" when extrapolated. */
export const estimateText = (e: Estimate): string => (e.exact ? fmtInt(e.n) : `≈ ${fmtInt(e.n)} (${fmtInt(e.lo)}–${fmtInt(e.hi)})`);

/** The whole window: the newest `read` (exact) plus the sampled part's estimate. */
export const windowEstimate = (read: number, s: SampleFindings): Estimate => ({
  n: read + s.traces.n,
  lo: read + s.traces.lo,
  hi: read + s.traces.hi,
  exact: s.traces.exact,
});

export function sampleSection(s: SampleFindings, read: number, more: string): Section {
  const sampled = s.slices.reduce((n, x) => n + x.read, 0);
  const lines = [
    paint.head(
      `EARLIER IN THE WINDOW — ${s.slices.length} equal time slices before the newest ${fmtInt(read)}` +
        (s.cap === null ? ', every trace counted (one search page held them all)' : `, sampled: the newest ≤ ${fmtInt(s.cap)} of each`),
    ),
    `  ${estimateText(s.traces)} traces from ${minute(s.fromMs)} to ${minute(s.toMs)}, ${fmtInt(sampled)} read` +
      (s.traces.exact ? ' (every slice read whole: exact)' : ''),
  ];
  if (!s.traces.exact)
    lines.push(
      '  ≈ a heuristic: a slice read only in part is extrapolated at the rate of its part read (steady traffic assumed); the range is a 95 % Poisson range',
    );
  lines.push(`  ${'slice start'.padEnd(17)}  ${'traces'.padEnd(24)}  ${'read'.padStart(5)}  errors  negative  p50`);
  for (const x of s.slices) {
    const negative = `${pct(x.negative, x.judged)}${x.judged ? ` of ${fmtInt(x.judged)}` : ''}`;
    const read = `${fmtInt(x.read).padStart(5)}  ${pct(x.errors, x.read).padStart(6)}  ${negative.padStart(8)}`;
    lines.push(`  ${minute(x.fromMs)}  ${estimateText(x.traces).padEnd(24)}  ${read}  ${fmtMs(x.p50Ms)}`);
  }
  lines.push(
    '  errors: of the traces read in the slice; negative: of those with a verdict. ' +
      'Failure clusters, verdicts and latency above are over the newest traces only.',
  );
  return { name: 'sample', priority: 3, lines, more };
}
