/** Traces still IN_PROGRESS, under the latency. */
import { fmtInt } from '../format.js';
import { paint } from '../style.js';
import type { TriageView } from './view.js';

export const inProgressView: TriageView = (f, _run, follow) => {
  const p = f.inProgress;
  const line = p.count
    ? `  ${paint.warn(`${fmtInt(p.count)} still IN_PROGRESS`)} (not finished, or their process died): ${p.newest.map((t) => t.traceId).join(', ')}`
    : '  IN_PROGRESS: none';
  return [{ name: 'latency', priority: 3, lines: [line], more: follow.json }];
};
