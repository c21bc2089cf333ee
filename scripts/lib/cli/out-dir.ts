/**
 * The directory that keeps mlflow's raw output: the user's --out-dir, or a fresh private one.
 * Created mode 0700: traces hold prompts and user data.
 */
import { accessSync, constants, existsSync, lstatSync, mkdirSync, mkdtempSync, readlinkSync, type Stats, statSync } from 'node:fs';
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

const SPECIAL = /^\/(?:dev|proc|sys)(?:\/|$)/;

function linkTarget(file: string): string {
  try {
    return lstatSync(file).isSymbolicLink() ? resolve(dirname(file), readlinkSync(file)) : '';
  } catch {
    return '';
  }
}

/** Larger than any JSONL of cases a person keeps; a file this big is not ours to read whole. */
const MAX_OUT_BYTES = 256 * 1024 * 1024;

/**
 * A file the script will read and replace (export_case --out), checked before anything runs: a
 * regular file of sane size (or none yet) in a directory that exists or can be made, writable.
 * A directory, a device (/dev/full, /dev/stdout), a FIFO or a read-only place is refused here.
 */
export function checkOutputFile(path: string, flag: string, writes: boolean): string {
  const hint = `Give ${flag} the path of a regular file in a writable directory (it is created if missing).`;
  if (path === '-')
    throw new SkillError('usage', `${flag} - would write a file named "-": this option takes a file path.`, {
      hint: `${hint} --json prints the case on stdout.`,
    });
  const file = resolve(path);
  const refuse = (why: string) => new SkillError('output-dir', `Cannot use ${flag} ${file}: ${why}.`, { hint });
  // /dev/stdout is a link to whatever stdout is (a file when redirected): refused by its name.
  if (SPECIAL.test(file) || SPECIAL.test(linkTarget(file))) throw refuse('it is a device or process file, not a regular file');
  let st: Stats | undefined;
  try {
    st = statSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw refuse(`it cannot be read (${(err as NodeJS.ErrnoException).code})`);
  }
  if (st?.isDirectory()) throw refuse('it is a directory');
  if (st && !st.isFile()) throw refuse('it is not a regular file (a device, FIFO or socket)');
  if (st && st.size > MAX_OUT_BYTES) throw refuse(`it is ${Math.round(st.size / 1048576)} MB, too large to be a file of cases`);
  if (!writes) return file;
  let dir = dirname(file);
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  try {
    if (!statSync(dir).isDirectory()) throw refuse(`${dir} is not a directory`);
    accessSync(st ? file : dir, constants.W_OK);
  } catch (err) {
    throw err instanceof SkillError ? err : refuse(`${st ? 'the file' : dir} is not writable`);
  }
  return file;
}
