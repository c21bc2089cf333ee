/** How a script ends: the answer (with one final newline) and exit 0, or one error line, a hint and its exit code. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type ErrorJson, exitWith, exitWithError } from '../../../scripts/lib/cli/exit.js';
import { ExitCode, SkillError } from '../../../scripts/lib/core/errors.js';
import { mlflowCallCount } from '../../../scripts/lib/mlflow/runner.js';

class Exited extends Error {
  constructor(readonly code: number | undefined) {
    super(`exit ${code}`);
  }
}

let out = '';
let err = '';
beforeEach(() => {
  out = '';
  err = '';
  vi.spyOn(process, 'exit').mockImplementation((code) => {
    throw new Exited(code as number | undefined);
  });
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

/** The exit code a call ended with. */
async function exitCode(p: Promise<never>): Promise<number | undefined> {
  try {
    await p;
  } catch (e) {
    if (e instanceof Exited) return e.code;
    throw e;
  }
  throw new Error('expected process.exit');
}

describe('a finished answer', () => {
  it('is printed with exactly one final newline, and exits 0', async () => {
    expect(await exitCode(exitWith('done'))).toBe(ExitCode.OK);
    expect(await exitCode(exitWith('again\n'))).toBe(ExitCode.OK);
    expect(out).toBe('done\nagain\n');
    expect(err).toBe('');
  });

  it('with SKILL_PROFILE set, adds one JSON line of its own cost on stderr', async () => {
    vi.stubEnv('SKILL_PROFILE', '1');
    await exitCode(exitWith('x'));
    const line = /^SKILL_PROFILE (.*)$/m.exec(err)?.[1] ?? '';
    expect(Object.keys(JSON.parse(line)).sort()).toEqual(['cpuMs', 'maxRssKb', 'mlflowCalls', 'mlflowWallMs', 'timeline', 'uptimeMs']);
  });
});

describe('an error', () => {
  it('a known one: its line, its hint, its exit code; nothing on stdout', async () => {
    const e = new SkillError('trace-not-found', 'Trace tr-1 was not found.', { hint: 'Check the id.' });
    expect(await exitCode(exitWithError(e, 'health_check', false))).toBe(ExitCode.NOT_FOUND);
    expect(err).toBe('error: Trace tr-1 was not found.\nhint: Check the id.\n');
    expect(out).toBe('');
  });

  it('without a hint of its own: the default hint of its kind (every refusal says what to do)', async () => {
    await exitCode(exitWithError(new SkillError('usage', 'A trace id is required.'), 'x', false));
    expect(err).toBe('error: A trace id is required.\nhint: Run the script with --help for its arguments and options.\n');
  });

  it('a long message is one bounded line: the hint is never lost behind an echo', async () => {
    await exitCode(exitWithError(new SkillError('usage', `Bad ${'x'.repeat(5_000)}\nsecond`, { hint: 'Do this.' }), 'x', false));
    const lines = err.split('\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines[0]?.length).toBeLessThan(1_100);
    expect(lines[1]).toBe('hint: Do this.');
  });

  it('an unexpected one: an internal error, its first line only, no stack unless DEBUG', async () => {
    vi.stubEnv('DEBUG', '');
    expect(await exitCode(exitWithError(new Error('boom\nsecond line'), 'x', false))).toBe(ExitCode.INTERNAL);
    expect(err).toBe(
      'error: internal error: boom\nhint: A bug in this skill: run the command again with DEBUG=1 for the stack, and report it with the command.\n',
    );
    vi.stubEnv('DEBUG', '1');
    err = '';
    await exitCode(exitWithError(new Error('boom'), 'x', false));
    expect(err).toMatch(/^error: internal error: boom\nhint: A bug[^\n]*\nError: boom\n\s+at /);
  });

  it('a secret quoted in the message or the hint is redacted', async () => {
    const key = ['sk-', 'proj-', 'T3stOnlyKey9x8c7v6b5n4m3QWERty'].join(''); // built from fragments: no key in a tracked file
    await exitCode(exitWithError(new SkillError('mlflow-failed', `mlflow failed: bad key ${key}`, { hint: `not ${key}` }), 'x', false));
    expect(err).not.toContain(key);
    expect(err).toMatch(/^error: mlflow failed: bad key \[redacted[^\n]*\nhint: not \[redacted/);
  });

  it('with --json, the same error as one JSON object on stdout', async () => {
    // The process's count: other files share this module when the unit project runs unisolated.
    const before = mlflowCallCount();
    await exitCode(exitWithError(new SkillError('usage', 'Bad.', { hint: 'Do this.' }), 'triage_traces', true));
    const body = JSON.parse(out) as ErrorJson;
    expect(body).toEqual({
      command: 'triage_traces',
      error: { kind: 'usage', message: 'Bad.', hint: 'Do this.', exitCode: ExitCode.USAGE },
      mlflowCalls: before,
    });
    out = '';
    await exitCode(exitWithError('a string thrown', 'x', true));
    expect((JSON.parse(out) as ErrorJson).error).toEqual({
      kind: 'internal',
      message: 'internal error: a string thrown',
      hint: 'A bug in this skill: run the command again with DEBUG=1 for the stack, and report it with the command.',
      exitCode: 1,
    });
  });
});
