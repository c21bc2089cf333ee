/** How findings name spans, and the first record starting at or after a time. */
import { describe, expect, it } from 'vitest';
import { firstFrom, mention, q } from '../../../../scripts/lib/analysis/findings/span-mention.js';
import { recordDataflow } from '../../../../scripts/lib/analysis/trace/dataflow.js';
import { treeOf } from '../../../support/span-trees.js';

describe('span mentions', () => {
  const flow = recordDataflow(
    treeOf({ name: 'app', start: 0, end: 100, children: [1, 2, 3].map((i) => ({ name: 'llm', type: 'LLM', start: i * 10, end: i * 10 + 5 })) }),
  );

  it('NAME#N where names repeat, with the span id', () => {
    const second = flow.models[1];
    expect(second && mention(flow, second)).toEqual({ ref: 'llm#2', spanId: second?.node.span.id });
    expect(q('llm#2')).toBe('`llm#2`');
  });

  it('the first record starting at or after a time (binary search)', () => {
    expect([firstFrom(flow.models, 0), firstFrom(flow.models, 20), firstFrom(flow.models, 21), firstFrom(flow.models, 99)]).toEqual([0, 1, 2, 3]);
  });
});
