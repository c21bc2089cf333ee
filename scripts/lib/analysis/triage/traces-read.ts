/**
 * What every triage section may need about all the traces read, kept once: how many, the tag and
 * metadata values they carry (for "over-represented in this cluster"), and the failing ones.
 */
import type { TraceInfo } from '../../trace/trace.js';
import { keyedValues, MLFLOW_BOOKKEEPING_BUT_SOURCE } from '../common/trace-info.js';

/** A key with more distinct values than this (ids, sessions) says nothing about a cluster. */
const MAX_VALUES_PER_KEY = 100;
const keyedOf = keyedValues(MLFLOW_BOOKKEEPING_BUT_SOURCE);
const kvKey = (k: string, v: string) => `${k}\u0000${v}`;

/** A trace as the sections remember it: a few bytes, not its spans. */
export interface Member {
  id: string;
  t: number | null;
  /** Its `key\u0000value` pairs over-representation looks at. */
  kv: string[];
}

export interface TraceRef {
  traceId: string;
  time: string | null;
}

export interface OverRepresented {
  /** `tag.app_version`, `metadata.mlflow.trace.user` */
  key: string;
  value: string;
  inCluster: number;
  clusterSize: number;
  /** Traces with this value among the baseline (all traces read, or those a source scored), and their share. */
  overall: number;
  overallShare: number;
  /** The baseline: every trace read, or only the traces the verdict's source scored. */
  baseline: 'read' | 'scored';
  among: number;
  /** Baseline traces that carry the key at all: a key set on only some of them says little about the rest. */
  keyOn: number;
}

/** Tag values that hold every trace of a group (a source's scored traces) while other traces read carry others. */
export interface CoveredOnly {
  key: string;
  value: string;
  /** Traces read with this value, and with another value of the key. */
  valueTraces: number;
  otherTraces: number;
}

export interface Coverage {
  traces: number;
  of: number;
  onlyOn: CoveredOnly[];
}

export class TracesRead {
  count = 0;
  /** Failing traces by id (from their infos), and those whose spans were read. */
  readonly failing = new Map<string, Member>();
  readonly failingSpansRead = new Set<string>();
  private readonly kvCounts = new Map<string, Map<string, number>>();
  private readonly tooMany = new Set<string>();
  /** Traces read that carry each key at all. */
  private readonly keyTraces = new Map<string, number>();

  /** Counts the info's values and returns it as a member. */
  addInfo(info: TraceInfo): Member {
    this.count += 1;
    const kv: string[] = [];
    for (const [key, v] of keyedOf(info)) {
      this.keyTraces.set(key, (this.keyTraces.get(key) ?? 0) + 1);
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
    const member: Member = { id: info.traceId, t: info.requestTimeMs, kv };
    if (info.state === 'ERROR') this.failing.set(info.traceId, member);
    return member;
  }

  /** True once per failing trace read in pass 1, the first time its spans come. */
  markFailingSpansRead(info: TraceInfo): boolean {
    const id = info.traceId;
    if (info.state !== 'ERROR' || !this.failing.has(id) || this.failingSpansRead.has(id)) return false;
    this.failingSpansRead.add(id);
    return true;
  }

  /** The failing traces seen so far, newest first: whose spans name the culprits. */
  failingIdsNewestFirst(): Array<{ id: string; t: number | null }> {
    return [...this.failing.values()].sort((a, b) => (b.t ?? 0) - (a.t ?? 0)).map((m) => ({ id: m.id, t: m.t }));
  }

  /**
   * Tag / metadata values most of a group has, clearly more than the baseline does (at most 5).
   * The baseline is every trace read, or (for a verdict) the traces its source scored: a judge run
   * on one version only would otherwise make that version look over-represented.
   */
  overRepresented(members: readonly Member[], scored?: readonly Member[]): OverRepresented[] {
    const inCluster = countKv(members);
    const base = scored ? countKv(scored) : null;
    const among = scored ? scored.length : this.count;
    const keyOn = (key: string) => (scored ? scored.filter((m) => m.kv.some((k) => k.startsWith(`${key}\u0000`))).length : (this.keyTraces.get(key) ?? 0));
    const out: OverRepresented[] = [];
    for (const [k, n] of inCluster) {
      const [key, value] = k.split('\u0000') as [string, string];
      const overall = base ? base.get(k) : this.kvCounts.get(key)?.get(value);
      if (overall === undefined) continue;
      const share = n / members.length;
      const overallShare = overall / Math.max(1, among);
      // Worth saying: most of the cluster has it, clearly more than traces in general do.
      if (n >= 3 && share >= 0.5 && share >= 1.5 * overallShare && overallShare < 0.9) {
        out.push({
          key,
          value,
          inCluster: n,
          clusterSize: members.length,
          overall,
          overallShare,
          baseline: scored ? 'scored' : 'read',
          among,
          keyOn: keyOn(key),
        });
      }
    }
    return out.sort((a, b) => b.inCluster / b.clusterSize - b.overallShare - (a.inCluster / a.clusterSize - a.overallShare)).slice(0, 5);
  }

  /** How many traces read a group covers, and the tag values it alone covers (a judge run on one version). */
  coverage(members: readonly Member[]): Coverage {
    const onlyOn: CoveredOnly[] = [];
    // Under 3 traces every key has one value: no cohort to speak of.
    if (members.length >= 3 && members.length < this.count) {
      const inGroup = countKv(members);
      const byKey = new Map<string, string[]>();
      for (const k of inGroup.keys()) {
        const [key, value] = k.split('\u0000') as [string, string];
        byKey.set(key, [...(byKey.get(key) ?? []), value]);
      }
      for (const [key, values] of byKey) {
        const [value] = values as [string];
        const all = this.kvCounts.get(key);
        // One value holds every member, and traces read carry other values of the key.
        if (values.length !== 1 || inGroup.get(kvKey(key, value)) !== members.length || !all) continue;
        const otherTraces = [...all].reduce((s, [v, n]) => (v === value ? s : s + n), 0);
        if (otherTraces > 0) onlyOn.push({ key, value, valueTraces: all.get(value) ?? 0, otherTraces });
      }
    }
    return { traces: members.length, of: this.count, onlyOn: onlyOn.sort((a, b) => b.otherTraces - a.otherTraces).slice(0, 3) };
  }
}

const countKv = (members: readonly Member[]) => {
  const counts = new Map<string, number>();
  for (const m of members) for (const k of m.kv) counts.set(k, (counts.get(k) ?? 0) + 1);
  return counts;
};

/** A group's oldest and newest member, as references. */
export function ends(members: readonly Member[]): { oldest: TraceRef; newest: TraceRef } {
  const sorted = [...members].sort((a, b) => (a.t ?? 0) - (b.t ?? 0));
  const o = sorted[0] as Member;
  const n = sorted.at(-1) as Member;
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return { oldest: { traceId: o.id, time: iso(o.t) }, newest: { traceId: n.id, time: iso(n.t) } };
}
