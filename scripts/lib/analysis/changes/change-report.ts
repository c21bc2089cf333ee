/** What WHAT CHANGED reports (its `--json` under `changes`): the switch, the cohorts and what differs between them. */
import type { RateDifference } from '../common/chance.js';
import type { CostDriver, CostSummary } from '../cost/call-costs.js';
import type { CostSplit, CostUnsplit } from '../cost/price-volume.js';
import type { CohortCost } from './cohort-window-cost.js';
import type { Change, SwitchFinding } from './switches.js';

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
  /**
   * Per verdict label (`name`, `name [SOURCE]` when several sources share it): the assessment and the one
   * source behind it, and its negative rate among the traces it judged (`of`).
   */
  verdicts: Array<{ name: string; assessment: string; source: string } & Rate>;
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

export interface SwitchPair {
  before: { traceId: string; time: string; value: string };
  after: { traceId: string; time: string; value: string };
}

export interface Application {
  name: string;
  traces: number;
  slowest: { traceId: string; durationMs: number } | null;
}

/** A key that switched, with the keys that switched with it. */
export interface SwitchRow {
  key: string;
  kind: SwitchFinding['kind'];
  changes: Change[];
  /** Keys that changed at the same moments; `path` holds every value in order when one changed more than once (a → b → a). */
  together: Array<{ key: string; from: string; to: string; path?: string[] }>;
  /** What each change's counts count: every trace read (tags, metadata), or the traces read with spans (span parameters). */
  counts: 'traces read' | 'traces read with spans';
  /** The last trace before the (last) change and the first after it: a compare_traces pair. */
  pair: SwitchPair | null;
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
  switches: SwitchRow[];
  /** Keys that hold one value over the whole window (a switch may be older than it). */
  constantKeys: Array<{ key: string; value: string }>;
  /**
   * The tag and metadata keys `--by` could split the traces read by: 2 to 12 values (more: an id) whose
   * mix shifts over time (value-shift.ts, a heuristic; a key spread evenly over the window is left out), by name.
   */
  splitKeys: Array<{ key: string; values: number }>;
  by: string | null;
  bySource: 'switch' | 'option' | null;
  from: string | null;
  to: string | null;
  cohorts: Cohort[];
  tooSmall: string[];
  /** Error and negative-verdict rates of the two cohorts compared: beyond chance or not (Fisher's exact test). */
  differences: RateDifference[];
  /** Whether the verdict sources behind the two cohorts' negative rates cover both alike (null: no verdict on either). */
  verdictCoverage: VerdictCoverage | null;
  slowSpan: SlowSpan | null;
  paramChanges: ParamChange[];
  rationales: RationaleCluster[];
  pair: TracePair | null;
  /** What moves the cost per trace from `from` to `to`, span by span (traces read with spans). */
  costDrivers: CostDriver[];
  /**
   * Spans whose model switched and whose cost per request rose: the rise split into price, tokens and calls
   * (price-volume.ts), or why not; from `from` to `to`, or after a rollback the release's (`to` to `from`).
   */
  costSplits: Array<CostSplit | CostUnsplit>;
  /** After a rollback (a → b → a): each stretch's cost per request in time order, from its own traces read with spans (null: no rollback). */
  rollback: Rollback | null;
  /** On the metrics path: the cost per request of `from` and `to` over every trace of each in the window, or why the sample answered. */
  cohortCost?: CohortCost | null;
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

/** After a rollback (rollback.ts): each stretch in time order, a before the release, b, a after it. */
export interface RollbackStretch {
  value: string;
  /** ISO; null: open (the window's start or end). */
  from: string | null;
  to: string | null;
  /** Traces of this value in the stretch, and those read with spans (the cost's sample). */
  traces: number;
  spansRead: number;
  /** Cost per request over spansRead (null: none read with spans, or no call priced). */
  perTrace: number | null;
}

export interface Rollback {
  key: string;
  /** In time order: `to` before the release, `from`, `to` after the rollback. */
  stretches: [RollbackStretch, RollbackStretch, RollbackStretch];
  source: string | null;
}

/** On the metrics path: what the tracking server counted for the onset, over every trace up to the window's end. */
export interface ServerOnset {
  /** Traces counted (all, and those with the value), from the experiment's start to `to` (null: now). */
  traces: number;
  withValue: number;
  to: string | null;
  /** The first bucket holding the value, narrowed as far as a minute (sizeS: the bucket's size). */
  firstSeen: { at: string; sizeS: number } | null;
  /** The last bucket holding a trace without the value (another value, or the key unset), and how many it holds. */
  lastOther: { at: string; sizeS: number; traces: number } | null;
  requests: number;
}

/** Where a version began when every trace read had one value: one look-back search, or the server's counts and one read around the switch. */
export interface OnsetFinding {
  key: string;
  value: string;
  /** Traces read before the window (or around the switch, with `server`), and whether the search was cut at LOOK_BACK. */
  read: number;
  cut: boolean;
  lastGood: { traceId: string; time: string; value: string } | null;
  /** The oldest trace with the current value after the last good one (or the oldest read). */
  onset: { traceId: string; time: string } | null;
  windowStart: string;
  /** Present when the server located the switch (the traces read are then the ones around it). */
  server?: ServerOnset;
  /** Why the server did not locate it, when it was asked (the look-back answered instead). */
  declined?: string;
}

/** Whether two cohorts' negative rates rest on verdict sources that cover both alike (verdict-coverage.ts). */
export interface CoverageSide {
  /** Traces the source scored, of the cohort's traces. */
  judged: number;
  traces: number;
}

export interface VerdictCoverageRow {
  /** The cohort table's row label (`name` or `name [SOURCE]`). */
  label: string;
  assessment: string;
  source: string;
  from: CoverageSide;
  to: CoverageSide;
}

export interface VerdictCoverage {
  /** false: a source behind the rates covers one cohort and not (or FAR_RARER times less) the other. */
  comparable: boolean;
  /** The sources whose coverage differs: absent from one cohort, or far rarer there. */
  uneven: Array<VerdictCoverageRow & { absentFrom: 'from' | 'to' | null }>;
  /** The sources that scored both cohorts alike: the rates to compare by. */
  even: Array<VerdictCoverageRow & { fromRate: Rate; toRate: Rate }>;
}
