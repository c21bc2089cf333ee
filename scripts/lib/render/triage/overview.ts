/** The header: experiment, traces read and their window, the filter, states; what the limit cut; a silence at the window's end. */
import { fmtInt, plural } from '../format.js';
import { paint } from '../style.js';
import { shortTime, type TriageFollow, type TriageRun, type TriageView } from './view.js';

/**
 * "Is it still failing now?" needs to know that nothing arrived lately: said when the window
 * runs to now and its newest trace is over an hour old and over a tenth of the window.
 */
export function silenceLine(run: TriageRun): string | null {
  const quiet = run.silentForMs;
  if (quiet === null || run.windowMs === null || quiet < 3_600_000 || quiet < run.windowMs / 10) return null;
  const hours = quiet / 3_600_000;
  const ago = hours < 48 ? `${Math.round(hours)} h` : `${Math.round(hours / 24)} days`;
  // A filter beyond the time bound (an old release, a feedback value) can be silent while the app logs on.
  const narrowed = run.filter.split(' AND ').some((c) => c.trim() && !c.trim().startsWith('trace.timestamp_ms'));
  if (narrowed)
    return (
      `No matching trace in the last ${ago}: the newest is ${ago} old ` +
      '(the filter selects only some traces; drop it to see whether the application still logs).'
    );
  return `No trace in the last ${ago}: the newest matching trace is ${ago} old. Is the application still running and logging to this experiment?`;
}

export function cutLine(run: TriageRun, follow: TriageFollow): string | null {
  if (!run.more) return null;
  const of = run.totalKnown !== null ? `of ${fmtInt(run.totalKnown)} matching` : `of more than ${fmtInt(run.read)} matching`;
  const rest = run.sampled ? ' and a sample of the earlier window (EARLIER IN THE WINDOW)' : '';
  return `Read the newest ${fmtInt(run.read)} ${of} (--limit ${fmtInt(run.limit ?? run.read)})${rest}; --limit 0 for all: ${follow.all}`;
}

export const overviewView: TriageView = (f, run, follow) => {
  const header = [
    paint.head(`TRIAGE — experiment ${run.experimentId}: ${plural(f.traces, 'trace')} read`) +
      (f.window.first ? ` (${shortTime(f.window.first)} … ${shortTime(f.window.last)})` : ''),
    `Filter: ${run.filter || '(none: every trace of the experiment)'}`,
    `States: ${Object.entries(f.states)
      .sort((a, b) => b[1] - a[1])
      .map(([s, n]) => `${s} ${fmtInt(n)}`)
      .join(' · ')}`,
  ];
  const cut = cutLine(run, follow);
  if (cut) header.push(paint.warn(cut));
  const silence = silenceLine(run);
  if (silence) header.push(paint.warn(silence));
  return [{ name: 'header', priority: 0, lines: header }];
};
