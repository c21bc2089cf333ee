/** The one command shape: argv parsed once, help from the definition, one JSON envelope. No mlflow. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseArgv } from '../../../scripts/lib/cli/argv.js';
import { type Command, executeCommand } from '../../../scripts/lib/cli/command.js';
import { count, flag, list, text, whole } from '../../../scripts/lib/cli/options.js';
import { annotateTrace } from '../../../scripts/lib/commands/annotate/annotate-trace.js';
import { compareTracesCommand } from '../../../scripts/lib/commands/compare/compare-traces.js';
import { discoverSchemaCommand } from '../../../scripts/lib/commands/session/discover-schema.js';
import { sessionTranscript } from '../../../scripts/lib/commands/session/session-transcript.js';
import { exportCase } from '../../../scripts/lib/commands/export/export-case.js';
import { healthCheck } from '../../../scripts/lib/commands/trace/health-check.js';
import { inspectTurn } from '../../../scripts/lib/commands/trace/inspect-turn.js';
import { locateCode } from '../../../scripts/lib/commands/trace/locate-code.js';
import { mlflowCallCount } from '../../../scripts/lib/mlflow/runner.js';
import { triageTraces } from '../../../scripts/lib/commands/triage/triage-traces.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../../fixtures/${name}`, import.meta.url));
const COMMANDS: Command[] = [
  healthCheck,
  inspectTurn,
  locateCode,
  discoverSchemaCommand,
  sessionTranscript,
  triageTraces,
  compareTracesCommand,
  annotateTrace,
  exportCase,
];
const shape = { json: flag('j'), maxChars: count('N', 'm', 20_000), tag: list('K=V', 't'), since: text('AGE', 's') };

describe('parseArgv', () => {
  it('takes --name value, --name=value, --flag=true|false, --no-flag and repeats of a list', () => {
    const p = parseArgv(['a', '--max-chars', '10', '--since=24h', '--json=true', '--tag', 'k=v', '--tag=x=y', 'b'], shape);
    expect(p).toEqual({ positionals: ['a', 'b'], raw: { maxChars: '10', since: '24h', json: true, tag: ['k=v', 'x=y'] } });
    expect(parseArgv(['--json=false'], shape).raw.json).toBe(false);
    expect(parseArgv(['--no-json'], shape).raw.json).toBe(false);
    expect(parseArgv(['--', '--json'], shape).positionals).toEqual(['--json']);
  });
  it('refuses an unknown option, a missing value, a repeated single value, a bad switch value', () => {
    expect(() => parseArgv(['--bogus'], shape)).toThrow(/Unknown option --bogus/);
    expect(() => parseArgv(['--since'], shape)).toThrow(/--since needs a value/);
    expect(() => parseArgv(['--since', '--json'], shape)).toThrow(/--since needs a value/);
    expect(() => parseArgv(['--since', 'a', '--since', 'b'], shape)).toThrow(/given more than once/);
    expect(() => parseArgv(['--json=maybe'], shape)).toThrow(/is a switch/);
  });
});

describe('every command', () => {
  it.each(COMMANDS.map((c) => [c.name, c] as const))('%s --help is built from its definition and never redacted', async (_name, cmd) => {
    const out = await executeCommand(cmd, ['--help']);
    expect(out.stdout).toMatch(new RegExp(`^Usage: ${cmd.name} `));
    for (const key of Object.keys(cmd.options)) expect(out.stdout).toContain(`--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
    expect(out.stdout).toContain('MLFLOW_TRACKING_PASSWORD');
    expect(out.stdout).toContain('Exit codes:');
    expect(out.stdout).not.toMatch(/redacted/i);
  });
  it('a bad number is one usage line naming the option', async () => {
    await expect(executeCommand(healthCheck, ['x', '--max-chars', 'lots'])).rejects.toThrow('--max-chars takes a positive whole number, not "lots".');
    await expect(executeCommand(healthCheck, ['a', 'b'])).rejects.toThrow(/Expected <TRACE_ID>, got 2 arguments/);
  });
  it('a whole-number option takes 0 ("none": --slices 0, as documented) and refuses the rest', () => {
    const opts = { slices: whole('N', 's', 8) };
    expect(opts.slices.schema.parse(parseArgv(['--slices', '0'], opts).raw.slices)).toBe(0);
    expect(opts.slices.schema.parse(undefined)).toBe(8);
    expect(opts.slices.schema.safeParse('-1').success).toBe(false);
  });
});

describe('--json', () => {
  const file = fixture('get-failing.json');
  it('--json and --json=true give the same valid JSON under any --max-chars, in one envelope', async () => {
    // The process's count: other files share this module when the unit project runs unisolated.
    const before = mlflowCallCount();
    const runs = await Promise.all([
      executeCommand(inspectTurn, ['--from-file', file, '--json=true', '--max-chars', '1500']),
      executeCommand(inspectTurn, ['--from-file', file, '--json']),
    ]);
    const [a, b] = runs.map((r) => JSON.parse(r.stdout) as Record<string, unknown>);
    expect(a).toEqual(b);
    expect(a).toMatchObject({ command: 'inspect_turn', mlflowCalls: before, files: { traceJson: file }, redaction: { count: 0 } });
    expect((runs[0]?.stdout.length ?? 0) > 1500).toBe(true);
  });
  it('health_check text obeys --max-chars; its JSON has the same findings', async () => {
    const [textRun, jsonRun] = await Promise.all([
      executeCommand(healthCheck, ['--from-file', file, '--max-chars', '2500']),
      executeCommand(healthCheck, ['--from-file', file, '--json']),
    ]);
    expect(textRun.stdout.length).toBeLessThanOrEqual(2500);
    const j = JSON.parse(jsonRun.stdout) as { command: string; errors: { culprits: Array<{ name: string }> } };
    expect(j.command).toBe('health_check');
    expect(textRun.stdout).toContain(j.errors.culprits[0]?.name as string);
  });
});
