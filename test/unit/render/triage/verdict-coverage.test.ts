/** Under the cohorts' negative-verdict row: said not comparable when its sources cover the cohorts unlike, in the row and in the difference. */
import { describe, expect, it } from 'vitest';
import { ChangeAccumulator } from '../../../../scripts/lib/analysis/changes/changes.js';
import { changeSections } from '../../../../scripts/lib/render/triage/changes.js';
import { cohortTable } from '../../../../scripts/lib/render/triage/cohort-table.js';
import { verdictCoverageLines } from '../../../../scripts/lib/render/triage/verdict-coverage.js';
import { codeFeedback, humanFeedback, judgeFeedback } from '../../../support/assessments.js';
import { trace } from '../../../support/spans.js';

const follow = { compare: () => '', byKey: () => '', traceName: () => '', spanName: () => '', wider: null, json: 'x.json' };

/** 12 traces of 2.3.0 judged on helpfulness and checked by code; 48 of 2.4.0 add a judge and people on policy_correct. */
function report(humansOnBoth = false) {
  const acc = new ChangeAccumulator();
  for (let i = 0; i < 60; i++) {
    const late = i >= 12;
    const assessments = [
      codeFeedback('pii_leak', late && i < 14 ? 'yes' : 'no'),
      ...(i % 2 ? [judgeFeedback('helpfulness', i % 3 === 0 ? 2 : 5)] : []),
      ...((late || humansOnBoth) && i % 3 === 0 ? [humanFeedback('policy_correct', i % 2 === 0)] : []),
      ...(late ? [judgeFeedback('policy_correct', i % 7 !== 0)] : []),
    ];
    acc.addInfo(trace(`tr-${i}`, { requestTimeMs: i * 60_000, tags: { app_version: late ? '2.4.0' : '2.3.0' }, assessments }));
  }
  return acc.report({});
}

describe('verdict coverage under the negative row', () => {
  it('the row says which sources ran on one side only, and the rates to compare by instead', () => {
    const lines = cohortTable(report());
    const at = lines.findIndex((l) => l.startsWith('    negative (of judged)'));
    expect(lines[at + 1]).toBe('    ! not comparable: HUMAN policy_correct and LLM_JUDGE policy_correct ran only on 2.4.0');
    expect(lines[at + 2]).toMatch(
      /^ {6}compare by a source present on both: LLM_JUDGE helpfulness \d+\/6 \d+% → \d+\/24 \d+% · CODE pii_leak 0\/12 0% → 2\/48 4\.2%$/,
    );
  });

  it("the negative rates' difference is not tested as one measure: it says not comparable", () => {
    const text = changeSections(report(), null, follow)[0]?.lines.join('\n') ?? '';
    expect(text).toMatch(
      /negative verdicts \d+\/12 \d+(\.\d)?% \(2\.3\.0\) → \d+\/48 \d+% \(2\.4\.0\): not comparable, the verdict sources behind them differ between the cohorts \(the ! line above\)/,
    );
    expect(text).not.toMatch(/negative verdicts .*(within|beyond) chance/);
  });

  it('a far rarer source is said with its counts; sources alike on both say nothing', () => {
    const r = report(true);
    // People scored every third trace of each: alike. The judge on policy_correct ran on 2.4.0 alone.
    expect(cohortTable(r).join('\n')).toContain('! not comparable: LLM_JUDGE policy_correct ran only on 2.4.0');
    const rarer = {
      ...r,
      verdictCoverage: r.verdictCoverage && {
        ...r.verdictCoverage,
        uneven: r.verdictCoverage.uneven.map((u) => ({ ...u, absentFrom: null, from: { judged: 1, traces: 12 } })),
      },
    };
    expect(cohortTable(rarer).join('\n')).toContain('! not comparable: LLM_JUDGE policy_correct scored 1 of 12 traces on 2.3.0, 48 of 48 on 2.4.0');
    const alike = { ...r, verdictCoverage: r.verdictCoverage && { ...r.verdictCoverage, comparable: true, uneven: [] } };
    expect(cohortTable(alike).join('\n')).not.toContain('not comparable');
    expect(verdictCoverageLines(alike)).toEqual([]);
  });
});
