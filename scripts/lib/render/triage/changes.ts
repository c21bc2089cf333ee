/**
 * triage_traces' WHAT CHANGED section: the switch (change-switch.ts), applications apart, cohorts side by
 * side (cohort-table.ts), differences beyond chance, the slower span, cost (change-cost.ts), parameters,
 * rationales, the pair to compare.
 */
import type { ChangeReport, OnsetFinding } from '../../analysis/changes/change-report.js';
import type { RateDifference } from '../../analysis/common/chance.js';
import type { Section } from '../budget.js';
import { clip, fmtInt, fmtMs, oneLine, plural } from '../format.js';
import { paint } from '../style.js';
import { costLines } from './change-cost.js';
import { pct, short, t } from './change-format.js';
import { changedParts, switchLines } from './change-switch.js';
import { cohortTable } from './cohort-table.js';

export interface ChangesFollow {
  compare: (a: string, b: string) => string;
  byKey: (key: string) => string;
  traceName: (name: string) => string;
  spanName: (name: string) => string;
  /** The same triage over a window twice as long, when --since cut the older cohort short (null: it did not). */
  wider: string | null;
  json: string;
}

/** Cohorts that interleave in time: where their span samples come from, the same stretch of time or, said, none. */
function sampleRangeLines(r: ChangeReport): string[] {
  if (r.sampling !== 'same range' || !r.spanKeysFrom) return [];
  if (!r.sampleRange)
    return [
      `  ${paint.warn('span samples')}: ${r.from} and ${r.to} were read with spans over time ranges that do not overlap: the span rows and cost are left out`,
    ];
  const range = `${t(r.sampleRange.from)} … ${t(r.sampleRange.to)}`;
  return [
    `  span samples (the rows from spans read down, and cost): the newest of each cohort, both cut to ${range}, so time does not pass for ${short(r.by ?? '')}`,
  ];
}

function appLines(r: ChangeReport, follow: ChangesFollow): string[] {
  const [main, ...rest] = r.rootApps;
  if (main && rest.length)
    return [
      `  ${plural(r.rootApps.length, 'application')} in the traces whose spans were read (root span names): ` +
        `${r.rootApps.map((a) => `${a.name} ${fmtInt(a.traces)}`).join(', ')}. ` +
        `No trace carries the mlflow.traceName tag (OTLP ingest sets none), so trace counts and latency mix them; the span table keeps ${main.name}'s`,
      `  one application only: ${follow.spanName(main.name)}`,
    ];
  if (r.applications.length < 2) return [];
  const others = r.applications.filter((a) => a.name !== r.app);
  const other = (a: (typeof others)[number]) =>
    `${a.name} (${plural(a.traces, 'trace')}${a.slowest ? `, slowest ${a.slowest.traceId} ${fmtMs(a.slowest.durationMs)}` : ''})`;
  return [
    `  ${plural(r.applications.length, 'application')} log here (root span names): analysed ${r.app} (${plural(r.appTraces, 'trace')}); ` +
      `apart: ${others.map(other).join(', ')}`,
    `  one application only: ${follow.traceName(others[0]?.name ?? '')}`,
  ];
}

const pValue = (p: number) => (p < 0.001 ? 'p < 0.001' : `p = ${p < 0.01 ? p.toFixed(3) : p.toFixed(2)}`);

/** "errors 14/304 4.6% → 3/57 5.3%: within chance": whether a gap between cohorts is worth chasing. */
export function differenceLine(d: RateDifference, r: Pick<ChangeReport, 'from' | 'to'>, first = true): string {
  const rate = (x: { n: number; of: number }) => pct({ ...x, rate: x.n / x.of });
  // Rates over sources that covered the cohorts unlike: no test makes them one measure.
  if (d.comparable === false)
    return (
      `${d.what} ${rate(d.from)} (${r.from}) → ${rate(d.to)} (${r.to}): ${paint.warn('not comparable')}, ` +
      'the verdict sources behind them differ between the cohorts (the ! line above)'
    );
  const verdict = d.withinChance ? 'within chance' : paint.warn('beyond chance');
  const how = first ? "Fisher's exact test, " : '';
  const caveat = first ? '; a heuristic: it takes traces as independent' : '';
  return `${d.what} ${rate(d.from)} (${r.from}) → ${rate(d.to)} (${r.to}): ${verdict} (${how}${pValue(d.p)}${caveat})`;
}

const tooSmallList = (r: ChangeReport): string => r.tooSmall.map((v) => `${v} (${fmtInt(r.cohorts.find((c) => c.value === v)?.traces)} traces)`).join(', ');

/** The cohorts compared: sizes, the window's cut, differences beyond chance, the span that slowed. */
function comparisonLines(r: ChangeReport, follow: ChangesFollow): string[] {
  const lines = [...cohortTable(r), ...sampleRangeLines(r)];
  if (r.tooSmall.length) lines.push(`  ${paint.warn('too small to compare')}: ${tooSmallList(r)} — rates from under 20 traces say little`);
  const older = r.cohorts.find((c) => c.value === r.from);
  if (follow.wider && older)
    lines.push(`  the window starts inside ${r.from} (${plural(older.traces, 'trace')} of it read): more of it, to compare with: ${follow.wider}`);
  r.differences.forEach((d, i) => lines.push(`  ${differenceLine(d, r, i === 0)}`));
  if (r.slowSpan) {
    const s = r.slowSpan;
    const times = `${fmtMs(s.fromSelfP50)} → ${fmtMs(s.toSelfP50)}${s.ratio ? ` (×${s.ratio.toFixed(1)})` : ''}`;
    lines.push(
      `  ${paint.warn('slower')}: ${s.name} self time p50 ${times} from ${r.from} to ${r.to}, ` +
        `over ${fmtInt(s.traces.from)} and ${fmtInt(s.traces.to)} traces whose spans were read: the span whose time grew most`,
    );
  }
  return lines;
}

function paramLines(r: ChangeReport): string[] {
  return r.paramChanges.slice(0, 5).map((p) => {
    const c = p.counts;
    const counts = `${fmtInt(c.from)} of ${fmtInt(c.fromOf)} ${r.from} traces read → ${fmtInt(c.to)} of ${fmtInt(c.toOf)} ${r.to}`;
    return `  ${paint.warn('parameter changed')}: ${p.key.replace(/^span\./, '')} ${changedParts(p.from, p.to)} (${counts})`;
  });
}

/** What a rationale did across the change: new with the later value, gone, unchanged, or never judged on one side. */
function trendTag(c: ChangeReport['rationales'][number], r: ChangeReport): string {
  if (c.trend === 'new') return paint.error(`NEW with ${r.to}`);
  if (c.trend === 'gone') return `gone with ${r.to}`;
  if (c.trend === 'steady') return 'unchanged';
  if (c.trend !== 'unjudged') return '';
  const unjudged = c.byCohort.find((x) => x.judged === 0)?.value;
  return paint.warn(`${r.by} ${unjudged} has no ${c.verdict.replace(/ \[.*$/, '')} verdict at all: not new, not judged there`);
}

/** Rationales of negative verdicts per cohort: new with the later value, gone, or unchanged. */
function rationaleLines(r: ChangeReport): string[] {
  if (!r.rationales.length) return [];
  const lines = ['  rationales of negative verdicts, per cohort (fingerprinted; count / judged):'];
  for (const c of r.rationales.slice(0, 6)) {
    const per = c.byCohort.map((x) => `${x.value} ${fmtInt(x.count)}/${fmtInt(x.judged)}`).join(' · ');
    const tag = trendTag(c, r);
    lines.push(`    ${c.verdict}: ${JSON.stringify(clip(oneLine(c.example), 120))} — ${per}${tag ? ` — ${tag}` : ''}`);
    const ex = c.byCohort.filter((x) => x.newest).at(-1);
    if (ex?.newest) lines.push(`      e.g. ${ex.newest}${ex.request ? ` asked ${JSON.stringify(clip(oneLine(ex.request), 80))}` : ''}`);
  }
  return lines;
}

/** The pair to open with compare_traces: the last good and first bad trace, or one of each side of the switch. */
function pairLines(r: ChangeReport, follow: ChangesFollow): string[] {
  if (r.pair) {
    const p = r.pair;
    const which = p.sameRequest ? ' (the same request on both sides; not the onset: see the switch above)' : ' (nearest in time; no good trace asked the same)';
    const bad = `${p.firstBad.traceId} (${r.to}, ${t(p.firstBad.time)}; ${clip(oneLine(p.firstBad.why), 80)})`;
    return [
      `  a pair to compare${which}: ${p.lastGood.traceId} (${r.from}, ${t(p.lastGood.time)}) vs ${bad}`,
      `    ${follow.compare(p.lastGood.traceId, p.firstBad.traceId)}`,
    ];
  }
  if (!r.switchPair) return [];
  const p = r.switchPair;
  const which = r.sampling === 'same range' ? 'one of each, next to each other in time' : 'either side of the change';
  const after = `${p.after.traceId} (the first ${p.after.value}, ${t(p.after.time)})`;
  return [
    `  ${which}: ${p.before.traceId} (the last ${p.before.value}, ${t(p.before.time)}) vs ${after}`,
    `    ${follow.compare(p.before.traceId, p.after.traceId)}`,
  ];
}

/** The keys --by could split by (beside the one used), bounded: the only other way to learn them was a --by that failed. */
export function splitKeyLines(r: Pick<ChangeReport, 'splitKeys' | 'by'>, max = 10): string[] {
  const keys = r.splitKeys.filter((k) => k.key !== r.by);
  if (!keys.length) return [];
  const shown = keys.slice(0, max).map((k) => `${short(k.key)} (${k.values} values)`);
  const more = keys.length > max ? `, and ${keys.length - max} more (--json: changes.report.splitKeys)` : '';
  const which = 'tag and metadata keys of 2 to 12 values whose mix shifts over the traces read, a heuristic';
  return [`  ${r.by ? 'other keys' : 'keys'} to split by (--by KEY; ${which}): ${shown.join(', ')}${more}`];
}

export function changeSections(r: ChangeReport, onset: OnsetFinding | null, follow: ChangesFollow): Section[] {
  const by = r.by ? ` — cohorts by ${short(r.by)}${r.bySource === 'option' ? ' (--by)' : ' (the switch found; another key: --by KEY)'}` : '';
  const lines = [paint.head('WHAT CHANGED') + by, ...switchLines(r, onset), ...appLines(r, follow)];
  if (r.by && r.cohorts.length) lines.push(...comparisonLines(r, follow), ...costLines(r), ...paramLines(r), ...rationaleLines(r), ...pairLines(r, follow));
  if (!r.by && r.switches.length === 0) lines.push(`  cohorts on demand: ${follow.byKey('<KEY>')}`);
  lines.push(...splitKeyLines(r));
  return [{ name: 'changes', priority: 1, lines, more: follow.json }];
}
