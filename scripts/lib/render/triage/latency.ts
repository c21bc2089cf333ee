/** LATENCY: trace percentiles, the slow tail and where its time goes, per span name total and self time. */
import type { Latency } from '../../analysis/triage/sections/latency.js';
import { fmtInt, fmtMs, plural } from '../format.js';
import { paint } from '../style.js';
import type { TriageView } from './view.js';

const SPAN_ROWS = 15;

function tailLines(l: Latency, mainApp: string | null): string[] {
  if (l.slowTail.thresholdMs === null) return ['  no slow tail (no trace at twice the median or more, or under 20 traces)'];
  const s = l.tailSpan;
  const where = !s
    ? ''
    : `; the time goes to ${paint.warn(s.name)} (self p50 ${fmtMs(s.tailSelfP50)} in the tail${
        s.restSelfP50 === null
          ? `; no trace outside the tail whose spans were read has a ${s.name} span: another application's, or a step only slow traces take`
          : ` vs ${fmtMs(s.restSelfP50)} elsewhere`
      })`;
  const lines = [`  slow tail: ${plural(l.slowTail.count, 'trace')} ≥ ${fmtMs(l.slowTail.thresholdMs)}${where}`];
  const slowest = l.slowTail.slowest;
  const apps = new Set(slowest.map((x) => x.app));
  const others = slowest.filter((x) => x.app && mainApp && x.app !== mainApp);
  if (others.length) {
    const otherApps = [...new Set(others.map((x) => x.app))].join(', ');
    lines.push(
      `  ${paint.warn(`${plural(others.length, 'trace')} of the slowest belong to another application`)} (${otherApps}, not ${mainApp}): ` +
        `they explain no slowness of ${mainApp}; per-version latency is under WHAT CHANGED`,
    );
  }
  const named = (x: (typeof slowest)[number]) => apps.size > 1 || (x.app && mainApp && x.app !== mainApp);
  lines.push(`  slowest: ${slowest.map((x) => `${x.traceId} ${fmtMs(x.durationMs)}${named(x) ? ` (${x.app ?? '?'})` : ''}`).join(', ')}`);
  return lines;
}

function spanLines(l: Latency, more: string): string[] {
  if (!l.spans.length) return [];
  const from = l.spansFrom.all
    ? `all ${fmtInt(l.spansFrom.traces)} traces`
    : `the ${fmtInt(l.spansFrom.traces)} traces whose spans were read ` +
      `(${fmtInt(l.spansFrom.failing)} failing, ${fmtInt(l.spansFrom.slowTail)} slow tail; --spans reads all)`;
  const w = Math.min(28, Math.max(4, ...l.spans.map((s) => s.name.length)));
  const head = ['span'.padEnd(w), 'n'.padStart(6), 'p50'.padStart(7), 'p95'.padStart(7), 'max'.padStart(7), 'self p50'.padStart(8), 'self p95'.padStart(8)];
  const lines = [`  per span name, over ${from}:`, `    ${head.join('  ')}`];
  for (const s of l.spans.slice(0, SPAN_ROWS)) {
    const name = s.name.length > w ? `${s.name.slice(0, w - 1)}…` : s.name;
    const cells = [name.padEnd(w), fmtInt(s.count).padStart(6), fmtMs(s.p50).padStart(7), fmtMs(s.p95).padStart(7), fmtMs(s.max).padStart(7)];
    lines.push(`    ${[...cells, fmtMs(s.selfP50).padStart(8), fmtMs(s.selfP95).padStart(8)].join('  ')}`);
  }
  if (l.spans.length > SPAN_ROWS) lines.push(`    … ${fmtInt(l.spans.length - SPAN_ROWS)} more span names: ${more}`);
  return lines;
}

export const latencyView: TriageView = (f, _run, follow) => {
  const l = f.latency;
  const t = l.traces;
  const lines = [
    paint.head(`LATENCY — traces p50 ${fmtMs(t.p50)} · p95 ${fmtMs(t.p95)} · max ${fmtMs(t.max)} (${fmtInt(t.count)} with a duration)`),
    ...tailLines(l, f.mainApp),
    ...spanLines(l, follow.json),
  ];
  return [{ name: 'latency', priority: 3, lines, more: follow.json }];
};
