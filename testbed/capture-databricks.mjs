#!/usr/bin/env node
// Captures what the real mlflow CLI prints on stderr when Databricks (or an MLflow server with
// basic auth) refuses it. Databricks
// cannot be reached from here, so a local HTTP server answers the way the Databricks REST API
// does (status + JSON error body, or its plain-text gateway answers), and the real CLI talks to
// it through the real Databricks auth code (MLFLOW_TRACKING_URI=databricks, DATABRICKS_HOST,
// DATABRICKS_TOKEN). The outputs land in fixtures/stderr/databricks-*.txt and are what
// test/databricks.test.ts classifies. Re-run after an mlflow upgrade:
//
//   node testbed/capture-databricks.mjs
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const mlflow = process.env.MLFLOW_BIN ?? join(root, '.venv', 'bin', 'mlflow');
const outDir = join(root, 'fixtures', 'stderr');
// A fake in the real shape, in fragments: no tracked file may hold what secret scanners flag.
const TOKEN = ['da', 'pi', '0123456789abcdef0123456789abcdef'].join('');

/** Each scenario: what the server answers, and the environment the CLI runs with. */
const scenarios = [
  { name: 'databricks-unauthenticated', status: 401, body: { error_code: 'UNAUTHENTICATED', message: 'Invalid Token' } },
  { name: 'databricks-invalid-token', status: 403, body: { error_code: '403', message: 'Invalid access token.' } },
  {
    name: 'databricks-permission-denied',
    status: 403,
    body: { error_code: 'PERMISSION_DENIED', message: "User does not have permission 'View' on experiment '1234567890'." },
  },
  {
    name: 'databricks-not-found',
    status: 404,
    body: { error_code: 'RESOURCE_DOES_NOT_EXIST', message: "Trace with ID 'tr-00000000000000000000000000000000' not found." },
  },
  {
    name: 'databricks-experiment-not-found',
    status: 404,
    body: { error_code: 'RESOURCE_DOES_NOT_EXIST', message: 'Node ID 1234567890 does not exist.' },
    search: true,
  },
  { name: 'databricks-gateway-401', status: 401, text: '<html><body>Error 401 Unauthorized</body></html>' },
  // MLflow's own basic-auth server (`mlflow server --app-name basic-auth`) answers in plain text:
  // the bodies below are mlflow/server/auth/__init__.py's make_basic_auth_response and
  // make_forbidden_response (MLflow 3.17.2).
  {
    name: 'mlflow-basic-auth-401',
    status: 401,
    mlflowServer: true,
    text: 'You are not authenticated. Please see https://www.mlflow.org/docs/latest/auth/index.html#authenticating-to-mlflow on how to authenticate.',
  },
  { name: 'mlflow-basic-auth-403', status: 403, mlflowServer: true, text: 'Permission denied' },
  { name: 'databricks-no-config', env: { MLFLOW_TRACKING_URI: 'databricks', DATABRICKS_HOST: undefined, DATABRICKS_TOKEN: undefined } },
  { name: 'databricks-missing-profile', env: { MLFLOW_TRACKING_URI: 'databricks://no-such-profile', DATABRICKS_HOST: undefined, DATABRICKS_TOKEN: undefined } },
];

function serve(scenario) {
  return new Promise((ok) => {
    const server = createServer((req, res) => {
      req.resume();
      if (scenario.text) {
        res.writeHead(scenario.status, { 'content-type': scenario.mlflowServer ? 'text/plain' : 'text/html' });
        res.end(scenario.text);
      } else {
        res.writeHead(scenario.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(scenario.body));
      }
    });
    server.listen(0, '127.0.0.1', () => ok(server));
  });
}

mkdirSync(outDir, { recursive: true });
const only = process.argv.slice(2);
for (const s of scenarios) {
  if (only.length && !only.includes(s.name)) continue;
  const server = s.status ? await serve(s) : null;
  const home = mkdtempSync(join(tmpdir(), 'dbx-home-'));
  const env = {
    ...process.env,
    HOME: home,
    MLFLOW_TRACKING_URI: 'databricks',
    MLFLOW_HTTP_REQUEST_MAX_RETRIES: '0',
    MLFLOW_HTTP_REQUEST_TIMEOUT: '10',
    PYTHONWARNINGS: 'ignore',
  };
  if (server && s.mlflowServer)
    Object.assign(env, {
      MLFLOW_TRACKING_URI: `http://127.0.0.1:${server.address().port}`,
      MLFLOW_TRACKING_USERNAME: 'alice',
      MLFLOW_TRACKING_PASSWORD: 'wrong-password',
    });
  else if (server) Object.assign(env, { DATABRICKS_HOST: `http://127.0.0.1:${server.address().port}`, DATABRICKS_TOKEN: TOKEN });
  for (const [k, v] of Object.entries(s.env ?? {}))
    if (v === undefined) delete env[k];
    else env[k] = v;
  const args = s.search
    ? ['traces', 'search', '--experiment-id', '1234567890', '--output', 'json', '--max-results', '10']
    : ['traces', 'get', '--trace-id', 'tr-00000000000000000000000000000000'];
  // Asynchronous: the fake server lives in this process and must answer while mlflow runs.
  const res = await new Promise((done) => {
    const child = spawn(mlflow, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('close', (status) => done({ status, stderr }));
  });
  server?.close();
  // The real home directory and venv path would make the fixture machine-specific.
  const stderr = (res.stderr ?? '').split(root).join('<root>').split(home).join('<home>');
  writeFileSync(join(outDir, `${s.name}.txt`), `# mlflow ${args.join(' ')}  (exit ${res.status})\n${stderr}`);
  process.stderr.write(`[capture] ${s.name}: exit ${res.status}, last line: ${stderr.trim().split('\n').at(-1)?.slice(0, 160)}\n`);
}
