/** The redaction pass's parts, each alone: the tally, the shape rules, the named-value rules. (The whole pass: redaction.property.test.ts.) */
import { describe, expect, it } from 'vitest';
import { markerOf, RedactionTally } from '../../../scripts/lib/core/redaction-tally.js';
import { isSecretKey, maskNamedValues } from '../../../scripts/lib/core/secret-names.js';
import { applyShapes, SHAPE_HINT, SHAPE_RULES, shapeKindOf } from '../../../scripts/lib/core/secret-shapes.js';

// Built from fragments: no tracked file holds a string that secret scanners flag.
const openaiKey = ['sk', 'proj', 'A1b2C3d4E5f6G7h8I9j0K1l2'].join('-');

describe('the tally', () => {
  it('counts by kind and returns the marker', () => {
    const t = new RedactionTally();
    expect(t.add('openai-key')).toBe(markerOf('openai-key'));
    t.add('openai-key');
    expect([t.count, t.kinds]).toEqual([2, { 'openai-key': 2 }]);
  });
});

describe('shapes', () => {
  it('a provider key is masked by its shape, once', () => {
    const t = new RedactionTally();
    const once = applyShapes(`key ${openaiKey} here`, SHAPE_RULES, t);
    expect(once).toBe('key [redacted openai-key] here');
    expect(applyShapes(once, SHAPE_RULES, t)).toBe(once);
    expect(shapeKindOf(openaiKey)).toBe('openai-key');
    expect(SHAPE_HINT.test('nothing to see')).toBe(false);
  });
});

describe('names', () => {
  it('a value under a secret-named key, but not a page token', () => {
    expect([isSecretKey('api_key'), isSecretKey('Authorization'), isSecretKey('next_page_token'), isSecretKey('tokens')]).toEqual([true, true, false, false]);
    expect(maskNamedValues('password=hunter2hunter2 user=bob', new RedactionTally())).toBe('password=[redacted password] user=bob');
  });
});
