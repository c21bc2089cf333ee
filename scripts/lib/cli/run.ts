/**
 * What the four scripts share at their edge: flag parsing, the output directory, and turning
 * any failure into one clear line (plus a JSON error object with --json) and an exit code.
 */
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { minimist } from 'zx';
import { EXIT_CODE_TABLE, ExitCode, SkillError } from '../core/errors.js';
import { mlflowCallCount, mlflowWallMs } from '../mlflow/runner.js';
import { finishOutput, maxCharsOf } from './output.js';
import { redact } from '../core/redact.js';

export interface FlagSpec {
  string?: string[];
  boolean?: string[];
  /** Flags holding numbers: validated as positive integers. */
  number?: string[];
  default?: Record<string, string | boolean>;
}

export interface Flags {
  _: string[];
  values: Record<string, string | boolean | number | undefined>;
}

const COMMON: Required<Pick<FlagSpec, 'string' | 'boolean' | 'number'>> = {
  string: ['from-file', 'out-dir'],
  boolean: ['json', 'help', 'fresh', 'show-secrets'],
  number: ['max-chars', 'timeout'],
};

export function parseFlags(argv: string[], spec: FlagSpec): Flags {
  const strings = [...COMMON.string, ...(spec.string ?? [])];
  const booleans = [...COMMON.boolean, ...(spec.boolean ?? [])];
  const numbers = [...COMMON.number, ...(spec.number ?? [])];
  const known = new Set([...strings, ...booleans, ...numbers, 'h']);
  const unknown: string[] = [];
  const parsed = minimist(argv, {
    string: [...strings, ...numbers, '_'],
    boolean: booleans,
    alias: { h: 'help' },
    default: spec.default ?? {},
    unknown: (arg: string) => {
      if (arg !== '-' && arg.startsWith('-') && !known.has(arg.replace(/^--?(no-)?/, '').split('=')[0] ?? '')) unknown.push(arg);
      return true;
    },
  });
  if (unknown.length) throw new SkillError('usage', `Unknown option ${unknown[0]}.`, { hint: 'Run with --help for the options.' });
  const flags: Flags = { _: (parsed._ as unknown[]).map(String), values: {} };
  for (const k of [...strings, ...booleans]) {
    const v = parsed[k];
    if (Array.isArray(v)) throw new SkillError('usage', `--${k} was given more than once.`);
    if (v !== undefined && v !== '') flags.values[k] = v as string | boolean;
    if (strings.includes(k) && v === '') throw new SkillError('usage', `--${k} needs a value.`);
  }
  for (const k of numbers) {
    const v = parsed[k];
    if (v === undefined) continue;
    const n = Number(v);
    if (!Number.isInteger(n) || n <= 0) throw new SkillError('usage', `--${k} takes a positive whole number, not ${JSON.stringify(v)}.`);
    flags.values[k] = n;
  }
  return flags;
}

export const str = (flags: Flags, key: string): string | undefined => {
  const v = flags.values[key];
  return typeof v === 'string' ? v : undefined;
};
export const num = (flags: Flags, key: string, fallback: number): number => {
  const v = flags.values[key];
  return typeof v === 'number' ? v : fallback;
};
export const bool = (flags: Flags, key: string): boolean => flags.values[key] === true;

/**
 * The directory that keeps mlflow's raw output: the user's --out-dir, or a fresh private one.
 * Created mode 0700: traces hold prompts and user data.
 */
export function prepareOutDir(outDir: string | undefined): string {
  if (!outDir) return mkdtempSync(join(tmpdir(), 'mlflow-traces-'));
  const dir = resolve(outDir);
  try {
    makeDirs(dir);
    if (!statSync(dir).isDirectory()) throw new Error('not a directory');
    accessSync(dir, constants.W_OK);
  } catch {
    throw new SkillError('output-dir', `Cannot write to --out-dir ${dir}.`, { hint: 'Pick a writable directory, or leave --out-dir out to use a private temp directory.' });
  }
  return dir;
}

/**
 * mkdir -p, one level at a time: Node's recursive mkdir can spin for a long time on special
 * file systems (/proc), where one plain mkdir fails at once.
 */
function makeDirs(dir: string): void {
  const missing: string[] = [];
  for (let d = dir; !existsSync(d); d = dirname(d)) {
    missing.unshift(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing) mkdirSync(d, { mode: 0o700 });
}

/** The options every script takes, for --help (after the script's own lines). */
export const COMMON_OPTIONS_HELP = `  --json             the same findings as one JSON object
  --out-dir DIR      also keep mlflow's raw JSON here (a hard link or copy of the cached file; that path is printed)
  --fresh            ask mlflow again even if the trace cache holds it (finished traces are reused 15 min)
  --max-chars N      hard bound on printed text (default 20000); every cut says what and how to see it
  --timeout S        give up on one mlflow call after S seconds (default 120)
  --show-secrets     print secrets found in traces as they are (default: each becomes [redacted <kind>])
  --help             this text

Environment: MLFLOW_TRACKING_URI (where traces live), MLFLOW_BIN (which mlflow; default: PATH).
Cache: $XDG_CACHE_HOME/analyzing-mlflow-traces (else ~/.cache/...), dirs 0700, files 0600, one dir per
tracking store (a hash of its URI). Every view of a trace reads the same file: one mlflow call in all.
Credentials: MLFLOW_TRACKING_USERNAME + MLFLOW_TRACKING_PASSWORD or MLFLOW_TRACKING_TOKEN (a server);
DATABRICKS_HOST + DATABRICKS_TOKEN, or MLFLOW_TRACKING_URI=databricks://<profile> (Databricks).`;

export function exitCodeHelp(): string {
  return ['Exit codes:', ...EXIT_CODE_TABLE.map(([code, what]) => `  ${code}  ${what}`)].join('\n');
}

/** The agent-facing error shape printed with --json. */
export interface ErrorJson {
  error: { kind: string; message: string; hint: string | null; exitCode: number };
  mlflowCalls: number;
}

/**
 * Runs a script's main and owns the exit: stdout gets the answer, stderr the error line, and
 * no stack trace reaches the user unless DEBUG=1.
 */
export async function runScript(main: (argv: string[]) => Promise<string>, argv = process.argv.slice(2)): Promise<never> {
  const wantsJson = argv.includes('--json');
  try {
    // Redaction happens here, once, for every script and every output form.
    const out = finishOutput(await main(argv), { json: wantsJson, showSecrets: argv.includes('--show-secrets'), maxChars: maxCharsOf(argv) });
    await writeOut(`${out}\n`);
    reportProfile();
    process.exit(ExitCode.OK);
  } catch (err) {
    const e = err instanceof SkillError
      ? err
      : new SkillError('mlflow-failed', `internal error: ${redact(err instanceof Error ? err.message : String(err)).split('\n')[0]}`);
    const exitCode = err instanceof SkillError ? e.exitCode : ExitCode.INTERNAL;
    const message = redact(e.message);
    const hint = e.hint ? redact(e.hint) : null;
    process.stderr.write(`error: ${message}\n${hint ? `hint: ${hint}\n` : ''}`);
    if (process.env.DEBUG && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
    if (wantsJson) {
      const body: ErrorJson = { error: { kind: err instanceof SkillError ? e.kind : 'internal', message, hint, exitCode }, mlflowCalls: mlflowCallCount() };
      await writeOut(`${JSON.stringify(body, null, 2)}\n`);
    }
    process.exit(exitCode);
  }
}

/**
 * With SKILL_PROFILE=1, one JSON line on stderr with our own cost: CPU of this process only
 * (mlflow children excluded), peak memory, and the mlflow calls. Read by bench/bench.ts.
 */
function reportProfile(): void {
  if (!process.env.SKILL_PROFILE) return;
  const cpu = process.cpuUsage();
  const res = process.resourceUsage();
  process.stderr.write(`SKILL_PROFILE ${JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000, maxRssKb: res.maxRSS, mlflowCalls: mlflowCallCount(), mlflowWallMs: mlflowWallMs(), uptimeMs: process.uptime() * 1000 })}\n`);
}

/** Waits for stdout to drain: process.exit would otherwise cut a large answer sent to a pipe. */
function writeOut(text: string): Promise<void> {
  return new Promise((done) => {
    if (process.stdout.write(text)) done();
    else process.stdout.once('drain', () => done());
  });
}
