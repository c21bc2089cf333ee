/** Negative feedback by assessment name: its values, its rationales (fingerprinted, one-word variants merged), over-represented tags. */
import { fingerprint } from '../../common/fingerprint.js';
import { mergeRationales } from '../../common/rationales.js';
import { verdictsOf } from '../../common/verdicts.js';
import type { InfoRead, Member, TraceRef, TriageSection } from '../section.js';
import { defineSection } from '../section.js';
import { ends, type OverRepresented, type TracesRead } from '../traces-read.js';

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

type RationaleCount = { fingerprint: string; text: string; count: number; newest: string; newestT: number };

interface VerdictAcc {
  name: string;
  members: Member[];
  /** By fingerprint: one real text, how often, the newest trace. */
  rationales: Map<string, RationaleCount>;
  values: Map<string, number>;
}

/** Rationales that differ in one word only are one complaint: counts summed, the word shown as `{A|B}`. */
const mergeRationaleCounts = (list: readonly RationaleCount[]): RationaleCount[] =>
  mergeRationales(list, {
    group: () => '',
    fingerprint: (r) => r.fingerprint,
    text: (r) => r.text,
    combine: (items, fp, text) => {
      const newest = items.reduce((a, b) => (b.newestT > a.newestT ? b : a));
      return { fingerprint: fp, text, count: items.reduce((n, r) => n + r.count, 0), newest: newest.newest, newestT: newest.newestT };
    },
  });

export class VerdictsSection implements TriageSection<{ verdicts: VerdictCluster[] }> {
  private readonly verdicts = new Map<string, VerdictAcc>();

  addInfo({ trace, member }: InfoRead): void {
    const t = trace.info.requestTimeMs ?? 0;
    for (const verdict of verdictsOf(trace)) {
      if (!verdict.negative) continue;
      let v = this.verdicts.get(verdict.name);
      if (!v) this.verdicts.set(verdict.name, (v = { name: verdict.name, members: [], rationales: new Map(), values: new Map() }));
      v.members.push(member);
      v.values.set(verdict.value, (v.values.get(verdict.value) ?? 0) + 1);
      if (!verdict.rationale) continue;
      const fp = fingerprint(verdict.rationale);
      const r = v.rationales.get(fp);
      if (!r) v.rationales.set(fp, { fingerprint: fp, text: verdict.rationale, count: 1, newest: trace.info.traceId, newestT: t });
      else {
        r.count += 1;
        if (t > r.newestT) Object.assign(r, { newest: trace.info.traceId, newestT: t });
      }
    }
  }

  result(shared: TracesRead): { verdicts: VerdictCluster[] } {
    const verdicts = [...this.verdicts.values()].map((v) => {
      const rationales = mergeRationaleCounts([...v.rationales.values()])
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
        overRepresented: shared.overRepresented(v.members),
      };
    });
    return { verdicts: verdicts.sort((a, b) => b.count - a.count) };
  }
}

export const verdictsSection = defineSection('verdicts', () => new VerdictsSection());
