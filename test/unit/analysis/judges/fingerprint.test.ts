import { describe, expect, it } from 'vitest';
import { coverageOf } from '../../../../scripts/lib/analysis/judges/coverage.js';
import { distinctiveWords, fingerprint } from '../../../../scripts/lib/analysis/judges/fingerprint.js';
import { trace } from '../../../support/spans.js';

describe('fingerprint and distinctive words', () => {
  it('masks numbers, quoted values and names', () => {
    expect(fingerprint('Wrong: (Saver is missing) at 12.5')).toBe(fingerprint('Wrong: (Economy is missing) at 3'));
    expect(fingerprint('Fee 5 EUR', false)).toBe('fee 5 eur');
  });
  it('finds the words a group shares and the others lack', () => {
    expect(distinctiveWords(['fee for wire', 'fee for card'], ['open account', 'reset password', 'fee here'])).toEqual([{ word: 'fee', here: 2, agreeing: 1 }]);
    expect(distinctiveWords([], ['x'])).toEqual([]);
  });
});

describe('coverageOf', () => {
  it('says when every scored trace carries one tag value the others do not', () => {
    const ts = [trace('a', { tags: { v: '2' } }), trace('b', { tags: { v: '2' } }), trace('c', { tags: { v: '1' } })];
    const c = coverageOf(
      'LLM_JUDGE',
      [
        { traceId: 'a', sourceId: null, label: 'pass' },
        { traceId: 'b', sourceId: 'j', label: 'fail' },
      ],
      ts,
    );
    expect(c).toMatchObject({ traces: 2, of: 3, labels: { pass: 1, fail: 1 }, sourceIds: ['j'], onlyOn: [{ key: 'tag.v', value: '2', otherTraces: 1 }] });
  });
});
