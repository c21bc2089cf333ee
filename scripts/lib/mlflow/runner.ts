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
import { classifyFailure } from './failures.js';
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
/** mlflow processes running now, and since when at least one has been (overlapping calls are waited on once). */
let running = 0;
let busySince = 0;
/** How many mlflow processes this run has started: reported in --json, asserted by tests. */
export const mlflowCallCount = (): number => calls;
/** Wall time during which at least one mlflow process ran (for the benchmark's own-cost figures). */
export const mlflowWallMs = (): number => mlflowMs + (running ? performance.now() - busySince : 0);

/** One mlflow process as SKILL_PROFILE lists it: what it was asked, when it started (ms since ours), how long it took. */
export interface TimedCall {
  what: string;
  atMs: number;
  ms: number;
}
const timeline: TimedCall[] = [];
/** Every mlflow process of this run, in the order started (the benchmark's breakdown of the wall time). */
export const mlflowTimeline = (): readonly TimedCall[] => timeline;

/** `traces search --max-results 500 --no-include-spans --filter-string …`: the flags that say what a call cost, without its values' secrets. */
export const callSummary = (args: readonly string[]): string =>
  args
    .map((a, i) => (args[i - 1] === '--filter-string' || args[i - 1] === '--page-token' ? `<${a.length} chars>` : a))
    .filter((a, i) => args[i - 1] !== '--experiment-id' && a !== '--experiment-id')
    .join(' ');

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
  if (running++ === 0) busySince = performance.now();
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
  if (--running === 0) mlflowMs += performance.now() - busySince;
  timeline.push({ what: callSummary(args), atMs: Math.round(started), ms: Math.round(durationMs) });
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
