/** gaps: a span another finding blames that logged nothing to look at. */
import { describe, expect, it } from 'vitest';
import { gaps } from '../../../../scripts/lib/analysis/findings/kinds/gaps.js';
import { factsOf } from '../../../support/span-trees.js';

describe('gaps', () => {
  it('a failed span without inputs or outputs', () => {
    const [g, ...rest] = gaps.detect(factsOf({ name: 'app', children: [{ name: 'charge', type: 'TOOL', error: ['PaymentError', 'declined'] }] }));
    expect(rest).toEqual([]);
    expect(g).toMatchObject({ blamedBy: 'failed', missing: 'inputs and outputs', heuristic: false });
    const item = g as NonNullable<typeof g>;
    expect(gaps.line(item)).toBe('`charge` (failed) logged no inputs or outputs: nothing recorded — instrument it (log its inputs and outputs) to see why');
    expect(gaps.turnWeight(item)).toBe(0);
  });

  it('the model after a retriever logged no input: whether the documents arrived is unknown', () => {
    const [g] = gaps.detect(
      factsOf({
        name: 'app',
        children: [
          { name: 'search', type: 'RETRIEVER', inputs: { q: 'x' }, outputs: [{ id: 'doc-1', page_content: 'a' }] },
          { name: 'llm', type: 'LLM', outputs: 'ok' },
        ],
      }),
    );
    expect(g).toMatchObject({ missing: 'inputs', blamedBy: 'the model after `search`: whether its documents arrived is unknown' });
  });

  it('a failed span that logged its inputs: nothing', () => {
    expect(
      gaps.detect(factsOf({ name: 'app', children: [{ name: 'charge', type: 'TOOL', inputs: { amount: 5 }, error: ['PaymentError', 'declined'] }] })),
    ).toEqual([]);
  });
});
