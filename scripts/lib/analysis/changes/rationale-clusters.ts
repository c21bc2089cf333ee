/**
 * The negative verdicts' rationales, clustered per verdict by fingerprint (like failure messages)
 * and counted per cohort, with a trend: new after the change, gone, or steady.
 */
import { fingerprint } from '../common/fingerprint.js';
import { mergeRationales } from '../common/rationales.js';
import type { Verdict } from '../common/verdicts.js';
import type { Cohort, RationaleCluster } from './change-report.js';
import type { TraceRecord } from './trace-record.js';

type RationaleAcc = { verdict: string; fingerprint: string; example: string; per: Map<string, { count: number; newest: TraceRecord }> };

/** How the records are told apart: their cohort, the verdicts' labels, the two cohorts compared. */
export interface RationaleSides {
  cohortOf: (r: TraceRecord) => string;
  label: (v: Verdict) => string;
  from?: string;
  to?: string;
}

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

/** Negative verdicts by label and fingerprint, counted per cohort with the newest trace of each. */
function clustersOf(recs: readonly TraceRecord[], { cohortOf, label }: RationaleSides): RationaleAcc[] {
  const clusters = new Map<string, RationaleAcc>();
  for (const r of recs) {
    const value = cohortOf(r);
    for (const v of r.verdicts) {
      if (!v.negative) continue;
      const fp = v.rationale ? fingerprint(v.rationale) : '(no rationale)';
      const key = `${label(v)}\u0000${fp}`;
      let c = clusters.get(key);
      if (!c) clusters.set(key, (c = { verdict: label(v), fingerprint: fp, example: v.rationale ?? '', per: new Map() }));
      const p = c.per.get(value);
      if (!p) c.per.set(value, { count: 1, newest: r });
      else {
        p.count += 1;
        if (r.t > p.newest.t) p.newest = r;
      }
    }
  }
  return [...clusters.values()];
}

export function rationaleClusters(recs: readonly TraceRecord[], cohorts: readonly Cohort[], sides: RationaleSides): RationaleCluster[] {
  const { from, to } = sides;
  const judgedIn = (value: string, verdict: string) => cohorts.find((c) => c.value === value)?.verdicts.find((v) => v.name === verdict)?.of ?? 0;
  return mergeRationaleVariants(clustersOf(recs, sides))
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
