import { describe, expect, it } from 'vitest';
import { judgeFailuresSection } from '../../../../../scripts/lib/analysis/triage/sections/judge-failures.js';
import { judgeFeedback, scorerError } from '../../../../support/assessments.js';
import { traceAt, triageOver } from '../../../../support/builders.js';

describe('judge failures section: scorer errors apart', () => {
  it('groups by scorer and code, counts, and keeps the newest example', () => {
    const infos = [
      traceAt(1, 0, { assessments: [scorerError('groundedness', 'TIMEOUT', 'took 30 s')] }),
      traceAt(2, 1, { assessments: [scorerError('groundedness', 'TIMEOUT', 'took 31 s')] }),
      traceAt(3, 2, { assessments: [scorerError('groundedness', 'RATE_LIMIT'), judgeFeedback('correctness', 'no', 'wrong')] }),
    ];
    const { judgeFailures } = triageOver([judgeFailuresSection], infos).result();
    expect(judgeFailures).toEqual([
      { name: 'groundedness', code: 'TIMEOUT', count: 2, example: 'took 31 s', newest: { traceId: infos[1]?.info.traceId, time: expect.any(String) } },
      {
        name: 'groundedness',
        code: 'RATE_LIMIT',
        count: 1,
        example: 'judge call failed',
        newest: expect.objectContaining({ traceId: infos[2]?.info.traceId }),
      },
    ]);
  });

  it('ignores verdicts that have a value', () => {
    expect(triageOver([judgeFailuresSection], [traceAt(1, 0, { assessments: [judgeFeedback('correctness', 'no')] })]).result().judgeFailures).toEqual([]);
  });
});
