import { describe, expect, it } from 'vitest';
import { judgeErrorsOf, onlySource, parseSource, verdictsOf } from '../../../../scripts/lib/analysis/common/verdicts.js';
import { mergeRationales } from '../../../../scripts/lib/analysis/common/rationales.js';
import { codeFeedback, expectation, humanFeedback, judgeFeedback, scorerError } from '../../../support/assessments.js';
import { trace } from '../../../support/spans.js';

describe('verdicts: one reading of a trace’s feedback', () => {
  const t = trace('tr-1', {
    assessments: [
      judgeFeedback('correctness', 'no', '  Wrong fare.  '),
      humanFeedback('user_frustration', 'yes'),
      codeFeedback('has_citation', true),
      expectation('expected_answer', 'KRW 12,000'),
      scorerError('groundedness', 'TIMEOUT', 'took too long'),
    ],
  });

  it('valid feedback with its polarity, value as text and rationale trimmed; expectations and scorer errors left out', () => {
    expect(verdictsOf(t)).toEqual([
      { name: 'correctness', source: 'LLM_JUDGE', negative: true, positive: false, value: 'no', rationale: 'Wrong fare.' },
      { name: 'user_frustration', source: 'HUMAN', negative: true, positive: false, value: 'yes', rationale: null },
      { name: 'has_citation', source: 'CODE', negative: false, positive: true, value: 'true', rationale: null },
    ]);
  });

  it('reads a source as MLflow spells it or as a user would say it; anything else is a usage error', () => {
    expect(['HUMAN', 'human', 'judge', 'LLM_JUDGE', 'llm', 'code'].map((x) => parseSource(x))).toEqual([
      'HUMAN',
      'HUMAN',
      'LLM_JUDGE',
      'LLM_JUDGE',
      'LLM_JUDGE',
      'CODE',
    ]);
    expect(() => parseSource('qa-team')).toThrow(/--source takes HUMAN, LLM_JUDGE or CODE/);
  });

  it("one source's view: other sources' feedback dropped; with NAME=V, only a trace where that source gave V", () => {
    const both = trace('tr-2', { assessments: [judgeFeedback('correct', 'yes'), humanFeedback('correct', 'no'), expectation('expected_answer', 'x')] });
    const humanNo = onlySource('HUMAN', [['correct', 'no']])(both);
    expect(humanNo?.info.assessments.map((a) => `${a.name}:${a.sourceType}`)).toEqual(['correct:HUMAN', 'expected_answer:HUMAN']);
    expect(onlySource('LLM_JUDGE', [['correct', 'no']])(both)).toBeNull();
    expect(onlySource('LLM_JUDGE', [['correct', 'YES']])(both)?.info.assessments).toHaveLength(2);
  });

  it('scorer errors apart, with their code and message', () => {
    expect(judgeErrorsOf(t)).toEqual([{ name: 'groundedness', source: 'LLM_JUDGE', code: 'TIMEOUT', message: 'took too long' }]);
  });
});

describe('mergeRationales: one merge for verdicts and cohorts', () => {
  type R = { verdict: string; fp: string; text: string; n: number };
  const how = {
    group: (r: R) => r.verdict,
    fingerprint: (r: R) => r.fp,
    text: (r: R) => r.text,
    combine: (items: readonly R[], fp: string, text: string): R => ({ verdict: items[0]?.verdict ?? '', fp, text, n: items.reduce((s, r) => s + r.n, 0) }),
  };

  it('merges rationales one word apart within a verdict, never across verdicts', () => {
    const merged = mergeRationales<R>(
      [
        { verdict: 'c', fp: '(Saver is missing)', text: '(Saver is missing)', n: 2 },
        { verdict: 'c', fp: '(Economy is missing)', text: '(Economy is missing)', n: 1 },
        { verdict: 'g', fp: '(Flex is missing)', text: '(Flex is missing)', n: 4 },
      ],
      how,
    );
    expect(merged.map((r) => [r.verdict, r.text, r.n])).toEqual([
      ['c', '({Saver|Economy} is missing)', 3],
      ['g', '(Flex is missing)', 4],
    ]);
  });
});
