/**
 * The code's shape: every scripts/lib module is imported by name by at least one unit test, so
 * each has pure-logic coverage of its own (a module reached only through another one does not count).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');
const LIB = join(ROOT, 'scripts', 'lib');
const UNIT = join(ROOT, 'test', 'unit');

/** Every file under `dir` whose name ends with `suffix`, as absolute paths. */
function filesUnder(dir: string, suffix: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(suffix))
    .map((f) => join(dir, f));
}

// Static imports and re-exports (`… from '…'`), side-effect imports and dynamic `import('…')`.
const SPECIFIER = /\bfrom\s+['"]([^'"]+)['"]|\bimport\s+['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The relative import specifiers of a source text. */
export function importSpecifiers(text: string): string[] {
  return [...text.matchAll(SPECIFIER)].map((m) => m[1] ?? m[2] ?? m[3] ?? '').filter((s) => s.startsWith('.'));
}

/** The absolute .ts path a relative specifier in `fromFile` names (`./x.js` is written for `./x.ts`). */
export function resolveSpecifier(fromFile: string, specifier: string): string {
  return resolve(dirname(fromFile), specifier).replace(/\.js$/, '.ts');
}

/**
 * Modules whose unit tests come with the findings and triage registries being built now (issue
 * 27): listed here until then, never failing the check once a test imports them.
 */
const TESTS_UNDER_WAY = new Set<string>();

/** The scripts/lib modules (relative to scripts/lib, without .ts) no unit test imports directly. */
function modulesNoUnitTestImports(): string[] {
  const imported = new Set<string>();
  for (const test of filesUnder(UNIT, '.ts')) {
    for (const spec of importSpecifiers(readFileSync(test, 'utf8'))) imported.add(resolveSpecifier(test, spec));
  }
  return filesUnder(LIB, '.ts')
    .filter((m) => !imported.has(m))
    .map((m) => relative(LIB, m).replace(/\.ts$/, ''))
    .filter((m) => !TESTS_UNDER_WAY.has(m))
    .sort();
}

describe('the shape of the tests', () => {
  it('reads every kind of import a test writes', () => {
    const text = [
      "import { a } from '../../scripts/lib/x.js';",
      'import {\n  b,\n  c,\n} from "./y.js";',
      "import './side.js';",
      "const m = await import('../z.js');",
      "export { d } from './w.js';",
      "import { describe } from 'vitest';",
    ].join('\n');
    expect(importSpecifiers(text)).toEqual(['../../scripts/lib/x.js', './y.js', './side.js', '../z.js', './w.js']);
    expect(resolveSpecifier('/r/test/unit/a/b.test.ts', '../../../scripts/lib/x.js')).toBe('/r/scripts/lib/x.ts');
  });

  it('has every scripts/lib module imported by at least one unit test', () => {
    expect(filesUnder(LIB, '.ts').length).toBeGreaterThan(90);
    const missing = modulesNoUnitTestImports();
    expect(missing, `scripts/lib modules no test/unit file imports: ${missing.join(', ')}`).toEqual([]);
  });
});
