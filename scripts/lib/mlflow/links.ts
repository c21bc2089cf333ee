/**
 * Deep links into the MLflow UI, in one place. Routes are the ones the pinned MLflow's UI ships
 * (mlflow/server/js/build, routes in RoutesDef): `/experiments/:experimentId/traces` (the traces
 * tab reads `selectedEvaluationId` to open one trace) and `/experiments/:experimentId/chat-sessions/:sessionId`.
 * A tracking server serves the UI behind a hash router (`/#/experiments/…`, as MLflow's own
 * run links print); Databricks serves it under `/ml/experiments/…` on the workspace host.
 * A sqlite or file store has no UI to link to: every function returns null there.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { withoutCredentials } from '../core/redact.js';

/** The UI's base for experiment routes, or null when the tracking URI has no UI. */
export function uiBase(env: NodeJS.ProcessEnv = process.env): string | null {
  const uri = env.MLFLOW_TRACKING_URI?.trim() ?? '';
  if (/^https?:\/\//i.test(uri)) return `${withoutCredentials(uri).replace(/\/+$/, '')}/#`;
  if (/^databricks\b/i.test(uri)) {
    const host = databricksHost(uri, env);
    return host ? `${host}/ml` : null;
  }
  return null;
}

/** DATABRICKS_HOST, else the `host` of the profile in ~/.databrickscfg (databricks://PROFILE). */
export function databricksHost(uri: string, env: NodeJS.ProcessEnv): string | null {
  const clean = (h: string) => withoutCredentials(/^https?:\/\//i.test(h) ? h : `https://${h}`).replace(/\/+$/, '');
  if (env.DATABRICKS_HOST?.trim()) return clean(env.DATABRICKS_HOST.trim());
  const profile = /^databricks:\/\/([^/?:\s]+)/.exec(uri)?.[1] ?? env.DATABRICKS_CONFIG_PROFILE ?? 'DEFAULT';
  const file = env.DATABRICKS_CONFIG_FILE ?? join(env.HOME ?? homedir(), '.databrickscfg');
  if (!existsSync(file)) return null;
  let section = '';
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const head = /^\s*\[([^\]]+)\]\s*$/.exec(line);
    if (head) section = head[1]?.trim() ?? '';
    const host = /^\s*host\s*=\s*(\S+)/.exec(line)?.[1];
    if (host && section === profile) return clean(host);
  }
  return null;
}

const enc = encodeURIComponent;

export function experimentLink(experimentId: string | null, env: NodeJS.ProcessEnv = process.env): string | null {
  const base = uiBase(env);
  return base && experimentId ? `${base}/experiments/${enc(experimentId)}/traces` : null;
}

export function traceLink(experimentId: string | null, traceId: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const tab = experimentLink(experimentId, env);
  return tab ? `${tab}?selectedEvaluationId=${enc(traceId)}` : null;
}

export function sessionLink(experimentId: string | null, sessionId: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const base = uiBase(env);
  return base && experimentId ? `${base}/experiments/${enc(experimentId)}/chat-sessions/${enc(sessionId)}` : null;
}
