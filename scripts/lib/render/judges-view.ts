/** judge_agreement's screen: per assessment name, coverage by source, agreement, disagreements, consistency. */
import { humanFirst, type JudgeReport, type NameReport, type PairReport } from '../analysis/judges/agreement.js';
import { kappaWords } from '../analysis/judges/kappa.js';
import type { Section } from './budget.js';
import { clipAtWord, fmtMs, oneLine, plural } from './format.js';
import { palette, colourEnabled } from './style.js';

export interface JudgesFollow {
  inspect: (traceId: string) => string;
  export: (name: string) => string;
  verdicts: (name: string, label: string, source: string) => string;
  /** What --export wrote: the report then says so in place of the command that writes it. */
  exported?: { name: string; file: string; records: number } | null;
}

/** Prose cut at a word and marked; the example trace on a nearby line shows the whole. */
const clip = (s: string, n = 140) => clipAtWord(oneLine(s), n);
const pct = (x: number) => `${Math.round(x * 100)}%`;
const day = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : '?');
const labels = (m: Record<string, number>) =>
  Object.entries(m)
    .sort((a, b) => b[1] - a[1])
    .map(([l, c]) => `${l} ${c}`)
    .join(', ');

function coverageLines(n: NameReport): string[] {
  const out: string[] = [];
  for (const s of n.sources) {
    const ids = s.sourceIds.length ? ` (${s.sourceIds.join(', ')})` : '';
    out.push(`  ${s.source}${ids}: ${verdictsOn(s)} read, ${day(s.first)} … ${day(s.last)} — ${labels(s.labels)}`);
    for (const o of s.onlyOn)
      out.push(
        `    ! only on ${o.key}=${o.value} (${o.scored} of its ${plural(o.valueTraces, 'trace')}; ${noneOfOthers(o.otherTraces)}): ` +
          `a difference across ${o.key} in these verdicts is where ${s.source} ran, not evidence about ${o.key}`,
      );
  }
  return out;
}

function confusionLines(p: PairReport): string[] {
  const rowsL = Object.keys(p.confusion).sort();
  const colsL = [...new Set(Object.values(p.confusion).flatMap((r) => Object.keys(r)))].sort();
  const w = Math.max(8, ...rowsL.map((l) => l.length), ...colsL.map((l) => l.length)) + 2;
  const out = [`    ${`${p.a} ↓ / ${p.b} →`.padEnd(w + 8)}${colsL.map((c) => c.padStart(w)).join('')}`];
  for (const r of rowsL) out.push(`    ${r.padEnd(w + 8)}${colsL.map((c) => String(p.confusion[r]?.[c] ?? 0).padStart(w)).join('')}`);
  return out;
}

function pairLines(p: PairReport, follow: JudgesFollow, name: string): string[] {
  const paint = palette(colourEnabled());
  if (!p.both) return [`  ${p.a} vs ${p.b}: no trace scored by both — no agreement to compute (see coverage above)`];
  const k = p.kappa.value === null ? 'kappa n/a' : `Cohen's kappa ${p.kappa.value.toFixed(2)} (${kappaWords(p.kappa.value)})`;
  const out = [`  ${paint.head(`${p.a} vs ${p.b}`)}: agree on ${p.agree} of ${plural(p.both, 'trace')} both scored (${pct(p.rate ?? 0)}); ${k}`];
  if (p.kappa.note) out.push(`    note: ${p.kappa.note}`);
  out.push(...confusionLines(p));
  if (p.disagreements.length) out.push(`  Disagreements (${p.both - p.agree}), grouped by labels, rationale and what the inputs share:`);
  for (const g of p.disagreements) {
    const words = g.inputWords.length
      ? ` — inputs share ${g.inputWords.map((w) => `"${w.word}" (${w.here} of ${g.count}; ${w.agreeing} of ${p.agree} agreeing)`).join(', ')}`
      : '';
    out.push(`    ${paint.warn('≠')} ${g.count} × ${p.a} ${g.labels[p.a]} / ${p.b} ${g.labels[p.b]}${words}`);
    out.push(`      ${p.a}: ${clip(g.rationales[p.a] ?? '(no rationale)')}`);
    out.push(`      ${p.b}: ${clip(g.rationales[p.b] ?? '(no rationale)')}`);
    out.push(`      e.g. ${follow.inspect(g.example)}${g.count > 1 ? `  (all ${g.count}: --json, disagreements[].traceIds)` : ''}`);
  }
  if (p.disagreements.length) out.push(exportLine(follow, name));
  return out;
}

const verdictsOn = (s: { verdicts: number; traces: number; of: number }) => `${plural(s.verdicts, 'verdict')} on ${s.traces} of ${plural(s.of, 'trace')}`;
const noneOfOthers = (n: number) => (n === 1 ? 'not the 1 other' : `none of the ${n} others`);

/** Once --export has written the set, its next step is the alignment, not the export again. */
function exportLine(follow: JudgesFollow, name: string): string {
  const done = follow.exported?.name === name ? follow.exported : null;
  if (!done) return `  → labelled set for judge alignment: ${follow.export(name)}`;
  return `  → labelled set written: ${done.file} (${plural(done.records, 'record')}); next: align the judge with the Python under EXPORT above`;
}

/** Every trace of a repeat, so each can be opened without --json (at most 8 named). */
const traceList = (ids: readonly string[]): string =>
  `traces: ${ids.slice(0, 8).join(', ')}${ids.length > 8 ? ` … ${ids.length - 8} more (--json, inconsistencies[].traceIds)` : ''}`;

/** Each label with its traces ("pass: a, b; fail: c"), so the odd one out can be filed as it is. */
const labelledTraces = (byLabel: Record<string, readonly string[]>): string =>
  'traces by verdict — ' +
  Object.entries(byLabel)
    .map(([label, ids]) => `${label}: ${ids.slice(0, 8).join(', ')}${ids.length > 8 ? ` … ${ids.length - 8} more` : ''}`)
    .join('; ');

const inOrder = (xs: Iterable<string>) => [...new Set(xs)].sort(humanFirst);
const andList = (xs: readonly string[]) => (xs.length < 2 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`);

/** What the model was given and answered, shown so a repeat can be checked by eye (previews, cut). */
const PREVIEW = 100;
const since = (ms: number | null) => (ms === null || ms < 0 ? '' : ` ${fmtMs(ms)} later`);
const shownValue = (v: unknown) => clip(JSON.stringify(v) ?? String(v), 40);

/** A source's repeats given different verdicts, then the traces it judged twice and changed its verdict on. */
function consistencyLines(n: NameReport, follow: JudgesFollow, at: string): string[] {
  const paint = palette(colourEnabled());
  const out: string[] = [];
  for (const c of n.inconsistencies) {
    out.push(
      `${at}${paint.warn('~')} inconsistent: ${c.source} gave ${labels(c.labels)} to ${plural(c.count, 'trace')} with the same input and same output — ` +
        `e.g. ${follow.inspect(c.traceIds[0] as string)}`,
    );
    out.push(`${at}  input:  ${clip(c.input, PREVIEW)}`, `${at}  output: ${clip(c.output ?? '', PREVIEW)}`);
    for (const [label, why] of Object.entries(c.rationales ?? {}).slice(0, 3)) if (why) out.push(`${at}  ${label}: ${clip(why, 140)}`);
    out.push(`${at}  ${c.byLabel ? labelledTraces(c.byLabel) : traceList(c.traceIds)}`);
  }
  // Same input and output by their previews: what was retrieved lives in the spans, which this report does not read.
  if (n.inconsistencies.length)
    out.push(`${at}  (input and output compared as previews; retrieved context is in the spans, not read here: inspect_turn shows it)`);
  for (const f of (n.overrideFlips ?? []).slice(0, 8)) {
    out.push(
      `${at}${paint.warn('~')} the same trace judged twice by ${f.source}: ${shownValue(f.from.value)} → ${shownValue(f.to.value)} ` +
        `(the first overridden${since(f.gapMs)}) — ${follow.inspect(f.traceId)}`,
    );
    out.push(`${at}  ${shownValue(f.from.value)}: ${clip(f.from.rationale ?? '(no rationale)', 140)}`);
    out.push(`${at}  ${shownValue(f.to.value)}: ${clip(f.to.rationale ?? '(no rationale)', 140)}`);
  }
  const more = (n.overrideFlips ?? []).length - 8;
  if (more > 0) out.push(`${at}  … ${more} more judged twice (--json, names[].overrideFlips)`);
  return out;
}

/** Overrides that changed the verdict are listed under consistency; the count says how many. */
function changedNote(r: JudgeReport): string {
  const changed = r.names.reduce((s, n) => s + (n.overrideFlips?.length ?? 0), 0);
  return changed ? `; ${changed} changed the verdict on the same trace: under consistency` : '';
}

/** The header names the sources that scored, not every source MLflow knows. */
export function namesLine(names: readonly NameReport[], compared: number): string {
  const sources = inOrder(names.flatMap((n) => n.sources.map((s) => s.source)));
  if (names.length === 1) return `assessment ${names[0]?.name}, scored by ${andList(sources)}`;
  return `${names.length} assessment names, ${compared} scored by more than one source (sources here: ${sources.join(', ') || 'none'})`;
}

export function judgeSections(r: JudgeReport, follow: JudgesFollow): Section[] {
  const paint = palette(colourEnabled());
  const compared = r.names.filter((n) => !n.singleSource);
  const single = r.names.filter((n) => n.singleSource);
  const head = [`${paint.head('JUDGES')} — ${plural(r.traces, 'trace')} read; ${namesLine(r.names, compared.length)}`];
  const errors = Object.entries(r.skipped.errors);
  const codes = (source: string) =>
    Object.entries(r.skipped.errorCodes?.[source] ?? {})
      .map(([code, n]) => `${code} ×${n}`)
      .join(', ');
  const leftOut = [
    ...errors.map(([s, c]) => `${plural(c, `${s} scorer error`)} (the judge failed; no verdict${codes(s) ? `: ${codes(s)}` : ''})`),
    ...(r.skipped.overridden ? [`${r.skipped.overridden} overridden (replaced by a later assessment${changedNote(r)})`] : []),
  ];
  if (leftOut.length) head.push(`  left out: ${leftOut.join(', ')}`);
  if (!compared.length)
    head.push(
      '  No assessment name has verdicts from two sources: there is nothing to check a judge against. ' +
        'Log human labels (annotate_trace --feedback NAME=V) on some judged traces.',
    );
  const sections: Section[] = [{ name: 'judges', priority: 0, lines: head }];
  for (const n of compared) {
    const lines = [`${paint.head(n.name.toUpperCase())} — coverage by source:`, ...coverageLines(n)];
    for (const p of n.pairs) lines.push(...pairLines(p, follow, n.name));
    if (n.inconsistencies.length || n.overrideFlips.length) {
      lines.push('  Consistency: different verdicts from one source on the same input and output, or on the same trace:');
      lines.push(...consistencyLines(n, follow, '    '));
    } else lines.push('  Consistency: no source gave different verdicts to the same input and output.');
    sections.push({ name: n.name, priority: 1, lines });
  }
  if (single.length) {
    const lines = [`${paint.head('ONE SOURCE ONLY')} (no agreement to compute; coverage and consistency only):`];
    for (const n of single) {
      const s = n.sources[0];
      if (!s) continue;
      lines.push(`  ${n.name}: ${s.source} only — ${verdictsOn(s)} (${labels(s.labels)})`);
      for (const o of s.onlyOn) lines.push(`    ! only on ${o.key}=${o.value} (${noneOfOthers(o.otherTraces)})`);
      lines.push(...consistencyLines(n, follow, '    '));
      if (!n.inconsistencies.length && !n.overrideFlips.length) lines.push('    consistency: no repeated input and output got different verdicts');
    }
    sections.push({ name: 'one source', priority: 2, lines });
  }
  return sections;
}
