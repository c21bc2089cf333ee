/**
 * Databricks cannot be reached from the test machines, so its failures are classified from what
 * the real mlflow CLI printed when a local server answered the way Databricks' REST API does
 * (testbed/capture-databricks.mjs → fixtures/stderr/). The same files hold what an MLflow
 * basic-auth server's 401 and 403 make the CLI print.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../../scripts/lib/core/errors.js';
import { classifyFailure } from '../../../scripts/lib/mlflow/failures.js';
import { fixture } from '../../support/helpers.js';

/** A captured stderr: its first line is `# mlflow <args>  (exit N)`. */
function captured(name: string): { args: string[]; exit: number; stderr: string } {
  const text = readFileSync(fixture(`stderr/${name}.txt`), 'utf8');
  const [head = '', ...rest] = text.split('\n');
  const m = /^# mlflow (.*)  \(exit (\d+)\)$/.exec(head);
  if (!m) throw new Error(`bad fixture header in ${name}`);
  return { args: (m[1] as string).split(' '), exit: Number(m[2]), stderr: rest.join('\n') };
}

const DATABRICKS = {
  MLFLOW_TRACKING_URI: 'databricks',
  DATABRICKS_HOST: 'https://adb-1.azuredatabricks.net',
  DATABRICKS_TOKEN: ['da', 'pi', '0123456789abcdef0123456789abcdef'].join(''),
}; // fragments: see secrets.test.ts
const SERVER = { MLFLOW_TRACKING_URI: 'http://127.0.0.1:5000', MLFLOW_TRACKING_USERNAME: 'alice', MLFLOW_TRACKING_PASSWORD: 'wrong-password' };

describe.each([
  [
    'databricks-unauthenticated',
    DATABRICKS,
    'auth',
    /refused the credentials \(authentication failed\): .*UNAUTHENTICATED: Invalid Token/,
    /DATABRICKS_HOST .* DATABRICKS_TOKEN/,
  ],
  ['databricks-invalid-token', DATABRICKS, 'auth', /authentication failed\): .*Invalid access token/, /token is missing, expired or wrong/],
  ['databricks-gateway-401', DATABRICKS, 'auth', /authentication failed/, /DATABRICKS_TOKEN/],
  [
    'databricks-permission-denied',
    DATABRICKS,
    'auth',
    /denied access \(permission denied\): .*PERMISSION_DENIED: User does not have permission 'View'/,
    /CAN_READ/,
  ],
  [
    'databricks-no-config',
    { MLFLOW_TRACKING_URI: 'databricks' },
    'auth',
    /^Databricks credentials are not configured\.$/,
    /DATABRICKS_HOST .*DATABRICKS_TOKEN.*databricks:\/\/<profile>/,
  ],
  [
    'databricks-missing-profile',
    { MLFLOW_TRACKING_URI: 'databricks://no-such-profile' },
    'auth',
    /profile "no-such-profile" was not found or is incomplete/,
    /~\/\.databrickscfg/,
  ],
  ['databricks-not-found', DATABRICKS, 'trace-not-found', /^Trace tr-0{32} was not found/, /tr-<32 hex>/],
  ['databricks-experiment-not-found', DATABRICKS, 'experiment-not-found', /experiment was not found/, /mlflow experiments search/],
  [
    'mlflow-basic-auth-401',
    SERVER,
    'auth',
    /authentication failed\): .*error code 401 != 200\. Response body: 'You are not authenticated/,
    /MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD/,
  ],
  ['mlflow-basic-auth-403', SERVER, 'auth', /permission denied\): .*error code 403 != 200\. Response body: 'Permission denied'/, /grant READ/],
] as const)('%s', (name, env, kind, message, hint) => {
  const c = captured(name);
  const e = classifyFailure(c.exit, c.stderr, c.args, env);

  it(`is "${kind}" with its exit code, one line saying what happened, and what to set`, () => {
    expect(c.exit).not.toBe(0);
    expect(e.kind).toBe(kind);
    expect(e.exitCode).toBe(kind === 'auth' ? ExitCode.AUTH : ExitCode.NOT_FOUND);
    expect(e.message).toMatch(message);
    expect(e.message).not.toContain('\n');
    expect(e.hint ?? '').toMatch(hint);
  });

  it('never shows the token or password', () => {
    expect(`${e.message} ${e.hint}`).not.toMatch(/dapi0123456789abcdef|wrong-password/);
  });
});

it('a local file\'s "Permission denied" is not a credentials problem', () => {
  const e = classifyFailure(1, "PermissionError: [Errno 13] Permission denied: '/srv/mlflow/mlflow.db'", ['traces', 'get', '--trace-id', 'tr-1'], {
    MLFLOW_TRACKING_URI: 'sqlite:////srv/mlflow/mlflow.db',
  });
  expect(e.kind).toBe('mlflow-failed');
});

it('a token the environment holds is masked even where mlflow prints it whole', () => {
  const token = 'dapiFEDCBA9876543210fedcba9876543210';
  const prev = process.env.DATABRICKS_TOKEN;
  process.env.DATABRICKS_TOKEN = token;
  try {
    const e = classifyFailure(
      1,
      `mlflow.exceptions.RestException: UNAUTHENTICATED: token ${token} expired`,
      ['traces', 'get', '--trace-id', 'tr-1'],
      DATABRICKS,
    );
    expect(e.message).not.toContain(token);
    expect(e.message).toContain('[redacted env DATABRICKS_TOKEN]');
  } finally {
    if (prev === undefined) delete process.env.DATABRICKS_TOKEN;
    else process.env.DATABRICKS_TOKEN = prev;
  }
});
