/** FAILURES: clusters by culprit span, exception and fingerprint, with what the failing span received; CAUGHT FAILURES apart. */
import type { FailureCluster } from '../../analysis/triage/failure-clusters.js';
import type { InputSource } from '../../analysis/triage/input-sources.js';
import type { InputKeySummary } from '../../analysis/triage/input-tally.js';
import { traceLink } from '../../mlflow/links.js';
import { clip, fmtInt, oneLine, plural } from '../format.js';
import { paint } from '../style.js';
import { overRepLine, pct, shortTime, type TriageFollow, type TriageRun, type TriageView } from './view.js';

/**
 * What the failing span received across the cluster, for one input key: one value everywhere (a
 * likely trigger to try), or many (then it says the input is not what fails: the one judgement,
 * made only when the values are at least half as many as the failures).
 */
export function inputLine(s: InputKeySummary): string {
  const top = s.top[0];
  if (!top) return '';
  const v = clip(top.value, 60);
  const ok = !s.ok ? '' : s.ok.traces ? `; in ${fmtInt(s.ok.withTop)} of ${fmtInt(s.ok.traces)} OK calls read` : ' (no OK call read to compare)';
  if (s.distinct === 1) return `input ${s.key} = ${v} in all ${fmtInt(s.traces)}${ok}`;
  const distinct = `${s.capped ? 'over ' : ''}${fmtInt(s.distinct)} different values`;
  if (top.count * 2 >= s.traces && top.count >= 3) return `input ${s.key} = ${v} in ${fmtInt(top.count)} of ${fmtInt(s.traces)} (${distinct} in all)${ok}`;
  const eg = s.top.map((t) => `${clip(t.value, 40)}${t.count > 1 ? ` ×${t.count}` : ''}`).join(', ');
  return `input ${s.key}: ${distinct} in ${fmtInt(s.traces)} (e.g. ${eg})${s.distinct * 2 >= s.traces ? ': it fails on many inputs, not one' : ''}`;
}

/** A value OK calls of the span have (nearly) as often as the failures: not what fails. */
const sharedWithOk = (s: InputKeySummary): boolean => {
  const top = s.top[0];
  return !!top && !!s.ok && s.ok.traces >= 3 && top.count >= 0.9 * s.traces && s.ok.withTop >= 0.9 * s.ok.traces;
};

/** The two most telling input keys; the ones OK calls share, named on one line. */
export function inputLines(inputs: readonly InputKeySummary[]): string[] {
  const shared = inputs.filter(sharedWithOk);
  const lines = inputs
    .filter((s) => !sharedWithOk(s))
    .slice(0, 2)
    .map((s) => `     ${inputLine(s)}`);
  if (shared.length)
    lines.push(
      `     same in the OK calls read (not what fails): ${shared
        .slice(0, 4)
        .map((s) => `${s.key} = ${clip(s.top[0]?.value ?? '', 30)}`)
        .join(', ')}`,
    );
  return lines;
}

/**
 * How the failing span's inputs were made from earlier outputs (a total × 100 sent as minor
 * units): the data path an agent would otherwise rebuild from the raw spans.
 */
export function sourceLines(sources: readonly InputSource[]): string[] {
  if (!sources.length) return [];
  const one = (s: InputSource) => {
    const other = s.okSource ? `, where ${s.key} ${clip(s.okSource.source, 80)} (${fmtInt(s.okSource.holds)})` : '';
    const ok = s.ok ? `; ${fmtInt(s.ok.holds)} of ${fmtInt(s.ok.of)} OK calls read${other}` : '';
    return `       ${s.key} ${clip(s.source, 80)}: ${s.holds === s.of ? `all ${fmtInt(s.of)}` : `${fmtInt(s.holds)} of ${fmtInt(s.of)}`} failing${ok}`;
  };
  return ['     made from earlier outputs (the same value in each trace; a heuristic):', ...sources.slice(0, 3).map(one)];
}

/** An OK call that received the failures' telling value: the pair that shows what else differs. */
export function okPairLine(c: FailureCluster, follow: TriageFollow): string[] {
  // The failures' telling value first; else any value of theirs an OK call also had.
  const s =
    c.inputs.find((k) => !sharedWithOk(k) && k.ok?.example && k.top[0] && k.top[0].count * 2 >= k.traces) ??
    c.inputs.find((k) => !sharedWithOk(k) && k.ok?.example && k.top[0]);
  if (!s?.ok?.example) return [];
  // Beside a failure that had the same value, else the newest.
  const failing = s.example ?? c.newest.traceId;
  const which = s.example ? 'a failure with the same value' : 'the newest failure';
  return [`     an OK call with ${s.key} = ${clip(s.top[0]?.value ?? '', 40)} beside ${which}: ${follow.compare(s.ok.example, failing)}`];
}

/** Clusters merged because their messages differ in one word: that word, per variant. */
export function variantLine(c: FailureCluster): string {
  const words = c.variants.slice(0, 6).map((v) => `${clip(v.word, 30)} ${fmtInt(v.count)}`);
  const more = c.variants.length > 6 ? `, … ${c.variants.length - 6} more` : '';
  return `one failure, one word varies (messages otherwise alike): ${words.join(', ')}${more}`;
}

/**
 * A cluster whose first trace is the oldest one read may be older: the limit cut it there, or the
 * window's start (--since), or the traces themselves begin with it.
 */
export function startsAtCut(c: FailureCluster, first: string | null, run: Pick<TriageRun, 'more' | 'filter'>): string {
  if (!first || c.firstSeen !== first) return '';
  if (run.more) return ' (from the oldest trace read: it may have begun earlier; EARLIER IN THE WINDOW, or --limit 0)';
  return /timestamp_ms\s*>=/.test(run.filter)
    ? " (from the window's first trace: a wider --since looks further back)"
    : ' (from the oldest matching trace: none is older, so it may predate the traces)';
}

function clusterLines(c: FailureCluster, i: number, follow: TriageFollow, run: TriageRun, first: string | null): string[] {
  const what = `${c.span ?? '(no span)'}${c.spanType ? ` [${c.spanType}]` : ''}${c.exceptionType ? ` ${c.exceptionType}` : ''}`;
  const lines = [
    `  ${i + 1}. ${paint.error(`${fmtInt(c.count)} traces`)} (${pct(c.share)}) ${what}: ${clip(c.fingerprint, 200)}`,
    `     e.g. ${JSON.stringify(clip(oneLine(c.example), 200))}`,
    `     seen ${shortTime(c.firstSeen)} … ${shortTime(c.lastSeen)}${startsAtCut(c, first, run)}`,
  ];
  if (c.variants.length) lines.push(`     ${variantLine(c)}`);
  for (const o of c.overRepresented.slice(0, 3)) lines.push(`     ${paint.warn('over-represented')} ${overRepLine(o)}`);
  // Under 3 traces, one value everywhere says nothing.
  if (c.count >= 3) lines.push(...inputLines(c.inputs), ...sourceLines(c.sources), ...okPairLine(c, follow));
  lines.push(`     newest ${c.newest.traceId}: ${follow.inspect(c.newest.traceId)}`);
  const link = traceLink(run.experimentId, c.newest.traceId);
  if (link) lines.push(`     MLflow UI: ${link}`);
  if (c.oldest.traceId !== c.newest.traceId) lines.push(`     oldest ${c.oldest.traceId} (${shortTime(c.oldest.time)})`);
  return lines;
}

export const failuresView: TriageView = (f, run, follow) => {
  // Failures first: the question asked most.
  const fail: string[] = [];
  if (!f.failing.count) fail.push(paint.head('FAILURES — none (no trace in state ERROR)'));
  else {
    const share = pct(f.failing.count / Math.max(1, f.traces));
    fail.push(
      paint.head(`FAILURES — ${plural(f.failing.count, 'failing trace')} (${share} of those read) in ${plural(f.clusters.length, 'cluster')}`) +
        ' by deepest failing span, exception and message fingerprint',
    );
    if (f.unclustered > 0) {
      const bound = `(bound ${fmtInt(run.failingSpanBound)})`;
      fail.push(
        paint.warn(
          `  spans read for the newest ${fmtInt(f.failing.spansRead)} failing traces only ${bound}; ${fmtInt(f.unclustered)} more are counted, not clustered`,
        ),
      );
    }
    f.clusters.forEach((c, i) => fail.push(...clusterLines(c, i, follow, run, f.window.first)));
  }
  if (f.caught.clusters.length) {
    fail.push(
      paint.head(
        `CAUGHT FAILURES — failed spans inside OK traces (the app handled them), over the ${fmtInt(f.caught.okTracesRead)} OK traces whose spans were read`,
      ),
    );
    f.caught.clusters
      .slice(0, 5)
      .forEach((c, i) => fail.push(...clusterLines(c, i, follow, run, null).map((l, j) => (j === 0 ? l.replace(/traces/, 'traces, caught') : l))));
  }
  return [{ name: 'failures', priority: 1, lines: fail, more: follow.json }];
};
