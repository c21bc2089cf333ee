/**
 * What changed between cohorts of traces (by default the two sides of the switch found). Each
 * trace read leaves a compact record (time, application, state, duration, tokens, the few
 * tag/metadata values worth splitting by, its verdicts); traces whose spans were read add
 * per-span times and the model parameters they were called with. At the end:
 *
 * - applications apart: traces are grouped by root span name (tag mlflow.traceName); the main
 *   application is analysed, the others are listed (a one-off of another app never explains
 *   the main app's slowness);
 * - the switch: detectSwitch over every few-valued key, and over span parameters;
 * - per cohort: traces, error rate, negative-verdict rate among judged traces, latency p50/p95,
 *   tokens, per-span self time, parameters, finish reasons, with the counts behind every rate;
 * - rationale clusters per verdict name, fingerprinted like failure messages, counted per cohort;
 * - a last-good / first-bad pair with the same (or nearest) request, for compare_traces.
 */
import { spanInputs, spanOutputs } from '../../trace/conventions.js';
import { isModelCall } from '../../trace/model-spans.js';
import { messagesOf } from '../../trace/messages.js';
import { type Trace } from '../../trace/trace.js';
import { buildTree, durationOf, type SpanNode } from '../../trace/tree.js';
import { fingerprint } from '../common/fingerprint.js';
import { percentile } from '../common/percentile.js';
import { mergeRationales } from '../common/rationales.js';
import { type Verdict, verdictsOf } from '../common/verdicts.js';
import { modelParams } from '../trace/model-params.js';
import { detectSwitch, rankSwitches, type Change, type SwitchFinding } from './switches.js';
import { selfTimeMs } from '../trace/timing.js';
import { type RateDifference, rateDifference } from '../common/chance.js';
import { keyedValues, MLFLOW_BOOKKEEPING, tokenTotalOf } from '../common/trace-info.js';
import { type CallCost, type CostDriver, type CostSummary, callCostsOf, costDrivers, summariseCost } from '../cost/call-costs.js';
import { BUILTIN_PRICES, type PriceTable } from '../cost/prices.js';

/** The tag holding the root span's name (MLflow 3's SDK sets it; OTLP ingest does not: see rootApps). */
export const TRACE_NAME_TAG = 'mlflow.traceName';
const keyedOf = keyedValues(MLFLOW_BOOKKEEPING);
/** A key with more values than this is an id, not a cohort. */
const MAX_VALUES = 12;
/** Under this many traces a cohort's rates say little: said, not hidden. */
export const MIN_COHORT = 20;

export type { Verdict };

export interface TraceRecord {
  id: string;
  t: number;
  app: string | null;
  state: string;
  durationMs: number | null;
  tokens: number | null;
  kv: Record<string, string>;
  request: string | null;
  verdicts: Verdict[];
}

interface SpanFacts {
  /** The root span's name: the application, when no mlflow.traceName tag says it (OTLP ingest sets none). */
  root: string | null;
  spans: Array<{ name: string; self: number; dur: number }>;
  params: Record<string, string>;
  finish: string[];
  /** Model calls with their cost (recorded, priced from the table, or unknown). */
  calls: CallCost[];
}

export function recordOf(trace: Trace): TraceRecord | null {
  const { info } = trace;
  if (info.requestTimeMs === null) return null;
  const kv: Record<string, string> = {};
  for (const [k, v] of keyedOf(info)) kv[k] = v;
  const verdicts = verdictsOf(trace);
  return {
    id: info.traceId,
    t: info.requestTimeMs,
    app: info.tags[TRACE_NAME_TAG] ?? null,
    state: info.state,
    durationMs: info.durationMs,
    tokens: tokenTotalOf(info),
    kv,
    request: info.requestPreview ? info.requestPreview.slice(0, 300) : null,
    verdicts,
  };
}

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const text = (v: unknown): string | null => (v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v));
const isLlm = isModelCall;

/** finish_reason of a model call, wherever the convention keeps it. */
function finishReasons(n: SpanNode): string[] {
  const out = obj(spanOutputs(n.span)?.value);
  const choices = Array.isArray(out.choices) ? out.choices : [];
  const reasons = choices.map((c) => text(obj(c).finish_reason)).filter((x): x is string => !!x);
  if (reasons.length) return reasons;
  const r = text(out.finish_reason ?? out.stop_reason);
  return r ? [r] : [];
}

/**
 * A model call's system prompt, as a parameter: a release that rewrites it shows as a switch like
 * max_tokens does. A prompt that holds per-request text (retrieved context) has too many values
 * to switch and is left out by the switch detection itself.
 */
function systemPrompt(n: SpanNode): string | null {
  const inputs = spanInputs(n.span)?.value;
  const system = obj(inputs).system;
  if (typeof system === 'string') return system.slice(0, 2_000);
  const first = messagesOf(inputs as never)?.find((m) => m.role === 'system');
  return first ? first.text.slice(0, 2_000) : null;
}

export function spanFactsOf(trace: Trace, prices: PriceTable = BUILTIN_PRICES): SpanFacts {
  const tree = buildTree(trace.spans);
  const facts: SpanFacts = { root: tree.roots[0]?.span.name ?? null, spans: [], params: {}, finish: [], calls: callCostsOf(trace, prices) };
  for (const node of tree.nodes) {
    const d = durationOf(node.span);
    if (d !== null) facts.spans.push({ name: node.span.name, self: selfTimeMs(node), dur: d });
    if (isLlm(node)) {
      const m = modelParams(node);
      const put = (k: string, v: unknown) => {
        const s = Array.isArray(v) ? (v.length ? v.join(',') : null) : text(v);
        if (s !== null) facts.params[`span.${node.span.name}.${k}`] = s;
      };
      put('model', m.model);
      put('temperature', m.temperature);
      put('max_tokens', m.maxTokens);
      put('top_p', m.topP);
      put('tools', m.tools);
      put('system_prompt', systemPrompt(node));
      facts.finish.push(...finishReasons(node));
    }
    const inputs = obj(spanInputs(node.span)?.value);
    for (const k of ['top_k', 'top_n', 'k']) if (inputs[k] !== undefined) facts.params[`span.${node.span.name}.${k}`] = text(inputs[k]) as string;
  }
  return facts;
}

// ---------------------------------------------------------------------------------------------
// the report
// ---------------------------------------------------------------------------------------------

export interface Rate {
  n: number;
  of: number;
  rate: number | null;
}

export interface SpanCohortStat {
  name: string;
  count: number;
  selfP50: number | null;
  selfP95: number | null;
  p50: number | null;
}

export interface Cohort {
  value: string;
  traces: number;
  first: string;
  last: string;
  errors: Rate;
  negative: Rate;
  verdicts: Array<{ name: string } & Rate>;
  latency: { p50: number | null; p95: number | null };
  tokensP50: number | null;
  spansRead: number;
  spans: SpanCohortStat[];
  params: Record<string, Array<{ value: string; count: number }>>;
  finishReasons: Array<{ value: string; count: number }>;
  /** Money over the traces read with spans (null: no model call recorded tokens or a cost). */
  cost: CostSummary | null;
}

export interface RationaleCluster {
  verdict: string;
  fingerprint: string;
  example: string;
  total: number;
  byCohort: Array<{ value: string; count: number; judged: number; newest: string | null; request: string | null }>;
  /** new: absent (or 3× rarer) before the change; gone: the reverse; steady otherwise. */
  trend: 'new' | 'gone' | 'steady' | 'one cohort' | 'unjudged';
}

export interface SlowSpan {
  name: string;
  fromSelfP50: number;
  toSelfP50: number;
  ratio: number | null;
  traces: { from: number; to: number };
}

export interface ParamChange {
  key: string;
  from: string;
  to: string;
  counts: { from: number; fromOf: number; to: number; toOf: number };
}

export interface TracePair {
  lastGood: { traceId: string; time: string; request: string | null };
  firstBad: { traceId: string; time: string; request: string | null; why: string };
  sameRequest: boolean;
}

export interface Application {
  name: string;
  traces: number;
  slowest: { traceId: string; durationMs: number } | null;
}

export interface ChangeReport {
  applications: Application[];
  /**
   * When no trace carries the mlflow.traceName tag (OTLP ingest sets none): the applications in
   * the traces whose spans were read, by root span name. Trace counts and latency then mix them;
   * the cohorts' span table keeps the first one's.
   */
  rootApps: Array<{ name: string; traces: number }>;
  /** The application analysed (null when the traces carry no root name). */
  app: string | null;
  appTraces: number;
  switches: Array<{
    key: string;
    kind: SwitchFinding['kind'];
    changes: Change[];
    together: Array<{ key: string; from: string; to: string }>;
    /** What each change's counts count: every trace read (tags, metadata), or the traces read with spans (span parameters). */
    counts: 'traces read' | 'traces read with spans';
    /** The last trace before the (last) change and the first after it: a compare_traces pair. */
    pair: SwitchPair | null;
  }>;
  /** Keys that hold one value over the whole window (a switch may be older than it). */
  constantKeys: Array<{ key: string; value: string }>;
  by: string | null;
  bySource: 'switch' | 'option' | null;
  from: string | null;
  to: string | null;
  cohorts: Cohort[];
  tooSmall: string[];
  /** Error and negative-verdict rates of the two cohorts compared: beyond chance or not (Fisher's exact test). */
  differences: RateDifference[];
  slowSpan: SlowSpan | null;
  paramChanges: ParamChange[];
  rationales: RationaleCluster[];
  pair: TracePair | null;
  /** What moves the cost per trace from `from` to `to`, span by span (traces read with spans). */
  costDrivers: CostDriver[];
  /** The last trace of `from` before the first of `to` and that one: offered whenever there are two sides (with --by too). */
  switchPair: SwitchPair | null;
  spanKeysFrom: number;
  /**
   * How the span samples were taken: either side of the change found (the newest before it, the
   * first after), or, for cohorts that interleave in time (--by a key that did not switch), both
   * newest first and cut to the time range both cover, so time does not pass for the cohort key.
   */
  sampling: 'either side' | 'same range';
  /** With 'same range': the range both cohorts' samples were cut to (null: they do not overlap, or no sample). */
  sampleRange: { from: string; to: string } | null;
}

export interface SwitchPair {
  before: { traceId: string; time: string; value: string };
  after: { traceId: string; time: string; value: string };
}

const iso = (ms: number) => new Date(ms).toISOString();
const rate = (n: number, of: number): Rate => ({ n, of, rate: of ? n / of : null });
const tally = (values: readonly string[]) => {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return [...m.entries()].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count);
};

/**
 * Switch findings for the keys `valuesOf` gives each record. A key is dropped as soon as it shows
 * more than MAX_VALUES values (an id): its points are not kept.
 */
function keyFindings(recs: readonly TraceRecord[], valuesOf: (r: TraceRecord) => Record<string, string> | undefined): SwitchFinding[] {
  const keys = new Map<string, { points: Array<{ t: number; value: string }>; values: Set<string> }>();
  const tooMany = new Set<string>();
  for (const r of recs) {
    const kv = valuesOf(r);
    if (!kv) continue;
    for (const [k, value] of Object.entries(kv)) {
      if (tooMany.has(k)) continue;
      let key = keys.get(k);
      if (!key) keys.set(k, (key = { points: [], values: new Set() }));
      key.values.add(value);
      if (key.values.size > MAX_VALUES) {
        tooMany.add(k);
        keys.delete(k);
        continue;
      }
      key.points.push({ t: r.t, value });
    }
  }
  return [...keys].map(([key, { points }]) => detectSwitch(key, points));
}

type RationaleAcc = { verdict: string; fingerprint: string; example: string; per: Map<string, { count: number; newest: TraceRecord }> };

/**
 * Rationales that differ in one word only ("(Saver is missing)" / "(Economy is missing)") are one
 * complaint: merged per verdict, their counts summed per cohort.
 */
const mergeRationaleVariants = (accs: readonly RationaleAcc[]): RationaleAcc[] =>
  mergeRationales(accs, {
    group: (c) => c.verdict,
    fingerprint: (c) => c.fingerprint,
    text: (c) => c.example,
    combine: (items, fp, example) => {
      const per = new Map<string, { count: number; newest: TraceRecord }>();
      for (const c of items)
        for (const [value, p] of c.per) {
          const q = per.get(value);
          if (!q) per.set(value, { ...p });
          else {
            q.count += p.count;
            if (p.newest.t > q.newest.t) q.newest = p.newest;
          }
        }
      return { verdict: (items[0] as RationaleAcc).verdict, fingerprint: fp, example, per };
    },
  });

/** Collects records as pages stream in; `report` does the rest once every pass is done. */
export class ChangeAccumulator {
  readonly records: TraceRecord[] = [];
  private readonly facts = new Map<string, SpanFacts>();

  constructor(private readonly prices: PriceTable = BUILTIN_PRICES) {}

  addInfo(trace: Trace): void {
    const r = recordOf(trace);
    if (r) this.records.push(r);
  }

  addSpans(trace: Trace): void {
    if (this.facts.has(trace.info.traceId) || !trace.spans.length) return;
    this.facts.set(trace.info.traceId, spanFactsOf(trace, this.prices));
  }

  applications(): Application[] {
    const m = new Map<string, Application>();
    for (const r of this.records) {
      if (r.app === null) continue;
      let a = m.get(r.app);
      if (!a) m.set(r.app, (a = { name: r.app, traces: 0, slowest: null }));
      a.traces += 1;
      if (r.durationMs !== null && (!a.slowest || r.durationMs > a.slowest.durationMs)) a.slowest = { traceId: r.id, durationMs: r.durationMs };
    }
    return [...m.values()].sort((a, b) => b.traces - a.traces);
  }

  /** The application analysed: the one asked for, else the one with most traces. */
  mainApp(asked?: string): string | null {
    if (asked) return asked;
    return this.applications()[0]?.name ?? null;
  }

  private appRecords(app: string | null): TraceRecord[] {
    return app === null ? this.records : this.records.filter((r) => r.app === app || r.app === null);
  }

  /** The tag / metadata keys' findings, kept while no trace info is added: a triage reports twice. */
  /** Verdict names given by more than one source: their rows are per source (a judge's rate is never mixed with people's). */
  private multiSource = new Set<string>();
  private label = (v: Verdict) => (this.multiSource.has(v.name) ? `${v.name} [${v.source}]` : v.name);

  private kvFindings: { app: string | null; records: number; findings: SwitchFinding[] } | null = null;

  /** Switch findings over every few-valued key of the app's traces (and span parameters read). */
  switches(app: string | null): SwitchFinding[] {
    const recs = this.appRecords(app);
    if (this.kvFindings?.app !== app || this.kvFindings.records !== this.records.length)
      this.kvFindings = { app, records: this.records.length, findings: keyFindings(recs, (r) => r.kv) };
    return [...this.kvFindings.findings, ...keyFindings(recs, (r) => this.facts.get(r.id)?.params)];
  }

  /** A `--by` key as the user wrote it (app_version, tag.app_version, metadata.x) → the record key. */
  resolveKey(by: string): string | null {
    const keys = new Set<string>();
    for (const r of this.records) for (const k of Object.keys(r.kv)) keys.add(k);
    for (const f of this.facts.values()) for (const k of Object.keys(f.params)) keys.add(k);
    if (keys.has(by)) return by;
    for (const prefix of ['tag.', 'metadata.', 'span.']) if (keys.has(prefix + by)) return prefix + by;
    return [...keys].find((k) => k.endsWith(`.${by}`)) ?? null;
  }

  knownKeys(): string[] {
    const keys = new Set<string>();
    for (const r of this.records) for (const k of Object.keys(r.kv)) keys.add(k);
    return [...keys].sort();
  }

  valueOf(r: TraceRecord, key: string): string | null {
    return r.kv[key] ?? this.facts.get(r.id)?.params[key] ?? null;
  }

  /**
   * The switch, the cohort key and the two sides to compare, with no cohort statistics: what
   * choosing the span samples needs (`report` once they are read).
   */
  plan(o: { by?: string; app?: string }): ChangeReport {
    const applications = this.applications();
    const app = this.mainApp(o.app);
    const recs = this.appRecords(app);
    const findings = this.switches(app);
    const groups = rankSwitches(findings);
    const switches = groups.map((g) => {
      const last = g.lead.changes.at(-1);
      return {
        key: g.lead.key,
        kind: g.lead.kind,
        changes: g.lead.changes,
        together: g.together.map((f) => ({ key: f.key, from: f.changes[0]?.from ?? '', to: f.changes.at(-1)?.to ?? '' })),
        counts: g.lead.key.startsWith('span.') ? ('traces read with spans' as const) : ('traces read' as const),
        pair: last ? this.switchPair(recs, g.lead.key, last.from, last.to, last.firstToMs) : null,
      };
    });
    const constantKeys = findings
      .filter((f) => f.kind === 'constant' && f.points === recs.length && !f.key.startsWith('span.'))
      .map((f) => ({ key: f.key, value: f.values[0]?.value ?? '' }));
    const lead = groups[0]?.lead;
    const by = o.by ?? lead?.key ?? null;
    const base: ChangeReport = {
      applications,
      rootApps: applications.length ? [] : this.rootApps(),
      app,
      appTraces: recs.length,
      switches,
      constantKeys,
      by,
      bySource: o.by ? 'option' : by ? 'switch' : null,
      from: null,
      to: null,
      cohorts: [],
      tooSmall: [],
      differences: [],
      slowSpan: null,
      paramChanges: [],
      rationales: [],
      pair: null,
      switchPair: null,
      costDrivers: [],
      spanKeysFrom: this.facts.size,
      sampling: 'either side',
      sampleRange: null,
    };
    if (!by) return base;
    // Compare the two sides of the (last) change; with --by and no switch, the two largest.
    // A --by key that switched on its own is compared either side of its change too; one that interleaves, over the same time range.
    const change = o.by === undefined || o.by === lead?.key ? lead?.changes.at(-1) : findings.find((f) => f.key === by)?.changes.at(-1);
    if (change) return { ...base, from: change.from, to: change.to, switchPair: this.switchPair(recs, by, change.from, change.to, change.firstToMs) };
    const sides = [...this.cohortGroups(recs, by)]
      .map(([value, rs]) => ({ value, n: rs.length, first: rs.reduce((m, r) => Math.min(m, r.t), Number.POSITIVE_INFINITY), newestT: rs[0]?.t ?? 0 }))
      .sort((a, b) => a.first - b.first)
      .sort((a, b) => b.n - a.n)
      .slice(0, 2)
      .sort((x, y) => x.newestT - y.newestT);
    const from = sides[0]?.value ?? null;
    const to = sides[1]?.value ?? null;
    return { ...base, from, to, sampling: 'same range', switchPair: from && to ? this.switchPair(recs, by, from, to) : null };
  }

  /**
   * The last trace with `from` before `to` took over (its first trace at or after `atMs`; by
   * default `to`'s first trace), and that first trace: the pair either side of the change.
   */
  private switchPair(recs: readonly TraceRecord[], key: string, from: string, to: string, atMs?: number): SwitchPair | null {
    let after: TraceRecord | null = null;
    for (const r of recs) if (this.valueOf(r, key) === to && (atMs === undefined || r.t >= atMs) && (!after || r.t < after.t)) after = r;
    if (!after) return null;
    let before: TraceRecord | null = null;
    for (const r of recs) if (this.valueOf(r, key) === from && r.t <= after.t && (!before || r.t > before.t)) before = r;
    if (!before) for (const r of recs) if (this.valueOf(r, key) === from && (!before || r.t > before.t)) before = r;
    if (!before) return null;
    return { before: { traceId: before.id, time: iso(before.t), value: from }, after: { traceId: after.id, time: iso(after.t), value: to } };
  }

  /** The plan with every cohort's statistics, the rate differences, the slow span, the parameters, the rationales and a pair. */
  report(o: { by?: string; app?: string }): ChangeReport {
    const plan = this.plan(o);
    const { by, from, to } = plan;
    if (!by) return plan;
    const recs = this.appRecords(plan.app);
    const spanApp = this.spanApp(plan.app);
    this.multiSource = multiSourceNames(recs);
    const groups = this.cohortGroups(recs, by);
    const range = plan.sampling === 'same range' && from && to ? this.commonSampleRange(groups.get(from) ?? [], groups.get(to) ?? []) : null;
    const inRange = (r: TraceRecord) => plan.sampling !== 'same range' || (range !== null && r.t >= range[0] && r.t <= range[1]);
    const cohorts = [...groups].map(([value, rs]) => this.cohort(value, rs, spanApp, inRange)).sort((a, b) => a.first.localeCompare(b.first));
    const A = cohorts.find((c) => c.value === from);
    const B = cohorts.find((c) => c.value === to);
    return {
      ...plan,
      cohorts,
      tooSmall: cohorts.filter((c) => c.traces < MIN_COHORT).map((c) => c.value),
      differences: A && B ? differences(A, B) : [],
      slowSpan: A && B ? slowSpan(A, B) : null,
      paramChanges: A && B ? paramChanges(A, B) : [],
      rationales: this.rationales(by, recs, cohorts, from ?? undefined, to ?? undefined),
      pair: from && to ? this.pair(by, recs, from, to) : null,
      costDrivers: A?.cost && B?.cost ? costDrivers(A.cost, B.cost) : [],
      sampleRange: range ? { from: iso(range[0]), to: iso(range[1]) } : null,
    };
  }

  /** The time range both cohorts' traces read with spans cover (null: one has none, or they do not overlap). */
  private commonSampleRange(a: readonly TraceRecord[], b: readonly TraceRecord[]): [number, number] | null {
    const span = (rs: readonly TraceRecord[]) => {
      const ts = rs.filter((r) => this.facts.has(r.id)).map((r) => r.t);
      return ts.length ? [Math.min(...ts), Math.max(...ts)] : null;
    };
    const x = span(a);
    const y = span(b);
    if (!x || !y) return null;
    const lo = Math.max(x[0] as number, y[0] as number);
    const hi = Math.min(x[1] as number, y[1] as number);
    return lo <= hi ? [lo, hi] : null;
  }

  /** The app's records by their value of the cohort key, in record order. */
  private cohortGroups(recs: readonly TraceRecord[], by: string): Map<string, TraceRecord[]> {
    const groups = new Map<string, TraceRecord[]>();
    for (const r of recs) {
      const v = this.valueOf(r, by) ?? '(unset)';
      let g = groups.get(v);
      if (!g) groups.set(v, (g = []));
      g.push(r);
    }
    return groups;
  }

  /**
   * When no trace is tagged with its root name (OTLP ingest tags none), the application whose
   * spans the cohorts describe: the root most traces read with spans have, if they have several.
   * Another application's spans (a 30 s batch job) must not fill the table. With the tag, the
   * records are that application's already (null: no further filter).
   */
  private spanApp(app: string | null): string | null {
    return app !== null ? null : (this.rootApps()[0]?.name ?? null);
  }

  /** Root span names of the traces read with spans, most traces first, when there are several. */
  private rootApps(): Array<{ name: string; traces: number }> {
    const roots = new Map<string, number>();
    for (const f of this.facts.values()) if (f.root !== null) roots.set(f.root, (roots.get(f.root) ?? 0) + 1);
    if (roots.size < 2) return [];
    return [...roots].map(([name, traces]) => ({ name, traces })).sort((a, b) => b.traces - a.traces || a.name.localeCompare(b.name));
  }

  private cohort(value: string, rs: readonly TraceRecord[], spanApp: string | null = null, inRange: (r: TraceRecord) => boolean = () => true): Cohort {
    const judged = rs.filter((r) => r.verdicts.length);
    const names = new Map<string, { n: number; of: number }>();
    for (const r of judged) {
      for (const name of new Set(r.verdicts.map(this.label))) {
        const s = names.get(name) ?? { n: 0, of: 0 };
        s.of += 1;
        if (r.verdicts.some((v) => this.label(v) === name && v.negative)) s.n += 1;
        names.set(name, s);
      }
    }
    const spanTimes = new Map<string, { self: number[]; dur: number[] }>();
    const params = new Map<string, string[]>();
    const finish: string[] = [];
    const costed: Array<{ t: number; calls: CallCost[] }> = [];
    let spansRead = 0;
    for (const r of rs) {
      const f = this.facts.get(r.id);
      if (!f || (spanApp !== null && f.root !== null && f.root !== spanApp) || !inRange(r)) continue;
      spansRead += 1;
      for (const s of f.spans) {
        let x = spanTimes.get(s.name);
        if (!x) spanTimes.set(s.name, (x = { self: [], dur: [] }));
        x.self.push(s.self);
        x.dur.push(s.dur);
      }
      for (const [k, v] of Object.entries(f.params)) {
        let x = params.get(k);
        if (!x) params.set(k, (x = []));
        x.push(v);
      }
      finish.push(...f.finish);
      costed.push({ t: r.t, calls: f.calls });
    }
    const durs = rs.map((r) => r.durationMs).filter((d): d is number => d !== null);
    const toks = rs.map((r) => r.tokens).filter((d): d is number => d !== null);
    let first = Number.POSITIVE_INFINITY;
    let last = Number.NEGATIVE_INFINITY;
    for (const r of rs) {
      first = Math.min(first, r.t);
      last = Math.max(last, r.t);
    }
    return {
      value,
      traces: rs.length,
      first: iso(first),
      last: iso(last),
      errors: rate(rs.filter((r) => r.state === 'ERROR').length, rs.length),
      negative: rate(judged.filter((r) => r.verdicts.some((v) => v.negative)).length, judged.length),
      verdicts: [...names.entries()].map(([name, s]) => ({ name, ...rate(s.n, s.of) })).sort((a, b) => a.name.localeCompare(b.name)),
      latency: { p50: percentile(durs, 0.5), p95: percentile(durs, 0.95) },
      tokensP50: percentile(toks, 0.5),
      spansRead,
      spans: [...spanTimes.entries()]
        .map(([name, x]) => ({ name, count: x.self.length, selfP50: percentile(x.self, 0.5), selfP95: percentile(x.self, 0.95), p50: percentile(x.dur, 0.5) }))
        .sort((a, b) => (b.selfP50 ?? 0) - (a.selfP50 ?? 0)),
      params: Object.fromEntries([...params.entries()].map(([k, v]) => [k, tally(v)])),
      finishReasons: tally(finish),
      cost: summariseCost(costed, this.prices),
    };
  }

  private rationales(by: string, recs: readonly TraceRecord[], cohorts: readonly Cohort[], from?: string, to?: string): RationaleCluster[] {
    const clusters = new Map<string, RationaleAcc>();
    for (const r of recs) {
      const value = this.valueOf(r, by) ?? '(unset)';
      for (const v of r.verdicts) {
        if (!v.negative) continue;
        const fp = v.rationale ? fingerprint(v.rationale) : '(no rationale)';
        const key = `${this.label(v)}\u0000${fp}`;
        let c = clusters.get(key);
        if (!c) clusters.set(key, (c = { verdict: this.label(v), fingerprint: fp, example: v.rationale ?? '', per: new Map() }));
        const p = c.per.get(value);
        if (!p) c.per.set(value, { count: 1, newest: r });
        else {
          p.count += 1;
          if (r.t > p.newest.t) p.newest = r;
        }
      }
    }
    const judgedIn = (value: string, verdict: string) => cohorts.find((c) => c.value === value)?.verdicts.find((v) => v.name === verdict)?.of ?? 0;
    return mergeRationaleVariants([...clusters.values()])
      .map((c) => {
        const byCohort = cohorts
          .map((co) => {
            const p = c.per.get(co.value);
            return {
              value: co.value,
              count: p?.count ?? 0,
              judged: judgedIn(co.value, c.verdict),
              newest: p?.newest.id ?? null,
              request: p?.newest.request ?? null,
            };
          })
          .filter((x) => x.count > 0 || x.value === from || x.value === to);
        const total = byCohort.reduce((s, x) => s + x.count, 0);
        return { verdict: c.verdict, fingerprint: c.fingerprint, example: c.example, total, byCohort, trend: trendOf(byCohort, from, to) };
      })
      .sort((a, b) => b.total - a.total);
  }

  /**
   * The first bad trace after the change (a negative verdict or an error), and the newest good
   * one before it asking the same thing, else the good one nearest in time.
   */
  private pair(by: string, recs: readonly TraceRecord[], from: string, to: string): TracePair | null {
    const bad = (r: TraceRecord) => r.state === 'ERROR' || r.verdicts.some((v) => v.negative);
    const good = (r: TraceRecord) => r.state === 'OK' && r.verdicts.length > 0 && !bad(r);
    const after = recs.filter((r) => this.valueOf(r, by) === to && bad(r)).sort((a, b) => a.t - b.t);
    const before = recs.filter((r) => this.valueOf(r, by) === from && good(r)).sort((a, b) => b.t - a.t);
    const fb = after.find((r) => r.verdicts.some((v) => v.negative)) ?? after[0];
    if (!fb || !before.length) return null;
    const same = before.find((r) => r.request !== null && r.request === fb.request);
    const lg = same ?? (before[0] as TraceRecord);
    const why = fb.verdicts.find((v) => v.negative);
    return {
      lastGood: { traceId: lg.id, time: iso(lg.t), request: lg.request },
      firstBad: { traceId: fb.id, time: iso(fb.t), request: fb.request, why: why ? `${why.name}: ${why.rationale ?? 'negative'}` : 'ERROR' },
      sameRequest: !!same,
    };
  }
}

const multiSourceNames = (recs: readonly TraceRecord[]): Set<string> => {
  const sources = new Map<string, Set<string>>();
  for (const r of recs) for (const v of r.verdicts) sources.set(v.name, (sources.get(v.name) ?? new Set()).add(v.source));
  return new Set([...sources].filter(([, s]) => s.size > 1).map(([n]) => n));
};

function trendOf(byCohort: RationaleCluster['byCohort'], from?: string, to?: string): RationaleCluster['trend'] {
  const a = byCohort.find((x) => x.value === from);
  const b = byCohort.find((x) => x.value === to);
  if (!a || !b) return 'one cohort';
  // No such verdict at all on one side: where the scorer ran, not what changed.
  if (a.judged === 0 || b.judged === 0) return 'unjudged';
  const ra = a.judged ? a.count / a.judged : 0;
  const rb = b.judged ? b.count / b.judged : 0;
  if (a.count === 0 || rb >= 3 * ra) return b.count ? 'new' : 'steady';
  if (b.count === 0 || ra >= 3 * rb) return 'gone';
  return 'steady';
}

/** The span whose median self time grew most from one cohort to the other. */
export function slowSpan(a: Cohort, b: Cohort): SlowSpan | null {
  let best: SlowSpan | null = null;
  for (const s of b.spans) {
    const o = a.spans.find((x) => x.name === s.name);
    if (!o || o.selfP50 === null || s.selfP50 === null || o.count < 3 || s.count < 3) continue;
    const grew = s.selfP50 - o.selfP50;
    if (grew <= 0 || (best && grew <= best.toSelfP50 - best.fromSelfP50)) continue;
    best = {
      name: s.name,
      fromSelfP50: o.selfP50,
      toSelfP50: s.selfP50,
      ratio: o.selfP50 > 0 ? s.selfP50 / o.selfP50 : null,
      traces: { from: o.count, to: s.count },
    };
  }
  // Worth naming: at least 50 % slower and 20 ms more.
  return best && best.toSelfP50 - best.fromSelfP50 >= 20 && (best.ratio === null || best.ratio >= 1.5) ? best : null;
}

/** Parameters whose usual value differs between the cohorts. */
export function paramChanges(a: Cohort, b: Cohort): ParamChange[] {
  const out: ParamChange[] = [];
  for (const [key, tb] of Object.entries(b.params)) {
    const ta = a.params[key];
    const ma = ta?.[0];
    const mb = tb[0];
    if (!ma || !mb || ma.value === mb.value) continue;
    const fromOf = ta.reduce((s, x) => s + x.count, 0);
    const toOf = tb.reduce((s, x) => s + x.count, 0);
    // A value most calls of each side share, or it is per-request text (a prompt holding the retrieved passages), not a setting.
    if (ma.count * 2 < fromOf || mb.count * 2 < toOf) continue;
    out.push({
      key,
      from: ma.value,
      to: mb.value,
      counts: { from: ma.count, fromOf, to: mb.count, toOf },
    });
  }
  return out;
}

/** Where a version began when the whole window had one value: found by one look-back search. */
export interface OnsetFinding {
  key: string;
  value: string;
  /** Traces read before the window, and whether the search was cut at LOOK_BACK. */
  read: number;
  cut: boolean;
  lastGood: { traceId: string; time: string; value: string } | null;
  /** The oldest trace with the current value after the last good one (or the oldest read). */
  onset: { traceId: string; time: string } | null;
  windowStart: string;
}

/** The two cohorts' error and negative-verdict rates, each with whether chance explains the gap. */
function differences(a: Cohort, b: Cohort): RateDifference[] {
  return [rateDifference('errors', a.errors, b.errors), rateDifference('negative verdicts', a.negative, b.negative)].filter(
    (d): d is RateDifference => d !== null && (d.from.n > 0 || d.to.n > 0),
  );
}
