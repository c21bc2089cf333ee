/**
 * Feedback by assessment name and source (HUMAN, LLM_JUDGE, CODE: a judge's pass rate is never
 * mixed with people's): how many verdicts, positive and negative, which traces the source scored
 * (and the cohorts it alone covered); for the negative ones their values, rationales
 * (fingerprinted, one-word variants merged) and the tags over-represented among the traces it scored.
 */
import { fingerprint } from '../../common/fingerprint.js';
import { mergeRationales } from '../../common/rationales.js';
import { type VerdictSource, verdictsOf } from '../../common/verdicts.js';
import type { InfoRead, Member, TraceRef, TriageSection } from '../section.js';
import { defineSection } from '../section.js';
import { type Coverage, ends, type OverRepresented, type TracesRead } from '../traces-read.js';

export interface VerdictCluster {
  name: string;
  source: VerdictSource;
  /** Negative verdicts. */
  count: number;
  /** Every verdict of this name from this source, and the positive ones (the rest read neither way). */
  judged: number;
  positive: number;
  /** The traces this source scored for this name, of those read, and the tag values it alone covered. */
  coverage: Coverage;
  /** Other sources that gave this name verdicts too: compare them with judge_agreement. */
  otherSources: VerdictSource[];
  /** The rationale given most often (by fingerprint), and how often. */
  topRationale: { text: string; count: number } | null;
  /** Every rationale cluster, most frequent first (at most 5): the new problem is rarely the commonest. */
  rationales: Array<{ fingerprint: string; text: string; count: number; newest: string }>;
  values: Array<{ value: string; count: number }>;
  /** Values that read neither positive nor negative (categories, free scores), most frequent first (at most 5). */
  others: Array<{ value: string; count: number }>;
  /** The newest and oldest negative verdict's trace (null when none was negative). */
  newest: TraceRef | null;
  oldest: TraceRef | null;
  overRepresented: OverRepresented[];
}

type RationaleCount = { fingerprint: string; text: string; count: number; newest: string; newestT: number };

interface VerdictAcc {
  name: string;
  source: VerdictSource;
  judged: number;
  positive: number;
  /** The traces scored, once each. */
  scored: Map<string, Member>;
  members: Member[];
  /** By fingerprint: one real text, how often, the newest trace. */
  rationales: Map<string, RationaleCount>;
  values: Map<string, number>;
  others: Map<string, number>;
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
      const key = `${verdict.name}\u0000${verdict.source}`;
      let v = this.verdicts.get(key);
      if (!v)
        this.verdicts.set(
          key,
          (v = {
            name: verdict.name,
            source: verdict.source,
            judged: 0,
            positive: 0,
            scored: new Map(),
            members: [],
            rationales: new Map(),
            values: new Map(),
            others: new Map(),
          }),
        );
      v.judged += 1;
      v.scored.set(member.id, member);
      if (verdict.positive) v.positive += 1;
      else if (!verdict.negative) v.others.set(verdict.value, (v.others.get(verdict.value) ?? 0) + 1);
      if (!verdict.negative) continue;
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
    const sourcesOf = new Map<string, VerdictSource[]>();
    for (const v of this.verdicts.values()) sourcesOf.set(v.name, [...(sourcesOf.get(v.name) ?? []), v.source]);
    const verdicts = [...this.verdicts.values()].map((v) => {
      const scored = [...v.scored.values()];
      const rationales = mergeRationaleCounts([...v.rationales.values()])
        .map(({ newestT: _t, ...r }) => r)
        .sort((a, b) => b.count - a.count);
      const top = rationales[0];
      return {
        name: v.name,
        source: v.source,
        count: v.members.length,
        judged: v.judged,
        positive: v.positive,
        coverage: shared.coverage(scored),
        otherSources: (sourcesOf.get(v.name) ?? []).filter((s) => s !== v.source),
        topRationale: top ? { text: top.text, count: top.count } : null,
        rationales: rationales.slice(0, 5),
        values: [...v.values.entries()].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count),
        others: [...v.others.entries()]
          .map(([value, count]) => ({ value, count }))
          .sort((a, b) => b.count - a.count)
          .slice(0, 5),
        ...(v.members.length ? ends(v.members) : { newest: null, oldest: null }),
        // Against the traces this source scored: where it ran is not where verdicts went bad.
        overRepresented: v.members.length ? shared.overRepresented(v.members, scored.length < shared.count ? scored : undefined) : [],
      };
    });
    return { verdicts: verdicts.sort((a, b) => b.count - a.count || b.judged - a.judged || a.name.localeCompare(b.name) || a.source.localeCompare(b.source)) };
  }
}

export const verdictsSection = defineSection('verdicts', () => new VerdictsSection());
