/** Runs our scripts as a user would: a subprocess, real argv, real environment. */
import type { ScriptName } from '../../scripts/lib/render/follow-up.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { type Manifest, MLFLOW, readManifest, ROOT } from '../../testbed/server.js';

export { MLFLOW, ROOT, readManifest };

/**
 * The cli suite's MLFLOW_BIN: the pinned mlflow's CLI, each call a fork of one process that has
 * imported it (testbed/mlflow-fork), so a call costs a fraction of a second instead of ~6 s of
 * Python start-up. Without the fork server (started by the global set-up) it is the real executable.
 */
export const MLFLOW_FORKED = join(ROOT, 'testbed', 'mlflow-fork');

/**
 * A seeded store's manifest, read on first use rather than on import: unit tests import this
 * module too, and must run on a fresh clone before (or without) the Python set-up.
 */
function lazyManifest(set: 'main' | 'large'): Manifest {
  let loaded: Manifest | undefined;
  const load = (): Manifest => {
    if (loaded) return loaded;
    try {
      loaded = readManifest(set);
    } catch (e) {
      throw new Error(
        `the seeded "${set}" store is missing (${(e as Error).message}): tests that use it belong in *.cli.test.ts, which the real-CLI project seeds first`,
      );
    }
    return loaded;
  };
  return new Proxy({} as Manifest, {
    get: (_t, key) => Reflect.get(load(), key),
    has: (_t, key) => Reflect.has(load(), key),
    ownKeys: () => Reflect.ownKeys(load()),
    getOwnPropertyDescriptor: (_t, key) => Reflect.getOwnPropertyDescriptor(load(), key),
  });
}
export const main = lazyManifest('main');
export const large = lazyManifest('large');
export const fixture = (name: string) => join(ROOT, 'fixtures', name);

export interface Run {
  exitCode: number;
  stdout: string;
  stderr: string;
  json: () => Record<string, unknown>;
}

/** The scripts, as follow-up commands name them: one list in render/follow-up.ts. */
export type Script = ScriptName;

/**
 * The scripts bundled from the current sources by the cli project's global set-up (as dist/ is,
 * but never stale): `node` starts a bundle in a fifth of the CPU that tsx spends compiling
 * ~100 modules, and the suite starts several hundred.
 */
export const BUNDLES = join(ROOT, '.testbed', 'dist');

/** Runs a script as an installed skill does (`node <bundle>`), MLFLOW_BIN pointing at the pinned mlflow. */
export async function run(script: Script, args: string[], env: Record<string, string | undefined> = {}, timeoutMs = 180_000, cwd = ROOT): Promise<Run> {
  const res = await execa('node', [join(BUNDLES, `${script}.mjs`), ...args], {
    cwd,
    reject: false,
    // Each run gets its own trace cache unless the test passes XDG_CACHE_HOME: runs that share a
    // cache share fetches, and tests that count mlflow calls must opt in to that on purpose.
    env: { MLFLOW_BIN: MLFLOW_FORKED, MLFLOW_TRACKING_URI: main.tracking_uri, NO_COLOR: '1', XDG_CACHE_HOME: tempDir('xdg-'), ...env },
    timeout: timeoutMs,
  });
  const stdout = String(res.stdout);
  return {
    exitCode: res.exitCode ?? -1,
    stdout,
    stderr: String(res.stderr),
    json: () => JSON.parse(stdout) as Record<string, unknown>,
  };
}

export const tempDir = (prefix = 'skill-test-') => mkdtempSync(join(tmpdir(), prefix));

// In-process code under test (getTrace in runner.cli.test.ts) never writes to the user's own cache.
process.env.XDG_CACHE_HOME = tempDir('xdg-');

/** A stack trace in user-facing output: never acceptable. */
export const hasStackTrace = (s: string) => /\n\s+at .+\(.+:\d+:\d+\)|Traceback \(most recent call last\)[\s\S]*File "/.test(s);

/** The path on a `Full trace JSON (unredacted, 0600): PATH  (…)` footer line. */
export const rawJsonPath = (stdout: string, what: 'trace' | 'search' = 'trace'): string | undefined =>
  new RegExp(`^Full ${what} JSON(?: \\([^)]*\\))?: (\\S+)`, 'm').exec(stdout)?.[1]?.replace(/,$/, '');
