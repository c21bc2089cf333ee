/**
 * The README's example outputs are what the scripts print today: each marked block
 * (`<!-- docs:NAME -->`) is regenerated from the seeded stores and compared (testbed/docs.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drift, EXAMPLES, regenerate, render } from '../../testbed/docs.js';
import { MLFLOW_FORKED, ROOT } from '../support/helpers.js';

describe('README examples', () => {
  it('has a block for every example, and none differs from a fresh run (else: npm run docs)', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const outputs = new Map(EXAMPLES.map((ex) => [ex.name, render(ex, MLFLOW_FORKED)]));
    expect(regenerate(readme, outputs).names.sort()).toEqual(EXAMPLES.map((ex) => ex.name).sort());
    expect(drift(readme, outputs), 'README examples drifted: run npm run docs').toEqual([]);
  }, 600_000);
});
