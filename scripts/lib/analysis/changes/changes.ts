/**
 * What changed between cohorts of traces (by default the two sides of the switch found). Each
 * trace read leaves a compact record (trace-record.ts); traces whose spans were read add per-span
 * times and the model parameters they were called with (span-facts.ts). At the end:
 *
 * - applications apart (applications.ts): the main application is analysed, the others listed (a
 *   one-off of another app never explains the main app's slowness);
 * - the switch: detectSwitch over every few-valued key, and over span parameters (key-switches.ts);
 * - per cohort (cohort-stats.ts), what differs between the two compared (cohort-diff.ts), the
 *   rationale clusters (rationale-clusters.ts), and pairs of traces for compare_traces (trace-pairs.ts);
 * - whether the verdict sources behind the negative rates cover both cohorts alike (verdict-coverage.ts).
 */
import type { Trace } from '../../trace/trace.js';
import { costDrivers } from '../cost/call-costs.js';
import { priceVolumeSplits } from '../cost/price-volume.js';
import { BUILTIN_PRICES, type PriceTable } from '../cost/prices.js';
import { applicationsOf, rootAppsOf } from './applications.js';
import type { Application, ChangeReport, SwitchRow } from './change-report.js';
import { differences, paramChanges, slowSpan } from './cohort-diff.js';
import { cohortGroups, commonSampleRange, twoLargest } from './cohort-sides.js';
import { cohortOf, MIN_COHORT } from './cohort-stats.js';
import { keySwitches } from './key-switches.js';
import { rationaleClusters } from './rationale-clusters.js';
import { rollbackCost, rollbackPlan } from './rollback.js';
import { type SpanFacts, spanFactsOf } from './span-facts.js';
import { verdictCoverage } from './verdict-coverage.js';
import { rankSwitches, type SwitchFinding, valuePath } from './switches.js';
import { badAfterGood, switchPair, type KeyValue } from './trace-pairs.js';
import { iso, recordOf, type TraceRecord, verdictLabels } from './trace-record.js';

/** A report with no cohorts yet: what `plan` fills in. */
const NO_COHORTS = {
  from: null,
  to: null,
  cohorts: [],
  tooSmall: [],
  differences: [],
  verdictCoverage: null,
  slowSpan: null,
  paramChanges: [],
  rationales: [],
  pair: null,
  switchPair: null,
  costDrivers: [],
  costSplits: [],
  rollback: null,
  sampling: 'either side',
  sampleRange: null,
} satisfies Partial<ChangeReport>;

/** Collects records as pages stream in; `report` does the rest once every pass is done. */
export class ChangeAccumulator {
  readonly records: TraceRecord[] = [];
  private readonly facts = new Map<string, SpanFacts>();
  /** The tag / metadata keys' findings, kept while no trace info is added: a triage reports twice. */
  private kvFindings: { app: string | null; records: number; findings: SwitchFinding[] } | null = null;

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
    return applicationsOf(this.records);
  }

  /** The application analysed: the one asked for, else the one with most traces. */
  mainApp(asked?: string): string | null {
    if (asked) return asked;
    return this.applications()[0]?.name ?? null;
  }

  private appRecords(app: string | null): TraceRecord[] {
    return app === null ? this.records : this.records.filter((r) => r.app === app || r.app === null);
  }

  /** Switch findings over every few-valued key of the app's traces (and span parameters read). */
  switches(app: string | null): SwitchFinding[] {
    const recs = this.appRecords(app);
    if (this.kvFindings?.app !== app || this.kvFindings.records !== this.records.length)
      this.kvFindings = { app, records: this.records.length, findings: keySwitches(recs, (r) => r.kv) };
    return [...this.kvFindings.findings, ...keySwitches(recs, (r) => this.facts.get(r.id)?.params)];
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

  private keyValueOf(key: string): KeyValue {
    return (r) => this.valueOf(r, key);
  }

  /** The switches found, each with the keys that switched with it and a pair either side of its last change. */
  private switchRows(recs: readonly TraceRecord[], groups: ReturnType<typeof rankSwitches>): SwitchRow[] {
    return groups.map((g) => {
      const last = g.lead.changes.at(-1);
      return {
        key: g.lead.key,
        kind: g.lead.kind,
        changes: g.lead.changes,
        together: g.together.map((f) => {
          const path = valuePath(f.changes);
          return { key: f.key, from: path[0] ?? '', to: path.at(-1) ?? '', ...(path.length > 2 ? { path } : {}) };
        }),
        counts: g.lead.key.startsWith('span.') ? ('traces read with spans' as const) : ('traces read' as const),
        pair: last ? switchPair(recs, this.keyValueOf(g.lead.key), last.from, last.to, last.firstToMs) : null,
      };
    });
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
    // An empty value (a git commit MLflow could not read) says nothing about the version.
    const constantKeys = findings
      .filter((f) => f.kind === 'constant' && f.points === recs.length && !f.key.startsWith('span.'))
      .map((f) => ({ key: f.key, value: f.values[0]?.value ?? '' }))
      .filter((k) => k.value.trim() !== '');
    // Only keys whose mix shifts over time: one spread evenly over the window (a region taking turns) compares like with like.
    const splitKeys = findings
      .filter((f) => !f.key.startsWith('span.') && f.values.length > 1 && f.shifts === true)
      .map((f) => ({ key: f.key, values: f.values.length }))
      .sort((x, y) => x.key.localeCompare(y.key));
    const lead = groups[0]?.lead;
    const by = o.by ?? lead?.key ?? null;
    const base: ChangeReport = {
      applications,
      rootApps: applications.length ? [] : rootAppsOf(this.facts.values()),
      app,
      appTraces: recs.length,
      switches: this.switchRows(recs, groups),
      constantKeys,
      splitKeys,
      by,
      bySource: o.by ? 'option' : by ? 'switch' : null,
      ...NO_COHORTS,
      spanKeysFrom: this.facts.size,
    };
    if (!by) return base;
    // Compare the two sides of the (last) change; with --by and no switch, the two largest.
    // A --by key that switched on its own is compared either side of its change too; one that interleaves, over the same time range.
    const change = o.by === undefined || o.by === lead?.key ? lead?.changes.at(-1) : findings.find((f) => f.key === by)?.changes.at(-1);
    const keyValue = this.keyValueOf(by);
    if (change) return { ...base, from: change.from, to: change.to, switchPair: switchPair(recs, keyValue, change.from, change.to, change.firstToMs) };
    const { from, to } = twoLargest(cohortGroups(recs, keyValue));
    return { ...base, from, to, sampling: 'same range', switchPair: from && to ? switchPair(recs, keyValue, from, to) : null };
  }

  /** The plan with every cohort's statistics, the rate differences, the slow span, the parameters, the rationales and a pair. */
  report(o: { by?: string; app?: string }): ChangeReport {
    const plan = this.plan(o);
    const { by, from, to } = plan;
    if (!by) return plan;
    const recs = this.appRecords(plan.app);
    const keyValue = this.keyValueOf(by);
    const label = verdictLabels(recs);
    const groups = cohortGroups(recs, keyValue);
    const sameRange = plan.sampling === 'same range';
    const hasSpans = (r: TraceRecord) => this.facts.has(r.id);
    const range = sameRange && from && to ? commonSampleRange(groups.get(from) ?? [], groups.get(to) ?? [], hasSpans) : null;
    const inRange = (r: TraceRecord) => !sameRange || (range !== null && r.t >= range[0] && r.t <= range[1]);
    const src = { facts: this.facts, label, prices: this.prices, spanApp: this.spanApp(plan.app), inRange };
    const cohorts = [...groups].map(([value, rs]) => cohortOf(value, rs, src)).sort((a, b) => a.first.localeCompare(b.first));
    const A = cohorts.find((c) => c.value === from);
    const B = cohorts.find((c) => c.value === to);
    const cohortOfRecord = (r: TraceRecord) => keyValue(r) ?? '(unset)';
    const coverage = A && B ? verdictCoverage(A, B) : null;
    const back = sameRange ? null : rollbackPlan(plan);
    return {
      ...plan,
      cohorts,
      tooSmall: cohorts.filter((c) => c.traces < MIN_COHORT).map((c) => c.value),
      differences: A && B ? differences(A, B, coverage?.comparable ?? true) : [],
      verdictCoverage: coverage,
      slowSpan: A && B ? slowSpan(A, B) : null,
      paramChanges: A && B ? paramChanges(A, B) : [],
      rationales: rationaleClusters(recs, cohorts, { cohortOf: cohortOfRecord, label, from: from ?? undefined, to: to ?? undefined }),
      pair: from && to ? badAfterGood(recs, keyValue, from, to) : null,
      costDrivers: A?.cost && B?.cost ? costDrivers(A.cost, B.cost) : [],
      // After a rollback the rise to split is the release's (to → from): the rollback's fall has none.
      costSplits: A?.cost && B?.cost ? (back ? priceVolumeSplits(B.cost, A.cost, this.prices) : priceVolumeSplits(A.cost, B.cost, this.prices)) : [],
      rollback: back ? rollbackCost(back, by, recs, keyValue, src) : null,
      sampleRange: range ? { from: iso(range[0]), to: iso(range[1]) } : null,
    };
  }

  /**
   * When no trace is tagged with its root name (OTLP ingest tags none), the application whose
   * spans the cohorts describe: the root most traces read with spans have, if they have several.
   * Another application's spans (a 30 s batch job) must not fill the table. With the tag, the
   * records are that application's already (null: no further filter).
   */
  private spanApp(app: string | null): string | null {
    return app !== null ? null : (rootAppsOf(this.facts.values())[0]?.name ?? null);
  }
}
