/**
 * A throwaway PostgreSQL cluster for the test bed: initdb into a temp dir, pg_ctl on a free
 * 127.0.0.1 port with its unix socket in the same dir, stopped and deleted afterwards. No system
 * service is touched. Production MLflow usually runs on PostgreSQL; this is the real thing, from
 * Debian's `postgresql` package (`.ci/run` installs it when initdb is missing).
 *
 * PostgreSQL refuses to run as root, and CI runs as root: then every server-side command runs as
 * an unprivileged user (`postgres`, which the Debian package creates, or else `nobody`) through
 * setpriv, and the temp dir is handed to that user.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { freePort } from './server.js';

export interface PostgresCluster {
  /** `postgresql://mlflow:PASSWORD@127.0.0.1:PORT/mlflow`: what MLflow's backend store takes. */
  uri: string;
  /** The database password, generated per cluster: tests check it is never printed. */
  password: string;
  port: number;
  dir: string;
  /** Stops the server (immediate mode) and deletes the cluster. Safe to call twice. */
  stop: () => void;
}

/** initdb and friends: PG_BIN, then PATH, then Debian's versioned dirs (newest first). */
export function findPgBin(): string | null {
  const candidates = [process.env.PG_BIN, ...(process.env.PATH ?? '').split(delimiter)];
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => join(debian, v, 'bin')));
  }
  return candidates.find((d) => !!d && ['initdb', 'pg_ctl', 'createdb'].every((t) => existsSync(join(d, t)))) ?? null;
}

interface RunAs {
  uid: number;
  gid: number;
  /** The argv prefix that drops to that user (empty when we are not root). */
  prefix: string[];
}

function idOf(user: string): { uid: number; gid: number } | null {
  const uid = spawnSync('id', ['-u', user], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', user], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return null;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

function unprivileged(): RunAs {
  if (process.getuid?.() !== 0) return { uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0, prefix: [] };
  const ids = idOf('postgres') ?? idOf('nobody');
  if (!ids) throw new Error('running as root, and neither a postgres nor a nobody user exists to run PostgreSQL as');
  return { ...ids, prefix: ['setpriv', `--reuid=${ids.uid}`, `--regid=${ids.gid}`, '--clear-groups', '--'] };
}

export async function startPostgres(): Promise<PostgresCluster> {
  const bin = findPgBin();
  if (!bin) throw new Error('PostgreSQL is not installed (no initdb): `apt-get install -y postgresql`, or set PG_BIN');
  const as = unprivileged();
  const dir = mkdtempSync(join(tmpdir(), 'mlflow-pg-'));
  chownSync(dir, as.uid, as.gid);
  chmodSync(dir, 0o700);
  const data = join(dir, 'data');
  const password = `pg-${randomBytes(12).toString('hex')}`;
  const pwfile = join(dir, 'pwfile');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  chownSync(pwfile, as.uid, as.gid);
  const port = await freePort();

  const pg = (tool: string, args: string[]): SpawnSyncReturns<string> => {
    const [cmd = '', ...rest] = [...as.prefix, join(bin, tool), ...args];
    return spawnSync(cmd, rest, { cwd: dir, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C.UTF-8' } });
  };
  const must = (what: string, res: SpawnSyncReturns<string>) => {
    if (res.error || res.status !== 0) throw new Error(`${what} failed: ${res.error?.message ?? `${res.stderr}`.slice(-600)}`);
  };

  let started = false;
  const stop = () => {
    if (started) pg('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    started = false;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    // Password auth over TCP, as a real deployment has; trust only on the private socket.
    must(
      'initdb',
      pg('initdb', [
        '-D',
        data,
        '-U',
        'mlflow',
        '--pwfile',
        pwfile,
        '--auth-host=scram-sha-256',
        '--auth-local=trust',
        '-E',
        'UTF8',
        '--no-sync',
        '--no-instructions',
      ]),
    );
    // fsync off: a throwaway cluster need not survive a power cut, and the machine is shared.
    const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    must('pg_ctl start', pg('pg_ctl', ['-D', data, '-l', join(dir, 'postgres.log'), '-w', '-t', '120', '-o', opts, 'start']));
    started = true;
    must('createdb', pg('createdb', ['-h', dir, '-p', String(port), '-U', 'mlflow', 'mlflow']));
  } catch (err) {
    stop();
    throw err;
  }
  return { uri: `postgresql://mlflow:${password}@127.0.0.1:${port}/mlflow`, password, port, dir, stop };
}
