/**
 * A production-shaped deployment for the tests: `mlflow server --app-name basic-auth` over a real
 * PostgreSQL backend store (testbed/postgres.ts), seeded through the server by the MLflow SDK with
 * the same scenarios as the sqlite store (testbed/seed.py --set main), so every script's findings
 * can be compared one to one. Users live in the auth app's own sqlite db in the temp dir.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgres, type PostgresCluster } from './postgres.js';
import { freePort, MLFLOW, ROOT, VENV_BIN, waitHealthy, type Manifest } from './server.js';

export interface AuthDeployment {
  url: string;
  pg: PostgresCluster;
  admin: { username: string; password: string };
  /** A valid account with no permission on anything (default_permission = NO_PERMISSIONS): 403. */
  viewer: { username: string; password: string };
  /** READ on the seeded experiment and nothing more: reads succeed, every write is refused (403). */
  reader: { username: string; password: string };
  /** The server's access log: tests count requests in it (e.g. one 401, no retries). */
  serverLog: () => string;
  manifest: Manifest;
  stop: () => void;
}

export async function startAuthServerOnPostgres(): Promise<AuthDeployment> {
  const pg = await startPostgres();
  const dir = mkdtempSync(join(tmpdir(), 'mlflow-auth-'));
  const admin = { username: 'admin', password: `adm-${randomBytes(12).toString('hex')}` };
  const viewer = { username: 'viewer', password: `vw-${randomBytes(12).toString('hex')}` };
  const reader = { username: 'reader', password: `rd-${randomBytes(12).toString('hex')}` };
  const authIni = join(dir, 'basic_auth.ini');
  writeFileSync(
    authIni,
    [
      '[mlflow]',
      'default_permission = NO_PERMISSIONS',
      `database_uri = sqlite:///${join(dir, 'auth.db')}`,
      `admin_username = ${admin.username}`,
      `admin_password = ${admin.password}`,
      'authorization_function = mlflow.server.auth:authenticate_request_basic_auth',
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logFile = join(dir, 'server.log');
  const log = openSync(logFile, 'a');
  const child = spawn(
    MLFLOW,
    [
      'server',
      '--app-name',
      'basic-auth',
      '--backend-store-uri',
      pg.uri,
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
      stdio: ['ignore', log, log],
      detached: true,
      // No job runner and huey consumers (eight Python processes for online scoring nobody uses here).
      env: {
        ...process.env,
        MLFLOW_AUTH_CONFIG_PATH: authIni,
        MLFLOW_FLASK_SERVER_SECRET_KEY: randomBytes(16).toString('hex'),
        MLFLOW_SERVER_ENABLE_JOB_EXECUTION: 'false',
      },
    },
  );
  closeSync(log);
  const stop = () => {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    pg.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitHealthy(url, child, 400_000);
    const manifest = join(dir, 'manifest.json');
    const seed = spawnSync(join(VENV_BIN, 'python'), [join(ROOT, 'testbed', 'seed.py'), '--set', 'main', '--tracking-uri', url, '--manifest', manifest], {
      cwd: dir,
      encoding: 'utf8',
      env: {
        ...process.env,
        MLFLOW_LOGGING_LEVEL: 'WARNING',
        PYTHONWARNINGS: 'ignore',
        MLFLOW_TRACKING_USERNAME: admin.username,
        MLFLOW_TRACKING_PASSWORD: admin.password,
      },
    });
    if (seed.status !== 0) throw new Error(`seeding through the basic-auth server failed: ${seed.stderr.slice(-800)}`);
    const seeded = JSON.parse(readFileSync(manifest, 'utf8')) as Manifest;
    // The auth app's own REST API, as an admin would use it.
    const asAdmin = async (path: string, body: object): Promise<void> => {
      const res = await fetch(`${url}/api/${path}`, {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'Content-Type': 'application/json', Authorization: `Basic ${Buffer.from(`${admin.username}:${admin.password}`).toString('base64')}` },
      });
      if (!res.ok) throw new Error(`${path} failed: ${res.status} ${await res.text()}`);
    };
    await asAdmin('2.0/mlflow/users/create', viewer);
    await asAdmin('2.0/mlflow/users/create', reader);
    await asAdmin('3.0/mlflow/users/permissions/grant', {
      username: reader.username,
      resource_type: 'experiment',
      resource_id: seeded.experiment_id,
      permission: 'READ',
    });
    return { url, pg, admin, viewer, reader, stop, serverLog: () => readFileSync(logFile, 'utf8'), manifest: seeded };
  } catch (err) {
    stop();
    throw err;
  }
}
