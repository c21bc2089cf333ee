/**
 * How a script ends: the answer on stdout (drained before exit), or one error line on stderr
 * (plus a JSON error object with --json) and its documented exit code. No stack trace reaches
 * the user unless DEBUG=1.
 */
import { ExitCode, SkillError } from '../core/errors.js';
import { redact, redactText } from '../core/redact.js';
import { metricsTimeline } from '../mlflow/metrics.js';
import { mlflowCallCount, mlflowTimeline, mlflowWallMs } from '../mlflow/runner.js';

/** The agent-facing error shape printed with --json. */
export interface ErrorJson {
  command: string;
  error: { kind: string; message: string; hint: string | null; exitCode: number };
  mlflowCalls: number;
}

export async function exitWith(text: string): Promise<never> {
  await writeOut(text.endsWith('\n') ? text : `${text}\n`);
  reportProfile();
  process.exit(ExitCode.OK);
}

const INTERNAL_HINT = 'A bug in this skill: run the command again with DEBUG=1 for the stack, and report it with the command.';

export async function exitWithError(err: unknown, command: string, json: boolean): Promise<never> {
  const known = err instanceof SkillError;
  const e = known
    ? err
    : new SkillError('mlflow-failed', `internal error: ${redact(err instanceof Error ? err.message : String(err)).split('\n')[0]}`, { hint: INTERNAL_HINT });
  const exitCode = known ? e.exitCode : ExitCode.INTERNAL;
  // The message can quote mlflow or the trace: redacted. The hint is the tool's own words: the
  // environment's credential values are never masked in it (only token-shaped strings are).
  const message = oneLine(redact(e.message));
  const hint = e.hint ? oneLine(redactText(e.hint)) : null;
  process.stderr.write(`error: ${message}\n${hint ? `hint: ${hint}\n` : ''}`);
  if (process.env.DEBUG && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
  if (json) {
    const body: ErrorJson = { command, error: { kind: known ? e.kind : 'internal', message, hint, exitCode }, mlflowCalls: mlflowCallCount() };
    await writeOut(`${JSON.stringify(body, null, 2)}\n`);
  }
  process.exit(exitCode);
}

/** One line, bounded: a pipe keeps 64 KiB of stderr, and the hint must not be lost behind an echo. */
function oneLine(text: string, max = 1_000): string {
  const flat = text.replace(/\s*[\r\n]+\s*/g, ' ');
  return flat.length <= max ? flat : `${flat.slice(0, max)}… [+${(flat.length - max).toLocaleString('en-US')} chars]`;
}

/**
 * With SKILL_PROFILE=1, one JSON line on stderr with our own cost: CPU of this process only
 * (mlflow children excluded), peak memory, and the mlflow calls. Read by bench/bench.ts.
 */
function reportProfile(): void {
  if (!process.env.SKILL_PROFILE) return;
  const cpu = process.cpuUsage();
  const res = process.resourceUsage();
  const profile = {
    cpuMs: (cpu.user + cpu.system) / 1000,
    maxRssKb: res.maxRSS,
    mlflowCalls: mlflowCallCount(),
    mlflowWallMs: mlflowWallMs(),
    uptimeMs: process.uptime() * 1000,
    // Where the wall time went: each mlflow process and each metrics request, in order.
    timeline: [
      ...mlflowTimeline().map((c) => ({ mlflow: c.what, atMs: c.atMs, ms: c.ms })),
      ...metricsTimeline().map((r) => ({ request: r.what, atMs: r.atMs, ms: r.ms })),
    ].sort((a, b) => a.atMs - b.atMs),
  };
  process.stderr.write(`SKILL_PROFILE ${JSON.stringify(profile)}\n`);
}

/** Waits for stdout to drain: process.exit would otherwise cut a large answer sent to a pipe. */
function writeOut(text: string): Promise<void> {
  return new Promise((done) => {
    if (process.stdout.write(text)) done();
    else process.stdout.once('drain', () => done());
  });
}
