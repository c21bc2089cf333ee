import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TIERING_FLAG, tunesTiering } from '../../../scripts/lib/cli/short-lived.js';

const scripts = join(import.meta.dirname, '..', '..', '..', 'scripts');

describe('V8 tuned for a short-lived process', () => {
  it("raises the optimising compiler's budget on Node 20's V8 only (later ones have no such flag)", () => {
    expect(TIERING_FLAG).toBe('--interrupt-budget=540672');
    expect(tunesTiering('11.3.244.8-node.38')).toBe(true);
    expect(tunesTiering('12.4.254.21-node.57')).toBe(false);
    expect(tunesTiering('13.6.233.10-node.27')).toBe(false);
  });

  it('is the first import of every script', () => {
    const entries = readdirSync(scripts).filter((f) => f.endsWith('.ts'));
    expect(entries.length).toBeGreaterThanOrEqual(9);
    for (const f of entries) {
      const firstImport = /^import .*$/m.exec(readFileSync(join(scripts, f), 'utf8'))?.[0];
      expect(firstImport, f).toBe("import './lib/cli/short-lived.js';");
    }
  });
});
