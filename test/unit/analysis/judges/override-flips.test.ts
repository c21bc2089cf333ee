import { describe, expect, it } from 'vitest';
import { labelOf } from '../../../../scripts/lib/analysis/judges/agreement.js';
import { overrideFlips } from '../../../../scripts/lib/analysis/judges/override-flips.js';
import { humanFeedback, judgeFeedback, scorerError } from '../../../support/assessments.js';
import { trace } from '../../../support/spans.js';

describe('overrideFlips: one source changing its verdict on the same trace', () => {
  it('pairs an overridden verdict with the one that replaced it; no time, no gap', () => {
    const ts = [
      trace('t1', {
        assessments: [judgeFeedback('ok', false, 'Empty.', { id: 'a', valid: false }), judgeFeedback('ok', true, 'Fine.', { id: 'b', overrides: 'a' })],
      }),
    ];
    expect(overrideFlips(ts, 'ok', labelOf)).toMatchObject([
      { traceId: 't1', source: 'LLM_JUDGE', from: { label: 'fail' }, to: { label: 'pass' }, gapMs: null },
    ]);
  });
  it('skips other names, scorer errors, the same label and an override by another source', () => {
    const ts = [
      trace('t1', {
        assessments: [judgeFeedback('other', false, null, { id: 'a', valid: false }), judgeFeedback('other', true, null, { id: 'b', overrides: 'a' })],
      }),
      trace('t2', {
        assessments: [scorerError('ok', 'TIMEOUT', 'x', { id: 'c', valid: false }), judgeFeedback('ok', true, null, { id: 'd', overrides: 'c' })],
      }),
      trace('t3', {
        assessments: [judgeFeedback('ok', 'yes', null, { id: 'e', valid: false }), judgeFeedback('ok', 'Yes', null, { id: 'f', overrides: 'e' })],
      }),
      trace('t4', { assessments: [judgeFeedback('ok', false, null, { id: 'g', valid: false }), humanFeedback('ok', true, { id: 'h', overrides: 'g' })] }),
    ];
    expect(overrideFlips(ts, 'ok', labelOf)).toEqual([]);
  });
});
