/**
 * Starts testbed/mlflow_forkserver.py for the cli suite: one Python process that imports the
 * pinned mlflow's CLI once, so that each mlflow call of the suite (through testbed/mlflow-fork) is a
 * fork of it instead of ~6 s of start-up. Its environment is the one the scripts give mlflow
 * (scripts/lib/mlflow/runner.ts › childEnv): a call whose start-up settings differ runs for real.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { childEnv } from '../scripts/lib/mlflow/runner.js';
import { ROOT, VENV_BIN } from './server.js';

export const FORK_SOCKET = join(ROOT, '.testbed', 'mlflow-fork.sock');

export async function startForkServer(timeoutMs = 300_000): Promise<() => void> {
  rmSync(FORK_SOCKET, { force: true });
  const child = spawn(join(VENV_BIN, 'python'), [join(ROOT, 'testbed', 'mlflow_forkserver.py'), FORK_SOCKET], {
    env: childEnv(),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stop = () => {
    child.kill('SIGTERM');
    rmSync(FORK_SOCKET, { force: true });
  };
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`the mlflow fork server did not start within ${timeoutMs / 1000} s`)), timeoutMs);
    child.stdout.once('data', () => {
      clearTimeout(timer);
      ready();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`the mlflow fork server exited with ${code}`));
    });
  }).catch((err: unknown) => {
    stop();
    throw err;
  });
  return stop;
}
