/** caught: a failing span whose nearest non-failing ancestor ended normally. */
import { describe, expect, it } from 'vitest';
import { caught } from '../../../../scripts/lib/analysis/findings/kinds/caught.js';
import { factsOf } from '../../../support/span-trees.js';

describe('caught', () => {
  it('names the failing span and the ancestor that caught it', () => {
    const facts = factsOf({
      name: 'agent',
      children: [{ name: 'wrapper', error: true, children: [{ name: 'db', type: 'TOOL', error: ['Timeout', 'db timed out'] }] }],
    });
    const items = caught.detect(facts);
    expect(items).toEqual([{ spanId: expect.any(String), name: 'db', caughtIn: { spanId: expect.any(String), name: 'agent', status: 'OK' } }]);
    const c = items[0] as (typeof items)[number];
    expect(caught.line(c)).toBe('db failed and was caught in agent (status OK)');
    expect(caught.section).toBe('errors');
    expect(caught.turnWeight(c)).toBe(0);
  });

  it('an error that reached the root was not caught', () => {
    expect(caught.detect(factsOf({ name: 'agent', error: true, children: [{ name: 'db', error: ['Timeout', 'x'] }] }))).toEqual([]);
  });
});
