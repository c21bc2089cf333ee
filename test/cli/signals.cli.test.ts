/**
 * SIGINT, SIGTERM and SIGHUP to a script mid-call end its mlflow process group before the script
 * exits, with the conventional code (130, 143, 129): nothing is left running with parent 1.
 * The real mlflow (waiting on a server that accepts and never answers), and a wrapper whose own
 * child would outlive it if only the wrapper were killed.
 */
import { existsSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLES, MLFLOW, main, tempDir } from '../support/helpers.js';

let silent: Server;
let port = 0;
beforeAll(async () => {
  silent = createServer(() => undefined);
  await new Promise<void>((ok) => silent.listen(0, '127.0.0.1', ok));
  port = (silent.address() as { port: number }).port;
});
afterAll(() => silent.close());

/** Alive and not a zombie. */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) [ZX] /.test(stat);
  } catch {
    return false;
  }
}

const until = async (ok: () => boolean, ms = 120_000): Promise<void> => {
  for (const end = Date.now() + ms; !ok(); ) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
};

/** A wrapper mlflow that records its pid and its child's, then runs `body` (exec of the real one, or a sleeping child). */
function wrapper(dir: string, body: string): { bin: string; pids: () => number[] } {
  const bin = join(dir, 'mlflow');
  const file = join(dir, 'pids');
  writeFileSync(bin, `#!/bin/sh\necho $$ >> ${file}\n${body}\n`);
  chmodSync(bin, 0o755);
  return { bin, pids: () => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map(Number) : []) };
}

const CASES = [
  ['SIGINT', 130, 'real'],
  ['SIGTERM', 143, 'child'],
  ['SIGHUP', 129, 'child'],
] as const;

describe('a signal mid-call ends the mlflow process group too', () => {
  it.each(CASES)('%s → exit %i, no mlflow left (%s)', async (signal, code, kind) => {
    const dir = tempDir('signals-');
    const w = kind === 'real' ? wrapper(dir, `exec ${MLFLOW} "$@"`) : wrapper(dir, `sleep 300 &\necho $! >> ${join(dir, 'pids')}\nwait`);
    const uri = kind === 'real' ? `http://127.0.0.1:${port}` : main.tracking_uri;
    const child = execa('node', [join(BUNDLES, 'health_check.mjs'), main.traces.failing as string, '--timeout', '600'], {
      reject: false,
      env: { MLFLOW_BIN: w.bin, MLFLOW_TRACKING_URI: uri, MLFLOW_HTTP_REQUEST_TIMEOUT: '600', XDG_CACHE_HOME: join(dir, 'xdg'), NO_COLOR: '1' },
    });
    await until(() => w.pids().length >= (kind === 'real' ? 1 : 2));
    // The real mlflow: past Python's start-up and into the request (its import takes seconds).
    if (kind === 'real') await new Promise((r) => setTimeout(r, 3_000));
    const pids = w.pids();
    expect(pids.every(alive)).toBe(true);
    child.kill(signal);
    const r = await child;
    expect(r.exitCode).toBe(code);
    expect(String(r.stderr)).toMatch(new RegExp(`^error: interrupted by ${signal}; the mlflow call was stopped\\.\\nhint: `));
    await until(() => !pids.some(alive), 10_000);
  });
});
