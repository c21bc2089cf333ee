/** TraceFacts: each fact computed once on first use, each kind detected once, known facts taken as given. */
import { describe, expect, it, vi } from 'vitest';
import { defineKind } from '../../../../scripts/lib/analysis/findings/finding-kind.js';
import { TraceFacts } from '../../../../scripts/lib/analysis/findings/trace-facts.js';
import { findErrors } from '../../../../scripts/lib/analysis/trace/failures.js';
import { factsOf, spans } from '../../../support/span-trees.js';
import { trace } from '../../../support/spans.js';
import { buildTree } from '../../../../scripts/lib/trace/tree.js';

describe('TraceFacts', () => {
  it('computes the failures, the dataflow record and the timing once', () => {
    const facts = factsOf({ name: 'app', children: [{ name: 'db', error: ['Timeout', 'x'] }] });
    expect(facts.errors).toBe(facts.errors);
    expect(facts.errors.culprits.map((c) => c.name)).toEqual(['db']);
    expect(facts.flow).toBe(facts.flow);
    expect(facts.timing).toBe(facts.timing);
    expect(facts.reply).toBeNull();
  });

  it('takes what the caller already computed', () => {
    const list = spans({ name: 'app' });
    const tree = buildTree(list);
    const errors = findErrors(tree);
    const facts = new TraceFacts(trace('tr-1', { spans: list }), tree, { errors, reply: 'hello' });
    expect(facts.errors).toBe(errors);
    expect(facts.reply).toBe('hello');
  });

  it('detects each kind once, however many kinds ask for it', () => {
    const detect = vi.fn(() => [1, 2]);
    const kind = defineKind({
      kind: 'probe',
      about: 'a probe for the test',
      heuristic: false,
      section: 'findings',
      detect,
      line: String,
      spans: () => [],
      turnWeight: () => 0,
    });
    const facts = factsOf({ name: 'app' });
    expect(facts.of(kind)).toEqual([1, 2]);
    expect(facts.of(kind)).toEqual([1, 2]);
    expect(detect).toHaveBeenCalledTimes(1);
  });
});
