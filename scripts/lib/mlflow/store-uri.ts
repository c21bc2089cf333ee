/**
 * The tracking store, checked before any mlflow runs: a read must never create one. With no
 * MLFLOW_TRACKING_URI mlflow makes `mlflow.db` in the working directory (a user's repository),
 * and a sqlite or file path that does not exist is created, directories and all.
 */
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { isAbsolute, resolve } from 'node:path';
import { SkillError, shown } from '../core/errors.js';
import { databricksHost } from './links.js';

const SET_URI =
  'Set MLFLOW_TRACKING_URI to your server (http://localhost:5000), a store (sqlite:////abs/path/mlflow.db) or databricks; ' +
  'or read a saved trace with --from-file.';

/** The local path a store URI names (sqlite and file stores), or null for a server or database. */
export function localStorePath(uri: string, cwd = process.cwd()): string | null {
  const sqlite = /^sqlite:\/\/(\/?)(.*)$/i.exec(uri);
  if (sqlite) {
    // A SQLite URI filename (sqlite:///file:/path/db?mode=ro&uri=true) names the same file.
    const rest = decodeURIComponent(((sqlite[2] as string).split('?')[0] as string).replace(/^file:(?:\/\/(?=\/))?/i, ''));
    // sqlite:// and sqlite:///:memory: are in-memory: nothing on disk to check.
    if (!sqlite[1] || !rest || rest === ':memory:') return null;
    return isAbsolute(rest) ? rest : resolve(cwd, rest);
  }
  const file = /^file:(?:\/\/)?(\/.*)$/i.exec(uri);
  if (file) return decodeURIComponent(file[1] as string);
  // No scheme at all: mlflow takes it as a file store path (`databricks` alone is a workspace).
  if (!/^[a-z][\w+.-]*:/i.test(uri) && !/^(?:databricks|databricks-uc|uc)$/i.test(uri)) return resolve(cwd, uri);
  return null;
}

/** Refuses a missing URI, and a local store that does not exist (mlflow would create it). */
export function checkTrackingStore(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): void {
  const uri = env.MLFLOW_TRACKING_URI?.trim() ?? '';
  if (!uri)
    throw new SkillError('usage', 'MLFLOW_TRACKING_URI is not set: mlflow would read (and create) a store in the working directory.', {
      hint: SET_URI,
    });
  const path = localStorePath(uri, cwd);
  if (path !== null && !existsSync(path))
    throw new SkillError('store-not-found', `The tracking store ${shown(path, 120)} does not exist (MLFLOW_TRACKING_URI); nothing was created.`, {
      hint: `Check the path (sqlite:////abs/path is absolute, sqlite:///rel/path is relative to the working directory). ${SET_URI}`,
    });
}

let probed: Promise<void> | null = null;

/**
 * A Databricks host that refuses connections, or whose name does not resolve, fails in a second:
 * the Databricks SDK mlflow uses retries its first request for 300 s (no setting reaches it from
 * the environment). One TCP connect, once per run; a host that answers goes on to mlflow.
 */
export function probeDatabricksHost(env: NodeJS.ProcessEnv = process.env, connectMs = 10_000): Promise<void> {
  const uri = env.MLFLOW_TRACKING_URI?.trim() ?? '';
  if (!/^(databricks|databricks-uc|uc)\b/i.test(uri)) return Promise.resolve();
  const host = databricksHost(uri.replace(/^(databricks-uc|uc)\b/i, 'databricks'), env);
  if (!host) return Promise.resolve();
  probed ??= connectOnce(host, connectMs);
  return probed;
}

function connectOnce(host: string, connectMs: number): Promise<void> {
  let url: URL;
  try {
    url = new URL(host);
  } catch {
    return Promise.resolve();
  }
  const port = Number(url.port || (url.protocol === 'http:' ? 80 : 443));
  return new Promise((done, fail) => {
    const socket = connect({ host: url.hostname.replace(/^\[|\]$/g, ''), port });
    const refuse = (why: string) => {
      socket.destroy();
      fail(
        new SkillError('unreachable', `The Databricks host ${url.host} ${why}.`, {
          hint: 'Check DATABRICKS_HOST (https://<workspace>.cloud.databricks.com) or the host of your ~/.databrickscfg profile, and the network.',
        }),
      );
    };
    socket.setTimeout(connectMs, () => refuse(`did not accept a connection within ${Math.round(connectMs / 1000)} s`));
    socket.once('connect', () => {
      socket.destroy();
      done();
    });
    socket.once('error', (err: NodeJS.ErrnoException) =>
      refuse(err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN' ? 'does not resolve (DNS)' : `refused the connection (${err.code ?? 'error'})`),
    );
  });
}
