/** The header: experiment, traces read and their window, the filter, states; what the limit cut; a silence at the window's end. */
import type { FigureSource } from '../../analysis/triage/server-figures.js';
import type { Overview } from '../../analysis/triage/sections/overview.js';
import { experimentLabel, fmtInt, plural } from '../format.js';
import { paint } from '../style.js';
import { windowText } from '../window-line.js';
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
  // On the metrics path the server counted the window: figuresLines says what the sample read covers.
  if (!run.more || run.server?.path === 'server') return null;
  const of = run.totalKnown !== null ? `of ${fmtInt(run.totalKnown)} matching` : `of more than ${fmtInt(run.read)} matching`;
  const rest = run.sampled ? ' and a sample of the earlier window (EARLIER IN THE WINDOW)' : '';
  return `Read the newest ${fmtInt(run.read)} ${of} (--limit ${fmtInt(run.limit ?? run.read)})${rest}; --limit 0 for all: ${follow.all}`;
}

const FIGURE_WORDS: Record<FigureSource['figure'], string> = {
  traces: 'traces per state',
  latency: 'latency p50/p95/max',
  tokens: 'median tokens',
  costPerDay: 'cost per day',
  costByModel: 'cost per model',
  assessments: 'assessments per name',
  verdictTotals: 'positive and negative feedback per name',
};

/**
 * Which path answered: on the metrics path, the server's figures over the whole window and what
 * the traces read still give; a figure it declined, and why. Silent when no server was involved.
 */
export function figuresLines(run: TriageRun, follow: TriageFollow): string[] {
  const s = run.server;
  if (!s) return [];
  if (s.path === 'paging')
    return s.why && !/^the tracking URI is (a local|no MLFLOW)/.test(s.why) ? [`Every figure from the traces read, page by page: ${s.why}.`] : [];
  const served = s.figures.filter((x) => x.path === 'server').map((x) => FIGURE_WORDS[x.figure]);
  const lines = [
    `From the tracking server's metrics endpoint (${plural(s.requests, 'request')}), over all ${fmtInt(s.traces ?? 0)} matching traces: ${served.join(', ')}.`,
    `Clusters, verdicts, the slow tail, token outliers and what changed: the newest ${fmtInt(run.read)} read` +
      `${run.more ? ` (every trace, page by page: ${follow.paging ?? follow.all})` : ''}.`,
  ];
  for (const x of s.figures.filter((y) => y.path === 'paging')) lines.push(`${FIGURE_WORDS[x.figure]} from the traces read instead: ${x.why}`);
  return lines;
}

/**
 * The server's feedback per name over the window, every source together, and where the split by
 * source is instead (the verdicts of the traces read): each figure says whether it is split.
 */
export function verdictTotalsLines(v: Overview['verdictTotals'], run: TriageRun): string[] {
  const names = Object.entries(v?.perName ?? {}).filter(([, t]) => t.judged > 0);
  if (!v || !names.length) return [];
  const per = names
    .sort((a, b) => b[1].negative - a[1].negative || b[1].judged - a[1].judged)
    .slice(0, 6)
    .map(([n, t]) => `${n} ${fmtInt(t.negative)} negative, ${fmtInt(t.positive)} positive of ${fmtInt(t.judged)}`)
    .join(' · ');
  const more = names.length > 6 ? ` · … ${names.length - 6} more (--json)` : '';
  const unsplit = v.bySource.filter((x) => !x.split).map((x) => (x.figure === 'assessments' ? 'assessments logged' : 'feedback'));
  const why = v.bySource.find((x) => !x.split)?.why;
  return [
    `Feedback over the window: ${per}${more}`,
    paint.dim(
      `  ${unsplit.join(' and ')}: every source together (HUMAN, LLM_JUDGE and CODE not apart): ${why}; ` +
        `by source: NEGATIVE VERDICTS, over the newest ${fmtInt(run.read)} read`,
    ),
  ];
}

/** --source is no store filter: said beside the filter, with what it left out. */
function sourceNote(run: TriageRun): string {
  if (!run.source) return '';
  const traces = run.filter.includes('feedback.') ? ', and traces where the feedback asked for came from another source' : '';
  return ` · verdicts from ${run.source} only (--source: other sources' feedback left out${traces})`;
}

export const overviewView: TriageView = (f, run, follow) => {
  const counted = run.server?.path === 'server';
  const windowStated = run.window && windowText(run.window);
  const header = [
    paint.head(`TRIAGE — experiment ${experimentLabel(run.given, run.experimentId)}: ${plural(f.traces, 'trace')} ${counted ? 'in the window' : 'read'}`) +
      (f.window.first ? ` (${shortTime(f.window.first)} … ${shortTime(f.window.last)})` : ''),
    ...(windowStated ? [`Window: ${windowStated}`] : []),
    `Filter: ${run.filter || '(none: every trace of the experiment)'}${sourceNote(run)}`,
    `States: ${Object.entries(f.states)
      .sort((a, b) => b[1] - a[1])
      .map(([s, n]) => `${s} ${fmtInt(n)}`)
      .join(' · ')}`,
  ];
  if (f.assessments && Object.keys(f.assessments).length)
    header.push(
      `Assessments logged: ${Object.entries(f.assessments)
        .sort((a, b) => b[1] - a[1])
        .map(([n, c]) => `${n} ${fmtInt(c)}`)
        .join(' · ')}`,
    );
  header.push(...verdictTotalsLines(f.verdictTotals, run));
  header.push(...figuresLines(run, follow).map((l) => paint.dim(l)));
  const cut = cutLine(run, follow);
  if (cut) header.push(paint.warn(cut));
  const silence = silenceLine(run);
  if (silence) header.push(paint.warn(silence));
  return [{ name: 'header', priority: 0, lines: header }];
};
