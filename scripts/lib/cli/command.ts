/**
 * One command shape for every script: a definition (name, arguments, typed options, help) and a
 * run that returns the findings as data plus a text view. Everything at the edge comes from
 * here, once: argv parsed once, --help built from the definition, the JSON envelope, the output
 * budget and redaction of trace content, one-line errors with their exit codes.
 */
import { plural, SkillError, shown } from '../core/errors.js';
import { cacheStatus } from '../mlflow/cache.js';
import { mlflowCallCount } from '../mlflow/runner.js';
import type { ScriptName } from '../render/follow-up.js';
import { asksForJson, parseArgv, type RawValue } from './argv.js';
import { ENVIRONMENT_HELP, FETCH_OPTIONS, OUTPUT_OPTIONS } from './common-options.js';
import { exitWith, exitWithError } from './exit.js';
import { type ArgDef, helpText } from './help.js';
import { flagName, type OptionDef, type OptionShape, type OptionValues, text } from './options.js';
import { finishOutput } from './output.js';

export type { ArgDef } from './help.js';

type Common = typeof OUTPUT_OPTIONS & typeof FETCH_OPTIONS;

export interface CommandContext<S extends OptionShape> {
  /** The positional arguments by key (given as a positional, as --key, or from their env). */
  args: Record<string, string | undefined>;
  opts: OptionValues<S> & OptionValues<Common>;
  /** argv as typed, for follow-up commands that repeat this run with a change. */
  argv: readonly string[];
}

/** Files kept on disk, by what they hold: one path or several. */
export type FileMap = Record<string, string | readonly string[] | null>;

export interface CommandResult {
  /** The findings: the body of the --json envelope. */
  json: Record<string, unknown>;
  /** The text view under the output budget; rendered only when text is asked for. */
  text: () => string;
  files?: FileMap;
  /** mlflow calls by purpose, where a command makes several kinds. */
  mlflowCallsBy?: Record<string, number>;
}

export interface CommandSpec<S extends OptionShape> {
  name: ScriptName;
  /** What the command does and what it costs in mlflow calls: the paragraph under Usage. */
  summary: string;
  args?: ArgDef[];
  options?: S;
  /** Paragraphs after the options in --help. */
  notes?: string[];
  /** Declared as a method so commands with different options fit one list (method parameters are bivariant). */
  run(ctx: CommandContext<S>): Promise<CommandResult>;
}

export interface Command<S extends OptionShape = OptionShape> extends CommandSpec<S> {
  readonly options: S;
  readonly args: ArgDef[];
  help: () => string;
}

export function defineCommand<S extends OptionShape>(spec: CommandSpec<S>): Command<S> {
  const options = spec.options ?? ({} as S);
  const args = spec.args ?? [];
  const help = () =>
    helpText({
      name: spec.name,
      summary: spec.summary,
      args,
      options: { ...options, ...FETCH_OPTIONS, ...OUTPUT_OPTIONS },
      notes: [...(spec.notes ?? []), ENVIRONMENT_HELP],
    });
  return { ...spec, options, args, help };
}

/** What one run printed and how it ended, for runCommand and for in-process tests. */
export interface Outcome {
  stdout: string;
  json: boolean;
}

/** Runs a command on argv in this process: its stdout text, or a thrown SkillError. */
export async function executeCommand<S extends OptionShape>(cmd: Command<S>, argv: readonly string[]): Promise<Outcome> {
  const shape: OptionShape = { ...cmd.options, ...FETCH_OPTIONS, ...OUTPUT_OPTIONS, ...argFlags(cmd.args) };
  const parsed = parseArgv(argv, shape);
  const opts = validate(shape, parsed.raw) as OptionValues<S> & OptionValues<Common>;
  // Help is the tool's own words: printed as written, never redacted.
  if (opts.help) return { stdout: cmd.help(), json: false };
  const ctx: CommandContext<S> = { args: assignArgs(cmd.args, parsed.positionals, parsed.raw), opts, argv };
  // JSON is never cut (a cut would not parse): an agent that asked for both is told, once.
  if (opts.json && parsed.raw.maxChars !== undefined)
    process.stderr.write('note: --max-chars bounds the text view only; --json prints the whole findings (select with jq).\n');
  const result = await cmd.run(ctx);
  const body = opts.json ? JSON.stringify(envelope(cmd.name, result), null, 2) : result.text();
  return { stdout: finishOutput(body, { json: opts.json, showSecrets: opts.showSecrets, maxChars: opts.maxChars }), json: opts.json };
}

/** The entry point of every script: run, print, exit with the documented code. */
export async function runCommand<S extends OptionShape>(cmd: Command<S>, argv: readonly string[] = process.argv.slice(2)): Promise<never> {
  try {
    return await exitWith((await executeCommand(cmd, argv)).stdout);
  } catch (err) {
    return exitWithError(err, cmd.name, asksForJson(argv));
  }
}

/** Every script's JSON has this shape: command, findings, files, mlflow calls, cache. */
function envelope(name: string, r: CommandResult): Record<string, unknown> {
  return {
    command: name,
    ...r.json,
    files: r.files ?? {},
    mlflowCalls: mlflowCallCount(),
    ...(r.mlflowCallsBy ? { mlflowCallsBy: r.mlflowCallsBy } : {}),
    cache: cacheStatus(),
  };
}

/** Each argument is also an option: `--trace-id X` is the same as a first positional X. */
function argFlags(args: readonly ArgDef[]): OptionShape {
  return Object.fromEntries(args.map((a) => [a.key, { ...text(a.metavar, a.help), hidden: true }]));
}

function validate(shape: OptionShape, raw: Record<string, RawValue>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, def] of Object.entries(shape)) {
    const got = def.schema.safeParse(raw[key]);
    if (!got.success)
      throw new SkillError('usage', invalidMessage(key, def, raw[key]), {
        hint: `e.g. --${flagName(key)} ${def.example ?? def.metavar ?? 'VALUE'}; --help says what it takes.`,
      });
    out[key] = got.data;
  }
  return out;
}

function invalidMessage(key: string, def: OptionDef, value: RawValue | undefined): string {
  const text = Array.isArray(value) ? value.join(' ') : String(value);
  return `--${flagName(key)} takes ${def.expects ?? 'a value'}, not ${shown(text)}.`;
}

/**
 * Positionals fill the arguments not given as --flags, in order. When fewer are given, the
 * arguments with an environment fallback take it first (`session_transcript SESSION` with
 * MLFLOW_EXPERIMENT_ID set).
 */
function assignArgs(args: readonly ArgDef[], positionals: string[], raw: Record<string, RawValue>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  const free = args.filter((a) => typeof raw[a.key] !== 'string');
  for (const a of args) if (typeof raw[a.key] === 'string') out[a.key] = raw[a.key] as string;
  if (positionals.length > free.length) {
    const want = args.map((a) => `<${a.metavar}>`).join(' ') || 'no arguments';
    throw new SkillError('usage', `Expected ${want}, got ${plural(positionals.length, 'argument')}.`, {
      hint: 'Quote arguments that hold spaces; run with --help.',
    });
  }
  let spare = free.length - positionals.length;
  const rest = [...positionals];
  for (const a of free) {
    const env = (a.env ?? []).map((v) => process.env[v]?.trim()).find(Boolean);
    if (spare > 0 && env) {
      out[a.key] = env;
      spare--;
    } else out[a.key] = rest.shift() ?? env;
  }
  return out;
}
