/** triage_traces' screen: what fails, how often, since when, what it correlates with; verdicts; latency. */
import { traceLink } from '../mlflow/links.js';
import type { FailureCluster, OverRepresented, TriageFindings } from '../analysis/triage/clusters.js';
import type { InputKeySummary } from '../analysis/triage/input-tally.js';
import type { InputSource } from '../analysis/triage/input-sources.js';
import type { Section } from './budget.js';
import { clip, fmtInt, fmtMs, oneLine, plural } from './format.js';
import { paint } from './style.js';

export interface TriageRun {
  experimentId: string;
  filter: string;
  /** What the limit cut: traces read, and how many matched when known. */
  read: number;
  limit: number | null;
  more: boolean;
  totalKnown: number | null;
  /** The older window was sampled by time slice (render/sample-view.ts). */
  sampled: boolean;
  /** With --since and no --until, the window ends now: how long before now its newest trace was. */
  silentForMs: number | null;
  /** The window asked for (--since to now), to weigh that silence against. */
  windowMs: number | null;
  failingSpanBound: number;
  slowSpanBound: number;
  mlflowCalls: number;
}

export interface TriageFollow {
  inspect: (traceId: string) => string;
  compare: (a: string, b: string) => string;
  all: string;
  json: string;
}

const pct = (x: number) => `${x >= 0.1 || x === 0 ? Math.round(x * 100) : (x * 100).toFixed(1)}%`;
const shortTime = (iso: string | null) => (iso ? iso.replace(/:\d{2}\.\d{3}Z$/, 'Z').replace(/\.\d{3}Z$/, 'Z') : '?');

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

export function overRepLine(o: OverRepresented): string {
  return `${o.key}=${o.value}: ${fmtInt(o.inCluster)} of ${fmtInt(o.clusterSize)} here, ${pct(o.overallShare)} overall`;
}

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
    return `No matching trace in the last ${ago}: the newest is ${ago} old (the filter selects only some traces; drop it to see whether the application still logs).`;
  return `No trace in the last ${ago}: the newest matching trace is ${ago} old. Is the application still running and logging to this experiment?`;
}

export function cutLine(run: TriageRun, follow: TriageFollow): string | null {
  if (!run.more) return null;
  const of = run.totalKnown !== null ? `of ${fmtInt(run.totalKnown)} matching` : `of more than ${fmtInt(run.read)} matching`;
  const rest = run.sampled ? ' and a sample of the earlier window (EARLIER IN THE WINDOW)' : '';
  return `Read the newest ${fmtInt(run.read)} ${of} (--limit ${fmtInt(run.limit ?? run.read)})${rest}; --limit 0 for all: ${follow.all}`;
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

export function triageSections(f: TriageFindings, run: TriageRun, follow: TriageFollow): Section[] {
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
  const sections: Section[] = [{ name: 'header', priority: 0, lines: header }];

  // Failures first: the question asked most.
  const fail: string[] = [];
  if (!f.failing.count) fail.push(paint.head('FAILURES — none (no trace in state ERROR)'));
  else {
    fail.push(
      paint.head(
        `FAILURES — ${plural(f.failing.count, 'failing trace')} (${pct(f.failing.count / Math.max(1, f.traces))} of those read) in ${plural(f.clusters.length, 'cluster')}`,
      ) + ' by deepest failing span, exception and message fingerprint',
    );
    if (f.unclustered > 0)
      fail.push(
        paint.warn(
          `  spans read for the newest ${fmtInt(f.failing.spansRead)} failing traces only (bound ${fmtInt(run.failingSpanBound)}); ${fmtInt(f.unclustered)} more are counted, not clustered`,
        ),
      );
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
  sections.push({ name: 'failures', priority: 1, lines: fail, more: follow.json });

  const hist = f.histogram;
  if (hist.buckets.length > 1) {
    const peak = Math.max(1, ...hist.buckets.map((b) => b.failures));
    const lines = [
      paint.head(`FAILURES PER ${hist.unit.toUpperCase()} (UTC)`) +
        (hist.omitted ? ` — the last ${hist.buckets.length}; ${fmtInt(hist.omitted)} older left out` : ''),
    ];
    lines.push(`  ${'start'.padEnd(hist.unit === 'hour' ? 16 : 10)}  traces  failed`);
    for (const b of hist.buckets) {
      const label = hist.unit === 'hour' ? b.start.slice(0, 16).replace('T', ' ') : b.start.slice(0, 10);
      const bar = '█'.repeat(Math.round((b.failures / peak) * 30));
      lines.push(`  ${label}  ${fmtInt(b.traces).padStart(6)}  ${fmtInt(b.failures).padStart(6)} ${paint.error(bar)}`);
    }
    sections.push({ name: 'histogram', priority: 4, lines, more: follow.json });
  }

  const v: string[] = [];
  if (f.verdicts.length) {
    v.push(paint.head(`NEGATIVE VERDICTS — ${plural(f.verdicts.length, 'assessment')} with negative values`));
    for (const c of f.verdicts) {
      const values = c.values
        .slice(0, 3)
        .map((x) => `${x.value} ×${fmtInt(x.count)}`)
        .join(', ');
      v.push(`  ${paint.warn(c.name)}: ${plural(c.count, 'negative verdict')} (${values})`);
      for (const r of c.rationales.slice(0, 3))
        v.push(`     rationale ×${fmtInt(r.count)}: ${JSON.stringify(clip(oneLine(r.text), 200))} (newest ${r.newest})`);
      if (c.rationales.length > 3) v.push(`     … more rationales: ${follow.json}`);
      for (const o of c.overRepresented.slice(0, 2)) v.push(`     over-represented ${overRepLine(o)}`);
      v.push(`     newest ${c.newest.traceId}: ${follow.inspect(c.newest.traceId)}`);
      const link = traceLink(run.experimentId, c.newest.traceId);
      if (link) v.push(`     MLflow UI: ${link}`);
    }
  } else v.push(paint.head('NEGATIVE VERDICTS — none among the traces read'));
  if (f.judgeFailures.length) {
    v.push(
      paint.head(
        `JUDGE FAILURES — ${plural(
          f.judgeFailures.reduce((s, g) => s + g.count, 0),
          'scorer error',
        )}: the judge failed, not the trace (not counted as failures)`,
      ),
    );
    for (const g of f.judgeFailures)
      v.push(`  ${g.name} ${g.code} ×${fmtInt(g.count)} — ${JSON.stringify(clip(oneLine(g.example), 160))} (newest ${g.newest.traceId})`);
  } else v.push(paint.head('JUDGE FAILURES — none (no scorer error among the traces read)'));
  sections.push({ name: 'verdicts', priority: 2, lines: v, more: follow.json });

  const l = f.latency;
  const lat: string[] = [
    paint.head(
      `LATENCY — traces p50 ${fmtMs(l.traces.p50)} · p95 ${fmtMs(l.traces.p95)} · max ${fmtMs(l.traces.max)} (${fmtInt(l.traces.count)} with a duration)`,
    ),
  ];
  if (l.slowTail.thresholdMs !== null) {
    lat.push(
      `  slow tail: ${plural(l.slowTail.count, 'trace')} ≥ ${fmtMs(l.slowTail.thresholdMs)}` +
        (l.tailSpan
          ? `; the time goes to ${paint.warn(l.tailSpan.name)} (self p50 ${fmtMs(l.tailSpan.tailSelfP50)} in the tail${l.tailSpan.restSelfP50 === null ? `; no trace outside the tail whose spans were read has a ${l.tailSpan.name} span: another application's, or a step only slow traces take` : ` vs ${fmtMs(l.tailSpan.restSelfP50)} elsewhere`})`
          : ''),
    );
    const apps = new Set(l.slowTail.slowest.map((s) => s.app));
    const others = l.slowTail.slowest.filter((s) => s.app && f.mainApp && s.app !== f.mainApp);
    if (others.length)
      lat.push(
        `  ${paint.warn(`${plural(others.length, 'trace')} of the slowest belong to another application`)} (${[...new Set(others.map((s) => s.app))].join(', ')}, not ${f.mainApp}): they explain no slowness of ${f.mainApp}; per-version latency is under WHAT CHANGED`,
      );
    lat.push(
      `  slowest: ${l.slowTail.slowest.map((s) => `${s.traceId} ${fmtMs(s.durationMs)}${apps.size > 1 || (s.app && f.mainApp && s.app !== f.mainApp) ? ` (${s.app ?? '?'})` : ''}`).join(', ')}`,
    );
  } else lat.push('  no slow tail (no trace at twice the median or more, or under 20 traces)');
  if (l.spans.length) {
    const from = l.spansFrom.all
      ? `all ${fmtInt(l.spansFrom.traces)} traces`
      : `the ${fmtInt(l.spansFrom.traces)} traces whose spans were read (${fmtInt(l.spansFrom.failing)} failing, ${fmtInt(l.spansFrom.slowTail)} slow tail; --spans reads all)`;
    lat.push(`  per span name, over ${from}:`);
    const w = Math.min(28, Math.max(4, ...l.spans.map((s) => s.name.length)));
    lat.push(
      `    ${'span'.padEnd(w)}  ${'n'.padStart(6)}  ${'p50'.padStart(7)}  ${'p95'.padStart(7)}  ${'max'.padStart(7)}  ${'self p50'.padStart(8)}  ${'self p95'.padStart(8)}`,
    );
    for (const s of l.spans.slice(0, 15)) {
      lat.push(
        `    ${(s.name.length > w ? `${s.name.slice(0, w - 1)}…` : s.name).padEnd(w)}  ${fmtInt(s.count).padStart(6)}  ${fmtMs(s.p50).padStart(7)}  ${fmtMs(s.p95).padStart(7)}  ${fmtMs(s.max).padStart(7)}  ${fmtMs(s.selfP50).padStart(8)}  ${fmtMs(s.selfP95).padStart(8)}`,
      );
    }
    if (l.spans.length > 15) lat.push(`    … ${fmtInt(l.spans.length - 15)} more span names: ${follow.json}`);
  }
  if (f.tokens.median !== null) {
    lat.push(
      `  tokens: median ${fmtInt(f.tokens.median)} per trace` +
        (f.tokens.outliers.length
          ? `; outliers: ${f.tokens.outliers.map((o) => `${o.traceId} ${fmtInt(o.total)}`).join(', ')}`
          : '; no outliers (≥ 5 × median)'),
    );
  }
  lat.push(
    f.inProgress.count
      ? `  ${paint.warn(`${fmtInt(f.inProgress.count)} still IN_PROGRESS`)} (not finished, or their process died): ${f.inProgress.newest.map((t) => t.traceId).join(', ')}`
      : '  IN_PROGRESS: none',
  );
  sections.push({ name: 'latency', priority: 3, lines: lat, more: follow.json });
  return sections;
}

/** WHAT CHANGED goes right after the header: the question teams ask most after a deploy. */
export const withChanges = (sections: Section[], changes: Section[]): Section[] => [sections[0] as Section, ...changes, ...sections.slice(1)];

export function noMatchText(experimentId: string, filter: string, traceName?: string): string {
  // OTLP ingest sets no mlflow.traceName tag: then --trace-name matches nothing, and --span-name does the job.
  const untagged =
    traceName === undefined
      ? ''
      : `\n--trace-name reads the tag mlflow.traceName, which traces sent over OTLP do not carry: --span-name ${JSON.stringify(traceName)} selects the traces with a span of that name (its root, for an application).`;
  return `No trace in experiment ${experimentId} matches the filter.\nFilter: ${filter || '(none)'}\nWiden it: an earlier --since, fewer --tag / --status / --user options, or check the values with \`mlflow traces search -x ${experimentId}\`.${untagged}`;
}
