/**
 * What is going wrong across many traces, computed as the pages stream in: traces are folded
 * into counters as they arrive and only the few facts each finding needs are kept (per failing
 * trace its id, time and tag values; per trace its duration and token total), so memory does not
 * grow with the spans of N traces.
 *
 * - Failure clusters: failing traces grouped by their deepest failing span, exception type and a
 *   message fingerprint (numbers, ids, hex, quoted values and paths normalised).
 * - Verdict clusters: negative feedback by assessment name; judge failures (a scorer that
 *   errored) apart, by name and error code: they say nothing about the trace.
 * - Latency: trace p50/p95/max, the slow tail, and per span name total and self time over the
 *   traces whose spans were read; token outliers; traces still IN_PROGRESS.
 * - What changed: tag / metadata values over-represented in a cluster against all traces read,
 *   and failures per hour or per day.
 * - What the failing span received: its scalar inputs across the cluster, beside the same span in
 *   the OK traces whose spans were read, and the earlier outputs those inputs were made from.
 */

import { type Trace } from '../../trace/trace.js';
import { buildTree, durationOf } from '../../trace/tree.js';
import { polarityOf } from '../trace/assessments.js';
import { findErrors } from '../trace/failures.js';
import { selfTimeMs } from '../trace/timing.js';
import { keyedValues, tokenTotalOf } from '../common/trace-info.js';
import type { InputKeySummary } from './input-tally.js';
import type { InputSource } from './input-sources.js';
import { CallInputs } from './call-inputs.js';
import { spellVariants, wordVariantGroups } from '../common/word-variants.js';

// ---------------------------------------------------------------------------------------------
// fingerprints and small statistics
// ---------------------------------------------------------------------------------------------

const PATHLIKE = /^(~|\.{1,2})?\/[^\s]*$|^[A-Za-z]:\\/;

/**
 * A message with what varies between occurrences of the same failure replaced by placeholders,
 * so `order 48213 not found (req_8f3a2b)` and `order 977 not found (req_0c1d)` are one failure.
 */
export function fingerprint(message: string): string {
  return (
    message
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 2_000)
      .replace(/'([^']*)'|"([^"]*)"|`([^`]*)`/g, (_m, a?: string, b?: string, c?: string) => (PATHLIKE.test(a ?? b ?? c ?? '') ? '<path>' : '<str>'))
      .replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s,;)\]]+/gi, '<url>')
      .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<id>')
      .replace(/\btr-[0-9a-f]{8,}\b/gi, '<id>')
      .replace(/(^|[\s=:(\[,])(?:~|\.{1,2})?(?:\/[\w.@%+-]+){2,}\/?/g, '$1<path>')
      .replace(/\b0x[0-9a-f]+\b/gi, '<hex>')
      // Words mixing letters and digits joined by _ or - (req_8f3a2b, shard-17, user-42): ids.
      .replace(/\b[a-z]+[_-](?=[\w-]*\d)[\w-]+\b/gi, '<id>')
      .replace(/\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}\b/gi, '<hex>')
      // Letters then three or more digits (pnr G00870, booking AB12345): record ids.
      .replace(/\b[A-Za-z]{1,4}\d{3,}[A-Za-z0-9]*\b/g, '<id>')
      .replace(/[-+]?\d+(?:[.,]\d+)*(?:e[-+]?\d+)?/gi, '<n>')
  );
}

/** The q-quantile (0..1) of unsorted numbers, nearest rank; null for none. */
export function percentile(values: readonly number[], q: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] as number;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

// ---------------------------------------------------------------------------------------------
// findings
// ---------------------------------------------------------------------------------------------

export interface OverRepresented {
  /** `tag.app_version`, `metadata.mlflow.trace.user` */
  key: string;
  value: string;
  inCluster: number;
  clusterSize: number;
  /** Traces with this value among all traces read, and their share. */
  overall: number;
  overallShare: number;
}

export interface TraceRef {
  traceId: string;
  time: string | null;
}

export interface FailureCluster {
  span: string | null;
  spanType: string | null;
  exceptionType: string | null;
  fingerprint: string;
  /** One real message (the newest), for reading. */
  example: string;
  count: number;
  /** Of the failing traces whose spans were read. */
  share: number;
  firstSeen: string | null;
  lastSeen: string | null;
  newest: TraceRef;
  oldest: TraceRef;
  overRepresented: OverRepresented[];
  /** The failing span's inputs across the cluster: scalar values per top-level key (does one input fail?). */
  inputs: InputKeySummary[];
  /** Where those inputs came from: earlier spans' outputs they equal (or scale), when that held nearly always. */
  sources: InputSource[];
  /** Clusters merged because their messages differ in one word only (from GLS / from DHL): the word and its count. */
  variants: Array<{ word: string; count: number }>;
}

export interface VerdictCluster {
  name: string;
  count: number;
  /** The rationale given most often (by fingerprint), and how often. */
  topRationale: { text: string; count: number } | null;
  /** Every rationale cluster, most frequent first (at most 5): the new problem is rarely the commonest. */
  rationales: Array<{ fingerprint: string; text: string; count: number; newest: string }>;
  values: Array<{ value: string; count: number }>;
  newest: TraceRef;
  oldest: TraceRef;
  overRepresented: OverRepresented[];
}

export interface JudgeFailureGroup {
  name: string;
  code: string;
  count: number;
  example: string;
  newest: TraceRef;
}

export interface SpanLatency {
  name: string;
  count: number;
  p50: number | null;
  p95: number | null;
  max: number | null;
  selfP50: number | null;
  selfP95: number | null;
  selfMax: number | null;
  /** Median self time of this span in the slow-tail traces, and in the other traces read. */
  tailSelfP50: number | null;
  restSelfP50: number | null;
}

export interface Latency {
  traces: { count: number; p50: number | null; p95: number | null; max: number | null };
  /** `app`: the trace's root span name (tag mlflow.traceName), to tell applications apart. */
  slowTail: { thresholdMs: number | null; count: number; slowest: Array<TraceRef & { durationMs: number; app: string | null }> };
  /** Whose spans the per-span figures come from. */
  spansFrom: { traces: number; failing: number; slowTail: number; all: boolean };
  spans: SpanLatency[];
  /** The span whose self time grows most in the slow tail: where the tail's time goes. */
  tailSpan: { name: string; tailSelfP50: number; restSelfP50: number | null } | null;
}

export interface Histogram {
  unit: 'hour' | 'day';
  buckets: Array<{ start: string; traces: number; failures: number }>;
  /** Buckets left out at the old end (at most 60 are kept). */
  omitted: number;
}

export interface TriageFindings {
  traces: number;
  window: { first: string | null; last: string | null };
  states: Record<string, number>;
  failing: { count: number; spansRead: number };
  clusters: FailureCluster[];
  /** Failed spans inside OK traces (an exception handled by the app), over the OK traces whose spans were read. */
  caught: { okTracesRead: number; clusters: FailureCluster[] };
  /** Failing traces whose spans were not read (over the bound): counted, not clustered. */
  unclustered: number;
  verdicts: VerdictCluster[];
  judgeFailures: JudgeFailureGroup[];
  latency: Latency;
  tokens: { median: number | null; outliers: Array<TraceRef & { total: number }> };
  inProgress: { count: number; newest: TraceRef[] };
  histogram: Histogram;
  /** The root span name most traces carry (tag mlflow.traceName), when any do. */
  mainApp: string | null;
}

// ---------------------------------------------------------------------------------------------
// the accumulator
// ---------------------------------------------------------------------------------------------

/** mlflow's own bookkeeping keys: never a cause, and some are unique per trace. */
const SKIP_KEY = /^mlflow\.(?!trace\.user$|source\.name$|source\.git\.commit$|modelId$)/;
const keyedOf = keyedValues(SKIP_KEY);
/** A key with more distinct values than this (ids, sessions) says nothing about a cluster. */
const MAX_VALUES_PER_KEY = 100;
const MAX_HISTOGRAM_BUCKETS = 60;

interface Member {
  id: string;
  t: number | null;
  kv: string[];
}

interface ClusterAcc {
  span: string | null;
  spanType: string | null;
  exceptionType: string | null;
  fingerprint: string;
  example: string;
  members: Member[];
  /** The newest member's time: its message is the example. */
  newestT: number;
  /** What the failing span received, over the members whose spans were read. */
  calls: CallInputs;
}

/**
 * Clusters whose fingerprints differ in one word only, merged into one failure that lists the
 * word's variants: a carrier's name in "400 Bad Request from GLS" must not split one bug in three.
 */
function mergeWordVariants(accs: readonly ClusterAcc[]): Array<ClusterAcc & { variants: Array<{ word: string; count: number }> }> {
  const groups = wordVariantGroups(
    accs,
    (c) => `${c.span}\u0000${c.exceptionType}`,
    (c) => c.fingerprint,
  );
  return groups.map(({ items, words, text }) => {
    const first = items[0] as ClusterAcc;
    if (items.length < 2) return { ...first, variants: [] };
    const variants = items.map((c, i) => ({ word: words[i] ?? '', count: c.members.length })).sort((a, b) => b.count - a.count);
    const newest = items.reduce((a, b) => (b.newestT > a.newestT ? b : a));
    const calls = new CallInputs();
    for (const c of items) calls.merge(c.calls);
    const members = items.flatMap((c) => c.members);
    return { ...first, fingerprint: text, example: newest.example, newestT: newest.newestT, members, calls, variants };
  });
}

type RationaleCount = { fingerprint: string; text: string; count: number; newest: string; newestT: number };

/** Rationales that differ in one word only are one complaint: counts summed, the word shown as `{A|B}`. */
function mergeRationales(list: readonly RationaleCount[]): RationaleCount[] {
  return wordVariantGroups(
    list,
    () => '',
    (r) => r.fingerprint,
  ).map(({ items, words, text }) => {
    const first = items[0] as RationaleCount;
    if (items.length < 2) return first;
    const newest = items.reduce((a, b) => (b.newestT > a.newestT ? b : a));
    return {
      fingerprint: text,
      text: spellVariants(first.text, words),
      count: items.reduce((n, r) => n + r.count, 0),
      newest: newest.newest,
      newestT: newest.newestT,
    };
  });
}

interface VerdictAcc {
  name: string;
  members: Member[];
  /** By fingerprint: one real text, how often, the newest trace. */
  rationales: Map<string, { text: string; count: number; newest: string; newestT: number }>;
  values: Map<string, number>;
}

const kvKey = (k: string, v: string) => `${k}\u0000${v}`;

export class TriageAccumulator {
  private traces = 0;
  private first: number | null = null;
  private last: number | null = null;
  private readonly states = new Map<string, number>();
  private readonly durations: Array<{ id: string; t: number | null; d: number; app: string | null }> = [];
  private readonly tokenTotals: Array<{ id: string; t: number | null; total: number }> = [];
  private readonly kvCounts = new Map<string, Map<string, number>>();
  private readonly tooMany = new Set<string>();
  private readonly failingMembers = new Map<string, Member>();
  private readonly inProgress: Member[] = [];
  private readonly verdicts = new Map<string, VerdictAcc>();
  private readonly judge = new Map<string, JudgeFailureGroup & { newestT: number }>();
  private readonly clusters = new Map<string, ClusterAcc>();
  private readonly clustered = new Set<string>();
  private readonly caughtClusters = new Map<string, ClusterAcc>();
  /** Calls of the failing spans' namesakes in OK traces read: what a failure's inputs are compared with. */
  private readonly okCalls = new Map<string, CallInputs>();
  private readonly okRead = new Set<string>();
  private readonly tailPresence = new Map<string, number>();
  private readonly spanStats = new Map<string, { durs: number[]; selfs: number[]; tail: number[]; rest: number[] }>();
  private readonly spanTraces = new Set<string>();
  private readonly slowIds = new Set<string>();
  private failingSpanTraces = 0;
  private slowSpanTraces = 0;
  private allSpans = false;
  private readonly times: Array<{ t: number; failed: boolean }> = [];

  /** Pass 1: one trace's info (spans, if present, are not needed here). */
  addInfo(trace: Trace): void {
    const { info } = trace;
    this.traces += 1;
    const t = info.requestTimeMs;
    if (t !== null) {
      this.first = this.first === null ? t : Math.min(this.first, t);
      this.last = this.last === null ? t : Math.max(this.last, t);
      this.times.push({ t, failed: info.state === 'ERROR' });
    }
    this.states.set(info.state, (this.states.get(info.state) ?? 0) + 1);
    if (info.durationMs !== null) this.durations.push({ id: info.traceId, t, d: info.durationMs, app: info.tags['mlflow.traceName'] ?? null });
    const total = tokenTotalOf(info);
    if (total !== null) this.tokenTotals.push({ id: info.traceId, t, total });

    const kv: string[] = [];
    for (const [key, v] of keyedOf(info)) {
      if (this.tooMany.has(key)) continue;
      let values = this.kvCounts.get(key);
      if (!values) this.kvCounts.set(key, (values = new Map()));
      values.set(v, (values.get(v) ?? 0) + 1);
      if (values.size > MAX_VALUES_PER_KEY) {
        this.tooMany.add(key);
        this.kvCounts.delete(key);
        continue;
      }
      kv.push(kvKey(key, v));
    }
    const member: Member = { id: info.traceId, t, kv };
    if (info.state === 'ERROR') this.failingMembers.set(info.traceId, member);
    if (info.state === 'IN_PROGRESS') this.inProgress.push(member);

    for (const a of info.assessments) {
      if (a.kind !== 'feedback') continue;
      if (a.error) {
        const key = `${a.name}\u0000${a.error.code}`;
        const g = this.judge.get(key);
        if (!g)
          this.judge.set(key, {
            name: a.name,
            code: a.error.code,
            count: 1,
            example: a.error.message,
            newest: { traceId: info.traceId, time: iso(t) },
            newestT: t ?? 0,
          });
        else {
          g.count += 1;
          if ((t ?? 0) > g.newestT)
            Object.assign(g, { newest: { traceId: info.traceId, time: iso(t) }, newestT: t ?? 0, example: a.error.message || g.example });
        }
        continue;
      }
      if (!a.valid || polarityOf(a.value, a.name) !== 'negative') continue;
      let v = this.verdicts.get(a.name);
      if (!v) this.verdicts.set(a.name, (v = { name: a.name, members: [], rationales: new Map(), values: new Map() }));
      v.members.push(member);
      const value = typeof a.value === 'string' ? a.value : JSON.stringify(a.value);
      v.values.set(value, (v.values.get(value) ?? 0) + 1);
      if (a.rationale) {
        const fp = fingerprint(a.rationale);
        const r = v.rationales.get(fp);
        if (r) r.count += 1;
        else v.rationales.set(fp, { text: a.rationale.trim(), count: 1, newest: info.traceId, newestT: t ?? 0 });
        if (r && (t ?? 0) > r.newestT) Object.assign(r, { newest: info.traceId, newestT: t ?? 0 });
      }
    }
  }

  /**
   * The failing spans of the largest clusters (3 traces or more) with under `min` OK calls read:
   * their inputs need OK calls to be set beside ("KRW in all 10; in 0 of 20 OK calls").
   */
  spansWantingOkCalls(min = 20, max = 2): string[] {
    const names = [...this.clusters.values()]
      .filter((c) => c.span !== null && c.members.length >= 3)
      .sort((a, b) => b.members.length - a.members.length)
      .map((c) => c.span as string);
    return [...new Set(names)].filter((name) => (this.okCalls.get(name)?.tally.calls ?? 0) < min).slice(0, max);
  }

  /** The failing traces seen so far, newest first: whose spans name the culprits. */
  failingIdsNewestFirst(): Array<{ id: string; t: number | null }> {
    return [...this.failingMembers.values()].sort((a, b) => (b.t ?? 0) - (a.t ?? 0)).map((m) => ({ id: m.id, t: m.t }));
  }

  /**
   * The slow tail's threshold: twice the median trace, or p95 when that is higher (a heavy tail
   * is then its slowest 5 %). No tail when no trace reaches it, or under 20 traces.
   */
  slowThresholdMs(): number | null {
    // Asked once per trace with spans: sorted again only when trace infos were added since.
    if (this.threshold?.n === this.durations.length) return this.threshold.value;
    const value = this.computeSlowThreshold();
    this.threshold = { n: this.durations.length, value };
    return value;
  }

  private threshold: { n: number; value: number | null } | null = null;

  private computeSlowThreshold(): number | null {
    const ds = this.durations.map((d) => d.d);
    if (ds.length < 20) return null;
    const threshold = Math.max(2 * (percentile(ds, 0.5) as number), percentile(ds, 0.95) as number);
    return threshold > 0 && ds.some((d) => d >= threshold) ? threshold : null;
  }

  /** Pass 2/3: a trace with spans, read because it failed, is in the slow tail, or all were read. */
  addSpans(trace: Trace, role: 'failing' | 'slow' | 'all' | 'sample'): void {
    const id = trace.info.traceId;
    if (role === 'all') this.allSpans = true;
    const tree = buildTree(trace.spans);
    if (trace.info.state === 'ERROR' && this.failingMembers.has(id) && !this.clustered.has(id)) {
      this.clustered.add(id);
      this.failingSpanTraces += 1;
      const culprit = findErrors(tree).culprits[0];
      const message = culprit ? culprit.exception?.message || culprit.statusMessage || '' : '';
      const c = {
        span: culprit?.name ?? null,
        spanType: culprit?.type ?? null,
        exceptionType: culprit?.exception?.type ?? null,
        fingerprint: culprit ? fingerprint(message) : '(no failing span recorded: the trace failed outside any span)',
      };
      const key = `${c.span}\u0000${c.exceptionType}\u0000${c.fingerprint}`;
      let acc = this.clusters.get(key);
      if (!acc) this.clusters.set(key, (acc = { ...c, example: message, members: [], newestT: 0, calls: new CallInputs() }));
      if (c.span && !this.okCalls.has(c.span)) this.okCalls.set(c.span, new CallInputs());
      const member = this.failingMembers.get(id) as Member;
      // The newest member's message is the example (kept as a running maximum: clusters grow large).
      if ((member.t ?? 0) >= acc.newestT) Object.assign(acc, { example: message, newestT: member.t ?? 0 });
      acc.members.push(member);
      const culpritNode = culprit ? tree.byId.get(culprit.spanId) : undefined;
      if (culpritNode) acc.calls.add(tree, culpritNode, id);
    }
    if (trace.info.state === 'OK' && !this.okRead.has(id)) {
      this.okRead.add(id);
      this.addCaught(trace, tree);
      this.addOkInputs(tree, id);
    }
    // Cohort samples only feed caught failures: the latency table keeps its own population.
    if (role === 'sample' || this.spanTraces.has(id)) return;
    this.spanTraces.add(id);
    const slow = role === 'slow' || this.isSlow(trace);
    if (slow) {
      this.slowIds.add(id);
      this.slowSpanTraces += 1;
    }
    if (slow) for (const name of new Set(tree.nodes.map((n) => n.span.name))) this.tailPresence.set(name, (this.tailPresence.get(name) ?? 0) + 1);
    for (const node of tree.nodes) {
      const d = durationOf(node.span);
      if (d === null) continue;
      let s = this.spanStats.get(node.span.name);
      if (!s) this.spanStats.set(node.span.name, (s = { durs: [], selfs: [], tail: [], rest: [] }));
      const self = selfTimeMs(node);
      s.durs.push(d);
      s.selfs.push(self);
      (slow ? s.tail : s.rest).push(self);
    }
  }

  /** Failing spans are read first: an OK trace read later adds the inputs of their namesakes. */
  private addOkInputs(tree: ReturnType<typeof buildTree>, traceId: string): void {
    for (const node of tree.nodes) {
      if (node.span.status === 'ERROR') continue;
      this.okCalls.get(node.span.name)?.add(tree, node, traceId);
    }
  }

  /** A failed span in an OK trace: the app caught it. Clustered like failures, marked caught. */
  private addCaught(trace: Trace, tree: ReturnType<typeof buildTree>): void {
    const culprit = findErrors(tree).culprits[0];
    if (!culprit) return;
    const message = culprit.exception?.message || culprit.statusMessage || '';
    const fp = fingerprint(message);
    const key = `${culprit.name}\u0000${culprit.exception?.type ?? null}\u0000${fp}`;
    let acc = this.caughtClusters.get(key);
    if (!acc)
      this.caughtClusters.set(
        key,
        (acc = {
          span: culprit.name,
          spanType: culprit.type ?? null,
          exceptionType: culprit.exception?.type ?? null,
          fingerprint: fp,
          example: message,
          members: [],
          newestT: 0,
          calls: new CallInputs(),
        }),
      );
    acc.members.push({ id: trace.info.traceId, t: trace.info.requestTimeMs, kv: [] });
    const culpritNode = tree.byId.get(culprit.spanId);
    if (culpritNode) acc.calls.add(tree, culpritNode, trace.info.traceId);
  }

  private isSlow(trace: Trace): boolean {
    const threshold = this.slowThresholdMs();
    return threshold !== null && trace.info.durationMs !== null && trace.info.durationMs >= threshold;
  }

  result(): TriageFindings {
    const total = this.traces;
    const overRep = (members: readonly Member[]): OverRepresented[] => {
      const inCluster = new Map<string, number>();
      for (const m of members) for (const k of m.kv) inCluster.set(k, (inCluster.get(k) ?? 0) + 1);
      const out: OverRepresented[] = [];
      for (const [k, n] of inCluster) {
        const [key, value] = k.split('\u0000') as [string, string];
        const overall = this.kvCounts.get(key)?.get(value);
        if (overall === undefined) continue;
        const share = n / members.length;
        const overallShare = overall / Math.max(1, total);
        // Worth saying: most of the cluster has it, clearly more than traces in general do.
        if (n >= 3 && share >= 0.5 && share >= 1.5 * overallShare && overallShare < 0.9) {
          out.push({ key, value, inCluster: n, clusterSize: members.length, overall, overallShare });
        }
      }
      return out.sort((a, b) => b.inCluster / b.clusterSize - b.overallShare - (a.inCluster / a.clusterSize - a.overallShare)).slice(0, 5);
    };
    const ends = (members: readonly Member[]) => {
      const sorted = [...members].sort((a, b) => (a.t ?? 0) - (b.t ?? 0));
      const o = sorted[0] as Member;
      const n = sorted.at(-1) as Member;
      return { oldest: { traceId: o.id, time: iso(o.t) }, newest: { traceId: n.id, time: iso(n.t) } };
    };

    const clustered = this.failingSpanTraces;
    const clusters: FailureCluster[] = mergeWordVariants([...this.clusters.values()])
      .map((c) => {
        const { oldest, newest } = ends(c.members);
        return {
          span: c.span,
          spanType: c.spanType,
          exceptionType: c.exceptionType,
          fingerprint: c.fingerprint,
          example: c.example,
          count: c.members.length,
          share: c.members.length / Math.max(1, clustered),
          firstSeen: oldest.time,
          lastSeen: newest.time,
          newest,
          oldest,
          overRepresented: overRep(c.members),
          ...c.calls.summary(c.span ? this.okCalls.get(c.span) : undefined),
          variants: c.variants,
        };
      })
      .sort((a, b) => b.count - a.count);

    const verdicts: VerdictCluster[] = [...this.verdicts.values()]
      .map((v) => {
        const rationales = mergeRationales(
          [...v.rationales.entries()].map(([fp, r]) => ({ fingerprint: fp, text: r.text, count: r.count, newest: r.newest, newestT: r.newestT })),
        )
          .map(({ newestT: _t, ...r }) => r)
          .sort((a, b) => b.count - a.count);
        const top = rationales[0];
        return {
          name: v.name,
          count: v.members.length,
          topRationale: top ? { text: top.text, count: top.count } : null,
          rationales: rationales.slice(0, 5),
          values: [...v.values.entries()].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count),
          ...ends(v.members),
          overRepresented: overRep(v.members),
        };
      })
      .sort((a, b) => b.count - a.count);

    const judgeFailures = [...this.judge.values()].map(({ newestT: _t, ...g }) => g).sort((a, b) => b.count - a.count);

    const ds = this.durations.map((d) => d.d);
    const threshold = this.slowThresholdMs();
    const tail = threshold === null ? [] : this.durations.filter((d) => d.d >= threshold);
    const spans: SpanLatency[] = [...this.spanStats.entries()]
      .map(([name, s]) => ({
        name,
        count: s.durs.length,
        p50: percentile(s.durs, 0.5),
        p95: percentile(s.durs, 0.95),
        max: s.durs.length ? Math.max(...s.durs) : null,
        selfP50: percentile(s.selfs, 0.5),
        selfP95: percentile(s.selfs, 0.95),
        selfMax: s.selfs.length ? Math.max(...s.selfs) : null,
        tailSelfP50: percentile(s.tail, 0.5),
        restSelfP50: percentile(s.rest, 0.5),
      }))
      .sort((a, b) => (b.selfP95 ?? 0) - (a.selfP95 ?? 0));
    // A span in one or two tail traces (a one-off of another application) explains no tail.
    const common = (name: string) => (this.tailPresence.get(name) ?? 0) >= Math.max(3, this.slowSpanTraces / 2);
    const tailSpan = spans
      .filter((s) => s.tailSelfP50 !== null && common(s.name))
      .map((s) => ({ name: s.name, tailSelfP50: s.tailSelfP50 as number, restSelfP50: s.restSelfP50, gain: (s.tailSelfP50 as number) - (s.restSelfP50 ?? 0) }))
      .sort((a, b) => b.gain - a.gain)[0];

    const tokens = this.tokenTotals.map((x) => x.total);
    const median = percentile(tokens, 0.5);
    const outliers =
      median === null || tokens.length < 10
        ? []
        : this.tokenTotals
            .filter((x) => x.total >= Math.max(5 * median, median + 1_000))
            .sort((a, b) => b.total - a.total)
            .slice(0, 5)
            .map((x) => ({ traceId: x.id, time: iso(x.t), total: x.total }));

    return {
      traces: total,
      window: { first: iso(this.first), last: iso(this.last) },
      states: Object.fromEntries(this.states),
      failing: { count: this.failingMembers.size, spansRead: clustered },
      clusters,
      caught: {
        okTracesRead: this.okRead.size,
        clusters: mergeWordVariants([...this.caughtClusters.values()])
          .map((c) => {
            const { oldest, newest } = ends(c.members);
            return {
              span: c.span,
              spanType: c.spanType,
              exceptionType: c.exceptionType,
              fingerprint: c.fingerprint,
              example: c.example,
              count: c.members.length,
              share: c.members.length / Math.max(1, this.okRead.size),
              firstSeen: oldest.time,
              lastSeen: newest.time,
              newest,
              oldest,
              overRepresented: [],
              ...c.calls.summary(),
              variants: c.variants,
            };
          })
          .sort((a, b) => b.count - a.count),
      },
      unclustered: this.failingMembers.size - clustered,
      verdicts,
      judgeFailures,
      latency: {
        traces: { count: ds.length, p50: percentile(ds, 0.5), p95: percentile(ds, 0.95), max: ds.length ? Math.max(...ds) : null },
        slowTail: {
          thresholdMs: threshold,
          count: tail.length,
          slowest: [...tail]
            .sort((a, b) => b.d - a.d)
            .slice(0, 5)
            .map((d) => ({ traceId: d.id, time: iso(d.t), durationMs: d.d, app: d.app })),
        },
        spansFrom: { traces: this.spanTraces.size, failing: this.failingSpanTraces, slowTail: this.slowSpanTraces, all: this.allSpans },
        spans,
        tailSpan: tailSpan && tailSpan.gain > 0 ? { name: tailSpan.name, tailSelfP50: tailSpan.tailSelfP50, restSelfP50: tailSpan.restSelfP50 } : null,
      },
      tokens: { median, outliers },
      inProgress: {
        count: this.inProgress.length,
        newest: [...this.inProgress]
          .sort((a, b) => (b.t ?? 0) - (a.t ?? 0))
          .slice(0, 5)
          .map((m) => ({ traceId: m.id, time: iso(m.t) })),
      },
      histogram: histogram(this.times),
      mainApp: mostCommon(this.durations.map((d) => d.app)),
    };
  }
}

function mostCommon(values: ReadonlyArray<string | null>): string | null {
  const m = new Map<string, number>();
  for (const v of values) if (v !== null) m.set(v, (m.get(v) ?? 0) + 1);
  return [...m.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

/** Traces and failures per hour (a window of up to two days) or per day. */
export function histogram(times: ReadonlyArray<{ t: number; failed: boolean }>): Histogram {
  if (!times.length) return { unit: 'day', buckets: [], omitted: 0 };
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const { t } of times) {
    lo = Math.min(lo, t);
    hi = Math.max(hi, t);
  }
  const unit: Histogram['unit'] = hi - lo <= 48 * 3_600_000 ? 'hour' : 'day';
  const width = unit === 'hour' ? 3_600_000 : 86_400_000;
  const start = Math.floor(lo / width) * width;
  const n = Math.floor((hi - start) / width) + 1;
  const keep = Math.min(n, MAX_HISTOGRAM_BUCKETS);
  const first = n - keep;
  const buckets = Array.from({ length: keep }, (_, i) => ({ start: new Date(start + (first + i) * width).toISOString(), traces: 0, failures: 0 }));
  for (const { t, failed } of times) {
    const b = buckets[Math.floor((t - start) / width) - first];
    if (!b) continue;
    b.traces += 1;
    if (failed) b.failures += 1;
  }
  return { unit, buckets, omitted: first };
}
