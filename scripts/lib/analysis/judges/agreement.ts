/**
 * Can the judge be trusted: for each assessment name scored by more than one source (LLM judge,
 * human, code), how often they agree over the traces both scored (rate, Cohen's kappa, the
 * confusion table), where they disagree (grouped by what the inputs share and the rationale),
 * whether one source gave different verdicts to the same input and output, and which traces each
 * source covered at all (a comparison across versions may only say where the judge ran).
 */
import type { Trace } from '../../trace/trace.js';
import { sourceOf } from '../common/verdicts.js';
import { polarityOf } from '../trace/assessments.js';
import { cohenKappa, type Kappa } from './kappa.js';
import { coverageOf, type SourceCoverage } from './coverage.js';
import { distinctiveWords, fingerprint } from './fingerprint.js';
import { type OverrideFlip, overrideFlips } from './override-flips.js';

/** One verdict as compared: a label every value type maps to (pass/fail, else the value itself). */
export interface Verdict {
  traceId: string;
  name: string;
  source: string;
  sourceId: string | null;
  value: unknown;
  label: string;
  rationale: string | null;
  input: string;
  output: string;
}

export interface DisagreementGroup {
  labels: Record<string, string>;
  count: number;
  rationales: Record<string, string | null>;
  /** Words most of these inputs share and the agreeing ones mostly lack ("timezone: 9 of 9 here, 1 of 8 agreeing"). */
  inputWords: Array<{ word: string; here: number; agreeing: number }>;
  example: string;
  traceIds: string[];
}

export interface PairReport {
  a: string;
  b: string;
  both: number;
  agree: number;
  rate: number | null;
  kappa: Kappa;
  /** confusion[labelA][labelB] = count. */
  confusion: Record<string, Record<string, number>>;
  disagreements: DisagreementGroup[];
}

export interface Inconsistency {
  source: string;
  count: number;
  labels: Record<string, number>;
  /** One rationale per label: what the source said each way. */
  rationales: Record<string, string | null>;
  input: string;
  /** The output they share (its preview, cut): the grouping key is input and output. */
  output: string;
  traceIds: string[];
  /** Which trace got which label: the one to file is the odd one out. */
  byLabel: Record<string, string[]>;
}

export interface NameReport {
  name: string;
  sources: SourceCoverage[];
  pairs: PairReport[];
  inconsistencies: Inconsistency[];
  /** The same trace judged twice by one source with different verdicts, the first overridden. */
  overrideFlips: OverrideFlip[];
  /** One source only: said, no agreement computed. */
  singleSource: boolean;
}

export interface JudgeReport {
  traces: number;
  names: NameReport[];
  /** Assessments left out and why (overridden, scorer errors, expectations). */
  skipped: { overridden: number; errors: Record<string, number>; errorCodes: Record<string, Record<string, number>>; expectations: number };
}

export { sourceOf };

/** pass / fail where the value reads that way (bool, yes/no, a score on a known scale), else the value itself. */
export function labelOf(value: unknown, name: string): string {
  const p = polarityOf(value, name);
  if (p === 'negative') return 'fail';
  if (p === 'positive') return 'pass';
  if (typeof value === 'string') return value.trim().toLowerCase();
  return JSON.stringify(value);
}

const MAX_GROUPS = 10;
const MAX_IDS = 20;

/**
 * The latest valid feedback of each (trace, name, source): a re-run or a reviewer's change replaces the earlier one.
 * With `only`, what is left out is counted for that name alone, as the report speaks of it alone.
 */
function verdictsOf(traces: readonly Trace[], skipped: JudgeReport['skipped'], only?: string): Verdict[] {
  const latest = new Map<string, { v: Verdict; t: string }>();
  for (const trace of traces) {
    const input = trace.info.requestPreview ?? '';
    const output = trace.info.responsePreview ?? '';
    for (const a of trace.info.assessments) {
      if (only !== undefined && a.name !== only) continue;
      if (a.kind === 'expectation') {
        skipped.expectations++;
        continue;
      }
      if (a.kind !== 'feedback') continue;
      const source = sourceOf(a);
      if (a.error) {
        skipped.errors[source] = (skipped.errors[source] ?? 0) + 1;
        const codes = (skipped.errorCodes[source] ??= {});
        codes[a.error.code] = (codes[a.error.code] ?? 0) + 1;
        continue;
      }
      if (!a.valid) {
        skipped.overridden++;
        continue;
      }
      const key = `${trace.info.traceId}\u0000${a.name}\u0000${source}`;
      const t = a.createTime ?? '';
      const prev = latest.get(key);
      if (prev && prev.t > t) continue;
      latest.set(key, {
        t,
        v: {
          traceId: trace.info.traceId,
          name: a.name,
          source,
          sourceId: a.sourceId,
          value: a.value,
          label: labelOf(a.value, a.name),
          rationale: a.rationale,
          input,
          output,
        },
      });
    }
  }
  return [...latest.values()].map((x) => x.v);
}

function comparePair(a: string, b: string, byTrace: Map<string, Map<string, Verdict>>): PairReport {
  const confusion: Record<string, Record<string, number>> = {};
  const pairs: Array<[Verdict, Verdict]> = [];
  for (const m of byTrace.values()) {
    const va = m.get(a);
    const vb = m.get(b);
    if (!va || !vb) continue;
    pairs.push([va, vb]);
    const row = confusion[va.label] ?? {};
    row[vb.label] = (row[vb.label] ?? 0) + 1;
    confusion[va.label] = row;
  }
  const agreeing = pairs.filter(([x, y]) => x.label === y.label);
  const differing = pairs.filter(([x, y]) => x.label !== y.label);
  const groups = new Map<string, Array<[Verdict, Verdict]>>();
  for (const p of differing) {
    const k = `${p[0].label}\u0000${p[1].label}\u0000${fingerprint(p[0].rationale ?? '')}\u0000${fingerprint(p[1].rationale ?? '')}`;
    groups.set(k, [...(groups.get(k) ?? []), p]);
  }
  // Groups with the same labels and one rationale fingerprint merge when the inputs share their words.
  const disagreements = [...groups.values()]
    .sort((x, y) => y.length - x.length)
    .slice(0, MAX_GROUPS)
    .map((g) => {
      const [first] = g as [[Verdict, Verdict]];
      return {
        labels: { [a]: first[0].label, [b]: first[1].label },
        count: g.length,
        rationales: { [a]: first[0].rationale, [b]: first[1].rationale },
        inputWords: distinctiveWords(
          g.map(([x]) => x.input),
          agreeing.map(([x]) => x.input),
        ),
        example: first[0].traceId,
        traceIds: g.slice(0, MAX_IDS).map(([x]) => x.traceId),
      };
    });
  return {
    a,
    b,
    both: pairs.length,
    agree: agreeing.length,
    rate: pairs.length ? agreeing.length / pairs.length : null,
    kappa: cohenKappa(
      pairs.map(([x, y]) => [x.label, y.label]),
      [a, b],
    ),
    confusion,
    disagreements,
  };
}

/** The same input and output given different labels by one source. */
function inconsistencies(verdicts: readonly Verdict[]): Inconsistency[] {
  const groups = new Map<string, Verdict[]>();
  for (const v of verdicts) {
    if (!v.input) continue;
    const k = `${v.source}\u0000${fingerprint(v.input, false)}\u0000${fingerprint(v.output, false)}`;
    groups.set(k, [...(groups.get(k) ?? []), v]);
  }
  const out: Inconsistency[] = [];
  for (const g of groups.values()) {
    const labels: Record<string, number> = {};
    const rationales: Record<string, string | null> = {};
    const byLabel: Record<string, string[]> = {};
    for (const v of g) {
      labels[v.label] = (labels[v.label] ?? 0) + 1;
      rationales[v.label] ??= v.rationale;
      byLabel[v.label] = [...(byLabel[v.label] ?? []), v.traceId].slice(0, MAX_IDS);
    }
    if (Object.keys(labels).length < 2) continue;
    const first = g[0] as Verdict;
    out.push({
      source: first.source,
      count: g.length,
      labels,
      rationales,
      input: first.input.slice(0, 200),
      output: first.output.slice(0, 200),
      traceIds: g.slice(0, MAX_IDS).map((v) => v.traceId),
      byLabel,
    });
  }
  return out.sort((x, y) => y.count - x.count).slice(0, MAX_GROUPS);
}

export function analyseJudges(traces: readonly Trace[], only?: string): JudgeReport {
  const skipped: JudgeReport['skipped'] = { overridden: 0, errors: {}, errorCodes: {}, expectations: 0 };
  const verdicts = verdictsOf(traces, skipped, only);
  const byName = new Map<string, Verdict[]>();
  for (const v of verdicts) if (!only || v.name === only) byName.set(v.name, [...(byName.get(v.name) ?? []), v]);
  const names: NameReport[] = [];
  for (const [name, vs] of byName) {
    const sources = [...new Set(vs.map((v) => v.source))].sort(humanFirst);
    const byTrace = new Map<string, Map<string, Verdict>>();
    for (const v of vs) {
      const m = byTrace.get(v.traceId) ?? new Map<string, Verdict>();
      m.set(v.source, v);
      byTrace.set(v.traceId, m);
    }
    const pairs: PairReport[] = [];
    for (let i = 0; i < sources.length; i++)
      for (let j = i + 1; j < sources.length; j++) pairs.push(comparePair(sources[i] as string, sources[j] as string, byTrace));
    names.push({
      name,
      sources: sources.map((s) =>
        coverageOf(
          s,
          vs.filter((v) => v.source === s),
          traces,
        ),
      ),
      pairs,
      inconsistencies: inconsistencies(vs),
      overrideFlips: overrideFlips(traces, name, labelOf),
      singleSource: sources.length < 2,
    });
  }
  // Names compared across sources first, then by how many verdicts they hold.
  names.sort((x, y) => Number(x.singleSource) - Number(y.singleSource) || total(y) - total(x));
  return { traces: traces.length, names, skipped };
}

const total = (n: NameReport) => n.sources.reduce((s, c) => s + c.verdicts, 0);
const ORDER = ['HUMAN', 'CODE', 'LLM_JUDGE'];
/** Humans first: the reference a judge is checked against. */
export const humanFirst = (x: string, y: string) => (ORDER.indexOf(x) + 1 || 9) - (ORDER.indexOf(y) + 1 || 9) || x.localeCompare(y);
