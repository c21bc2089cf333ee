/** compare_traces' screen: the two traces side by side, where they parted, and every span that differs. */
import { traceLink } from '../mlflow/links.js';
import type { Comparison, PairDiff, TraceSide } from '../analysis/compare/comparison.js';
import { type DocsDiff, docsDiffer } from '../analysis/compare/docs-diff.js';
import type { TextDiff } from '../analysis/compare/json-diff.js';
import type { RetrievedDoc } from '../analysis/compare/span-docs.js';
import type { ModelParams } from '../analysis/trace/model-params.js';
import type { Section } from './budget.js';
import { clip, fmtInt, fmtMs, fmtValue, oneLine, plural } from './format.js';
import { paint } from './style.js';

export interface CompareFollow {
  inspectSpan: (traceId: string, spanId: string) => string;
  json: string;
}

const short = (t: string | null) => (t ? t.replace(/\.\d{3}Z$/, 'Z') : '?');
const sideLine = (label: string, s: TraceSide) => {
  const link = traceLink(s.experimentId, s.traceId);
  const experiment = s.experimentId ? `, experiment ${s.experimentId}` : '';
  const ui = link ? `\n   MLflow UI: ${link}` : '';
  return `${label} ${s.traceId} — ${s.state}, ${short(s.requestTime)}, ${fmtMs(s.durationMs)}, ${plural(s.spans, 'span')}${experiment}${ui}`;
};
const diffLines = (d: TextDiff, indent: string) => [
  ...d.lines.map((l) => `${indent}${l.startsWith('-') ? paint.error(clip(l, 200)) : paint.ok(clip(l, 200))}`),
  ...(d.more ? [`${indent}… ${fmtInt(d.more)} more differing lines`] : []),
];
const arrow = (a: string, b: string) => (a === b ? a : `${a} → ${b}`);

function paramText(m: ModelParams, k: keyof ModelParams): string {
  const v = m[k];
  if (Array.isArray(v)) return v.length ? v.join(',') : '(none)';
  return v === null || v === undefined ? '(unset)' : typeof v === 'string' ? v : fmtValue(v);
}

function pairNotes(p: PairDiff): string[] {
  const notes: string[] = [];
  if (p.statusDiffers) notes.push('status differs');
  if (p.model?.differs.length) notes.push(`model params differ (${p.model.differs.join(', ')})`);
  if (p.docs && (p.docs.onlyA.length || p.docs.onlyB.length)) notes.push('retrieved docs differ');
  else if (p.docs?.changed.length) notes.push('retrieved text differs');
  else if (p.docs?.reordered) notes.push('retrieved docs reordered');
  if (p.inputDiff) notes.push(p.type === 'TOOL' ? 'tool arguments differ' : 'input differs');
  if (p.outputDiff) notes.push('output differs');
  return notes;
}

/** Per source: how many verdicts read negative and positive (a judge's are never counted with people's). */
const bySource = (s: TraceSide) =>
  [...new Set(s.verdicts.map((v) => v.source))]
    .map((src) => {
      const mine = s.verdicts.filter((v) => v.source === src);
      return `${src} ${mine.filter((v) => v.negative).length} negative, ${mine.filter((v) => v.positive).length} positive`;
    })
    .join('; ');

const verdictText = (s: TraceSide) =>
  s.verdicts.length
    ? `${s.verdicts
        .map((v) => `${v.name}=${fmtValue(v.value)}${v.negative ? ' ✗' : ''} [${v.source}]${v.rationale ? ` (${clip(oneLine(v.rationale), 100)})` : ''}`)
        .join(' · ')} — ${bySource(s)}`
    : '(none)';

/** A name both sides carry only from different sources: their values are not one judgement. */
function sourceMismatch(c: Comparison): string[] {
  const sources = (s: TraceSide, name: string) => new Set(s.verdicts.filter((v) => v.name === name).map((v) => v.source));
  const out: string[] = [];
  for (const name of new Set(c.a.verdicts.map((v) => v.name))) {
    const a = sources(c.a, name);
    const b = sources(c.b, name);
    if (b.size && ![...a].some((x) => b.has(x)))
      out.push(paint.warn(`${name}: A's is from ${[...a].join('/')}, B's from ${[...b].join('/')}: different sources, not one judgement compared`));
  }
  return out.slice(0, 3);
}

/**
 * The requests: "same" only when the root spans' inputs are (a preview is the last user message,
 * cut at 1,000 chars: two conversations ending on the same question share it).
 */
function requestLines(c: Comparison): string[] {
  const preview = (r: string | null) => clip(oneLine(r ?? '(none)'), 240);
  if (c.a.request !== c.b.request) return [`Request A: ${preview(c.a.request)}`, `Request B: ${preview(c.b.request)}`];
  if (c.sameRequest === true) return [`Request (same): ${preview(c.a.request)}`];
  if (c.sameRequest === null) return [`Request (the same preview; a side logged no root input to compare whole): ${preview(c.a.request)}`];
  return [paint.warn(`Request: the same preview, but the root spans' inputs differ (a preview is the last user message, cut): ${preview(c.a.request)}`)];
}

/** "identical" only for the same ids with the same texts, in the same order. */
function documentsLine(d: NonNullable<Comparison['sameness']['documents']>): string {
  if (d.identical && !d.reordered) return 'Retrieved documents: identical (the same ids and texts)';
  if (d.identical) return paint.warn('Retrieved documents: the same ids and texts, in another order (see DIFFERENCES)');
  const changed = d.changed.length ? `; the same document with another text: ${clip(d.changed.join(', '), 160)}` : '';
  return paint.warn(`Retrieved documents: differ${changed} (see DIFFERENCES)`);
}

/** Both sides, the requests and responses, the verdicts, and what is the same or differs around the spans. */
function headerLines(c: Comparison): string[] {
  const head = [
    paint.head('COMPARE two traces'),
    sideLine('A', c.a),
    sideLine('B', c.b),
    c.sameExperiment
      ? `Both in experiment ${c.a.experimentId ?? '?'}.`
      : paint.warn(`Different experiments (A: ${c.a.experimentId ?? '?'}, B: ${c.b.experimentId ?? '?'}): compared anyway.`),
  ];
  if (c.a.request || c.b.request) head.push(...requestLines(c));
  head.push(`Response A: ${clip(oneLine(c.a.response ?? '(none)'), 240)}`, `Response B: ${clip(oneLine(c.b.response ?? '(none)'), 240)}`);
  if (c.a.verdicts.length || c.b.verdicts.length) head.push(`Assessments A: ${verdictText(c.a)}`, `Assessments B: ${verdictText(c.b)}`, ...sourceMismatch(c));
  const m = c.sameness.modelParams;
  if (m)
    head.push(
      m.identical
        ? `Model parameters: identical (${m.set.join(', ') || 'none set'})`
        : paint.warn(`Model parameters: differ (${m.differ.join(', ')}; see DIFFERENCES)`) +
            (m.set.filter((k) => !m.differ.includes(k)).length ? `; identical: ${m.set.filter((k) => !m.differ.includes(k)).join(', ')}` : ''),
    );
  const d = c.sameness.documents;
  if (d) head.push(documentsLine(d));
  if (c.contextDiffers.length)
    head.push(
      `Context differs: ${c.contextDiffers
        .slice(0, 8)
        .map((d) => `${d.key} ${d.a ?? '(unset)'} → ${d.b ?? '(unset)'}`)
        .join(' · ')}`,
    );
  return head;
}

function firstDivergenceLines(c: Comparison): string[] {
  const first = [paint.head('FIRST DIVERGENCE')];
  if (c.firstDivergence) {
    first.push(`  ${paint.warn(c.firstDivergence.path)}: the earliest-ending aligned span whose output differs`);
    first.push(...diffLines(c.firstDivergence.diff, '    '));
  } else first.push('  none: every aligned span produced the same output');
  return first;
}

/** One row per aligned span, indented by its depth, with what differs in a few words. */
function spanTableLines(c: Comparison): string[] {
  const table = [
    paint.head(`SPANS — ${fmtInt(c.aligned)} aligned by name path and order, ${fmtInt(c.onlyA.length)} only in A, ${fmtInt(c.onlyB.length)} only in B`),
  ];
  for (const p of c.pairs) {
    const depth = p.path.split(' › ').length - 1;
    const name = `${'  '.repeat(depth)}${p.path.split(' › ').at(-1)}`;
    const tokens = p.a.tokens !== null || p.b.tokens !== null ? ` · tokens ${arrow(fmtInt(p.a.tokens), fmtInt(p.b.tokens))}` : '';
    const notes = pairNotes(p);
    const noted = notes.length ? ` — ${paint.warn(notes.join('; '))}` : '';
    table.push(`  ${name} [${p.type ?? '?'}] ${arrow(p.a.status, p.b.status)} · ${arrow(fmtMs(p.a.durationMs), fmtMs(p.b.durationMs))}${tokens}${noted}`);
  }
  return table;
}

function paramChange(m: NonNullable<PairDiff['model']>, k: keyof ModelParams): string {
  const change = `${paramText(m.a, k)} → ${paramText(m.b, k)}`;
  const redefined = k === 'tools' && m.toolsRedefined.length ? m.toolsRedefined : [];
  if (!redefined.length) return change;
  const names = paramText(m.a, k) === paramText(m.b, k) ? paramText(m.a, k) : change;
  return `${names}; the same name with another definition (description or parameters): ${redefined.join(', ')}`;
}

/** What each side retrieved: documents one side alone got, the same document with another text (both snippets), the order. */
function docLines(d: DocsDiff): string[] {
  const lines: string[] = [];
  if (d.onlyA.length) lines.push(`    retrieved only in A: ${clip(d.onlyA.join(', '), 300)}`);
  if (d.onlyB.length) lines.push(`    retrieved only in B: ${clip(d.onlyB.join(', '), 300)}`);
  for (const c of d.changed.slice(0, 5)) {
    if (c.a === null || c.b === null) lines.push(`    ${c.doc}: retrieved ${c.countA}× in A, ${c.countB}× in B`);
    else {
      const what = c.doc.startsWith('(no id)') ? 'another text, the same first 60 characters' : 'the same document, another text';
      lines.push(`    ${what}: ${c.doc}`, `      A: ${JSON.stringify(c.a)}`, `      B: ${JSON.stringify(c.b)}`);
    }
  }
  if (d.changed.length > 5) lines.push(`    … ${d.changed.length - 5} more documents with another text (--json: docs.changed)`);
  if (d.reordered) lines.push('    the same documents and texts, in another order');
  // Both sides whole: "only in A" alone hides what B got instead.
  const ids = (docs: readonly RetrievedDoc[]) => docs.map((x) => x.id ?? x.source ?? '?').join(', ') || '(none)';
  lines.push(`    retrieved: A ${d.a.length} (${clip(ids(d.a), 200)}) · B ${d.b.length} (${clip(ids(d.b), 200)})`);
  return lines;
}

/** Each difference of one aligned pair, in full. */
function pairDetailLines(c: Comparison, p: PairDiff, follow: CompareFollow): string[] {
  const detail = [`  ${p.path} [${p.type ?? '?'}]  (A ${follow.inspectSpan(c.a.traceId, p.a.spanId)})`];
  if (p.statusDiffers) detail.push(`    status: ${p.a.status} → ${p.b.status}`);
  if (p.model?.differs.length) detail.push(...p.model.differs.map((k) => `    ${k}: ${paramChange(p.model as NonNullable<PairDiff['model']>, k)}`));
  if (p.docs && (docsDiffer(p.docs) || p.docs.reordered)) detail.push(...docLines(p.docs));
  if (p.inputDiff) detail.push(`    ${p.type === 'TOOL' ? 'tool arguments' : 'input'}:`, ...diffLines(p.inputDiff, '      '));
  if (p.outputDiff) detail.push('    output:', ...diffLines(p.outputDiff, '      '));
  return detail;
}

function detailLines(c: Comparison, follow: CompareFollow): string[] {
  const detail = [paint.head('DIFFERENCES per aligned span')];
  for (const p of c.pairs) if (pairNotes(p).length) detail.push(...pairDetailLines(c, p, follow));
  if (detail.length === 1) detail.push('  none');
  return detail;
}

function oneSideLines(c: Comparison): string[] {
  const only = [paint.head('SPANS IN ONE TRACE ONLY')];
  for (const s of c.onlyA) only.push(`  only in A: ${s.path} [${s.type ?? '?'}] (${s.spanId})`);
  for (const s of c.onlyB) only.push(`  only in B: ${s.path} [${s.type ?? '?'}] (${s.spanId})`);
  return only;
}

export function compareSections(c: Comparison, follow: CompareFollow): Section[] {
  const sections: Section[] = [
    { name: 'header', priority: 0, lines: headerLines(c) },
    { name: 'first', priority: 0, lines: firstDivergenceLines(c) },
    { name: 'spans', priority: 2, lines: spanTableLines(c), more: follow.json },
    { name: 'details', priority: 3, lines: detailLines(c, follow), more: follow.json },
  ];
  if (c.onlyA.length || c.onlyB.length) sections.push({ name: 'only', priority: 1, lines: oneSideLines(c), more: follow.json });
  return sections;
}
