/**
 * A fake `mlflow` for unit tests of the code that runs it: a script that records every
 * call's arguments and answers from files the test wrote (no Python, no store). Answers are
 * looked up by subcommand (`get`, `search`, `log-feedback`, …) and, when given, by the value of
 * the last of --trace-id, --order-by or --page-token; a `.err` answer fails with that stderr.
 */
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { vi } from 'vitest';
import { resetCacheForTests } from '../../scripts/lib/mlflow/cache.js';
import { tempDir } from './helpers.js';

/** A node script (the unit project's PATH may hold only node, git and sh): no other tool is needed. */
const SCRIPT = `#!${process.execPath}
const { appendFileSync, existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const dir = __dirname;
const args = process.argv.slice(2);
appendFileSync(join(dir, 'calls.log'), JSON.stringify(args) + '\\n');
const sub = args[1];
let key = '';
args.forEach((a, i) => { if (['--trace-id', '--order-by', '--page-token'].includes(args[i - 1])) key = a; });
for (const name of [sub + '-' + key, sub]) {
  const file = join(dir, name);
  if (existsSync(file + '.err')) { process.stderr.write(readFileSync(file + '.err')); process.exit(1); }
  if (existsSync(file + '.out')) { process.stdout.write(readFileSync(file + '.out')); process.exit(0); }
}
process.stderr.write('Error: the fake mlflow has no answer for ' + sub + ' ' + key + '\\n');
process.exit(1);
`;

export interface FakeMlflow {
  bin: string;
  /** Answers `mlflow traces <sub>` (for one --trace-id / --order-by / --page-token value when `key` is given). */
  answer: (sub: string, text: string, key?: string) => void;
  /** Fails `mlflow traces <sub>` with this stderr (exit 1). */
  fail: (sub: string, stderr: string, key?: string) => void;
  /** The argument arrays of every call so far. */
  calls: () => string[][];
}

export function fakeMlflow(): FakeMlflow {
  const dir = tempDir('fake-mlflow-');
  const bin = join(dir, 'mlflow');
  writeFileSync(bin, SCRIPT);
  chmodSync(bin, 0o755);
  const name = (sub: string, key?: string) => join(dir, key === undefined ? sub : `${sub}-${key}`);
  return {
    bin,
    answer: (sub, text, key) => writeFileSync(`${name(sub, key)}.out`, text),
    fail: (sub, stderr, key) => writeFileSync(`${name(sub, key)}.err`, stderr),
    calls: () => {
      const log = join(dir, 'calls.log');
      if (!existsSync(log)) return [];
      return readFileSync(log, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as string[]);
    },
  };
}

/**
 * Points MLFLOW_BIN at a new fake, with an empty trace cache and the given tracking URI (a
 * server pages 500 at a time, a SQL store answers in one call). Undone by vi.unstubAllEnvs().
 * The default is a sqlite store file that exists (empty): the runner refuses a missing one.
 */
export function useFakeMlflow(trackingUri?: string): FakeMlflow {
  const fake = fakeMlflow();
  if (trackingUri === undefined) {
    const store = join(tempDir('fake-store-'), 'mlflow.db');
    writeFileSync(store, '');
    trackingUri = `sqlite:///${store}`;
  }
  vi.stubEnv('MLFLOW_BIN', fake.bin);
  vi.stubEnv('MLFLOW_TRACKING_URI', trackingUri);
  vi.stubEnv('XDG_CACHE_HOME', tempDir('xdg-'));
  resetCacheForTests();
  return fake;
}
