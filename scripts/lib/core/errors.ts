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
  [ExitCode.USAGE, 'bad or missing arguments'],
  [ExitCode.MLFLOW_MISSING, 'mlflow CLI not found, not runnable, or too old for `mlflow traces` (needs 3.4+)'],
  [ExitCode.UNREACHABLE, 'tracking server unreachable, or mlflow timed out'],
  [ExitCode.NOT_FOUND, 'not found: trace, experiment, a session with no traces, a --span that names no span, or an --undo run with nothing on the trace'],
  [ExitCode.BAD_DATA, 'CLI output or --from-file is not JSON, truncated, or not a trace'],
  [ExitCode.OUTPUT_DIR, 'cannot write the output directory'],
  [ExitCode.MLFLOW_FAILED, 'mlflow failed for another reason (its last error line is shown)'],
  [ExitCode.AUTH, 'credentials missing or refused (authentication failed, permission denied, Databricks not configured)'],
];

export type ErrorKind =
  | 'usage'
  | 'mlflow-missing'
  | 'mlflow-too-old'
  | 'unreachable'
  | 'timeout'
  | 'trace-not-found'
  | 'experiment-not-found'
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
    this.hint = options.hint;
  }
}
