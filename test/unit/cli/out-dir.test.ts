/** The directory that keeps mlflow's raw output: the user's --out-dir (made 0700), or a private temp one. */
import { chmodSync, existsSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareOutDir } from '../../../scripts/lib/cli/out-dir.js';
import { SkillError } from '../../../scripts/lib/core/errors.js';
import { tempDir } from '../../support/helpers.js';

const mode = (p: string) => statSync(p).mode & 0o777;

describe('--out-dir', () => {
  it('without one: a fresh private directory under the temp dir', () => {
    const a = prepareOutDir(undefined);
    const b = prepareOutDir('');
    expect(a.startsWith(join(tmpdir(), 'mlflow-traces-'))).toBe(true);
    expect(a).not.toBe(b);
    expect(mode(a)).toBe(0o700);
  });

  it('makes every missing level, each 0700, and returns the absolute path', () => {
    const base = tempDir('outdir-');
    const dir = prepareOutDir(join(base, 'a', 'b', 'c'));
    expect(dir).toBe(join(base, 'a', 'b', 'c'));
    for (const d of ['a', 'a/b', 'a/b/c']) expect(mode(join(base, d))).toBe(0o700);
  });

  it('takes an existing directory as it is', () => {
    const base = tempDir('outdir-');
    chmodSync(base, 0o755);
    expect(prepareOutDir(base)).toBe(base);
    expect(mode(base)).toBe(0o755);
  });

  it('a file in the way, or a directory it cannot make: one output-dir error with a hint', () => {
    const base = tempDir('outdir-');
    const file = join(base, 'file');
    writeFileSync(file, 'x');
    for (const bad of [file, join(file, 'below')]) {
      let err: unknown;
      try {
        prepareOutDir(bad);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(SkillError);
      expect((err as SkillError).kind).toBe('output-dir');
      expect((err as SkillError).message).toBe(`Cannot write to --out-dir ${bad}.`);
      expect((err as SkillError).hint).toMatch(/leave --out-dir out/);
    }
    expect(existsSync(join(file, 'below'))).toBe(false);
  });
});
