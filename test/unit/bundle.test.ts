/**
 * dist/ as a reviewer meets it: our code unminified with its module boundaries, third-party code
 * apart in dist/vendor, and a license text for every package whose code is in there.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain JS helper without types
import { bundle, bundledPackages, licenseTexts } from '../../testbed/build.mjs';
import { ROOT, tempDir } from '../support/helpers.js';

interface Bundled {
  packages: Array<{ name: string; dir: string }>;
  metafile: { outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }> };
}
interface LicenseTexts {
  name: string;
  version: string;
  license: string;
  texts: Array<{ file: string; text: string }>;
}

const files = (dir: string, sub = ''): string[] =>
  readdirSync(join(dir, sub), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));

describe('the bundles', () => {
  let out: string;
  let built: Bundled;
  let notices: string;
  beforeAll(async () => {
    out = tempDir('dist-review-');
    built = (await bundle(out)) as Bundled;
    notices = readFileSync(join(out, 'THIRD_PARTY_LICENSES'), 'utf8');
  }, 120_000);

  it('keep our code readable: unminified, each module under its source path, no package code', () => {
    const ours = files(out).filter((f) => f.endsWith('.mjs') && !f.includes('/vendor/'));
    const text = ours.map((f) => readFileSync(f, 'utf8')).join('\n');
    for (const module of [
      'scripts/lib/mlflow/runner.ts',
      'scripts/lib/render/budget.ts',
      'scripts/lib/analysis/session/session.ts',
      'scripts/health_check.ts',
    ]) {
      expect(text).toContain(`// ${module}\n`);
    }
    expect(text).toMatch(/function classifyFailure\(exitCode, stderr, args, env = process.env\) \{\n/);
    expect(text).not.toMatch(/node_modules\//);
    // No minified lines (those run to 100 KB): the longest are help texts, as long as in scripts/.
    expect(Math.max(...text.split('\n').map((l) => l.length))).toBeLessThan(1000);
    expect(text.split('\n').length).toBeGreaterThan(2000);
  });

  it('put third-party code only in dist/vendor, imported by a relative path that resolves', () => {
    const imports = files(out)
      .filter((f) => !f.includes('/vendor/') && f.endsWith('.mjs'))
      .flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/from "([^"]+)"/g)].map((m) => ({ f, spec: m[1] as string })));
    const vendorImports = imports.filter((i) => i.spec.includes('vendor/'));
    expect(vendorImports.map((i) => i.spec.split('/').at(-1)).sort()).toEqual(expect.arrayContaining(['execa.mjs', 'zod.mjs']));
    for (const i of imports.filter((x) => !x.spec.startsWith('node:'))) {
      expect(i.spec, `${i.f} imports a bare package`).toMatch(/^\.\.?\//);
      expect(() => readFileSync(join(i.f, '..', i.spec)), `${i.f} → ${i.spec}`).not.toThrow();
    }
    for (const f of files(out, 'vendor')) expect(readFileSync(f, 'utf8'), f).not.toContain('// scripts/');
  });

  it('name every bundled package with its version and license text in THIRD_PARTY_LICENSES', () => {
    const names = built.packages.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['zod', 'execa', 'cross-spawn', 'zx']));
    // zx/core runs mlflow; zx's chalk and globals stay out (the scripts' colours are six ANSI codes, render/style.ts).
    expect(readdirSync(join(out, 'vendor')).filter((f) => f.startsWith('zx'))).toEqual(['zx__core.mjs']);
    expect(names).not.toContain('chalk');
    expect(notices).toContain(`(${names.length} packages)`);
    for (const { name, dir } of built.packages) {
      const p = licenseTexts(dir) as LicenseTexts;
      expect(p.texts.length, `${name} ships no license text: the bundle cannot carry its notice`).toBeGreaterThan(0);
      expect(notices).toContain(`${name}@${p.version} — ${p.license}`);
      for (const t of p.texts) {
        expect(t.text.length, `${name}/${t.file} is empty`).toBeGreaterThan(50);
        expect(notices).toContain(t.text);
      }
    }
  });

  it('list exactly the packages that have bytes in the output (from the metafile)', () => {
    const fromMeta = new Set<string>();
    for (const o of Object.values(built.metafile.outputs)) {
      for (const [input, use] of Object.entries(o.inputs)) {
        const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
        if (m && use.bytesInOutput > 0) fromMeta.add(m[1] as string);
      }
    }
    expect(built.packages.map((p) => p.name).sort()).toEqual([...fromMeta].sort());
  });

  it('a package without a license file is caught: no text, and the notice says so', () => {
    const dir = join(tempDir('no-license-'), 'node_modules', 'nolicense');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'nolicense', version: '1.0.0', license: 'MIT' }));
    writeFileSync(join(dir, 'index.js'), 'export const x = 1;');
    expect((licenseTexts(dir) as LicenseTexts).texts).toEqual([]);
    const packages = bundledPackages({ outputs: { 'a.mjs': { inputs: { [join(dir, 'index.js')]: { bytesInOutput: 10 } } } } }) as Bundled['packages'];
    expect(packages).toEqual([{ name: 'nolicense', dir }]);
  });

  it('the committed dist/ has the same license file as a fresh build', () => {
    expect(readFileSync(join(ROOT, 'dist', 'THIRD_PARTY_LICENSES'), 'utf8')).toBe(notices);
  });
});
