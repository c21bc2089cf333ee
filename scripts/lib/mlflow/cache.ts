/**
 * One fetch per trace per investigation. The raw JSON mlflow prints is kept in a per-user cache
 * and reused by the next view of the same trace (health_check → inspect_turn → --span …), so an
 * investigation pays mlflow's seconds of Python start-up once instead of once per command.
 *
 * Where: $XDG_CACHE_HOME/analyzing-mlflow-traces (else ~/.cache/…), one directory per tracking
 * store named by a hash of its URI (never the URI itself: it can hold a password). Directories
 * are 0700 and files 0600: traces hold prompts and user data. Every entry is written to a temp
 * file and renamed into place, so two agents at once never see half a file; an entry that does
 * not parse is simply fetched again. A cache that cannot be used falls back to a private temp
 * directory (said once on stderr), never to a failure.
 *
 * This module knows where the store is and what this run used; its entries (names, ages, atomic
 * writes) are cache-entries.ts, its pruning cache-prune.ts. What may be reused is decided by the
 * caller (reads.ts), which knows what mlflow prints.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, lstatSync, mkdirSync, mkdtempSync, openSync, readdirSync, unlinkSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { SkillError } from '../core/errors.js';
import { entryName, sha } from './cache-entries.js';
import { prune } from './cache-prune.js';

const APP = 'analyzing-mlflow-traces';

/** What this run's lookups found, for the output's one-line note and `--json`. */
export interface CacheStatus {
  /** Every lookup was served from the cache (no mlflow call for the data shown). */
  hit: boolean;
  /** Age of the oldest entry used, in whole seconds (0 when fetched now). */
  ageS: number;
  /** Only some lookups were served from the cache (e.g. one page of several). */
  partial?: boolean;
  /** Set when the usual cache directory could not be used: why, and where entries went instead. */
  fallback?: string;
}

// ---------------------------------------------------------------------------------------------
// Where the cache lives

/** The preferred cache root: XDG_CACHE_HOME (absolute paths only, as the spec says), else ~/.cache. */
export function preferredRoot(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_CACHE_HOME;
  const base = xdg && isAbsolute(xdg) ? xdg : join(env.HOME && isAbsolute(env.HOME) ? env.HOME : homedir(), '.cache');
  return join(base, APP);
}

/**
 * The part of the environment that decides which store mlflow reads, hashed. A relative store
 * (`sqlite:///mlflow.db`, or no URI at all: mlflow's default in the working directory) depends
 * on the working directory too; a Databricks URI on the profile or host.
 */
export function storeKey(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  const uri = env.MLFLOW_TRACKING_URI?.trim() || '';
  const parts = [uri];
  const remote = /^[a-z][\w+.-]*:\/\/[^/]/i.test(uri) || /^(databricks|uc)/i.test(uri);
  const absolute = /^(sqlite:\/\/\/\/|file:\/\/\/|\/)/i.test(uri);
  if (!remote && !absolute) parts.push(`cwd=${cwd}`);
  if (/^(databricks|uc)/i.test(uri)) parts.push(`host=${env.DATABRICKS_HOST ?? ''}`, `profile=${env.DATABRICKS_CONFIG_PROFILE ?? ''}`);
  parts.push(`user=${env.MLFLOW_TRACKING_USERNAME ?? ''}`);
  return sha(parts.join('\0'));
}

/** mkdir -p one level at a time (0700 for what we create), then insist the leaf is ours and private. */
function ensurePrivateDir(dir: string): void {
  const missing: string[] = [];
  for (let d = dir; !exists(d); d = dirname(d)) {
    missing.unshift(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing) {
    try {
      mkdirSync(d, { mode: 0o700 });
    } catch (err) {
      // Another run made it first: fine, it is checked below like any existing directory.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  const st = lstatSync(dir);
  if (!st.isDirectory()) throw Object.assign(new Error(`${dir} is not a directory`), { code: st.isSymbolicLink() ? 'ESYMLINK' : 'ENOTDIR' });
  const uid = process.getuid?.();
  if (uid !== undefined && st.uid !== uid) throw Object.assign(new Error(`${dir} belongs to another user`), { code: 'EOWNER' });
  if ((st.mode & 0o077) !== 0) chmodSync(dir, 0o700);
  // A real write, not access(): root passes every permission check and a read-only mount
  // passes access(W_OK) on some systems.
  const probe = join(dir, `.probe-${process.pid}-${randomBytes(4).toString('hex')}`);
  closeSync(openSync(probe, 'wx', 0o600));
  unlinkSync(probe);
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

interface Store {
  /** The directory holding this tracking store's entries. */
  dir: string;
  /** The cache root (all stores), for pruning. */
  root: string;
  fallback: string | null;
}

let store: Store | null = null;

/**
 * This run's store directory: the preferred root, else a per-user directory in the temp dir,
 * else a fresh private temp directory. Resolved once per process; a fallback is said once.
 */
export function cacheStore(env: NodeJS.ProcessEnv = process.env): Store {
  if (store) return store;
  const key = storeKey(env);
  const preferred = preferredRoot(env);
  const uid = process.getuid?.() ?? 'user';
  const candidates: Array<() => string> = [() => preferred, () => join(tmpdir(), `${APP}-${uid}`), () => mkdtempSync(join(tmpdir(), `${APP}-`))];
  let why = '';
  for (const [i, candidate] of candidates.entries()) {
    try {
      const root = candidate();
      ensurePrivateDir(root);
      const dir = join(root, key);
      ensurePrivateDir(dir);
      const fallback = i === 0 ? null : `${preferred} cannot be used (${why}); cached in ${root}`;
      if (fallback) process.stderr.write(`note: the trace cache ${fallback}\n`);
      store = { dir, root, fallback };
      return store;
    } catch (err) {
      if (!why) why = (err as NodeJS.ErrnoException).code ?? (err instanceof Error ? err.message : String(err));
    }
  }
  throw new SkillError('output-dir', `No writable directory for mlflow's output (${preferred}: ${why}; the temp directory failed too).`, {
    hint: 'Set XDG_CACHE_HOME or TMPDIR to a writable directory.',
  });
}

/** Forgets the resolved store (tests that change the environment in-process). */
export function resetCacheForTests(): void {
  store = null;
  uses.length = 0;
  pruned = false;
}

const uses: Array<{ hit: boolean; ageMs: number }> = [];

export function recordUse(hit: boolean, ageMs: number): void {
  uses.push({ hit, ageMs });
}

/** null when nothing was looked up (--from-file, --help). */
export function cacheStatus(): CacheStatus | null {
  if (!uses.length) return null;
  const hits = uses.filter((u) => u.hit);
  const status: CacheStatus = {
    hit: hits.length === uses.length,
    ageS: Math.round(Math.max(0, ...hits.map((u) => u.ageMs)) / 1000),
  };
  if (hits.length && hits.length < uses.length) status.partial = true;
  if (store?.fallback) status.fallback = store.fallback;
  return status;
}

// ---------------------------------------------------------------------------------------------
// Pruning

let pruned = false;

/** Prunes once per run, after the first write, sparing what this run wrote. */
export function pruneOnce(spare: readonly string[]): void {
  if (pruned || !store) return;
  pruned = true;
  prune(store.root, { spare });
}

// ---------------------------------------------------------------------------------------------
// After a write

/**
 * Forgets what a write made stale: the trace's own entry, and every cached search of its
 * experiment (a session view reads the session's first trace, with its session-level
 * assessments, from a search). The next view asks mlflow again, with no --fresh needed.
 */
export function dropAfterWrite(traceId: string, experimentId: string | null): number {
  const dir = cacheStore().dir;
  const stale = new Set([entryName('trace', traceId)]);
  let removed = 0;
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  const searchPrefix = experimentId === null ? 'search-' : `search-${experimentId.replace(/[^\w.-]+/g, '_').slice(0, 80)}-`;
  for (const name of names) {
    if (!stale.has(name) && !name.startsWith(searchPrefix)) continue;
    try {
      unlinkSync(join(dir, name));
      removed++;
    } catch {
      // already gone
    }
  }
  return removed;
}
