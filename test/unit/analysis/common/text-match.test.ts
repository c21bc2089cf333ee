/** The one text-matching module: passages, errors, documents in a prompt, values between spans, scalars. */
import { describe, expect, it } from 'vitest';
import {
  docInPrompt,
  mentionsError,
  normaliseText,
  outputFeeds,
  passageHead,
  scalarRelation,
  usableId,
} from '../../../../scripts/lib/analysis/common/text-match.js';
import type { SpanNode } from '../../../../scripts/lib/trace/tree.js';
import { treeOf } from '../../../support/span-trees.js';

describe('passages', () => {
  it('normalised across formats: case, punctuation and Unicode forms', () => {
    expect(normaliseText('  Check-out: 11 AM!  ')).toBe('check out 11 am');
    expect(normaliseText('Ｃafé — ok')).toBe('café ok');
  });

  it('a head: the first chars of the normalised text, of a bounded raw prefix when told', () => {
    expect(passageHead('Done! Your card ending 4417 has been blocked.', 20)).toBe('done your card endin');
    expect(passageHead(`${'x'.repeat(10)} tail`, 80, 5)).toBe('xxxxx');
  });
});

describe('errors', () => {
  it('the start of the error message, or an error word beside the span name', () => {
    expect(mentionsError('Tool result: TimeoutError after 5s', 'TimeoutError after 5s', 'get_order')).toBe(true);
    expect(mentionsError('get_order failed: unavailable', 'something else', 'get_order')).toBe(true);
    expect(mentionsError('an error in another tool', 'something else', 'get_order')).toBe(false);
    expect(mentionsError('an error happened', '', 'get_order')).toBe(true);
  });
});

describe('documents in a prompt', () => {
  it('by id, by a window of its text, or undecided', () => {
    const prompt = normaliseText('Context: [policy-checkout] Check-out time is 11 am.');
    expect(docInPrompt({ id: 'policy-checkout', windows: [] }, prompt)).toBe(true);
    expect(docInPrompt({ id: null, windows: ['check out time is 11 am'] }, prompt)).toBe(true);
    expect(docInPrompt({ id: 'other-doc', windows: ['pets are welcome'] }, prompt)).toBe(false);
    expect(docInPrompt({ id: '12', windows: [] }, prompt)).toBeNull();
  });

  it('ids of digits alone or under 4 characters are not looked for', () => {
    expect(usableId('1234')).toBeNull();
    expect(usableId('ab')).toBeNull();
    expect(usableId('DOC-7')).toBe('doc 7');
  });
});

describe('values between spans', () => {
  it('an output value found in the next input, not one the span echoed from its own input', () => {
    const tree = treeOf({
      name: 'root',
      children: [
        { name: 'a', inputs: { q: 'alpha-query' }, outputs: { id: 'ORDER-98431', echo: 'alpha-query' } },
        { name: 'b', inputs: { order: 'ORDER-98431' } },
        { name: 'c', inputs: { q: 'alpha-query' } },
      ],
    });
    const [, a, b, c] = tree.nodes as SpanNode[];
    expect(outputFeeds(a as SpanNode, b as SpanNode)).toBe('fed');
    expect(outputFeeds(a as SpanNode, c as SpanNode)).toBe('independent');
  });
});

describe('scalars', () => {
  it('equal, or scaled by a unit', () => {
    expect(scalarRelation(1999, 19.99)).toBe(' × 100');
    expect(scalarRelation('EUR', 'EUR')).toBe('');
    expect(scalarRelation(7, 3)).toBeNull();
  });
});
