/**
 * mlflow's stderr, read: a failed process becomes one typed error with a hint (a missing trace or
 * experiment, an old mlflow, an unreachable server, refused credentials). Texts: fixtures/stderr/.
 */
import { SkillError } from '../core/errors.js';
import { redact } from '../core/redact.js';

/** The last line of a Python traceback or click error: the one that says what happened. */
export function lastErrorLine(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const error = [...lines].reverse().find((l) => /^(Error:|[\w.]*(Exception|Error)\b)/.test(l));
  return redact(error ?? lines.at(-1) ?? '(no error output)');
}

/** A connection that failed or timed out: the texts of requests, urllib3 and MLflow's retries. */
const UNREACHABLE = new RegExp(
  [
    'Max retries exceeded|NewConnectionError|Connection refused|ConnectionError|Failed to establish',
    'Name or service not known|timeout exception|Read timed out|RemoteDisconnected',
  ].join('|'),
);

/** Turns a failed mlflow process into one typed error. */
export function classifyFailure(exitCode: number | undefined, stderr: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): SkillError {
  const line = lastErrorLine(stderr);
  const has = (re: RegExp) => re.test(stderr);
  const refused = credentialFailure(stderr, env);
  if (refused) return refused;
  if (has(/No such command '?traces'?/i) || (exitCode === 2 && has(/No such command/))) {
    return new SkillError('mlflow-too-old', 'This mlflow has no `mlflow traces` command (it needs MLflow 3.4 or newer).', {
      hint: 'Upgrade with `pip install -U "mlflow>=3.4"`, or set MLFLOW_BIN to a newer mlflow.',
    });
  }
  if (has(/Object of type bytes is not JSON serializable/)) {
    return new SkillError('page-token-bug', 'mlflow could not print a page token as JSON (an MLflow CLI bug with SQL stores).', {
      hint: 'Fewer traces per call avoids it; report the command with --json output to the skill maintainers.',
    });
  }
  if (has(/Trace with (ID|request_id) '?[^']*'? not found|RESOURCE_DOES_NOT_EXIST.*[Tt]race/) || (has(/RESOURCE_DOES_NOT_EXIST/) && args.includes('get'))) {
    const at = args.indexOf('--trace-id');
    const named = at >= 0 ? args[at + 1] : /Trace with (?:ID|request_id) '?([^' ]+)'? not found/.exec(stderr)?.[1];
    return new SkillError('trace-not-found', `Trace ${named ? `${named} ` : ''}was not found in this tracking store.`, {
      hint: 'Check the id (it looks like tr-<32 hex>) and MLFLOW_TRACKING_URI; list recent ones with `mlflow traces search -x <EXPERIMENT_ID>`.',
    });
  }
  // Databricks names a missing experiment by its workspace node: "Node ID 123 does not exist."
  if (has(/[Ee]xperiment.*(does not exist|not found|Could not find)|Could not find experiment|No Experiment with id|RESOURCE_DOES_NOT_EXIST: Node ID/)) {
    return new SkillError('experiment-not-found', 'The experiment was not found in this tracking store.', {
      hint: 'Check the experiment id with `mlflow experiments search` and MLFLOW_TRACKING_URI.',
    });
  }
  if (has(/invalid literal for int\(\)|must be an integer|Invalid experiment ID/i)) {
    return new SkillError('experiment-not-found', 'The experiment id is not valid for this tracking store (ids are numbers).', {
      hint: 'Find the numeric id with `mlflow experiments search`.',
    });
  }
  if (has(UNREACHABLE)) {
    return new SkillError('unreachable', `The tracking server did not answer: ${line}`, {
      hint: 'Check that the server is running and MLFLOW_TRACKING_URI points at it.',
    });
  }
  if (exitCode === 2) {
    return new SkillError('mlflow-failed', `mlflow rejected the command: ${line}`, {
      hint: 'An MLflow version this skill does not know? Run the mlflow command shown with --verbose.',
    });
  }
  return new SkillError('mlflow-failed', `mlflow failed (exit ${exitCode ?? '?'}): ${line}`);
}

const isDatabricks = (stderr: string, env: NodeJS.ProcessEnv) =>
  /^(databricks|databricks-uc|uc)\b/i.test(env.MLFLOW_TRACKING_URI ?? '') || /Databricks credential configuration|auth_type=|Env: DATABRICKS_/.test(stderr);

/** What to set, said once for each kind of store. */
const SET_DATABRICKS =
  'For Databricks set DATABRICKS_HOST (https://<workspace>.cloud.databricks.com) and DATABRICKS_TOKEN (a personal access token), ' +
  'or a profile from ~/.databrickscfg with MLFLOW_TRACKING_URI=databricks://<profile> or DATABRICKS_CONFIG_PROFILE (`databricks auth login` writes one).';
const SET_SERVER =
  'Set MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD (a server run with --app-name basic-auth), ' +
  'or MLFLOW_TRACKING_TOKEN for a server behind a bearer-token proxy.';

/** Authentication failed: an MLflow server's, MLflow's RestException and the Databricks SDK's texts. */
const UNAUTHENTICATED = new RegExp(
  [
    String.raw`UNAUTHENTICATED|error code 401\b|\b401 Client Error|You are not authenticated|\b401 Unauthorized`,
    String.raw`Invalid access token|RestException: 401\b|RestException: 403: Invalid access token`,
  ].join('|'),
);

/**
 * Credentials missing, refused, or without the right permission: the REST texts of an MLflow
 * basic-auth server (401 "You are not authenticated", 403 "Permission denied"), MLflow's
 * RestException codes (UNAUTHENTICATED, PERMISSION_DENIED), the Databricks SDK's, and MLflow's
 * own "Reading Databricks credential configuration failed". A local file's "[Errno 13]
 * Permission denied" is not one of them. Texts: fixtures/stderr/.
 */
export function credentialFailure(stderr: string, env: NodeJS.ProcessEnv = process.env): SkillError | null {
  const has = (re: RegExp) => re.test(stderr);
  const databricks = isDatabricks(stderr, env);
  const line = lastErrorLine(stderr);
  if (has(/Reading Databricks credential configuration failed|default auth: cannot configure default credentials|Got malformed Databricks CLI profile/)) {
    const profile =
      /^databricks:\/\/([^/?\s]+)/.exec(env.MLFLOW_TRACKING_URI ?? '')?.[1] ??
      /tracking URI 'databricks:\/\/([^'"\s{}]+)'/.exec(stderr)?.[1] ??
      env.DATABRICKS_CONFIG_PROFILE;
    return new SkillError('auth', `Databricks credentials are not configured${profile ? ` (profile "${profile}" was not found or is incomplete)` : ''}.`, {
      hint: SET_DATABRICKS,
    });
  }
  if (has(UNAUTHENTICATED)) {
    return new SkillError('auth', `The tracking server refused the credentials (authentication failed): ${line}`, {
      hint: databricks ? `The token is missing, expired or wrong. ${SET_DATABRICKS}` : `The user name, password or token is missing or wrong. ${SET_SERVER}`,
    });
  }
  if (has(/PERMISSION_DENIED|error code 403\b|\b403 Client Error|Response body: '?Permission denied|RestException: 403\b|\b403 Forbidden/)) {
    return new SkillError('auth', `The tracking server denied access (permission denied): ${line}`, {
      hint: databricks
        ? 'The credentials work but lack permission: ask for CAN_READ on the experiment, or use a token of a user who has it.'
        : 'The credentials work but this user may not read the experiment: an admin can grant READ (MLflow basic-auth permissions), or use another user.',
    });
  }
  return null;
}
