/** retrieval: a retriever's documents that never reached the next model's prompt (a heuristic). */
import { describe, expect, it } from 'vitest';
import { retrieval } from '../../../../scripts/lib/analysis/findings/kinds/retrieval.js';
import { chat, completion, factsOf, type SpanSpec } from '../../../support/span-trees.js';

const doc = (id: string, text: string) => ({ id, page_content: text });
const docs = [
  doc('policy-checkout', 'Check-out time is 11 am; late check-out until 1 pm costs 30 euros per hour.'),
  doc('policy-pets', 'Pets up to 10 kg are welcome in rooms on the ground floor, for a fee.'),
];
const app = (prompt: string): SpanSpec => ({
  name: 'app',
  children: [
    { name: 'search', type: 'RETRIEVER', inputs: { query: 'check-out' }, outputs: docs },
    { name: 'llm', type: 'CHAT_MODEL', inputs: chat(['system', prompt], ['user', 'What time is check-out?']), outputs: completion('Noon.') },
  ],
});

describe('retrieval', () => {
  it('no document in the prompt: none reached', () => {
    const [r, ...rest] = retrieval.detect(factsOf(app('You are a hotel assistant.')));
    expect(rest).toEqual([]);
    expect(r).toMatchObject({ problem: 'none-reached', retrieved: 2, decided: 2, reached: 0, heuristic: true });
    const item = r as NonNullable<typeof r>;
    expect(retrieval.line(item)).toBe(
      "`llm`'s input holds none of the 2 documents `search` retrieved: the prompt was built without its context — heuristic: documents matched by id and by text",
    );
    expect(retrieval.spans(item)).toEqual([item.retriever.spanId, undefined, item.model.spanId]);
    expect(retrieval.turnWeight(item)).toBe(2);
  });

  it('the top document dropped, the second kept', () => {
    const [r] = retrieval.detect(factsOf(app(`Context: ${docs[1]?.page_content}`)));
    expect(r).toMatchObject({ problem: 'top-dropped', reached: 1, dropped: [{ id: 'policy-checkout', rank: 1 }] });
  });

  it('every document in the prompt: nothing', () => {
    expect(retrieval.detect(factsOf(app(`Context: ${docs.map((d) => d.page_content).join('\n')}`)))).toEqual([]);
  });
});
