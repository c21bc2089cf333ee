/** sequentialCalls: independent calls that ran one after another (a heuristic; its line carries times). */
import { describe, expect, it } from 'vitest';
import { sequentialCalls } from '../../../../scripts/lib/analysis/findings/kinds/sequential-calls.js';
import { factsOf, type SpanSpec } from '../../../support/span-trees.js';

const leg = (i: number): SpanSpec => ({
  name: 'price_leg',
  type: 'TOOL',
  start: 100 + i * 1000,
  end: 100 + i * 1000 + 900,
  inputs: { leg: `LEG-${i}00` },
  outputs: { fare: 1000 + i },
});

describe('sequentialCalls', () => {
  it('four independent calls back to back', () => {
    const facts = factsOf({ name: 'planner', start: 0, end: 4200, children: [0, 1, 2, 3].map(leg) });
    const [s, ...rest] = sequentialCalls.detect(facts);
    expect(rest).toEqual([]);
    expect(s).toMatchObject({ name: 'price_leg', parent: 'planner', count: 4 });
    const item = s as NonNullable<typeof s>;
    expect(item.shareOfTrace).toBeCloseTo(item.wallMs / 4200, 6);
    expect(sequentialCalls.line(item)).toMatch(
      /^4 calls to price_leg under planner ran one after another \(900ms each, .* could be saved by running them in parallel \(heuristic: /,
    );
    expect(sequentialCalls.spans(item)).toHaveLength(4);
    expect(sequentialCalls.measured).toBe(true);
    expect(sequentialCalls.turnWeight(item)).toBe(0);
  });

  it('each call fed by the one before: nothing', () => {
    const chained = [0, 1, 2].map((i) => ({ ...leg(i), inputs: { after: `LEG-${i - 1}00-ok` }, outputs: `LEG-${i}00-ok` }));
    expect(sequentialCalls.detect(factsOf({ name: 'planner', start: 0, end: 3200, children: chained }))).toEqual([]);
  });
});
