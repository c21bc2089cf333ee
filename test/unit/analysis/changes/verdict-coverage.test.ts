/** Whether two cohorts' negative-verdict rates rest on sources that cover both alike. */
import { describe, expect, it } from 'vitest';
import { ChangeAccumulator } from '../../../../scripts/lib/analysis/changes/changes.js';
import { cohortOf } from '../../../../scripts/lib/analysis/changes/cohort-stats.js';
import { verdictCoverage } from '../../../../scripts/lib/analysis/changes/verdict-coverage.js';
import { verdictLabels } from '../../../../scripts/lib/analysis/changes/trace-record.js';
import { BUILTIN_PRICES } from '../../../../scripts/lib/analysis/cost/prices.js';
import { record, verdict } from '../../../support/change-records.js';
import { humanFeedback, judgeFeedback } from '../../../support/assessments.js';
import { trace } from '../../../support/spans.js';

/** 12 traces of 2.3.0 scored by a code check alone; 48 of 2.4.0 scored by it, and a judge and people on policy_correct. */
const recs = [
  ...Array.from({ length: 12 }, (_, i) => record(i, { v: '2.3.0' }, { verdicts: [verdict('pii_leak', i === 0, null, 'CODE')] })),
  ...Array.from({ length: 48 }, (_, i) =>
    record(
      100 + i,
      { v: '2.4.0' },
      {
        verdicts: [
          verdict('pii_leak', i < 2, null, 'CODE'),
          ...(i < 45 ? [verdict('policy_correct', i < 7, null, 'LLM_JUDGE')] : []),
          ...(i < 20 ? [verdict('policy_correct', i < 10, null, 'HUMAN')] : []),
        ],
      },
    ),
  ),
];
const src = { facts: new Map(), label: verdictLabels(recs), prices: BUILTIN_PRICES };
const cohort = (v: string) =>
  cohortOf(
    v,
    recs.filter((r) => r.kv.v === v),
    src,
  );

describe('verdictCoverage', () => {
  it('a source present in one cohort alone makes the negative rates not comparable; the sources on both are the ones to compare by', () => {
    const c = verdictCoverage(cohort('2.3.0'), cohort('2.4.0'));
    expect(c?.comparable).toBe(false);
    expect(c?.uneven.map((u) => [u.source, u.assessment, u.absentFrom])).toEqual([
      ['HUMAN', 'policy_correct', 'from'],
      ['LLM_JUDGE', 'policy_correct', 'from'],
    ]);
    expect(c?.even).toEqual([
      {
        label: 'pii_leak',
        assessment: 'pii_leak',
        source: 'CODE',
        from: { judged: 12, traces: 12 },
        to: { judged: 48, traces: 48 },
        fromRate: { n: 1, of: 12, rate: 1 / 12 },
        toRate: { n: 2, of: 48, rate: 2 / 48 },
      },
    ]);
  });

  it('a source far rarer in one cohort (a third of the share or less) is uneven; a like share is even; no verdicts: null', () => {
    const judgedOn = (v: string, n: number, of: number) =>
      Array.from({ length: of }, (_, i) => record(i + (v === 'b' ? 1_000 : 0), { v }, { verdicts: i < n ? [verdict('tone', false)] : [] }));
    const pick = (rs: ReturnType<typeof judgedOn>, v: string) => cohortOf(v, rs, { ...src, label: (x) => x.name });
    const rare = verdictCoverage(pick(judgedOn('a', 30, 40), 'a'), pick(judgedOn('b', 4, 40), 'b'));
    expect(rare).toMatchObject({ comparable: false, uneven: [{ source: 'LLM_JUDGE', absentFrom: null, from: { judged: 30 }, to: { judged: 4 } }] });
    expect(verdictCoverage(pick(judgedOn('a', 30, 40), 'a'), pick(judgedOn('b', 20, 40), 'b'))?.comparable).toBe(true);
    expect(verdictCoverage(pick(judgedOn('a', 0, 5), 'a'), pick(judgedOn('b', 0, 5), 'b'))).toBeNull();
  });

  it("the report carries it, and the negative rates' difference says it is not comparable", () => {
    const acc = new ChangeAccumulator();
    for (let i = 0; i < 60; i++) {
      const late = i >= 12;
      const assessments = [judgeFeedback('helpfulness', i % 4 === 0 ? 'no' : 'yes'), ...(late && i % 2 ? [humanFeedback('policy_correct', 'no')] : [])];
      acc.addInfo(trace(`tr-${i}`, { requestTimeMs: i * 60_000, tags: { app_version: late ? '2.4.0' : '2.3.0' }, assessments }));
    }
    const r = acc.report({});
    expect(r.verdictCoverage).toMatchObject({ comparable: false, uneven: [{ source: 'HUMAN', assessment: 'policy_correct', absentFrom: 'from' }] });
    expect(r.differences.find((d) => d.what === 'negative verdicts')?.comparable).toBe(false);
  });
});
