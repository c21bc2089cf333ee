/** okDespiteFailures: an OK trace with failed spans; --json carries the count or null. */
import { describe, expect, it } from 'vitest';
import { okDespiteFailures } from '../../../../scripts/lib/analysis/findings/kinds/ok-despite-failures.js';
import { factsOf, type SpanSpec } from '../../../support/span-trees.js';

const spec: SpanSpec = {
  name: 'agent',
  children: [
    { name: 'db', error: ['Timeout', 'x'] },
    { name: 'cache', error: true },
  ],
};

describe('okDespiteFailures', () => {
  it('counts the failed spans of an OK trace', () => {
    const items = okDespiteFailures.detect(factsOf(spec));
    expect(items).toEqual([{ failedSpans: 2 }]);
    expect(okDespiteFailures.line({ failedSpans: 2 })).toBe('the trace reports OK although 2 spans failed');
    expect(okDespiteFailures.turnWeight({ failedSpans: 2 })).toBe(1);
  });

  it('nothing for an ERROR trace or a trace without failures', () => {
    expect(okDespiteFailures.detect(factsOf(spec, { info: { state: 'ERROR' } }))).toEqual([]);
    expect(okDespiteFailures.detect(factsOf({ name: 'agent' }))).toEqual([]);
  });

  it('--json: the count, or null, and back', () => {
    const json = okDespiteFailures.json as NonNullable<typeof okDespiteFailures.json>;
    expect(json.of([{ failedSpans: 2 }])).toBe(2);
    expect(json.of([])).toBeNull();
    expect(json.items(2)).toEqual([{ failedSpans: 2 }]);
    expect(json.items(null)).toEqual([]);
  });
});
