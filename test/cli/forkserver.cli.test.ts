/**
 * The suite's MLFLOW_BIN (testbed/mlflow-fork) must answer exactly as the pinned executable does:
 * every other cli test trusts it to be the real CLI, only cheaper to start.
 */
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { main, MLFLOW, MLFLOW_FORKED } from '../support/helpers.js';

// What our runner gives every mlflow process (scripts/lib/mlflow/runner.ts › childEnv).
const env = { MLFLOW_TRACKING_URI: main.tracking_uri, PYTHONWARNINGS: 'ignore', PYTHONIOENCODING: 'utf-8' };
const call = (bin: string, args: string[], extra: Record<string, string> = {}) => execa(bin, args, { reject: false, env: { ...env, ...extra } });
/** JSON with object keys in order: the real CLI's key order varies with Python's hash seed. */
const canonical = (text: string) =>
  JSON.stringify(JSON.parse(text), (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
const lastLine = (s: string) => s.trim().split('\n').pop();

describe('the forked mlflow of the cli suite', () => {
  const failing = main.traces.failing as string;

  it('prints the same trace, and the same error and exit code, as the real executable', async () => {
    const [real, forked, realMissing, forkedMissing] = await Promise.all([
      call(MLFLOW, ['traces', 'get', '--trace-id', failing]),
      call(MLFLOW_FORKED, ['traces', 'get', '--trace-id', failing]),
      call(MLFLOW, ['traces', 'get', '--trace-id', 'tr-00000000000000000000000000000000']),
      call(MLFLOW_FORKED, ['traces', 'get', '--trace-id', 'tr-00000000000000000000000000000000']),
    ]);
    expect(forked.exitCode, forked.stderr).toBe(0);
    expect(canonical(forked.stdout)).toBe(canonical(real.stdout));
    expect(forkedMissing.exitCode).toBe(realMissing.exitCode);
    expect(forkedMissing.exitCode).not.toBe(0);
    expect(lastLine(forkedMissing.stderr)).toBe(lastLine(realMissing.stderr));
    expect(forkedMissing.stderr).toMatch(/^Traceback \(most recent call last\):/);
  }, 300_000);

  it('runs the real executable when the start-up settings differ, with the same answer', async () => {
    const forked = await call(MLFLOW_FORKED, ['traces', 'get', '--trace-id', failing], { PYTHONWARNINGS: 'default' });
    expect(forked.exitCode, forked.stderr).toBe(0);
    expect(JSON.parse(forked.stdout).info.trace_id).toBe(failing);
  }, 300_000);
});
