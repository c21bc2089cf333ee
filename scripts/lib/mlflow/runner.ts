/**
 * The one place that runs the mlflow CLI. stdout goes straight into a file (traces reach
 * 100 MB, and piped output is what agents' shells silently lose); stderr is kept to explain
 * failures. Arguments are an array that zx quotes: no shell ever runs a session id.
 * zx, not execa, for the same job: the bundled start-up is measured in bench/RESULTS.md.
 */
import { accessSync, closeSync, constants, fchmodSync, openSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { $ } from 'zx/core';
import { SkillError } from '../core/errors.js';
import { redact } from '../core/redact.js';
import { checkTrackingStore, probeDatabricksHost } from './store-uri.js';

export interface MlflowRun {
  /** The file holding mlflow's stdout. */
  file: string;
  stderr: string;
  durationMs: number;
}

export interface RunOptions {
  /** Overall limit for the process, in ms (MLflow's own HTTP retries are also cut short). */
  timeoutMs?: number;
}

let calls = 0;
let mlflowMs = 0;
/** How many mlflow processes this run has started: reported in --json, asserted by tests. */
export const mlflowCallCount = (): number => calls;
/** Wall time spent waiting on mlflow processes (for the benchmark's own-cost figures). */
export const mlflowWallMs = (): number => mlflowMs;

const DEFAULT_TIMEOUT_MS = 120_000;

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** MLFLOW_BIN wins; otherwise the first `mlflow` on PATH. */
export function resolveMlflowBin(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env.MLFLOW_BIN;
  if (explicit) {
    if (!isExecutableFile(explicit)) {
      throw new SkillError('mlflow-missing', `MLFLOW_BIN=${explicit} is not an executable file.`, {
        hint: 'Point MLFLOW_BIN at the mlflow executable (e.g. .venv/bin/mlflow), or unset it to use mlflow from PATH.',
      });
    }
    return explicit;
  }
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutableFile(join(dir, 'mlflow'))) return join(dir, 'mlflow');
  }
  throw new SkillError('mlflow-missing', 'The mlflow CLI was not found on PATH.', {
    hint: 'Install it with `pip install "mlflow>=3.4"` (the full package for sqlite stores), or set MLFLOW_BIN to its path.',
  });
}

/**
 * Defaults that make a dead server fail in seconds rather than after MLflow's ~4 minutes of
 * retries. A user's own setting always wins.
 */
export function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  env.MLFLOW_HTTP_REQUEST_MAX_RETRIES ??= '0';
  env.MLFLOW_HTTP_REQUEST_TIMEOUT ??= '15';
  env.PYTHONWARNINGS ??= 'ignore';
  env.PYTHONIOENCODING ??= 'utf-8';
  return env;
}

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

/** Process groups of the mlflow calls still running: ended before this process ends on a signal. */
const liveGroups = new Set<number>();
const SIGNAL_EXIT: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };
let signalsHandled = false;

/**
 * mlflow runs in its own process group, so Ctrl-C at a terminal, an agent's timeout or `timeout 5`
 * reaches node alone: without this, mlflow ran on with parent 1. Its group is ended first, then
 * this process exits with the conventional 128 + signal number.
 */
function endGroupsOnSignals(): void {
  if (signalsHandled) return;
  signalsHandled = true;
  for (const [signal, code] of Object.entries(SIGNAL_EXIT) as Array<[NodeJS.Signals, number]>) {
    process.on(signal, () => {
      for (const pid of liveGroups) {
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      process.stderr.write(
        `error: interrupted by ${signal}; the mlflow call was stopped.\nhint: Run the command again (raise --timeout if it was cut for time).\n`,
      );
      process.exit(code);
    });
  }
}

/** POSIX single quotes: every character literal in any sh (dash, ash, bash); zx's own quote writes bash's $'…'. */
export const shQuote = (arg: string): string => `'${arg.replaceAll("'", `'\\''`)}'`;

/**
 * mlflow through zx's `$`: the arguments interpolated as an array, each quoted by the quote
 * function zx is given, and `exec` so the process is mlflow itself, not a shell around it.
 * It runs in its own process group (detached), so that a timeout ends everything it started
 * (a wrapper script's children would otherwise keep stderr open and the wait going). stdout
 * is a file descriptor handed straight to mlflow: a 100 MB trace never passes through Node,
 * and no buffer limit can cut it short. /bin/sh rather than zx's bash: machines without bash
 * (Alpine) run it too.
 */
function spawnMlflow(bin: string, args: readonly string[], out: number) {
  const run = $({
    shell: '/bin/sh',
    prefix: '',
    postfix: '',
    quote: shQuote,
    stdio: ['ignore', out, 'pipe'],
    env: childEnv(),
    detached: true,
    nothrow: true,
    quiet: true,
    verbose: false,
  });
  return run`exec ${bin} ${[...args]}`;
}

/** The shell's own failure to exec mlflow (126 not executable, 127 not found: it names the path), as against mlflow's. */
const couldNotStart = (bin: string, exitCode: number | null, stderr: string): boolean =>
  (exitCode === 126 || exitCode === 127) && stderr.split('\n', 1)[0]?.includes(`${bin}:`) === true;

/** Runs `mlflow <args>` with stdout written to `outFile`. */
export async function runMlflow(args: readonly string[], outFile: string, options: RunOptions = {}): Promise<MlflowRun> {
  checkTrackingStore();
  const bin = resolveMlflowBin();
  await probeDatabricksHost();
  endGroupsOnSignals();
  const started = performance.now();
  calls += 1;
  // Progress for a person at a terminal only; agents and pipes get clean stderr.
  if (process.stderr.isTTY && !process.env.CI) process.stderr.write(`… mlflow ${args.slice(0, 2).join(' ')} (Python start-up takes a few seconds)\n`);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const out = openSync(outFile, 'w', 0o600);
  // The mode only applies to a new file: one left by an earlier run into the same --out-dir
  // keeps whatever mode it had. The file is the unredacted trace, so it is always 0600.
  fchmodSync(out, 0o600);
  const child = spawnMlflow(bin, args, out);
  const pid = child.pid;
  let timedOut = false;
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      if (pid) process.kill(-pid, signal);
    } catch {
      // already gone
    }
  };
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup('SIGTERM');
    setTimeout(() => killGroup('SIGKILL'), 2_000).unref();
  }, timeoutMs);
  const onExit = () => killGroup('SIGKILL');
  process.once('exit', onExit);
  if (pid) liveGroups.add(pid);
  const result = await child.finally(() => closeSync(out));
  if (pid) liveGroups.delete(pid);
  clearTimeout(timer);
  process.removeListener('exit', onExit);
  const durationMs = performance.now() - started;
  mlflowMs += durationMs;
  const stderr = result.stderr;
  if (timedOut) {
    throw new SkillError('timeout', `mlflow did not finish within ${Math.round(timeoutMs / 1000)} s.`, {
      hint: 'Is the tracking server up and answering? Raise the limit with --timeout SECONDS.',
    });
  }
  // No exit code and no signal: the shell itself could not be spawned.
  if ((result.exitCode === null && result.signal === null) || couldNotStart(bin, result.exitCode, stderr)) {
    const why = result.exitCode === 126 ? ' (not executable)' : result.exitCode === 127 ? ' (not found)' : '';
    throw new SkillError('mlflow-missing', `Could not start ${bin}${why}.`, {
      hint: 'Set MLFLOW_BIN to a working mlflow executable, or install mlflow with `pip install "mlflow>=3.4"`.',
    });
  }
  if (result.exitCode !== 0) throw classifyFailure(result.exitCode ?? undefined, stderr, args);
  return { file: outFile, stderr, durationMs };
}
