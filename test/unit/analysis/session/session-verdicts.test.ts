import { describe, expect, it } from 'vitest';
import { sessionVerdictSignals } from '../../../../scripts/lib/analysis/session/session-verdicts.js';
import { summariseAssessments } from '../../../../scripts/lib/analysis/trace/assessments.js';
import { judgeFeedback, sessionLevel } from '../../../support/assessments.js';

describe('sessionVerdictSignals', () => {
  const neg = summariseAssessments([sessionLevel(judgeFeedback('resolved', false, 'Never answered.'), 's')]);
  it('pins a negative session verdict on the turn with the most evidence, else the last turn', () => {
    expect(sessionVerdictSignals(neg, [{ turn: 2, score: 4 }], { n: 3 })[0]).toMatchObject({ turn: 2, points: 5 });
    const alone = sessionVerdictSignals(neg, [], { n: 3 })[0];
    expect(alone).toMatchObject({ turn: 3 });
    expect(alone?.reason).toMatch(/names no turn: the last turn is listed/);
  });
  it('says nothing for positive verdicts or no turns', () => {
    expect(sessionVerdictSignals(summariseAssessments([judgeFeedback('resolved', true)]), [], { n: 1 })).toEqual([]);
    expect(sessionVerdictSignals(neg, [], null)).toEqual([]);
  });
});
