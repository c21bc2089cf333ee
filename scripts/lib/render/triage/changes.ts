/** triage_traces' WHAT CHANGED section: the switch, applications apart, cohorts side by side, rationales, the pair to compare. */
import type { ChangeReport, Cohort, OnsetFinding, Rate } from '../../analysis/changes/changes.js';
import type { Change } from '../../analysis/changes/switches.js';
import type { RateDifference } from '../../analysis/common/chance.js';
import type { Section } from '../budget.js';
import { clip, fmtInt, fmtMs, fmtRatio, oneLine, plural } from '../format.js';
import { paint } from '../style.js';

export interface ChangesFollow {
  compare: (a: string, b: string) => string;
  byKey: (key: string) => string;
  traceName: (name: string) => string;
  spanName: (name: string) => string;
  /** The same triage over a window twice as long, when --since cut the older cohort short (null: it did not). */
  wider: string | null;
  json: string;
}

const t = (iso: string) => iso.replace(/\.\d{3}Z$/, 'Z').replace('T', ' ');
const pct = (r: Rate) =>
  r.rate === null ? '–' : `${fmtInt(r.n)}/${fmtInt(r.of)} ${r.rate >= 0.1 || r.rate === 0 ? Math.round(r.rate * 100) : (r.rate * 100).toFixed(1)}%`;
const short = (key: string) => key.replace(/^tag\./, '');

const at = (ms: number) => t(new Date(ms).toISOString());

export function changeLine(key: string, c: Change, counts = 'traces read'): string {
  const n = `${fmtInt(c.before)} ${c.from} before, ${fmtInt(c.after)} ${c.to} after, of the ${counts}`;
  if (c.rollout) {
    const r = c.rollout;
    const canary = `first seen ${at(r.firstSeenMs)} UTC (a canary: ${fmtInt(r.canary)} traces beside ${c.from})`;
    const stragglers = r.stragglers ? `; ${fmtInt(r.stragglers)} ${c.from} stragglers after, the last ${at(r.lastOldMs)}` : '';
    return `${short(key)} ${c.from} → ${c.to}, a rollout: ${canary}, took over between ${at(c.lastFromMs)} and ${at(c.firstToMs)} UTC (${n}${stragglers})`;
  }
  return `${short(key)} ${c.from} → ${c.to} between ${at(c.lastFromMs)} and ${at(c.firstToMs)} UTC (${n})`;
}

function switchLines(r: ChangeReport, onset: OnsetFinding | null): string[] {
  const lines: string[] = [];
  const lead = r.switches[0];
  if (onset) {
    const back = `looked back before ${t(onset.windowStart)} (1 search, ${plural(onset.read, 'trace')} read)`;
    if (onset.lastGood) {
      lines.push(`  every trace in the window has ${short(onset.key)}=${onset.value}: the change is older than the window; ${back}:`);
      const first = onset.onset ? `${onset.onset.traceId} at ${t(onset.onset.time)}` : `at the window's start`;
      const good = onset.lastGood;
      lines.push(`  ${paint.warn('real onset')}: ${first} · last ${good.value} trace (last good): ${good.traceId} at ${t(good.time)}`);
    } else if (onset.read === 0)
      lines.push(`  every trace in the window has ${short(onset.key)}=${onset.value}, and there is no trace before it (${back}): no change to find`);
    else
      lines.push(
        `  every trace in the window has ${short(onset.key)}=${onset.value}, and so do the ${fmtInt(onset.read)} before it (${back})${
          onset.cut ? '; if it ever changed, that was earlier still (an earlier --since looks further)' : ': it never changed'
        }`,
      );
  }
  if (!lead) {
    if (!onset?.lastGood)
      lines.push(
        `  no switch found: no tag or metadata value changed over the window (values that alternate, like a region, are no switch)${
          r.constantKeys.length
            ? `; constant: ${r.constantKeys
                .slice(0, 4)
                .map((k) => `${short(k.key)}=${k.value}`)
                .join(', ')}`
            : ''
        }`,
      );
    return lines;
  }
  if (lead.kind === 'back-and-forth') {
    lines.push(`  ${paint.warn(`${short(lead.key)} went back and forth`)} (${plural(lead.changes.length, 'change')}):`);
    for (const c of lead.changes) lines.push(`    ${changeLine(lead.key, c, lead.counts)}`);
  } else lines.push(`  ${paint.warn(changeLine(lead.key, lead.changes[0] as Change, lead.counts))}`);
  if (lead.together.length)
    lines.push(`  changed at the same moment: ${lead.together.map((x) => `${short(x.key).replace(/^span\./, '')} ${changedParts(x.from, x.to)}`).join(', ')}`);
  for (const s of r.switches.slice(1, 3))
    lines.push(
      `  also: ${changeLine(s.key, s.changes[0] as Change, s.counts)}${s.kind === 'back-and-forth' ? ` (+${s.changes.length - 1} more changes)` : ''}`,
    );
  return lines;
}

const usd = (n: number) => (n === 0 ? '$0' : n >= 1 ? `$${n.toFixed(2)}` : n >= 0.01 ? `$${n.toFixed(4)}` : `$${n.toPrecision(2)}`);
const tok = (n: number | null) => (n === null ? '?' : fmtInt(Math.round(n)));

/** Input tokens per call grew or shrank: the explanation follows the direction. */
const inputWhy = (to: number, from: number) => `${fmtRatio(to, from) ?? '?'}: ${to > from ? 'a longer' : 'a shorter'} prompt or history`;

/**
 * Input tokens per call grew by half or more while the span's logged input stayed within 10 %: the
 * tokens billed are not in the trace (history or context added after logging).
 */
function unlogged(d: ChangeReport['costDrivers'][number]): string {
  const { inputPerCallFrom: a, inputPerCallTo: b, loggedPerCallFrom: x, loggedPerCallTo: y } = d;
  if (a === null || b === null || x === null || y === null || !(b >= 1.5 * a) || Math.abs(y / x - 1) > 0.1) return '';
  return `, but the logged input did not grow (${fmtInt(x)} → ${fmtInt(y)} chars per call): the app sends more than it logs`;
}

/** What a request costs now against before, and the span and model that explain the difference. */
function costLines(r: ChangeReport): string[] {
  const a = r.cohorts.find((c) => c.value === r.from)?.cost;
  const b = r.cohorts.find((c) => c.value === r.to)?.cost;
  if (!a || !b || a.perTrace === null || b.perTrace === null) return [];
  const r1 = fmtRatio(b.perTrace, a.perTrace);
  const ratio = r1 ? ` (${r1})` : '';
  const label = b.perTrace > a.perTrace * 1.2 ? paint.warn('cost per request') : 'cost per request';
  const over = `over ${fmtInt(a.traces)} and ${fmtInt(b.traces)} traces read with spans; from ${b.source}`;
  const lines = [`  ${label}: ${usd(a.perTrace)} (${r.from}) → ${usd(b.perTrace)} (${r.to})${ratio}, ${over}`];
  for (const d of r.costDrivers.slice(0, 3)) {
    if (Math.abs(d.perTraceTo - d.perTraceFrom) < 0.05 * Math.max(a.perTrace, b.perTrace)) continue;
    const why: string[] = [];
    if (d.modelFrom.join(',') !== d.modelTo.join(',')) why.push(`model ${d.modelFrom.join('+') || '–'} → ${d.modelTo.join('+') || '–'}`);
    if (d.inputPerCallFrom !== null && d.inputPerCallTo !== null && Math.abs(d.inputPerCallTo / d.inputPerCallFrom - 1) >= 0.2)
      why.push(`input tokens per call ${tok(d.inputPerCallFrom)} → ${tok(d.inputPerCallTo)} (${inputWhy(d.inputPerCallTo, d.inputPerCallFrom)})${unlogged(d)}`);
    if (Math.abs(d.callsPerTraceTo - d.callsPerTraceFrom) >= 0.2)
      why.push(`calls per trace ${d.callsPerTraceFrom.toFixed(1)} → ${d.callsPerTraceTo.toFixed(1)}`);
    lines.push(`    ${d.span}: ${usd(d.perTraceFrom)} → ${usd(d.perTraceTo)} per trace${why.length ? `: ${why.join('; ')}` : ''}`);
  }
  for (const u of [...a.unknownModels, ...b.unknownModels].filter((u, i, all) => all.findIndex((x) => x.model === u.model) === i))
    lines.push(`    no price for model ${u.model} (no recorded cost, not in the price table; --prices FILE adds it): its calls are left out`);
  return lines;
}

/** Cohorts that interleave in time: where their span samples come from, the same stretch of time or, said, none. */
function sampleRangeLines(r: ChangeReport): string[] {
  if (r.sampling !== 'same range' || !r.spanKeysFrom) return [];
  if (!r.sampleRange)
    return [
      `  ${paint.warn('span samples')}: ${r.from} and ${r.to} were read with spans over time ranges that do not overlap: the span rows and cost are left out`,
    ];
  const range = `${t(r.sampleRange.from)} … ${t(r.sampleRange.to)} UTC`;
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

function row(label: string, cells: string[], w: number): string {
  return `    ${label.padEnd(30)}${cells.map((c) => c.padEnd(w)).join('')}`.trimEnd();
}

/** A cohort's first and last trace; the last carries its date when it is another day's (a cohort often spans several). */
const firstLast = (c: Cohort): string =>
  `${c.first.slice(5, 16).replace('T', ' ')}…${c.last.slice(0, 10) === c.first.slice(0, 10) ? c.last.slice(11, 16) : c.last.slice(5, 16).replace('T', ' ')}`;

function cohortTable(r: ChangeReport): string[] {
  const shown = r.cohorts.filter((c) => c.value === r.from || c.value === r.to || r.cohorts.length <= 4).slice(0, 4);
  if (!shown.length) return [];
  const w = Math.max(22, ...shown.map((c) => firstLast(c).length + 2));
  const lines = [
    row(
      `by ${short(r.by ?? '')}`,
      shown.map((c) => c.value),
      w,
    ),
  ];
  const cell = (f: (c: Cohort) => string) => shown.map(f);
  lines.push(
    row(
      'traces',
      cell((c) => fmtInt(c.traces)),
      w,
    ),
  );
  lines.push(row('first … last', cell(firstLast), w));
  lines.push(
    row(
      'errors',
      cell((c) => pct(c.errors)),
      w,
    ),
  );
  lines.push(
    row(
      'negative (of judged)',
      cell((c) => pct(c.negative)),
      w,
    ),
  );
  const names = [...new Set(shown.flatMap((c) => c.verdicts.map((v) => v.name)))];
  for (const n of names)
    lines.push(
      row(
        `  ${n.length > 26 ? `${n.slice(0, 25)}…` : n}`,
        cell((c) => {
          const v = c.verdicts.find((x) => x.name === n);
          return v ? pct(v) : '–';
        }),
        w,
      ),
    );
  lines.push(
    row(
      'latency p50 / p95',
      cell((c) => `${fmtMs(c.latency.p50)} / ${fmtMs(c.latency.p95)}`),
      w,
    ),
  );
  lines.push(
    row(
      'tokens p50',
      cell((c) => fmtInt(c.tokensP50)),
      w,
    ),
  );
  lines.push(
    row(
      'spans read (traces)',
      cell((c) => fmtInt(c.spansRead)),
      w,
    ),
  );
  if (shown.some((c) => c.finishReasons.length))
    lines.push(
      row(
        'finish_reason',
        cell(
          (c) =>
            c.finishReasons
              .slice(0, 2)
              .map((f) => `${f.value} ${fmtInt(f.count)}`)
              .join(', ') || '–',
        ),
        w,
      ),
    );
  const spanNames = [...new Set(shown.flatMap((c) => c.spans.slice(0, 6).map((s) => s.name)))].slice(0, 6);
  for (const s of spanNames)
    lines.push(
      row(
        `  ${s.length > 17 ? `${s.slice(0, 16)}…` : s} self p50`,
        cell((c) => fmtMs(c.spans.find((x) => x.name === s)?.selfP50)),
        w,
      ),
    );
  return lines;
}

/**
 * Two values of a parameter, short enough to read: a long one (a system prompt) shows only the
 * part that changed, with a little context either side.
 */
export function changedParts(a: string, b: string, max = 60): string {
  if (a.length <= max && b.length <= max) return `${a} → ${b}`;
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const from = Math.max(0, pre - 20);
  const part = (s: string) => {
    const mid = s.slice(from, s.length - Math.max(0, suf - 20));
    return JSON.stringify(`${from > 0 ? '…' : ''}${clip(mid, max)}${suf > 20 ? '…' : ''}`);
  };
  return `${part(a)} → ${part(b)}`;
}

const pValue = (p: number) => (p < 0.001 ? 'p < 0.001' : `p = ${p < 0.01 ? p.toFixed(3) : p.toFixed(2)}`);

/** "errors 14/304 4.6% → 3/57 5.3%: within chance": whether a gap between cohorts is worth chasing. */
export function differenceLine(d: RateDifference, r: Pick<ChangeReport, 'from' | 'to'>, first = true): string {
  const rate = (x: { n: number; of: number }) => pct({ ...x, rate: x.n / x.of });
  const verdict = d.withinChance ? 'within chance' : paint.warn('beyond chance');
  const how = first ? "Fisher's exact test, " : '';
  const caveat = first ? '; a heuristic: it takes traces as independent' : '';
  return `${d.what} ${rate(d.from)} (${r.from}) → ${rate(d.to)} (${r.to}): ${verdict} (${how}${pValue(d.p)}${caveat})`;
}

const tooSmallList = (r: ChangeReport): string => r.tooSmall.map((v) => `${v} (${fmtInt(r.cohorts.find((c) => c.value === v)?.traces)} traces)`).join(', ');

export function changeSections(r: ChangeReport, onset: OnsetFinding | null, follow: ChangesFollow): Section[] {
  const lines = [
    paint.head('WHAT CHANGED') +
      (r.by ? ` — cohorts by ${short(r.by)}${r.bySource === 'option' ? ' (--by)' : ' (the switch found; another key: --by KEY)'}` : ''),
  ];
  lines.push(...switchLines(r, onset), ...appLines(r, follow));
  if (r.by && r.cohorts.length) {
    lines.push(...cohortTable(r), ...sampleRangeLines(r));
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
    lines.push(...costLines(r));
    for (const p of r.paramChanges.slice(0, 5)) {
      const c = p.counts;
      const counts = `${fmtInt(c.from)} of ${fmtInt(c.fromOf)} ${r.from} traces read → ${fmtInt(c.to)} of ${fmtInt(c.toOf)} ${r.to}`;
      lines.push(`  ${paint.warn('parameter changed')}: ${p.key.replace(/^span\./, '')} ${changedParts(p.from, p.to)} (${counts})`);
    }
    if (r.rationales.length) {
      lines.push(`  rationales of negative verdicts, per cohort (fingerprinted; count / judged):`);
      for (const c of r.rationales.slice(0, 6)) {
        const per = c.byCohort.map((x) => `${x.value} ${fmtInt(x.count)}/${fmtInt(x.judged)}`).join(' · ');
        const unjudged = c.byCohort.find((x) => x.judged === 0)?.value;
        const tag =
          c.trend === 'new'
            ? paint.error(`NEW with ${r.to}`)
            : c.trend === 'gone'
              ? `gone with ${r.to}`
              : c.trend === 'steady'
                ? 'unchanged'
                : c.trend === 'unjudged'
                  ? paint.warn(`${r.by} ${unjudged} has no ${c.verdict.replace(/ \[.*$/, '')} verdict at all: not new, not judged there`)
                  : '';
        lines.push(`    ${c.verdict}: ${JSON.stringify(clip(oneLine(c.example), 120))} — ${per}${tag ? ` — ${tag}` : ''}`);
        const ex = c.byCohort.filter((x) => x.newest).at(-1);
        if (ex?.newest) lines.push(`      e.g. ${ex.newest}${ex.request ? ` asked ${JSON.stringify(clip(oneLine(ex.request), 80))}` : ''}`);
      }
    }
    if (r.pair) {
      const p = r.pair;
      const which = p.sameRequest
        ? ' (the same request on both sides; not the onset: see the switch above)'
        : ' (nearest in time; no good trace asked the same)';
      const bad = `${p.firstBad.traceId} (${r.to}, ${t(p.firstBad.time)}; ${clip(oneLine(p.firstBad.why), 80)})`;
      lines.push(`  a pair to compare${which}: ${p.lastGood.traceId} (${r.from}, ${t(p.lastGood.time)}) vs ${bad}`);
      lines.push(`    ${follow.compare(p.lastGood.traceId, p.firstBad.traceId)}`);
    } else if (r.switchPair) {
      const p = r.switchPair;
      const which = r.sampling === 'same range' ? 'one of each, next to each other in time' : 'either side of the change';
      const after = `${p.after.traceId} (the first ${p.after.value}, ${t(p.after.time)})`;
      lines.push(`  ${which}: ${p.before.traceId} (the last ${p.before.value}, ${t(p.before.time)}) vs ${after}`);
      lines.push(`    ${follow.compare(p.before.traceId, p.after.traceId)}`);
    }
  }
  if (!r.by && r.switches.length === 0) lines.push(`  cohorts on demand: ${follow.byKey('<KEY>')}`);
  return [{ name: 'changes', priority: 1, lines, more: follow.json }];
}
