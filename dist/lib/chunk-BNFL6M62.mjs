import {
  withoutCredentials
} from "./chunk-P6LUVIS6.mjs";

// scripts/lib/mlflow/links.ts
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
function uiBase(env = process.env) {
  const uri = env.MLFLOW_TRACKING_URI?.trim() ?? "";
  if (/^https?:\/\//i.test(uri)) return `${withoutCredentials(uri).replace(/\/+$/, "")}/#`;
  if (/^databricks\b/i.test(uri)) {
    const host = databricksHost(uri, env);
    return host ? `${host}/ml` : null;
  }
  return null;
}
function databricksHost(uri, env) {
  const clean = (h) => withoutCredentials(/^https?:\/\//i.test(h) ? h : `https://${h}`).replace(/\/+$/, "");
  if (env.DATABRICKS_HOST?.trim()) return clean(env.DATABRICKS_HOST.trim());
  const profile = /^databricks:\/\/([^/?:\s]+)/.exec(uri)?.[1] ?? env.DATABRICKS_CONFIG_PROFILE ?? "DEFAULT";
  const file = env.DATABRICKS_CONFIG_FILE ?? join(env.HOME ?? homedir(), ".databrickscfg");
  if (!existsSync(file)) return null;
  let section = "";
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const head = /^\s*\[([^\]]+)\]\s*$/.exec(line);
    if (head) section = head[1]?.trim() ?? "";
    const host = /^\s*host\s*=\s*(\S+)/.exec(line)?.[1];
    if (host && section === profile) return clean(host);
  }
  return null;
}
var enc = encodeURIComponent;
function experimentLink(experimentId, env = process.env) {
  const base = uiBase(env);
  return base && experimentId ? `${base}/experiments/${enc(experimentId)}/traces` : null;
}
function traceLink(experimentId, traceId, env = process.env) {
  const tab = experimentLink(experimentId, env);
  return tab ? `${tab}?selectedEvaluationId=${enc(traceId)}` : null;
}
function sessionLink(experimentId, sessionId, env = process.env) {
  const base = uiBase(env);
  return base && experimentId ? `${base}/experiments/${enc(experimentId)}/chat-sessions/${enc(sessionId)}` : null;
}

export {
  traceLink,
  sessionLink
};
