import { expect, it } from 'vitest';
import { fromRawAssessment, SESSION_KEY } from '../../../scripts/lib/trace/raw-assessment.js';
import type { RawAssessment } from '../../../scripts/lib/trace/schema.js';
import { humanFeedback, rawAssessment, scorerError } from '../../support/assessments.js';

const parse = (raw: Record<string, unknown>) => fromRawAssessment(raw as RawAssessment);

it('reads back what the builders write: a human feedback and a scorer error', () => {
  const human = humanFeedback('helpful', true, { rationale: 'clear', sourceId: 'ana' });
  expect(parse(rawAssessment(human))).toMatchObject({ name: 'helpful', kind: 'feedback', value: true, sourceType: 'HUMAN', rationale: 'clear' });
  expect(parse(rawAssessment(scorerError('safety')))).toMatchObject({ value: null, error: { code: 'RATE_LIMIT', message: 'judge call failed' } });
});

it('decodes a serialized expectation, reads an issue, and marks a session-level one by its metadata', () => {
  expect(parse({ assessment_name: 'answer', expectation: { serialized_value: { value: '["a","b"]' } } }).value).toEqual(['a', 'b']);
  expect(parse({ assessment_name: 'i', issue: { issue_name: 'loops' } })).toMatchObject({ kind: 'issue', value: 'loops' });
  const session = parse({ assessment_name: 'coherent', feedback: { value: 'yes' }, metadata: { [SESSION_KEY]: 's-1' }, valid: false });
  expect(session).toMatchObject({ sessionLevel: true, valid: false, metadata: { [SESSION_KEY]: 's-1' } });
  expect(parse({ name: 'legacy', error: { error_code: 'X' }, create_time_ms: 0 })).toMatchObject({
    name: 'legacy',
    error: { code: 'X', message: '' },
    createTime: '1970-01-01T00:00:00.000Z',
  });
});
