/**
 * Every way a script can fail, as one typed error with a documented exit code.
 * The message is one line saying what went wrong; the hint says what to do about it.
 */
export const ExitCode = {
  OK: 0,
  INTERNAL: 1,
  USAGE: 2,
  MLFLOW_MISSING: 3,
  UNREACHABLE: 4,
  NOT_FOUND: 5,
  BAD_DATA: 6,
  OUTPUT_DIR: 7,
  MLFLOW_FAILED: 8,
  AUTH: 9,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Shown by --help and README: one table for all four scripts. */
export const EXIT_CODE_TABLE: ReadonlyArray<readonly [ExitCode, string]> = [
  [ExitCode.OK, 'analysis done (whatever the trace itself says: an ERROR trace still exits 0)'],
  [ExitCode.INTERNAL, 'internal error in this skill (a bug); set DEBUG=1 for the stack'],
  [ExitCode.USAGE, 'bad or missing arguments, or MLFLOW_TRACKING_URI not set'],
  [ExitCode.MLFLOW_MISSING, 'mlflow CLI not found, not runnable, or too old for `mlflow traces` (needs 3.4+)'],
  [ExitCode.UNREACHABLE, 'tracking server unreachable, or mlflow timed out'],
  [
    ExitCode.NOT_FOUND,
    'not found: the tracking store (a sqlite or file path that does not exist; nothing is created), trace, experiment, ' +
      'a session with no traces, a --span that names no span, or an --undo run with nothing on the trace',
  ],
  [ExitCode.BAD_DATA, 'CLI output or --from-file is not JSON, truncated, not a trace, not a regular file, or too large'],
  [ExitCode.OUTPUT_DIR, 'cannot write the output (--out, --out-dir, the cache): a directory, device, FIFO or read-only place; checked before anything runs'],
  [ExitCode.MLFLOW_FAILED, 'mlflow failed for another reason (its last error line is shown)'],
  [ExitCode.AUTH, 'credentials missing or refused (authentication failed, permission denied, Databricks not configured)'],
];

/** Said after the table: how a signal ends a script (its mlflow process group is ended first). */
export const SIGNAL_EXIT_HELP = '  129/130/143  ended by SIGHUP / SIGINT (Ctrl-C) / SIGTERM; the mlflow it started is ended too';

export type ErrorKind =
  | 'usage'
  | 'mlflow-missing'
  | 'mlflow-too-old'
  | 'unreachable'
  | 'timeout'
  | 'trace-not-found'
  | 'experiment-not-found'
  | 'store-not-found'
  | 'session-not-found'
  | 'span-not-found'
  | 'bad-data'
  | 'output-dir'
  | 'mlflow-failed'
  | 'page-token-bug'
  | 'auth'
  | 'code-not-found'
  | 'run-not-found';

const CODE_OF: Record<ErrorKind, ExitCode> = {
  usage: ExitCode.USAGE,
  'mlflow-missing': ExitCode.MLFLOW_MISSING,
  'mlflow-too-old': ExitCode.MLFLOW_MISSING,
  unreachable: ExitCode.UNREACHABLE,
  timeout: ExitCode.UNREACHABLE,
  'trace-not-found': ExitCode.NOT_FOUND,
  'experiment-not-found': ExitCode.NOT_FOUND,
  'store-not-found': ExitCode.NOT_FOUND,
  'session-not-found': ExitCode.NOT_FOUND,
  'span-not-found': ExitCode.NOT_FOUND,
  'bad-data': ExitCode.BAD_DATA,
  'output-dir': ExitCode.OUTPUT_DIR,
  'mlflow-failed': ExitCode.MLFLOW_FAILED,
  'page-token-bug': ExitCode.MLFLOW_FAILED,
  auth: ExitCode.AUTH,
  'code-not-found': ExitCode.NOT_FOUND,
  'run-not-found': ExitCode.NOT_FOUND,
};

export class SkillError extends Error {
  override readonly name = 'SkillError';
  readonly kind: ErrorKind;
  readonly exitCode: ExitCode;
  readonly hint: string | undefined;

  constructor(kind: ErrorKind, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.kind = kind;
    this.exitCode = CODE_OF[kind];
    this.hint = options.hint ?? DEFAULT_HINT[kind];
  }
}

/** The hint of a refusal that names none of its own: every refusal says what to do next. */
const DEFAULT_HINT: Partial<Record<ErrorKind, string>> = {
  usage: 'Run the script with --help for its arguments and options.',
  'mlflow-failed': "Run the same mlflow command by hand (with this MLFLOW_TRACKING_URI) to see its whole output; DEBUG=1 shows this script's stack.",
  'bad-data': 'Expected the JSON printed by `mlflow traces get` or `mlflow traces search --output json`.',
  'output-dir': 'Pick a writable directory (or a regular file in one) for the output.',
  unreachable: 'Check that the server is running and MLFLOW_TRACKING_URI points at it.',
  'trace-not-found': 'Check the id and MLFLOW_TRACKING_URI; list recent traces with `mlflow traces search -x <EXPERIMENT_ID>`.',
  'span-not-found': 'The span tree (inspect_turn <TRACE_ID>) lists every span with its id.',
  'session-not-found': 'Check the session id and the experiment; discover_schema <EXPERIMENT> <SESSION_ID> shows where sessions live.',
  'experiment-not-found': 'Check the experiment id with `mlflow experiments search` and MLFLOW_TRACKING_URI.',
};

/** A value the user typed, fit to echo in one line: quoted, and cut with its length said when long. */
export function shown(value: string, max = 60): string {
  const flat = value.replace(/[\r\n\t]+/g, ' ');
  if (flat.length <= max) return JSON.stringify(flat);
  return `${JSON.stringify(flat.slice(0, max))}… (${value.length.toLocaleString('en-US')} chars)`;
}

/** The same, unquoted (an option name as typed). */
export function bare(value: string, max = 60): string {
  const flat = value.replace(/[\r\n\t]+/g, ' ');
  return flat.length <= max ? flat : `${flat.slice(0, max)}… (${value.length.toLocaleString('en-US')} chars)`;
}

/** "1 argument", "2 arguments". */
export const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
