/**
 * The trace cache's entries: a file name per id or command line, read back when young enough and
 * parsable, written to a temp file and renamed into place (readers see the old entry or the new one),
 * linked into --out-dir. Where the entries live: cache.ts.
 */
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, closeSync, copyFileSync, linkSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { SkillError } from '../core/errors.js';
import { readJsonFile } from '../core/read-json.js';

/** How long a finished trace is reused without asking mlflow again. */
export const REUSE_MS = 15 * 60_000;
/** A short hash: store directories and ids that had to change to be file names. */
export const sha = (s: string): string => createHash('sha256').update(s).digest('hex').slice(0, 16);

/** A file name for an id: readable when the id is plain, with a hash when it had to change. */
export function entryName(prefix: string, id: string): string {
  const safe = id.replace(/[^\w.-]+/g, '_').slice(0, 80);
  return safe === id ? `${prefix}-${safe}.json` : `${prefix}-${safe}-${sha(id)}.json`;
}

/** A key for a whole command line (a search: filter, order, page token, spans or not). */
export const argvKey = (argv: readonly string[]): string => sha(JSON.stringify(argv));

// ---------------------------------------------------------------------------------------------
// Reading and writing entries

export interface Entry {
  json: unknown;
  ageMs: number;
}

/**
 * A reusable entry, or null: missing, older than `reuseMs`, dated in the future (a clock moved),
 * unreadable, not JSON (half-written, corrupt), or refused by `reusable`.
 */
export function readEntry(file: string, reusable: (json: unknown) => boolean, reuseMs = REUSE_MS, now = Date.now()): Entry | null {
  let ageMs: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) return null;
    ageMs = now - st.mtimeMs;
  } catch {
    return null;
  }
  if (ageMs >= reuseMs || ageMs < -60_000) return null;
  let json: unknown;
  try {
    json = readJsonFile(file, 'a cached entry');
  } catch {
    return null;
  }
  return reusable(json) ? { json, ageMs: Math.max(0, ageMs) } : null;
}

// Temp names unique per process and call without asking for random bytes each time (a search
// with spans writes one entry per trace: thousands on a large triage).
const RUN = randomBytes(4).toString('hex');
let temps = 0;
/** A unique temp name next to `file`: the rename that follows stays on one file system. */
export const tempFor = (file: string): string => `${file}.tmp-${process.pid}-${RUN}-${++temps}`;

/** Puts a finished temp file in place in one step: readers see the old entry or the new one. */
export function commit(tmp: string, file: string): void {
  renameSync(tmp, file);
}

/** Writes `text` as an entry (temp file, 0600, then rename). */
export function writeEntry(file: string, text: string): void {
  const tmp = tempFor(file);
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  commit(tmp, file);
}

/**
 * --out-dir: the entry also appears in the user's directory under `name` (a hard link when the
 * file system allows, else a copy), replacing any earlier file of that name in one step.
 */
export function keepIn(entry: string, dir: string, name: string): string {
  const target = join(dir, name);
  const tmp = tempFor(target);
  try {
    try {
      linkSync(entry, tmp);
    } catch {
      copyFileSync(entry, tmp);
      chmodSync(tmp, 0o600);
    }
    renameSync(tmp, target);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new SkillError('output-dir', `Cannot write ${target} (${(err as NodeJS.ErrnoException).code ?? 'error'}).`, {
      hint: 'Pick a writable --out-dir, or leave it out: the path of the cached JSON is printed either way.',
    });
  }
  return target;
}

// ---------------------------------------------------------------------------------------------
// What this run used
