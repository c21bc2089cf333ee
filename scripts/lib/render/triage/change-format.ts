/** What the WHAT CHANGED lines share: times, keys, rates, money and token counts as they are printed. */
import type { Rate } from '../../analysis/changes/change-report.js';
import { fmtInt } from '../format.js';
import { shortTime } from './view.js';

/** A time as the whole triage prints it (ISO to the minute, Z for UTC: one zone, one format). */
export const t = (iso: string) => shortTime(iso);
export const at = (ms: number) => t(new Date(ms).toISOString());
/** "between A and B", or "at A" when both fall in the same printed minute. */
export const between = (fromMs: number, toMs: number) => (at(fromMs) === at(toMs) ? `at ${at(fromMs)}` : `between ${at(fromMs)} and ${at(toMs)}`);
/** A cohort key as the user wrote it (tags without their prefix). */
export const short = (key: string) => key.replace(/^tag\./, '');
/** "14/304 4.6%": counts, then the rate (a decimal only under 10 %). */
export const pct = (r: Rate) =>
  r.rate === null ? '–' : `${fmtInt(r.n)}/${fmtInt(r.of)} ${r.rate >= 0.1 || r.rate === 0 ? Math.round(r.rate * 100) : (r.rate * 100).toFixed(1)}%`;
export const usd = (n: number) => (n === 0 ? '$0' : n >= 1 ? `$${n.toFixed(2)}` : n >= 0.01 ? `$${n.toFixed(4)}` : `$${n.toPrecision(2)}`);
export const tok = (n: number | null) => (n === null ? '?' : fmtInt(Math.round(n)));
