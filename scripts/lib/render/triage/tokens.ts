/** Tokens per trace, under the latency: the median and its outliers. */
import { fmtInt } from '../format.js';
import type { TriageView } from './view.js';

export const tokensView: TriageView = (f, _run, follow) => {
  const t = f.tokens;
  if (t.median === null) return [];
  const outliers = t.outliers.length ? `; outliers: ${t.outliers.map((o) => `${o.traceId} ${fmtInt(o.total)}`).join(', ')}` : '; no outliers (≥ 5 × median)';
  return [{ name: 'latency', priority: 3, lines: [`  tokens: median ${fmtInt(t.median)} per trace${outliers}`], more: follow.json }];
};
