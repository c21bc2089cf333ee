/** A trace as the cohorts remember it, and the verdict labels that keep a judge's rate apart from people's. */
import { describe, expect, it } from 'vitest';
import { isBad, recordOf, TRACE_NAME_TAG, verdictLabels } from '../../../../scripts/lib/analysis/changes/trace-record.js';
import { trace } from '../../../support/spans.js';
import { humanFeedback, judgeFeedback } from '../../../support/assessments.js';
import { record, verdict } from '../../../support/change-records.js';

describe('recordOf', () => {
  it('keeps the app, the split keys, the request cut to 300 characters and the verdicts', () => {
    const t = trace('t1', { requestTimeMs: 5, tags: { [TRACE_NAME_TAG]: 'copilot', app_version: 'v8' }, request: 'x'.repeat(400) });
    t.info.assessments = [judgeFeedback('quality', 'no', 'Cut off.')];
    const r = recordOf(t);
    expect(r).toMatchObject({ id: 't1', t: 5, app: 'copilot', kv: { 'tag.app_version': 'v8' } });
    expect(r?.request).toHaveLength(300);
    expect(r?.verdicts.map((v) => [v.name, v.negative])).toEqual([['quality', true]]);
  });
  it('has no record for a trace with no request time', () => {
    const t = trace('t1');
    t.info.requestTimeMs = null;
    expect(recordOf(t)).toBeNull();
  });
});

describe('verdictLabels and isBad', () => {
  it('labels a name two sources gave by its source, any other by its name', () => {
    const t = trace('t', { assessments: [humanFeedback('quality', 'no'), judgeFeedback('quality', 'yes'), judgeFeedback('safety', 'yes')] });
    const r = recordOf(t);
    const label = verdictLabels(r ? [r] : []);
    expect(r?.verdicts.map(label)).toEqual(['quality [HUMAN]', 'quality [LLM_JUDGE]', 'safety']);
  });
  it('a trace is bad with an error or a negative verdict', () => {
    expect(isBad(record(1, {}, { state: 'ERROR' }))).toBe(true);
    expect(isBad(record(2, {}, { verdicts: [verdict('quality', true)] }))).toBe(true);
    expect(isBad(record(3, {}, { verdicts: [verdict('quality', false)] }))).toBe(false);
  });
});
