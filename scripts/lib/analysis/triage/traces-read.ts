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
  /** Traces with this value among all traces read, and their share. */
  overall: number;
  overallShare: number;
}

export class TracesRead {
  count = 0;
  /** Failing traces by id (from their infos), and those whose spans were read. */
  readonly failing = new Map<string, Member>();
  readonly failingSpansRead = new Set<string>();
  private readonly kvCounts = new Map<string, Map<string, number>>();
  private readonly tooMany = new Set<string>();

  /** Counts the info's values and returns it as a member. */
  addInfo(info: TraceInfo): Member {
    this.count += 1;
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

  /** Tag / metadata values most of a group has, clearly more than traces in general do (at most 5). */
  overRepresented(members: readonly Member[]): OverRepresented[] {
    const inCluster = new Map<string, number>();
    for (const m of members) for (const k of m.kv) inCluster.set(k, (inCluster.get(k) ?? 0) + 1);
    const out: OverRepresented[] = [];
    for (const [k, n] of inCluster) {
      const [key, value] = k.split('\u0000') as [string, string];
      const overall = this.kvCounts.get(key)?.get(value);
      if (overall === undefined) continue;
      const share = n / members.length;
      const overallShare = overall / Math.max(1, this.count);
      // Worth saying: most of the cluster has it, clearly more than traces in general do.
      if (n >= 3 && share >= 0.5 && share >= 1.5 * overallShare && overallShare < 0.9) {
        out.push({ key, value, inCluster: n, clusterSize: members.length, overall, overallShare });
      }
    }
    return out.sort((a, b) => b.inCluster / b.clusterSize - b.overallShare - (a.inCluster / a.clusterSize - a.overallShare)).slice(0, 5);
  }
}

/** A group's oldest and newest member, as references. */
export function ends(members: readonly Member[]): { oldest: TraceRef; newest: TraceRef } {
  const sorted = [...members].sort((a, b) => (a.t ?? 0) - (b.t ?? 0));
  const o = sorted[0] as Member;
  const n = sorted.at(-1) as Member;
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return { oldest: { traceId: o.id, time: iso(o.t) }, newest: { traceId: n.id, time: iso(n.t) } };
}
