/**
 * A real `mlflow server` on 127.0.0.1 for tests, the demo and captures: started on a free port
 * with its own sqlite store, filled through its REST API by the MLflow SDK and over OTLP by the
 * OpenTelemetry SDK, and stopped afterwards.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..');
export const VENV_BIN = join(ROOT, '.venv', 'bin');
export const MLFLOW = join(VENV_BIN, 'mlflow');

export interface Manifest {
  tracking_uri: string;
  experiment_id: string;
  traces: Record<string, string>;
  sessions: Record<string, { id: string; traces?: string[]; turns?: number; first?: string }>;
}

export const readManifest = (set: 'main' | 'large' | 'bench'): Manifest =>
  JSON.parse(readFileSync(join(ROOT, '.testbed', set, 'manifest.json'), 'utf8')) as Manifest;

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? ok(addr.port) : fail(new Error('no port'))));
    });
  });
}

export async function waitHealthy(url: string, child: ChildProcess, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`mlflow server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`mlflow server at ${url} did not become healthy in ${ms} ms`);
}

export interface RunningServer {
  url: string;
  manifest: Manifest;
  stop: () => void;
}

async function launch(backendUri: string, dir: string, logFile?: string): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    MLFLOW,
    [
      'server',
      '--backend-store-uri',
      backendUri,
      '--default-artifact-root',
      `file://${join(dir, 'artifacts')}`,
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--workers',
      '1',
    ],
    {
      cwd: dir,
      stdio: logFile ? ['ignore', openSync(logFile, 'a'), openSync(logFile, 'a')] : ['ignore', 'ignore', 'ignore'],
      detached: true,
      // No job runner and its huey consumers (eight more Python processes): the tests need none.
      env: { ...process.env, MLFLOW_SERVER_ENABLE_JOB_EXECUTION: 'false' },
    },
  );
  const stop = () => {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    // Generous: on a busy two-core machine the server's Python start-up alone can take a minute.
    await waitHealthy(url, child, 300_000);
  } catch (err) {
    stop();
    throw err;
  }
  return { url, stop };
}

/** A server over an existing sqlite file (the benchmark serves its own store this way); its access log to logFile when given. */
export async function startServerOn(dbPath: string, logFile?: string): Promise<{ url: string; stop: () => void }> {
  // sqlite:////abs/path: three slashes and a relative path would make a new, empty store in the
  // server's temp working directory.
  return launch(`sqlite:///${resolve(dbPath.replace(/^\/+/, '/'))}`, mkdtempSync(join(tmpdir(), 'mlflow-server-')), logFile);
}

export async function startSeededServer(): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'mlflow-server-'));
  const { url, stop } = await launch(`sqlite:///${join(dir, 'mlflow.db')}`, dir);
  try {
    const manifest = join(dir, 'manifest.json');
    const py = join(VENV_BIN, 'python');
    const env = { ...process.env, MLFLOW_LOGGING_LEVEL: 'WARNING', PYTHONWARNINGS: 'ignore' };
    const seed = spawnSync(py, [join(ROOT, 'testbed', 'seed.py'), '--set', 'server', '--tracking-uri', url, '--manifest', manifest], {
      cwd: dir,
      env,
      encoding: 'utf8',
    });
    if (seed.status !== 0) throw new Error(`seeding the server failed: ${seed.stderr.slice(-500)}`);
    const exp = (JSON.parse(readFileSync(manifest, 'utf8')) as Manifest).experiment_id;
    const otlp = spawnSync(py, [join(ROOT, 'testbed', 'otlp_seed.py'), '--server', url, '--experiment-id', exp, '--manifest', manifest], {
      cwd: dir,
      env,
      encoding: 'utf8',
    });
    if (otlp.status !== 0) throw new Error(`sending OTLP spans failed: ${otlp.stderr.slice(-500)}`);
    return { url, manifest: JSON.parse(readFileSync(manifest, 'utf8')) as Manifest, stop };
  } catch (err) {
    stop();
    throw err;
  }
}
