/**
 * The tracking server over REST from Node, for the two reads where an mlflow process (a Python
 * start-up of seconds) is the whole cost: QueryTraceMetrics (metrics.ts, no CLI command has it)
 * and a page of trace infos without spans (rest-search.ts). Same credentials as the CLI
 * (MLFLOW_TRACKING_USERNAME/PASSWORD, MLFLOW_TRACKING_TOKEN, user:password in the URI, the TLS
 * settings); refused credentials are exit 9 and a dead server exit 4, as on the CLI path.
 */
import { readFileSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { SkillError } from '../core/errors.js';
import { redact } from '../core/redact.js';
import { credentialFailure } from './failures.js';

/** Where a REST path lives on this tracking URI, or why it has none (a file/SQL store, Databricks). */
export type Endpoint = { url: URL; auth: string | null } | { none: string };

export function serverEndpoint(path: string, env: NodeJS.ProcessEnv = process.env): Endpoint {
  const uri = env.MLFLOW_TRACKING_URI ?? '';
  if (/^(databricks|databricks-uc|uc)(:|$)/i.test(uri)) return { none: 'a Databricks workspace (its trace metrics are not this API)' };
  if (!/^https?:\/\//i.test(uri)) return { none: uri ? 'a local or SQL store, not a tracking server' : 'no MLFLOW_TRACKING_URI (a local store)' };
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return { none: 'a tracking URI that is not a valid URL' };
  }
  // Credentials in the URI are used, never kept in the URL (nor printed).
  const inUri = url.username ? `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}` : null;
  url.username = '';
  url.password = '';
  const base = url.pathname.replace(/\/+$/, '');
  const endpoint = new URL(`${base}${path}`, url);
  const user = env.MLFLOW_TRACKING_USERNAME;
  const auth =
    user !== undefined && env.MLFLOW_TRACKING_PASSWORD !== undefined
      ? `Basic ${Buffer.from(`${user}:${env.MLFLOW_TRACKING_PASSWORD}`).toString('base64')}`
      : env.MLFLOW_TRACKING_TOKEN
        ? `Bearer ${env.MLFLOW_TRACKING_TOKEN}`
        : inUri
          ? `Basic ${Buffer.from(inUri).toString('base64')}`
          : null;
  return { url: endpoint, auth };
}

const truthy = (v: string | undefined) => !!v && /^(1|true|yes)$/i.test(v);

/** The TLS settings MLflow's REST client reads. */
function tlsOptions(env: NodeJS.ProcessEnv): RequestOptions & { rejectUnauthorized?: boolean; ca?: Buffer; cert?: Buffer; key?: Buffer } {
  const o: { rejectUnauthorized?: boolean; ca?: Buffer; cert?: Buffer; key?: Buffer } = {};
  if (truthy(env.MLFLOW_TRACKING_INSECURE_TLS)) o.rejectUnauthorized = false;
  if (env.MLFLOW_TRACKING_SERVER_CERT_PATH) o.ca = readFileSync(env.MLFLOW_TRACKING_SERVER_CERT_PATH);
  if (env.MLFLOW_TRACKING_CLIENT_CERT_PATH) {
    // MLflow passes one PEM holding both the certificate and its key.
    o.cert = readFileSync(env.MLFLOW_TRACKING_CLIENT_CERT_PATH);
    o.key = o.cert;
  }
  return o;
}

let requests = 0;
/** Requests sent to the tracking server's REST API by this process (reported beside the mlflow calls). */
export const restRequestCount = (): number => requests;

const timeline: Array<{ what: string; atMs: number; ms: number }> = [];
/** Every REST request of this run with its time (SKILL_PROFILE's breakdown beside the mlflow calls). */
export const restTimeline = (): ReadonlyArray<{ what: string; atMs: number; ms: number }> => timeline;

export interface HttpAnswer {
  status: number;
  body: string;
}

function post(url: URL, auth: string | null, body: string, timeoutMs: number, env: NodeJS.ProcessEnv): Promise<HttpAnswer> {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) };
  if (auth) headers.authorization = auth;
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((ok, fail) => {
    const req = send(url, { method: 'POST', headers, ...(url.protocol === 'https:' ? tlsOptions(env) : {}) }, (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', fail);
    });
    req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error(`no answer within ${Math.round(timeoutMs / 1000)} s`), { code: 'ETIMEDOUT' })));
    // A kept-alive socket the server closed while idle resets on reuse (Node's documented race):
    // every request here only reads, so it is sent once more on a fresh socket.
    req.on('error', (err: NodeJS.ErrnoException) =>
      req.reusedSocket && err.code === 'ECONNRESET' ? post(url, auth, body, timeoutMs, env).then(ok, fail) : fail(err),
    );
    req.end(body);
  });
}

/** The server's own message for a 4xx/5xx: `{error_code, message}`, else the body's first line. */
export function serverMessage(a: HttpAnswer): string {
  try {
    const j = JSON.parse(a.body) as { error_code?: string; message?: string };
    if (j.message)
      return (
        redact(`${j.error_code ? `${j.error_code}: ` : ''}${j.message}`)
          .split('\n')[0]
          ?.slice(0, 300) ?? ''
      );
  } catch {
    // not JSON: an HTML 404 page or a proxy's text
  }
  return redact(
    a.body
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  ).slice(0, 200);
}

const NETWORK = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|EHOSTUNREACH|ENETUNREACH|socket hang up/;

/** An answer, or why there is none that the caller can work around (a timeout, a TLS failure). */
export type Posted = { answer: HttpAnswer } | { failed: string };

/**
 * One read-only POST. Throws SkillError for refused credentials (exit 9) and a server that does not
 * answer at all (exit 4), as the CLI path would; `what` names the request in the profile's timeline.
 */
export async function postJson(
  where: { url: URL; auth: string | null },
  body: string,
  what: string,
  opts: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<Posted> {
  const env = opts.env ?? process.env;
  requests += 1;
  const started = performance.now();
  let answer: HttpAnswer;
  try {
    answer = await post(where.url, where.auth, body, opts.timeoutMs ?? 60_000, env);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const text = redact(`${e.code ?? ''} ${e.message}`.trim());
    if (e.code === 'ETIMEDOUT') return { failed: `gave ${text}` };
    if (NETWORK.test(text) || (e.code && /^E[A-Z]+$/.test(e.code) && !/^ERR_TLS|CERT|SELF_SIGNED/.test(e.code)))
      throw new SkillError('unreachable', `The tracking server did not answer: ${text}`, {
        hint: 'Check that the server is running and MLFLOW_TRACKING_URI points at it.',
      });
    return { failed: `failed: ${text}` };
  }
  timeline.push({ what, atMs: Math.round(started), ms: Math.round(performance.now() - started) });
  if (answer.status === 401 || answer.status === 403) {
    // The CLI's words for the same refusal: the request line as MLflow's REST client words it.
    const refusal = credentialFailure(
      `Error: API request to endpoint ${where.url.pathname} failed with error code ${answer.status} != 200. Response body: '${serverMessage(answer)}'`,
      env,
    );
    if (refusal) throw refusal;
  }
  return { answer };
}
