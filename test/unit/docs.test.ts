/** The README generator's normalisation: what varies between seedings never reaches the README. */
import { describe, expect, it } from 'vitest';
import { drift, normalise, regenerate } from '../../testbed/docs.js';
import { ROOT } from '../support/helpers.js';

describe('normalise', () => {
  const run = (ids: { trace: string; span: string; other: string }, cache: string) =>
    normalise(
      [
        `Trace ${ids.trace} — ERROR`,
        `    span: ${ids.span}  (node ./dist/inspect_turn.mjs ${ids.trace} --span ${ids.span})`,
        `✓ agent [AGENT] 1.90s · ${ids.span.slice(0, 8)}`,
        `    the same failure in: ${ids.other}`,
        `File "${ROOT}/testbed/seed.py", line 46`,
        `Full trace JSON (unredacted, 0600): ${cache}/analyzing-mlflow-traces/0123456789abcdef/trace-${ids.trace}.json`,
      ].join('\n'),
      'example',
      cache,
    );

  it('gives the same text for two seedings (other random ids, another cache), and keeps ids consistent', () => {
    const a = run({ trace: 'tr-0123456789abcdef0123456789abcdef', span: '685c2b54115ad467', other: 'a4b56877' }, '/tmp/docs-xdg-AAAA');
    const b = run({ trace: 'tr-fedcba9876543210fedcba9876543210', span: '39cb8cab2b160ccf', other: '6882ae96' }, '/tmp/docs-xdg-BBBB');
    expect(a).toBe(b);
    const [, span] = /span: ([0-9a-f]{16})/.exec(a) ?? [];
    expect(a).toContain(`· ${span?.slice(0, 8)}`); // the tree's prefix and the full id still match
    expect(a).toContain('~/src/analyzing-mlflow-traces/testbed/seed.py');
    expect(a).toContain('~/.cache/analyzing-mlflow-traces/<store>/trace-');
    expect(a).not.toContain('/tmp/');
  });

  it('maps a short span id of digits alone where only an id can stand (one seeding in ~40 draws one)', () => {
    const a = run({ trace: 'tr-0123456789abcdef0123456789abcdef', span: '685c2b54115ad467', other: 'a4b56877, 0e42c812' }, '/tmp/x');
    const b = run({ trace: 'tr-0123456789abcdef0123456789abcdef', span: '685c2b54115ad467', other: 'a4b56877, 92190561' }, '/tmp/x');
    expect(b).toBe(a);
    // The first of the list too (CI drifted on "84229635, 86e61177").
    const c = run({ trace: 'tr-0123456789abcdef0123456789abcdef', span: '685c2b54115ad467', other: '84229635, 0e42c812' }, '/tmp/x');
    expect(c).toBe(a);
    // Elsewhere eight digits stay a number.
    expect(normalise('took 20261120 steps', 'example', '/tmp/x')).toBe('took 20261120 steps');
  });
});

describe('regenerate and drift', () => {
  const readme = 'intro\n<!-- docs:x -->\n```\nold\n```\n<!-- /docs -->\nend\n';
  it('rewrites only the marked block and reports which block drifted', () => {
    const outputs = new Map([['x', 'new']]);
    expect(regenerate(readme, outputs).text).toBe('intro\n<!-- docs:x -->\n```\nnew\n```\n<!-- /docs -->\nend\n');
    expect(drift(readme, outputs)).toEqual(['x']);
    expect(drift(regenerate(readme, outputs).text, outputs)).toEqual([]);
  });
  it('refuses a block with no example', () => {
    expect(() => regenerate(readme, new Map())).toThrow(/no example of that name/);
  });
});
