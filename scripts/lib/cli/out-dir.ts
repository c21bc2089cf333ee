/**
 * The directory that keeps mlflow's raw output: the user's --out-dir, or a fresh private one.
 * Created mode 0700: traces hold prompts and user data.
 */
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { SkillError } from '../core/errors.js';

export function prepareOutDir(outDir: string | undefined): string {
  if (!outDir) return mkdtempSync(join(tmpdir(), 'mlflow-traces-'));
  const dir = resolve(outDir);
  try {
    makeDirs(dir);
    if (!statSync(dir).isDirectory()) throw new Error('not a directory');
    accessSync(dir, constants.W_OK);
  } catch {
    throw new SkillError('output-dir', `Cannot write to --out-dir ${dir}.`, {
      hint: 'Pick a writable directory, or leave --out-dir out to use a private temp directory.',
    });
  }
  return dir;
}

/**
 * mkdir -p, one level at a time: Node's recursive mkdir can spin for a long time on special
 * file systems (/proc), where one plain mkdir fails at once.
 */
function makeDirs(dir: string): void {
  const missing: string[] = [];
  for (let d = dir; !existsSync(d); d = dirname(d)) {
    missing.unshift(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing) mkdirSync(d, { mode: 0o700 });
}
